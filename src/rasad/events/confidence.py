"""Confidence of an event record: how sure we are that we read it right.

An additive score, documented in README.md, "Events", so a user can see why:

- trigger: a strong verb 0.50, a strong noun 0.45, a weak death-toll word 0.30;
  matched through a letter swap (typo) −0.10
- a sub-type cue confirmed it (قصف + جوي)               +0.05
- actor1 found                                           +0.10
- location read in the clause/sentence                   +0.15; from nearby sentences +0.08;
  the article's dominant place                           +0.03
- date read in the text                                  +0.05
- attribution to a named source (not just the outlet)    +0.05
- each further mention merged in (at most 2 counted)     +0.05
- not asserted (denied, intended, hedged): the reading of the *claim* is what we score,
  so no change; modality is carried separately.
The sum is clipped to [0.05, 0.99].
"""

from __future__ import annotations

_LOC = {"clause": 0.15, "sentence": 0.15, "previous": 0.08, "article": 0.03}


def score(*, pos: str, strength: str, typo: bool, cue: bool, actor1: bool, location_basis: str,
          dated: bool, named_source: bool, mentions: int) -> float:
    s = 0.30 if strength == "weak" else (0.50 if pos == "verb" else 0.45)
    if typo:
        s -= 0.10
    if cue:
        s += 0.05
    if actor1:
        s += 0.10
    s += _LOC.get(location_basis, 0.0)
    if dated:
        s += 0.05
    if named_source:
        s += 0.05
    s += 0.05 * min(2, max(0, mentions - 1))
    return max(0.05, min(0.99, round(s, 4)))
