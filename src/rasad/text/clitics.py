"""Light proclitic splitting for dictionary lookups.

Arabic writes conjunctions, prepositions and the article onto the word (وبحلب، للإرهابيين،
بالوجبات).  Lookups need the bare word, but a full morphological analyser is slow and
usually GPL; the set of proclitics is small and closed, so we enumerate the splits and
let the dictionary decide which one is a word.  Every split keeps the number of
characters removed, so the caller can map the stem back to the original text.
"""

from __future__ import annotations

from functools import lru_cache

# Proclitic sequences in the normalised script (alef forms unified), longest first.
# "لل" is ل + ال with the article's alef elided (للإرهابيين = ل + الإرهابيين).
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")
_ART = "ال"


def _prefixes() -> list[tuple[str, bool]]:
    """(prefix, carries_article) pairs, longest first."""
    out: set[tuple[str, bool]] = set()
    for c in ("", *_CONJ):
        for p in ("", *_PREP):
            out.add((c + p, False))
            if p == "ل":
                out.add((c + "لل", True))
            else:
                out.add((c + p + _ART, True))
    out.discard(("", False))
    return sorted(out, key=lambda x: -len(x[0]))


PREFIXES: tuple[tuple[str, bool], ...] = tuple(_prefixes())


@lru_cache(maxsize=65536)
def splits(word: str, min_stem: int = 2) -> tuple[tuple[int, str], ...]:
    """All readings of a normalised word as proclitics + stem.

    Returns ``(chars_removed, stem)`` pairs, the unsplit word first.  When the article is
    among the clitics, the stem is offered both bare and with ``ال`` restored, because
    dictionaries list names both ways (الرقة but حلب).
    """
    out: list[tuple[int, str]] = [(0, word)]
    seen = {word}
    for prefix, has_article in PREFIXES:
        if not word.startswith(prefix) or len(word) - len(prefix) < min_stem:
            continue
        stem = word[len(prefix):]
        n = len(prefix)
        cands = [(n, stem)]
        if has_article:
            # where the article starts in the original: before "ال", or at the second lam of "لل"
            art_at = n - 1 if prefix.endswith("لل") else n - 2
            cands.append((art_at, _ART + stem))
        for c in cands:
            if c[1] not in seen:
                seen.add(c[1])
                out.append(c)
    return tuple(out)


def strip_article(word: str) -> str:
    return word[2:] if word.startswith(_ART) and len(word) > 3 else word
