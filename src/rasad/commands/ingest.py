"""``rasad ingest``: articles from files, folders, corpora, pages and feeds into the database."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from rasad.errors import InputError
from rasad.store.cliargs import add_db_arg

SHOW_ERRORS = 20


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ingest",
        help="extract and store articles (text, HTML, JSONL[.gz|.xz], folders, RSS/Atom feeds, URLs)",
        description="Read articles, extract events and store them. Safe to re-run: stored articles are "
        "recognised by content and skipped; corrected re-publications (same id or URL) replace the old "
        "reading; syndicated near-copies are linked to the original and not counted twice.",
    )
    p.add_argument("inputs", nargs="*", metavar="PATH|URL", help="files, directories (recursive), or http(s) URLs")
    p.add_argument("--demo", action="store_true", help="ingest the bundled demo corpus (seed + 300 ANT reports)")
    p.add_argument("--from-parquet", metavar="DIR", action="append", default=[],
                   help="store what `rasad batch --out DIR` extracted (no re-extraction); repeatable")
    add_db_arg(p)
    p.add_argument("--published", metavar="YYYY-MM-DD",
                   help="publication date for articles that carry none (plain text without a date in its name)")
    p.add_argument("--outlet", help="outlet for articles that name none")
    p.add_argument("--batch-size", type=int, default=50, help="articles per atomic commit (default 50)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from itertools import chain as _chain

    from rasad.ingest.run import ingest
    from rasad.ingest.sources import iter_inputs, iter_parquet
    from rasad.store.cliargs import open_store

    inputs = list(args.inputs)
    if args.demo:
        from rasad.ingest.demo import demo_path

        inputs.append(str(demo_path()))
    if not inputs and not args.from_parquet:
        raise InputError("rasad ingest", "give files, directories or URLs to ingest, --demo, or --from-parquet DIR")
    if args.batch_size < 1:
        raise InputError("--batch-size", "must be at least 1")
    published = None
    if args.published:
        from rasad.ingest.sources import iso_date

        published = iso_date(args.published)
        if published is None:
            raise InputError("--published", f"not an ISO date (YYYY-MM-DD): {args.published!r}")
    store = open_store(args)
    command = "rasad ingest " + " ".join(shlex.quote(a) for a in inputs + [f"--from-parquet={d}" for d in args.from_parquet])
    from rasad.pipeline import default_pipeline, tune_gc_for_bulk

    pipe = default_pipeline().warm()  # load models before the clock starts
    tune_gc_for_bulk()
    items = _defaults(_chain(iter_inputs(inputs) if inputs else iter(()),
                             *(iter_parquet(d) for d in args.from_parquet)), published, args.outlet)
    with store:
        progress = None if args.quiet or not sys.stderr.isatty() else _progress()
        try:
            if progress is not None:
                with progress:
                    task = progress.add_task("ingest", total=None, events=0, failed=0, rate=0.0)

                    def tick(s: Any) -> None:
                        progress.update(task, completed=s.seen, events=s.result.events, failed=s.failed,
                                        rate=s.rate)

                    summary = ingest(store, items, pipeline=pipe, batch_size=args.batch_size,
                                     command=command, on_batch=tick)
            else:
                summary = ingest(store, items, pipeline=pipe, batch_size=args.batch_size,
                                 command=command)
        except KeyboardInterrupt:
            print("rasad: interrupted; every finished batch is stored — run the same command to resume",
                  file=sys.stderr)
            return 130
        stats = store.stats()
    _print_summary(summary, stats)
    return 0


def _defaults(items: Any, published: str | None, outlet: str | None) -> Any:
    """Fill in --published/--outlet where an article has none of its own."""
    from rasad.ingest.sources import Article

    for it in items:
        if isinstance(it, Article):
            it.published = it.published or published
            it.outlet = it.outlet or outlet
        yield it


def _progress() -> Any:
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold] {task.completed:,} articles"),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("{task.fields[events]:,} events found"),
        TextColumn("{task.fields[failed]:,} skipped"),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )


def _print_summary(s: Any, stats: dict[str, Any]) -> None:
    r = s.result
    print(f"ingest run {s.run_id}: {s.seen:,} inputs in {s.elapsed_s:.1f} s "
          f"({s.rate:.1f} articles/s extracted)")
    print(f"  added {r.added:,}  updated {r.updated:,}  unchanged {r.unchanged:,}  "
          f"near-duplicates {r.near_duplicates:,}  skipped {s.failed:,}")
    print(f"  events read {r.events:,} (all modalities)  joined a cluster {r.clustered:,}")
    print(f"  database now: {stats['documents']:,} documents, {stats['events']:,} asserted events, "
          f"{stats['clusters']:,} clusters ({stats['contradictions']:,} with contradictions)")
    if s.errors:
        print(f"  skipped inputs ({len(s.errors):,}):")
        for loc, reason in s.errors[:SHOW_ERRORS]:
            print(f"    {loc}: {reason}")
        if len(s.errors) > SHOW_ERRORS:
            print(f"    … {len(s.errors) - SHOW_ERRORS:,} more: rasad db run {s.run_id}")
