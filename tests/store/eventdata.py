"""Test articles with events written out by hand (test data, not a stand-in for the events stage).

Each article is real Arabic text run through the real pipeline; its events are then set
explicitly, with offsets found in the text, so that clustering, contradictions, filters and
exports are tested on known events whatever the extraction stages currently find.
"""

from __future__ import annotations

from typing import Any

import pytest

from rasad.model import Actor, Attribution, Document, Event, EventDate, Place, Quantity, Span

TADMUR = {"geonameid": 163808, "name": "Tadmur", "country": "SY", "admin1": "Homs", "lat": 34.5624,
          "lon": 38.28402, "precision": "town"}
ALEPPO = {"geonameid": 170063, "name": "Aleppo", "country": "SY", "admin1": "Aleppo", "lat": 36.20124,
          "lon": 37.16117, "precision": "neighbourhood"}
SHEIKH_MISKIN = {"geonameid": None, "name": "Sheikh Miskin", "country": "SY", "admin1": "Daraa", "lat": 32.8292,
                 "lon": 36.1589, "precision": "town"}
IDLIB = {"geonameid": 169388, "name": "Idlib", "country": "SY", "admin1": "Idlib", "lat": 35.93333,
         "lon": 36.63333, "precision": "town"}

ISIS = ("تنظيم داعش", "Islamic State (ISIS)", "rebel_group")
RUSSIA = ("الطيران الروسي", "Military Forces of Russia", "external_force")
SYRIA = ("الجيش السوري", "Military Forces of Syria", "state_forces")
REBELS = ("فصائل المعارضة", "Syrian opposition factions", "rebel_group")

ARTICLES: dict[str, dict[str, Any]] = {
    "rt-air": {
        "outlet": "RT Arabic", "published": "2016-12-12",
        "text": "قالت وزارة الدفاع الروسية إن الطيران الروسي شن غارات على مواقع تنظيم داعش قرب مدينة تدمر، "
                "وأسفرت الغارات عن مقتل زهاء 300 مسلح من التنظيم خلال يومين.",
        "events": [dict(id="E1", type="explosions_remote_violence", subtype="air_drone_strike", trigger="شن غارات",
                        evidence="شن غارات على مواقع تنظيم داعش قرب مدينة تدمر", place=("تدمر", TADMUR),
                        actor1=RUSSIA, actor2=ISIS, date=("2016-12-10", "2016-12-11", "approximate"),
                        fatalities=("زهاء 300 مسلح", 300, "approximately"), source="Russian Ministry of Defence",
                        confidence=0.9)],
    },
    "sohr-air": {
        "outlet": "Enab Baladi", "published": "2016-12-11",
        "text": "أفاد المرصد السوري لحقوق الإنسان بأن غارات جوية استهدفت مواقع لتنظيم داعش في محيط تدمر "
                "بريف حمص الشرقي، ما أدى إلى مقتل 57 عنصرا من التنظيم.",
        "events": [dict(id="E1", type="explosions_remote_violence", subtype="air_drone_strike", trigger="غارات جوية",
                        evidence="غارات جوية استهدفت مواقع لتنظيم داعش في محيط تدمر", place=("تدمر", TADMUR),
                        actor1=None, actor2=ISIS, date=("2016-12-11", "2016-12-11", "day"),
                        fatalities=("57 عنصرا", 57, "exact"), source="Syrian Observatory for Human Rights",
                        confidence=0.8)],
    },
    "aleppo-air": {
        "outlet": "Orient News", "published": "2016-12-11",
        "text": "قصفت طائرات حربية أحياء في حلب الشرقية صباح اليوم، ما أسفر عن مقتل 12 مدنيا بحسب ناشطين محليين.",
        "events": [dict(id="E1", type="explosions_remote_violence", subtype="air_drone_strike", trigger="قصفت",
                        evidence="قصفت طائرات حربية أحياء في حلب الشرقية", place=("حلب الشرقية", ALEPPO),
                        actor1=None, actor2=None, date=("2016-12-11", "2016-12-11", "day"),
                        fatalities=("12 مدنيا", 12, "exact"), source="local activists", confidence=0.7)],
    },
    "sana-town": {
        "outlet": "SANA", "published": "2018-03-05",
        "text": "أعلن الجيش السوري استعادة السيطرة على بلدة الشيخ مسكين في ريف درعا بعد معارك عنيفة مع "
                "فصائل المعارضة المسلحة.",
        "events": [dict(id="E1", type="battles", subtype="government_regains_territory", trigger="استعادة السيطرة",
                        evidence="استعادة السيطرة على بلدة الشيخ مسكين في ريف درعا", place=("الشيخ مسكين", SHEIKH_MISKIN),
                        actor1=SYRIA, actor2=REBELS, date=("2018-03-05", "2018-03-05", "day"), fatalities=None,
                        source="Military Forces of Syria", confidence=0.85)],
    },
    "opp-town": {
        "outlet": "Zaman al-Wasl", "published": "2018-03-05",
        "text": "قالت فصائل المعارضة إنها استعادت السيطرة على بلدة الشيخ مسكين وطردت قوات النظام منها بعد "
                "هجوم معاكس.",
        "events": [dict(id="E1", type="battles", subtype="non_state_actor_overtakes_territory",
                        trigger="استعادت السيطرة", evidence="استعادت السيطرة على بلدة الشيخ مسكين",
                        place=("الشيخ مسكين", SHEIKH_MISKIN), actor1=REBELS, actor2=SYRIA,
                        date=("2018-03-05", "2018-03-05", "day"), fatalities=None,
                        source="Syrian opposition factions", confidence=0.75)],
    },
    "denial": {
        "outlet": "RT Arabic", "published": "2018-03-06",
        "text": "نفت وزارة الدفاع الروسية أن تكون طائراتها قد قصفت مستشفى في مدينة إدلب أمس.",
        "events": [dict(id="E1", type="explosions_remote_violence", subtype="air_drone_strike", trigger="قصفت",
                        evidence="أن تكون طائراتها قد قصفت مستشفى في مدينة إدلب", place=("إدلب", IDLIB),
                        actor1=RUSSIA, actor2=None, date=("2018-03-05", "2018-03-05", "day"), fatalities=None,
                        source="Russian Ministry of Defence", confidence=0.8, modality="denied")],
    },
}


def _span(text: str, s: str) -> Span:
    i = text.index(s)
    return Span(i, i + len(s), s)


def _actor(text: str, a: tuple[str, str, str] | None) -> Actor | None:
    if a is None:
        return None
    i = text.find(a[0])
    return Actor(a[0], i if i >= 0 else None, i + len(a[0]) if i >= 0 else None, a[1], a[2])


def build_event(text: str, e: dict[str, Any]) -> Event:
    ptext, p = e["place"]
    sp = _span(text, ptext)
    place = Place(sp.start, sp.end, sp.text, p["precision"], p["country"], p["geonameid"], p["name"], p["admin1"],
                  p["lat"], p["lon"], 0.9)
    fat = None
    if e["fatalities"]:
        ftext, value, qual = e["fatalities"]
        fs = _span(text, ftext)
        fat = Quantity(fs.start, fs.end, fs.text, float(value), qual)
    d0, d1, prec = e["date"]
    return Event(
        id=e["id"], acled_type=e["type"], acled_subtype=e["subtype"], trigger=_span(text, e["trigger"]),
        evidence=_span(text, e["evidence"]), modality=e.get("modality", "asserted"), confidence=e["confidence"],
        actor1=_actor(text, e["actor1"]), actor2=_actor(text, e["actor2"]), location=place,
        date=EventDate(d0, d1, prec), fatalities=fat, attribution=Attribution(source=e["source"]),
    )


def make_docs() -> dict[str, Document]:
    """Every test article, read by the real pipeline, with its hand-written events."""
    from rasad.pipeline import default_pipeline

    out: dict[str, Document] = {}
    for doc_id, a in ARTICLES.items():
        doc = default_pipeline().extract(a["text"], id=doc_id, published=a["published"], outlet=a["outlet"])
        doc.events = [build_event(a["text"], e) for e in a["events"]]
        out[doc_id] = doc
    return out


@pytest.fixture
def event_docs() -> dict[str, Document]:
    return make_docs()
