"""Mention finding and disambiguation on sentences written the way the press writes them."""

from __future__ import annotations

import pytest

from rasad.geo.gazetteer import Gazetteer, load
from rasad.geo.stage import geocode
from rasad.model import Mention, Place

ALEPPO, HOMS, RAQQA, MOSUL, DEIR, DAMASCUS = 170063, 169577, 172955, 99072, 170794, 170654


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load()


def only(gaz: Gazetteer, text: str, **kw: object) -> Place:
    places = [p for p in geocode(text, gaz, **kw) if p.precision != "country"]  # type: ignore[arg-type]
    assert len(places) == 1, [(p.text, p.geonameid) for p in places]
    return places[0]


@pytest.mark.parametrize(
    ("text", "name", "gid"),
    [
        ("قصفت الطائرات مواقع بحلب أمس", "حلب", ALEPPO),
        ("وصلت التعزيزات وحلب تحت الحصار", "حلب", ALEPPO),
        ("توجهت القافلة لحلب صباحا", "حلب", ALEPPO),
        ("اشتباكات في دير الزور والرقة", "الرقة", RAQQA),
        ("وصلت المساعدات للرقة أمس", "رقة", RAQQA),
        ("انسحب المسلحون من الموصل إلى الحدود", "الموصل", MOSUL),
        ("فر المسلحون فبالموصل لم يبق أحد", "الموصل", MOSUL),
    ],
)
def test_proclitics_and_the_article(gaz: Gazetteer, text: str, name: str, gid: int) -> None:
    hits = [p for p in geocode(text, gaz) if p.geonameid == gid]
    assert hits, text
    p = hits[-1]
    assert text[p.name_start:p.name_end] == name
    assert p.precision == "town"


@pytest.mark.parametrize(
    ("text", "name", "gid"),
    [
        ("دارت معارك عنيفة في دير الزور", "دير الزور", DEIR),
        ("سيطرت الفصائل على جسر الشغور", "جسر الشغور", 169023),
        ("دخلت القوات التركية مدينة رأس العين", "رأس العين", 165509),
        ("دخلت القوات التركية مدينة راس العين", "راس العين", 165509),
    ],
)
def test_multiword_names_win_over_their_parts(gaz: Gazetteer, text: str, name: str, gid: int) -> None:
    p = only(gaz, text)
    assert (text[p.name_start:p.name_end], p.geonameid) == (name, gid)


def test_countryside_is_the_governorate_with_its_side(gaz: Gazetteer) -> None:
    text = "قصف مدفعي على قرى ريف حلب الشمالي"
    p = only(gaz, text)
    assert (p.text, p.geonameid, p.precision, p.admin1) == ("ريف حلب الشمالي", ALEPPO, "admin1", "Aleppo")


def test_damascus_countryside_is_an_admin1_of_its_own(gaz: Gazetteer) -> None:
    p = only(gaz, "غارات على مواقع بريف دمشق")
    assert (p.geonameid, p.precision) == (170652, "admin1")


def test_governorate_cue_picks_the_division_not_the_city(gaz: Gazetteer) -> None:
    p = only(gaz, "قتل ثلاثة مدنيين في محافظة حمص")
    assert (p.geonameid, p.precision, p.country) == (169575, "admin1", "SY")
    town = only(gaz, "قتل ثلاثة مدنيين في مدينة حمص")
    assert (town.geonameid, town.precision) == (HOMS, "town")


def test_east_aleppo_is_a_part_of_the_city(gaz: Gazetteer) -> None:
    p = only(gaz, "خرج المدنيون من حلب الشرقية")
    assert (p.text, p.geonameid, p.within, p.precision) == ("حلب الشرقية", ALEPPO, ALEPPO, "neighbourhood")


@pytest.mark.parametrize("cue", ["محيط", "ضواحي", "مشارف", "تخوم", "شرق", "جنوب"])
def test_outskirts_and_directions_are_points_near_the_town(gaz: Gazetteer, cue: str) -> None:
    p = only(gaz, f"تمركز المسلحون في {cue} تدمر")
    assert (p.text, p.geonameid, p.precision, p.cue) == (f"{cue} تدمر", 163808, "point", cue)


def test_outskirts_of_the_city_of(gaz: Gazetteer) -> None:
    p = only(gaz, "تقدمت القوات حتى مشارف مدينة سرت")
    assert (p.geonameid, p.precision) == (2210554, "point")


def test_quarter_list_belongs_to_the_city_named_after_it(gaz: Gazetteer) -> None:
    text = "سيطر الجيش على أحياء الوعر وبابا عمرو والخالدية في مدينة حمص"
    quarters = [p for p in geocode(text, gaz) if p.cue == "أحياء"]
    assert [p.text for p in quarters] == ["الوعر", "بابا عمرو", "الخالدية"]
    assert all((p.geonameid, p.within, p.precision) == (HOMS, HOMS, "neighbourhood") for p in quarters)


def test_single_quarter_takes_the_city_mentioned_before(gaz: Gazetteer) -> None:
    text = "تواصل القصف على دمشق. وقتل مدنيان في حي جوبر أمس."
    (p,) = [p for p in geocode(text, gaz) if p.cue == "حي"]
    assert (p.text, p.within, p.precision) == ("جوبر", DAMASCUS, "neighbourhood")


def test_quarter_without_any_city_stays_unresolved(gaz: Gazetteer) -> None:
    (p,) = geocode("قتل شخصان في حي الزهور", gaz)
    assert (p.geonameid, p.precision) == (None, "neighbourhood")
    assert p.confidence <= 0.2


@pytest.mark.parametrize(
    ("context", "gid", "country"),
    [
        ("اشتباكات في طرابلس بين فصائل ليبية قرب مصراتة", 2210247, "LY"),
        ("اشتباكات في طرابلس شمال لبنان بعد توتر في بيروت", 266826, "LB"),
        ("قصف إسرائيلي على رفح في جنوب قطاع غزة", 281102, "PS"),
        ("هجوم على رفح المصرية في شمال سيناء قرب العريش", 350350, "EG"),
        ("غارات على البيضاء في اليمن قرب ذمار", 79836, "YE"),
        ("اشتباكات في البيضاء الليبية قرب درنة", 89055, "LY"),
    ],
)
def test_namesakes_are_told_apart_by_the_article(gaz: Gazetteer, context: str, gid: int, country: str) -> None:
    places = [p for p in geocode(context, gaz) if p.geonameid == gid]
    assert places, [(p.text, p.geonameid, p.country) for p in geocode(context, gaz)]
    assert places[0].country == country
    assert places[0].candidates[0].geonameid == gid
    assert len({c.geonameid for c in places[0].candidates}) == len(places[0].candidates) <= 3


def test_raqqa_alone_is_the_syrian_city(gaz: Gazetteer) -> None:
    p = only(gaz, "نزح آلاف المدنيين من الرقة")
    assert (p.geonameid, p.country) == (RAQQA, "SY")
    assert p.candidates[0].score > p.candidates[-1].score


def test_nisba_after_a_name_confirms_its_country(gaz: Gazetteer) -> None:
    p = only(gaz, "خرجوا من الموصل العراقية")
    assert (p.geonameid, p.country) == (MOSUL, "IQ")
    assert p.confidence >= 0.9


def test_countries_are_country_precision(gaz: Gazetteer) -> None:
    places = geocode("قتل مدنيون في سوريا والعراق، وقال مسؤول سوري إن الوضع في روسيا هادئ", gaz)
    got = {(p.text, p.country, p.precision) for p in places}
    assert ("سوريا", "SY", "country") in got
    assert ("العراق", "IQ", "country") in got
    assert ("روسيا", "RU", "country") in got
    assert not any(p.text.startswith("سوري") and p.text != "سوريا" for p in places)  # the nisba is no place


def test_a_country_that_speaks_is_an_actor(gaz: Gazetteer) -> None:
    (p,) = geocode("نفت سوريا الاتهامات", gaz)
    assert p.role == "metonym" and not p.resolved


@pytest.mark.parametrize(
    ("text", "word", "role"),
    [
        ("أكد حماة الديار أنهم مستعدون", "حماة", "common_noun"),
        ("رفضت حكومة دمشق الاتهامات", "دمشق", "metonym"),
        ("التحالف الدولي بقيادة واشنطن", "واشنطن", "metonym"),
        ("دمشق تتهم إسرائيل بشن غارات", "دمشق", "metonym"),
        ("استقبل الملك سلمان الوفد", "سلمان", "person"),
    ],
)
def test_names_that_are_not_places_here(gaz: Gazetteer, text: str, word: str, role: str) -> None:
    found = [p for p in geocode(text, gaz) if text[p.name_start:p.name_end] == word]
    assert all(not p.resolved or p.precision == "country" for p in found)
    if role != "person":
        (p,) = found
        assert p.role == role and p.geonameid is None and p.precision == "unknown"
    else:
        assert all(p.role == "person" for p in found)


def test_hama_the_city_is_still_a_city(gaz: Gazetteer) -> None:
    countryside, city = geocode("قصف على ريف حماة الشمالي ومدينة حماة", gaz)
    assert (countryside.text, countryside.precision) == ("ريف حماة الشمالي", "admin1")
    assert (city.geonameid, city.precision) == (170017, "town")


def test_a_person_mention_from_ner_wins(gaz: Gazetteer) -> None:
    text = "قال الكاتب أحمد حلب إن الوضع صعب"
    s = text.index("أحمد")
    mentions = [Mention(s, s + len("أحمد حلب"), "أحمد حلب", "PER")]
    found = [p for p in geocode(text, gaz, mentions) if p.name_start is not None and text[p.name_start:p.name_end] == "حلب"]
    assert found and all(p.role == "person" and not p.resolved for p in found)


def test_function_words_are_not_places(gaz: Gazetteer) -> None:
    text = "قال المسؤول إن القوات انتقلت إلى المدينة أن الوضع في المدينة هادئ بعد أن وصل إلى البلاد"
    assert geocode(text, gaz) == []


def test_garbled_name_after_a_cue_is_unresolved_with_candidates(gaz: Gazetteer) -> None:
    (p,) = geocode("سقطت قذائف على مدينة حلبب أمس", gaz)
    assert (p.geonameid, p.text) == (None, "مدينة حلبب")
    assert not p.resolved and p.confidence == 0.0
    assert ALEPPO in [c.geonameid for c in p.candidates]


def test_unknown_village_after_a_cue_is_unresolved(gaz: Gazetteer) -> None:
    (p,) = geocode("داهمت القوات قرية خربة الزعفرانية", gaz)
    assert p.geonameid is None and p.precision == "unknown" and p.cue == "قرية"


def test_ner_location_not_in_the_gazetteer_is_unresolved(gaz: Gazetteer) -> None:
    text = "وصل الوفد إلى تراباني صباحا"
    s = text.index("تراباني")
    (p,) = geocode(text, gaz, [Mention(s, s + 7, "تراباني", "LOC")])
    assert (p.start, p.geonameid) == (s, None)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "hello world", "123 456", "؟؟؟", "ـــ", "حلب" * 5000, "و" * 100])
def test_odd_input_never_crashes(gaz: Gazetteer, text: str) -> None:
    for p in geocode(text, gaz):
        assert text[p.start:p.end] == p.text


def test_offsets_survive_diacritics_and_tatweel(gaz: Gazetteer) -> None:
    text = "قُصِفَت مدينـــة حَلَب أمس"
    p = only(gaz, text)
    assert p.text == "مدينـــة حَلَب" and p.geonameid == ALEPPO


def test_a_state_we_lack_is_not_a_small_town_abroad(gaz: Gazetteer) -> None:
    text = "اختطفت الفتيات من مدرستهن في مدينة دابتشي بولاية يوبي شمال شرقي نيجيريا"
    found = [p for p in geocode(text, gaz) if p.name_start is not None and text[p.name_start:p.name_end] == "يوبي"]
    assert all(p.geonameid is None and p.precision == "unknown" for p in found)


def test_same_answer_in_every_process(gaz: Gazetteer) -> None:
    """String hashing differs between processes; nothing we output may depend on it."""
    import json
    import os
    import subprocess
    import sys

    text = "سقطت قذائف على مدينة حلبب وقرية تدمرر، وفي الرقة وطرابلس اشتباكات"
    code = ("import json,sys; from rasad.geo.gazetteer import load; from rasad.geo.stage import geocode; "
            "print(json.dumps([p.to_json() for p in geocode(sys.argv[1], load())], ensure_ascii=False))")
    here = [p.to_json() for p in geocode(text, gaz)]
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, env=env, check=True)
        assert json.loads(out.stdout) == here
