"""Documents built from careful human readings of real articles (test data, not mocks).

The API and the dashboard are tested on what they show, which must not depend on how good
the extraction stages are today.  So besides running the real pipeline, the tests store
Documents whose events come from hand readings: the seed's gold file
(../shared/seed/*.gold.json) and tests/api/data/douma-2018-04-07.json (three real ant-news
articles reporting one attack with different death tolls).  Every span is found in the real
text at load time, so offsets are true offsets into the article as received.
"""

from __future__ import annotations

import json
import lzma
from pathlib import Path
from typing import Any

from rasad.model import (
    PRECISIONS_TIME,
    Actor,
    Attribution,
    Document,
    Event,
    EventDate,
    Mention,
    Place,
    Quantity,
    Span,
    TimeExpression,
)

HERE = Path(__file__).resolve().parent
DOUMA = HERE / "data" / "douma-2018-04-07.json"

# Coordinates of the seed's places (GeoNames, public data); the gold file names the ids.
SEED_COORDS: dict[int, tuple[str, str, float, float, str]] = {
    163808: ("Tadmur (Palmyra)", "SY", 34.5624, 38.28402, "town"),
    169577: ("Homs", "SY", 34.72405, 36.72559, "admin1"),
    172955: ("Ar Raqqah", "SY", 35.95283, 39.00788, "town"),
    170794: ("Deir ez-Zor", "SY", 35.33588, 40.14084, "admin1"),
    99072: ("Mosul", "IQ", 36.335, 43.11889, "town"),
    170063: ("Aleppo", "SY", 36.20124, 37.16117, "town"),
}


def _find(text: str, needle: str, near: int = 0) -> int:
    """Offset of the occurrence of ``needle`` closest to ``near`` (ValueError if absent)."""
    hits = []
    i = text.find(needle)
    while i >= 0:
        hits.append(i)
        i = text.find(needle, i + 1)
    if not hits:
        raise ValueError(f"{needle!r} not in text")
    return min(hits, key=lambda h: abs(h - near))


def _span(text: str, needle: str, near: int = 0) -> Span:
    s = _find(text, needle, near)
    return Span(s, s + len(needle), needle)


def _quantity(text: str, q: dict[str, Any], near: int) -> Quantity:
    sp = _span(text, q["text"], near)
    return Quantity(sp.start, sp.end, sp.text, float(q["value"]), q.get("qualifier", "exact"),
                    unit=q.get("unit"), counted=q.get("counted"))


# --- the seed article, from its gold reading -------------------------------------------

def seed_document(text: str, gold: dict[str, Any]) -> Document:
    """The seed article with the events, places, actors and numbers of its gold reading."""
    doc = Document(id=gold["id"], text=text, title="الدفاع الروسية: هجوم داعش على تدمر وتعليق عمليات التحالف في الرقة",
                   published=gold["published"], outlet="RT Arabic",
                   url="https://arabic.rt.com/middle_east/rt-2016-12-12-palmyra")
    aliases: dict[str, list[str]] = {}
    for a in gold["actors"]:
        aliases[a["normalized"]] = a["text"]
        for alias in a["text"]:
            i = text.find(alias)
            while i >= 0:
                doc.mentions.append(Mention(i, i + len(alias), alias, "ORG", a["normalized"], a.get("kind")))
                i = text.find(alias, i + 1)
    by_id: dict[int, dict[str, Any]] = {p["geonameid"]: p for p in gold["places"] if p.get("geonameid")}
    for p in gold["places"]:
        i = text.find(p["text"])
        while i >= 0:
            doc.places.append(_place(p, i, i + len(p["text"]), p["text"]))
            i = text.find(p["text"], i + 1)
    primary = gold["primary_source"]
    for e in gold["events"]:
        ev_sp = _span(text, e["evidence"])
        ev = Event(
            id=e["id"], acled_type=e["acled"][0], acled_subtype=e["acled"][1],
            trigger=Span(ev_sp.start, ev_sp.start + len(e["evidence"].split()[0]), e["evidence"].split()[0]),
            evidence=ev_sp, plover_type=e.get("plover"), plover_mode=e.get("mode"), category=e.get("category"),
            confidence=0.8,
        )
        for slot in ("actor1", "actor2"):
            name = e.get(slot)
            if name:
                setattr(ev, slot, _actor(text, name, aliases.get(name, []), ev_sp.start))
        if e.get("location") in by_id:
            p = by_id[e["location"]]
            sp = _span(text, p["text"], ev_sp.start)
            ev.location = _place(p, sp.start, sp.end, sp.text, e.get("location_precision"))
        d = e.get("date")
        prec = d.get("precision", "unknown") if d else "approximate"
        ev.date = EventDate(d.get("start"), d.get("end"), prec if prec in PRECISIONS_TIME else "range",
                            d.get("basis") or prec) if d else EventDate(None, gold["published"], prec, "report date")
        if e.get("fatalities"):
            ev.fatalities = _quantity(text, e["fatalities"], ev_sp.start)
        ev.quantities = [_quantity(text, q, ev_sp.start) for q in e.get("quantities", [])]
        src = e.get("source")
        mod = src == primary["name"]
        ev.attribution = Attribution(source=src, speaker=primary["speaker"] if mod else None,
                                     verb="أكد" if mod else "أكدت", source_text=primary["speaker_ar"] if mod else None)
        doc.events.append(ev)
        doc.quantities.extend(ev.quantities + ([ev.fatalities] if ev.fatalities else []))
    # The denial the gold reading says must not be an event: stored as a denied claim.
    denial = gold["must_not_extract"][0]["evidence"]
    sp = _span(text, denial)
    doc.events.append(Event(
        id="D1", acled_type="explosions_remote_violence", acled_subtype="air_drone_strike",
        trigger=Span(sp.start, sp.start + len("لم يوجه"), "لم يوجه"), evidence=sp, modality="denied", confidence=0.6,
        actor1=_actor(text, "Military Forces of Russia (Aerospace Forces)", ["الطيران الروسي"], sp.start),
        location=_place(by_id[163808], *_find_span(text, "تدمر", sp.end)),
        attribution=Attribution(source=primary["name"], speaker=primary["speaker"], verb="شدد"),
    ))
    for expr, start, end, prec in (("الاثنين 12 ديسمبر/كانون الأول", "2016-12-12", "2016-12-12", "day"),
                                   ("يوم الخميس الماضي", "2016-12-08", "2016-12-08", "day"),
                                   ("الساعات الـ24 الماضية", "2016-12-11", "2016-12-12", "range")):
        i = text.find(expr)
        while i >= 0:
            doc.times.append(TimeExpression(i, i + len(expr), expr, start, end, prec))
            i = text.find(expr, i + 1)
    return doc


def _find_span(text: str, needle: str, near: int) -> tuple[int, int, str]:
    s = _find(text, needle, near)
    return s, s + len(needle), needle


def _place(p: dict[str, Any], start: int, end: int, surface: str, precision: str | None = None) -> Place:
    gid = p.get("geonameid")
    if gid in SEED_COORDS:
        name, cc, lat, lon, prec = SEED_COORDS[gid]
        return Place(start, end, surface, precision or prec, cc, gid, name, None, lat, lon, 0.9)
    return Place(start, end, surface, precision or p.get("precision", "unknown"), p.get("country"), gid,
                 p.get("name"), None, None, None, 0.6, within=p.get("within"))


def _actor(text: str, name: str, aliases: list[str], near: int) -> Actor:
    best: tuple[int, int, str] | None = None
    for alias in aliases:
        try:
            s = _find(text, alias, near)
        except ValueError:
            continue
        if best is None or abs(s - near) < abs(best[0] - near):
            best = (s, s + len(alias), alias)
    if best is None:
        return Actor(text=name, normalized=name)
    return Actor(best[2], best[0], best[1], name, None)


# --- the Douma articles -----------------------------------------------------------------

def ant_news(path: Path, ids: set[str]) -> dict[str, dict[str, Any]]:
    """The named records of the ant-news corpus (one pass over the compressed file)."""
    out: dict[str, dict[str, Any]] = {}
    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if not any(i in line[:120] for i in ids):
                continue
            rec = json.loads(line)
            if rec["id"] in ids:
                out[rec["id"]] = rec
                if len(out) == len(ids):
                    break
    return out


def douma_documents(corpus: Path) -> list[Document]:
    reading = json.loads(DOUMA.read_text(encoding="utf-8"))
    recs = ant_news(corpus, {a["id"] for a in reading["articles"]})
    place = reading["place"]
    docs = []
    for art in reading["articles"]:
        rec = recs[art["id"]]
        text = rec["text"]
        doc = Document(id=rec["id"], text=text, title=rec["title"], published=rec["published"],
                       outlet=rec["outlet"], url=rec["url"])
        for e in art["events"]:
            ev_sp = _span(text, e["evidence"])
            ev = Event(id=e["id"], acled_type=e["acled"][0], acled_subtype=e["acled"][1],
                       trigger=_span(text, e["trigger"], ev_sp.start), evidence=ev_sp,
                       modality=e.get("modality", "asserted"), confidence=e.get("confidence", 0.7))
            if e.get("actor1"):
                a = e["actor1"]
                s = _find(text, a["text"], ev_sp.start)
                ev.actor1 = Actor(a["text"], s, s + len(a["text"]), a.get("normalized"), a.get("kind"))
                doc.mentions.append(Mention(s, s + len(a["text"]), a["text"], "ORG", a.get("normalized"), a.get("kind")))
            ps = _find(text, place["text"], ev_sp.start)
            ev.location = Place(ps, ps + len(place["text"]), place["text"], place["precision"], place["country"], None,
                                place["name"], place["admin1"], place["lat"], place["lon"], 0.8)
            if e.get("date"):
                d = e["date"]
                ev.date = EventDate(d.get("start"), d.get("end"), d.get("precision", "unknown"), d.get("basis"))
            if e.get("fatalities"):
                ev.fatalities = _quantity(text, e["fatalities"], ev_sp.start)
                ev.fatalities.counted = e["fatalities"].get("counted")
                doc.quantities.append(ev.fatalities)
            at = e.get("attribution") or {}
            at_s = _find(text, at["source_text"], ev_sp.start) if at.get("source_text") else None
            ev.attribution = Attribution(source=at.get("source"), speaker=at.get("speaker"), verb=at.get("verb"),
                                         start=at_s, end=at_s + len(at["source_text"]) if at_s is not None else None,
                                         source_text=at.get("source_text"))
            doc.events.append(ev)
        i = text.find(place["text"])
        while i >= 0:
            doc.places.append(Place(i, i + len(place["text"]), place["text"], place["precision"], place["country"],
                                    None, place["name"], place["admin1"], place["lat"], place["lon"], 0.8))
            i = text.find(place["text"], i + 1)
        docs.append(doc)
    return docs
