"""The map's marker rows straight from the store's flat columns.

``Store.query_events`` returns whole event records (decoding each one's JSON), which is
right for lists and cards but costs ~1 s for 10,000 events; the map needs seven columns.
This reads those columns with the store's own filter (``Store._where``), so the two can
never disagree about which events match, and falls back to whole records if the store
ever stops exposing it.  (A public ``Store.query_markers`` would be the cleaner home.)
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from rasad.api.shapes import marker_rows
from rasad.store import EventFilter, Store


def markers(store: Store, f: EventFilter, limit: int) -> tuple[list[str], list[list[Any]], int]:
    """(types, rows, unlocated) for the events matching ``f``, newest first."""
    where = getattr(store, "_where", None)
    if where is None:
        return marker_rows(store.query_events(f, limit=limit, offset=0))
    from rasad.store import schema as t

    e, d = t.events.c, t.documents.c
    q = sa.select(e.event_id, e.lat, e.lon, e.acled_type, e.event_date, e.fatalities, e.confidence).select_from(
        t.events.join(t.documents, d.pk == e.doc_pk))
    q = where(q, f).order_by(e.event_date.desc(), e.pk).limit(limit)
    types: dict[str, int] = {}
    rows: list[list[Any]] = []
    unlocated = 0
    with store.engine.connect() as conn:
        for r in conn.execute(q):
            if r.lat is None or r.lon is None:
                unlocated += 1
                continue
            ti = types.setdefault(r.acled_type or "unknown", len(types))
            fat = r.fatalities
            rows.append([r.event_id, round(r.lat, 5), round(r.lon, 5), ti, r.event_date,
                         int(fat) if fat is not None and float(fat).is_integer() else fat,
                         None if r.confidence is None else round(r.confidence, 3)])
    return list(types), rows, unlocated
