"""``rasad export``: stored events as ACLED CSV, PLOVER JSONL, GeoJSON, Parquet or JSONL."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rasad.store.cliargs import add_db_arg, add_filter_args


def register(sub: Any) -> None:
    from rasad.export import FORMATS

    p = sub.add_parser("export", help="export stored events (acled, plover, geojson, parquet, jsonl, csv)",
                       description="Export stored events. acled writes ACLED's exact column layout, one row per "
                       "asserted event; plover one PLOVER-style JSON record per line; geojson a FeatureCollection "
                       "of located events; parquet a flat table (needs --out); jsonl the full records.")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", type=Path, help="output file (default: standard output)")
    add_db_arg(p)
    add_filter_args(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasad.errors import InputError
    from rasad.export import write
    from rasad.store.cliargs import filter_from_args, open_store

    if args.format == "parquet" and args.out is None:
        raise InputError("--out", "parquet is binary: give --out FILE.parquet")
    if args.out is not None and args.out.parent and not args.out.parent.exists():
        raise InputError(str(args.out), "directory does not exist")
    f = filter_from_args(args)
    with open_store(args) as store:
        n = write(store.iter_events(f), args.format, args.out if args.out is not None else sys.stdout)
    if args.out is not None:
        print(f"{args.out}: {n:,} {'rows' if args.format in ('acled', 'csv', 'parquet') else 'records'}",
              file=sys.stderr)
    return 0
