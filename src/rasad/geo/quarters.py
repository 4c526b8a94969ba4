"""Quarters of a city: «أحياء الشيخ سعيد والشحادين … وقلعة الشريف», «حي جوبر», «الأحياء الشرقية».

Quarters are rarely in any gazetteer, but an analyst still knows where they are: in the
city the sentence names after the list («… في مدينة حمص»), or else the city the article
was just talking about.  Lists are read from their head word and conjunctions, so the
names themselves need not be known; each becomes a place of precision ``neighbourhood``
whose ``within`` (and id and coordinates) is that city.
"""

from __future__ import annotations

from collections import Counter

from rasad.geo.context import Words
from rasad.model import Candidate, Place
from rasad.text.normalize import Normalized

TOWN_LIKE = frozenset({"town", "neighbourhood", "point"})
_HEADS = {"احياء": "أحياء", "حي": "حي", "حيي": "حيي"}  # normalised head of a quarter list -> as written


def neighbourhood_lists(words: Words, lex: dict) -> list[tuple[int, int, str]]:
    """Spans (normalised) of quarters named after أحياء/حي, and of الأحياء الشرقية."""
    out: list[tuple[int, int, str]] = []
    heads = lex["quarter_forms"]
    for i in words.find(heads):
        w = words.word(i)
        c = heads.get(w)
        if c is None:
            continue
        if (c[0] >= 2 and w[c[0] - 2:c[0]] in ("ال", "لل")) or w.endswith("الاحياء"):
            nxt = words.next(i)
            if nxt is not None and nxt in lex["quarters_side"]:
                out.append((words.spans[i][0] + c[0] - 2 if w[c[0] - 2:c[0]] == "ال" else words.spans[i][0],
                            words.spans[i + 1][1], "side"))
            continue
        out.extend((s, e, c[1]) for s, e in _list_items(words, i + 1, lex))
    return out


def _list_items(words: Words, j: int, lex: dict) -> list[tuple[int, int]]:
    """أحياء A B وC ومنطقة D، وصولا إلى E: the names, each one to three words, without the و."""
    items: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    size = 0
    stop, item_cues, cont = lex["list_stop"], lex["list_item_cues"], lex["list_continuation"]
    n = len(words)
    while j < n and size <= 3:
        w = words.word(j)
        ws = words.spans[j][0]
        gap = words.gap(j) if j > 0 else ""
        new_item = False
        if gap.strip() and ("," not in gap or any(ch in gap for ch in ".!?\n;:")):
            break
        two = f"{w} {words.word(j + 1)}" if j + 1 < n else w
        if (start is not None or items) and (two in cont or w in cont):
            j += 2 if two in cont else 1
            if start is not None:
                items.append((start, end))
                start, size = None, 0
            continue
        if gap.strip() and not w.startswith("و"):
            break
        if w.startswith("و") and len(w) > 3 and (start is not None or items):
            new_item = True
            w, ws = w[1:], ws + 1
        if new_item and start is not None:
            items.append((start, end))
            start, size = None, 0
        if start is None and w in item_cues:
            j += 1
            continue
        if w in stop or w.isdigit():
            break
        if start is None:
            start = ws
        end = words.spans[j][1]
        size += 1
        j += 1
    if start is not None and size <= 3:
        items.append((start, end))
    return [(s, e) for s, e in items if e - s >= 2]


def neighbourhood_places(lists: list[tuple[int, int, str]], nt: Normalized) -> list[Place]:
    out = []
    for s, e, kind in lists:
        o_s, o_e = nt.span_to_orig(s, e)
        out.append(Place(o_s, o_e, nt.original[o_s:o_e], precision="neighbourhood",
                         cue=_HEADS.get(kind), name_start=o_s, name_end=o_e))
    return out


def attach_within(places: list[Place], words: Words, nt: Normalized) -> None:
    """Quarters without their own entry belong to the city the article is about there."""
    towns = [p for p in places if p.geonameid is not None and p.role is None and p.precision in TOWN_LIKE
             and p.country is not None and p.lat is not None]
    counts = Counter(p.geonameid for p in towns)
    for p in places:
        if p.precision != "neighbourhood" or p.geonameid is not None or p.role is not None:
            continue
        city, conf = _city_for(p, towns, counts, words, nt)
        if city is None:
            p.confidence = 0.2
            continue
        p.geonameid, p.within, p.name, p.country = city.geonameid, city.geonameid, city.name, city.country
        p.admin1, p.lat, p.lon, p.confidence = city.admin1, city.lat, city.lon, conf
        p.candidates = [Candidate(city.geonameid, city.name or "", city.country, city.lat, city.lon, conf,
                                  city.admin1, "P")]


def _city_for(p: Place, towns: list[Place], counts: Counter[int | None], words: Words,
              nt: Normalized) -> tuple[Place | None, float]:
    s_n = nt.from_orig(p.start)
    _, sent_e = words.sentence_of(s_n)
    sent_end_o = nt.to_orig(sent_e)
    after = [t for t in towns if t.start >= p.end and t.start < sent_end_o and t.start - p.end <= 40]
    if after:
        return after[0], 0.75
    before = [t for t in towns if t.end <= p.start]
    if before:
        return before[-1], 0.65
    if counts:
        gid = counts.most_common(1)[0][0]
        return next(t for t in towns if t.geonameid == gid), 0.45
    return None, 0.0
