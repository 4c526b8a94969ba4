"""Command-line options shared by ``rasad events``, ``export`` and ``search``: --db and filters."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from rasad.errors import InputError
from rasad.store.core import EventFilter, Store
from rasad.store.engine import DEFAULT_URL


def add_db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="URL", help=f"database: sqlite:///FILE or postgresql+pg8000://USER:PASS@HOST/DB "
                   f"(default $RASAD_DB or {DEFAULT_URL})")


def open_store(args: argparse.Namespace) -> Store:
    store = Store.open(getattr(args, "db", None))
    for note in store.notes:
        print(f"rasad: note: {note}", file=sys.stderr)
    return store


def add_filter_args(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters")
    g.add_argument("--type", help="ACLED event type, snake_case (battles, explosions_remote_violence, ...)")
    g.add_argument("--subtype", help="ACLED sub-event type, snake_case (armed_clash, air_drone_strike, ...)")
    g.add_argument("--category", help="finer category (evacuation, humanitarian_aid, ...)")
    g.add_argument("--actor", help="actor name as written or normalised (substring)")
    g.add_argument("--country", help="ISO 3166-1 alpha-2 code (SY, YE, IQ, ...)")
    g.add_argument("--admin1", help="first-level administrative division")
    g.add_argument("--bbox", help="min_lon,min_lat,max_lon,max_lat")
    g.add_argument("--since", help="events on or after this date (YYYY-MM-DD)")
    g.add_argument("--until", help="events on or before this date (YYYY-MM-DD)")
    g.add_argument("--source", help="attributed source or outlet (substring)")
    g.add_argument("--q", help="full-text query over the articles (normalised Arabic)")
    g.add_argument("--min-confidence", type=float)
    g.add_argument("--modality", default="asserted",
                   help="asserted (default), denied, intended, hypothetical, reported_possible, or 'any'")
    g.add_argument("--document", help="events of one document id")
    g.add_argument("--cluster", help="events of one cluster id")
    g.add_argument("--include-duplicates", action="store_true",
                   help="also events of syndicated near-copies (counted once by default)")


def _date(s: str | None, opt: str) -> str | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        raise InputError(opt, f"not a date (YYYY-MM-DD): {s!r}") from None


def _bbox(s: str | None) -> tuple[float, float, float, float] | None:
    if not s:
        return None
    try:
        x0, y0, x1, y1 = (float(v) for v in s.split(","))
    except ValueError:
        raise InputError("--bbox", f"expected min_lon,min_lat,max_lon,max_lat, got {s!r}") from None
    if not (-180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90):
        raise InputError("--bbox", f"not a valid box (min before max, lon ±180, lat ±90): {s!r}")
    return x0, y0, x1, y1


def filter_from_args(args: argparse.Namespace) -> EventFilter:
    if args.min_confidence is not None and not 0 <= args.min_confidence <= 1:
        raise InputError("--min-confidence", "must be between 0 and 1")
    return EventFilter(
        type=args.type, subtype=args.subtype, category=args.category, actor=args.actor, country=args.country,
        admin1=args.admin1, bbox=_bbox(args.bbox), date_from=_date(args.since, "--since"),
        date_to=_date(args.until, "--until"), source=args.source, q=args.q, min_confidence=args.min_confidence,
        modality=None if args.modality == "any" else args.modality, document_id=args.document,
        cluster_id=args.cluster, include_duplicates=args.include_duplicates,
    )
