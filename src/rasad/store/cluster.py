"""One real-world event, many reports: grouping event records and setting claims side by side.

Two records describe the same event when they have the same sub-type (the three territory
sub-types count as one family, since "the army took X" and "ISIS took X" are rival claims
about one fact), their dates overlap, their places lie within a distance that grows with
how vaguely each place is known, and their actors are compatible.  A cluster keeps each
source's claim; a contradiction is two sources whose fatality counts cannot both be true
(their hedged ranges do not overlap) or who name different victors for the same place.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

TERRITORY = frozenset({
    "government_regains_territory",
    "non_state_actor_overtakes_territory",
    "non_violent_transfer_of_territory",
})

# How far apart (km) two reports of one event may place it, by the vaguer precision.
RADIUS_KM = {"point": 5.0, "neighbourhood": 10.0, "town": 25.0, "district": 60.0, "admin1": 150.0}

DATE_SLACK_DAYS = 1
"""Reports of one event are often dated a day apart (night events, time zones)."""
MAX_SPAN_DAYS = 14
"""A record dated only to a month ("this month") could be any of its events: not clustered."""


def family(subtype: str) -> str:
    return "territory" if subtype in TERRITORY else subtype


@dataclass(frozen=True, slots=True)
class Record:
    """What clustering needs to know about one stored event."""

    pk: int
    doc_pk: int
    subtype: str
    date_start: str | None
    date_end: str | None
    geonameid: int | None
    country: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    actors: frozenset[str]


GENERIC_ACTORS = ("unidentified", "civilians", "unknown")
"""Actors that say nothing about identity: compatible with anyone."""


def actor_key(text: str | None, normalized: str | None) -> str | None:
    """An actor's identity for compatibility, or ``None`` when the record cannot tell.

    Only dictionary-normalised names count: the same group is "المسلحين" in one report and
    "تنظيم الدولة" in the next, so raw wording is no evidence that two actors differ.
    """
    if not normalized:
        return None
    key = normalized.strip().lower()
    return None if key.startswith(GENERIC_ACTORS) else key


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _day(s: str | None) -> date | None:
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def dates_overlap(a: Record, b: Record, slack: int = DATE_SLACK_DAYS) -> bool:
    a0, a1 = _day(a.date_start), _day(a.date_end) or _day(a.date_start)
    b0, b1 = _day(b.date_start), _day(b.date_end) or _day(b.date_start)
    a0, b0 = a0 or a1, b0 or b1
    if a0 is None or a1 is None or b0 is None or b1 is None:
        return False
    if (a1 - a0).days > MAX_SPAN_DAYS or (b1 - b0).days > MAX_SPAN_DAYS:
        return False
    d = timedelta(days=slack)
    return a0 - d <= b1 and b0 - d <= a1


def placeable(a: Record) -> bool:
    """Whether a record's place can match any other's (a gazetteer id, or a point with a radius)."""
    return a.geonameid is not None or (a.lat is not None and a.lon is not None and a.precision in RADIUS_KM)


def place_distance(a: Record, b: Record) -> float | None:
    """Distance in km if the two places are close enough to be one event's, else ``None``."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return 0.0
    if a.country and b.country and a.country != b.country:
        return None
    ra, rb = RADIUS_KM.get(a.precision or ""), RADIUS_KM.get(b.precision or "")
    if ra is None or rb is None or None in (a.lat, a.lon, b.lat, b.lon):
        return None
    d = haversine_km(a.lat, a.lon, b.lat, b.lon)  # type: ignore[arg-type]
    return d if d <= max(ra, rb) else None


def same_event(a: Record, b: Record) -> float | None:
    """A match score (higher is closer) when ``a`` and ``b`` can be one event, else ``None``."""
    if family(a.subtype) != family(b.subtype):
        return None
    if a.actors and b.actors and not (a.actors & b.actors):
        return None
    if not dates_overlap(a, b):
        return None
    d = place_distance(a, b)
    if d is None:
        return None
    return 1.0 / (1.0 + d) + (0.5 if a.subtype == b.subtype else 0.0)


# --- claims and contradictions -------------------------------------------------------

# Vague quantifiers read as ranges (عشرات = dozens: twenty and up to a hundred).
_VAGUE = {"dozens": (20.0, 99.0), "hundreds": (200.0, 999.0), "thousands": (2000.0, 9999.0)}
_APPROX = 0.15


def interval(q: dict[str, Any]) -> tuple[float, float]:
    """The range of true values a hedged count allows."""
    v = float(q.get("value") or 0.0)
    qual = q.get("qualifier") or "exact"
    lo, hi = q.get("min"), q.get("max")
    if qual == "range" and lo is not None and hi is not None:
        return float(lo), float(hi)
    if qual in _VAGUE:
        return _VAGUE[qual]
    if qual == "approximately":
        return v * (1 - _APPROX), v * (1 + _APPROX)
    if qual in ("more_than", "at_least"):
        return v, math.inf
    if qual in ("less_than", "at_most"):
        return 0.0, v
    return v, v


_SYMBOL = {"approximately": "~", "more_than": ">", "at_least": "≥", "less_than": "<", "at_most": "≤"}


def say_count(q: dict[str, Any]) -> str:
    v = q.get("value")
    n = f"{int(v):,}" if isinstance(v, int | float) and float(v).is_integer() else str(v)
    qual = q.get("qualifier") or "exact"
    if qual == "range" and q.get("min") is not None:
        return f"{int(q['min']):,}–{int(q['max']):,}"
    if qual in _VAGUE:
        return qual
    return _SYMBOL.get(qual, "") + n


def _label(claim: dict[str, Any]) -> str:
    return str(claim.get("source") or claim.get("outlet") or claim.get("document_id"))


def _comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two counts dispute each other when two articles give them, or one article quotes two named
    sources; an article's own narration beside a quoted figure usually counts something else
    (a cumulative toll, another incident), so it is not set against it."""
    return a.get("document_id") != b.get("document_id") or bool(a.get("attributed") and b.get("attributed"))


def contradictions(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fatality counts and control claims that different sources cannot both be right about."""
    out: list[dict[str, Any]] = []
    by_source: dict[str, dict[str, Any]] = {}
    for c in claims:
        if c.get("fatalities"):
            key = _label(c).lower()
            prev = by_source.get(key)
            if prev is None or float(c["fatalities"]["value"]) > float(prev["fatalities"]["value"]):
                by_source[key] = c
    fat = list(by_source.values())
    clash = any(
        _comparable(a, b) and (interval(a["fatalities"])[1] < interval(b["fatalities"])[0]
                               or interval(b["fatalities"])[1] < interval(a["fatalities"])[0])
        for i, a in enumerate(fat)
        for b in fat[i + 1 :]
    )
    if clash:
        fat.sort(key=lambda c: -float(c["fatalities"]["value"]))
        out.append({
            "kind": "fatalities",
            "claims": [{"source": _label(c), "event_id": c["event_id"], **c["fatalities"]} for c in fat],
            "summary": "; ".join(f"{_label(c)}: {say_count(c['fatalities'])} killed" for c in fat),
        })
    victors: dict[str, dict[str, Any]] = {}
    for c in claims:
        if c.get("controller"):
            victors.setdefault(_label(c).lower(), c)
    if len({side(c) for c in victors.values()}) > 1:
        vs = list(victors.values())
        out.append({
            "kind": "control",
            "claims": [{"source": _label(c), "event_id": c["event_id"], "controller": c["controller"]} for c in vs],
            "summary": "; ".join(f"{_label(c)}: {c['controller']} holds {c.get('place') or 'the place'}" for c in vs),
        })
    return out


def side(c: dict[str, Any]) -> str:
    """Which side a control claim gives the place to: every "government regains" claim is the
    government's, however the forces are named; a non-state claim is its group's."""
    if c.get("acled_subtype") == "government_regains_territory":
        return "government"
    return str(c["controller"]).lower()


def controller(event: dict[str, Any]) -> str | None:
    """Who a territory claim says holds the place afterwards."""
    if event.get("acled_subtype") not in TERRITORY:
        return None
    a1 = event.get("actor1") or {}
    if a1.get("normalized") or a1.get("text"):
        return str(a1.get("normalized") or a1.get("text"))
    if event.get("acled_subtype") == "government_regains_territory":
        return "government forces"
    return None


def distinct_claims(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One claim per (article, evidence, sub-type): an article that mentions one strike twice
    in the same words makes one claim, not two."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for c in claims:
        k = (c["document_id"], c["evidence"], c["acled_subtype"], (c.get("fatalities") or {}).get("value"))
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def claim(event: dict[str, Any]) -> dict[str, Any]:
    """One source's version of the event, as shown side by side in a cluster."""
    att = event.get("attribution") or {}
    loc = event.get("location") or {}
    return {
        "event_id": event["event_id"],
        "document_id": event["document_id"],
        "outlet": event.get("outlet"),
        "published": event.get("published"),
        "source": att.get("source") or event.get("outlet"),
        "attributed": bool(att.get("source")),
        "speaker": att.get("speaker"),
        "acled_subtype": event.get("acled_subtype"),
        "fatalities": event.get("fatalities"),
        "controller": controller(event),
        "place": loc.get("name") or loc.get("text"),
        "date": event.get("date"),
        "evidence": (event.get("evidence") or {}).get("text"),
        "modality": event.get("modality"),
    }
