"""Words around a name: the cue before it, the adjective after it, the sentence it sits in.

Everything here works on the normalised text (the same form the lexicon is written in
after loading) and on word indexes, so the resolver can ask "what is the word before
this name, inside the same clause?" without re-tokenising.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from rasad.text.segment import UNCOMMON, common_class

_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*")
_SENT_END = re.compile(r"[.!?\n]")
# The same patterns with a capture group: ``split`` hands back gap, match, gap, match, ...,
# so every offset is a running sum of lengths, computed in C instead of one Match per word.
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# ... and, for a text of the common blocks only (nearly all news), the same classes spelled
# out character by character: the negated class ``[^\W\d_]`` is the slow part of the scan.
_L, _D = common_class(r"[^\W\d_]", "re"), common_class(r"\d", "re")
_WORD_SPLIT_COMMON = re.compile(f"([{_L}]+|[{_D}]+(?:[.,][{_D}]+)*)")
_SENT_SPLIT = re.compile(f"({_SENT_END.pattern})")
_SOFT_GAP = " \t\"'()[]"
CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
ARTICLE_CLITICS = (*CLITICS, "ال", "وال", "بال", "فال", "لل", "ولل")


@dataclass
class Words:
    """Word spans of a normalised text with lookups by offset."""

    text: str
    spans: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    sent_ends: list[int] | None = None  # offsets just past each sentence end; found on first use

    tokens: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> Words:
        parts = (_WORD_SPLIT if UNCOMMON.search(text) else _WORD_SPLIT_COMMON).split(text)
        offs = list(accumulate(map(len, parts), initial=0))
        starts = offs[1:-1:2]
        return cls(text, list(zip(starts, offs[2::2], strict=True)), starts, None, parts[1::2])

    def find(self, forms: Collection[str]) -> list[int]:
        """Indexes of the words that are in ``forms``."""
        if forms and not set(self.tokens).isdisjoint(forms):
            return [i for i, w in enumerate(self.tokens) if w in forms]
        return []

    def __len__(self) -> int:
        return len(self.spans)

    def index_at(self, pos: int) -> int:
        """Index of the word containing or starting after ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        if i < 0 or self.spans[i][1] <= pos:
            return i + 1
        return i

    def word(self, i: int) -> str:
        return self.tokens[i]

    def gap(self, i: int) -> str:
        """What separates word ``i - 1`` from word ``i`` (spaces, punctuation)."""
        return self.text[self.spans[i - 1][1]:self.spans[i][0]]

    def joined(self, i: int) -> bool:
        """Word ``i`` follows word ``i - 1`` in the same clause: only spaces, quotes or brackets between
        (محافظة "صعدة"، مدينة (جازان))."""
        if 0 < i < len(self.spans):
            return not self.text[self.spans[i - 1][1]:self.spans[i][0]].strip(_SOFT_GAP)  # gap(i)
        return False

    def comma_before(self, i: int) -> bool:
        """Word ``i`` follows word ``i - 1`` after a comma (apposition: إدلب، المحافظة التي ...)."""
        return 0 < i < len(self.spans) and self.gap(i).strip(_SOFT_GAP) == ","

    def prev(self, i: int) -> str | None:
        return self.tokens[i - 1] if self.joined(i) else None

    def next(self, i: int) -> str | None:
        return self.tokens[i + 1] if self.joined(i + 1) else None

    def sentence_of(self, pos: int) -> tuple[int, int]:
        if self.sent_ends is None:
            # a sentence end is one character: it ends where the next gap starts
            self.sent_ends = list(accumulate(map(len, _SENT_SPLIT.split(self.text))))[1:-1:2]
        ends = self.sent_ends
        k = bisect.bisect_right(ends, pos)
        start = ends[k - 1] if k > 0 else 0
        end = ends[k] if k < len(ends) else len(self.text)
        return start, end


def clitic_forms(vocab: Iterable[str], article: bool = False) -> dict[str, tuple[int, str]]:
    """Every written form of ``vocab`` words with their proclitics: ``form -> (chars removed, word)``.

    Built once with the lexicon, so reading a word's cue is one dictionary lookup
    (بريف → (1, ريف)) instead of trying each proclitic on every word of every article.
    Cue words are nouns in construct (مدينة حلب), which never take the article, so the
    article forms are only added when asked for (الأحياء الشرقية).
    """
    out: dict[str, tuple[int, str]] = {}
    for p in reversed(ARTICLE_CLITICS if article else CLITICS):  # shortest prefix wins on a clash
        for w in vocab:
            out[p + w] = (len(p), w)
    return out
