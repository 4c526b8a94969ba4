"""Run every ``bench/bench_*.py`` (``make bench``), each in its own process.

A separate process per bench keeps peak-memory figures honest (one bench's models do
not count against the next).  Arguments are passed on: ``bench/run.py --limit 500``
for a quick look; ``bench/run.py text geo`` runs only bench_text.py and bench_geo.py.

Sizes by default: most benches use the whole corpus or a few thousand articles;
``bench_scale.py`` 10,000 articles (1 and 2 Dask workers); ``bench_soak.py`` 20,000
(the corpus streamed a little more than once, in this process and on one Dask worker).
The full memory soak is ``bench/bench_soak.py --articles 100000`` (six passes, about 25
minutes on 2 cores): too long for ``make bench``, run it before a release.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    only = [a for a in argv if not a.startswith("-") and not a.isdigit()]
    passthrough = [a for a in argv if a not in only]
    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in only]
    failed: list[str] = []
    for script in scripts:
        print(f"\n=== {script.name} ===", flush=True)
        t0 = time.perf_counter()
        rc = subprocess.call([sys.executable, str(script), *passthrough], cwd=BENCH_DIR.parent)
        print(f"=== {script.name}: exit {rc}, {time.perf_counter() - t0:.0f} s ===", flush=True)
        if rc != 0:
            failed.append(script.name)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
