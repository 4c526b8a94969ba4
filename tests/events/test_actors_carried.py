"""Who acted: a force owned by a government is its military; a subject continues; a battle's manner is not a second battle."""

from __future__ import annotations

import pytest


def asserted(pipeline, text: str, published: str = "2018-03-05", outlet: str | None = "France 24"):
    doc = pipeline.extract(text, id="t", published=published, outlet=outlet)
    return [e for e in doc.events if e.modality == "asserted"]


def test_forces_of_a_government_are_its_military(pipeline):
    evs = asserted(pipeline, "سيطرت قوات الحكومة السورية على قريتين في منطقة المرج قرب دمشق.", "2018-03-02", "skynews")
    assert evs and evs[0].actor1 is not None
    assert evs[0].actor1.normalized == "Military Forces of Syria"
    assert evs[0].actor1.text.startswith("قوات")


def test_the_subject_of_the_previous_sentence_carries_over(pipeline):
    text = ("واصلت قوات النظام السوري ليل الأحد غاراتها على الغوطة الشرقية.\n"
            "وفي بلدة حمورية قتل عشرة أشخاص في قصف بالبراميل المتفجرة الاثنين.")
    evs = asserted(pipeline, text)
    assert len(evs) == 2
    assert all(e.actor1 is not None and e.actor1.normalized == "Military Forces of Syria" for e in evs)


def test_no_carry_over_onto_the_target(pipeline):
    text = ("هاجم مسلحو حركة طالبان قاعدة للجيش الأفغاني في ولاية هرات.\n"
            "وقصفت مواقع حركة طالبان في هرات بعد ساعات.")
    evs = asserted(pipeline, text, "2018-06-09", "alarabia")
    later = [e for e in evs if e.acled_subtype != "armed_clash"]
    assert all(e.actor1 is None or "Taliban" not in (e.actor1.normalized or "") for e in later
               if e.actor2 is not None and "Taliban" in (e.actor2.normalized or ""))


def test_the_manner_of_a_battle_is_not_another_battle(pipeline):
    evs = asserted(pipeline, "سيطرت قوات الحكومة السورية على أراض كانت في يد مسلحي المعارضة قرب دمشق، في هجوم بري "
                         "استمر رغم خطة روسية لهدنات يومية.", "2018-03-02", "skynews")
    assert [e.acled_subtype for e in evs] == ["government_regains_territory"]


def test_an_army_reporting_its_arrests_made_them(pipeline):
    evs = asserted(pipeline, "أعلن المتحدث العسكري باسم القوات المسلحة المصرية، الأحد، عن اعتقال ثلاثة قيادات تكفيرية "
                             "في شمال سيناء.", "2018-03-11", "CNN")
    arrests = [e for e in evs if e.acled_subtype == "arrests"]
    assert arrests and arrests[0].actor1 is not None
    assert arrests[0].actor1.normalized == "Military Forces of Egypt"


def test_a_statement_of_the_army_is_the_army_speaking(pipeline):
    evs = asserted(pipeline, "أفاد بيان للجيش التركي، الخميس، بمقتل 3 جنود أتراك خلال اشتباكات مع عناصر من حزب "
                             "العمال الكردستاني في شمال العراق.", "2018-05-31", "skynews")
    assert evs and evs[0].attribution is not None
    assert evs[0].attribution.source == "Military Forces of Turkey"
    assert evs[0].actor1 is not None and evs[0].actor1.normalized == "Military Forces of Turkey"


def test_the_speaker_who_says_it_did_the_deed_is_the_actor(pipeline):
    evs = asserted(pipeline, "وقال الجيش الاسرائيلي إنه استهدف منصة قذائف الهاون في شمال قطاع غزة.", "2018-07-14", "BBC")
    assert evs and evs[0].actor1 is not None
    assert evs[0].actor1.normalized == "Military Forces of Israel"


def test_a_deal_announced_by_each_party_is_one_deal(pipeline):
    text = ("قال الناطق باسم حركة حماس السبت إنه تم التوصل إلى اتفاق لوقف لإطلاق النار بين إسرائيل والفصائل الفلسطينية "
            "في غزة.\n"
            "من جانبه، أكد داوود شهاب، الناطق باسم حركة الجهاد الاسلامي، التوصل لوقف إطلاق النار مع إسرائيل بعد "
            "اتصالات مصرية مكثفة.")
    evs = asserted(pipeline, text, "2018-07-14", "BBC")
    assert len([e for e in evs if e.acled_subtype == "agreement"]) == 1


@pytest.mark.parametrize("text", [
    "تعرضت قوات النظام السوري لهجوم في ريف حماة الشمالي أمس.",
    "وقالت المصادر إن قوات النظام السوري تعرضت لهجوم في ريف حماة الشمالي أمس.",
])
def test_who_was_exposed_to_an_attack_is_its_target(pipeline, text):
    evs = asserted(pipeline, text, "2018-10-14", "BBC")
    assert evs and evs[0].actor2 is not None and evs[0].actor2.normalized == "Military Forces of Syria"
    assert evs[0].actor1 is None or evs[0].actor1.normalized != "Military Forces of Syria"


def test_the_organisation_is_the_one_named_an_organisation(pipeline):
    text = ("ذكرت مصادر أن قوات سوريا الديمقراطية تتصدى لهجمات يشنها تنظيم داعش في محافظة دير الزور.\n"
            "وشن التنظيم المتطرف، الجمعة، هجوما ضد مخيم للنازحين تسيطر عليه قوات سوريا الديمقراطية في المنطقة.")
    evs = asserted(pipeline, text, "2018-10-13", "skynews")
    camp = [e for e in evs if "مخيم" in e.evidence.text]
    assert camp and camp[0].actor1 is not None and camp[0].actor1.normalized == "Islamic State (ISIS)"
