"""Arabic numbers: digit strings and number words to exact values.

News writes the same number many ways: ``40484``, ``٤٠٤٨٤``, ``1,389``, ``8.5``, ``3,7 مليون``,
``5 آلاف``, ``ثلاثمئة وخمسة وعشرون ألفا``, ``مليون ونصف``.  Everything here works on the
*normalised* text (``rasad.text.normalize``: ASCII digits, one alef, ه for ة, ي for ى), so
positions are normalised positions; ``rasad.text.quantities`` maps them back.

Values are ``Decimal`` while they are built so that ``1.5 مليون`` is exactly 1,500,000 and
``8.743 مليون`` does not pick up binary noise; callers turn them into floats at the end.
The word lists are data (``resources/text/quantities/numbers.yaml``), loaded once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from rasad.text.normalize import normalize_str

UNIT = "unit"  # 0–9
TEN = "ten"  # عشرة/عشر: 10 alone, +10 after a unit
TEEN_ONLY = "teen_only"  # أحد/إحدى/اثنا: only before عشر
TENS = "tens"  # 20–90
HUNDRED = "hundred"  # 100–900 as one word
SCALE = "scale"  # ألف, مليون, ...
FRACTION = "fraction"  # نصف, ربع next to a scale
DIGITS = "digits"

# Proclitics a number may carry: conjunction, preposition, article (وال، بال، لل ...).
# Longest first so the regex prefers the longest split only after the whole word failed.
PROCLITICS: tuple[str, ...] = (
    "وبال", "فبال", "وكال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل",
    "وب", "ول", "وك", "فب", "فل", "ال", "و", "ف", "ب", "ل", "ك",
)
RESOURCE_DIR = Path(__file__).resolve().parents[1] / "resources" / "text" / "quantities"
_CLITIC = "(?:" + "|".join(PROCLITICS) + ")"
_DIGITS = r"[0-9]+(?:[.,][0-9]+)*"
_DIGITS_RE = re.compile(_DIGITS)


@dataclass(frozen=True, slots=True)
class Word:
    """One number word: its kind, value and, for scales, grammatical number."""

    kind: str
    value: Decimal
    number: str = "singular"  # singular | dual | plural (scales only)


@dataclass(frozen=True, slots=True)
class Token:
    """A number token in the normalised text; ``start`` is after its proclitics."""

    kind: str
    value: Decimal
    start: int
    end: int
    clitic: str  # the proclitics written before it ("", "و", "ال", "بال" ...)
    number: str = "singular"
    form: str = ""  # the normalised word (or digit string) without proclitics

    @property
    def waw(self) -> bool:
        return self.clitic.startswith(("و", "ف"))

    @property
    def outer_start(self) -> int:
        """Where the word starts, proclitics included."""
        return self.start - len(self.clitic)

    @property
    def article(self) -> bool:
        return self.clitic.endswith("ال") or self.clitic.endswith("لل")


@dataclass(frozen=True, slots=True)
class NumberRun:
    """A whole number read from consecutive tokens (``ثلاثة آلاف وخمسمئة``)."""

    start: int
    end: int
    value: Decimal
    tokens: tuple[Token, ...]

    @property
    def outer_start(self) -> int:
        return self.tokens[0].outer_start

    @property
    def scaled(self) -> bool:
        return any(t.kind == SCALE for t in self.tokens)

    @property
    def digits_only(self) -> bool:
        return len(self.tokens) == 1 and self.tokens[0].kind == DIGITS


@dataclass(frozen=True)
class NumberLexicon:
    """Number words keyed by normalised form, and the regexes that find them."""

    words: Mapping[str, Word]
    not_numbers: frozenset[str]
    ordinals: frozenset[str]
    token_re: Any  # re.Pattern: one token (digits or word) with optional proclitics


def trie_pattern(forms: Iterable[str]) -> str:
    """A regex alternation of ``forms`` shaped as a trie: one branch per first letter.

    A flat alternation of a few hundred words is tried word by word at every position; the
    trie lets the engine reject a position after one character.  A space in a form matches
    any run of spaces.
    """
    trie: dict[str, Any] = {}
    for f in forms:
        node = trie
        for ch in f:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return f"(?:{body})?"
        return body

    return build(trie)


def _norm_forms(forms: Iterable[str]) -> list[str]:
    return [normalize_str(str(f)).strip() for f in forms]


def build_lexicon(data: Mapping[str, Any]) -> NumberLexicon:
    """Build the lexicon from the parsed ``numbers.yaml``; raises ValueError on bad data."""
    words: dict[str, Word] = {}

    def add(forms: Iterable[str], word: Word) -> None:
        for f in _norm_forms(forms):
            if f in words and words[f] != word:
                raise ValueError(f"numbers.yaml: {f!r} listed twice with different meanings")
            words[f] = word

    for e in data["units"]:
        add(e["forms"], Word(UNIT, Decimal(str(e["value"]))))
    add(data["ten"], Word(TEN, Decimal(10)))
    for e in data["teen_only"]:
        add(e["forms"], Word(TEEN_ONLY, Decimal(str(e["value"]))))
    for e in data["tens"]:
        add(e["forms"], Word(TENS, Decimal(str(e["value"]))))
    for e in data["hundreds"]:
        add(e["forms"], Word(HUNDRED, Decimal(str(e["value"]))))
    for e in data["scales"]:
        v = Decimal(str(e["value"]))
        for number in ("singular", "dual", "plural"):
            add(e.get(number, []), Word(SCALE, v, number))
    for e in data["fractions"]:
        add(e["forms"], Word(FRACTION, Decimal(str(e["value"]))))
    token_re = re.compile(
        rf"(?P<cl>{_CLITIC})??(?:(?P<d>{_DIGITS})|(?P<w>{trie_pattern(words)})(?!\w))"
    )
    return NumberLexicon(
        words=words,
        not_numbers=frozenset(_norm_forms(e["form"] for e in data.get("not_numbers", []))),
        ordinals=frozenset(_norm_forms(data.get("ordinals", []))),
        token_re=token_re,
    )


def load_yaml(name: str) -> Any:
    """One file of ``resources/text/quantities`` parsed."""
    return yaml.safe_load((RESOURCE_DIR / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_lexicon() -> NumberLexicon:
    """The packaged lexicon, built once per process (read-only afterwards)."""
    return build_lexicon(load_yaml("numbers.yaml"))


# ---------------------------------------------------------------------------- digit strings


@lru_cache(maxsize=8192)
def parse_digits(s: str) -> Decimal | None:
    """Value of a digit string with separators: ``1,389`` → 1389, ``8.5`` → 8.5, ``3,7`` → 3.7.

    Thousands or decimal?  Both separators together: the last one is the decimal point.
    Commas alone are thousands separators only when every group after the first has three
    digits (``30,888``); otherwise a comma is a decimal comma (``3,7 مليون``, ``49,20``).
    A single full stop is a decimal point (``8.743 مليون``); several with three-digit groups
    are thousands separators (``1.000.000``).
    """
    s = normalize_str(s).strip()
    if not s or not s[0].isdigit() or not s[-1].isdigit():
        return None
    if not _DIGITS_RE.fullmatch(s):
        return None
    has_c, has_p = "," in s, "." in s
    if has_c and has_p:
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        th = "." if dec == "," else ","
        if s.count(dec) > 1:
            return None
        return Decimal(s.replace(th, "").replace(dec, "."))
    sep = "," if has_c else "." if has_p else ""
    if not sep:
        return Decimal(s)
    groups = s.split(sep)
    three = all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3
    if len(groups) > 2:
        return Decimal("".join(groups)) if three else None
    if sep == "," and three:
        return Decimal("".join(groups))
    return Decimal(groups[0] + "." + groups[1])


# ---------------------------------------------------------------------------- tokens and runs


def read_token(nt: str, pos: int, lex: NumberLexicon) -> Token | None:
    """The number token that starts exactly at ``pos`` in normalised text ``nt``, if any."""
    m = lex.token_re.match(nt, pos)
    if m is None:
        return None
    cl = m.group("cl") or ""
    if m.group("d") is not None:
        s, e = m.span("d")
        raw = m.group("d")
        val = parse_digits(raw)
        if val is None:
            return None
        return Token(DIGITS, val, s, e, cl, form=raw)
    s, e = m.span("w")
    form = m.group("w")
    word = lex.words.get(form)
    if word is None or "ك" in cl:  # كميات is "quantities", not ك + مئات
        return None
    if (cl + form) in lex.not_numbers or (("ال" + form) in lex.not_numbers and cl.endswith(("ال", "لل"))):
        return None
    return Token(word.kind, word.value, s, e, cl, word.number, form)


_SPACES = re.compile(r"[ \t]+")
_MAX_TOKENS = 16


def tokens_at(nt: str, pos: int, lex: NumberLexicon) -> Iterator[Token]:
    """Consecutive number tokens from ``pos``, read lazily: the first may carry any
    proclitic, later ones only و (``ثلاثمئة وخمسة``, ``29 ألفا و358``; ``و 358`` too)."""
    tok = read_token(nt, pos, lex)
    n = 0
    while tok is not None and n < _MAX_TOKENS:
        yield tok
        n += 1
        m = _SPACES.match(nt, tok.end)
        if m is None:
            return
        p = m.end()
        if nt.startswith("و ", p) and p + 2 < len(nt) and nt[p + 2].isdigit():
            nxt = read_token(nt, p + 2, lex)
            if nxt is not None:
                nxt = Token(nxt.kind, nxt.value, nxt.start, nxt.end, "و", nxt.number, nxt.form)
        else:
            nxt = read_token(nt, p, lex)
        if nxt is None or nxt.clitic not in ("", "و"):
            return
        if not nxt.clitic and nxt.form.startswith("و") and nxt.form[1:] in lex.words:
            # inside a number "واحد" after مئة is و + أحد (مئة وأحد عشر), not "one"
            w = lex.words[nxt.form[1:]]
            nxt = Token(w.kind, w.value, nxt.start + 1, nxt.end, "و", w.number, nxt.form[1:])
        tok = nxt


class _Acc:
    """Accumulates an Arabic number left to right, group by group.

    A *group* is what comes before a multiplier (``ثلاثمئة وخمسة وعشرون`` before ``ألفا``):
    hundreds, then a unit or teen, then tens joined by و.  ``feed`` returns False at the first
    token that cannot continue the number, so ``خمسة وستة`` stays two numbers.
    """

    __slots__ = ("group", "last", "last_scale", "parts", "total")

    def __init__(self) -> None:
        self.total = Decimal(0)
        self.group = Decimal(0)
        self.parts: set[str] = set()
        self.last: Token | None = None
        self.last_scale: Decimal | None = None

    def _below_scale(self, v: Decimal) -> bool:
        return self.last_scale is None or v < self.last_scale

    def _apply_scale(self, t: Token, group: Decimal) -> bool:
        if not self._below_scale(t.value):
            return False
        self.total += group * t.value
        self.group = Decimal(0)
        self.parts = set()
        self.last_scale = t.value
        return True

    def feed(self, t: Token) -> bool:
        ok = self._first(t) if self.last is None else self._next(t)
        if ok:
            self.last = t
        return ok

    def _first(self, t: Token) -> bool:
        k = t.kind
        if k in (UNIT, TEN, TENS, HUNDRED, DIGITS, TEEN_ONLY, FRACTION):
            self.group = t.value
            self.parts = {k}
            return True
        if k == SCALE and t.number == "singular":
            return self._apply_scale(t, Decimal(1))
        if k == SCALE and t.number == "dual":
            return self._apply_scale(t, Decimal(2))
        return False  # a plural multiplier alone is a vague count, read elsewhere

    def _next(self, t: Token) -> bool:
        assert self.last is not None
        prev, k, parts = self.last, t.kind, self.parts
        if t.waw:
            if prev.kind == SCALE and not parts:  # a new group after ألف/مليون
                if k == FRACTION:
                    self.total += t.value * (self.last_scale or 1)
                    self.parts = {FRACTION}
                    return True
                if k == SCALE:
                    if t.number == "plural":
                        return False
                    return self._apply_scale(t, Decimal(2) if t.number == "dual" else Decimal(1))
                if k in (UNIT, TEN, TEEN_ONLY, TENS, HUNDRED, DIGITS) and self._below_scale(t.value):
                    self.group = t.value
                    self.parts = {k}
                    return True
                return False
            if k == TENS and UNIT in parts and TENS not in parts and TEN not in parts and parts <= {UNIT, HUNDRED}:
                self.group += t.value  # خمسة وعشرون
                parts.add(TENS)
                return True
            if k in (UNIT, TEN, TEEN_ONLY, TENS) and parts == {HUNDRED}:
                self.group += t.value  # مئة وخمسة، مئة وعشرون
                parts.add(k)
                return True
            if k == FRACTION and parts and FRACTION not in parts and prev.kind in (UNIT, TEN, TENS, DIGITS):
                self.group += t.value  # ثلاثة ونصف
                parts.add(FRACTION)
                return True
            return False
        if k == TEN and prev.kind in (UNIT, TEEN_ONLY) and 1 <= prev.value <= 9 and TEN not in parts \
                and TENS not in parts:
            self.group += 10  # ثلاثة عشر
            parts.add(TEN)
            parts.discard(TEEN_ONLY)
            parts.add(UNIT)
            return True
        if k == HUNDRED and t.value == 100 and prev.kind == UNIT and parts == {UNIT} and 3 <= prev.value <= 9:
            self.group = prev.value * 100  # ثلاث مئة
            self.parts = {HUNDRED}
            return True
        if k == SCALE and parts and TEEN_ONLY not in parts:
            if t.number == "dual":
                return False
            return self._apply_scale(t, self.group)
        return False

    def value(self) -> Decimal:
        return self.total + self.group

    def complete(self) -> bool:
        """False while a form needs a continuation (أحد without عشر, نصف without مليون)."""
        return TEEN_ONLY not in self.parts and not (self.parts == {FRACTION} and self.last_scale is None)


def combine(tokens: Iterable[Token]) -> tuple[Decimal, list[Token]] | None:
    """Value of the longest prefix of ``tokens`` that is one number, and that prefix.

    Stops reading at the first token that cannot continue the number, so a lazy token
    stream is consumed no further than needed."""
    acc = _Acc()
    seen: list[Token] = []
    best: tuple[Decimal, list[Token]] | None = None
    for t in tokens:
        if not acc.feed(t):
            break
        seen.append(t)
        if acc.complete():
            best = (acc.value(), list(seen))
    return best


def scan(nt: str, pos: int, lex: NumberLexicon) -> NumberRun | None:
    """The number that starts at ``pos`` in normalised text, read as far as it goes."""
    got = combine(tokens_at(nt, pos, lex))
    if got is None:
        return None
    value, used = got
    return NumberRun(used[0].start, used[-1].end, value, tuple(used))


def parse_number(text: str, lex: NumberLexicon | None = None) -> float | None:
    """Value of ``text`` when the whole of it is one number (digits, words or both).

    ``parse_number("ثلاثمئة وخمسة وعشرون ألفا") == 325000.0``; ``None`` when anything is left
    over (``"خمسة وستة"``) or nothing is a number.
    """
    lex = lex or default_lexicon()
    nt = normalize_str(text).strip()
    nt = re.sub(r"\s+", " ", nt)
    run = scan(nt, 0, lex)
    if run is None or run.end != len(nt):
        return None
    return float(run.value)
