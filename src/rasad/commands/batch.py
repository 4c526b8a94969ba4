"""``rasad batch``: run an archive through the pipeline on Dask, into partitioned Parquet."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any


def register(sub: Any) -> None:
    p = sub.add_parser(
        "batch",
        help="extract a whole archive on a Dask cluster into Parquet",
        description="Read JSONL(.xz/.gz)/text/HTML inputs (local paths, directories or fsspec URLs), run the "
        "full extraction on Dask workers, and write partitioned Parquet (documents, events, places, "
        "quantities) plus manifest.json to --out. Re-running skips finished partitions.",
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("--out", required=True, metavar="DIR")
    p.add_argument("--scheduler", metavar="ADDRESS", help="tcp://host:8786 of a running Dask scheduler "
                   "(default: start a LocalCluster sized to this machine)")
    p.add_argument("--workers", type=int, help="LocalCluster worker processes (default: cores); 0 = in this process")
    p.add_argument("--partition-size", type=int, default=250, help="records per partition (default 250)")
    p.add_argument("--retries", type=int, default=2)
    p.add_argument("--json", action="store_true", help="print the run report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasad.errors import InputError
    from rasad.scale.runner import run_batch

    if args.partition_size < 1:
        raise InputError("--partition-size", "must be at least 1")
    if args.workers is not None and args.workers < 0:
        raise InputError("--workers", "must be 0 or more")
    rep = run_batch(
        args.inputs, args.out, scheduler=args.scheduler, workers=args.workers,
        records_per_partition=args.partition_size, retries=args.retries, progress=not args.json and sys.stderr.isatty(),
    )
    if args.json:
        print(json.dumps(rep.to_json(), ensure_ascii=False, indent=2))
    else:
        print(f"{rep.documents} documents, {rep.events} events in {rep.partitions} partitions "
              f"({rep.done} run, {rep.skipped} already done, {len(rep.failed)} failed) "
              f"in {rep.seconds:.1f} s with {rep.workers or 'no'} worker(s) → {rep.out}")
        for b in rep.bad[:20]:
            print(f"  skipped {b['origin']}: {b['reason']}", file=sys.stderr)
        if len(rep.bad) > 20:
            print(f"  … and {len(rep.bad) - 20} more skipped records (see manifest.json)", file=sys.stderr)
        for f in rep.failed:
            print(f"  partition {f['index']} failed: {f['reason']}", file=sys.stderr)
    return 1 if rep.failed else 0
