"""The events stage on real text: triggers, modality, attribution, arguments, merging."""

from __future__ import annotations

import pytest

from rasad.model import Document


@pytest.fixture(scope="module")
def pipe():
    from rasad.pipeline import Pipeline

    return Pipeline()


def events(pipe, text: str, published: str = "2018-05-10", outlet: str | None = None):
    return pipe.extract(text, id="t", published=published, outlet=outlet).events


def asserted(evs):
    return [e for e in evs if e.modality == "asserted"]


def test_air_cue_turns_shelling_into_an_air_strike(pipe):
    evs = asserted(events(pipe, "قصفت الطائرات الحربية السورية بلدة أم المياذن في ريف درعا أمس."))
    assert [e.acled_subtype for e in evs] == ["air_drone_strike"]
    ev = asserted(events(pipe, "قصف مدفعي عنيف استهدف بلدة أم المياذن."))
    assert ev[0].acled_subtype == "shelling_artillery_missile_attack"


def test_denial_is_never_asserted(pipe):
    evs = events(pipe, "وشدد المتحدث على أن الطيران لم يوجه، ولا يوجه حاليا، أي ضربات إلى الأحياء السكنية في حلب.")
    assert evs and all(e.modality == "denied" for e in evs)
    evs = events(pipe, "نفى الجيش السوري قصف مدينة إدلب.")
    assert evs and all(e.modality == "denied" for e in evs)


def test_intention_and_conditions_are_not_asserted(pipe):
    for text, mod in (("وأكد أن السلطات تتخذ حاليا كافة الإجراءات لتحرير المدينة في أقرب وقت.", "intended"),
                      ("وتعتزم القوات التركية شن هجوم على منبج.", "intended"),
                      ("ولم يعرف إن كان الانفجار نتج عن انتحاري.", None)):
        evs = events(pipe, text)
        assert evs and not asserted(evs), text
        if mod:
            assert evs[0].modality == mod


def test_typo_in_a_long_trigger_still_reads(pipe):
    evs = asserted(events(pipe, "وأكد أن القوات الحكومية السورية بسطت سيرطتها على 5 أحياء أخرى من حلب الشرقية."))
    assert [e.acled_subtype for e in evs] == ["government_regains_territory"]
    assert evs[0].trigger.text == "سيرطتها"


def test_state_of_control_is_not_an_event(pipe):
    assert not events(pipe, "ولا تزال المدينة تحت سيطرة المسلحين منذ سنوات.")


def test_fatalities_are_killed_not_wounded(pipe):
    evs = asserted(events(pipe, "قتل 4 من مجندي الشرطة وأصيب 9 آخرون إثر هجوم على حاجز أمني في العريش."))
    assert len(evs) == 1
    assert evs[0].fatalities is not None and evs[0].fatalities.value == 4
    assert 9 in [q.value for q in evs[0].quantities]


def test_outlet_is_the_source_when_nobody_is_named(pipe):
    evs = asserted(events(pipe, "قتل 3 مدنيين في غارة جوية على بلدة سرمدا.", outlet="Sky News Arabia"))
    assert evs[0].attribution is not None and evs[0].attribution.source == "Sky News Arabia"


def test_speaker_carries_over_until_another_source_takes_over(pipe, seed_text):
    doc = pipe.extract(seed_text, id="seed", published="2016-12-12")
    by_trigger = {e.trigger.text: e for e in doc.events}
    sana = by_trigger["استعادة"].attribution
    assert sana is not None and "SANA" in (sana.source or "")
    after = by_trigger["إجلاء"].attribution  # "وأضاف كوناشينكوف" takes over again
    assert after is not None and "Defence" in (after.source or "")
    quoted = [e for e in doc.events if e.attribution and e.attribution.quoted]
    assert any(e.acled_subtype == "non_state_actor_overtakes_territory" for e in quoted)


def test_one_event_many_mentions_and_distinct_events_apart(pipe, seed_text):
    doc = pipe.extract(seed_text, id="seed", published="2016-12-12")
    clashes = [e for e in doc.events if e.acled_subtype == "armed_clash" and e.modality == "asserted"]
    assert len(clashes) == 2  # the ISIS attack (many mentions) and the army repelling two attacks
    attack = max(clashes, key=lambda e: len(e.also_evidence))
    assert len(attack.also_evidence) >= 3
    assert {(e.actor1.normalized if e.actor1 else None) for e in clashes} == {
        "Islamic State (ISIS)", "Military Forces of Syria"}


def test_every_value_points_at_its_words(pipe, seed_text):
    doc = pipe.extract(seed_text, id="seed", published="2016-12-12")
    for e in doc.events:
        for sp in (e.trigger, e.evidence, *e.also_evidence):
            assert seed_text[sp.start:sp.end] == sp.text
        for q in e.quantities:
            assert seed_text[q.start:q.end] == q.text


def test_empty_document_has_no_events():
    from rasad.events.lexicon import load_lexicon
    from rasad.events.stage import extract_events

    assert extract_events(Document(id="e", text="   "), load_lexicon()) == []


def test_hedged_numbers_are_not_negations(pipe):
    evs = asserted(events(pipe, "قتل ما لا يقل عن 14 مدنيا في غارات جديدة على بلدة دوما."))
    assert evs and evs[0].fatalities is not None and evs[0].fatalities.value == 14


def test_nationality_adjective_names_the_actor(pipe):
    evs = asserted(events(pipe, "قتل 11 مدنيا في غارة تركية على مدينة عفرين."))
    assert evs[0].actor1 is not None and evs[0].actor1.normalized == "Military Forces of Turkey"


def test_related_headline_lines_and_running_totals_are_not_events(pipe):
    text = ("قتل 3 مدنيين في قصف على بلدة سرمدا أمس.\n"
            "دخول مساعدات غذائية للغوطة رغم استمرار القتال\n"
            "وأدت العمليات العسكرية إلى نزوح حوالي 320 ألف شخص حتى الآن.")
    evs = asserted(events(pipe, text))
    assert [e.acled_subtype for e in evs] == ["shelling_artillery_missile_attack"]


def test_another_bomber_is_another_event(pipe):
    text = "وفجر انتحاري حزامه الناسف في مسجد في بلدة موبي، وفجر انتحاري آخر نفسه في سوق مجاورة."
    evs = asserted(events(pipe, text))
    assert [e.acled_subtype for e in evs] == ["suicide_bomb", "suicide_bomb"]


def test_definite_noun_refers_back_to_the_event(pipe):
    text = "انفجرت سيارة مفخخة في سوق مدينة بيداوة صباح اليوم. وقال شهود إن الانفجار أسفر عن مقتل 5 أشخاص."
    evs = asserted(events(pipe, text))
    assert len(evs) == 1 and len(evs[0].also_evidence) == 1
    assert evs[0].fatalities is not None and evs[0].fatalities.value == 5


@pytest.mark.parametrize(("text", "modality"), [
    ("هدد الحوثيون بقصف الرياض بالصواريخ الباليستية.", "intended"),
    ("توعد التنظيم بشن هجمات جديدة في بغداد.", "intended"),
    ("دعا الأمين العام للأمم المتحدة إلى وقف القصف على إدلب فورا.", "intended"),
    ("نفى التحالف شن غارات على صنعاء أمس.", "denied"),
    ("لم تسجل أي اشتباكات في المدينة منذ أسبوع.", "denied"),
    ("في حال هاجمت إسرائيل لبنان فإن الرد سيكون قاسيا.", "hypothetical"),
])
def test_threats_calls_denials_and_conditions_are_never_asserted(pipe, text, modality):
    evs = events(pipe, text)
    assert evs and {e.modality for e in evs} == {modality}


@pytest.mark.parametrize("text", [
    "شن رئيس الوزراء هجوما حادا على المعارضة في البرلمان.",
    "تشهد البلاد معركة انتخابية حامية.",
    "تعرضت مواقع حكومية لهجوم إلكتروني واسع.",
    "ومنذ اندلاع الحرب عام 2011 قتل أكثر من 350 ألف شخص.",
])
def test_figures_of_speech_and_background_tolls_are_no_events(pipe, text):
    assert not asserted(events(pipe, text))


def test_an_earlier_event_named_as_a_time_anchor_is_background(pipe):
    text = ("انفجرت سيارة مفخخة قرب مقر البرلمان في مقديشو اليوم. "
            "وجاء الانفجار بعد ثلاثة أيام من مقتل 14 شخصا في انفجار سيارة مفخخة قرب فندق.")
    evs = asserted(events(pipe, text, published="2018-03-25"))
    assert len(evs) == 1 and evs[0].fatalities is None


def test_what_is_expected_later_is_not_asserted(pipe):
    evs = events(pipe, "وبدأت القوة الأفريقية انسحابها والذي من المتوقع أن يكتمل في 2020.", published="2018-03-25")
    assert evs and not asserted(evs)


def test_taking_ground_needs_ground(pipe):
    assert asserted(events(pipe, "وسيطرت قوات النظام على بلدة حوش زريقة في الغوطة الشرقية."))
    assert not asserted(events(pipe, "وقال إن شركات بريغوزين باتت تسيطر على كل عقود وزارة الدفاع."))


@pytest.mark.parametrize(("text", "killed"), [
    ("لقي 5 أشخاص مصرعهم في انفجار سيارة مفخخة في بغداد.", 5),
    ("أسفر القصف عن سقوط 7 قتلى و12 جريحا في حلب.", 7),
    ("انفجار في سوق مزدحم راح ضحيته 20 شخصا في كابول.", 20),
])
def test_ways_of_telling_a_death_toll(pipe, text, killed):
    evs = asserted(events(pipe, text))
    assert len(evs) == 1 and evs[0].fatalities is not None and evs[0].fatalities.value == killed


def test_the_subject_before_a_verb_is_its_actor_not_the_object_after_it(pipe):
    evs = asserted(events(pipe, "وقال المتحدث إن الجيش التركي هاجم مواقع وحدات حماية الشعب الكردية قرب عفرين."))
    assert evs and evs[0].actor1 is not None and "Turkey" in (evs[0].actor1.normalized or "")


def test_state_forces_without_a_name_are_the_forces_of_the_country(pipe):
    evs = asserted(events(pipe, "وقال المرصد إن قوات النظام سيطرت على بلدة النشابية في الغوطة الشرقية بريف دمشق."))
    assert evs and evs[0].actor1 is not None
    assert evs[0].actor1.normalized == "Military Forces of Syria"
    assert evs[0].acled_subtype == "government_regains_territory"


def test_an_agent_marked_by_lam_is_not_a_target(pipe):
    evs = asserted(events(pipe, "وقتل عشرة مسلحين في غارات للتحالف الدولي على بلدة هجين في دير الزور."))
    assert evs and evs[0].actor1 is not None and "coalition" in (evs[0].actor1.normalized or "")


def test_the_speaker_who_says_it_did_it_is_the_actor(pipe):
    evs = asserted(events(pipe, "وأعلن الجيش التركي أنه شن غارات جوية على مواقع في قضاء سنجار شمالي العراق."))
    assert evs and evs[0].actor1 is not None and "Turkey" in (evs[0].actor1.normalized or "")


def test_a_noun_takes_no_agent_from_a_relative_clause_before_it(pipe):
    evs = asserted(events(pipe, "وأشار المرصد إلى أن المحافظة التي تعد معقل فصائل المعارضة تعرضت لقصف جوي "
                                "شنته مقاتلات روسية."))
    assert evs and evs[0].actor1 is not None and "Russia" in (evs[0].actor1.normalized or "")


def test_a_protest_with_no_one_named_is_the_country_s_protesters(pipe):
    evs = asserted(events(pipe, "وخرجت مظاهرات حاشدة في مدينة البصرة جنوبي العراق احتجاجا على انقطاع الكهرباء."))
    assert evs and evs[0].actor1 is not None and evs[0].actor1.normalized == "Protesters (Iraq)"


def test_a_place_that_witnessed_an_event_tells_history(pipe):
    evs = events(pipe, "ويسيطر التنظيم على مناطق قرب قرية زيزون، التي شهدت توقيع اتفاق مصالحة بين الطرفين.")
    assert not [e for e in asserted(evs) if e.acled_subtype == "agreement"]


def test_a_campaign_running_for_months_and_habits_are_background(pipe):
    assert not asserted(events(pipe, "وتشن القوات منذ أشهر هجوما على آخر جيب للتنظيم في دير الزور."))
    assert not asserted(events(pipe, "وينشط التنظيم في المحافظة على شكل خلايا نائمة تتبنى عمليات اغتيال وتفجيرات."))
    assert not asserted(events(pipe, "وقتل المئات من أفراد الجيش والشرطة في هجمات تبناها مسلحون."))


def test_a_deal_and_the_ceasefire_it_settles_are_one_event(pipe):
    evs = asserted(events(pipe, "وتوصلت روسيا الجمعة إلى اتفاق لوقف إطلاق النار مع الفصائل في درعا."))
    assert len(evs) == 1 and evs[0].acled_subtype == "agreement"


def test_an_intercepted_missile_is_the_launcher_s_attack(pipe):
    evs = asserted(events(pipe, "اعترضت قوات الدفاع الجوي السعودية صاروخا باليستيا أطلقه الحوثيون على مدينة نجران."))
    assert len(evs) == 1 and evs[0].acled_subtype == "shelling_artillery_missile_attack"
    assert evs[0].actor1 is not None and "Houthi" in (evs[0].actor1.normalized or "")


def test_an_organisation_s_seat_is_not_where_the_event_happened(pipe):
    evs = asserted(events(pipe, "وكان المرصد السوري، ومقره بريطانيا، قد أعلن مقتل 14 جنديا في هجوم بسيارة مفخخة "
                                "في مدينة درعا."))
    assert evs and evs[0].location is not None and evs[0].location.country != "GB"


def test_an_owner_after_the_target_is_not_the_agent(pipe):
    evs = asserted(events(pipe, "وأمر الوزير بتنفيذ غارة جوية على مواقع عسكرية للجيش السوري قرب مدينة حمص."))
    assert evs and (evs[0].actor1 is None or "Syria" not in (evs[0].actor1.normalized or ""))


def test_preparing_an_attack_is_an_intention(pipe):
    evs = events(pipe, "وقالت مصادر إن الجيش يجهز لهجوم على مدينة إدلب.")
    assert evs and not asserted(evs)
