"""Time expressions: the seed article, real sentences from ant-news, resources, properties."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import need_shared

from rasad.model import Document, TimeExpression
from rasad.pipeline import Pipeline
from rasad.text import dates
from rasad.text.normalize import normalize_str

LX = dates.load()


def times(text: str, published: str | None = None, reference_year: int = 2026) -> list[TimeExpression]:
    return dates.find_times(text, published, LX, reference_year)


def one(text: str, published: str | None = None, **kw: int) -> TimeExpression:
    found = times(text, published, **kw)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


# ----------------------------------------------------------------------------- the seed


@pytest.fixture(scope="module")
def seed_times(seed_text: str) -> list[TimeExpression]:
    doc = Pipeline(stages=("rasad.text.dates:stage",)).extract(seed_text, published="2016-12-12")
    return doc.times


def _by_text(ts: list[TimeExpression]) -> dict[str, TimeExpression]:
    return {t.text: t for t in ts}


def test_seed_every_time_expression_resolves_as_read(seed_times: list[TimeExpression]) -> None:
    got = _by_text(seed_times)
    expect = {
        "حتى الربيع المقبل": ("2017-03-01", "2017-05-31", "season", "until"),
        "الاثنين 12 ديسمبر/كانون الأول": ("2016-12-12", "2016-12-12", "day", "weekday"),
        "يوم الخميس الماضي": ("2016-12-08", "2016-12-08", "day", "weekday"),
        "على مدى يومين": ("2016-12-11", "2016-12-12", "range", "duration"),
        "خلال الساعات الـ24 الماضية": ("2016-12-11", "2016-12-12", "range", "window"),
        "حتى الآن": ("2016-12-12", "2016-12-12", "day", "until"),
    }
    for text, (a, b, prec, kind) in expect.items():
        t = got[text]
        assert (t.value_start, t.value_end, t.precision, t.kind) == (a, b, prec, kind), text
    since = got["منذ بداية عملية"]
    assert since.kind == "since" and since.value_end == "2016-12-12" and since.value_start is None
    assert [t.text for t in seed_times].count("خلال الساعات الـ24 الماضية") == 2


def test_seed_invents_no_dates(seed_text: str, seed_times: list[TimeExpression]) -> None:
    assert len(seed_times) == 8
    for t in seed_times:
        assert seed_text[t.start:t.end] == t.text
        for number in ("96", "8.5", "2215", "2137", "1389", "40484", "5100"):
            assert number not in t.text
    assert seed_times == sorted(seed_times, key=lambda t: t.start)


def test_seed_without_publication_date_leaves_relative_times_open(seed_text: str) -> None:
    ts = _by_text(times(seed_text, None, reference_year=2019))
    for text in ("حتى الربيع المقبل", "يوم الخميس الماضي", "على مدى يومين", "خلال الساعات الـ24 الماضية"):
        assert (ts[text].value_start, ts[text].value_end, ts[text].precision) == (None, None, "unknown")
    # Monday 12 December: only 2016 among 2014..2019, so the weekday fixes it, and says so
    monday = ts["الاثنين 12 ديسمبر/كانون الأول"]
    assert (monday.value_start, monday.precision, monday.basis) == ("2016-12-12", "day", "weekday")


def test_weekday_date_without_year_is_unknown_when_several_years_fit() -> None:
    lx = dataclasses.replace(LX, recent_years=12)  # 2015..2026 holds 2016 and 2022
    t = dates.find_times("في مؤتمر صحفي الاثنين 12 ديسمبر/كانون الأول", None, lx, 2026)[0]
    assert (t.value_start, t.value_end, t.precision, t.month_day, t.basis) == (None, None, "unknown", "--12-12", None)


def test_day_month_without_anchor_keeps_month_day() -> None:
    t = one("قُتلت في 15 مارس/آذار في عفرين")
    assert (t.value_start, t.precision, t.month_day) == (None, "unknown", "--03-15")


# ----------------------------------------------------------------------------- real sentences
# (published, sentence from ant-news-2018, expression, value_start, value_end, precision, kind)
REAL = [
    ("2018-04-11T14:56:21+00:00", "وحذر ترامب أول أمس الاثنين من رد سريع وقوي فور تحديد المسؤولية",
     "أول أمس الاثنين", "2018-04-09", "2018-04-09", "day", "weekday"),
    ("2018-04-11T06:40:43+00:00", "سلطت الصحف الضوء على ظهور الرئيس الجزائري عبد العزيز بوتفليقة أول أمس وسط الجزائر",
     "أول أمس", "2018-04-09", "2018-04-09", "day", "relative"),
    ("2018-05-06T21:37:16+04:00", "وأوضح أن المعارك التي بدأت، الجمعة الماضية، أسفرت عن مصرع أكثر من 20",
     "الجمعة الماضية", "2018-05-04", "2018-05-04", "day", "weekday"),
    ("2018-07-16T05:24:40+04:00", "وكانت وسائل إعلام قطرية نشرت الجمعة الماضي مقابلة مزعومة",
     "الجمعة الماضي", "2018-07-13", "2018-07-13", "day", "weekday"),
    ("2018-05-06T13:30:28+04:00", "تشهد شبه الجزيرة منذ مطلع العام أجواء تهدئة بين الكوريتين",
     "منذ مطلع العام", "2018-01-01", "2018-05-06", "range", "since"),
    ("2018-02-21T14:26:17+04:00", "مخبأة في فريزر ثلاجة مطلع الشهر الجاري.",
     "مطلع الشهر الجاري", "2018-02-01", "2018-02-09", "approximate", "relative"),
    ("2018-07-17T03:33:08+00:00", "وبحلول منتصف الشهر الماضي، علم إيميلي وريان، والدا الطفل",
     "منتصف الشهر الماضي", "2018-06-11", "2018-06-20", "approximate", "relative"),
    ("2018-05-15T22:03:32+04:00", "وسبق أن رعت الأمم المتحدة منذ منتصف العام 2015 ثلاث جولات مفاوضات",
     "منذ منتصف العام 2015", "2015-05-03", "2018-05-15", "range", "since"),
    ("2018-06-03T13:52:01+04:00", "منذ بدء الاحتجاجات على الحدود بين قطاع غزة وإسرائيل أواخر آذار/مارس الماضي.",
     "أواخر آذار/مارس الماضي", "2018-03-22", "2018-03-31", "approximate", "absolute"),
    ("2018-02-18T23:13:19+04:00", "والاحتجاجات التي عمت البلاد أواخر الشهر الماضي، وذلك احتجاجا",
     "أواخر الشهر الماضي", "2018-01-22", "2018-01-31", "approximate", "relative"),
    ("2018-03-19T15:48:38+00:00", "ويُرجح أن آنا كامبل، 26 عاما، قُتلت في 15 مارس/آذار في عفرين",
     "15 مارس/آذار", "2018-03-15", "2018-03-15", "day", "absolute"),
    ("2018-06-01T11:34:09+04:00", "وتعصف بجنوب السودان الذي انفصل عن #السودان عام 2011 حرب أهلية",
     "عام 2011", "2011-01-01", "2011-12-31", "year", "year"),
    ("2018-05-18T10:46:55+04:00", "اعتبارا من عام 2011، عمل كل من صفي الدين وبزي على حل النزاع",
     "اعتبارا من عام 2011", "2011-01-01", "2018-05-18", "range", "since"),
    ("2018-06-05T01:56:04+00:00", "وذلك خلال شهر رمضان المبارك من هذا العام 1439هـ.",
     "شهر رمضان المبارك من هذا العام 1439هـ", "2018-05-16", "2018-06-14", "month", "hijri"),
    ("2018-06-09T00:15:07+00:00", "على عقد اجتماع يضم الدول الأربع في مكة المكرمة يوم الأحد القادم 26/9/1439هـ لمناقشة",
     "يوم الأحد القادم 26/9/1439هـ", "2018-06-10", "2018-06-10", "day", "hijri"),
    ("2018-06-08T14:17:26+04:00", "لقوا مصرعهم في صفوف الميليشيات الحوثية خلال الأيام القليلة الماضية، خاصة",
     "خلال الأيام القليلة الماضية", "2018-06-05", "2018-06-08", "approximate", "window"),
    ("2018-05-05T22:00:14+04:00", "وقرويا واحدا في قرية باتيكول الأسبوع الماضي، وطالبوا بفدية",
     "الأسبوع الماضي", "2018-04-28", "2018-05-04", "week", "relative"),
    ("2018-05-06T16:20:14+04:00", "وحث ماكرون ترمب على عدم الانسحاب عندما التقى به في واشنطن في نهاية الشهر الماضي.",
     "نهاية الشهر الماضي", "2018-04-21", "2018-04-30", "approximate", "relative"),
    ("2018-06-28T18:08:17+04:00", "نحو 1000 مهاجر تقريباً هلكوا في البحر منذ بداية العام الجاري.",
     "منذ بداية العام الجاري", "2018-01-01", "2018-06-28", "range", "since"),
    ("2018-03-06T16:58:01+04:00", "وأكدت مصادر نفطية أن 40 ناقلة محملة بالغاز غادرت مأرب قبل يومين في طريقها",
     "قبل يومين", "2018-03-04", "2018-03-04", "day", "relative"),
    ("2018-05-07T11:41:47+04:00", "ظهرت في القدس، اليوم الاثنين، قبل افتتاح السفارة الأسبوع المقبل في المدينة.",
     "الأسبوع المقبل", "2018-05-12", "2018-05-18", "week", "relative"),
    ("2018-05-24T14:44:36+04:00", "سقطت في أيلول/سبتمبر العام الماضي هجمات",
     "أيلول/سبتمبر العام الماضي", "2017-09-01", "2017-09-30", "month", "absolute"),
    ("2018-03-30T10:00:00+04:00", "استطلاع على الإنترنت في 28 و29 مارس وشمل 1009 أشخاص",
     "28 و29 مارس", "2018-03-28", "2018-03-29", "range", "absolute"),
    ("2018-06-20T10:00:00+04:00", "قد أطلقت في العاشر من حزيران/يونيو، نداء استغاثة",
     "العاشر من حزيران/يونيو", "2018-06-10", "2018-06-10", "day", "absolute"),
    ("2018-06-01T10:00:00+04:00", "كيم جونغ أون في سنغافورة في12  حزيران/يونيو. وبحسب رسالة",
     "12  حزيران/يونيو", "2018-06-12", "2018-06-12", "day", "absolute"),
    ("2018-03-15T10:00:00+04:00", "دخلت الحرب في سوريا الخميس 15 آذار/مارس 2017 عامها الثامن",
     "الخميس 15 آذار/مارس 2017", "2017-03-15", "2017-03-15", "day", "weekday"),
    ("2018-08-07T10:00:00+04:00", "الذى كان في زيارة لباكستان، يوم الثلاثاء (7 أغسطس آب) مع قائد الجيش",
     "يوم الثلاثاء (7 أغسطس آب)", "2018-08-07", "2018-08-07", "day", "weekday"),
    ("2018-10-18T10:00:00+04:00", "في إسطنبول بتركيا 2 أكتوبر/ تشرين الأول الجاري.",
     "2 أكتوبر/ تشرين الأول الجاري", "2018-10-02", "2018-10-02", "day", "absolute"),
    ("2018-06-09T10:00:00+04:00", "وتنفيذ الخروج في مارس المقبل يتم الطلب",
     "مارس المقبل", "2019-03-01", "2019-03-31", "month", "absolute"),
    ("2018-10-17T10:00:00+04:00", "المحاولة الانقلابية الفاشلة في صيف عام 2016، بات وراء",
     "صيف عام 2016", "2016-06-01", "2016-08-31", "season", "absolute"),
    ("2018-04-18T10:00:00+04:00", "كان حاكما لولاية فلوريدا بين عامي 1999 و2007 ومرشحا",
     "عامي 1999 و2007", "1999-01-01", "2007-12-31", "range", "year"),
    ("2018-07-14T10:00:00+04:00", "اليونان والانضمام للحكومة في 2015 و2016، ولديهما منزل",
     "2016", "2016-01-01", "2016-12-31", "year", "year"),
    ("2018-02-25T10:00:00+04:00", "التضحيات التي قدمها مواطنو البلاد طيلة سبعة أشهر، دفاعا عن بلدهم",
     "طيلة سبعة أشهر", "2017-07-26", "2018-02-25", "range", "duration"),
    ("2018-05-17T10:00:00+04:00", "العاصمة البلغارية \"نشهد اليوم ظاهرة جديدة\"",
     "اليوم", "2018-05-17", "2018-05-17", "day", "relative"),
    ("2018-08-03T10:00:00+04:00", "نتائج الانتخابات الرئاسية مساء الخميس، وذلك بعد سقوط",
     "مساء الخميس", "2018-08-02", "2018-08-02", "day", "weekday"),
    ("2018-03-03T10:00:00+04:00", "التي تمنعه من أي منصب انتخابي حتى نهاية 2019 بعد إدانته",
     "حتى نهاية 2019", "2019-09-01", "2019-12-31", "approximate", "until"),
    ("2018-07-10T10:00:00+04:00", "إلغاء جولة كانت مقررة اعتبارا من الأربعاء إلى كل من بلجيكا",
     "اعتبارا من الأربعاء", "2018-07-11", "2018-07-11", "day", "since"),
    ("2018-06-20T10:00:00+04:00", "سيجري تحقيقا في أواخر تسعينيات القرن الماضي\". وأضاف",
     "أواخر تسعينيات القرن الماضي", "1996-09-02", "1999-12-31", "approximate", "year"),
    ("2018-05-01T10:00:00+04:00", "البلدين الواقعين في القرن الأفريقي منذ أواخر التسعينيات. ودخل",
     "منذ أواخر التسعينيات", "1996-09-02", "2018-05-01", "range", "since"),
    ("2018-06-20T10:00:00+04:00", "وفي مايو، وقعت المواجهة الأعنف", "مايو", "2018-05-01", "2018-05-31", "month", "absolute"),
    ("2018-06-20T10:00:00+04:00", "بالإضافة إلى 430 يمنيا وصلوا جزيرة جيجو بين يناير ومايو",
     "مايو", "2018-05-01", "2018-05-31", "month", "absolute"),
    ("2018-08-01T10:00:00+04:00", "وتحديدا في 26 من يوليو، قتل القيادي الميداني",
     "26 من يوليو", "2018-07-26", "2018-07-26", "day", "absolute"),
    ("2018-07-01T10:00:00+04:00", "قطعت علاقاتها مع قطر في الخامس من حزيران/يونيو2017  واتهمتها",
     "الخامس من حزيران/يونيو2017", "2017-06-05", "2017-06-05", "day", "absolute"),
    ("2018-06-16T10:00:00+04:00", "وفي جنوب دمشق، قتل الخميس22  مقاتلا مواليا للنظام",
     "الخميس", "2018-06-14", "2018-06-14", "day", "weekday"),
    ("2018-04-16T10:00:00+04:00", "الهجوم الذي وقع في السابع من الشهر الحالي، وبمنع المفتشين",
     "السابع من الشهر الحالي", "2018-04-07", "2018-04-07", "day", "relative"),
    ("2018-03-01T10:00:00+04:00", "تعود إلى عهد الملك الأشرف إسماعيل عام 800 هـ، من أهم المواقع الأثرية",
     "عام 800 هـ", "1396-01-01", "1398-12-31", "approximate", "hijri"),
    ("2018-04-26T10:00:00+04:00", "وزير الخارجية الأمريكية الجديد مايك بومبيو سيتوجه الجمعة إلى بروكسل",
     "الجمعة", "2018-04-27", "2018-04-27", "day", "weekday"),
    ("2018-06-20T10:00:00+04:00", "ومن المقرر أن يصوت البرلمان في وقت لاحق الأربعاء على قرار",
     "الأربعاء", "2018-06-20", "2018-06-20", "day", "weekday"),
    ("2018-04-21T10:00:00+04:00", "وكان من المقرر أن يدخلوا المدينة يوم الأربعاء لكن الزيارة تأجلت",
     "يوم الأربعاء", "2018-04-18", "2018-04-18", "day", "weekday"),
    ("2018-04-22T10:00:00+04:00", "دخل مخيم اليرموك على خط الأزمة السورية في شهر ديسمبر من عام 2012، وبدأ",
     "شهر ديسمبر من عام 2012", "2012-12-01", "2012-12-31", "month", "absolute"),
    ("2018-05-08T10:00:00+04:00", "وزار كيم جونغ أون الصين في مارس للمرة الأولى منذ توليه السلطة",
     "مارس", "2018-03-01", "2018-03-31", "month", "absolute"),
    ("2018-10-11T10:00:00+04:00", "ليطرد المهندس من عمله، وفي 1998، تغيرت الحكومة الهندية",
     "1998", "1998-01-01", "1998-12-31", "year", "year"),
    ("2018-10-08T10:00:00+04:00", "تزوج بولسونارو (مواليد 1955، ساوباولو) ثلاث مرات",
     "1955", "1955-01-01", "1955-12-31", "year", "year"),
    ("2018-06-20T10:00:00+04:00", "وتلتقي ميركل اليوم الرئيس اللبناني ميشال عون",
     "اليوم", "2018-06-20", "2018-06-20", "day", "relative"),
    ("2018-01-03", "بعد غدٍ ستبدأ المحادثات", "بعد غدٍ", "2018-01-05", "2018-01-05", "day", "relative"),
    ("2018-01-03", "وصل الوفد إلى بيروت صباح أمس", "صباح أمس", "2018-01-02", "2018-01-02", "day", "relative"),
    ("2018-10-12T10:00:00+04:00", "السعودية برقم 5709 وتاريخ 3 / 2 / 1440 هـ بإجراء التحقيقات",
     "3 / 2 / 1440 هـ", "2018-10-12", "2018-10-12", "day", "hijri"),
]


@pytest.mark.parametrize(("published", "sentence", "text", "start", "end", "precision", "kind"), REAL,
                         ids=[r[2] for r in REAL])
def test_real_sentence(published: str, sentence: str, text: str, start: str, end: str, precision: str,
                       kind: str) -> None:
    found = {t.text: t for t in times(sentence, published)}
    assert text in found, list(found)
    t = found[text]
    assert sentence[t.start:t.end] == text
    assert (t.value_start, t.value_end, t.precision, t.kind) == (start, end, precision, kind)


NOT_TIMES = [
    "وباتت تسيطر على 96% من مساحة المدينة",
    "لا تتجاوز 8.5 كيلومتر مربع",
    "أكد كوناشينكوف خروج 2215 مسلحا من الأحياء الشرقية",
    "وسبق أن مارس الضغوط على الحكومة",  # مارس: "he practised"
    "الصحيفة تقول إن حركة لويجي دي مايو فازت",  # Luigi Di Maio
    "وفقا لموقع سبتمبر نت التابع لوزارة الدفاع",  # a website's name, not a month
    "قال مصدر مطلع على التحقيقات",  # مطلع: "informed", not "the start of"
    "كما قضت بحبس الخاطفين الاثنين 15 سنة",  # الاثنين: "the two"
    "وأعلن الحزب التركي المعارض محرم اينجه ترشحه",  # محرم: a name
    "في ذكرى الربيع العربي",  # the Arab Spring
    "وللقضاء عليهم في نهاية المطاف",
    "في أحداث الجمعة الثانية لمسيرة العودة",  # the second protest Friday, not a date
    "وجاءت إقالة مكابي قبل يومين من بلوغه الخمسين",  # two days before an event, not before today
    "سجن 1500 شخص و 3000 آخرين",
    "حيث مارس مهنته الطب بعد أن أنهى دراسته",
    "وأذاعت البيان قناة #اليمن_اليوم الفضائية.",
    "وصحيفة رأي اليوم الإلكترونية التي شجبت",
    "ليعيد النظر في قراره في اليوم التالي.",
    "رقم 28 للعملية الشاملة \"سيناء 2018\"، التي ينفذها الجيش",
]


@pytest.mark.parametrize("sentence", NOT_TIMES, ids=range(len(NOT_TIMES)))
def test_not_a_time(sentence: str) -> None:
    assert times(sentence, "2018-05-01") == []


def test_published_datetime_uses_its_local_date() -> None:
    t = one("قال الوزير أمس إن", "2018-04-11T00:30:00+04:00")
    assert t.value_start == "2018-04-10"


def test_bad_published_gives_warning_and_unknown_values() -> None:
    doc = Pipeline(stages=("rasad.text.dates:stage",))(Document(id="x", text="وقع الهجوم أمس", published="yesterday"))
    assert doc.times[0].precision == "unknown" and doc.times[0].value_start is None
    assert any("published" in w for w in doc.warnings)


def test_span_keeps_diacritics_and_tatweel_of_the_original() -> None:
    text = "وقع الانفجار غداً في 1439هـ حسب"
    ts = times(text, "2018-01-01")
    assert [t.text for t in ts] == ["غداً", "1439هـ"]
    assert all(text[t.start:t.end] == t.text for t in ts)


def test_json_carries_extensions_and_round_trips() -> None:
    t = one("قُتلت في 15 مارس/آذار في عفرين")
    d = t.to_json()
    assert d["month_day"] == "--03-15" and d["kind"] == "absolute"
    assert TimeExpression.from_json(d) == t


# ----------------------------------------------------------------------------- resources

RES = Path(dates.DATA_DIR)


def test_every_resource_file_loads_and_is_well_formed() -> None:
    files = sorted(RES.glob("*.yaml"))
    assert {f.name for f in files} == {
        "months.yaml", "hijri_months.yaml", "weekdays.yaml", "seasons.yaml", "relative.yaml", "periods.yaml",
    }
    for f in files:
        d = yaml.safe_load(f.read_text(encoding="utf-8"))
        assert d["version"] == 1, f.name
    months = yaml.safe_load((RES / "months.yaml").read_text(encoding="utf-8"))["months"]
    assert [m["number"] for m in months] == list(range(1, 13))
    seen: dict[str, int] = {}
    for m in months:
        assert m["western"] and m["levantine"], m["number"]
        for w in m["western"] + m["levantine"] + m.get("maghrebi", []):
            key = normalize_str(w)
            assert seen.setdefault(key, m["number"]) == m["number"], f"{w} names two months"
        for w in m.get("ambiguous", []):
            assert w in m["western"] + m["levantine"] + m.get("maghrebi", []), w
    hijri = yaml.safe_load((RES / "hijri_months.yaml").read_text(encoding="utf-8"))
    assert [m["number"] for m in hijri["months"]] == list(range(1, 13))
    wd = yaml.safe_load((RES / "weekdays.yaml").read_text(encoding="utf-8"))["weekdays"]
    assert sorted(w["iso"] for w in wd) == list(range(1, 8))
    for s in yaml.safe_load((RES / "seasons.yaml").read_text(encoding="utf-8"))["seasons"]:
        for md in (s["start"], s["end"]):
            dt.date(2001, *map(int, md.split("-")))  # a real month-day
    periods = yaml.safe_load((RES / "periods.yaml").read_text(encoding="utf-8"))
    for p in periods["parts"]:
        assert 0.0 <= p["from"] < p["to"] <= 1.0
    assert sorted(periods["ordinal_days"]) == list(range(1, 32))
    assert sorted(periods["decades"]) == list(range(20, 100, 10))
    assert all(y % 100 == 0 for y in periods["centuries"])
    rel = yaml.safe_load((RES / "relative.yaml").read_text(encoding="utf-8"))
    assert rel["year_min"] < rel["year_max"] and rel["recent_years"] >= 1
    assert set(rel["units"]) == {"hour", "day", "week", "month", "year"}


def test_lexicon_maps_every_name_once() -> None:
    assert sorted(set(LX.months.values())) == list(range(1, 13))
    assert sorted(set(LX.hijri_months.values())) == list(range(1, 13))
    assert sorted(set(LX.weekdays.values())) == list(range(7))


# ----------------------------------------------------------------------------- properties

_dates = st.dates(min_value=dt.date(1925, 1, 1), max_value=dt.date(2075, 12, 31))


def _names(scheme: str) -> dict[int, list[str]]:
    months = yaml.safe_load((RES / "months.yaml").read_text(encoding="utf-8"))["months"]
    return {m["number"]: m.get(scheme, []) for m in months}


WESTERN, LEVANTINE = _names("western"), _names("levantine")


@settings(max_examples=200, deadline=None)
@given(d=_dates, data=st.data())
def test_rendered_date_parses_back_in_either_naming_scheme(d: dt.date, data: st.DataObject) -> None:
    west = data.draw(st.sampled_from(WESTERN[d.month]))
    lev = data.draw(st.sampled_from(LEVANTINE[d.month]))
    month = data.draw(st.sampled_from([west, lev, f"{west}/{lev}", f"{lev}/{west}", f"{west}/ {lev}"]))
    text = f"وقع ذلك في {d.day} {month} {d.year} حسب المصدر"
    t = one(text)
    assert (t.value_start, t.value_end, t.precision) == (d.isoformat(), d.isoformat(), "day")
    assert t.text == f"{d.day} {month} {d.year}"


@settings(max_examples=200, deadline=None)
@given(anchor=_dates, wd=st.integers(0, 6), past=st.booleans())
def test_weekday_lands_on_that_weekday_within_seven_days_before(anchor: dt.date, wd: int, past: bool) -> None:
    name = next(n for n, k in LX.weekdays.items() if k == wd)
    t = one(f"قال المتحدث يوم {name}{' الماضي' if past else ''} إن", anchor.isoformat())
    assert t.value_start is not None
    got = dt.date.fromisoformat(t.value_start)
    assert got.weekday() == wd
    assert (1 if past else 0) <= (anchor - got).days <= (7 if past else 6)


@settings(max_examples=200, deadline=None)
@given(anchor=_dates, month=st.integers(1, 12), day=st.integers(1, 28))
def test_day_month_without_year_is_the_occurrence_nearest_the_anchor(anchor: dt.date, month: int, day: int) -> None:
    got = dt.date(dates.nearest_year(anchor, month, day, None), month, day)
    assert abs((got - anchor).days) <= 183
    past = dt.date(dates.nearest_year(anchor, month, day, "past"), month, day)
    assert past < anchor and (anchor - past).days <= 366


@settings(max_examples=100, deadline=None)
@given(hy=st.integers(1345, 1495), hm=st.integers(1, 12), data=st.data())
def test_hijri_date_converts_like_hijridate(hy: int, hm: int, data: st.DataObject) -> None:
    from hijridate import Hijri

    hd = data.draw(st.integers(1, Hijri(hy, hm, 1).month_length()))
    name = next(n for n, k in LX.hijri_months.items() if k == hm)
    t = one(f"وذلك في {hd} {name} {hy}هـ حسب البيان")
    assert t.value_start == Hijri(hy, hm, hd).to_gregorian().isoformat()
    assert t.kind == "hijri"


@settings(max_examples=200, deadline=None)
@given(n=st.integers(-10**6, 10**6))
def test_a_bare_number_is_never_a_date(n: int) -> None:
    assert times(f"وقالت الوزارة إن {n} شخصا وصلوا", "2018-05-01") == []


@given(start=_dates, length=st.integers(0, 400), part=st.sampled_from(list(LX.parts.values())))
def test_part_of_period_stays_inside_it(start: dt.date, length: int, part: tuple[float, float]) -> None:
    end = start + dt.timedelta(days=length)
    a, b = dates.part_of(start, end, part)
    assert start <= a <= b <= end


def test_corpus_sample_has_no_crash_and_consistent_spans() -> None:
    import json
    import lzma

    path = need_shared("data", "ant-news", "ant-news-2018.jsonl.xz")
    with lzma.open(path, "rt", encoding="utf-8") as f:
        rows = [json.loads(next(f)) for _ in range(300)]
    total = 0
    for r in rows:
        for t in times(r["text"], r["published"]):
            total += 1
            assert r["text"][t.start:t.end] == t.text
            assert t.precision in ("day", "range", "week", "month", "season", "year", "approximate", "unknown")
            if t.value_start and t.value_end:
                assert t.value_start <= t.value_end
    assert total > 300  # about four per article
