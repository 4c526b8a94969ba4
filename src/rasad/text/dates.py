"""Time expressions: find them in Arabic news text and resolve them to date ranges.

Every report is dated by its own words (أمس، الخميس الماضي، 12 ديسمبر/كانون الأول،
خلال الساعات الـ24 الماضية) relative to the day it was published.  We read those words
with one compiled grammar over the normalised text, map each match back to the
received text, and resolve it against the publication date when there is one.

Two rules keep the output honest:

* a year is never made up: without a publication date a day and month keep
  ``value_start``/``value_end`` empty, precision ``unknown`` and ``month_day`` set —
  unless a weekday written with them fits exactly one recent year (``basis`` says so);
* a number is a year only in date context (عام 2011، في 2018، a month beside it) and
  within ``year_min``..``year_max``, so "96%" or "2215 مسلحا" never become years.

Language knowledge (month names in the three traditions, Hijri months, weekdays,
seasons, relative words, parts of periods) is data in ``resources/text/dates/*.yaml``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml
from hijridate import Gregorian, Hijri

from rasad.model import Document, TimeExpression
from rasad.text.normalize import DELETED_RUN, fold, normalize_str
from rasad.text.segment import UNCOMMON, common_class

DATA_DIR = Path(__file__).resolve().parents[1] / "resources" / "text" / "dates"
RESOURCE_KEY = "dates"

Date = dt.date
Value = tuple[Date | None, Date | None, str]  # start, end, precision

_WEEKDAY_ISO = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}


# ---------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class Season:
    name: str
    start: tuple[int, int]  # month, day
    end: tuple[int, int]
    starts_year_before: bool


@dataclass(slots=True)
class Lexicon:
    """The date grammar's vocabulary, keyed by normalised form, and the compiled grammar."""

    months: dict[str, int] = field(default_factory=dict)
    ambiguous_months: frozenset[str] = frozenset()
    hijri_months: dict[str, int] = field(default_factory=dict)
    ambiguous_hijri: frozenset[str] = frozenset()
    hijri_markers: list[str] = field(default_factory=list)
    hijri_year_words: list[str] = field(default_factory=list)
    hijri_epithets: list[str] = field(default_factory=list)
    hijri_marker_set: frozenset[str] = frozenset()
    weekdays: dict[str, int] = field(default_factory=dict)  # → Python weekday (Monday 0)
    two_suffixes: tuple[str, ...] = ()
    future_cues: frozenset[str] = frozenset()
    future_verbs: frozenset[str] = frozenset()  # in the ي form: يزور for سيزور/ستزور
    not_future_after: frozenset[str] = frozenset()
    future_window: int = 6
    seasons: dict[str, Season] = field(default_factory=dict)
    days: dict[str, int] = field(default_factory=dict)
    directions: dict[str, str] = field(default_factory=dict)  # word → past | future | current
    this_words: list[str] = field(default_factory=list)
    day_parts: list[str] = field(default_factory=list)
    units: dict[str, str] = field(default_factory=dict)  # any form → unit
    unit_forms: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # unit → form → words
    numbers: dict[str, int] = field(default_factory=dict)
    few_words: frozenset[str] = frozenset()
    few: int = 3
    window_prefixes: list[str] = field(default_factory=list)
    duration_prefixes: list[str] = field(default_factory=list)
    ago_prefixes: list[str] = field(default_factory=list)
    since: frozenset[str] = frozenset()
    since_event: list[str] = field(default_factory=list)
    until: frozenset[str] = frozenset()
    year_words: list[str] = field(default_factory=list)
    year_cues: frozenset[str] = frozenset()
    month_cues: frozenset[str] = frozenset()
    ambiguous_month_cues: frozenset[str] = frozenset()
    not_today_before: frozenset[str] = frozenset()
    not_today_after: frozenset[str] = frozenset()
    gregorian_markers: list[str] = field(default_factory=list)
    year_min: int = 1900
    year_max: int = 2100
    recent_years: int = 6
    week_start: int = 5
    parts: dict[str, tuple[float, float]] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    decades: dict[str, int] = field(default_factory=dict)  # word → 20..90
    centuries: dict[str, int] = field(default_factory=dict)  # words → first year
    default_century: int = 1900
    grammar: Any = None
    starters: dict[str, frozenset[str]] = field(default_factory=dict)
    quick: frozenset[str] = frozenset()  # starters, also with و/ف attached
    digit_next: frozenset[str] = frozenset()  # starters that a number may follow (عام 2011، خلال 24 ساعة)


@lru_cache(maxsize=4096)
def _n(s: str) -> str:
    return " ".join(normalize_str(str(s)).split())


def _words(items: Iterable[Any]) -> list[str]:
    return sorted({_n(w) for w in items}, key=lambda w: (-len(w), w))


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of normalised words, longest first, spaces as runs of space."""
    return "(?:" + "|".join(regex.escape(w).replace(r"\ ", " ").replace(" ", r"\s+") for w in _words(words)) + ")"


def _read_yaml(name: str, data_dir: Path) -> dict[str, Any]:
    with open(data_dir / name, encoding="utf-8") as f:
        d = yaml.safe_load(f)
    if not isinstance(d, dict):
        raise ValueError(f"{data_dir / name}: expected a mapping at the top level")
    return d


def load(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read every date resource file and compile the grammar (once per process)."""
    months = _read_yaml("months.yaml", data_dir)
    hijri = _read_yaml("hijri_months.yaml", data_dir)
    weekdays = _read_yaml("weekdays.yaml", data_dir)
    seasons = _read_yaml("seasons.yaml", data_dir)
    rel = _read_yaml("relative.yaml", data_dir)
    periods = _read_yaml("periods.yaml", data_dir)
    lx = Lexicon()
    amb: set[str] = set()
    for m in months["months"]:
        num = int(m["number"])
        for scheme in ("western", "levantine", "maghrebi"):
            for w in m.get(scheme, []):
                lx.months[_n(w)] = num
        amb.update(_n(w) for w in m.get("ambiguous", []))
    lx.ambiguous_months = frozenset(amb)
    hamb: set[str] = set()
    for m in hijri["months"]:
        for w in m["names"]:
            lx.hijri_months[_n(w)] = int(m["number"])
        hamb.update(_n(w) for w in m.get("ambiguous", []))
    lx.ambiguous_hijri = frozenset(hamb)
    lx.hijri_markers = _words(hijri["year_markers"])
    lx.hijri_year_words = _words(hijri["year_words"])
    lx.hijri_epithets = _words(hijri.get("epithets", []))
    lx.hijri_marker_set = frozenset(lx.hijri_markers)
    for w in weekdays["weekdays"]:
        for name in w["names"]:
            lx.weekdays[_n(name)] = int(w["iso"]) - 1
    lx.two_suffixes = tuple(_n(s) for s in weekdays.get("two_reading_before_suffixes", []))
    lx.future_cues = frozenset(_words(weekdays.get("future_cues", [])))
    lx.future_verbs = frozenset(_words(weekdays.get("future_verbs", [])))
    lx.not_future_after = frozenset(_words(weekdays.get("not_future_after", [])))
    lx.future_window = int(weekdays.get("future_window", 6))
    for s in seasons["seasons"]:
        start = tuple(int(x) for x in str(s["start"]).split("-"))
        end = tuple(int(x) for x in str(s["end"]).split("-"))
        season = Season(str(s["name"]), (start[0], start[1]), (end[0], end[1]), bool(s.get("starts_year_before")))
        for name in s["names"]:
            lx.seasons[_n(name)] = season
    for d in rel["days"]:
        for w in d["words"]:
            lx.days[_n(w)] = int(d["offset"])
    for direction, words in rel["directions"].items():
        for w in words:
            lx.directions[_n(w)] = str(direction)
    lx.this_words = _words(rel["this"])
    lx.day_parts = _words(rel["day_parts"])
    for unit, forms in rel["units"].items():
        lx.unit_forms[unit] = {form: _words(ws) for form, ws in forms.items()}
        for ws in forms.values():
            for w in ws:
                lx.units[_n(w)] = str(unit)
    for num, ws in rel["numbers"].items():
        for w in ws:
            lx.numbers[_n(w)] = int(num)
    lx.few_words = frozenset(_n(w) for w in rel["few_words"])
    lx.few = int(rel["few"])
    lx.window_prefixes = _words(rel["window_prefixes"])
    lx.duration_prefixes = _words(rel["duration_prefixes"])
    lx.ago_prefixes = _words(rel["ago_prefixes"])
    lx.since = frozenset(_words(rel["since"]))
    lx.until = frozenset(_words(rel["until"]))
    lx.since_event = _words(rel["since_event"])
    lx.year_words = _words(rel["year_words"])
    lx.year_cues = frozenset(_words(rel["year_cues"]))
    lx.month_cues = frozenset(_words(rel["month_cues"]))
    lx.ambiguous_month_cues = frozenset(_words(rel.get("ambiguous_month_cues", [])))
    lx.not_today_before = frozenset(_words(rel.get("not_today_before", [])))
    lx.not_today_after = frozenset(_words(rel.get("not_today_after", [])))
    lx.gregorian_markers = _words(rel["gregorian_markers"])
    lx.year_min, lx.year_max = int(rel["year_min"]), int(rel["year_max"])
    lx.recent_years = int(rel["recent_years"])
    lx.week_start = _WEEKDAY_ISO[str(rel.get("week_starts", "saturday"))]
    for p in periods["parts"]:
        for w in p["words"]:
            lx.parts[_n(w)] = (float(p["from"]), float(p["to"]))
    for num, ws in periods["ordinal_days"].items():
        for w in ws:
            lx.ordinals[_n(w)] = int(num)
    for num, ws in periods.get("decades", {}).items():
        for w in ws:
            lx.decades[_n(w)] = int(num)
    for year, ws in periods.get("centuries", {}).items():
        for w in ws:
            lx.centuries[_n(w)] = int(year)
    lx.default_century = int(periods.get("default_century", 1900))
    lx.grammar = _compile(lx)
    lx.starters = _starters(lx)
    lx.quick = frozenset(lx.starters) | frozenset(c + w for w in lx.starters for c in "وف")
    lx.digit_next = frozenset(
        w
        for w in [*lx.year_words, *lx.hijri_year_words, *lx.window_prefixes, *lx.duration_prefixes,
                  *lx.ago_prefixes, *lx.seasons, *lx.this_words, "اخر"]
        if " " not in w
    )
    return lx


# ---------------------------------------------------------------------------- grammar

_NB = r"(?<![\p{L}\p{N}])"  # word start
_WB = r"(?![\p{L}\p{N}])"  # word end


def _compile(lx: Lexicon) -> Any:
    """One grammar over the normalised text; alternatives ordered most specific first."""
    fwd = [w for w, d in lx.directions.items()]
    dirs = _alt(fwd)
    pastfut = _alt(w for w, d in lx.directions.items() if d != "current")
    months = _alt(lx.months)
    hmonths = _alt(lx.hijri_months)
    hmark = _alt(lx.hijri_markers)
    gmark = _alt(lx.gregorian_markers)
    ords = _alt(lx.ordinals)
    nums = _alt(list(lx.numbers) + list(lx.few_words))
    forms = lx.unit_forms

    def uf(*names: str, units: Iterable[str] = ("hour", "day", "week", "month", "year")) -> str:
        return _alt(w for u in units for n in names for w in forms[u].get(n, []))

    year = rf"(?P<y>\d{{4}})(?![\d%]|[.,]\d)(?:\s*{gmark}{_WB})?"
    nl = r"(?!\p{L})"  # a month name may have a year glued to it: حزيران/يونيو2017
    mon = rf"(?P<shahr>شهر\s+)?(?P<m1>{months}){nl}(?:(?:\s*[/\-]\s*|\s*\(\s*|\s+)(?P<m2>{months}){nl}\)?)?"
    day = rf"(?:(?<!\d)(?P<d>0?[1-9]|[12]\d|3[01])(?!\d)|(?P<dord>{ords}){_WB})(?:\s+من)?(?:\s+شهر(?=\s))?"
    this = _alt(lx.this_words)
    # "أيلول/سبتمبر العام الماضي", "رمضان من هذا العام": the year said relative to the anchor
    year_rel = rf"\s+(?:من\s+)?(?:(?P<ythis>{this})\s+(?:العام|السنه)|(?:العام|السنه)\s+(?P<yrmod>{dirs})){_WB}"
    date_tail = rf"(?:\s*,?\s*(?:من\s+)?(?:(?:عام|سنه|العام)\s+)?{year}|{year_rel}|\s+(?P<mod>{dirs}){_WB})?"
    day_range = r"(?:\s*(?:و|-|الى|حتى)\s*(?P<d2>[12]\d|3[01]|0?[1-9])(?!\d))?"
    date = rf"{day}{day_range}\s*[/\-]?\s*{mon}{date_tail}"
    numdate = (
        rf"(?<![\d/.\-])(?P<nd>\d{{1,2}})\s*(?P<sep>[/.\-])\s*(?P<nm>\d{{1,2}})\s*(?P=sep)\s*(?P<ny>\d{{4}})(?!\d)"
        rf"(?:\s*(?P<nh>{hmark}){_WB})?"
    )
    daypart = rf"(?:(?P<dp>{_alt(lx.day_parts)})\s+)?"
    reldays = _alt(lx.days)
    weekday = (
        rf"{daypart}(?:(?P<wrel>{reldays})\s+)?(?:يوم\s+)?(?P<wd>{_alt(lx.weekdays)})(?!\p{{L}})"
        rf"(?:\s+(?P<wmod>{dirs}){_WB})?"
        rf"(?:\s*,?\s*(?P<paren>\()?\s*(?:{date.replace(day_range, '')}|{numdate})(?(paren)\s*\)))?"
    )
    hdate = (
        rf"(?:{day}\s+)?(?P<hshahr>شهر\s+)?(?P<hm>{hmonths}){_WB}(?:\s+{_alt(lx.hijri_epithets)}{_WB})?"
        rf"(?:\s+(?P<hmod>{dirs}){_WB}|\s+(?:من\s+|ل)?(?:هذا\s+)?(?:(?:العام|عام|سنه|السنه)\s+)?(?:الهجري\s+)?"
        rf"(?P<hy>\d{{3,4}})(?!\d)(?:\s*(?P<hmk>{hmark}){_WB})?)?"
    )
    hyear = (
        rf"(?:(?P<hyw>{_alt(lx.hijri_year_words + lx.year_words)})\s+)?(?P<hy>\d{{3,4}})(?!\d)\s*(?P<hmk>{hmark}){_WB}"
        rf"|(?P<hyw>{_alt(lx.hijri_year_words)})\s+(?P<hy>\d{{3,4}})(?!\d)"
    )
    # "في السابع من الشهر الحالي": a day of the month the anchor names
    dayrel = rf"{day}\s+(?:من\s+)?(?:(?P<drthis>{this})\s+الشهر|الشهر\s+(?P<drmod>{dirs})){_WB}"
    monthonly = rf"{mon}(?:\s*,?\s*(?:من\s+)?(?:(?:عام|سنه|العام)\s+)?{year}|{year_rel}|\s+(?P<mod>{dirs}){_WB})?"
    relday = rf"{daypart}(?P<rd>{reldays}){_WB}"
    unitdef = uf("singular_def", units=("week", "month", "year"))
    unitrel = rf"(?:(?P<this>{this})\s+(?P<u>{unitdef})|(?P<u>{unitdef})(?:\s+(?P<umod>{dirs}))?){_WB}"
    seasons = _alt(lx.seasons)
    season = (
        rf"(?:(?P<this>{this})\s+(?P<s>{seasons}){_WB}"
        rf"|(?P<s>{seasons})\s+(?:(?P<smod>{dirs}){_WB}|(?:(?:عام|سنه|العام)\s+)?{year}))"
    )
    past = _alt(w for w, d in lx.directions.items() if d == "past")
    century = rf"(?:\s+(?:من\s+)?(?:(?P<cpast>القرن\s+{past})|(?P<cname>{_alt(lx.centuries)})))"
    decade = rf"(?P<dec>{_alt(lx.decades)}){_WB}(?:{century})?"
    yearx = (
        rf"(?:(?P<yw>{_alt(lx.year_words)})\s+)?{year}"
        rf"(?:\s*(?:-|و|الى|حتى)\s*(?P<y2>\d{{4}})(?![\d%]))?"
    )
    count = rf"(?:ال\s*)?(?P<n>\d+|{nums})"
    window = (
        rf"(?:(?P<wp>{_alt(lx.window_prefixes)})\s+)?"
        rf"(?:(?P<wu>{uf('plural')})(?:\s+{count})?\s+|{count}\s+(?P<wu>{uf('plural', 'singular')})\s+"
        rf"|(?P<wu>{uf('dual')})\s+)(?P<wdir>{pastfut}){_WB}"
        rf"|(?P<wlast>اخر)\s+(?P<n>\d+|{nums})\s+(?P<wu>{uf('plural', 'singular')}){_WB}"
    )
    quantity = (
        rf"(?:(?P<n>\d+|{nums})\s+(?P<qu>{uf('plural', 'singular')})|(?P<qu>{uf('dual')})"
        rf"|(?P<qu>{uf('singular', 'plural')})){_WB}"
    )
    not_time_after = rf"(?!\s*(?:\d|من{_WB}|{months}|{hmonths}|{dirs}|{_alt(lx.weekdays)}))"
    duration = rf"(?P<dur>{_alt(lx.duration_prefixes)})\s+{quantity}{not_time_after}"
    ago = rf"(?P<ago>{_alt(lx.ago_prefixes)})\s+{quantity}{not_time_after}"
    pre = rf"(?:(?P<pre>{_alt(lx.since | lx.until)}){_WB}\s+(?:(?:يوم|تاريخ)\s+)?)?"
    part = rf"(?:(?P<part>{_alt(lx.parts)}){_WB}(?!\s+(?:من\s+)?{reldays}{_WB})\s+(?:من\s+)?)?"
    atoms = "|".join(
        f"(?P<{name}>{body})"
        for name, body in (
            ("WEEKDAY", weekday),
            ("NUMDATE", numdate),
            ("DATE", date),
            ("DAYREL", dayrel),
            ("HDATE", hdate),
            ("HYEAR", hyear),
            ("MONTH", monthonly),
            ("RELDAY", relday),
            ("SEASON", season),
            ("YEAR", yearx),
            ("DECADE", decade),
            ("UNIT", unitrel),
        )
    )
    since_one = _alt(w for w in lx.since if " " not in w)
    fallback = rf"(?P<FALLBACK>(?P<fpre>{since_one})\s+(?P<fpart>{_alt(lx.since_event)})\s+(?P<fobj>\p{{L}}+))"
    master = (
        rf"(?P<AGO>{ago})|(?P<WINDOW>{window})|(?P<DURATION>{duration})"
        rf"|(?P<WRAP>{pre}{part}(?:{atoms}))|{fallback}"
    )
    return regex.compile(master, regex.V0)


ALWAYS: frozenset[str] = frozenset({"*"})


def _starters(lx: Lexicon) -> dict[str, frozenset[str]]:
    """First words an expression can begin with → the words that may follow them.

    The grammar is tried only where a first word is followed by a word that can continue
    an expression (``ALWAYS``: anything may follow), so the common words among the
    starters (في، على، الأول، العام) cost a set lookup, not a grammar match.
    """
    follow: dict[str, set[str]] = {}

    def add(phrases: Iterable[str], nxt: Iterable[str] | None) -> None:
        for p in phrases:
            ws = p.split()
            if len(ws) > 1:
                follow.setdefault(ws[0], set()).add(ws[1])
            elif nxt is None:
                follow.setdefault(ws[0], set()).add("*")
            else:
                follow.setdefault(ws[0], set()).update(nxt)

    units = set(lx.units)
    counts = set(lx.numbers) | set(lx.few_words) | {"ال" + w for w in lx.few_words}
    dirs = set(lx.directions)
    months = {w.split()[0] for w in list(lx.months) + list(lx.hijri_months)}
    add(list(lx.months) + list(lx.weekdays) + list(lx.days) + list(lx.parts) + list(lx.day_parts), None)
    add(lx.decades, None)
    add(list(lx.since | lx.until) + list(lx.hijri_months), None)
    add(list(lx.hijri_year_words), None)
    add(lx.window_prefixes + lx.duration_prefixes + lx.ago_prefixes, units | counts | {"غضون"})
    add(lx.this_words, units | set(lx.seasons))
    add(lx.seasons, dirs | {"عام", "سنه", "العام"})
    add(units, dirs | counts)
    add(counts, units)
    add(lx.year_words, set())  # followed by digits: checked by the caller
    add(lx.ordinals, months | {"من", "شهر"} | {w.split()[1] for w in lx.ordinals if " " in w})
    add(["يوم"], set(lx.weekdays))
    add(["شهر"], months)
    add(["اخر"], set())
    return {k: (ALWAYS if "*" in v else frozenset(v)) for k, v in follow.items()}


# ---------------------------------------------------------------------------- offsets


@dataclass(frozen=True, slots=True)
class _View:
    """Normalised text with a cheap map back: only deletions shift offsets."""

    text: str
    gaps: tuple[int, ...]  # normalised positions before which one original char was deleted

    def orig(self, i: int) -> int:
        return i + bisect.bisect_right(self.gaps, i)

    def span(self, s: int, e: int) -> tuple[int, int]:
        return self.orig(s), self.orig(e - 1) + 1


def _view(text: str) -> _View:
    """``normalize(text)`` with only its deletions kept as the offset map (see ``fold``)."""
    return _View(*fold(text))


# ---------------------------------------------------------------------------- calendar


def month_range(y: int, m: int) -> tuple[Date, Date]:
    return Date(y, m, 1), Date(y, m, calendar.monthrange(y, m)[1])


def year_range(y: int) -> tuple[Date, Date]:
    return Date(y, 1, 1), Date(y, 12, 31)


def add_months(d: Date, n: int) -> Date:
    k = d.year * 12 + d.month - 1 + n
    y, m = divmod(k, 12)
    return Date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def part_of(start: Date, end: Date, frac: tuple[float, float]) -> tuple[Date, Date]:
    """The from..to fraction of a period (مطلع = first third, ...)."""
    n = (end - start).days + 1
    a = min(round(frac[0] * n), n - 1)
    b = min(max(a + 1, round(frac[1] * n)), n)
    return start + dt.timedelta(days=a), start + dt.timedelta(days=b - 1)


def weekday_on_or_before(anchor: Date, wd: int, strict: bool = False) -> Date:
    """The given weekday (Monday 0) within the 7 days up to the anchor (before it if strict)."""
    back = (anchor.weekday() - wd) % 7
    if strict and back == 0:
        back = 7
    return anchor - dt.timedelta(days=back)


def weekday_after(anchor: Date, wd: int) -> Date:
    ahead = (wd - anchor.weekday()) % 7 or 7
    return anchor + dt.timedelta(days=ahead)


def _safe_date(y: int, m: int, d: int) -> Date | None:
    try:
        return Date(y, m, d)
    except ValueError:
        return None


def nearest_year(anchor: Date, m: int, d: int | None, direction: str | None) -> int:
    """The year a day-month (or month) without a year most likely means, seen from the anchor.

    With a direction word (الماضي/المقبل/الجاري) it is the last before / first after / this
    year; otherwise the occurrence nearest the anchor (ties go to the past: news reports).
    """
    if direction == "current":
        return anchor.year

    def key(y: int) -> Date:
        return _safe_date(y, m, d or 1) or Date(y, m, 28)

    if d is None:
        def past(y: int) -> bool:
            return (y, m) < (anchor.year, anchor.month)

        def fut(y: int) -> bool:
            return (y, m) > (anchor.year, anchor.month)
    else:
        def past(y: int) -> bool:
            return key(y) < anchor

        def fut(y: int) -> bool:
            return key(y) > anchor
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    if direction == "past":
        return max(y for y in years if past(y))
    if direction == "future":
        return min(y for y in years if fut(y))
    if d is None:
        return min(years, key=lambda y: (abs((y - anchor.year) * 12 + m - anchor.month), y > anchor.year))
    return min(years, key=lambda y: (abs((key(y) - anchor).days), y > anchor.year))


def season_range(s: Season, y: int) -> tuple[Date, Date]:
    """The season named for year ``y`` (winter 2018 = December 2017 – February 2018)."""
    sy = y - 1 if s.starts_year_before else y
    end_day = calendar.monthrange(y, 2)[1] if s.end[0] == 2 else s.end[1]  # 28 or 29 February
    return Date(sy, s.start[0], s.start[1]), Date(y, s.end[0], end_day)


def hijri_to_gregorian(y: int, m: int, d: int) -> Date | None:
    try:
        return Hijri(y, m, d).to_gregorian()  # type: ignore[no-any-return]
    except (ValueError, OverflowError):
        return None


def hijri_month_range(y: int, m: int) -> tuple[Date, Date] | None:
    try:
        h = Hijri(y, m, 1)
        return h.to_gregorian(), Hijri(y, m, h.month_length()).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_of(d: Date) -> int | None:
    try:
        return int(Gregorian(d.year, d.month, d.day).to_hijri().year)
    except (ValueError, OverflowError):
        return None


# ---------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Ctx:
    lx: Lexicon
    view: _View
    anchor: Date | None
    reference_year: int


@dataclass(slots=True)
class _Read:
    """One resolved expression on normalised offsets."""

    start: int
    end: int
    value: Value
    kind: str
    month_day: str | None = None
    basis: str | None = None


def _g(m: Any, name: str) -> str | None:
    v = m.group(name)
    return str(v) if v is not None else None


_PREV_WORD_RE = regex.compile(r"(\p{L}+)\s*$")
_NEXT_WORD_RE = regex.compile(r"\s*(\p{L}+)")
_GREGORIAN_MARK_RE = regex.compile(r"\s*(?:ميلادي|م)(?![\p{L}\p{N}])")


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD_RE.search(text[max(0, pos - 30):pos])
    return m.group(1) if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD_RE.match(text[pos:pos + 30])
    return m.group(1) if m else ""


def _month_of(lx: Lexicon, m: Any) -> int | None:
    m1 = _g(m, "m1")
    return lx.months[_n(m1)] if m1 else None


def _pair_ok(lx: Lexicon, m: Any) -> bool:
    """A month pair (ديسمبر/كانون الأول) must name one month twice."""
    m2 = _g(m, "m2")
    return m2 is None or lx.months[_n(m2)] == _month_of(lx, m)


def _day_of(lx: Lexicon, m: Any) -> int | None:
    d, dord = _g(m, "d"), _g(m, "dord")
    if d:
        return int(d)
    return lx.ordinals[_n(dord)] if dord else None


def _year_ok(lx: Lexicon, y: int) -> bool:
    return lx.year_min <= y <= lx.year_max


def _explicit_year(lx: Lexicon, m: Any) -> int | bool | None:
    """The year written in the match, None if none, False if one is written but impossible."""
    y = _g(m, "y")
    if y is None:
        return None
    return int(y) if _year_ok(lx, int(y)) else False


def _relative_year(c: _Ctx, m: Any) -> int | bool | None:
    """Year from "العام الماضي/هذا العام" after a month: None if not written, False if no anchor."""
    if m.group("ythis") is None and m.group("yrmod") is None:
        return None
    if c.anchor is None:
        return False
    shift = {"past": -1, "future": 1}.get(c.lx.directions.get(_n(m.group("yrmod") or ""), ""), 0)
    return c.anchor.year + shift


def _day_value(c: _Ctx, mo: int, d: int | None, year: int | None, direction: str | None,
               wd: int | None = None) -> tuple[Value, str | None, str | None]:
    """Resolve day-month(-year): (value, month_day, basis)."""
    md = f"--{mo:02d}-{d:02d}" if d else f"--{mo:02d}"
    basis = "explicit"
    if year is None and c.anchor is not None:
        year, basis = nearest_year(c.anchor, mo, d, direction), "published"
    if year is None and d is not None and wd is not None:
        lo = c.reference_year - c.lx.recent_years + 1
        fits = [y for y in range(lo, c.reference_year + 1) if (x := _safe_date(y, mo, d)) and x.weekday() == wd]
        if len(fits) == 1:
            year, basis = fits[0], "weekday"
    if year is None:
        return (None, None, "unknown"), md, None
    if d is None:
        s, e = month_range(year, mo)
        return (s, e, "month"), None, basis
    x = _safe_date(year, mo, d)
    if x is None:
        return (None, None, "unknown"), md, None
    return (x, x, "day"), None, basis


def _read_weekday(c: _Ctx, m: Any, forward: bool = False) -> _Read | None:
    """A weekday, alone (the last such day up to the anchor) or with its date.

    ``forward``: after "اعتبارا من" (starting from) a bare weekday is the next such day.
    """
    lx = c.lx
    wd = lx.weekdays[_n(m.group("wd"))]
    s, e = m.span("WEEKDAY")
    # الاثنين also means "the two": a definite dual/plural noun before it agrees with it
    if wd == 0 and not (m.group("wrel") or m.group("dp")) and not c.view.text[s:e].startswith("يوم"):
        prev = _prev_word(c.view.text, s)
        if prev.startswith(("ال", "وال", "بال", "لل")) and prev.endswith(lx.two_suffixes):
            return None
    if not (m.group("m1") or m.group("nd") or m.group("wmod")):
        nxt = _next_word(c.view.text, e)
        if nxt in lx.ordinals or nxt[:-1] in lx.ordinals or nxt in ("الاولي", "الاخيره"):
            return None
    if m.group("m1") or m.group("nd"):
        if m.group("nd"):
            return _read_numdate(c, m, s, e, wd)
        if not _pair_ok(lx, m):
            return None
        mo, d = _month_of(lx, m), _day_of(lx, m)
        y = _explicit_year(lx, m)
        if y is False or mo is None:
            return None
        direction = lx.directions.get(_n(m.group("mod") or "")) or lx.directions.get(_n(m.group("wmod") or ""))
        ry = _relative_year(c, m)
        value, md, basis = _day_value(c, mo, d, y or ry or None, direction, wd)
        return _Read(s, e, value, "weekday", md, "published" if ry else basis)
    rd = m.group("wrel")
    if c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), "weekday")
    if rd and lx.days[_n(rd)] != 0:
        x = c.anchor + dt.timedelta(days=lx.days[_n(rd)])
        return _Read(s, e, (x, x, "day"), "weekday", basis="published")
    direction = lx.directions.get(_n(m.group("wmod") or ""))
    if direction is None and not rd and (forward or _future_context(c, s)):
        x = c.anchor + dt.timedelta(days=(wd - c.anchor.weekday()) % 7)
    elif direction == "future":
        x = weekday_after(c.anchor, wd)
    else:
        x = weekday_on_or_before(c.anchor, wd, strict=direction == "past")
    return _Read(s, e, (x, x, "day"), "weekday", basis="published")


_SENTENCE_END = re.compile(r"[.!?\n]")


def _future_context(c: _Ctx, pos: int) -> bool:
    """A future cue (سوف، من المقرر، سيزور) among the few words before ``pos``, same sentence."""
    lx = c.lx
    text = c.view.text
    lo = max(0, pos - 80)
    cut = [m.end() for m in _SENTENCE_END.finditer(text, lo, pos)]
    words = [w[1:] if w[:1] in ("و", "ف") and len(w) > 3 else w
             for w in _TOKEN_RE.findall(text, cut[-1] if cut else lo, pos)[-lx.future_window:]]
    for i, w in enumerate(words):
        future = w in lx.future_cues or (len(w) > 3 and w[0] == "س" and w[1] in "يتن" and "ي" + w[2:] in lx.future_verbs)
        if future and not any(p in lx.not_future_after for p in words[max(0, i - 3):i]):
            return True
    return False


def _read_numdate(c: _Ctx, m: Any, s: int, e: int, wd: int | None = None) -> _Read | None:
    d, mo, y = int(m.group("nd")), int(m.group("nm")), int(m.group("ny"))
    if m.group("nh"):
        x = hijri_to_gregorian(y, mo, d) if 1 <= mo <= 12 and 1 <= d <= 30 else None
        v: Value = (x, x, "day") if x else (None, None, "unknown")
        return _Read(s, e, v, "hijri", basis="explicit" if x else None)
    if not _year_ok(c.lx, y):
        return None
    x = _safe_date(y, mo, d)
    if x is None:
        return None
    return _Read(s, e, (x, x, "day"), "weekday" if wd is not None else "absolute", basis="explicit")


def _read_date(c: _Ctx, m: Any) -> _Read | None:
    lx = c.lx
    if not _pair_ok(lx, m):
        return None
    mo, d = _month_of(lx, m), _day_of(lx, m)
    y = _explicit_year(lx, m)
    if y is False or mo is None or d is None:
        return None
    s, e = m.span("DATE")
    direction = lx.directions.get(_n(m.group("mod") or ""))
    ry = _relative_year(c, m)
    if ry is False:
        return _Read(s, e, (None, None, "unknown"), "absolute", f"--{mo:02d}-{d:02d}")
    value, md, basis = _day_value(c, mo, d, y or ry or None, direction)
    if ry:
        basis = "published"
    d2 = int(m.group("d2")) if m.group("d2") else None
    if d2 and d2 > d and value[0] is not None and (end := _safe_date(value[0].year, mo, d2)):
        value = (value[0], end, "range")
    return _Read(s, e, value, "absolute", md, basis)


def _read_dayrel(c: _Ctx, m: Any) -> _Read | None:
    s, e = m.span("DAYREL")
    d = _day_of(c.lx, m)
    if d is None or c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), "relative")
    shift = {"past": -1, "future": 1}.get(c.lx.directions.get(_n(m.group("drmod") or ""), ""), 0)
    first = add_months(c.anchor.replace(day=1), shift)
    x = _safe_date(first.year, first.month, d)
    return _Read(s, e, (x, x, "day") if x else (None, None, "unknown"), "relative", basis="published" if x else None)


def _read_month(c: _Ctx, m: Any, has_prefix: bool) -> _Read | None:
    lx = c.lx
    if not _pair_ok(lx, m):
        return None
    mo = _month_of(lx, m)
    y = _explicit_year(lx, m)
    if y is False or mo is None:
        return None
    s, e = m.span("MONTH")
    name = _n(m.group("m1"))
    direction = lx.directions.get(_n(m.group("mod") or ""))
    paired, shahr = m.group("m2") is not None, m.group("shahr") is not None
    if not (y or direction or paired or shahr or m.group("ythis") or m.group("yrmod")):
        # a bare month name: only after a cue word, and never one that is also a common word
        glued = s > 0 and c.view.text[s - 1] in "وف"  # "ومايو": the word before the conjunction
        prev = _prev_word(c.view.text, s - 1 if glued else s)
        prev = prev[1:] if prev[:1] in ("و", "ف") and prev[1:] in lx.month_cues | lx.months.keys() else prev
        cues = lx.ambiguous_month_cues if name in lx.ambiguous_months else lx.month_cues
        if not (has_prefix or prev in cues or (prev in lx.months and name not in lx.ambiguous_months)):
            return None
    elif name in lx.ambiguous_months and not (y or paired or shahr or direction):
        return None
    ry = _relative_year(c, m)
    if ry is False:
        return _Read(s, e, (None, None, "unknown"), "absolute", f"--{mo:02d}")
    value, md, basis = _day_value(c, mo, None, y or ry or None, direction)
    return _Read(s, e, value, "absolute", md, "published" if ry else basis)


def _read_hijri(c: _Ctx, m: Any) -> _Read | None:
    lx = c.lx
    s, e = m.span("HDATE")
    name = _n(m.group("hm"))
    hm = lx.hijri_months[name]
    d = _day_of(lx, m)
    hy = int(m.group("hy")) if m.group("hy") else None
    direction = lx.directions.get(_n(m.group("hmod") or ""))
    if name in lx.ambiguous_hijri and not (d or hy or m.group("hshahr") or direction):
        return None
    if hy is None:
        if c.anchor is None:
            return _Read(s, e, (None, None, "unknown"), "hijri")
        ay = hijri_year_of(c.anchor)
        if ay is None:
            return _Read(s, e, (None, None, "unknown"), "hijri")
        cands = [(y, r) for y in (ay - 1, ay, ay + 1) if (r := hijri_month_range(y, hm))]
        if direction == "past":
            cands = [x for x in cands if x[1][1] < c.anchor]
        elif direction == "future":
            cands = [x for x in cands if x[1][0] > c.anchor]
        if not cands:
            return _Read(s, e, (None, None, "unknown"), "hijri")
        hy = min(cands, key=lambda x: (abs((x[1][0] - c.anchor).days) if c.anchor else 0))[0]
        basis = "published"
    else:
        basis = "explicit"
    if d:
        x = hijri_to_gregorian(hy, hm, d)
        return _Read(s, e, (x, x, "day") if x else (None, None, "unknown"), "hijri", basis=basis if x else None)
    r = hijri_month_range(hy, hm)
    return _Read(s, e, (r[0], r[1], "month") if r else (None, None, "unknown"), "hijri", basis=basis if r else None)


def _read_hijri_year(c: _Ctx, m: Any) -> _Read:
    s, e = m.span("HYEAR")
    hy = int(m.group("hy"))
    a, b = hijri_month_range(hy, 1), hijri_month_range(hy, 12)
    if a and b:
        return _Read(s, e, (a[0], b[1], "year"), "hijri", basis="explicit")
    # outside the Umm al-Qura tables (before 1343 AH): the mean lunar year gives the
    # Gregorian year it began in, give or take one
    g = math.floor(621.5643 + 0.970229 * hy)
    if 2 <= g <= 9998:
        return _Read(s, e, (Date(g - 1, 1, 1), Date(g + 1, 12, 31), "approximate"), "hijri", basis="explicit")
    return _Read(s, e, (None, None, "unknown"), "hijri")


def _read_relday(c: _Ctx, m: Any) -> _Read | None:
    s, e = m.span("RELDAY")
    rd = _n(m.group("rd"))
    nxt = _next_word(c.view.text, e)
    # "اليوم الخامس من ذي الحجة", "اليوم العالمي", "هذا اليوم": the day of something else
    text = c.view.text
    hashtag = (s > 0 and text[s - 1] == "_") or text[e:e + 1] == "_"  # #اليمن_اليوم
    if rd == "اليوم" and (hashtag or nxt in c.lx.not_today_before or nxt in c.lx.ordinals
                          or _prev_word(text, s) in c.lx.not_today_after):
        return None
    if c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), "relative")
    x = c.anchor + dt.timedelta(days=c.lx.days[rd])
    return _Read(s, e, (x, x, "day"), "relative", basis="published")


def _unit_range(c: _Ctx, unit: str, shift: int) -> tuple[Date, Date, str]:
    a = c.anchor
    assert a is not None
    if unit == "week":
        ws = a - dt.timedelta(days=(a.weekday() - c.lx.week_start) % 7) + dt.timedelta(days=7 * shift)
        return ws, ws + dt.timedelta(days=6), "week"
    if unit == "month":
        first = add_months(a.replace(day=1), shift)
        s, e = month_range(first.year, first.month)
        return s, e, "month"
    s, e = year_range(a.year + shift)
    return s, e, "year"


def _read_unit(c: _Ctx, m: Any, part: str | None) -> _Read | None:
    s, e = m.span("UNIT")
    unit = c.lx.units[_n(m.group("u"))]
    direction = c.lx.directions.get(_n(m.group("umod") or ""))
    if not (direction or m.group("this") or part):
        return None
    if c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), "relative")
    shift = {"past": -1, "future": 1}.get(direction or "", 0)
    a, b, prec = _unit_range(c, unit, shift)
    return _Read(s, e, (a, b, prec), "relative", basis="published")


def _read_season(c: _Ctx, m: Any) -> _Read | None:
    s, e = m.span("SEASON")
    season = c.lx.seasons[_n(m.group("s"))]
    y = _explicit_year(c.lx, m)
    if y is False:
        return None
    if y:
        a, b = season_range(season, y)
        return _Read(s, e, (a, b, "season"), "absolute", basis="explicit")
    if c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), "relative")
    anchor = c.anchor
    direction = c.lx.directions.get(_n(m.group("smod") or ""))
    occ = [season_range(season, y) for y in range(anchor.year - 1, anchor.year + 3)]
    if direction == "future":
        a, b = next(r for r in occ if r[0] > anchor)
    elif direction == "past":
        a, b = [r for r in occ if r[1] < anchor][-1]
    else:
        a, b = next((r for r in occ if r[0] <= anchor <= r[1]), season_range(season, anchor.year))
    return _Read(s, e, (a, b, "season"), "relative", basis="published")


_AFTER_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d\d\s*(?:,|و|او)\s*$")


def _read_year(c: _Ctx, m: Any, has_prefix: bool) -> _Read | None:
    s, e = m.span("YEAR")
    y = _explicit_year(c.lx, m)
    if not y:
        return None
    yw = m.group("yw")
    after_year = _AFTER_YEAR_RE.search(c.view.text, max(0, s - 12), s)  # "في 2015 و2016"
    prev = _prev_word(c.view.text, s)
    prev = prev[1:] if prev[:1] in ("و", "ف") and prev[1:] in c.lx.year_cues else prev  # "وفي 1998"
    if not (yw or has_prefix or after_year or prev in c.lx.year_cues):
        return None
    a, b = year_range(y)
    y2 = m.group("y2")
    if y2 is not None:
        sep_dash = "-" in c.view.text[m.end("y"):m.start("y2")]
        if (yw or sep_dash) and _year_ok(c.lx, int(y2)) and int(y2) > y:
            return _Read(s, e, (a, year_range(int(y2))[1], "range"), "year", basis="explicit")
        e = _year_end(c.view.text, m.end("y"))
    return _Read(s, e, (a, b, "year"), "year", basis="explicit")


def _year_end(text: str, e: int) -> int:
    """End of the year group plus a Gregorian marker (2011م) if one follows."""
    tail = _GREGORIAN_MARK_RE.match(text[e:e + 12])
    return e + tail.end() if tail else e


def _read_decade(c: _Ctx, m: Any) -> _Read | None:
    """"التسعينيات", "تسعينيات القرن الماضي": ten years; a bare construct form needs its century."""
    s, e = m.span("DECADE")
    word = _n(m.group("dec"))
    if m.group("cname"):
        base, basis = c.lx.centuries[_n(m.group("cname"))], "explicit"
    elif m.group("cpast"):
        if c.anchor is None:
            return _Read(s, e, (None, None, "unknown"), "year")
        base, basis = (c.anchor.year // 100 - 1) * 100, "published"
    elif word.startswith("ال"):
        base, basis = c.lx.default_century, "explicit"
    else:
        return None
    first = base + c.lx.decades[word]
    return _Read(s, e, (year_range(first)[0], year_range(first + 9)[1], "range"), "year", basis=basis)


def _count(c: _Ctx, m: Any) -> tuple[int, bool]:
    """(number, vague?) from a count word or digits; no count = a few, vaguely."""
    n = m.group("n")
    if n is None:
        return c.lx.few, True
    w = _n(n)
    if w.isdigit():
        return int(w), False
    if w in c.lx.few_words or w.removeprefix("ال") in c.lx.few_words:
        return c.lx.few, True
    return c.lx.numbers.get(w, c.lx.numbers.get(w.removeprefix("ال"), c.lx.few)), False


def _unit_count(c: _Ctx, m: Any, group: str) -> tuple[str, int, bool]:
    word = _n(m.group(group))
    unit = c.lx.units[word]
    if word in c.lx.unit_forms[unit].get("dual", []):
        return unit, 2, False
    if m.group("n") is None and word in c.lx.unit_forms[unit].get("singular", []):
        return unit, 1, False
    n, vague = _count(c, m)
    return unit, n, vague


def _back(anchor: Date, unit: str, n: int) -> Date:
    if unit == "hour":
        return anchor - dt.timedelta(days=math.ceil(n / 24))
    if unit == "day":
        return anchor - dt.timedelta(days=n)
    if unit == "week":
        return anchor - dt.timedelta(days=7 * n)
    return add_months(anchor, -n * (12 if unit == "year" else 1))


def _forward(anchor: Date, unit: str, n: int) -> Date:
    if unit in ("hour", "day", "week"):
        return anchor + (anchor - _back(anchor, unit, n))
    return add_months(anchor, n * (12 if unit == "year" else 1))


def _read_window(c: _Ctx, m: Any) -> _Read:
    s, e = m.span("WINDOW")
    unit, n, vague = _unit_count(c, m, "wu")
    direction = "past" if m.group("wlast") else c.lx.directions.get(_n(m.group("wdir") or ""), "past")
    if c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), "window")
    prec = "approximate" if vague else "range"
    if direction == "future":
        return _Read(s, e, (c.anchor, _forward(c.anchor, unit, n), prec), "window", basis="published")
    return _Read(s, e, (_back(c.anchor, unit, n), c.anchor, prec), "window", basis="published")


def _read_duration(c: _Ctx, m: Any) -> _Read:
    """"على مدى يومين": a window of that length ending at the anchor (the anchor's day counts)."""
    s, e = m.span("DURATION")
    unit, n, vague = _unit_count(c, m, "qu")
    if c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), "duration")
    start = _back(c.anchor, unit, n) + dt.timedelta(days=1) if unit != "hour" else _back(c.anchor, unit, n)
    return _Read(s, e, (start, c.anchor, "approximate" if vague else "range"), "duration", basis="published")


_HALF_SPAN = {"hour": 0, "day": 0, "week": 3, "month": 15, "year": 182}


def _read_ago(c: _Ctx, m: Any) -> _Read:
    """"قبل يومين" is a day in the past; "منذ 3 أيام" is the span from then until the anchor."""
    s, e = m.span("AGO")
    unit, n, vague = _unit_count(c, m, "qu")
    since = _n(m.group("ago")) in c.lx.since
    kind = "since" if since else "relative"
    if c.anchor is None:
        return _Read(s, e, (None, None, "unknown"), kind)
    point = _back(c.anchor, unit, n) if unit != "hour" else c.anchor - dt.timedelta(days=n // 24)
    half = dt.timedelta(days=_HALF_SPAN[unit])
    if since:
        return _Read(s, e, (point - half, c.anchor, "approximate" if vague or half else "range"), kind,
                     basis="published")
    if vague:  # "قبل أيام": between one and a few twice over units back
        lo = _back(c.anchor, unit, 2 * n) if unit != "hour" else c.anchor - dt.timedelta(days=1)
        hi = _back(c.anchor, unit, 1) if unit != "hour" else c.anchor
        return _Read(s, e, (lo, hi, "approximate"), kind, basis="published")
    if half:
        return _Read(s, e, (point - half, min(point + half, c.anchor), "approximate"), kind, basis="published")
    return _Read(s, e, (point, point, "day"), kind, basis="published")


_ATOMS = ("WEEKDAY", "NUMDATE", "DATE", "DAYREL", "HDATE", "HYEAR", "MONTH", "RELDAY", "SEASON", "YEAR", "DECADE",
          "UNIT")
"""The grammar's alternatives inside WRAP, in the order they are tried."""


def _read_atom(c: _Ctx, m: Any, name: str, forward: bool, prefixed: bool, part: str | None) -> _Read | None:
    if name == "WEEKDAY":
        return _read_weekday(c, m, forward)
    if name == "NUMDATE":
        return _read_numdate(c, m, *m.span("NUMDATE"))
    if name == "DATE":
        return _read_date(c, m)
    if name == "DAYREL":
        return _read_dayrel(c, m)
    if name == "HDATE":
        return _read_hijri(c, m)
    if name == "HYEAR":
        return _read_hijri_year(c, m)
    if name == "MONTH":
        return _read_month(c, m, prefixed)
    if name == "RELDAY":
        return _read_relday(c, m)
    if name == "SEASON":
        return _read_season(c, m)
    if name == "YEAR":
        return _read_year(c, m, prefixed)
    if name == "DECADE":
        return _read_decade(c, m)
    return _read_unit(c, m, part)


def _read_wrapped(c: _Ctx, m: Any) -> _Read | None:
    """An atom, with an optional since/until word and part-of-period word before it."""
    pre, part = m.group("pre"), m.group("part")
    prefixed = bool(pre or part)
    # after "اعتبارا من" (starting from) a bare weekday is ahead; after منذ it is behind
    forward = bool(pre) and _n(pre) in c.lx.since and _n(pre) not in c.lx.ago_prefixes
    name = next(n for n, g in zip(_ATOMS, m.group(*_ATOMS), strict=True) if g is not None)
    r = _read_atom(c, m, name, forward, prefixed, part)
    if r is None:
        return None
    if part:
        a, b, prec = r.value
        if a is not None and b is not None and prec in ("month", "year", "season", "week", "range"):
            a, b = part_of(a, b, c.lx.parts[_n(part)])
            prec = "approximate"
        r.value = (a, b, prec)
        r.start = m.start("part")
    if pre:
        r.start = m.start("pre")
        if _n(pre) in c.lx.since:
            r.kind = "since"
            a, b, prec = r.value
            if a is not None and c.anchor is not None and a <= c.anchor:
                r.value = (a, c.anchor, "range")
        else:
            r.kind = "until"
    return r


def _read_fallback(c: _Ctx, m: Any) -> _Read:
    """"منذ بداية عملية …": since an event we cannot date; it runs until the anchor."""
    s, e = m.span("FALLBACK")
    return _Read(s, e, (None, c.anchor, "unknown"), "since", basis="published" if c.anchor else None)


def _read(c: _Ctx, m: Any) -> _Read | None:
    ago, window, duration, wrap = m.group("AGO", "WINDOW", "DURATION", "WRAP")
    if ago is not None:
        return _read_ago(c, m)
    if window is not None:
        return _read_window(c, m)
    if duration is not None:
        return _read_duration(c, m)
    if wrap is not None:
        return _read_wrapped(c, m)
    return _read_fallback(c, m)


_TOKEN_RE = re.compile(r"[^\W_]+")
_DIGITS = "0123456789"
_DIGIT_TOKEN_RE = re.compile(r"\d[^\W_]*")  # a number and what is glued to it: 2011، 1439ه
# The same two patterns with their classes spelled out for text of the common blocks only
# (nearly every article; see ``segment.common_class``): the scan skips the Unicode lookups.
_ALNUM_COMMON, _DIGIT_COMMON = common_class(r"[^\W_]", "re"), common_class(r"\d", "re")
_TOKEN_RE_COMMON = re.compile(f"[{_ALNUM_COMMON}]+")
_DIGIT_TOKEN_RE_COMMON = re.compile(f"[{_DIGIT_COMMON}][{_ALNUM_COMMON}]*")
_NUM_JOIN_RE = re.compile(r"\s*[/.\-]\s*\d")


def parse_anchor(published: str | None) -> Date | None:
    """The local date of an ISO date or datetime (offset ignored: its date is the local one)."""
    if not published:
        return None
    try:
        return Date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def _tokens(lx: Lexicon, nt: str, common: bool = False) -> list[tuple[int, str]]:
    """(offset, word) of the words that can start an expression, and of words with digits.

    Runs at C speed: the distinct words of the text are intersected with the starter set,
    then only those words are looked up; the rest of the text is never visited in Python.
    ``common``: ``nt`` holds characters of the common blocks only.
    """
    out: list[tuple[int, str]] = []
    n = len(nt)
    token_re, digit_re = (_TOKEN_RE_COMMON, _DIGIT_TOKEN_RE_COMMON) if common else (_TOKEN_RE, _DIGIT_TOKEN_RE)
    for w in lx.quick.intersection(token_re.findall(nt)):
        i = nt.find(w)
        while i >= 0:
            j = i + len(w)
            if (i == 0 or not nt[i - 1].isalnum()) and (j == n or not nt[j].isalnum()):
                out.append((i, w))
            i = nt.find(w, j)
    for m in digit_re.finditer(nt):
        i = m.start()
        if i and nt[i - 1].isalpha():  # "في12": take the whole word
            k = i - 1
            while k and nt[k - 1].isalpha():
                k -= 1
            out.append((k, nt[k:m.end()]))
        else:
            out.append((i, m.group()))
    out.sort()
    return out


def _candidates(lx: Lexicon, nt: str) -> list[int]:
    """Positions where an expression may start (see ``_starters``)."""
    starters = lx.starters
    out: list[int] = []
    common = UNCOMMON.search(nt) is None
    search = (_TOKEN_RE_COMMON if common else _TOKEN_RE).search
    for ts, w in _tokens(lx, nt, common):
        after = search(nt, ts + len(w))
        nxt = after.group() if after else ""
        if w[0] in _DIGITS:
            rest = w.lstrip(_DIGITS)  # "1439ه", "14حزيران"
            digits = w[: len(w) - len(rest)]
            if len(digits) == 4 or rest in starters or rest in lx.hijri_marker_set or nxt in lx.hijri_marker_set or (
                not rest and (nxt in starters or nxt == "من" or nxt[-1:] in _DIGITS
                              or _NUM_JOIN_RE.match(nt, ts + len(w)))
            ):
                out.append(ts)
            continue
        if w[-1] in _DIGITS:  # "في12", "الخميس22": a number glued to the word before it
            k = len(w.rstrip(_DIGITS))
            if w[:k] in starters:
                out.append(ts)
            elif w[:k] != "ال":
                out.append(ts + k)
            continue
        for off, word in ((0, w), (1, w[1:])) if w[0] in "وف" else ((0, w),):
            f = starters.get(word)
            if f is not None and (f is ALWAYS or nxt in f or (nxt[:1] in _DIGITS and word in lx.digit_next)):
                out.append(ts + off)
                break
    return out


def find_times(
    text: str, published: str | None, lx: Lexicon, reference_year: int | None = None
) -> list[TimeExpression]:
    """Every time expression in ``text``, resolved against ``published`` when given.

    ``reference_year`` (default: this year) bounds the recent years a weekday+day+month
    may fix when there is no publication date.
    """
    view = _view(text)
    c = _Ctx(lx, view, parse_anchor(published), reference_year or dt.date.today().year)
    out: list[TimeExpression] = []
    pos = 0
    for start in _candidates(lx, view.text):
        if start < pos:
            continue
        m = lx.grammar.match(view.text, start)
        if m is None:
            continue
        try:
            r = _read(c, m)
        except (ValueError, OverflowError):  # "منذ 2500 عام": a time, but off the calendar
            r = _Read(m.start(), m.end(), (None, None, "unknown"), "relative")
        if r is None or r.end <= r.start:
            continue
        out.append(_to_expr(text, view, r))
        pos = r.end
    return out


def _iso(d: Date | None) -> str | None:
    return d.isoformat() if d is not None else None


def _to_expr(text: str, view: _View, r: _Read) -> TimeExpression:
    s, e = view.span(r.start, r.end)
    marks = DELETED_RUN.match(text, e)  # diacritics/tatweel on the last letter belong to it
    if marks:
        e = marks.end()
    a, b, prec = r.value
    return TimeExpression(s, e, text[s:e], _iso(a), _iso(b), prec, r.kind, r.month_day, r.basis)


def stage(doc: Document, res: Any) -> None:
    """Pipeline stage: fill ``doc.times`` sorted by start."""
    lx: Lexicon = res.get(RESOURCE_KEY, load)
    if doc.published and parse_anchor(doc.published) is None:
        doc.warnings.append(f"dates: published {doc.published!r} is not an ISO date; relative times left unresolved")
    ref = res.loaded.get("dates.reference_year") if hasattr(res, "loaded") else None
    doc.times = sorted(find_times(doc.text, doc.published, lx, ref), key=lambda t: (t.start, t.end))


__all__: list[str] = [
    "Lexicon",
    "find_times",
    "load",
    "parse_anchor",
    "stage",
    "weekday_after",
    "weekday_on_or_before",
]
