"""Soak: does a long run stay within bounded memory?  (A benchmark, not a timed test.)

The ANT corpus is streamed over and over (each repeat with its own ids, ``<id>#r<k>``, so
no two records are the same article to the output) through the real batch path twice:

* in this process (``rasad batch --workers 0``);
* on one Dask worker process (``rasad batch --workers 1``).

Each partition reports the resident memory of the process that ran it when it finished,
so the series shows whether memory levels off (bounded caches, nothing kept per article)
or keeps climbing.  Printed: a table of articles processed against RSS (MB) for both; the
plateau (mean RSS over the last quarter of the run), the growth over the second half and
the peak; written to ``bench/results/soak.json``.  Target: ≤ 500 MB per worker.

Run: ``.venv/bin/python bench/bench_soak.py [--articles N] [--every K] [--only in-process|dask]``; the default,
20,000 articles (a little over one pass of the corpus and into the second), takes a few
minutes per mode; ``--articles 100000`` (six passes) is the full soak, about 25 minutes
on 2 cores.  ``bench/run.py --limit N`` runs it on N articles.
"""

from __future__ import annotations

import argparse
import gzip
import json
import lzma
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import batch_row
from common import ANT_NEWS, Bench, args
from rasad.scale.runner import run_batch

TARGET_MB = 500.0


def write_repeats(n: int, folder: Path) -> tuple[list[str], int]:
    """The corpus repeated up to ``n`` articles, one gzip JSONL per pass; returns the files
    and the number of characters of text.  Only one line is held at a time."""
    if not ANT_NEWS.exists():
        sys.exit(f"bench: {ANT_NEWS} not found: ../shared must be beside the checkout (or set RASAD_SHARED)")
    files: list[str] = []
    done = chars = 0
    k = 0
    while done < n:
        path = folder / f"pass-{k}.jsonl.gz"
        with lzma.open(ANT_NEWS, "rt", encoding="utf-8") as src, gzip.open(path, "wt", encoding="utf-8",
                                                                        compresslevel=1) as out:
            for line in src:
                if done >= n:
                    break
                art = json.loads(line)
                art["id"] = f"{art['id']}#r{k}"
                chars += len(art.get("text") or "")
                out.write(json.dumps(art, ensure_ascii=False) + "\n")
                done += 1
        files.append(str(path))
        k += 1
    return files, chars


def series(out: Path) -> list[dict[str, float]]:
    """Per finished partition, in the order they finished: articles so far and RSS."""
    marks = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "_partitions").glob("part-*.json")]
    marks.sort(key=lambda m: m["finished"])
    done = 0
    rows = []
    for m in marks:
        done += m["documents"] + len(m["bad"])
        rows.append({"articles": done, "rss_mb": m["rss_now_mb"], "peak_mb": m["rss_mb"]})
    return rows


def summary(rows: list[dict[str, float]]) -> dict[str, Any]:
    rss = [r["rss_mb"] for r in rows]
    last_quarter = rss[-max(1, len(rss) // 4):]
    half = rss[len(rss) // 2] if rss else 0.0
    peak = max((max(r["peak_mb"], r["rss_mb"]) for r in rows), default=0.0)
    return {
        "articles": rows[-1]["articles"] if rows else 0,
        "plateau_mb": round(sum(last_quarter) / len(last_quarter), 1) if rss else 0.0,
        "growth_second_half_mb": round(rss[-1] - half, 1) if rss else 0.0,
        "peak_mb": round(peak, 1),
        "target_mb": TARGET_MB,
        "met": peak <= TARGET_MB,
    }


def sampled(rows: list[dict[str, float]], every: int) -> list[dict[str, float]]:
    """The first partition past each multiple of ``every`` articles, and the last."""
    out, next_mark = [], every
    for r in rows:
        if r["articles"] >= next_mark or r is rows[-1]:
            out.append(r)
            while next_mark <= r["articles"]:
                next_mark += every
    return out


def main() -> None:
    opts = args()
    extra = argparse.ArgumentParser()
    extra.add_argument("--articles", type=int, default=None, help="articles to stream (default 20,000)")
    extra.add_argument("--every", type=int, default=None, help="table row every K articles")
    extra.add_argument("--only", choices=["in-process", "dask"], help="run one of the two modes")
    more = extra.parse_known_args()[0]
    n = more.articles or opts.limit or 20_000
    every = more.every or max(250, n // 20)
    partition = min(250, every)
    b = Bench("soak", [])
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        inputs, chars = write_repeats(n, Path(tmp))
        passes = len(inputs)
        modes = {"in-process": ("in-process", 0), "dask": ("1 Dask worker", 1)}
        for name, workers in [modes[more.only]] if more.only else list(modes.values()):
            out = Path(tmp) / f"out{workers}"
            t = time.perf_counter()
            rep = run_batch(inputs, str(out), workers=workers, records_per_partition=partition)
            wall = time.perf_counter() - t
            rows = series(out)
            results[name] = summary(rows) | {"wall_s": round(wall, 1), "failed": len(rep.failed),
                                            "samples": sampled(rows, every)}
            b.rows.append(batch_row(name, rep, chars))
            print(f"  {name}: {rep.documents:,} articles in {wall:.0f} s, peak {results[name]['peak_mb']:.0f} MB",
                  flush=True)
    names = list(results)
    print()
    print(f"{'articles':>10}" + "".join(f"{nm + ' RSS MB':>24}" for nm in names))
    by_mark = [{int(r["articles"] // every * every): r["rss_mb"] for r in results[nm]["samples"]} for nm in names]
    for mark in sorted(set().union(*by_mark)):
        cells = "".join(f"{d[mark]:>24.1f}" if mark in d else f"{'':>24}" for d in by_mark)
        print(f"{mark:>10,}" + cells)
    for nm in names:
        r = results[nm]
        print(f"{nm}: plateau {r['plateau_mb']:.0f} MB, growth over the second half {r['growth_second_half_mb']:+.0f} MB, "
              f"peak {r['peak_mb']:.0f} MB (target <= {TARGET_MB:.0f} MB: {'met' if r['met'] else 'NOT MET'})")
    b.fact("input", {"articles": n, "passes": passes, "partition_size": partition, "every": every})
    b.fact("soak", results)
    b.note(f"RSS is the process's resident memory when each partition finished; peak is its ru_maxrss. "
           f"Load average at end {os.getloadavg()[0]:.2f}.")
    b.note("in-process RSS is the whole bench process (it also reads and plans the input).")
    b.finish(write=not opts.no_write)


if __name__ == "__main__":
    main()
