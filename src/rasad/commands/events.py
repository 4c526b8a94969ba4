"""``rasad events``: stored events with filters, as a table, CSV or JSON; ``--clusters`` for
the cross-source view (each source's claim side by side, contradictions first)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rasad.store.cliargs import add_db_arg, add_filter_args


def register(sub: Any) -> None:
    p = sub.add_parser("events", help="list stored events (filters; table, CSV or JSON)",
                       description="List stored events. By default only asserted events, each counted once "
                       "(syndicated copies are left out).")
    add_db_arg(p)
    add_filter_args(p)
    p.add_argument("--format", choices=("table", "csv", "json", "jsonl"), default="table")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50; 0 for all)")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--clusters", action="store_true",
                   help="show event clusters: one real-world event, every source's claim, contradictions")
    p.set_defaults(func=run)


def _short(s: Any, n: int) -> str:
    s = "" if s is None else str(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def run(args: argparse.Namespace) -> int:
    from rasad.export import write
    from rasad.store.cliargs import filter_from_args, open_store

    f = filter_from_args(args)
    with open_store(args) as store:
        if args.clusters:
            clusters = store.list_clusters(f, limit=args.limit or 1_000_000, offset=args.offset)
            if args.format in ("json", "jsonl"):
                for c in clusters:
                    sys.stdout.write(json.dumps(c, ensure_ascii=False) + "\n")
            else:
                _print_clusters(clusters)
            return 0
        events = (store.iter_events(f) if args.limit == 0 else
                  store.query_events(f, limit=args.limit, offset=args.offset))
        if args.format == "csv":
            write(events, "csv", sys.stdout)
        elif args.format == "jsonl":
            write(events, "jsonl", sys.stdout)
        elif args.format == "json":
            sys.stdout.write(json.dumps(list(events), ensure_ascii=False, indent=2) + "\n")
        else:
            total = store.count_events(f)
            _print_table(list(events), total)
    return 0


def _print_table(events: list[dict[str, Any]], total: int) -> None:
    from rasad.export.flat import flat

    print(f"{len(events):,} of {total:,} events")
    for ev in events:
        r = flat(ev)
        who = " → ".join(x for x in (r["actor1_normalized"] or r["actor1"], r["actor2_normalized"] or r["actor2"]) if x)
        where = r["place_name"] or r["place"] or "—"
        fat = f"  killed {r['fatalities_qualifier'] or ''} {r['fatalities']:g}" if r["fatalities"] is not None else ""
        src = r["source"] or r["outlet"] or "—"
        print(f"{r['event_date'] or '—':<10}  {r['acled_type']}/{r['acled_subtype']}  {where} {r['country'] or ''}"
              f"  {who or '—'}{fat}  [{src}]  conf={r['confidence']}")
        print(f"            «{_short(r['evidence'], 110)}»  {r['event_id']}")


def _print_clusters(clusters: list[dict[str, Any]]) -> None:
    print(f"{len(clusters):,} clusters")
    for c in clusters:
        flag = "  CONTRADICTION" if c["contradiction"] else ""
        print(f"{c['id']}  {c['date_start']}..{c['date_end']}  {c['acled_subtype']}  {c['place_name'] or '—'} "
              f"{c['country'] or ''}  {c['n_events']} reports, {c['n_sources']} sources{flag}")
        for x in c["contradictions"]:
            print(f"    ! {x['kind']}: {x['summary']}")
        for cl in c["claims"]:
            from rasad.store.cluster import say_count

            fat = f" — {say_count(cl['fatalities'])} killed" if cl.get("fatalities") else ""
            print(f"    {cl['source'] or '—'} ({cl['outlet'] or '?'}, {str(cl['published'] or '')[:10]}){fat}: "
                  f"«{_short(cl['evidence'], 90)}»")
