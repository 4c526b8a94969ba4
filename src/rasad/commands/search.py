"""``rasad search``: articles whose normalised text has every word of the query."""

from __future__ import annotations

import argparse
import json
from typing import Any

from rasad.store.cliargs import add_db_arg


def register(sub: Any) -> None:
    p = sub.add_parser("search", help="full-text search over stored articles (Arabic, normalised)",
                       description="Find stored articles containing every word of QUERY. Spelling variants "
                       "(أ/إ/ا، ة/ه، ى/ي, diacritics) and attached clitics (و، ف، ب، ل، ك، ال) are ignored: "
                       "تدمر finds بتدمر and وتدمر.")
    p.add_argument("query")
    add_db_arg(p)
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from rasad.errors import InputError
    from rasad.store.cliargs import open_store
    from rasad.store.textindex import query_words

    if not query_words(args.query):
        raise InputError("rasad search", "the query has no words to search for")
    with open_store(args) as store:
        hits = store.search(args.query, limit=args.limit)
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=2))
        return 0
    print(f"{len(hits)} article(s) for «{args.query}»" + (f" (first {args.limit})" if len(hits) == args.limit else ""))
    for h in hits:
        dup = f"  (copy of {h['duplicate_of']})" if h["duplicate_of"] else ""
        print(f"{str(h['published'] or '')[:10]:<10}  {h['outlet'] or '—'}  {h['id']}  events={h['n_events']}{dup}")
        if h["title"]:
            print(f"    {h['title']}")
        print(f"    {h['snippet']}")
    return 0
