"""The rules that decide "same real-world event" and "these sources disagree"."""

from __future__ import annotations

import math

from rasad.store.cluster import Record, contradictions, interval, same_event, say_count


def rec(subtype: str = "air_drone_strike", d0: str = "2016-12-11", d1: str | None = None, lat: float = 34.56,
        lon: float = 38.28, precision: str = "town", geonameid: int | None = None,
        actors: frozenset[str] = frozenset(), country: str = "SY") -> Record:
    return Record(1, 1, subtype, d0, d1 or d0, geonameid, country, lat, lon, precision, actors)


def test_distance_allowed_grows_with_vagueness() -> None:
    assert same_event(rec(), rec(lat=34.70)) is not None  # 16 km: the same town's strike
    assert same_event(rec(), rec(lat=34.90)) is None  # 38 km apart, both towns: two strikes
    assert same_event(rec(), rec(lat=34.90, precision="district")) is not None  # a district is wider
    assert same_event(rec(precision="country", lat=35.0, lon=38.0), rec(precision="country")) is None


def test_dates_must_overlap_within_a_day_and_be_precise_enough() -> None:
    assert same_event(rec(d0="2016-12-11"), rec(d0="2016-12-12")) is not None
    assert same_event(rec(d0="2016-12-11"), rec(d0="2016-12-14")) is None
    assert same_event(rec(d0="2016-12-01", d1="2016-12-31"), rec()) is None  # "this month" is no anchor


def test_subtype_family_and_actors() -> None:
    assert same_event(rec(), rec(subtype="armed_clash")) is None
    assert same_event(rec(subtype="government_regains_territory"),
                      rec(subtype="non_state_actor_overtakes_territory")) is not None  # rival claims, one fact
    isis, army, rebels = frozenset({"isis"}), frozenset({"army", "isis"}), frozenset({"rebels"})
    assert same_event(rec(actors=isis), rec(actors=army)) is not None
    assert same_event(rec(actors=isis), rec(actors=rebels)) is None


def test_hedged_counts_as_ranges() -> None:
    assert interval({"value": 300, "qualifier": "approximately"}) == (255.0, 345.0)
    assert interval({"value": 50, "qualifier": "more_than"}) == (50.0, math.inf)
    assert interval({"value": 0, "qualifier": "dozens"}) == (20.0, 99.0)
    assert say_count({"value": 300, "qualifier": "approximately"}) == "~300"
    assert say_count({"value": 5100, "qualifier": "more_than"}) == ">5,100"


def claim(source: str, value: float | None = None, qualifier: str = "exact", subtype: str = "air_drone_strike",
          controller: str | None = None) -> dict:
    return {"event_id": source, "document_id": source, "source": source, "outlet": None, "acled_subtype": subtype,
            "place": "Tadmur", "attributed": True,
            "fatalities": {"value": value, "qualifier": qualifier, "text": ""} if value is not None else None,
            "controller": controller}


def test_fatality_contradiction_only_when_ranges_cannot_meet() -> None:
    assert contradictions([claim("A", 300, "approximately"), claim("B", 320)]) == []
    assert contradictions([claim("A", 50, "more_than"), claim("B", 70)]) == []
    (c,) = contradictions([claim("A", 300, "approximately"), claim("B", 57)])
    assert c["summary"] == "A: ~300 killed; B: 57 killed"
    assert contradictions([claim("A", 300), claim("A", 57)]) == []  # one source, two numbers: not a dispute


def test_control_contradiction_is_about_sides_not_names() -> None:
    gov = "government_regains_territory"
    same_side = [claim("A", subtype=gov, controller="government forces"),
                 claim("B", subtype=gov, controller="Military Forces of Syria")]
    assert contradictions(same_side) == []
    rival = [*same_side, claim("C", subtype="non_state_actor_overtakes_territory", controller="Islamic State (ISIS)")]
    (c,) = contradictions(rival)
    assert c["kind"] == "control" and "Islamic State (ISIS) holds Tadmur" in c["summary"]


def test_the_same_words_twice_make_one_claim() -> None:
    from rasad.store.cluster import distinct_claims

    a = {"document_id": "d1", "evidence": "غارة على تدمر", "acled_subtype": "air_drone_strike", "fatalities": None}
    b = dict(a, document_id="d2")
    assert distinct_claims([a, dict(a), b]) == [a, b]


def test_only_dictionary_names_tell_actors_apart() -> None:
    from rasad.store.cluster import actor_key

    assert actor_key("تنظيم داعش", "Islamic State (ISIS)") == "islamic state (isis)"
    assert actor_key("المسلحين", None) is None  # raw wording: no evidence either way
    assert actor_key("مسلحون مجهولون", "Unidentified armed group") is None
    assert actor_key("مدنيين", "Civilians (Syria)") is None


def test_an_articles_own_figure_is_not_set_against_a_quoted_one() -> None:
    quoted = dict(claim("SOHR", 36), document_id="d1")
    narrated = dict(claim("France 24 Arabic", 20), document_id="d1", attributed=False)
    assert contradictions([quoted, narrated]) == []
    assert contradictions([quoted, dict(narrated, document_id="d2")]) != []  # another article: a dispute
    assert contradictions([quoted, dict(claim("Opposition", 18), document_id="d1")]) != []  # two named sources
