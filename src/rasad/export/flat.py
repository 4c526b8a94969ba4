"""One flat row per event: the shape of CSV, Parquet and terminal tables."""

from __future__ import annotations

import json
from typing import Any

FLAT_COLUMNS = (
    "event_id", "document_id", "published", "outlet", "event_date", "acled_type", "acled_subtype", "plover_type",
    "category", "modality", "confidence", "actor1", "actor1_normalized", "actor1_kind", "actor2",
    "actor2_normalized", "actor2_kind", "place", "place_name", "geonameid", "country", "admin1", "lat", "lon",
    "geo_precision", "date_start", "date_end", "date_precision", "fatalities", "fatalities_qualifier",
    "fatalities_text", "source", "speaker", "evidence", "evidence_start", "evidence_end", "cluster_id",
    "duplicate_of", "url",
)


def flat(ev: dict[str, Any]) -> dict[str, Any]:
    a1, a2 = ev.get("actor1") or {}, ev.get("actor2") or {}
    loc, d = ev.get("location") or {}, ev.get("date") or {}
    fat, att, evd = ev.get("fatalities") or {}, ev.get("attribution") or {}, ev.get("evidence") or {}
    return {
        "event_id": ev.get("event_id") or ev.get("id"),
        "document_id": ev.get("document_id"),
        "published": ev.get("published"),
        "outlet": ev.get("outlet"),
        "event_date": ev.get("event_date") or d.get("start") or d.get("end") or (ev.get("published") or "")[:10] or None,
        "acled_type": ev.get("acled_type"),
        "acled_subtype": ev.get("acled_subtype"),
        "plover_type": ev.get("plover_type"),
        "category": ev.get("category"),
        "modality": ev.get("modality"),
        "confidence": ev.get("confidence"),
        "actor1": a1.get("text"),
        "actor1_normalized": a1.get("normalized"),
        "actor1_kind": a1.get("kind"),
        "actor2": a2.get("text"),
        "actor2_normalized": a2.get("normalized"),
        "actor2_kind": a2.get("kind"),
        "place": loc.get("text"),
        "place_name": loc.get("name"),
        "geonameid": loc.get("geonameid"),
        "country": loc.get("country") or ev.get("country"),
        "admin1": loc.get("admin1"),
        "lat": loc.get("lat", ev.get("lat")),
        "lon": loc.get("lon", ev.get("lon")),
        "geo_precision": loc.get("precision"),
        "date_start": d.get("start"),
        "date_end": d.get("end"),
        "date_precision": d.get("precision"),
        "fatalities": fat.get("value"),
        "fatalities_qualifier": fat.get("qualifier"),
        "fatalities_text": fat.get("text"),
        "source": att.get("source"),
        "speaker": att.get("speaker"),
        "evidence": evd.get("text"),
        "evidence_start": evd.get("start"),
        "evidence_end": evd.get("end"),
        "cluster_id": ev.get("cluster_id"),
        "duplicate_of": ev.get("duplicate_of"),
        "url": ev.get("url"),
    }


def as_json(ev: dict[str, Any]) -> str:
    return json.dumps(ev, ensure_ascii=False)
