"""ACLED's column layout, filled from rasad's events: one row per asserted event.

ACLED codes events, not claims; we export only what the text asserts (denials, intentions
and hypotheticals are not events) and say in ``tags`` how hedged a number was, so a
user merging our rows with ACLED's knows "~300" from "300".
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from typing import Any

from rasad.export.mapping import acled_map, country

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)

# geo_precision: 1 the exact place, 2 a nearby/part-of area, 3 a larger region (ACLED codebook).
GEO_PRECISION = {"point": 1, "neighbourhood": 1, "town": 1, "district": 2, "admin1": 3, "country": 3, "region": 3}


def _day(s: str | None) -> date | None:
    if not s or len(s) < 10:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def event_date(ev: dict[str, Any]) -> tuple[str, int]:
    """ACLED's event date and time precision (1 day, 2 within a week, 3 within a month or more)."""
    d = ev.get("date") or {}
    start, end = _day(d.get("start")), _day(d.get("end"))
    prec = d.get("precision") or "unknown"
    when = start or end
    if when is None:  # no date in the text: the report's date, known to within a few days
        pub = _day(ev.get("published"))
        return (pub.isoformat() if pub else ""), 2
    span = (end - start).days if start and end else 0
    if prec == "day" or (prec != "approximate" and span == 0) or (prec == "range" and span <= 1):
        return when.isoformat(), 1
    if prec in ("month", "season", "year") or span > 7:
        return when.isoformat(), 3
    return when.isoformat(), 2


def _actor(a: dict[str, Any] | None) -> str:
    if not a:
        return ""
    return str(a.get("normalized") or a.get("text") or "")


def _inter(a: dict[str, Any] | None) -> int:
    if not a or not (a.get("normalized") or a.get("text")):
        return 0
    return int(acled_map()["inter_codes"].get(a.get("kind") or "", 8))


def fatalities(ev: dict[str, Any]) -> int:
    q = ev.get("fatalities")
    if not q:
        return 0
    vague = acled_map()["vague_fatalities"]
    if q.get("qualifier") in vague:
        return int(vague[q["qualifier"]])
    if q.get("qualifier") == "range" and q.get("min") is not None:
        return int(q["min"])
    return round(float(q.get("value") or 0))


_DANGLING = frozenset({"with", "from", "against", "of", "at", "regarding", "by"})


def _fmt_date(d: str) -> str:
    try:
        return date.fromisoformat(d).strftime("%-d %B %Y")
    except ValueError:
        return d


def notes(ev: dict[str, Any], when: str) -> str:
    """An English summary when actors and place have English names; else the Arabic evidence."""
    m = acled_map()
    a1, a2 = ev.get("actor1") or {}, ev.get("actor2") or {}
    loc = ev.get("location") or {}
    phrase = m["note_phrases"].get(ev.get("acled_subtype"), "")
    place = loc.get("name")
    att = ev.get("attribution") or {}
    english = bool(a1.get("normalized") and place and phrase and (not a2 or a2.get("normalized")))
    if english:
        c = country(loc.get("country"))
        where = str(place) + (f", {c.name}" if c and c.name != place else "")
        if a2:
            obj = f" {a2['normalized']}"
        else:  # no second actor: "clashed with" → "clashed", "regained control from" → "regained control"
            obj = ""
            while phrase.split()[-1] in _DANGLING and len(phrase.split()) > 1:
                phrase = phrase.rsplit(" ", 1)[0]
        s = f"On {_fmt_date(when)}, {a1['normalized']} {phrase}{obj} in {where}."
        if ev.get("fatalities"):
            from rasad.store.cluster import say_count

            s += f" {say_count(ev['fatalities'])} fatalities reported."
        if att.get("source"):
            s += f" According to {att['source']}."
        return s
    ev_text = (ev.get("evidence") or {}).get("text") or ""
    src = att.get("source_text") or att.get("source")
    return ev_text + (f" ({src})" if src else "")


def _tags(ev: dict[str, Any]) -> str:
    tags = [f"rasad event {ev.get('event_id') or ev.get('id')}"]
    q = ev.get("fatalities")
    if q and q.get("qualifier") not in (None, "exact"):
        tags.append(f"fatalities {q['qualifier']}: {q.get('text', '')}".strip())
    if ev.get("category"):
        tags.append(f"category={ev['category']}")
    conf = ev.get("confidence")
    if conf is not None:
        tags.append(f"confidence={float(conf):.2f}")
    return "; ".join(tags)


def event_id_cnty(ev: dict[str, Any], iso3: str) -> str:
    """ISO3 plus a number stable for the same stored event across exports."""
    key = str(ev.get("event_id") or ev.get("id"))
    return f"{iso3}{int(hashlib.sha1(key.encode('utf-8')).hexdigest()[:8], 16) % 10**8}"


def row(ev: dict[str, Any], timestamp: int | None = None) -> dict[str, Any]:
    m = acled_map()
    loc = ev.get("location") or {}
    iso2 = loc.get("country") or ev.get("country")
    c = country(iso2)
    when, tprec = event_date(ev)
    a1, a2 = ev.get("actor1"), ev.get("actor2")
    i1, i2 = _inter(a1), _inter(a2)
    interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else i1 * 10 if i1 else i2 * 10
    subtype = ev.get("acled_subtype") or "other"
    civ = subtype in ("attack", "abduction_forced_disappearance", "sexual_violence") or (a2 or {}).get("kind") == "civilians"
    att = ev.get("attribution") or {}
    sources = [s for s in (ev.get("outlet"), att.get("source")) if s]
    return {
        "event_id_cnty": event_id_cnty(ev, c.iso3 if c else "XXX"),
        "event_date": when,
        "year": int(when[:4]) if when else None,
        "time_precision": tprec,
        "disorder_type": m["disorder_overrides"].get(subtype) or m["disorder_types"].get(ev.get("acled_type"), ""),
        "event_type": m["event_types"].get(ev.get("acled_type"), ev.get("acled_type")),
        "sub_event_type": m["sub_event_types"].get(subtype, subtype),
        "actor1": _actor(a1),
        "assoc_actor_1": "",
        "inter1": i1,
        "actor2": _actor(a2),
        "assoc_actor_2": "",
        "inter2": i2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if civ else "",
        "iso": c.numeric if c else 0,
        "region": c.region if c else "",
        "country": c.name if c else "",
        "admin1": loc.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": loc.get("name") or loc.get("text") or "",
        "latitude": loc.get("lat") if loc.get("lat") is not None else ev.get("lat"),
        "longitude": loc.get("lon") if loc.get("lon") is not None else ev.get("lon"),
        "geo_precision": GEO_PRECISION.get(loc.get("precision") or "", 3),
        "source": "; ".join(dict.fromkeys(sources)),
        "source_scale": "",
        "notes": notes(ev, when),
        "fatalities": fatalities(ev),
        "tags": _tags(ev),
        "timestamp": timestamp if timestamp is not None else int(datetime.now(UTC).timestamp()),
    }


def rows(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """ACLED rows for the asserted events among ``events``."""
    ts = int(datetime.now(UTC).timestamp())
    for ev in events:
        if ev.get("modality", "asserted") == "asserted":
            yield row(ev, ts)
