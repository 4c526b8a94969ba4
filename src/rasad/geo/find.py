"""Finding gazetteer names in normalised text: one Aho-Corasick pass, then word checks.

The automaton reports every key occurrence, including ones inside other words (أن in
أنقرة).  We keep an occurrence only when it ends a word and what precedes it in the word
is a run of proclitics (و ف ب ل ك, the article) that the key's form allows: a name with
the article takes و/ب/ف/ك before it (والرقة، بالموصل); its bare form (موصل) needs the
article or the ل+ل contraction in front (للموصل); a name without the article takes the
prepositions and conjunctions (بحلب، وحلب، لحلب).  Overlaps go to the longest name, so
دير الزور wins over دير and الزور.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasad.geo.gazetteer import Gazetteer

_CONJ_PREP = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك")
PREFIX_PLAIN = frozenset(_CONJ_PREP)
PREFIX_ARTICLE = frozenset({p + "ال" for p in _CONJ_PREP if not p.endswith("ل")} | {"لل", "ولل", "فلل"})


@dataclass(frozen=True, slots=True)
class Hit:
    """A name found in the normalised text: ``[start, end)`` is the name, ``word_start`` its word."""

    word_start: int
    start: int
    end: int
    key: str
    form: str  # "full" | "bare" | "nisba"

    @property
    def prefix_len(self) -> int:
        return self.start - self.word_start


def find_hits(gaz: Gazetteer, text: str) -> list[Hit]:
    """Non-overlapping name occurrences in normalised ``text``, in text order."""
    # candidates as plain tuples that sort the way we choose: longest first; at equal length
    # a full name beats a bare one and a place beats a nisba; then text order.  Only the
    # names kept become ``Hit`` objects.
    found: list[tuple[int, int, int, int, int, str, str]] = []
    n = len(text)
    for end_idx, (key, size, full, bare, nisba) in gaz.automaton.iter(text):
        end = end_idx + 1
        if end < n and text[end].isalpha():
            continue
        start = end - size
        ws = start
        while ws > 0 and start - ws <= 4 and text[ws - 1].isalpha():
            ws -= 1
        if ws > 0 and text[ws - 1].isalpha():
            continue  # more than four letters before the name: inside another word
        prefix = text[ws:start]
        # which reading of prefix + key is licensed, best first (the key's readings come with it)
        if full and prefix in PREFIX_PLAIN:
            found.append((-size, 0, start, ws, end, key, "full"))
        elif bare and prefix in PREFIX_ARTICLE:
            found.append((-size, 1, start, ws, end, key, "bare"))
        elif nisba and (prefix in PREFIX_PLAIN or prefix in PREFIX_ARTICLE):
            found.append((-size, 2, start, ws, end, key, "nisba"))
    found.sort()
    taken: list[Hit] = []
    occupied = bytearray(n)
    for _, _, start, ws, end, key, form in found:
        if any(occupied[ws:end]):
            continue
        taken.append(Hit(ws, start, end, key, form))
        occupied[ws:end] = b"\x01" * (end - ws)
    taken.sort(key=lambda h: h.start)
    return taken
