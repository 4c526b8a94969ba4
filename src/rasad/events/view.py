"""A token view of the document for the events stage: words, their lookup forms, clauses.

Cue words are matched on tokens, not raw text, so that و/ف/ب/ل/ال and attached pronouns
do not hide them (والطيران، لعملياته).  Each token carries the set of forms it may be
looked up under; a phrase matches at a token when each of its words is among the forms
of consecutive tokens.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache

from rasad.events.lexicon import Phrase, PhraseSet
from rasad.model import Document
from rasad.text.clitics import splits
from rasad.text.segment import tokenize

_PRONOUN_SUFFIXES = ("هما", "هم", "ها", "ه")
CLAUSE_PUNCT = frozenset(",،;؛:-–—")


@dataclass(slots=True)
class Tok:
    """One token; not frozen, because a frozen dataclass costs five times as much to build
    and a view builds one per word of every article.  Treat it as read-only."""

    start: int
    end: int
    text: str
    norm: str
    forms: frozenset[str]
    sent: int


@lru_cache(maxsize=50_000)
def lookup_forms(norm: str) -> frozenset[str]:
    """The word, its clitic-stripped stems, and those stems without a pronoun suffix.

    Two-letter stems are kept only after و/ف (ولم → لم), so short words are not
    misread as a preposition plus a particle.
    """
    out = {norm}
    for n, stem in splits(norm):
        if len(stem) < 3 and norm[:n] not in ("و", "ف"):
            continue  # كان is not ك + ان, بين is not ب + ين
        out.add(stem)
        for suf in _PRONOUN_SUFFIXES:
            if stem.endswith(suf) and len(stem) - len(suf) >= 3:
                out.add(stem[: -len(suf)])
                break
    return frozenset(out)


class View:
    """Tokens of the whole document with their sentence index, searchable by phrase."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        toks: list[Tok] = []
        starts: list[int] = []
        puncts: list[int] = []  # indices of clause punctuation tokens, in order
        sent_first: list[int] = []
        add, add_start, forms_of = toks.append, starts.append, lookup_forms
        for si, s in enumerate(doc.sentences):
            sent_first.append(len(toks))
            for t in s.tokens or tokenize(doc.text, s.start, s.end):
                if t.text in CLAUSE_PUNCT:
                    puncts.append(len(toks))
                add(Tok(t.start, t.end, t.text, t.norm, forms_of(t.norm), si))
                add_start(t.start)
        sent_first.append(len(toks))
        self.sent_first = sent_first
        self.toks = toks
        self.starts = starts
        self.puncts = puncts
        self.sent_starts = [s.start for s in doc.sentences]

    def __len__(self) -> int:
        return len(self.toks)

    def tok_at(self, offset: int) -> int:
        """Index of the token that contains ``offset``, or the next one."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.toks[i].end > offset:
            return i
        return i + 1

    def sent_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, offset) - 1)

    def sent_range(self, si: int) -> tuple[int, int]:
        return self.sent_first[si], self.sent_first[si + 1]

    def is_punct(self, i: int) -> bool:
        return self.toks[i].text in CLAUSE_PUNCT

    def clause_range(self, i: int) -> tuple[int, int]:
        """Token range [a, b) of the clause (between clause punctuation) holding token i."""
        si = self.toks[i].sent
        lo, hi = self.sent_first[si], self.sent_first[si + 1]
        puncts = self.puncts
        k = bisect.bisect_left(puncts, i)  # puncts[k] is the first punctuation at or after i
        a = puncts[k - 1] + 1 if k > 0 else lo
        b = puncts[k] if k < len(puncts) else hi
        return (a if a > lo else lo), (b if b < hi else hi)

    def match_at(self, i: int, ps: PhraseSet, hi: int | None = None) -> Phrase | None:
        """The longest phrase of ``ps`` starting at token i (within [i, hi)).

        Phrases are tried by the token's forms, longest first for each form; most are one
        word, which needs no look at the next tokens.
        """
        toks = self.toks
        if i >= len(toks):
            return None
        forms = toks[i].forms
        if ps.firsts.isdisjoint(forms):
            return None
        room = (len(toks) if hi is None else hi) - i
        by_first = ps.by_first
        for first in forms:
            for p in by_first.get(first, ()):
                n = len(p)
                if n > room:
                    continue
                k = 1
                while k < n and p[k] in toks[i + k].forms:
                    k += 1
                if k == n:
                    return p
        return None

    def find(self, a: int, b: int, ps: PhraseSet) -> list[tuple[int, Phrase]]:
        """Every (token index, phrase) of ``ps`` matching inside tokens [a, b)."""
        out: list[tuple[int, Phrase]] = []
        if not ps:
            return out
        toks, firsts = self.toks, ps.firsts
        for i in range(max(0, a), min(b, len(toks))):
            if firsts.isdisjoint(toks[i].forms):
                continue  # most tokens start no phrase: skip them without a call
            p = self.match_at(i, ps, b)
            if p is not None:
                out.append((i, p))
        return out

    def any_in(self, a: int, b: int, ps: PhraseSet) -> bool:
        if not ps:
            return False
        toks, firsts = self.toks, ps.firsts
        for i in range(max(0, a), min(b, len(toks))):
            if not firsts.isdisjoint(toks[i].forms) and self.match_at(i, ps, b) is not None:
                return True
        return False
