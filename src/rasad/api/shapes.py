"""Output shapes of the read endpoints: GeoJSON features and the map's compact marker rows.

The map of a busy database shows tens of thousands of dots; sending each as a full event
(evidence, actors, quantities) would cost megabytes before the first paint.  A marker row
carries only what the map draws and filters on; the card fetches the rest on click.
"""

from __future__ import annotations

from typing import Any

MARKER_FIELDS = ("id", "lat", "lon", "type", "day", "fatalities", "confidence")


def event_day(ev: dict[str, Any]) -> str | None:
    """The day an event is placed on the timeline: its own date, else the article's."""
    d = ev.get("date") or {}
    day = ev.get("event_date") or d.get("start") or ev.get("published")
    return str(day)[:10] if day else None


def event_point(ev: dict[str, Any]) -> tuple[float, float] | None:
    """(lon, lat) of an event, from the store's top-level fields or its location."""
    lat, lon = ev.get("lat"), ev.get("lon")
    if lat is None or lon is None:
        loc = ev.get("location") or {}
        lat, lon = loc.get("lat"), loc.get("lon")
    if lat is None or lon is None:
        return None
    return float(lon), float(lat)


def to_feature(ev: dict[str, Any]) -> dict[str, Any]:
    pt = event_point(ev)
    return {
        "type": "Feature",
        "id": ev.get("event_id"),
        "geometry": {"type": "Point", "coordinates": [pt[0], pt[1]]} if pt else None,
        "properties": ev,
    }


def feature_collection(events: list[dict[str, Any]], **members: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", **members, "features": [to_feature(e) for e in events]}


def marker_rows(events: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]], int]:
    """(types, rows, unlocated): one short row per mappable event, types as indexes."""
    types: dict[str, int] = {}
    rows: list[list[Any]] = []
    unlocated = 0
    for ev in events:
        pt = event_point(ev)
        if pt is None:
            unlocated += 1
            continue
        t = ev.get("acled_type") or "unknown"
        ti = types.setdefault(t, len(types))
        fat = ev.get("fatalities") or {}
        rows.append([
            ev.get("event_id"),
            round(pt[1], 5),
            round(pt[0], 5),
            ti,
            event_day(ev),
            fat.get("value"),
            ev.get("confidence"),
        ])
    return list(types), rows, unlocated
