"""The seed article's places, as its gold reading gives them."""

from __future__ import annotations

import pytest

from rasad.geo.gazetteer import load
from rasad.geo.stage import geocode
from rasad.model import Place

ALEPPO = 170063


@pytest.fixture(scope="module")
def places(seed_text: str) -> list[Place]:
    return geocode(seed_text, load())


def _named(places: list[Place], text: str, name: str) -> list[Place]:
    return [p for p in places if text[p.name_start:p.name_end] == name]


def test_every_gold_place_resolves_to_its_id(places: list[Place], seed_text: str, seed_gold: dict) -> None:
    for g in seed_gold["places"]:
        found = _named(places, seed_text, g["text"])
        assert found, f"{g['text']} not found"
        for p in found:
            if g.get("precision") == "country":
                assert (p.precision, p.country) == ("country", g["country"]), g["text"]
            elif "within" in g:
                assert (p.within, p.precision) == (g["within"], "neighbourhood"), g["text"]
            else:
                assert p.geonameid == g["geonameid"], (g["text"], p)
                assert p.country == g["country"]


def test_raqqa_is_the_syrian_one_everywhere(places: list[Place], seed_text: str) -> None:
    raqqa = _named(places, seed_text, "الرقة")
    assert len(raqqa) == 3
    assert {p.geonameid for p in raqqa} == {172955}
    assert all(c.country == "SY" for p in raqqa for c in p.candidates[:1])


def test_homs_countryside_is_the_governorate(places: list[Place], seed_text: str) -> None:
    (homs,) = _named(places, seed_text, "حمص")
    assert homs.text == "ريف حمص"
    assert (homs.precision, homs.admin1, homs.cue) == ("admin1", "Homs", "ريف")


def test_dual_countryside_covers_both_names(places: list[Place], seed_text: str) -> None:
    deir = _named(places, seed_text, "دير الزور")[0]
    raqqa = next(p for p in _named(places, seed_text, "الرقة") if p.start > deir.start)
    assert deir.precision == raqqa.precision == "admin1"


def test_outskirts_are_points_near_palmyra(places: list[Place], seed_text: str) -> None:
    near = [p for p in places if p.cue in ("ضواحي", "محيط")]
    assert {p.text for p in near} == {"ضواحي تدمر", "محيط تدمر"}
    assert all(p.geonameid == 163808 and p.precision == "point" for p in near)


def test_aleppo_quarters_come_from_the_list_pattern(places: list[Place], seed_text: str) -> None:
    quarters = [p for p in places if p.cue == "أحياء"]
    assert [p.text for p in quarters] == [
        "الشيخ سعيد", "الشحادين", "الإسكان", "كرم الأفندي", "كرم الدعدع", "الصالحين",
        "جسر الحج", "الجلوم", "باب المقام", "الفردوس", "قلعة الشريف",
    ]
    assert all((p.geonameid, p.within, p.precision) == (ALEPPO, ALEPPO, "neighbourhood") for p in quarters)
    east = [p for p in places if p.text in ("حلب الشرقية", "الأحياء الشرقية")]
    assert len(east) == 6
    assert all((p.within, p.precision) == (ALEPPO, "neighbourhood") for p in east)


def test_no_false_places(places: list[Place]) -> None:
    """Naive matching finds 75 "places" here (أن in Belgium, المدينة = Medina); 19 are real."""
    located = {p.geonameid for p in places if p.geonameid is not None and p.role is None}
    assert located <= {163808, 169577, 172955, 170794, 99072, ALEPPO, 163843, 99237}
    assert not [p for p in places if p.country in ("AE", "KW", "SA", "BE", "US") and p.role is None]


def test_washington_leading_the_coalition_is_not_a_location(places: list[Place]) -> None:
    (dc,) = [p for p in places if p.text == "واشنطن"]
    assert dc.role == "metonym" and dc.geonameid is None and not dc.resolved
    assert dc.candidates and dc.candidates[0].country == "US"


def test_stage_fills_document_in_pipeline(seed_doc, schema: dict) -> None:
    import jsonschema

    assert seed_doc.places == sorted(seed_doc.places, key=lambda p: (p.start, p.end))
    assert any(p.geonameid == 163808 for p in seed_doc.places)
    validator = jsonschema.Draft202012Validator(schema)
    errors = list(validator.iter_errors(seed_doc.to_json()))
    assert not errors, errors[0].message
    for p in seed_doc.places:
        assert seed_doc.text[p.start:p.end] == p.text
