"""Choosing among the places a name may denote, the way an analyst would.

An analyst reading الرقة in an article about Syria does not consider the village in the
UAE: the countries the article names (and its nisbas: الموصل العراقية), the other places
around (a town 40 km from Palmyra beats a namesake 3,000 km away), the cue word (محافظة
asks for a governorate, مدينة for a town) and, last, how big each candidate is.  Scores
are additive and small so each piece of evidence can be read off; confidence is the
chosen candidate's share, damped when the evidence is thin.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from rasad.geo.gazetteer import CORE, WATCHED, Entry, Gazetteer

TEMPERATURE = 4.0
STANDALONE_POP = 100_000


def standalone(e: Entry) -> bool:
    """May this entry be read from a bare name, without مدينة/بلدة/قرية before it?

    Outside the region, only cities everyone writes about: small places abroad carry
    Arabic names that are everyday words (Calais = كاله، Tula = ولا).
    """
    if e.kind == "C" or e.country in CORE:
        return True
    if e.kind != "T":
        return e.country in WATCHED  # a division abroad (Nelson, Berat) needs ولاية/محافظة before it
    return e.population >= (STANDALONE_POP // 2 if e.country in WATCHED else STANDALONE_POP)


@dataclass(slots=True)
class Evidence:
    """What the whole article says about where it is."""

    countries: defaultdict[str, float]  # ISO2 -> weight of the article's mentions of it
    anchors: list[tuple[float, float, int]]  # unambiguous places: lat, lon, entry index
    total: float | None = None  # sum of ``countries`` once the article is read (set by ``settle``)
    # rankings already made for this article: a name repeated in it is ranked once
    ranked: dict[tuple[tuple[int, ...], str | None, str | None], list[tuple[int, float]]] = field(
        default_factory=dict)

    def settle(self) -> None:
        """No more evidence will come: the shares' denominator is summed once, not on every call."""
        self.total = sum(self.countries.values())

    def country_share(self, cc: str) -> float:
        total = self.total if self.total is not None else sum(self.countries.values())
        return self.countries[cc] / total if total else 0.0


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Equirectangular distance: within 1% of the great circle at the few hundred km we score."""
    dx = (lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    return 111.195 * math.hypot(lat2 - lat1, dx)


def nearest_anchor_km(e: Entry, ev: Evidence, exclude: frozenset[int]) -> float | None:
    """Distance to the nearest other place of the article (not one this very name may denote)."""
    if e.lat is None or e.lon is None:
        return None
    best: float | None = None
    lat1, lon1 = e.lat, e.lon
    cos, radians, hypot = math.cos, math.radians, math.hypot
    for lat, lon, j in ev.anchors:
        if j in exclude:
            continue
        d = 111.195 * hypot(lat - lat1, (lon - lon1) * cos(radians((lat1 + lat) / 2)))  # km(), inlined
        if best is None or d < best:
            best = d
    return best


def prior(e: Entry) -> float:
    """What we would guess knowing nothing about the article."""
    if e.kind == "T":
        return math.log10(e.population + 10) / 7.0 + (0.3 if e.capital else 0.0)
    return {"C": 0.95, "A1": 0.35, "R": 0.7}.get(e.kind, 0.3)


def score(e: Entry, exclude: frozenset[int], ev: Evidence, want: str | None, nisba_cc: str | None) -> float:
    """Additive evidence for one candidate; ``want`` is the kind the cue word asks for."""
    s = prior(e)
    if e.country in WATCHED:
        s += 0.25  # countries too: الجزائر is Algeria before it is Algiers
    s += 0.6 * ev.country_share(e.country)
    if nisba_cc is not None:
        s += 1.0 if nisba_cc == e.country else -0.5
    d = nearest_anchor_km(e, ev, exclude)
    if d is not None:
        s += 0.5 if d < 60 else 0.35 if d < 150 else 0.2 if d < 400 else 0.0
    if want is not None:
        s += 0.6 if e.kind == want else -0.1
    return s


def rank(
    gaz: Gazetteer, idxs: tuple[int, ...], ev: Evidence, want: str | None = None, nisba_cc: str | None = None
) -> list[tuple[int, float]]:
    """Candidates with their probability, best first (callers must not change the list)."""
    exclude = frozenset(idxs)
    if len(exclude) == 1:
        return [(idxs[0], 1.0)]  # nothing to choose between
    if ev.total is None:  # evidence still coming in: nothing to reuse
        return _rank(gaz, exclude, ev, want, nisba_cc)
    k = (idxs, want, nisba_cc)
    known = ev.ranked.get(k)
    if known is None:
        known = ev.ranked[k] = _rank(gaz, exclude, ev, want, nisba_cc)
    return known


def _rank(
    gaz: Gazetteer, exclude: frozenset[int], ev: Evidence, want: str | None, nisba_cc: str | None
) -> list[tuple[int, float]]:
    raw = [(i, score(gaz.entries[i], exclude, ev, want, nisba_cc)) for i in exclude]
    top = max(s for _, s in raw)
    exps = [(i, math.exp(TEMPERATURE * (s - top))) for i, s in raw]
    total = sum(x for _, x in exps)
    out = [(i, x / total) for i, x in exps]
    out.sort(key=lambda t: (-t[1], gaz.entries[t[0]].geonameid or 0))
    return out


def evidence(gaz: Gazetteer, hits_entries: list[tuple[str, tuple[int, ...]]]) -> Evidence:
    """Countries and unambiguous places of the article, from (form, candidate entries) pairs."""
    countries: defaultdict[str, float] = defaultdict(float)
    anchors: list[tuple[float, float, int]] = []
    memo: dict[tuple[int, ...], tuple[str, float, tuple[float, float, int] | None] | None] = gaz.cache.setdefault(
        "evidence", {})
    for form, idxs in hits_entries:
        if form == "nisba":
            continue
        if idxs in memo:
            said = memo[idxs]
        else:
            said = memo[idxs] = _says(gaz, idxs)
        if said is not None:
            cc, weight, anchor = said
            countries[cc] += weight
            if anchor is not None:
                anchors.append(anchor)
    return Evidence(countries, anchors)


def _says(gaz: Gazetteer, idxs: tuple[int, ...]) -> tuple[str, float, tuple[float, float, int] | None] | None:
    """What a name with these candidates says of the article, whatever the article: its one
    country with a weight, and the place itself when it is the only town or region it may be."""
    entries = [gaz.entries[i] for i in dict.fromkeys(idxs)]
    ccs = {e.country for e in entries}
    if len(ccs) != 1:
        return None
    e0 = entries[0]
    anchor = None
    towns = [i for i in dict.fromkeys(idxs) if gaz.entries[i].kind in ("T", "R")]
    if len(towns) == 1:
        t = gaz.entries[towns[0]]
        if t.lat is not None and t.lon is not None:
            anchor = (t.lat, t.lon, towns[0])
    return e0.country, 1.0 if e0.kind == "C" else 0.5, anchor
