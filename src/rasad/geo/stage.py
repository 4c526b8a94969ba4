"""The geo stage: place mentions of an article, each resolved to GeoNames with a precision.

Reading order, as an analyst would:
1. find every gazetteer name (``find.find_hits``) and every neighbourhood list
   (أحياء الشيخ سعيد والشحادين ...), which claims its words before the gazetteer does;
2. gather the article's evidence: the countries and nisbas it names, the places that
   can only be one place;
3. read each name with its neighbours — the cue before it (مدينة، ريف، محافظة، ضواحي),
   the adjective after it (حلب الشرقية، ريف حلب الشمالي), the nisba after it (الموصل
   العراقية), and the words that make it a government (حكومة دمشق), a person (ابن تيمية)
   or a common noun (حماة الديار) — then rank its candidates;
4. attach neighbourhoods to the city the article is about.

Precision choices (documented in README.md, "Places"): ريف X is the governorate when X
names one (admin1), else the district; outskirts and directions (محيط، ضواحي، مشارف،
تخوم، شرق X) are ``point`` with X's id and coordinates, i.e. "at or near X"; X الشرقية
and listed quarters are ``neighbourhood`` with ``within`` = the city.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rasad.geo.context import Words
from rasad.geo.find import Hit, find_hits
from rasad.geo.fuzzy import fuzzy_candidates
from rasad.geo.gazetteer import CORE, WATCHED, Entry, Gazetteer, load
from rasad.geo.quarters import attach_within, neighbourhood_lists, neighbourhood_places
from rasad.geo.resolve import Evidence, evidence, rank, standalone
from rasad.model import Candidate, Document, Mention, Place
from rasad.text.normalize import Normalized, normalize_shared

if TYPE_CHECKING:
    from rasad.pipeline import Resources

WANT = {"town": "T", "admin1": "A1", "district": None, "neighbourhood": "T", "point": None}
CUE_ONLY_MIN_POP = 20_000


def stage(doc: Document, res: Resources) -> None:
    """Fill ``doc.places`` (sorted by start); the gazetteer is loaded once per process."""
    gaz: Gazetteer = res.get("geo", load)
    doc.places = geocode(doc.text, gaz, doc.mentions)


@dataclass
class _Read:
    """One name and what its neighbours say about it."""

    hit: Hit
    span: tuple[int, int]  # normalised span reported (cue + name + adjective)
    cue: str | None = None  # normalised cue key
    cue_span: tuple[int, int] | None = None
    precision: str | None = None  # what the cue/adjective says
    role: str | None = None
    nisba_cc: str | None = None
    after_preposition: bool = False  # في/من/إلى right before: a weak cue
    with_country: bool = False  # joined by و to a country or a nisba


def geocode(text: str, gaz: Gazetteer, mentions: Sequence[Mention] = ()) -> list[Place]:
    """Every place mention of ``text`` (offsets into ``text`` as given)."""
    nt = normalize_shared(text)
    # hashtags (#قطاع_غزة) read as words: same length, so offsets still map back
    nt = Normalized(nt.original, nt.text.replace("_", " ").replace("#", " "), nt.index)
    words = Words.of(nt.text)
    hits = find_hits(gaz, nt.text)
    lex = gaz.lexicon
    lists = neighbourhood_lists(words, lex)
    claimed = [(s, e) for s, e, _ in lists]
    if claimed:
        hits = [h for h in hits if not any(h.start < e and s < h.end for s, e in claimed)]
    places_hits = [h for h in hits if h.form != "nisba"]
    ev = evidence(gaz, [(h.form, _idxs(gaz, h)) for h in places_hits])
    for h in hits:
        if h.form == "nisba":
            ev.countries[gaz.nisba[h.key]] += 0.5
    ev.settle()
    reads = _read_all(hits, words, lex, gaz, mentions, nt)
    places = [p for p in (_resolve(r, gaz, ev, nt) for r in reads) if p is not None]
    places.extend(neighbourhood_places(lists, nt))
    places.extend(_unknown_after_cues(words, lex, gaz, nt, places))
    places.extend(_unmatched_mentions(mentions, gaz, nt, places))
    places.sort(key=lambda p: (p.start, p.end))
    attach_within(places, words, nt)
    return places


def _idxs(gaz: Gazetteer, h: Hit) -> tuple[int, ...]:
    return gaz.keys[h.key] if h.form == "full" else gaz.bare[h.key]


def _read_all(
    hits: list[Hit], words: Words, lex: dict, gaz: Gazetteer, mentions: Sequence[Mention], nt: Normalized
) -> list[_Read]:
    reads: list[_Read] = []
    prev_read: _Read | None = None
    per = [(m.start, m.end) for m in mentions if m.label == "PER"]
    # each name's first and last word, looked up once (the checks below ask for them often)
    firsts = [words.index_at(h.word_start) for h in hits]
    lasts = [words.index_at(h.end - 1) for h in hits]
    for k, h in enumerate(hits):
        if h.form == "nisba":
            continue
        last = lasts[k]
        r = _read(h, words, lex, firsts[k], last)
        nxt = hits[k + 1] if k + 1 < len(hits) else None
        if nxt is not None and nxt.form == "nisba" and words.joined(last + 1) and words.index_at(nxt.start) == last + 1:
            r.nisba_cc = gaz.nisba[nxt.key]
        # ريفي دير الزور والرقة، محافظة أربيل ودهوك: an area cue covers the names joined to it
        if (r.cue is None and prev_read is not None and prev_read.precision == "admin1"
                and nt.text[h.word_start] == "و" and h.prefix_len >= 1 and _adjacent(words, prev_read.hit, h)):
            r.cue, r.precision, r.cue_span = prev_read.cue, prev_read.precision, prev_read.cue_span
        # اليمنية وعمان، عمان واليمن: a name joined to a country or a nationality is a country too
        r.with_country = bool(k and _names_country(gaz, hits[k - 1]) and _follows(words, lasts[k - 1], firsts[k])) or (
            nxt is not None and _names_country(gaz, nxt) and _follows(words, last, firsts[k + 1]))
        if r.role is None and per:
            o_s, o_e = nt.span_to_orig(h.start, h.end)
            if any(s <= o_s and o_e <= e and (e - s) > (o_e - o_s) for s, e in per):
                r.role = "person"
        reads.append(r)
        prev_read = r
    return reads


def _names_country(gaz: Gazetteer, h: Hit) -> bool:
    """A nationality (اليمنية) or a name that can only be a country (السعودية)."""
    if h.form == "nisba":
        return True
    # a fact of the gazetteer, not of the article: worked out once per name
    memo: dict[tuple[str, str], bool] = gaz.cache.setdefault("country_only", {})
    k = (h.key, h.form)
    known = memo.get(k)
    if known is None:
        known = memo[k] = all(gaz.entries[i].kind == "C" for i in _idxs(gaz, h))
    return known


def _bare_readings(gaz: Gazetteer, h: Hit) -> tuple[int, ...]:
    """The entries a name may denote without a cue word before it (see ``standalone``)."""
    memo: dict[tuple[str, str, bool], tuple[int, ...]] = gaz.cache.setdefault("bare_readings", {})
    k = (h.key, h.form, h.prefix_len == 0)  # all that _plausible reads of the hit
    known = memo.get(k)
    if known is None:
        known = memo[k] = tuple(i for i in _idxs(gaz, h) if standalone(gaz.entries[i])
                                and _plausible(h, gaz.entries[i]))
    return known


def _adjacent(words: Words, a: Hit, b: Hit) -> bool:
    return _follows(words, words.index_at(a.end - 1), words.index_at(b.word_start))


def _follows(words: Words, ia: int, ib: int) -> bool:
    """Word ``ib`` comes right after word ``ia`` in the same clause."""
    return ib == ia + 1 and words.joined(ib)


def _read(h: Hit, words: Words, lex: dict, first: int, last: int) -> _Read:
    """``first`` and ``last``: the indexes of the name's first and last word."""
    r = _Read(h, (h.start, h.end))
    bare_word = h.start == h.word_start  # no proclitic before the name
    prev = words.prev(first)
    if prev is not None:
        r.after_preposition = prev in lex["prepositions"] and bare_word
        cue = lex["cue_forms"].get(prev)
        if cue is None and prev == "من" and words.prev(first - 1) in lex["near"]:
            cue = (0, "قرب")  # بالقرب من X: near X
        if cue is not None and bare_word:
            cs = words.spans[first - 1][0] + cue[0]
            r.cue, r.cue_span, r.precision = cue[1], (cs, words.spans[first - 1][1]), lex["cues"][cue[1]]
            r.span = (cs, h.end)
            # مشارف مدينة سرت: the outskirts of the town the second cue names
            before = words.prev(first - 1)
            outer = lex["cue_forms"].get(before) if before is not None and r.precision == "town" else None
            if outer is not None and lex["cues"][outer[1]] == "point":
                r.precision = "point"
        if prev in lex["metonym_forms"] and bare_word:
            r.role = "metonym"
        if prev in lex["person_before"]:
            r.role = "person"
    if (last + 1 < len(words.tokens) and words.tokens[last + 1] in lex["apposition_admin1"]
            and words.comma_before(last + 1)):
        r.precision = "admin1"  # إدلب، المحافظة التي ...: the governorate
    nxt = words.next(last)
    if nxt is not None:
        if nxt in lex["metonym_after"] and bare_word and r.cue is None:
            r.role = "metonym"
        elif nxt in lex["not_place_after"].get(h.key, ()):
            r.role = "common_noun"
        elif r.cue in ("ريف", "ريفي") and nxt in lex["countryside_side"]:
            r.span = (r.span[0], words.spans[last + 1][1])
        elif r.cue is None and nxt in lex["part_of_city"]:
            r.precision = "neighbourhood"
            r.span = (r.span[0], words.spans[last + 1][1])
    return r


def _resolve(r: _Read, gaz: Gazetteer, ev: Evidence, nt: Normalized) -> Place | None:
    h = r.hit
    idxs = _idxs(gaz, h)
    if r.cue is None:
        idxs = _bare_readings(gaz, h)
        written = "ال" + h.key if h.form == "bare" else h.key  # للرقة is الرقة, not رقة "thinness"
        if written in gaz.cue_only:
            # a name that is also a common word: only after a preposition, and only in the region
            idxs = tuple(i for i in idxs if r.after_preposition and gaz.entries[i].country in WATCHED
                         and gaz.entries[i].population >= CUE_ONLY_MIN_POP)
        if not idxs:
            return None
    want = WANT.get(r.precision or "")
    if r.cue in ("ريف", "ريفي"):
        want = "T"  # ريف حمص: the countryside named after the city; precision says governorate
    elif r.with_country and any(gaz.entries[i].kind == "C" for i in idxs):
        want = "C"
    ranked = rank(gaz, idxs, ev, want, r.nisba_cc)
    best, p = ranked[0]
    e = gaz.entries[best]
    o_s, o_e = nt.span_to_orig(*r.span)
    n_s, n_e = nt.span_to_orig(h.start, h.end)
    cue_text = nt.original[slice(*nt.span_to_orig(*r.cue_span))] if r.cue_span else None
    cands = [_candidate(gaz, i, q) for i, q in ranked[:3]]
    place = Place(o_s, o_e, nt.original[o_s:o_e], cue=cue_text, name_start=n_s, name_end=n_e, candidates=cands)
    if r.role is not None:
        place.role = r.role
        place.confidence = 0.1
        return place
    if want == "A1" and e.kind == "T" and e.country not in WATCHED:
        return place  # بولاية يوبي: a state we lack, not the small town abroad that shares its name
    _fill(place, gaz, best)
    place.precision = _precision(r, e, gaz)
    if place.precision == "neighbourhood":
        place.within = e.geonameid
    place.confidence = round(p * _quality(r, e, ev), 4)
    return place


def _plausible(h: Hit, e: Entry) -> bool:
    """Short names abroad are mostly pieces of words (فرار = ف + رار "Harare"): only big places."""
    if e.country in CORE:
        return True
    size = len(h.key) - h.key.count(" ")
    if size <= 3:
        return False
    return h.prefix_len == 0 or size > 4 or e.population >= 1_000_000


def _precision(r: _Read, e: Entry, gaz: Gazetteer) -> str:
    if e.kind == "C":
        return "country"
    if e.kind == "R":
        return "region"
    if e.kind == "A1":
        return "admin1"
    if r.cue in ("ريف", "ريفي"):
        a1 = gaz.admin1.get((e.country, e.admin1))
        named = a1 is not None and (a1 in gaz.keys.get(r.hit.key, ()) or a1 in gaz.bare.get(r.hit.key, ()))
        return "admin1" if named else "district"
    if r.precision in ("admin1", "district"):
        return "district"  # the cue asked for an area but only the town is known: its district
    return r.precision or "town"


def _quality(r: _Read, e: Entry, ev: Evidence) -> float:
    """How much the words and the article back the choice, whatever the competition."""
    q = 0.75
    if r.cue or " " in r.hit.key or e.population >= 20000 or e.kind in ("C", "A1", "R"):
        q = 0.9
    if ev.country_share(e.country) >= 0.3 or r.nisba_cc == e.country:
        q += 0.08
    if r.hit.form == "bare":
        q -= 0.15
    return min(q, 0.98)


def _fill(place: Place, gaz: Gazetteer, i: int) -> None:
    e = gaz.entries[i]
    place.geonameid = e.geonameid
    place.name = e.name
    place.country = e.country
    place.admin1 = _admin1_feature(gaz, i)[0]
    place.lat, place.lon = e.lat, e.lon


_FEATURE = {"T": "P", "A1": "ADM1", "C": "PCLI", "R": "RGN"}


def _candidate(gaz: Gazetteer, i: int, score: float) -> Candidate:
    e = gaz.entries[i]
    return Candidate(e.geonameid, e.name, e.country, e.lat, e.lon, score, *_admin1_feature(gaz, i))


def _admin1_feature(gaz: Gazetteer, i: int) -> tuple[str | None, str | None]:
    """Entry ``i``'s admin1 name and feature code: facts of the entry, looked up once."""
    memo: dict[int, tuple[str | None, str | None]] = gaz.cache.setdefault("candidate", {})
    extra = memo.get(i)
    if extra is None:
        e = gaz.entries[i]
        extra = memo[i] = (e.name if e.kind == "A1" else gaz.admin1_name(e), _FEATURE.get(e.kind))
    return extra


# --- names we cannot find -------------------------------------------------------------


def _unknown_after_cues(words: Words, lex: dict, gaz: Gazetteer, nt: Normalized, places: list[Place]) -> list[Place]:
    """مدينة/بلدة/قرية X with X not in the gazetteer: an unresolved place, with near spellings."""
    out: list[Place] = []
    named = lex["named_cue_forms"]
    found = words.find(named)
    if not found:
        return out
    covered = [(nt.from_orig(p.start), nt.from_orig(p.end)) for p in places]
    heads = lex["name_heads"]
    for i in found:
        c = named.get(words.word(i))
        if c is None or i + 1 >= len(words) or not words.joined(i + 1):
            continue
        j = i + 1
        w = words.word(j)
        if w in lex["stoplist"] or w in lex["list_stop"] or w in lex["not_names"] or w.isdigit() or len(w) < 3:
            continue
        s, e = words.spans[j]
        if w in heads and words.joined(j + 1):
            e = words.spans[j + 1][1]
        if any(s < ce and cs < e for cs, ce in covered):
            continue
        cs = words.spans[i][0] + c[0]
        out.append(_unresolved(gaz, nt, (cs, e), (s, e), "neighbourhood" if c[1] in ("حي",) else "unknown",
                               nt.text[words.spans[i][0] + c[0]:words.spans[i][1]]))
        covered.append((cs, e))
    return out


def _unmatched_mentions(mentions: Sequence[Mention], gaz: Gazetteer, nt: Normalized, places: list[Place]) -> list[Place]:
    """Locations the NER found that the gazetteer did not: unresolved, never guessed."""
    out: list[Place] = []
    for m in mentions:
        if m.label != "LOC" or any(p.start < m.end and m.start < p.end for p in places):
            continue
        s, e = nt.from_orig(m.start), nt.from_orig(m.end)
        if e > s:
            out.append(_unresolved(gaz, nt, (s, e), (s, e), "unknown", None))
    return out


def _unresolved(gaz: Gazetteer, nt: Normalized, span: tuple[int, int], name: tuple[int, int], precision: str,
                cue: str | None) -> Place:
    o_s, o_e = nt.span_to_orig(*span)
    n_s, n_e = nt.span_to_orig(*name)
    cands = [_candidate(gaz, i, q) for i, q in fuzzy_candidates(gaz, nt.text[name[0]:name[1]])]
    cue_text = None
    if cue is not None:
        cue_text = nt.original[o_s:n_s].strip() or None
    return Place(o_s, o_e, nt.original[o_s:o_e], precision=precision, confidence=0.0, candidates=cands,
                 cue=cue_text, name_start=n_s, name_end=n_e)
