"""Sentences, clauses and tokens for Arabic news text, all on original offsets.

News sentences end at . ! ? ؟ or a line break; a full stop between digits (8.5) is a
decimal point; a quotation opened after a colon (قائلا: "…") belongs to the sentence
that introduces it, so a full stop inside the quotation does not end the sentence.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from rasad.model import Sentence, Span, Token
from rasad.text.normalize import normalize_str

# A number: digits (any script) with thousands/decimal separators between digits.
_NUMBER = r"\d+(?:[.,٫٬]\d+)*"
_WORD = r"[\p{L}\p{M}\u0640]+"
TOKEN_RE = regex.compile(rf"{_NUMBER}%?|{_WORD}|[^\s]", regex.V1)

_END = frozenset(".!?؟")
_OPEN_QUOTES = {"«": "»", "“": "”", '"': '"', "„": "“"}
_CLAUSE_SEP = regex.compile(r"[،,؛;:]|\s[–—-]\s")


@lru_cache(maxsize=200_000)
def _norm(word: str) -> str:
    return normalize_str(word)


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), w, _norm(w))
        for m in TOKEN_RE.finditer(text, start, end)
        for w in (m.group(),)
    ]


_SPECIAL = regex.compile(r'[\n.!?؟«“"„»”]')


def _sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence end (only the characters that matter are visited)."""
    ends: list[int] = []
    n = len(text)
    quote_close: str | None = None
    i = 0
    while i < n:
        m = _SPECIAL.search(text, i)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c == "\n":
            quote_close = None
            ends.append(i)
            i += 1
            continue
        if quote_close is not None:
            if c == quote_close:
                quote_close = None
                # a closing quote right after a full stop ends the sentence there
                j = i - 1
                while j >= 0 and text[j] == " ":
                    j -= 1
                if j >= 0 and text[j] in _END:
                    ends.append(i + 1)
            i += 1
            continue
        if c in _OPEN_QUOTES:
            quote_close = _OPEN_QUOTES[c]
            i += 1
            continue
        if c in _END:
            if c == "." and 0 < i < n - 1 and text[i - 1].isdigit() and text[i + 1].isdigit():
                i += 1
                continue
            j = i + 1
            while j < n and text[j] in _END:
                j += 1
            ends.append(j)
            i = j
            continue
        i += 1
    ends.append(n)
    return ends


def sentences(text: str, with_tokens: bool = True) -> list[Sentence]:
    """Split ``text`` into sentences, trimmed of surrounding white space."""
    out: list[Sentence] = []
    prev = 0
    for e in _sentence_ends(text):
        s, t = prev, e
        while s < t and text[s].isspace():
            s += 1
        while t > s and text[t - 1].isspace():
            t -= 1
        prev = e
        if t > s and any(ch.isalnum() for ch in text[s:t]):
            chunk = text[s:t]
            quoted = any(q in chunk for q in "«\"“")
            out.append(Sentence(s, t, chunk, tokenize(text, s, t) if with_tokens else [], quoted))
    return out


def clauses(text: str, start: int, end: int) -> list[Span]:
    """Clauses of ``text[start:end]``: cut at commas, semicolons, colons and dashes."""
    out: list[Span] = []
    prev = start
    for m in _CLAUSE_SEP.finditer(text, start, end):
        if m.start() > prev:
            out.append(Span(prev, m.start(), text[prev:m.start()]))
        prev = m.end()
    if end > prev:
        out.append(Span(prev, end, text[prev:end]))
    return [c for c in out if c.text.strip()]
