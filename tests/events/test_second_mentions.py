"""One event told twice is one event; habits, causes and recalled places are not news."""

from __future__ import annotations

import pytest

from rasad.events.merging import definite


def asserted(pipeline, text: str, published: str = "2018-07-13", outlet: str | None = "France 24"):
    doc = pipeline.extract(text, id="t", published=published, outlet=outlet)
    return [e for e in doc.events if e.modality == "asserted"]


@pytest.mark.parametrize("word, yes", [
    ("الغاره", True), ("والهجوم", True), ("بالقصف", True), ("للانفجار", True), ("وبالغاره", True),
    ("غاره", False), ("هجوما", False), ("بلدة", False),
])
def test_definite_words(word, yes):
    assert definite(word) is yes


def test_a_definite_mention_with_another_toll_is_the_raid_told_before(pipeline):
    text = ("أعلن الجيش الأميركي يوم الاثنين أنه شن غارة جوية قتلت خمسة مسلحين في وسط الصومال.\n"
            "بيد أن وسائل الإعلام الموالية للحركة ذكرت أن اثنين فقط من المدنيين قتلوا في الغارة الجوية.")
    evs = asserted(pipeline, text, "2018-04-02", "alarabia")
    assert len(evs) == 1 and evs[0].acled_subtype == "air_drone_strike"


def test_a_raid_told_by_a_named_and_by_a_generic_source_is_one(pipeline):
    text = ("استهدف تفجير انتحاري صباح الأحد مخازن صناديق الاقتراع في مدينة كركوك، بحسب محافظ كركوك راكان سعيد الجبوري.\n"
            "وقال مصدر أمني عراقي إن 19 شخصا أصيبوا في تفجير انتحاري استهدف مخازن صناديق الاقتراع في مدينة كركوك.")
    evs = asserted(pipeline, text, "2018-07-01")
    assert [e.acled_subtype for e in evs] == ["suicide_bomb"]


def test_a_habit_is_not_an_event(pipeline):
    evs = asserted(pipeline, "وتتعرض محافظة دير الزور من حين لآخر لقصف من قبل الطيران العراقي.")
    assert evs == []


def test_the_cause_of_an_arrest_is_not_a_second_event(pipeline):
    evs = asserted(pipeline, "اعتقلت الشرطة التركية، السبت، 19 شخصا على خلفية اشتباكات دامية في بلدة سوروش.",
                   "2018-06-16", "skynews")
    assert [e.acled_subtype for e in evs] == ["arrests"]


def test_a_place_in_a_recalled_stretch_is_not_the_event_place(pipeline):
    text = ("تعرضت مدينة إدلب لقصف جوي من قبل مقاتلات روسية السبت.\n"
            "وذكر المرصد أن المدينة تعرضت لقصف جوي السبت، بعد يوم من قمة طهران.")
    evs = asserted(pipeline, text, "2018-09-08")
    assert evs and all((e.location is None or e.location.name != "Tehran") for e in evs)


def test_the_toll_after_an_arrest_goes_to_the_fight_not_the_arrest(pipeline):
    text = ("اعتقلت الشرطة التركية، السبت، 19 شخصا في بلدة سوروش.\n"
            "وذكرت تقارير أن 4 أشخاص قتلوا، الخميس، خلال لقاء النائب مع أصحاب متاجر.")
    evs = asserted(pipeline, text, "2018-06-16", "skynews")
    arrests = [e for e in evs if e.acled_subtype == "arrests"]
    assert arrests and all(e.fatalities is None for e in arrests)


def test_what_a_raid_targeted_is_the_raid(pipeline):
    evs = asserted(pipeline, "نفذت قوات التحالف بقيادة السعودية في اليمن غارة جوية قبل نحو شهر استهدفت حافلة مدرسية "
                             "في ضحيان بمحافظة صعدة.", "2018-09-09", "BBC")
    assert [e.acled_subtype for e in evs] == ["air_drone_strike"]


@pytest.mark.parametrize("text", [
    "ارتفع عدد القتلى جراء الزلزال وموجات المد في جزيرة سولاويسي إلى 1234 شخصا.",
    "لقي خمسة أشخاص مصرعهم في حادث سير على الطريق الدولي قرب حمص.",
])
def test_deaths_in_disasters_and_accidents_are_not_conflict_events(pipeline, text):
    assert asserted(pipeline, text, "2018-10-02", "skynews") == []


def test_a_gas_line_blowing_up_is_an_accident(pipeline):
    evs = asserted(pipeline, "استيقظ سكان ولاية بنسلفانيا على سماء برتقالية بعد انفجار خط الغاز الرئيسي.", "2018-09-10", "CNN")
    assert evs == []


def test_a_football_attack_is_not_an_attack(pipeline):
    evs = asserted(pipeline, "قال محمد صلاح إنه لا مكان للأنانية بين ثلاثي خط هجوم ليفربول الإنكليزي.", "2018-05-25")
    assert evs == []


@pytest.mark.parametrize("text", [
    "قال بومبيو إن واشنطن انسحبت من الاتفاق النووي مع إيران بسبب أخطائه.",
    "وتعثرت المفاوضات بانسحاب وفد المعارضة من الجلسة.",
    "وبارك موقوفة منذ نحو عام في مركز اعتقال قرب سيول.",
    "أدت المشادة إلى حدوث شجار واشتباك بالأيدي مع الصحفي داخل القنصلية.",
    "وتجري المعارضة مفاوضات مع روسيا سعيا للتوصل إلى اتفاق لإنهاء القتال في درعا.",
])
def test_politics_and_figures_of_speech_are_not_events(pipeline, text):
    assert asserted(pipeline, text, "2018-07-05", "skynews") == []


def test_a_word_holding_a_cue_after_a_clitic_is_not_the_cue(pipeline):
    """كامل is not ك + أمل (hope): a week of protests stays a fact."""
    evs = asserted(pipeline, "و يأتي انتهاء الاحتجاجات بعد اسبوع كامل شهد تظاهرات طالبت بسحب مشروع قانون الضريبة في عمان.",
                   "2018-06-07", "alarabia")
    assert [e.acled_subtype for e in evs] == ["peaceful_protest"]


def test_an_official_of_the_police_is_the_source(pipeline):
    evs = asserted(pipeline, "قال مسؤول بالشرطة الأفغانية إن مسلحي حركة طالبان سيطروا على منطقة في إقليم غزنة صباح الخميس.",
                   "2018-04-12", "skynews")
    assert evs and evs[0].attribution is not None
    source = evs[0].attribution.source or ""
    assert "الشرطة" in source or source == "Police Forces of Afghanistan"  # the institution, as written or by name


def test_according_to_after_the_event_names_its_source(pipeline):
    evs = asserted(pipeline, "قتل 54 شخصا الجمعة في غارة جوية قرب بلدة السوسة في محافظة دير الزور، وفق ما أعلن "
                             "المرصد السوري لحقوق الإنسان.")
    assert evs and evs[0].attribution is not None
    assert evs[0].attribution.source == "Syrian Observatory for Human Rights"


def test_the_official_told_before_goes_on_speaking(pipeline):
    text = ("وقال اللواء إيغور كوناشينكوف الناطق باسم وزارة الدفاع الروسية إن الطيران الروسي وجه 64 ضربة إلى مواقع "
            "الإرهابيين قرب تدمر.\n"
            "وأوضح المسؤول العسكري الروسي أن الطيران قصف مواقع داعش في ريف تدمر الشرقي أمس.")
    evs = asserted(pipeline, text, "2016-12-12", "RT")
    assert len(evs) >= 1
    assert all(e.attribution is not None and e.attribution.source == "Russian Ministry of Defence" for e in evs)


def test_one_deal_told_three_ways_is_one_event(pipeline):
    text = ("تبادلت قوات حكومة جنوب السودان والمتمردون الاتهامات السبت بشن هجمات، اليوم السبت وهو موعد بدء سريان "
            "وقف لإطلاق النار يشكل جزءا من اتفاق سلام جديد.\n"
            "ووقع رئيس جنوب السودان سلفا كير يوم الأربعاء اتفاق سلام مع المتمردين شمل وقفا لإطلاق النار يبدأ خلال 72 "
            "ساعة من توقيع الاتفاق.")
    evs = asserted(pipeline, text, "2018-06-30")
    assert len([e for e in evs if e.acled_subtype == "agreement"]) == 1


def test_an_ally_named_by_its_country_is_not_a_place(pipeline):
    evs = asserted(pipeline, "أحرق المتظاهرون الغاضبون في البصرة مقار الأحزاب الموالية لإيران.", "2018-09-06", "skynews")
    assert evs and all(e.location is None or e.location.country != "IR" for e in evs)


@pytest.mark.parametrize("text", [
    "هاجم البرلماني المصري مصطفى بكري الرئيس التونسي السابق في تصريحات تلفزيونية.",
    "لماذا انفجرت أزمة مسلمي الروهينغا في ميانمار؟",
    "وقال متحدث باسم الجيش الإيطالي إن القنبلة سيتم تفجيرها في البحر بعد أيام.",
    "وقال المنسق الأممي إن استهداف المدنيين الأبرياء في الغوطة يجب أن يتوقف حالا.",
    "لقي 7 أشخاص مصرعهم وأصيب العشرات بجروح في انقلاب قطار قرب مدينة القنيطرة المغربية.",
    "وكانت الشرطة قد قالت إن المحامي أحرق نفسه في متنزه عام في نيويورك.",
])
def test_criticism_figures_plans_calls_and_accidents_are_not_events(pipeline, text):
    assert asserted(pipeline, text, "2018-04-15", "BBC") == []


def test_the_neighbour_across_the_border_is_not_the_place(pipeline):
    evs = asserted(pipeline, "اشتبك مسلحون مع الشرطة في بلدة كردية تركية على الحدود مع سوريا الخميس.", "2018-06-16",
                   "skynews")
    assert evs and all(e.location is None or e.location.country != "SY" for e in evs)


@pytest.mark.parametrize("text", [
    "حذر الجيش من أنه سيرد بقوة على أي هجوم يستهدف قواته.",
    "وقال إن الجيش قادر على سحق أي هجوم.",
    "ومن المتوقع أن تبدأ عملية إجلاء المسلحين غدا.",
    "وتشير التقديرات إلى مقتل 500 ألف شخص في الحرب.",
    "ويواجه المتهم تهما بالقتل والاغتصاب.",
    "وقضت المحكمة بإعدام خمسة متهمين.",
    "وأعلنت الحركة استعدادها لوقف إطلاق النار.",
])
def test_any_attack_expectations_war_tolls_trials_and_readiness_are_not_events(pipeline, text):
    assert asserted(pipeline, text, "2018-05-01", "skynews") == []


def test_an_attack_that_targeted_a_church_is_an_attack_on_civilians(pipeline):
    evs = asserted(pipeline, "وأدان الاتحاد الأوروبي الهجوم الذي استهدف كنيسة في القاهرة الأحد.", "2018-05-01", "skynews")
    assert [e.acled_subtype for e in evs] == ["attack"]


@pytest.mark.parametrize("text, subtype", [
    ("استخدمت الشرطة الغاز المسيل للدموع ضد المتظاهرين في الخرطوم.", "protest_with_intervention"),
    ("قتل متظاهران برصاص قوات الأمن في البصرة.", "excessive_force_against_protesters"),
])
def test_force_used_on_protesters(pipeline, text, subtype):
    assert [e.acled_subtype for e in asserted(pipeline, text, "2018-05-01", "skynews")] == [subtype]


def test_what_people_fled_from_is_not_told_again(pipeline):
    evs = asserted(pipeline, "نزح آلاف المدنيين من ريف إدلب هربا من القصف.", "2018-05-01", "skynews")
    assert [e.acled_subtype for e in evs] == ["other"]


@pytest.mark.parametrize("text", [
    "وقال المتحدث إن القوات ستواصل عملياتها حتى تحرير كامل المحافظة.",
    "وأعربت الخارجية عن قلقها من احتمال اندلاع معارك في إدلب.",
])
def test_future_verbs_and_possibilities_are_not_events(pipeline, text):
    assert asserted(pipeline, text, "2018-05-01", "skynews") == []


def test_a_similar_earlier_blast_does_not_name_the_attack(pipeline):
    evs = asserted(pipeline, "ويأتي الهجوم بعد أسبوع من تفجير مماثل في المدينة.", "2018-05-01", "skynews")
    assert all(e.acled_subtype != "remote_explosive_landmine_ied" for e in evs)


def test_armed_men_resolved_to_a_group_are_not_its_spokesmen(pipeline):
    text = ("أعلن مصدر أمني الأحد مقتل 18 شخصا مساء الخميس على الضفة التشادية من بحيرة تشاد بأيدي مسلحين قال إنهم "
            "ينتمون إلى جماعة بوكو حرام.")
    evs = asserted(pipeline, text, "2018-07-22", "alarabia")
    assert evs and all(e.attribution is not None and e.attribution.source == "مصدر أمني" for e in evs)


def test_residents_speak_as_residents(pipeline):
    evs = asserted(pipeline, "وقال سكان إن أربعة أشخاص من عائلة واحدة قتلوا في غارة أخرى ضربت منزلهم في حجة.",
                   "2018-04-23", "BBC")
    assert evs and evs[0].attribution is not None and "سكان" in (evs[0].attribution.source or "")


@pytest.mark.parametrize("text", [
    "وأكدت الحكومة معارضة بريطانيا لعقوبة الإعدام في كل الظروف.",
    "حيث اشتهرت الخلية بإعدامها للرهائن الغربيين في سوريا.",
    "ولقي رئيس الوزراء مصرعه في حادث على الطريق بين جنوب روسيا وسوخومي.",
])
def test_penalties_reputations_and_road_deaths_are_not_events(pipeline, text):
    assert asserted(pipeline, text, "2018-07-23", "BBC") == []


def test_a_state_lasting_a_year_is_not_news_even_after_hashtags(pipeline):
    evs = asserted(pipeline, "واستغرب مواطنون السكوت عن تردي الوضع المعيشي واستمرار نهب #الحوثيين لمرتبات موظفي الدولة "
                             "منذ أكثر من عام.", "2018-03-04", "alarabia")
    assert evs == []


def test_the_lead_and_the_detail_of_one_advance_are_one_event(pipeline):
    text = ("سيطرت قوات الحكومة السورية على أراض كانت في يد مسلحي المعارضة، على مشارف الغوطة الشرقية قرب دمشق.\n"
            "وقال مدير المرصد السوري لحقوق الإنسان رامي عبد الرحمن، الجمعة، إن قوات الحكومة سيطرت على قريتي حوش "
            "زريقة وحوش الضواهرة في منطقة المرج.")
    evs = asserted(pipeline, text, "2018-03-02", "skynews")
    assert len([e for e in evs if e.acled_subtype == "government_regains_territory"]) == 1


def test_a_toll_with_its_day_dates_the_attack(pipeline):
    text = ("وذكرت وسائل إعلام أن النائب وأنصاره تعرضوا لهجوم من معارضين كانوا مسلحين بعصي وسكاكين في بلدة سوروش.\n"
            "وذكرت تقارير أن 4 أشخاص قتلوا، الخميس، خلال لقاء النائب مع أصحاب متاجر.")
    evs = asserted(pipeline, text, "2018-06-16", "skynews")
    assert evs and evs[0].date is not None and evs[0].date.start == "2018-06-14"


@pytest.mark.parametrize("text", [
    "قتل شخص وأصيب أربعة آخرون في هجوم بسكين نفذه رجل في باريس.",
    "قتل ثلاثة أشخاص في عملية دهس بشاحنة في برشلونة.",
])
def test_knives_and_rammings_are_attacks_on_people(pipeline, text):
    assert [e.acled_subtype for e in asserted(pipeline, text, "2018-05-13", "alarabia")] == ["attack"]
