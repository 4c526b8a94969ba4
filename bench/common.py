"""A tiny benchmark harness shared by every ``bench/bench_*.py``.

Speed is measured here, never in tests: a bench script loads real articles, times
functions over them in this one process, prints a table and writes the same figures to
``bench/results/<name>.json`` so they can be committed and compared.

How to write a bench (see ``bench_text.py``)::

    from common import Bench, load_articles

    def main() -> None:
        arts = load_articles()                      # all 16,743 ant-news articles (or --limit N)
        b = Bench("geo", arts)
        floor = b.time("tokenise (floor)", lambda a: TOKEN_RE.findall(a["text"]))
        ours = b.time("geo layer", geo_fn)
        b.ratio("geo layer vs floor", floor, ours, target="<= 10x")
        b.note("what this measures and on which machine it ran")
        b.finish()                                  # prints the table, writes results/geo.json

Rates are *per core*: everything runs in one thread, and ``articles/s`` is computed
from process CPU time, so other work on the machine does not distort it (wall-clock
rates are reported beside it).  Peak memory is the process's peak resident set size
(``resource.getrusage``) after each measurement; it only ever grows, so measure the
light things first.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import platform
import random
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
REPO = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"
SHARED = Path(os.environ.get("RASAD_SHARED", REPO.parent / "shared")).resolve()
ANT_NEWS = SHARED / "data" / "ant-news" / "ant-news-2018.jsonl.xz"

Article = dict[str, Any]


def args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Common options: ``--limit N`` (fewer articles, for a quick look), ``--no-write``."""
    p = argparse.ArgumentParser()
    p.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    p.add_argument("--no-write", action="store_true", help="print only; do not write bench/results/*.json")
    return p.parse_known_args(argv)[0]


def load_articles(limit: int | None = None, path: Path = ANT_NEWS) -> list[Article]:
    """The ant-news articles (id, outlet, published, title, text), in file order."""
    if not path.exists():
        sys.exit(f"bench: {path} not found: ../shared must be beside the checkout (or set RASAD_SHARED)")
    out: list[Article] = []
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line))
            if limit is not None and len(out) >= limit:
                break
    return out


def sample(items: Sequence[Article], n: int, seed: int = 2018) -> list[Article]:
    """A reproducible random sample (for baselines too slow to run on everything)."""
    return random.Random(seed).sample(list(items), min(n, len(items)))


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


@dataclass
class Row:
    name: str
    articles: int
    cpu_s: float
    wall_s: float
    per_s: float  # articles per CPU-second on one core
    wall_per_s: float
    ms_per_article: float
    chars_per_s: float
    peak_rss_mb: float
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Bench:
    """One benchmark run: timed rows, ratios between them, notes; printed and saved together."""

    name: str
    articles: Sequence[Article]
    rows: list[Row] = field(default_factory=list)
    ratios: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    def time(
        self, name: str, fn: Callable[[Article], Any], items: Sequence[Article] | None = None, repeat: int = 1,
        **extra: Any,
    ) -> Row:
        """Run ``fn`` on every article (in this process) and record its rate.

        ``repeat`` > 1 runs the whole pass that many times and keeps the fastest: for cheap
        passes, where a busy machine's noise is a large share of the time.
        """
        items = self.articles if items is None else items
        chars = sum(len(a["text"]) for a in items)
        cpu, wall = float("inf"), float("inf")
        for _ in range(repeat):
            c0, w0 = time.process_time(), time.perf_counter()
            for a in items:
                fn(a)
            cpu, wall = min(cpu, time.process_time() - c0), min(wall, time.perf_counter() - w0)
        cpu = max(cpu, 1e-9)
        row = Row(name, len(items), round(cpu, 3), round(wall, 3), round(len(items) / cpu, 1),
                  round(len(items) / max(wall, 1e-9), 1), round(cpu / len(items) * 1000, 4),
                  round(chars / cpu), round(peak_rss_mb(), 1), extra)
        self.rows.append(row)
        print(f"  {name}: {row.per_s:,.1f} articles/s per core ({row.articles:,} articles, {row.cpu_s:.1f} s CPU)",
              flush=True)
        return row

    def ratio(self, name: str, fast: Row, slow: Row, target: str | None = None, ok: bool | None = None) -> float:
        """How many times faster ``fast`` is than ``slow`` (articles/s over articles/s)."""
        r = fast.per_s / slow.per_s
        self.ratios.append({"name": name, "fast": fast.name, "slow": slow.name, "times": round(r, 2),
                            "target": target, "met": ok})
        return r

    def note(self, text: str) -> None:
        self.notes.append(text)

    def fact(self, key: str, value: Any) -> None:
        self.facts[key] = value

    def table(self) -> str:
        head = f"{'measurement':<44} {'articles':>9} {'art/s/core':>11} {'ms/art':>8} {'wall art/s':>11} {'peak MB':>8}"
        lines = [head, "-" * len(head)]
        for r in self.rows:
            lines.append(f"{r.name:<44} {r.articles:>9,} {r.per_s:>11,.1f} {r.ms_per_article:>8.3f} "
                         f"{r.wall_per_s:>11,.1f} {r.peak_rss_mb:>8.1f}")
        for q in self.ratios:
            met = "" if q["met"] is None else ("  met" if q["met"] else "  NOT MET")
            tgt = f"  (target {q['target']})" if q["target"] else ""
            lines.append(f"{q['name']}: {q['times']:,.2f}x{tgt}{met}")
        return "\n".join(lines)

    def finish(self, write: bool = True) -> dict[str, Any]:
        """Print the table and notes; write ``bench/results/<name>.json`` unless ``write`` is False."""
        print()
        print(self.table())
        for k, v in self.facts.items():
            print(f"{k}: {v}")
        for n in self.notes:
            print(f"note: {n}")
        out = {
            "bench": self.name,
            "rows": [asdict(r) for r in self.rows],
            "ratios": self.ratios,
            "facts": self.facts,
            "notes": self.notes,
            "environment": environment(),
        }
        if write:
            RESULTS.mkdir(exist_ok=True)
            path = RESULTS / f"{self.name}.json"
            path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            print(f"wrote {path.relative_to(REPO)}")
        return out


def environment() -> dict[str, Any]:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True,
                                text=True, check=False).stdout.strip()
    except OSError:
        commit = ""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "commit": commit,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "load_avg_1min": round(os.getloadavg()[0], 2),
    }
