"""What the full-text index sees, and how a query and a snippet are made from it.

Arabic glues conjunctions, prepositions and the article onto words (وبتدمر، بالرقة), so a
plain token index would miss ``تدمر`` in ``بتدمر``.  Both engines therefore index the same
derived text: every normalised word followed by its clitic-stripped stems.  A query is
normalised the same way and matches if every query word is among the indexed tokens.
The snippet is cut from the original text through the normaliser's offset map, so it shows
the words as written.
"""

from __future__ import annotations

import re

from rasad.text.clitics import splits
from rasad.text.normalize import normalize, normalize_str

_WORD = re.compile(r"\w+")
_ARABIC = re.compile(r"[\u0621-\u064a]")


def words(text: str) -> list[str]:
    """Normalised, lower-cased word tokens."""
    return _WORD.findall(normalize_str(text).lower())


def index_text(text: str) -> str:
    """The token stream indexed for ``text``: each word, then its clitic-stripped readings."""
    out: list[str] = []
    for w in words(text):
        out.append(w)
        if len(w) > 3 and _ARABIC.match(w):
            out.extend(stem for _n, stem in splits(w)[1:])
    return " ".join(out)


def query_words(q: str) -> list[str]:
    """Query words, deduplicated in order; empty when the query has no word at all."""
    seen: dict[str, None] = {}
    for w in words(q):
        seen.setdefault(w, None)
    return list(seen)


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: every term, each quoted (terms are \\w+ so need no escaping)."""
    return " ".join(f'"{t}"' for t in terms)


def snippet(text: str, terms: list[str], width: int = 80) -> str:
    """A window of the original text around the first place a query word occurs."""
    norm = normalize(text)
    low = norm.text.lower()
    best: tuple[int, int] | None = None
    for t in terms:
        i = low.find(t)
        if i >= 0 and (best is None or i < best[0]):
            best = (i, i + len(t))
    if best is None:
        return text[: 2 * width].strip() + ("…" if len(text) > 2 * width else "")
    s, e = norm.span_to_orig(*best)
    a, b = max(0, s - width), min(len(text), e + width)
    return ("…" if a > 0 else "") + " ".join(text[a:b].split()) + ("…" if b < len(text) else "")
