"""A normalised view of Arabic text for matching, with a map back to the original.

Matching needs a forgiving form of the text (no diacritics or tatweel, one alef, ya for
alef maqsura, ha for ta marbuta, ASCII digits), but everything we report must point at
the words as received.  ``normalize`` therefore returns the normalised string together
with, for every normalised character, the index of the original character it came
from; deleted characters (diacritics, tatweel, bidi marks) simply have no entry.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import overload

# One table, character → replacement ("" deletes).  Kept as data in code because it is
# the orthography itself, not language knowledge an analyst would edit.
_MAP: dict[str, str] = {}
for _c in "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658\u0670\u0640":
    _MAP[_c] = ""  # tanwin, harakat, shadda, sukun, maddah/hamza above/below, superscript alef, tatweel
for _c in "\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c":
    _MAP[_c] = ""  # joiners and bidi controls
for _c in "أإآٱ":
    _MAP[_c] = "ا"
_MAP["ى"] = "ي"
_MAP["ة"] = "ه"
_MAP["ؤ"] = "و"
_MAP["ئ"] = "ي"
_MAP["ک"] = "ك"  # Persian kaf
_MAP["ی"] = "ي"  # Persian ya
_MAP["ی"] = "ي"
for _i, _d in enumerate("٠١٢٣٤٥٦٧٨٩"):
    _MAP[_d] = str(_i)
for _i, _d in enumerate("۰۱۲۳۴۵۶۷۸۹"):
    _MAP[_d] = str(_i)
_MAP.update(
    {
        "،": ",",
        "؛": ";",
        "؟": "?",
        "٪": "%",
        "٫": ".",  # Arabic decimal separator
        "٬": ",",  # Arabic thousands separator
        "“": '"',
        "”": '"',
        "«": '"',
        "»": '"',
        "„": '"',
        "\u00a0": " ",
        "–": "-",
        "—": "-",
    }
)
_TABLE = {ord(k): v for k, v in _MAP.items()}
# Characters that survive unchanged fast-path: everything not in _MAP.
_DELETED = frozenset(k for k, v in _MAP.items() if v == "")


@dataclass(frozen=True, slots=True)
class Normalized:
    """Normalised text plus ``index[i]`` = original offset of normalised char ``i``.

    ``index`` is a ``range`` when nothing was deleted (most news text), else a tuple.
    """

    original: str
    text: str
    index: Sequence[int]

    def to_orig(self, i: int) -> int:
        """Original offset of normalised position ``i`` (``len`` maps to the end)."""
        if i >= len(self.index):
            return len(self.original)
        return self.index[i]

    def span_to_orig(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) covering normalised [start, end)."""
        if end <= start:
            o = self.to_orig(start)
            return o, o
        index = self.index
        if type(index) is GapIndex and start >= 0 and end <= index.n:  # index[k] = k + (gaps <= k)
            return start + bisect.bisect_right(index.gaps, start), end + bisect.bisect_right(index.gaps, end - 1)
        return index[start], index[end - 1] + 1

    def from_orig(self, o: int) -> int:
        """First normalised position at or after original offset ``o``."""
        if type(self.index) is GapIndex:
            return self.index.position(o)
        return bisect.bisect_left(self.index, o)


class GapIndex(Sequence[int]):
    """``Normalized.index`` kept as its deletions only (``fold``'s gaps), never spelled out.

    The full map is one int per character; a stage that asks for a few dozen offsets per
    article only needs where the deleted characters were: ``index[i] = i + (gaps <= i)``.
    """

    __slots__ = ("_deleted_at", "gaps", "n")

    def __init__(self, gaps: tuple[int, ...], n: int) -> None:
        self.gaps = gaps  # normalised position before which each deleted character stood
        self.n = n  # length of the normalised text
        self._deleted_at: tuple[int, ...] | None = None

    def __len__(self) -> int:
        return self.n

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> Sequence[int]: ...

    def __getitem__(self, i: int | slice) -> int | Sequence[int]:
        if isinstance(i, slice):
            return tuple(self)[i]
        if i < 0:
            i += self.n
        if not 0 <= i < self.n:
            raise IndexError("normalised position out of range")
        return i + bisect.bisect_right(self.gaps, i)

    def __iter__(self) -> Iterator[int]:
        return (i + bisect.bisect_right(self.gaps, i) for i in range(self.n))

    def position(self, o: int) -> int:
        """``bisect_left(index, o)``: original offset ``o`` less the deletions before it."""
        if self._deleted_at is None:  # original offset of each deleted character
            self._deleted_at = tuple(g + k for k, g in enumerate(self.gaps))
        return min(max(o - bisect.bisect_left(self._deleted_at, o), 0), self.n)


def normalize_char(c: str) -> str:
    return _MAP.get(c, c)


def normalize_str(s: str) -> str:
    """Normalise a string for lookup keys (no offsets needed)."""
    return _translate(s) if len(s) > 64 else s.translate(_TABLE)


_PAIRS = tuple(sorted(_MAP.items()))
_REPLACED = tuple((c, r) for c, r in _PAIRS if r)
_DELETED_ONE = re.compile("[" + "".join(re.escape(c) for c in sorted(_DELETED)) + "]")
DELETED_RUN = re.compile(_DELETED_ONE.pattern + "+")
"""Runs of the characters normalisation deletes (diacritics, tatweel, bidi marks)."""


def _translate(text: str) -> str:
    # str.translate with a dict is slow on non-ASCII text; a str.replace for each mapped
    # character present (a C scan per table entry) is an order of magnitude faster on news
    # text.  No replacement is itself in the table, so the order does not matter.
    for c, r in _PAIRS:
        if c in text:
            text = text.replace(c, r)
    return text


@lru_cache(maxsize=4)
def fold(text: str) -> tuple[str, tuple[int, ...]]:
    """``normalize(text).text`` and, instead of the full index, the deletions only.

    The second value holds, for each deleted character, the normalised position it was
    deleted before (a run of k deletions gives k equal entries), so original offset =
    ``i + bisect_right(gaps, i)``.  News text deletes few characters, so this map is
    short and the stages that only need offsets now and then use it instead of ``index``.
    The last few results are kept: quantities and dates both fold the same document text.
    """
    gaps = tuple(m.start() - k for k, m in enumerate(_DELETED_ONE.finditer(text)))
    t = _DELETED_ONE.sub("", text) if gaps else text
    for c, r in _REPLACED:
        if c in t:
            t = t.replace(c, r)
    return t, gaps


def normalize(text: str) -> Normalized:
    """Normalise ``text`` keeping a map from each output character to its source.

    Every table entry maps one character to one or to none, so the map is the original
    positions minus the deleted runs: one ``str.translate`` and one regex scan, both in C.
    """
    norm = _translate(text)
    if len(norm) == len(text):
        return Normalized(text, norm, range(len(text)))
    return Normalized(text, norm, _index(text))


def normalize_shared(text: str) -> Normalized:
    """``normalize(text)``, taking the normalised text from ``fold``'s cache.

    The pipeline folds each document in its quantities and dates stages; a later stage that
    needs offsets asks here and gets the map as the deletions only (``GapIndex``).
    """
    norm, gaps = fold(text)
    return Normalized(text, norm, GapIndex(gaps, len(norm)) if gaps else range(len(text)))


def _index(text: str) -> tuple[int, ...]:
    """Original offset of each character that normalisation keeps."""
    index: list[int] = []
    prev = 0
    for m in DELETED_RUN.finditer(text):
        index.extend(range(prev, m.start()))
        prev = m.end()
    index.extend(range(prev, len(text)))
    return tuple(index)


def normalize_slow(text: str) -> Normalized:
    """The same as ``normalize``, character by character: the reference the tests hold it to."""
    out: list[str] = []
    index: list[int] = []
    for i, c in enumerate(text):
        r = _MAP.get(c)
        if r is None:
            out.append(c)
            index.append(i)
        elif r:
            out.append(r)
            index.append(i)
    return Normalized(text, "".join(out), tuple(index))


ARABIC_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("پچژگکی")


def arabic_ratio(text: str) -> float:
    """Share of letters that are Arabic: used to refuse non-Arabic input with a reason."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c in ARABIC_LETTERS) / len(letters)
