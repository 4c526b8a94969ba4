"""Arabic numbers: digits, number words, multipliers; round trip against our own writer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.text.numbers import default_lexicon, parse_digits, parse_number

# ---------------------------------------------------------------------------- digits


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("40484", 40484),
        ("٤٠٤٨٤", 40484),  # Arabic-Indic digits
        ("۱۳۸۹", 1389),  # Persian digits
        ("1,389", 1389),
        ("1,000,000", 1000000),
        ("30,888", 30888),  # "(30,888 ميلا مربعا)"
        ("8.5", Decimal("8.5")),
        ("٨٫٥", Decimal("8.5")),  # Arabic decimal separator
        ("١٬٣٨٩", 1389),  # Arabic thousands separator
        ("3,7", Decimal("3.7")),  # "3,7 مليون شخص": a decimal comma
        ("49,20", Decimal("49.2")),  # "بلغت 49,20 في المئة"
        ("1.000.000", 1000000),
        ("1,389.5", Decimal("1389.5")),
        ("1.389,5", Decimal("1389.5")),
    ],
)
def test_parse_digits(text: str, value: object) -> None:
    assert parse_digits(text) == Decimal(str(value))


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", ",5", "5,", "1.2.3"])
def test_parse_digits_refuses_what_is_not_one_number(text: str) -> None:
    assert parse_digits(text) is None


@given(st.integers(min_value=0, max_value=10**15))
def test_digits_with_thousands_separators_round_trip(n: int) -> None:
    assert parse_digits(f"{n:,}") == n
    assert parse_digits(str(n)) == n
    arabic = str(n).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert parse_digits(arabic) == n


# ---------------------------------------------------------------------------- words


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ثلاثة", 3),
        ("عشرة", 10),
        ("أحد عشر", 11),
        ("إحدى عشرة", 11),
        ("اثنا عشر", 12),
        ("ثلاث عشرة", 13),
        ("خمسة وعشرون", 25),
        ("خمسة وعشرين", 25),
        ("ستين", 60),  # "زهاء ستين مفقودا"
        ("مئة", 100),
        ("مائة", 100),
        ("مئتان", 200),
        ("مائتي", 200),
        ("ثلاثمئة", 300),  # "وأصيب نحو ثلاثمئة بنيران"
        ("ثلاثمائة", 300),
        ("ثلاث مئة", 300),
        ("ثماني مائة", 800),
        ("مئة وأحد عشر", 111),
        ("ثلاثمئة وخمسة وعشرون ألفا", 325000),
        ("ألف", 1000),
        ("ألفا", 1000),
        ("ألفان", 2000),
        ("ألفين", 2000),
        ("ألفان وثلاثمائة", 2300),  # "حين توفي ألفان وثلاثمائة شخص"
        ("ثلاثة آلاف", 3000),  # "زهاء ثلاثة آلاف نائب"
        ("عشرة آلاف", 10000),
        ("خمسة عشر ألفا", 15000),
        ("مئة ألف", 100000),
        ("ثلاثمائة ألف", 300000),  # "غرامة مالية تقدر بثلاثمائة ألف دولار"
        ("مليون", 1000000),
        ("مليونا", 1000000),
        ("مليونان", 2000000),
        ("مليوني", 2000000),  # "ما يربو على مليوني فلسطيني"
        ("أربعة ملايين", 4000000),
        ("نصف مليون", 500000),
        ("مليون ونصف", 1500000),
        ("مليار", 1000000000),
        ("والعشرين", 20),  # و + ال on a number
        ("الثلاثة", 3),
        ("ألف وواحد", 1001),
    ],
)
def test_number_words(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("5 آلاف", 5000),
        ("100 ألف", 100000),
        ("1.5 مليون", 1500000),
        ("3,7 مليون", 3700000),
        ("8.743 مليون", 8743000),
        ("53 ألفا", 53000),
        ("29 ألفا و358", 29358),  # "شن 29 ألفا و358 ضربة"
        ("7 آلاف و367", 7367),
        ("3 ملايين و500 ألف", 3500000),
        ("10 مليارات", 10000000000),
        ("٥ آلاف", 5000),
    ],
)
def test_digits_with_multipliers(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text",
    [
        "خمسة وستة",  # two numbers, not one
        "أحد",  # "one of", a number only before عشر
        "نصف",  # a fraction needs a multiplier
        "الاثنين",  # Monday
        "عشرات",  # a vague count, read by the quantities stage
        "آلاف",
        "ثلاثة ثلاثة",
        "",
    ],
)
def test_not_one_number(text: str) -> None:
    assert parse_number(text) is None


def test_lexicon_is_built_once() -> None:
    assert default_lexicon() is default_lexicon()


# ---------------------------------------------------------------------------- round trip
#
# An independent number → Arabic words writer, with its own tables and its own grammar,
# so that parse(words(n)) == n checks the reader against a second reading of the rules.

_UNITS = {
    "nom": ["", "واحد", "اثنان", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة"],
    "obl": ["", "واحدا", "اثنين", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع"],
}
_TENS = {
    "nom": ["", "عشرة", "عشرون", "ثلاثون", "أربعون", "خمسون", "ستون", "سبعون", "ثمانون", "تسعون"],
    "obl": ["", "عشر", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"],
}
_TEEN_HEAD = {"nom": {1: "أحد", 2: "اثنا"}, "obl": {1: "إحدى", 2: "اثني"}}
_HUNDRED = {"a": "مئة", "b": "مائة"}
_TWO_HUNDRED = {("nom", "a"): "مئتان", ("obl", "a"): "مئتين", ("nom", "b"): "مائتان", ("obl", "b"): "مائتي"}
_HUNDRED_STEM = ["", "", "", "ثلاث", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"]
_SCALES = (
    (10**6, {"one": "مليون", "two": {"nom": "مليونان", "obl": "مليونين"}, "few": "ملايين", "acc": "مليونا"}),
    (10**3, {"one": "ألف", "two": {"nom": "ألفان", "obl": "ألفين"}, "few": "آلاف", "acc": "ألفا"}),
)


@st.composite
def _styles(draw: st.DrawFn) -> dict[str, str]:
    return {
        "case": draw(st.sampled_from(["nom", "obl"])),
        "spelling": draw(st.sampled_from(["a", "b"])),
        "hundreds": draw(st.sampled_from(["joined", "apart"])),
        "groups": draw(st.sampled_from(["words", "digits"])),
    }


def _below_thousand(n: int, style: dict[str, str]) -> str:
    case, sp = style["case"], style["spelling"]
    parts: list[str] = []
    h, rest = divmod(n, 100)
    if h == 1:
        parts.append(_HUNDRED[sp])
    elif h == 2:
        parts.append(_TWO_HUNDRED[(case, sp)])
    elif h:
        sep = "" if style["hundreds"] == "joined" else " "
        parts.append(_HUNDRED_STEM[h] + sep + _HUNDRED[sp])
    if rest:
        t, u = divmod(rest, 10)
        if rest < 10:
            parts.append(_UNITS[case][u])
        elif rest == 10:
            parts.append(_TENS["nom"][1])
        elif rest < 20:
            head = _TEEN_HEAD[case].get(u) or _UNITS[case][u]
            parts.append(f"{head} عشر")
        elif u:
            parts.append(f"{_UNITS[case][u]} و{_TENS[case][t]}")
        else:
            parts.append(_TENS[case][t])
    return " و".join(parts)


def arabic_words(n: int, style: dict[str, str]) -> str:
    """``n`` (0 ≤ n < 10⁹) written out in Arabic the way a news agency would."""
    if n == 0:
        return "صفر"
    groups: list[str] = []
    for scale, names in _SCALES:
        g, n = divmod(n, scale)
        if not g:
            continue
        if g == 1:
            groups.append(str(names["one"]))
        elif g == 2:
            groups.append(names["two"][style["case"]])  # type: ignore[index]
        else:
            head = str(g) if style["groups"] == "digits" else _below_thousand(g, style)
            if 3 <= g <= 10:
                noun = names["few"]
            elif 11 <= g % 100 <= 99:
                noun = names["acc"]
            else:
                noun = names["one"]
            groups.append(f"{head} {noun}")
    if n:
        groups.append(str(n) if style["groups"] == "digits" and groups else _below_thousand(n, style))
    return " و".join(groups)


def test_writer_examples() -> None:
    nom = {"case": "nom", "spelling": "a", "hundreds": "joined", "groups": "words"}
    assert arabic_words(325025, nom) == "ثلاثمئة وخمسة وعشرون ألفا وخمسة وعشرون"
    assert arabic_words(2000, nom) == "ألفان"
    assert arabic_words(13000, nom) == "ثلاثة عشر ألفا"


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=0, max_value=999_999_999), _styles())
def test_words_round_trip(n: int, style: dict[str, str]) -> None:
    text = arabic_words(n, style)
    assert parse_number(text) == n, text
