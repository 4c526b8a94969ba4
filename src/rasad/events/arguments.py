"""Arguments of an event mention: who, against whom, where, when, how many.

Clause-level heuristics in the order a coder reads a sentence:
- actor1: a verbal noun's agent follows it (هجوم تنظيم داعش، استعادة الجيش); a verb's
  subject follows it (قصفت الطائرات) or precedes it after the reporting frame
  (أن الإرهابيين شنوا); a name after على/ضد/بـ is not the actor but the target/means.
- actor2: the first other name after the trigger in its clause (على/ضد targets).
- location: the place right after the trigger in its clause, else before it, else in
  the sentence, else the latest place of the previous sentences of the paragraph, else
  the article's dominant place with its precision lowered.
- date: a time expression in the clause, else the sentence (never the date of the
  briefing in the reporting frame), else the publication date, marked approximate.
- quantities: each number of a sentence goes to the nearest event trigger before it
  (else after it); a number of people killed becomes the fatality count.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from typing import Any

from rasad.events.attribution import MentionIndex, name_of
from rasad.events.dateline import dateline
from rasad.events.lexicon import Lexicon, PhraseSet, load_syntax, norm_phrase
from rasad.events.modality import in_background
from rasad.events.view import View
from rasad.model import Actor, Attribution, Document, EventDate, Mention, Place, Quantity, TimeExpression
from rasad.text.normalize import normalize_str

_SYNTAX = load_syntax()  # resources/events/syntax.yaml: read once, immutable
PREPOSITIONS: frozenset[str] = frozenset(_SYNTAX["prepositions"])
_OBLIQUE_CLITICS: tuple[str, ...] = tuple(_SYNTAX["oblique_clitics"])
_FINE = {"point": 0, "neighbourhood": 1, "town": 2, "district": 3, "admin1": 4, "region": 5, "country": 6,
         "unknown": 7}
_LOWER = {"point": "neighbourhood", "neighbourhood": "town", "town": "district", "district": "admin1",
          "admin1": "admin1", "region": "region", "country": "country", "unknown": "unknown"}
_NOT_ACTORS = frozenset({"media", "monitor"})  # they report events, they do not fight them
STATE_KINDS = ("state", "military", "police", "government", "external")


def actor_of(m: Mention, view: View | None = None, forces: PhraseSet | None = None) -> Actor:
    """The actor a mention names; «قوات الحكومة السورية» (a force noun owned by a government)
    is the state's military, not its government."""
    name = m.normalized or ""
    if view is not None and forces is not None and name.startswith(_GOVERNMENT):
        i = view.tok_at(m.start)
        lo, _ = view.sent_range(view.toks[i].sent)
        if i > lo:
            p = view.match_at(i - 1, forces)
            if p is not None and len(p) > 1:
                start = view.toks[i - 1].start
                return Actor(text=view.doc.text[start:m.end], start=start, end=m.end,
                             normalized="Military Forces of " + name[len(_GOVERNMENT):], kind="state_forces")
    return Actor(text=m.text, start=m.start, end=m.end, normalized=m.normalized, kind=m.kind)


_GOVERNMENT = "Government of "


def _oblique(view: View, mi: MentionIndex, m: Mention) -> bool:
    """Is the mention governed by a preposition (a target or instrument, not an agent)?"""
    i = view.tok_at(m.start)
    tok = view.toks[i]
    if m.start > tok.start:
        pre = view.doc.text[tok.start:m.start]
        if normalize_str(pre) in _OBLIQUE_CLITICS:
            return True
    return i > 0 and view.toks[i - 1].sent == tok.sent and view.toks[i - 1].norm in PREPOSITIONS


def find_actors(view: View, mi: MentionIndex, tok: int, tok_end: int, lo_tok: int,
                exclude: list[tuple[int, int]], civilians_act: bool = False,
                verb: bool = False, doers: Any = None) -> tuple[Mention | None, Mention | None]:
    """(actor1, actor2) mentions for a trigger at tokens [tok, tok_end).

    Civilians are not the actor of violence or of an evacuation (إجلاء سكان تدمر: the
    residents are evacuated), only of protests (``civilians_act``).  With ``verb`` (the
    trigger is a finite verb, not a verbal noun) a name right before it is its subject
    (جيش جنوب السودان هاجم مواقع المتمردين), and a verb that carries its plural subject
    (أحرقوا، شنوا) has an object after it, not an agent.
    """
    _, cb = view.clause_range(tok)
    _, shi = view.sent_range(view.toks[tok].sent)

    def usable(m: Mention | None) -> bool:
        return m is not None and not any(s <= m.start < e for s, e in exclude)

    def agent(m: Mention | None, marked: bool = False) -> bool:
        return usable(m) and m is not None and (civilians_act or m.kind != "civilians") and m.label != "PER" \
            and m.kind not in _NOT_ACTORS and m.start not in mi.media \
            and (m.label != "MISC" or m.normalized is not None) \
            and (marked or not _oblique(view, mi, m))

    actor1: Mention | None = None
    if verb:
        actor1 = _subject_before(view, mi, tok, lo_tok, agent)
    plural_verb = verb and view.toks[tok_end - 1].norm.endswith("وا")
    # agent/subject right after the trigger (genitive of a verbal noun, VSO subject)
    for k in range(tok_end, min(shi, tok_end + 2)):
        if actor1 is not None or plural_verb:
            break
        m = mi.at(k)
        if agent(m):
            actor1 = m
            break
        if view.is_punct(k):
            break
    if actor1 is None:
        actor1 = _marked_agent(view, mi, tok_end, shi, agent_ok=agent)
    if actor1 is None:
        for k in range(tok - 1, lo_tok - 1, -1):
            m = mi.at(k)
            if agent(m) and m is not None and mi.end_tok(m) <= tok:
                # a verbal noun takes a subject before it only through a doing verb (شنت قوات النظام
                # هجوما); «المحافظة التي تعد معاقل الفصائل تعرضت لقصف» names a target, not an agent
                if verb or doers is None or _carried(view, doers, k, mi.end_tok(m), tok):
                    actor1 = m
                break
    actor2: Mention | None = _exposed(view, mi, tok, lo_tok, actor1)
    k = tok_end
    while actor2 is None and k < min(cb, tok_end + 8):
        m = mi.at(k)
        if usable(m) and m is not None and m is not actor1 and m.kind not in _NOT_ACTORS and m.start not in mi.media \
                and m.label != "PER" and not _landmark(view, k, tok_end) \
                and (actor1 is None or name_of(m) != name_of(actor1)):
            actor2 = m
            break
        k += 1
    return actor1, actor2


def _landmark(view: View, k: int, lo: int) -> bool:
    """Is the name at token ``k`` a landmark the event happened by (قرب مقر حلف الناتو،
    بالقرب من سفارة)?  What stands near a blast is where it was, not whom it hit."""
    return any(view.toks[j].norm.lstrip("و") in _NEAR for j in range(max(lo, k - 3), k))


def near_word_before(view: View, start: int) -> bool:
    """Is the place starting at offset ``start`` told as near (قرب مدينة، بالقرب من بلدة)?  The
    near word right before it, or before its من: «قرب مركز تدليك وسط بغداد» is in Baghdad."""
    k = view.tok_at(start)
    lo = view.sent_range(view.toks[k].sent)[0]
    if k - 1 >= lo and view.toks[k - 1].norm.lstrip("و") in _NEAR:
        return True
    return k - 2 >= lo and view.toks[k - 1].norm == "من" and view.toks[k - 2].norm.lstrip("و") in _NEAR


def _exposed(view: View, mi: MentionIndex, tok: int, lo_tok: int, actor1: Mention | None) -> Mention | None:
    """«تعرضت مواقع الجيش لقصف»، «المحافظة تعرضت لهجوم»: the subject of تعرض (was exposed to)
    is the event's target."""
    if tok == 0 or tok - 1 < lo_tok:
        return None

    def ok(m: Mention | None) -> bool:
        return m is not None and m is not actor1 and m.kind not in _NOT_ACTORS and m.start not in mi.media

    if view.toks[tok - 1].norm.lstrip("وف") in _EXPOSED:  # SV: المحافظة تعرضت لقصف
        for k in range(tok - 2, max(lo_tok, tok - 6) - 1, -1):
            if view.is_punct(k):
                return None
            m = mi.at(k)
            if m is not None:
                return m if ok(m) else None
        return None
    for k in range(tok - 1, max(lo_tok, tok - 5), -1):  # VS: تعرضت قوات النظام لهجوم
        m = mi.at(k)
        if m is not None:
            exposed = mi.end_tok(m) == tok and view.toks[k - 1].norm.lstrip("وف") in _EXPOSED
            return m if exposed and ok(m) else None
    return None


def _carried(view: View, doers: Any, k: int, k_end: int, tok: int) -> bool:
    """Does a doing verb link the name at [k, k_end) to the event noun at ``tok`` (شنت قوات النظام
    هجوما، الإرهابيين تمكنوا من التوغل)?  Not when the noun stands in an adjunct phrase
    (قتل جنود … وافقوا على المصالحة، في هجوم): that noun is not the verb's complement."""
    if tok > 0 and view.toks[tok - 1].norm in _ADJUNCT:
        return False
    return view.any_in(max(0, k - 2), tok, doers)


_ADJUNCT: frozenset[str] = frozenset(_SYNTAX["adjunct_words"])
_ALLEGIANCE: frozenset[str] = frozenset(_SYNTAX["allegiance_words"])
_EXPOSED: frozenset[str] = frozenset(_SYNTAX["exposure_verbs"])
ORGANISATION_NOUNS: tuple[str, ...] = tuple(_SYNTAX["organisation_nouns"])
_NEAR: frozenset[str] = frozenset(_SYNTAX["near_words"])
RESPONSIBILITY: frozenset[str] = frozenset(_SYNTAX["responsibility_words"])


def allied_mention(text: str, start: int) -> bool:
    """Is the name at ``start`` named as someone's patron (الموالية لتنظيم القاعدة، المدعومة من
    إيران)?  It is then not the group the article's generic words (عناصرها، المسلحين) stand for."""
    words = normalize_str(text[max(0, start - 40):start]).split()
    words = [w.lstrip("و") for w in words[-2:]]
    return any(w in _ALLEGIANCE for w in words)


def organisation_word(text: str) -> bool:
    """Does a name or a generic word call its group an organisation (تنظيم)?"""
    norm = normalize_str(text)
    return any(w in norm for w in ORGANISATION_NOUNS)


def _subject_before(view: View, mi: MentionIndex, tok: int, lo_tok: int, agent_ok: Any) -> Mention | None:
    """SVO: a name ending right before the verb (after the reporting frame) is its subject."""
    for k in range(tok - 1, max(lo_tok, tok - 6) - 1, -1):
        if view.is_punct(k):
            return None
        m = mi.at(k)
        if m is not None:
            return m if mi.end_tok(m) == tok and agent_ok(m) else None
    return None


_QUOTES = frozenset('"«»“”\'')
_MEMBERS: frozenset[str] = frozenset(_SYNTAX["member_nouns"])
_TARGET_PREPS: frozenset[str] = frozenset(_SYNTAX["target_prepositions"])
_BY: frozenset[str] = frozenset(_SYNTAX["agent_markers"])  # من قبل X، بواسطة X
_DOER_VERBS: tuple[str, ...] = tuple(_SYNTAX["doer_verbs"])  # شنته، نفذتها، أطلقه


def doer_verb(norm: str) -> bool:
    """شنته، تشنه، يشنها، نفذتها: a doing verb, perfect or imperfect, with its object pronoun."""
    w = norm.lstrip("وف")
    return w.startswith(_DOER_VERBS) or (w[:1] in ("ت", "ي") and w[1:].startswith(_DOER_VERBS))


def marked_agent_stop(norm: str) -> bool:
    """A preposition that opens the target phrase: no agent is marked after it."""
    return norm in _TARGET_PREPS


def _marked_agent(view: View, mi: MentionIndex, tok_end: int, hi: int, agent_ok: Any) -> Mention | None:
    """An agent the grammar marks after the trigger: غارات للتحالف، قصف من قبل مقاتلات روسية،
    قصف شنته مقاتلات روسية (ل of the doer, من قبل, a doing verb)."""
    for k in range(tok_end, min(hi, tok_end + 5)):
        if view.is_punct(k) or view.toks[k].norm in _TARGET_PREPS:
            return None  # غارة على مواقع للجيش: past على the ل marks an owner, not the agent
        m = mi.at(k)
        if m is None:
            continue
        tok = view.toks[k]
        j = k - 1
        while j > tok_end and (view.toks[j].text in _QUOTES or view.toks[j].norm in _MEMBERS):
            j -= 1  # كمين نصبه "مسلحو تنظيم الدولة": a quote, the group's men stand between the verb and it
        prev = view.toks[j].norm if j > tok_end - 2 else ""
        lam = m.start > tok.start and view.doc.text[tok.start:m.start] in ("ل", "لل")
        marked = lam or prev in _BY or doer_verb(prev)
        return m if marked and agent_ok(m, marked=True) else None
    return None


def generic_source(a: Attribution | None, generic: PhraseSet) -> bool:
    """Is the source a common noun (مصادر أمنية، مصدر عسكري عراقي، ناشطون), not a named one?"""
    if a is None or a.speaker or not a.source or a.source != a.source_text:
        return False
    words = norm_phrase(a.source)
    return any(words[:len(p)] == p for p in generic.by_first.get(words[0], ())) if words else False


def is_state(kind: str | None) -> bool | None:
    if not kind:
        return None
    k = kind.lower()
    return any(s in k for s in STATE_KINDS)


# ---- places
def _usable_place(p: Place) -> bool:
    """A place we can put on a map: an id, a container, a country, or at least coordinates."""
    return p.geonameid is not None or p.within is not None or (p.precision == "country" and p.country is not None) \
        or (p.lat is not None and p.lon is not None)


def resolve_within(p: Place, doc: Document) -> Place:
    """A neighbourhood known only as "inside X" is reported at X, precision neighbourhood."""
    if p.geonameid is not None or p.within is None:
        return p
    container = next((q for q in doc.places if q.geonameid == p.within), None)
    return replace(
        p, geonameid=p.within, precision="neighbourhood",
        name=p.name or (container.name if container else None),
        country=p.country or (container.country if container else None),
        lat=p.lat if p.lat is not None else (container.lat if container else None),
        lon=p.lon if p.lon is not None else (container.lon if container else None),
        candidates=[],
    )


_SEAT_WORDS: frozenset[str] = frozenset(_SYNTAX["seat_words"])  # headquartered in


def _recalled(view: View, lex: Lexicon, i: int, names: set[int]) -> bool:
    """Is token ``i`` in a stretch that recalls something earlier?  A cue that is itself a
    place name (the town دابوا is spelt like دأبوا, "they used to") recalls nothing."""
    if not in_background(view, lex, i):
        return False
    lo, _ = view.sent_range(view.toks[i].sent)
    cues = view.find(max(lo, view.clause_range(i)[0]), i, lex.mod["background"])
    return not cues or any(k not in names for k, _ in cues)


class Places:
    """Usable places by sentence, plus the article's dominant one."""

    def __init__(self, doc: Document, view: View, mention_spans: list[tuple[int, int]],
                 lex: Lexicon | None = None, actor_spans: list[tuple[int, int]] = ()) -> None:  # type: ignore[assignment]
        self.doc, self.view = doc, view
        inside = sorted(mention_spans)
        media = lex.rep["media"] if lex is not None else None
        line = dateline(doc.text, {w for p in media.phrases for w in p} if media else ())
        if line is not None:
            inside.append(line)  # «أتلانتا، الولايات المتحدة (CNN)--»: where the desk sits
        self.all_places = [p for p in doc.places if line is None or not line[0] <= p.start < line[1]]
        self.places = [p for p in self.all_places if _usable_place(p) and not self._seat(p)
                       and not any((s < p.start and p.end <= e) or (s <= p.start and p.end < e) for s, e in inside)
                       # «جماعة ولاية سيناء»: a place that is the whole of a known group's name is the group
                       and not any(s <= p.start and p.end <= e for s, e in actor_spans)]
        # «بعد يوم من قمة طهران»، «منذ اندلاع الحرب في حلب»: a place in a stretch that recalls
        # something earlier is where that happened, not where this sentence's event did
        names = {view.tok_at(p.start) for p in doc.places}
        self.recalled = {p.start for p in self.places if lex is not None and _recalled(view, lex, view.tok_at(p.start), names)}
        self.by_sent: dict[int, list[Place]] = {}
        for p in self.places:
            self.by_sent.setdefault(view.sent_of(p.start), []).append(p)
        counts: Counter[int] = Counter()
        first: dict[int, Place] = {}
        for p in self.places:
            key = p.geonameid if p.geonameid is not None else p.within
            if key is None or p.precision == "country":
                continue
            counts[key] += 2 if _FINE.get(p.precision, 7) <= 2 else 1
            first.setdefault(key, p)
        self.dominant = first[counts.most_common(1)[0][0]] if counts else None
        by_country = Counter(p.country for p in self.places if p.country)
        self.country: str | None = by_country.most_common(1)[0][0] if by_country else None  # the article's country
        if self.dominant is None:
            countries = [p for p in self.places if p.precision == "country"]
            self.dominant = countries[0] if countries else None

    def _seat(self, p: Place) -> bool:
        """«المرصد السوري، ومقره بريطانيا»: where an organisation sits, not where anything happened;
        «الأحزاب الموالية لإيران»، «المدعومة من إيران»: whose ally it is."""
        i = self.view.tok_at(p.start)
        if not 0 < i < len(self.view):
            return False
        prev = self.view.toks[i - 1].norm.lstrip("و")
        if prev in _SEAT_WORDS:
            return True
        if prev in ("من", "مع") and i > 1:
            prev = self.view.toks[i - 2].norm.lstrip("و")
        return prev in _ALLEGIANCE

    def for_trigger(self, tok: int, tok_end: int, next_trigger_tok: int | None,
                    prev_trigger_tok: int | None, frames: list[tuple[int, int]] = ()) -> tuple[Place | None, str]:  # type: ignore[assignment]
        """Where a trigger's event happened, and how we know (clause … article)."""
        view = self.view
        si = view.toks[tok].sent
        spans = [(view.toks[a].start, view.toks[b - 1].end) for a, b in frames if b > a]
        ps = [p for p in self.by_sent.get(si, []) if not any(s <= p.start < e for s, e in spans)]
        ca, cb = view.clause_range(tok)
        ps = [p for p in ps if p.start not in self.recalled or ca <= view.tok_at(p.start) < cb]
        t_start, t_end = view.toks[tok].start, view.toks[tok_end - 1].end
        lim_after = view.toks[next_trigger_tok].start if next_trigger_tok is not None else None
        lim_before = view.toks[prev_trigger_tok].end if prev_trigger_tok is not None else None
        c_start, c_end = view.toks[ca].start if ca < len(view) else t_start, view.toks[cb - 1].end if cb > ca else t_end
        after = [p for p in ps if t_end <= p.start < c_end + 1 and (lim_after is None or p.start < lim_after)]
        if after:
            return self._finest_near(after, t_end), "clause"
        before = [p for p in ps if c_start <= p.start and p.end <= t_start and (lim_before is None or p.start >= lim_before)]
        if before:
            return self._finest_near(before, t_start), "clause"
        if ps:
            return self._finest_near(ps, t_start), "sentence"
        doc = self.doc
        for sj in range(si - 1, max(-1, si - 7), -1):
            prev = [p for p in self.by_sent.get(sj, []) if p.precision != "country"]
            if prev:
                return self._finest_near(prev, doc.sentences[sj].end), "previous"
        if self.dominant is not None:
            return replace(self.dominant, precision=_LOWER.get(self.dominant.precision, "unknown"),
                           confidence=self.dominant.confidence * 0.5, candidates=[]), "article"
        return None, "none"

    @staticmethod
    def _finest_near(ps: list[Place], at: int) -> Place:
        """The most specific place; among equals the nearest to ``at``.

        A country named beside a town does not win over the town, but two towns in one
        clause are told apart by distance.
        """
        best = min(_FINE.get(p.precision, 7) for p in ps)
        good = [p for p in ps if _FINE.get(p.precision, 7) <= max(best, 2)]
        return min(good, key=lambda p: abs(p.start - at))


# ---- dates
def _iso(d: date) -> str:
    return d.isoformat()


def published_day(doc: Document) -> date | None:
    if not doc.published:
        return None
    try:
        return date.fromisoformat(doc.published[:10])
    except ValueError:
        return None


def date_of(doc: Document, view: View, times_by_sent: dict[int, list[TimeExpression]], tok: int,
            frame_spans: list[tuple[int, int]], prev_tok: int | None = None,
            next_tok: int | None = None) -> tuple[EventDate | None, str]:
    """The event's date: a time in its stretch of the clause, else the sentence, else published.

    The stretch runs from the previous trigger to the next one, so two events of one
    sentence do not swap dates; times inside a reporting frame (the briefing's date)
    are the date of the statement, not of the event.
    """
    si = view.toks[tok].sent
    ts = [t for t in times_by_sent.get(si, []) if (t.value_start or t.value_end)
          and not any(view.toks[a].start <= t.start < (view.toks[b - 1].end if b > a else view.toks[a].end)
                      for a, b in frame_spans)]
    ca, cb = view.clause_range(tok)
    c_start, c_end = view.toks[ca].start, view.toks[cb - 1].end if cb > ca else view.toks[ca].end
    lo_off = view.toks[prev_tok].end if prev_tok is not None else -1
    hi_off = view.toks[next_tok].start if next_tok is not None else len(doc.text) + 1
    in_clause = [t for t in ts if c_start <= t.start < c_end and lo_off <= t.start < hi_off]
    bounded = [t for t in ts if lo_off <= t.start < hi_off]
    pool = in_clause or bounded
    pub = published_day(doc)
    if pool:
        at = view.toks[tok].start
        t = min(pool, key=lambda t: abs(t.start - at))
        start, end = t.value_start, t.value_end
        kind = (t.kind or "").lower()
        if kind == "until" and pub is not None:
            start = _iso(pub)
        if kind == "since" and pub is not None:
            end = _iso(pub)
        precision = t.precision if t.precision in ("day", "range") else "approximate"
        return EventDate(start or end, end or start, precision, t.text), "clause" if in_clause else "sentence"
    if pub is not None:
        return EventDate(_iso(pub), _iso(pub), "approximate", "publication date"), "published"
    return None, "none"


# ---- quantities
def is_fatality(q: Quantity, view: View, lex: Lexicon) -> bool:
    """A count of people killed: a death word before the number or after what it counts."""
    i = view.tok_at(q.start)
    j = view.tok_at(max(q.start, (q.counted_end or q.end)) - 1) + 1
    lo, hi = view.sent_range(view.toks[min(i, len(view) - 1)].sent)
    before = view.find(max(lo, i - 3), i, lex.fatal_before)
    stop = next((k for k in range(j, min(hi, j + 5)) if view.is_punct(k)), min(hi, j + 5))
    after = view.find(j, stop, lex.fatal_after)  # جنديين من القوات الحكومية قتلا
    if q.counted and view.match_at(view.tok_at(q.counted_start or q.start), lex.fatal_after) is not None \
            and q.counted_start is not None:
        after = after or [(j - 1, ("",))]
    if not before and not after:
        return False
    nots_before = view.find(max(lo, i - 3), i, lex.fatal_not)
    nots_after = view.find(j, min(hi, j + 2), lex.fatal_not)
    if before and nots_before and nots_before[-1][0] > before[-1][0]:
        return False
    return not (after and not before and nots_after and nots_after[0][0] < after[0][0])
