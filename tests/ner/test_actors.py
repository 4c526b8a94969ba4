"""The actor dictionary on the seed and on real sentences from ant-news (2018)."""

from __future__ import annotations

import pytest
import yaml

from rasad.errors import RasadError
from rasad.model import Document
from rasad.ner.actors import ACTORS_PATH, KINDS, ActorDictionary, validate
from rasad.text.segment import sentences


@pytest.fixture(scope="module")
def actors() -> ActorDictionary:
    return ActorDictionary.load()


def _doc(text: str) -> Document:
    return Document(id="t", text=text, sentences=sentences(text))


def _named(actors: ActorDictionary, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.actor.name) for m in actors.find(_doc(text)) if m.actor]


def test_dictionary_file_is_valid():
    data = yaml.safe_load(ACTORS_PATH.read_text(encoding="utf-8"))
    assert validate(data) == []
    assert all(a["kind"] in KINDS for a in data["actors"])
    ids = {a["id"] for a in data["actors"]}
    for needed in ("isis", "hts", "sdf", "ypg", "houthis", "hezbollah", "iq_pmf", "aqap", "ly_lna", "ly_gna",
                   "al_shabaab", "boko_haram", "us_coalition", "saudi_coalition", "hamas", "pij", "sana", "sohr"):
        assert needed in ids


def test_validation_names_the_problem():
    bad = {"actors": [
        {"id": "a", "name": "A", "kind": "state_forces", "aliases": ["الجيش"]},
        {"id": "b", "name": "B", "kind": "warlords", "aliases": ["الجيش"]},
    ]}
    problems = validate(bad)
    assert any("kind 'warlords'" in p for p in problems)
    assert any("already belongs to a" in p for p in problems)
    with pytest.raises(RasadError):
        ActorDictionary.from_data(bad)


def test_seed_actors(actors: ActorDictionary, seed_text: str):
    doc = _doc(seed_text)
    found = {(m.text, m.actor.name) for m in actors.find(doc) if m.actor}
    assert ('تنظيم "داعش"', "Islamic State (ISIS)") in found
    assert ("الدواعش", "Islamic State (ISIS)") in found
    assert ("داعش", "Islamic State (ISIS)") in found  # لـ "داعش"
    assert ("الداعشي", "Islamic State (ISIS)") in found
    assert ("وزارة الدفاع الروسية", "Russian Ministry of Defence") in found
    assert ("مركز المصالحة الروسي", "Russian Reconciliation Center for Syria") in found
    assert ("المركز الروسي المعني بمصالحة الأطراف المتنازعة في سوريا", "Russian Reconciliation Center for Syria") in found
    assert any(t.startswith('وكالة "سانا"') and n == "SANA (Syrian Arab News Agency)" for t, n in found)
    assert ("الجيش السوري", "Military Forces of Syria") in found
    assert ("القوات الحكومية السورية", "Military Forces of Syria") in found
    assert ("الطيران الروسي", "Military Forces of Russia (Aerospace Forces)") in found
    assert ("القوات الجوية الفضائية الروسية", "Military Forces of Russia (Aerospace Forces)") in found
    assert ("التحالف الدولي بقيادة واشنطن", "US-led international coalition") in found
    assert ("السلطات السورية", "Government of Syria") in found
    assert ("الخبراء الروس", "Military Forces of Russia") in found
    for m in actors.find(doc):
        assert doc.text[m.start:m.end] == m.text


def test_seed_generic_references_follow_the_article(actors: ActorDictionary, seed_text: str):
    doc = _doc(seed_text)
    ms = actors.find(doc)
    # "قوات الإرهابيين" in the Palmyra part: ISIS, the armed actor that part is about
    palmyra = seed_text.index("الإرهابيين")
    isis = actors.resolve_generic(doc, palmyra, ms)
    assert isis is not None and isis.name == "Islamic State (ISIS)"
    # "تحت سيطرة المسلحين" after "وبشأن الوضع في حلب": the east-Aleppo groups, not ISIS
    aleppo = seed_text.index("المسلحين", seed_text.index("وبشأن الوضع في حلب"))
    assert actors.resolve_generic(doc, aleppo, ms) is None
    civ = seed_text.index("المدنيين")
    c = actors.resolve_generic(doc, civ, ms)
    assert c is not None and c.name == "Civilians (Syria)" and c.kind == "civilians"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # real sentences from ant-news-2018 (ids in comments)
        ("ونعيم الرحمن، البريطاني البنغالي، متهم أيضا بمساعدة آخر هو محمد عمران للانضمام لتنظيم داعش.",
         ("تنظيم داعش", "Islamic State (ISIS)")),  # AL-internationalNews-1004-20180504
        ('فإن الفتاة صفاء بولار التي تتبنى أفكار تنظيم "داعش" اعترفت أمام المحكمة الجمعة.',
         ('تنظيم "داعش"', "Islamic State (ISIS)")),  # AL-internationalNews-1136-20180512
        ('وأوضح العريان "تحصن الدواعش داخل المشفى الوطني.',
         ("الدواعش", "Islamic State (ISIS)")),  # FR-internationalNews-853-20180422
        ("واعلنت وزارة الدفاع الروسية ان الجيش الاسرائيلي استخدم 28 طائرة",
         ("الجيش الاسرائيلي", "Military Forces of Israel")),  # AL-internationalNews-1104-20180511
        ("قالت #وحدات_حماية_الشعب_الكردية_السورية والمرصد السوري لحقوق الإنسان إن الجيش التركي شن هجوما",
         ("المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights")),  # AL-internationalNews-29
        ('وألقي القبض على كوتي والشيخ من قبل أعضاء من "قوات سوريا الديمقراطية" المدعومة من الولايات المتحدة',
         ("قوات سوريا الديمقراطية", "Syrian Democratic Forces (SDF)")),  # BB-internationalNews-882
        ("وقالت وكالة الأنباء السورية إن أعمال الإصلاح بدأت لاستعادة الحركة المرورية للمعبر.",
         ("وكالة الأنباء السورية", "SANA (Syrian Arab News Agency)")),  # BB-middleEast-1102-20181014
        ("ونقلت وكالة تاس للأنباء عن مركز المصالحة في سوريا الذي تديره وزارة الدفاع الروسية قوله",
         ("مركز المصالحة في سوريا", "Russian Reconciliation Center for Syria")),  # BB-middleEast-208
        ("وقالت وكالة أنباء سبأ، التابعة لحركة أنصار الله الحوثية، إن انفجارا وقع في مطار الملك خالد",
         ("حركة أنصار الله الحوثية", "Houthis (Ansar Allah)")),  # BB-middleEast-251-20180326
    ],
)
def test_real_sentences(actors: ActorDictionary, text: str, expected: tuple[str, str]):
    assert expected in _named(actors, text)


def test_hashtag_names_are_matched(actors: ActorDictionary):
    text = "قالت #وحدات_حماية_الشعب_الكردية_السورية إن"
    assert ("People's Protection Units (YPG)" in {n for _, n in _named(actors, text)})


def test_proclitics_are_outside_the_mention(actors: ActorDictionary):
    text = "وقال مصدر إن للقوات الحكومية السورية وبالحوثيين صلة."
    got = _named(actors, text)
    assert ("قوات الحكومية السورية", "Military Forces of Syria") in got  # لل = ل + ال
    assert ("الحوثيين", "Houthis (Ansar Allah)") in got


def test_generic_stays_generic_without_a_named_actor(actors: ActorDictionary):
    doc = _doc("قتل ثلاثة مدنيين برصاص مسلحين مجهولين في بلدة الصنمين.")
    ms = actors.find(doc)
    g = next(m for m in ms if m.generic == "armed")
    assert actors.resolve_generic(doc, g.start, ms) is None


def test_generic_takes_the_paragraph_actor(actors: ActorDictionary):
    text = "شنت ميليشيا الحوثي هجوما على مواقع الجيش اليمني في الحديدة.\nوقال مصدر إن المتمردين قصفوا الأحياء السكنية."
    doc = _doc(text)
    a = actors.resolve_generic(doc, text.index("المتمردين"))
    assert a is not None and a.name == "Houthis (Ansar Allah)"
    assert actors.get("houthis") == a


def test_names_starting_with_lam_keep_it(actors: ActorDictionary):
    got = _named(actors, "أعلن الجيش الوطني الليبي وحكومة الوفاق هدنة في ليبيا.")
    assert ("الجيش الوطني الليبي", "Libyan National Army (Haftar)") in got
    assert ("حكومة الوفاق", "Government of National Accord (GNA)") in got


def test_short_aliases_do_not_fire_on_common_words(actors: ActorDictionary):
    # ant-news: "منظومة أس-300 وأس-400" is not the Saudi Press Agency (واس); "للحشد" is "to the crowd"
    assert _named(actors, "فإن روسيا سبق أن نشرت منظومة أس-300 وأس-400 الأحدث في ترسانتها.") == []
    assert _named(actors, 'وقال للحشد: "فكرتنا باقية وسنواصل العمل".') == []
