"""The ner stage on the seed and on real ant-news text: trained tagger + actor dictionary."""

from __future__ import annotations

import itertools

import pytest

from rasad.model import Document, Mention
from rasad.ner.actors import ActorEntry, ActorMention
from rasad.ner.stage import merge
from rasad.pipeline import Pipeline


@pytest.fixture(scope="module")
def ner_pipe() -> Pipeline:
    return Pipeline(stages=("rasad.ner.stage:stage",))


@pytest.fixture(scope="module")
def seed_mentions(ner_pipe: Pipeline, seed_text: str) -> list[Mention]:
    return ner_pipe.extract(seed_text, id="seed").mentions


def test_konashenkov_is_a_person(seed_mentions: list[Mention]):
    per = [m for m in seed_mentions if m.label == "PER"]
    texts = {m.text for m in per}
    assert "إيغور كوناشينكوف" in texts
    bare = [m for m in per if m.text == "كوناشينكوف"]
    assert len(bare) >= 8  # the short form, every time the article uses it
    assert all(m.source == "crf" and m.confidence is not None and 0 < m.confidence <= 1 for m in bare)


def test_organisations_carry_canonical_names(seed_mentions: list[Mention]):
    by_text = {(m.text, m.label, m.normalized) for m in seed_mentions}
    assert ("وزارة الدفاع الروسية", "ORG", "Russian Ministry of Defence") in by_text
    assert ("مركز المصالحة الروسي", "ORG", "Russian Reconciliation Center for Syria") in by_text
    sana = [m for m in seed_mentions if m.text.startswith('وكالة "سانا"')]
    assert sana and sana[0].label == "ORG" and sana[0].normalized == "SANA (Syrian Arab News Agency)"
    assert sana[0].kind == "media" and sana[0].actor_id == "sana"


def test_isis_in_all_its_forms(seed_mentions: list[Mention]):
    isis = {m.text for m in seed_mentions if m.normalized == "Islamic State (ISIS)"}
    assert {'تنظيم "داعش"', "الدواعش", "داعش", "الداعشي"} <= isis


def test_offsets_point_at_the_text(seed_mentions: list[Mention], seed_text: str):
    assert seed_mentions
    for m in seed_mentions:
        assert seed_text[m.start:m.end] == m.text
        assert m.label in ("PER", "LOC", "ORG", "MISC")
        assert m.text == m.text.strip() and m.text[0] not in '"«(،,'
    spans = sorted((m.start, m.end) for m in seed_mentions)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), "mentions overlap"


def test_places_lose_their_conjunction(seed_mentions: list[Mention]):
    # "من ريفي دير الزور والرقة": the mention is الرقة, not والرقة
    assert not any(m.text.startswith("وال") for m in seed_mentions if m.label == "LOC")


def test_mentions_follow_the_contract(ner_pipe: Pipeline, seed_text: str, schema: dict):
    import jsonschema

    js = ner_pipe.extract(seed_text, id="seed").to_json()
    jsonschema.validate(js, schema)
    names = {m["normalized"] for m in js["mentions"]}
    assert {"Russian Ministry of Defence", "Islamic State (ISIS)", "Military Forces of Syria"} <= names


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # real ant-news-2018 sentences (ids in comments); none of these names is in a dictionary
        ("وقالت ماريا زاخاروفا، المتحدثة باسم وزارة الخارجية الروسية، إن #بريطانيا رفضت التعاون مع موسكو "
         "في التحقيق في الواقعة.", "ماريا زاخاروفا"),  # AL-internationalNews-475-20180315
        ("بهذه الكلمات أعلن ستيفان دي ميستورا، مبعوث الأمين العام الخاص إلى سوريا، تنحيه عن منصبه نهاية "
         "نوفمبر/ تشرين الثاني المقبل، حسب ما نقله موقع الأمم المتحدة، الأربعاء.",
         "ستيفان دي ميستورا"),  # CN-internationalNews-722-20181017
        ("وذكر البيان أن العقوبات الجديدة تستهدف الأمين العام لحزب الله، حسن نصر الله، ونائبه نعيم قاسم "
         "وآخرين.", "حسن نصر الله"),  # AL-internationalNews-1202-20180516
    ],
)
def test_people_in_news_sentences(ner_pipe: Pipeline, text: str, person: str):
    doc = ner_pipe.extract(text)
    assert any(m.text == person and m.label == "PER" for m in doc.mentions)


def test_dictionary_wins_where_spans_overlap():
    isis = ActorEntry("isis", "Islamic State (ISIS)", "rebel_group")
    crf = [Mention(0, 5, "تنظيم", "ORG", source="crf"), Mention(20, 25, "حلب", "LOC", source="crf")]
    named = [ActorMention(0, 12, 'تنظيم "داعش"', "ORG", isis)]
    out = merge(crf, named)
    assert [(m.start, m.end, m.normalized, m.source) for m in out] == [
        (0, 12, "Islamic State (ISIS)", "dictionary"), (20, 25, None, "crf")]


def test_empty_and_non_arabic_text_give_no_mentions(ner_pipe: Pipeline):
    doc = Document(id="x", text="...")
    ner_pipe(doc)
    assert doc.mentions == []


def test_conjunction_and_preposition_are_trimmed(ner_pipe: Pipeline):
    # ant-news style: the tagger labels the whole token, the mention starts at the name
    doc = ner_pipe.extract("وصل الوزير إلى طهران قادما من دمشق وبغداد، ثم توجه للولايات المتحدة الأمريكية.")
    texts = {m.text for m in doc.mentions if m.label == "LOC"}
    assert "بغداد" in texts and "وبغداد" not in texts
    assert not any(t.startswith("ل") for t in texts)
