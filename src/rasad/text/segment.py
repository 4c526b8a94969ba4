"""Sentences, clauses and tokens for Arabic news text, all on original offsets.

News sentences end at . ! ? ؟ or a line break; a full stop between digits (8.5) is a
decimal point; a quotation opened after a colon (قائلا: "…") belongs to the sentence
that introduces it, so a full stop inside the quotation does not end the sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import deque
from itertools import accumulate, repeat

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


# The same tokens with the white space between them captured too: ``split`` then hands
# back gap, token, gap, token, ..., so every offset is a running sum of lengths (C speed).
_SPLIT_RE = regex.compile(f"({TOKEN_RE.pattern})", regex.V1)

# The ``regex`` module's Unicode classes are what we want, but its ``split`` takes twice the
# time of the standard library's on Arabic news.  Nearly every article only holds characters
# of the Latin, Arabic and general punctuation blocks; for those texts the same pattern runs
# on ``re`` with each class enumerated, character by character, from ``regex``'s own, so the
# two cannot disagree.  Any other character sends the text to the ``regex`` pattern.
_COMMON = ((0x0000, 0x06FF), (0x2000, 0x206F), (0xFEFF, 0xFEFF))


def common_class(pattern: str, engine: str = "regex") -> str:
    """The characters of the common blocks that ``pattern`` (one character) matches, as the
    inside of a ``re`` character class; ``engine`` says whose meaning of the pattern to take
    (``regex`` V1 or the standard library's ``re``)."""
    rx = regex.compile(pattern, regex.V1) if engine == "regex" else re.compile(pattern)
    ranges: list[tuple[int, int]] = []
    for lo, hi in _COMMON:
        for cp in range(lo, hi + 1):
            if rx.fullmatch(chr(cp)):
                if ranges and ranges[-1][1] == cp - 1:
                    ranges[-1] = (ranges[-1][0], cp)
                else:
                    ranges.append((cp, cp))
    return "".join(re.escape(chr(a)) + ("" if a == b else "-" + re.escape(chr(b))) for a, b in ranges)


_D, _W, _S = (common_class(p) for p in (r"\d", r"[\p{L}\p{M}\u0640]", r"\s"))
_SPLIT_COMMON = re.compile(f"([{_D}]+(?:[.,٫٬][{_D}]+)*%?|[{_W}]+|[^{_S}])")
UNCOMMON = _UNCOMMON = re.compile("[^" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in _COMMON) + "]")
# ``Token`` is a frozen slots dataclass: its generated ``__init__`` sets each field through
# ``object.__setattr__``, a Python-level call per field per word.  Segmentation makes a
# Token for every word of every article, so we create them with ``object.__new__`` and
# fill the slots through their descriptors, both mapped in C over the whole list.
_NEW = object.__new__
_SET_START, _SET_END, _SET_TEXT, _SET_NORM = (Token.__dict__[f].__set__ for f in ("start", "end", "text", "norm"))


def _tokens(text: str, offset: int) -> tuple[list[Token], list[int]]:
    """Tokens of ``text`` (a slice of the document beginning at ``offset``), and their starts."""
    parts = (_SPLIT_RE if _UNCOMMON.search(text) else _SPLIT_COMMON).split(text)
    words = parts[1::2]
    offs = list(accumulate(map(len, parts), initial=offset))
    starts = offs[1::2]
    toks: list[Token] = list(map(_NEW, repeat(Token, len(words))))
    deque(map(_SET_START, toks, starts), maxlen=0)
    deque(map(_SET_END, toks, offs[2::2]), maxlen=0)
    deque(map(_SET_TEXT, toks, words), maxlen=0)
    # one normalisation of all the words at once (no token holds a line break)
    norms = normalize_str("\n".join(words)).split("\n") if words else []
    deque(map(_SET_NORM, toks, norms), maxlen=0)
    return toks, starts


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    return _tokens(text if start == 0 and end == len(text) else text[start:end], start)[0]


_ALNUM = re.compile(r"[^\W_]")  # str.isalnum, character for character (re's \w is isalnum or _)
_SPECIAL = re.compile(r'[\n.!?؟«“"„»”]')


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
    """Split ``text`` into sentences, trimmed of surrounding white space.

    The whole text is tokenised once and each sentence takes its slice of the tokens: no
    token crosses a sentence end (a full stop inside a number is never one) or white space.
    """
    out: list[Sentence] = []
    toks, starts = _tokens(text, 0) if with_tokens else ([], [])
    prev = 0
    for e in _sentence_ends(text):
        s, t = prev, e
        while s < t and text[s].isspace():
            s += 1
        while t > s and text[t - 1].isspace():
            t -= 1
        prev = e
        if t > s and _ALNUM.search(text, s, t):
            chunk = text[s:t]
            quoted = any(q in chunk for q in "«\"“")
            mine = toks[bisect_left(starts, s):bisect_left(starts, t)] if with_tokens else []
            out.append(Sentence(s, t, chunk, mine, quoted))
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
