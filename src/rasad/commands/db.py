"""``rasad db``: create or migrate the event database, and show what it holds."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rasad.store.cliargs import add_db_arg


def register(sub: Any) -> None:
    p = sub.add_parser("db", help="create/migrate the event database and show its contents",
                       description="Manage the event database (SQLite file or PostgreSQL).")
    dsub = p.add_subparsers(dest="db_command", metavar="ACTION")
    up = dsub.add_parser("upgrade", help="create the schema or migrate it to the latest revision")
    add_db_arg(up)
    up.set_defaults(func=run_upgrade)
    info = dsub.add_parser("info", help="schema revision, counts, recent ingest runs")
    add_db_arg(info)
    info.add_argument("--json", action="store_true")
    info.set_defaults(func=run_info)
    runs = dsub.add_parser("run", help="one ingest run with every skipped input and its reason")
    add_db_arg(runs)
    runs.add_argument("run_id", nargs="?", help="run id (default: the latest)")
    runs.set_defaults(func=run_run)
    p.set_defaults(func=lambda a: (p.print_help(), 1)[1])


def run_upgrade(args: argparse.Namespace) -> int:
    from rasad.errors import RasadError
    from rasad.store import engine as eng
    from rasad.store.core import make_safe

    url, notes = eng.resolve_url(args.db)
    for n in notes:
        print(f"rasad: note: {n}")
    e = eng.create_engine(url)
    try:
        before, after = eng.upgrade(e)
    except Exception as ex:
        raise RasadError(f"cannot migrate {make_safe(url)}: {ex}") from None
    finally:
        e.dispose()
    if before == after:
        print(f"{make_safe(url)}: schema already at revision {after}")
    else:
        print(f"{make_safe(url)}: schema {before or '(empty)'} → {after}")
    return 0


def run_info(args: argparse.Namespace) -> int:
    from rasad.store import engine as eng
    from rasad.store.cliargs import open_store
    from rasad.store.core import make_safe

    store = open_store(args)
    with store:
        info = {"database": make_safe(store.url), "revision": eng.current_revision(store.engine),
                **{k: v for k, v in store.stats().items() if k not in ("by_day",)}, "runs": store.runs(5)}
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"database   {info['database']} (schema {info['revision']})")
    print(f"documents  {info['documents']:,} ({info['near_duplicates']:,} syndicated near-copies)")
    print(f"events     {info['events']:,} asserted, counted once")
    print(f"clusters   {info['clusters']:,} ({info['contradictions']:,} with contradicting sources)")
    for k, v in sorted(info["by_type"].items(), key=lambda x: -x[1]):
        print(f"  {k:<28} {v:>7,}")
    if info["runs"]:
        print("recent ingest runs")
        for r in info["runs"]:
            print(f"  {r['id']}  {r['status']:<11} seen {r['n_seen']:>6,}  added {r['n_added']:>6,}  "
                  f"updated {r['n_updated']:>4,}  unchanged {r['n_unchanged']:>6,}  failed {r['n_failed']:>4,}")
    return 0


def run_run(args: argparse.Namespace) -> int:
    from rasad.errors import RasadError
    from rasad.store.cliargs import open_store

    with open_store(args) as store:
        run_id = args.run_id or next((r["id"] for r in store.runs(1)), None)
        run = store.get_run(run_id) if run_id else None
    if run is None:
        raise RasadError(f"no ingest run {args.run_id!r}" if args.run_id else "no ingest runs yet")
    print(json.dumps(run, ensure_ascii=False, indent=2, default=str))
    return 0
