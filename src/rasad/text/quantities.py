"""Quantities: the numbers an article asserts, with their hedge, unit and counted noun.

``stage(doc, res)`` fills ``doc.quantities``.  A quantity's span (``start``/``end``/``text``)
is the whole quantity phrase: the hedge before the number (ما يربو على), the number, its
unit (كيلومتر مربع), the counted noun (مسلح) and a hedge after it (على الأقل), whichever of
these are present.  The counted noun alone is also given in ``counted``/``counted_start``/
``counted_end``.  For a vague count the value is the low end of its range (``min``).

What is *not* a quantity: dates (عام 2011، 12 ديسمبر، ديسمبر 2016، في 2016), times of day
(الساعة 10، 04.00 بتوقيت غرينتش), time windows (الساعات الـ24 الماضية), ordinals
(الحادي عشر، الذكرى السبعين، للمرة الـ5), codes and names (القرار 2254، إف-16، phone numbers).

Speed: one precompiled regex finds the few places where a number can start; everything else
is anchored regex matches at those places.  The text is normalised with ``str.replace`` per
mapped character (C speed) instead of a per-character loop, and offsets are mapped back
through the (usually very few) deleted characters.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rasad.model import QUALIFIERS, Document, Quantity
from rasad.text.normalize import fold, normalize_str
from rasad.text.numbers import (
    DIGITS,
    PROCLITICS,
    SCALE,
    UNIT,
    NumberLexicon,
    NumberRun,
    build_lexicon,
    load_yaml,
    read_token,
    scan,
    trie_pattern,
)

if TYPE_CHECKING:
    from rasad.pipeline import Resources

RESOURCE_KEY = "quantities"
UNIT_KINDS = ("percent", "length", "area", "volume", "mass", "duration", "money")
# Measures whose "من X" names what is measured (78 طنا من المساعدات); for distances and
# durations "من" is "from" (18 كيلومترا من الحدود).
_PARTITIVE_KINDS = (None, "percent", "mass")
_WINDOW = 48  # characters looked at before a number for its hedge

# ---------------------------------------------------------------------------- fast normalise

# Diacritics and tatweel that belong to the word before them (tanwin of شخصاً).
_WORD_MARKS = frozenset("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0670\u0640")


def _normalise(text: str) -> _View:
    """The normalised text and its map back (``normalize.fold``: C-speed replaces)."""
    nt, marks = fold(text)
    return _View(nt, marks, len(text))


@dataclass(frozen=True, slots=True)
class _View:
    """Normalised text with the map back to original offsets."""

    text: str
    marks: tuple[int, ...]  # normalised positions before which one original char was deleted
    orig_len: int

    def orig(self, p: int) -> int:
        """Original offset of normalised position ``p``."""
        if p >= len(self.text):
            return self.orig_len
        return p + bisect.bisect_right(self.marks, p) if self.marks else p

    def span(self, s: int, e: int, original: str) -> tuple[int, int]:
        """Original span of normalised [s, e), with the last word's trailing marks (شخصاً)."""
        o_end = self.orig(e - 1) + 1
        while o_end < len(original) and original[o_end] in _WORD_MARKS:
            o_end += 1
        return self.orig(s), o_end


# ---------------------------------------------------------------------------- resources


@dataclass(frozen=True)
class QuantityResources:
    """Everything the stage needs, compiled once per process."""

    lex: NumberLexicon
    normalise: Callable[[str], _View]
    candidate_re: Any
    vague_re: Any
    vague: Mapping[str, tuple[str, float, float]]  # phrase → (qualifier, min, max)
    duals: Mapping[str, tuple[str | None, str | None]]  # form → (noun, unit code)
    before_re: Any
    before: Mapping[str, str]  # phrase → qualifier ("range" for بين)
    after_re: Any
    after: Mapping[str, str]
    unit_re: Any
    units: Mapping[str, str]  # form → unit code
    unit_kind: Mapping[str, str]  # unit code → kind
    not_counted: frozenset[str]
    month_before_re: Any
    month_after_re: Any
    year_mark_re: Any
    clock_mark_re: Any
    window_mark_re: Any
    heads: Mapping[str, frozenset[str]]  # context word → the lists it is in (year, clock, ...)
    look_alikes: frozenset[str]  # printed spellings that normalise to a number word but are not


@lru_cache(maxsize=4096)
def _norm(s: object) -> str:
    return re.sub(r"\s+", " ", normalize_str(str(s))).strip()


def _norms(items: Iterable[object]) -> list[str]:
    return [_norm(x) for x in items]


def _phrases_re(forms: Iterable[str], *, tail: str = r"(?!\w)", lead: str = "") -> Any:
    return re.compile(lead + "(?:" + trie_pattern(forms) + ")" + tail)


def _unique(name: str, pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"{name}: {k!r} is listed twice (after normalisation)")
        out[k] = v
    return out


def _units(doc: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str], list[tuple[str, Any]]]:
    """(form → unit code, unit code → kind, dual forms) from ``units.yaml``."""
    unit_kind = {code: str(spec["kind"]) for code, spec in doc["codes"].items()}
    for code, kind in unit_kind.items():
        if kind not in UNIT_KINDS:
            raise ValueError(f"units.yaml: unit {code!r} has unknown kind {kind!r}")
    forms: list[tuple[str, str]] = []
    duals: list[tuple[str, Any]] = []
    for e in doc["units"]:
        if e["code"] not in unit_kind:
            raise ValueError(f"units.yaml: unknown unit code {e['code']!r}")
        forms += [(f, e["code"]) for f in _norms(e["forms"])]
        duals += [(f, (None, e["code"])) for f in _norms(e.get("dual", []))]
    return _unique("units.yaml", forms), unit_kind, duals


def _vague(doc: Mapping[str, Any]) -> dict[str, tuple[str, float, float]]:
    """Vague phrase → (qualifier, min, max) from ``vague.yaml``."""
    for e in doc["phrases"]:
        if e["qualifier"] not in QUALIFIERS:
            raise ValueError(f"vague.yaml: unknown qualifier {e['qualifier']!r}")
        if not float(e["min"]) <= float(e["max"]):
            raise ValueError(f"vague.yaml: {e['phrase']}: min > max")
    return _unique(
        "vague.yaml",
        [(_norm(e["phrase"]), (str(e["qualifier"]), float(e["min"]), float(e["max"]))) for e in doc["phrases"]],
    )


def _qualifiers(doc: Mapping[str, Any]) -> tuple[dict[str, str], dict[str, str]]:
    """(hedge before → qualifier, hedge after → qualifier) from ``qualifiers.yaml``."""
    for q in (*doc["before"], *doc["after"]):
        if q not in QUALIFIERS:
            raise ValueError(f"qualifiers.yaml: unknown qualifier {q!r}")
    before = [(p, q) for q, ps in doc["before"].items() for p in _norms(ps)]
    before += [(p, "range") for p in _norms(doc["range"])]
    after = [(p, q) for q, ps in doc["after"].items() for p in _norms(ps)]
    return _unique("qualifiers.yaml before/range", before), _unique("qualifiers.yaml after", after)


def build_resources(files: Mapping[str, Any]) -> QuantityResources:
    """Compile the YAML data (``files[name]`` = parsed file); ValueError on bad data."""
    lex = build_lexicon(files["numbers.yaml"])
    units, unit_kind, unit_duals = _units(files["units.yaml"])
    nouns = files["nouns.yaml"]
    noun_duals = [(f, (str(e["noun"]), None)) for e in nouns["duals"] for f in _norms(e["forms"])]
    duals = _unique("dual forms", unit_duals + noun_duals)
    vague = _vague(files["vague.yaml"])
    before, after = _qualifiers(files["qualifiers.yaml"])

    ctx = files["context.yaml"]
    months = _norms(ctx["months"])
    month = "(?:" + trie_pattern(months) + ")"
    cl = "(?:" + "|".join(PROCLITICS) + ")"
    words = set(lex.words) | set(duals) | {p.split(" ")[0] for p in vague}
    return QuantityResources(
        lex=lex,
        normalise=_normalise,
        candidate_re=re.compile(
            rf"(?<!\w)(?<![0-9][.,])(?:{cl})??(?:[0-9]|(?:{trie_pattern(words)})(?!\w))"
        ),
        vague_re=re.compile(rf"(?P<cl>{cl})??(?P<v>{trie_pattern(vague)})(?!\w)"),
        vague=vague,
        duals=duals,
        before_re=re.compile(rf"(?<!\w)(?:و|ف|ب|ل)?(?P<q>{trie_pattern(before)})[ ]*$"),
        before=before,
        after_re=re.compile(rf"[ ]*,?[ ]*(?P<q>{trie_pattern(after)})(?!\w)(?P<from>[ ]+من(?!\w))?"),
        after=after,
        unit_re=re.compile(rf"[ ]*(?:ال)?(?P<u>{trie_pattern(units)})(?!\w)"),
        units=units,
        unit_kind=unit_kind,
        not_counted=frozenset(_norms(nouns["not_counted"])),
        look_alikes=frozenset(str(e["form"]) for e in files["numbers.yaml"].get("look_alikes", [])),
        month_before_re=re.compile(rf"(?<!\w)(?:و|ب|ل)?{month}(?:[ ]*/[ ]*{month})?[ ]*,?[ ]*$"),
        month_after_re=re.compile(rf"[ ]*(?:(?:من[ ]+)?(?:شهر[ ]+)?{month}|من[ ]+الشهر)(?!\w)"),
        heads=_heads_table(
            ordinal=_norms(files["numbers.yaml"].get("ordinals", [])),
            year=_norms(ctx["year_heads"]) + _norms(ctx["day_heads"]),
            clock=_norms(ctx["clock_heads"]), window=_norms(ctx["window_heads"]), id=_norms(ctx["id_heads"]),
            ordinal_head=_norms(ctx["ordinal_heads"]), year_prep=_norms(ctx["year_prepositions"]),
            count_head=_norms(ctx["count_heads"]),
        ),
        year_mark_re=_phrases_re(_norms(ctx["year_marks"]), lead="[ ]*"),
        clock_mark_re=_phrases_re(_norms(ctx["clock_marks"]), lead="[ ]*"),
        window_mark_re=_phrases_re(_norms(ctx["window_marks"]), lead="[ ]*"),
    )


def _heads_table(**lists: list[str]) -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for kind, words in lists.items():
        for w in words:
            if " " in w:
                raise ValueError(f"context.yaml: {kind} entry {w!r} must be one word")
            table.setdefault(w, set()).add(kind)
    return {w: frozenset(k) for w, k in table.items()}


RESOURCE_FILES = ("numbers.yaml", "units.yaml", "nouns.yaml", "vague.yaml", "qualifiers.yaml", "context.yaml")


def load_resources() -> QuantityResources:
    return build_resources({name: load_yaml(name) for name in RESOURCE_FILES})


# ---------------------------------------------------------------------------- reading


@dataclass(slots=True)
class _Found:
    start: int  # normalised positions
    end: int
    value: Decimal
    qualifier: str = "exact"
    min: Decimal | None = None
    max: Decimal | None = None
    unit: str | None = None
    counted: tuple[int, int] | None = None
    consumed: int = 0  # where scanning resumes


_WORD_RE = re.compile(r"[ ]*(?P<w>[\u0621-\u064a]+)(?!\w)")
_POSSESSIVES = ("ه", "ها", "هم", "هما", "هن", "كم", "كما", "نا")  # as printed: ة is not ه
_PLURAL_ENDINGS = ("ين", "ان", "ون", "ات")
_ARTICLE_FORMS = ("ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل")
_BLOCKING_HEADS = frozenset({"ordinal", "year", "clock", "window", "id"})
_PREV_RE = re.compile(r"(?<!\w)(?P<w>\w+)[ ]*$")
# Digits joined to other digits or letters by / - : are dates, times, scores or model names
# (12/12/2016، 10:30، 4-1، 12 - 13 أبريل، إف-16، 3-صفر).
_JOINED_BEFORE = re.compile(r"(?:[0-9][ ]*[/\-]|[0-9]:|-)[ ]*$")
_JOINED_AFTER = re.compile(r"[ ]*[/\-][ ]*[0-9]|:[0-9]|[/\-]\w")
_MIN_RE = re.compile(r"[ ]+من[ ]+")
_CLITIC_WORD_RE = re.compile(r"(?:" + "|".join(PROCLITICS) + r")??(?P<w>\w+)")
_TWO_RE = re.compile(r"[ ]+(?:اثنان|اثنين|اثنتان|اثنتين)(?!\w)")
_AND_RE = re.compile(r"[ ]+(?=و)|[ ]*-[ ]*|[ ]+(?:الي|حتي)[ ]+")  # بين 10 و15، بين 5 إلى 10
def _is_year(form: str, value: Decimal) -> bool:
    return bool(_YEAR_FORM.fullmatch(form)) and _YEARS[0] <= value <= _YEARS[1]


def _in_parentheses(nt: str, s: int, e: int) -> bool:
    return nt[max(0, s - 2):s].strip() == "(" and nt[e:e + 2].strip()[:1] == ")"


_FIRST_WORD = re.compile(r"\w+")
_COMPARATIVE = re.compile(r"^(?:او\s+|و|ف)(?:اكثر|اقل)$")  # أو أكثر، وأكثر، فأقل
_HALF_RE = re.compile(r"[ ]+ونصف(?!\w)")
_YEARS = (1800, 2100)  # a bare four-digit number in this range with nothing counted is a year
_YEAR_FORM = re.compile(r"[0-9]{4}")
_ID_FORM = re.compile(r"0[0-9]+|[0-9]{8,}")


def _prev_word(nt: str, s: int) -> tuple[str, int] | None:
    """The word right before ``s`` (spaces only in between), and where it starts."""
    m = _PREV_RE.search(nt, max(0, s - 30), s)
    return (m.group("w"), m.start("w")) if m else None


@lru_cache(maxsize=8192)
def _without_particles(word: str) -> tuple[str, ...]:
    """``word`` and its readings without a leading و/ف and ب/ل/ك, the article kept:
    context lists name their words with the article when it matters (اليوم is "today",
    يوم 27 is a date), so it is never stripped here.  للمرة gives المرة."""
    out = [word]
    if len(word) > 3 and word[0] in "وف":
        out.append(word[1:])
    for w in tuple(out):
        if len(w) > 3 and w[0] in "بلك":
            out.append("ا" + w[1:] if w.startswith("لل") else w[1:])
    return tuple(out)


def _arabic_word(w: str) -> bool:
    return all("\u0621" <= c <= "\u064a" for c in w)


class _Reader:
    """Reads the quantities of one normalised text."""

    def __init__(self, r: QuantityResources, view: _View, original: str) -> None:
        self.r = r
        self.view = view
        self.nt = view.text
        self.original = original

    # --- context tests --------------------------------------------------------------

    def _prev(self, s: int) -> str | None:
        p = _prev_word(self.nt, s)
        return p[0] if p else None

    def _heads(self, word: str | None) -> frozenset[str]:
        """Which context lists ``word`` (or its stem without proclitics) belongs to."""
        if word is None:
            return frozenset()
        heads = self.r.heads
        out: frozenset[str] = frozenset()
        for stem in _without_particles(word):
            h = heads.get(stem)
            if h:
                out |= h
        return out

    def _excluded_before(self, s: int, run: NumberRun | None) -> bool:
        """Context before the number that makes it a date, a time, an ordinal or a code."""
        r, nt = self.r, self.nt
        prev = self._prev(s)
        if prev is not None:
            kinds = self._heads(prev)
            if kinds & _BLOCKING_HEADS:
                return True
            first = run.tokens[0] if run else None
            if "ordinal_head" in kinds:
                return True
            if (first is not None and first.article) or prev == "ال":
                before = self._prev(s - len(prev) - 1) if prev == "ال" else prev
                if self._heads(before) & {"ordinal_head", "window"}:
                    return True
        head = nt[max(0, s - 2):s]
        if head.endswith(("+", ":")) or _JOINED_BEFORE.search(head):
            return True
        return bool(r.month_before_re.search(nt, max(0, s - _WINDOW), s))

    def _excluded_after(self, e: int) -> bool:
        r, nt = self.r, self.nt
        if _JOINED_AFTER.match(nt, e):
            return True
        return bool(r.month_after_re.match(nt, e) or r.clock_mark_re.match(nt, e))

    # --- hedges, units, counted nouns ----------------------------------------------------

    def _before(self, s: int) -> tuple[str, int] | None:
        m = self.r.before_re.search(self.nt, max(0, s - _WINDOW), s)
        if not m:
            return None
        return self.r.before[_norm(m.group("q"))], m.start()

    def _after(self, e: int) -> tuple[str, int] | None:
        m = self.r.after_re.match(self.nt, e)
        if not m or (m.group("from") and _COMPARATIVE.search(m.group("q"))):
            return None  # "وأكثر من 30" opens the next number's hedge; it does not close this one
        return self.r.after[_norm(m.group("q"))], m.end("q")

    def _unit(self, e: int) -> tuple[str, int] | None:
        m = self.r.unit_re.match(self.nt, e)
        if not m:
            return None
        return self.r.units[_norm(m.group("u"))], m.end()

    def _definite(self, at: int) -> bool:
        """Does the word at normalised ``at`` carry the article?  Asked of the original text,
        since normalising makes آلية and ألغام look like ال + ...: only a bare alef is the article."""
        o = self.view.orig(at)
        return self.original.startswith(_ARTICLE_FORMS, o)

    def _noun_ok(self, w: str, at: int, *, definite: bool) -> bool:
        r = self.r
        if not _arabic_word(w) or len(w) < 2:
            return False
        if w in r.not_counted or (w[0] in "وف" and w[1:] in r.not_counted):
            return False
        if not definite and self._definite(at):
            return False
        return "window" not in self._heads(w)

    def _counted(self, e: int, unit: str | None, *, definite: bool) -> tuple[int, int] | None:
        """The counted noun after position ``e``: ``64 ضربة``, or partitive ``5100 من سكان``."""
        r, nt = self.r, self.nt
        kind = r.unit_kind.get(unit) if unit else None
        if unit is None:
            m = _WORD_RE.match(nt, e)
            if m and m.group("w") != "من":
                w = m.group("w")
                if read_token(nt, m.start("w"), r.lex) is None and self._noun_ok(w, m.start("w"), definite=definite) \
                        and not r.month_after_re.match(nt, e):
                    return m.span("w")
                return None
        if kind not in _PARTITIVE_KINDS:
            return None
        m = _MIN_RE.match(nt, e)
        if not m:
            return None
        m2 = _WORD_RE.match(nt, m.end())
        if m2 and self._noun_ok(m2.group("w"), m2.start("w"), definite=True) and read_token(nt, m2.start("w"), r.lex) is None:
            return m2.span("w")
        return None

    # --- one candidate ---------------------------------------------------------------------

    def read(self, pos: int, floor: int) -> _Found | None:
        """The quantity whose number starts at ``pos``; ``floor`` is the end of the last one."""
        r, nt = self.r, self.nt
        vm = r.vague_re.match(nt, pos)
        if vm is not None and "ك" not in (vm.group("cl") or ""):
            return self._finish_vague(vm)
        run = scan(nt, pos, r.lex)
        if run is not None:
            return self._finish_run(run, floor)
        return self._dual(pos)

    def _finish_vague(self, vm: Any) -> _Found | None:
        q, lo, hi = self.r.vague[_norm(vm.group("v"))]
        s, e = vm.span("v")
        first = _FIRST_WORD.match(self.nt, s)
        if first and self._printed(s, first.end()) in self.r.look_alikes:
            return None  # الإف (the F of FBI) is not آلاف
        f = _Found(s, e, Decimal(str(lo)), q, Decimal(str(lo)), Decimal(str(hi)), consumed=e)
        return self._tail(f, e, definite=True)

    def _dual(self, pos: int) -> _Found | None:
        r, nt = self.r, self.nt
        m = _CLITIC_WORD_RE.match(nt, pos)
        if not m:
            return None
        w = m.group("w")
        if w not in r.duals:
            return None
        noun, unit = r.duals[w]
        s, e = m.start("w"), m.end("w")
        f = _Found(s, e, Decimal(2), unit=unit, consumed=e)
        if noun is not None:
            f.counted = (s, e)
        two = _TWO_RE.match(nt, e)
        if two:
            f.end = f.consumed = two.end()
        if unit is not None and r.unit_kind.get(unit) == "duration" and r.window_mark_re.match(nt, f.end):
            return None  # اليومين الماضيين: a time window
        b = self._before(pos)
        if b and b[0] != "range":
            f.qualifier, f.start = b
        a = self._after(f.end)
        if a and f.qualifier == "exact":
            f.qualifier, f.end = a
        f.consumed = max(f.consumed, f.end)
        return f

    def _finish_run(self, run: NumberRun, floor: int) -> _Found | None:
        r, nt = self.r, self.nt
        s, e, so = run.start, run.end, run.outer_start
        f = _Found(s, e, run.value, consumed=e)
        if self._excluded_before(so, run) or self._excluded_after(e) or not self._spelled_ok(run):
            return self._skip(f)
        if run.value == 0 and not run.digits_only:
            return self._skip(f)  # صفر: "below zero", rarely a count; also a month name
        single = run.tokens[0] if len(run.tokens) == 1 else None
        if single is not None and single.kind == UNIT and run.value == 1:
            return self._counted_before(f, so, floor)  # قتيل واحد; "واحد من" is "one of", not a count
        if single is not None and single.kind == UNIT and run.value == 2 and not single.clitic:
            p = _prev_word(nt, so)
            if p is not None and p[0].endswith(_PLURAL_ENDINGS):
                return self._counted_before(f, so, floor, keep=True)  # بريطانيين اثنين
        paren = single is not None and single.kind == DIGITS and _in_parentheses(nt, so, e)
        if paren and "count_head" not in self._heads(self._prev(nt.rindex("(", 0, so))):
            return self._skip(f)  # (45): a match minute, a footnote; but عدد (10) عبوات is a count
        second = self._second(e)
        if second is not None and (self._excluded_after(second.end) or self._both_years(run, second)):
            return self._skip(f)  # 28 و29 يونيو، 15 إلى 16 من الشهر، بين 2005 و2009
        b = self._before(so)
        if b is not None and b[0] == "range":
            if second is None:
                b = None
            else:
                lo, hi = run.value, second.value
                if second.scaled and not run.scaled:
                    scale = max(t.value for t in second.tokens if t.kind == SCALE)
                    if lo < scale:
                        lo *= scale  # بين 3 و5 آلاف
                f.value, f.min, f.max, f.qualifier = lo, lo, hi, "range"
                e = second.end
                f.end = f.consumed = e
        if b is not None:
            f.qualifier, f.start = b
        # "%96": the percent sign written before the number
        if single is not None and single.kind == DIGITS and nt[max(0, s - 2):s].strip() == "%" and not single.clitic:
            f.unit, f.start = "percent", min(f.start, s - (2 if nt[s - 1] == " " else 1))
        if paren:  # عدد (10) عبوات: the span takes the parentheses, the noun follows them
            f.start = min(f.start, nt.rindex("(", 0, s))
            e = nt.index(")", e) + 1
            f.end = e
        # A number with the article follows its noun (القتلى الـ199): what comes after it is
        # counted only when it has the ending a counted noun takes (الـ15 سعودياً, not الـ199 قالت).
        article = run.tokens[0].article or self._prev(so) == "ال"  # الـ24 or الـ 24
        f = self._tail(f, e, definite=False, counted=not article)
        if f.counted is None and article and f.unit is None:
            c = self._counted(e, None, definite=False)
            if c is not None and nt[c[1] - 1] in "اه" and not self._printed(*c).endswith(_POSSESSIVES):
                f.counted, f.end = c, max(f.end, c[1])
                f.consumed = max(f.consumed, f.end)
        if f.unit is None and not run.scaled and f.qualifier == "exact":
            tok = run.tokens[0]
            if run.digits_only and _is_year(tok.form, run.value) and not self._counts_year_like(f, so, int(run.value)):
                return self._skip(f)  # a year: في 2016، خريف 2017 شهدت، بين 2014 و2018
            if f.counted is None and r.year_mark_re.match(nt, e):
                return self._skip(f)
        if run.digits_only and _ID_FORM.fullmatch(run.tokens[0].form):
            return self._skip(f)  # a phone number or an id
        if f.counted is None and f.unit is None and article:
            return self._counted_before(f, so, floor, keep=True, definite=True)  # القتلى الـ199
        return f

    def _second(self, e: int) -> NumberRun | None:
        """A second number joined to the one ending at ``e`` (و15، - 15، إلى 15)."""
        m = _AND_RE.match(self.nt, e)
        second = scan(self.nt, m.end(), self.r.lex) if m else None
        if second is None or second.tokens[0].clitic not in ("و", ""):
            return None
        return second

    @staticmethod
    def _both_years(a: NumberRun, b: NumberRun) -> bool:
        return all(x.digits_only and _is_year(x.tokens[0].form, x.value) for x in (a, b))

    def _spelled_ok(self, run: NumberRun) -> bool:
        """False when a token is a look-alike as printed (ميتين "dead" is not مئتين)."""
        looks = self.r.look_alikes
        return not any(t.kind != DIGITS and self._printed(t.start, t.end) in looks for t in run.tokens)

    def _printed(self, s: int, e: int) -> str:
        """The original spelling of normalised [s, e), without diacritics or tatweel."""
        os_, oe = self.view.orig(s), self.view.orig(e - 1) + 1
        return "".join(c for c in self.original[os_:oe] if c not in _WORD_MARKS)

    def _counts_year_like(self, f: _Found, outer: int, value: int) -> bool:
        """Is a number that looks like a year (2015) a count here (2015 مسلحا)?

        Only with a counted noun in the case a count demands: after a number ending in
        11–99 the noun is accusative singular (مسلحا، حالة), so ``2015 بهدف`` or ``خريف 2017
        شهدت`` are years; and never after a preposition of time (في 2015، منذ 2011).
        """
        if f.counted is None or "year_prep" in self._heads(self._prev(outer)):
            return False
        noun = self.nt[f.counted[0]:f.counted[1]]
        return value % 100 <= 10 or noun.endswith(("ا", "ه"))

    def _skip(self, f: _Found) -> _Found:
        """Mark a number as read but not a quantity (so its parts are not read again)."""
        f.value = Decimal(-1)
        return f

    def _counted_before(self, f: _Found, outer: int, floor: int, *, keep: bool = False,
                        definite: bool = False) -> _Found | None:
        """The noun right before a number that follows it (شخص واحد، القتلى الـ199).

        ``definite``: the number carries the article, so its noun must be definite too, by
        the article or by a possessive (أطفالها الأربعة); وقتل الثلاثة has no counted noun."""
        p = _prev_word(self.nt, outer)
        if p is not None and p[0] == "ال":  # الهجمات الـ 11: the article stands apart after its tatweel
            p = _prev_word(self.nt, p[1])
        if p is not None and definite and not (
                self._definite(p[1]) or self._printed(p[1], p[1] + len(p[0])).endswith(_POSSESSIVES)):
            p = None
        if p is not None and f.value == 1 and p[0].endswith("ه") != self.nt[f.start:f.end].endswith("ه"):
            p = None  # واحد agrees in gender with its noun: شخص واحد، ضربة واحدة (not أدت واحدة)
        if p is not None and p[1] >= floor and self._noun_ok(p[0], p[1], definite=True) \
                and "ordinal_head" not in self._heads(p[0]) and read_token(self.nt, p[1], self.r.lex) is None:
            f.counted = (p[1], p[1] + len(p[0]))
            f.start = min(f.start, p[1])
            a = self._after(f.end) if f.qualifier == "exact" else None
            if a is not None:  # شخص واحد على الأقل
                f.qualifier, f.end = a
                f.consumed = max(f.consumed, f.end)
            return f
        return f if keep else self._skip(f)

    def _tail(self, f: _Found, e: int, *, definite: bool, counted: bool = True) -> _Found:
        """Unit, counted noun and trailing hedge after the number ending at ``e``."""
        r, nt = self.r, self.nt
        u = self._unit(e)
        if u is not None:
            f.unit, e = u
            half = _HALF_RE.match(nt, e)
            if half and f.qualifier != "range":
                f.value += Decimal("0.5")  # 7 سنوات ونصف
                e = half.end()
            if r.unit_kind.get(u[0]) == "duration" and r.window_mark_re.match(nt, e):
                return self._skip(f)  # 24 ساعة الماضية: a time window
        f.end = e
        a = self._after(e)
        if a is not None and f.qualifier == "exact":
            f.qualifier, f.end = a  # عشرون ونيف
            f.consumed = max(f.consumed, f.end)
            return f
        c = self._counted(e, f.unit, definite=definite) if counted else None
        if c is not None:
            f.counted = c
            f.end = c[1]
        if f.qualifier == "exact":
            a = self._after(f.end) or (self._after_adjectives(f.end) if c is not None else None)
            if a is not None:
                f.qualifier, f.end = a
        f.consumed = max(f.consumed, f.end)
        return f

    def _after_adjectives(self, e: int) -> tuple[str, int] | None:
        """A trailing hedge behind one or two adjectives of the counted noun:
        17 جندياً أفغانياً على الأقل."""
        for _ in range(2):
            m = _WORD_RE.match(self.nt, e)
            if m is None or not self._noun_ok(m.group("w"), m.start("w"), definite=False):
                return None
            e = m.end()
            a = self._after(e)
            if a is not None:
                return a
        return None


def find_quantities(text: str, r: QuantityResources) -> list[Quantity]:
    """All quantities of ``text``, sorted by start, with offsets into ``text``."""
    if not text:
        return []
    view = r.normalise(text)
    nt = view.text
    reader = _Reader(r, view, text)
    out: list[Quantity] = []
    floor = 0
    for m in r.candidate_re.finditer(nt):
        if m.start() < floor:
            continue
        f = reader.read(m.start(), floor)
        if f is None:
            continue
        floor = max(floor, f.consumed, f.end)
        if f.value < 0:
            continue
        out.append(_to_quantity(f, view, text, r))
    out.sort(key=lambda q: (q.start, q.end))
    return out


def _num(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


def _to_quantity(f: _Found, view: _View, text: str, r: QuantityResources) -> Quantity:
    s, e = view.span(f.start, f.end, text)
    q = Quantity(
        start=s, end=e, text=text[s:e], value=float(f.value), qualifier=f.qualifier,
        min=_num(f.min), max=_num(f.max), unit=f.unit,
        kind=r.unit_kind.get(f.unit, "measure") if f.unit else "count",
    )
    if f.counted is not None:
        cs, ce = view.span(*f.counted, text)
        q.counted, q.counted_start, q.counted_end = text[cs:ce], cs, ce
    return q


def stage(doc: Document, res: Resources) -> None:
    """Pipeline stage: fill ``doc.quantities``."""
    r: QuantityResources = res.get(RESOURCE_KEY, load_resources)
    doc.quantities = find_quantities(doc.text, r)
