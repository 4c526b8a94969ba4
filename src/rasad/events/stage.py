"""Pipeline stage: events — who did what to whom, where, when, how many, according to whom.

Runs last: it reads the sentences, quantities, times, mentions and places the other
stages filled, finds event triggers in one regex pass, reads each trigger's modality,
arguments and attribution, folds the mentions of one event into one record and scores
its confidence.  Every value keeps the offsets of the words it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta
from functools import cache
from typing import Any

from rasad.events.arguments import (
    PREPOSITIONS,
    RESPONSIBILITY,
    Places,
    actor_of,
    allied_mention,
    date_of,
    doer_verb,
    find_actors,
    generic_source,
    is_fatality,
    is_state,
    marked_agent_stop,
    near_word_before,
    organisation_word,
    published_day,
    resolve_within,
)
from rasad.events.attribution import Attributor, MentionIndex
from rasad.events.confidence import score
from rasad.events.lexicon import Lexicon, PhraseSet, firsts_of, load_lexicon, norm_phrase
from rasad.events.merging import SPECIFIC, Record, definite, fold_same_actor, merge
from rasad.events.modality import ASSERTED, BACKGROUND, in_background, modality_of
from rasad.events.triggers import Hit, find_hits
from rasad.events.view import View
from rasad.model import Actor, Attribution, Document, Event, EventDate, Mention, Place, Quantity, Span, TimeExpression
from rasad.text.normalize import normalize_shared
from rasad.text.segment import sentences

RESOURCE_KEY = "events.lexicon"
VIOLENT = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians", "riots"})
UNIDENTIFIED = "Unidentified armed group"



def stage(doc: Document, res: Any) -> None:
    lex: Lexicon = res.get(RESOURCE_KEY, load_lexicon)
    doc.events = extract_events(doc, lex, lambda sents: _generic_mentions(doc, res, sents))


def _generic_mentions(doc: Document, res: Any, sents: list[int]) -> list[Mention]:
    """Generic references (المسلحين، الإرهابيين) in sentences ``sents``, resolved by the NER
    actor dictionary against the named actors of the whole article."""
    try:
        from rasad.ner.actors import ActorMention
        from rasad.ner.stage import load as ner_load
    except ImportError:
        return []
    ner = res.get("ner", ner_load)
    actors = getattr(ner, "actors", None)
    if actors is None or not sents:
        return []
    part = Document(id=doc.id, text=doc.text, sentences=[doc.sentences[i] for i in sents])
    generic = [m for m in actors.find(part) if m.generic is not None]
    named_ms = [ActorMention(m.start, m.end, m.text, m.label, actors.get(m.actor_id))
                for m in doc.mentions if m.actor_id and actors.get(m.actor_id) is not None]
    # «حركة الشباب الموالية لتنظيم القاعدة»: a patron is not what عناصرها stands for, unless no one else is named
    own = [m for m in named_ms if not allied_mention(doc.text, m.start)]
    named_ms = own if any(m.actor is not None and m.actor.kind not in ("media", "monitor") for m in own) else named_ms
    found = sorted([*named_ms, *generic], key=lambda m: m.start)
    named = [(m.start, m.end) for m in doc.mentions]
    out: list[Mention] = []
    country = cache(lambda: actors.doc_country(doc, found))  # one vote per article, asked per civilian word
    for m in found:
        if m.generic is None or any(s < m.end and m.start < e for s, e in named):
            continue
        entry = actors.resolve_generic(doc, m.start, found, country)
        org = _organisation(named_ms, m) if organisation_word(m.text) else None
        if org is not None:
            entry = org  # «التنظيم»: the organisation named so (تنظيم الدولة، تنظيم القاعدة), not any armed group
        if entry is not None:
            out.append(Mention(m.start, m.end, m.text, "ORG", entry.name, entry.kind, entry.id, 0.6, "generic"))
        elif m.generic == "armed":
            out.append(Mention(m.start, m.end, m.text, "ORG", UNIDENTIFIED, None, None, 0.4, "generic"))
    return out


def _organisation(named: list[Any], m: Any) -> Any:
    """The actor last named as a تنظيم (organisation) before the generic mention ``m``."""
    before = [n for n in named if n.start < m.start and n.actor is not None and organisation_word(n.text)]
    return before[-1].actor if before else None


def extract_events(doc: Document, lex: Lexicon,
                   generic: Callable[[list[int]], list[Mention]] | None = None) -> list[Event]:
    """Events of ``doc``; ``generic`` resolves generic actor words in the given sentences."""
    if not doc.sentences:
        doc.sentences = sentences(doc.text)
    view = View(doc)
    if not len(view):
        return []
    name_spans = [(m.start, m.end) for m in doc.mentions if m.label in ("ORG", "PER")]
    hits = [h for h in find_hits(normalize_shared(doc.text), view, lex)
            if not any(s <= h.start and h.end <= e for s, e in name_spans)]
    extra = generic(sorted({view.toks[h.tok].sent for h in hits})) if generic and hits else []
    mentions = sorted([*doc.mentions, *extra], key=lambda m: (m.start, m.end))
    media = lex.rep["media"]
    mi = MentionIndex(mentions, view)
    mi.media = {m.start for m in mentions if _is_media(m, view, media)}
    attr = Attributor(view, mi, lex, doc.outlet, frozenset(h.tok for h in hits))
    places = Places(doc, view, name_spans, lex,
                    [(m.start, m.end) for m in doc.mentions if m.label == "ORG" and m.normalized and m.kind])
    times_by_sent: dict[int, list[TimeExpression]] = {}
    for t in doc.times:
        times_by_sent.setdefault(view.sent_of(t.start), []).append(t)
    qty_by_sent: dict[int, list[Quantity]] = {}
    time_spans = [(t.start, t.end) for t in doc.times]
    for q in doc.quantities:
        if not any(s < q.end and q.start < e for s, e in time_spans):
            qty_by_sent.setdefault(view.sent_of(q.start), []).append(q)

    by_sent: dict[int, list[Hit]] = {}
    headlines = _headline_lines(doc)
    hits = [h for h in hits if not any(s <= h.start < e for s, e in headlines)]
    for h in hits:
        by_sent.setdefault(view.toks[h.tok].sent, []).append(h)
    records: list[Record] = []
    for si in sorted(by_sent):
        groups = _group(by_sent[si], view)
        if any(_strong(g) and _violent(g, lex) for g in groups):
            # a death toll beside a named attack is part of it (قتل 17 جنديا عندما اقتحم مسلحون); beside
            # an arrest alone it is its own event (مقتل ضابطين … إلقاء القبض على 86 عنصرا)
            groups = [sorted(g, key=lambda h: h.entry.strength != "strong") for g in groups if _strong(g)]
        recs: list[Record] = []
        for gi, g in enumerate(groups):
            prev_tok = groups[gi - 1][0].tok if gi > 0 else None
            next_tok = groups[gi + 1][0].tok if gi + 1 < len(groups) else None
            r = _record(doc, view, mi, attr, places, times_by_sent, lex, si, g, prev_tok, next_tok)
            if r is not None:
                if recs and _coordinated(g[0], recs[-1], view):
                    r.modality = recs[-1].modality  # تستهدف تحرير المناطق … واستعادة ما تبقى
                recs.append(r)
        ones = _one_killed(view, lex, by_sent[si])
        if ones:
            qty_by_sent[si] = sorted([*qty_by_sent.get(si, []), *ones], key=lambda q: q.start)
        _attach_quantities(recs, qty_by_sent.get(si, []), view, lex)
        records.extend(fold_same_actor(recs, VIOLENT))
    _attach_casualties(records, qty_by_sent, view, lex)
    events = merge(records)
    return [_to_event(i, r, lex) for i, r in enumerate(sorted(events, key=lambda r: r.evidence.start), 1)]


_HEADLINE_MAX_WORDS = 12


def _headline_lines(doc: Document) -> list[tuple[int, int]]:
    """Lines inside the article that are headlines of related stories or site boilerplate.

    A short line (at most a dozen words) that does not end a sentence, after the
    article's first line: «دخول مساعدات غذائية للغوطة رغم استمرار القتال»، «أرسل تعليقك».
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for i, line in enumerate(doc.text.split("\n")):
        start, pos = pos, pos + len(line) + 1
        s = line.strip()
        if i == 0 or not s or len(s.split()) > _HEADLINE_MAX_WORDS:
            continue
        if s[-1] not in ".!?؟:\"»”)":
            out.append((start, start + len(line)))
    return out


def _group(hits: list[Hit], view: View) -> list[list[Hit]]:
    """Hits of one sentence → mention groups: triggers close together in a clause say one thing."""
    hits = sorted(hits, key=lambda h: h.start)
    groups: list[list[Hit]] = []
    for h in hits:
        if groups:
            last = groups[-1][-1]
            same_clause = view.clause_range(last.tok) == view.clause_range(h.tok)
            near = h.tok - last.tok_end <= 3
            overlap = h.start < last.end
            same_kind = last.subtype == h.subtype and last.category == h.category
            intercepted = last.entry.id == "intercept" and h.subtype in SPECIFIC and h.tok - last.tok_end <= 6
            if overlap or (same_clause and (same_kind or intercepted or (near and _one_thing(last, h)))):
                groups[-1].append(h)
                continue
        groups.append([h])
    return groups


def _ground(view: View, lex: Lexicon, places: Places, h: Hit) -> bool:
    """Is there ground after a territory trigger: a territory noun or a named place?"""
    _, cb = view.clause_range(h.tok)
    end = min(cb, h.tok_end + 14)
    if view.any_in(h.tok_end, end, lex.territory) or view.any_in(h.tok, h.tok_end, lex.territory):
        return True
    a, b = view.toks[h.tok].start, view.toks[end - 1].end if end > h.tok_end else view.toks[h.tok_end - 1].end
    return any(a <= p.start < b for p in places.all_places)


def _coordinated(h: Hit, prev: Record, view: View) -> bool:
    """A verbal noun joined by و to a not-asserted one shares its modality (a list of aims)."""
    return prev.modality != ASSERTED and h.prefix.startswith("و") and h.entry.pos in ("verb", "noun") \
        and 0 < h.start - prev.trigger.end < 200 and view.toks[h.tok].sent == prev.sent


def _finite_verb(h: Hit) -> bool:
    """A verb form of a verb entry (هاجم، سيطرت، أحرقوا), not its verbal noun (هجوم، السيطرة)."""
    if h.entry.pos != "verb" or h.prefix.rstrip("وف"):
        return False
    return h.form in h.entry.verb_forms


def _verbal_noun(h: Hit) -> bool:
    """Known to be a noun: a noun entry, or a form a verb entry does not list among its verbs."""
    return h.entry.pos == "noun" or (bool(h.entry.verb_forms) and not _finite_verb(h))


def _strong(group: list[Hit]) -> bool:
    return any(h.entry.strength == "strong" for h in group)


def _violent(group: list[Hit], lex: Lexicon) -> bool:
    return any(lex.subtypes[h.subtype].acled_type in VIOLENT for h in group if h.entry.strength == "strong")


def _one_thing(a: Hit, b: Hit) -> bool:
    """Two triggers a few words apart that name one event: two violent words (هجوم بسيارة
    مفخخة), a deal and what it settles (اتفاق لوقف إطلاق النار)."""
    if a.subtype in SPECIFIC and b.subtype in SPECIFIC:
        return True
    return a.subtype == b.subtype and (a.category is None or b.category is None)


def _record(doc: Document, view: View, mi: MentionIndex, attr: Attributor, places: Places,
            times_by_sent: dict[int, list[TimeExpression]], lex: Lexicon, si: int, group: list[Hit],
            prev_tok: int | None, next_tok: int | None) -> Record | None:
    head = group[0]
    best = max(group, key=lambda h: (SPECIFIC.get(h.subtype, 0), h.cue is not None, -h.start))
    attribution, frame = attr.for_token(si, head.tok)
    said = _speaker_words(view, lex, attr.frames.get(si, []))
    anchors = _recent_days(doc, view, times_by_sent.get(si, ()), lex)
    modality, _cue = modality_of(head, view, lex, denial_verb=bool(frame and frame.denial and frame.tok < head.tok),
                                 skip=said, anchors=anchors)
    if modality == BACKGROUND:
        return None
    if modality == ASSERTED and len(group) > 1:
        recalled = []
        for h in group[1:]:
            m2, _ = modality_of(h, view, lex, skip=said, anchors=anchors)
            if m2 == "intended" and h.start > head.start and lex.subtypes[h.subtype].acled_type == "protests" \
                    and lex.subtypes[best.subtype].acled_type == "protests":
                continue  # «الغاز المسيل للدموع لتفريق التظاهرات»: dispersing a protest presupposes it
            if m2 == BACKGROUND:
                recalled.append(h)  # «الهجوم بعد أسبوع من تفجير مماثل»: the earlier blast does not name this one
            elif m2 != ASSERTED and h.entry.strength == "strong":  # «الغاز المسيل للدموع لإبعاد المتظاهرين»: a purpose
                # of the weak word (the protesters) does not make the tear gas an intention
                modality = m2
                break
        if best in recalled:
            best = max((h for h in group if h not in recalled),
                       key=lambda h: (SPECIFIC.get(h.subtype, 0), h.cue is not None, -h.start))
    frames = attr.frame_spans(si)
    lo, _ = view.sent_range(si)
    frame_end = max([e for s, e in frames if s < head.tok] or [lo])
    exclude = [sp for f in attr.frames.get(si, []) for sp in f.subject_spans]
    tok_end = max(h.tok_end for h in group)
    civ = lex.subtypes[best.subtype].acled_type in ("protests", "riots")
    a1, a2 = find_actors(view, mi, head.tok, head.tok_end, frame_end, exclude, civ, verb=_finite_verb(head),
                         doers=lex.doer_verbs if _verbal_noun(head) else None)
    if head.entry.id == "intercept":
        # اعترضت الدفاعات صاروخا أطلقه الحوثيون: the event is the launch; who intercepted is the other side
        l1 = find_actors(view, mi, best.tok, best.tok_end, best.tok, exclude, civ)[0] if best is not head else None
        a1, a2 = l1, a1
    subtype, category = best.subtype, best.category
    actor1 = actor_of(a1, view, lex.state_forces) if a1 else _nationality(view, lex, head.tok_end, doc)
    claimant = _claimant(view, mi, attr, si, head)
    if claimant is not None:
        actor1 = claimant  # (a claim names who did the attack told before: it does not set it apart, see merging)
    if actor1 is None and not civ:
        actor1 = _speaker_acted(view, lex, mi, attr, si, head)
    forces = None
    if actor1 is None:
        forces = _state_forces(view, lex, mi, head, frame_end, exclude, civ)
    actor2 = actor_of(a2) if a2 else None
    rule = best.entry.rule
    if rule == "territory" and not _ground(view, lex, places, head):
        return None
    if rule == "territory" and actor1 is not None and is_state(actor1.kind) is False:
        subtype = "non_state_actor_overtakes_territory"
    elif rule == "withdrawal" and actor1 is not None:
        state = is_state(actor1.kind)
        if state is False:
            subtype = "non_violent_transfer_of_territory"
        elif state:
            actor1, actor2 = _opponent(mentions_before(mi, view, head.tok)), actor1
    elif rule == "withdrawal" and actor1 is None:
        subtype = "non_state_actor_overtakes_territory"
    if best.cue == "civilians" and actor2 is None:
        actor2 = Actor(text="المدنيين", normalized="Civilians", kind="civilians")
    loc, loc_basis = places.for_trigger(head.tok, tok_end, next_tok, prev_tok, frames)
    if loc is not None:
        loc = resolve_within(loc, doc)
    if forces is not None:
        actor1 = _forces_actor(forces, loc, places, lex)
    if actor1 is None and civ:
        actor1 = _crowd(lex.subtypes[subtype].acled_type, places.country or (loc.country if loc else None), lex)
    if subtype == "government_regains_territory" and forces is None and _foreign(actor1, loc, lex):
        subtype = "non_state_actor_overtakes_territory"  # a foreign army taking ground is not a government regaining it
    date, date_basis = date_of(doc, view, times_by_sent, head.tok, frames, prev_tok, next_tok)
    if date is not None and date_basis in ("clause", "sentence") and _stale(date, doc, lex):
        return None
    if date is not None and date.start and date.end and date.start > date.end:
        date, date_basis = date_of(doc, view, {}, head.tok, frames)  # an unreadable range: fall back
    if date is not None and date_basis in ("clause", "sentence") and _future(date, doc) and modality == ASSERTED:
        modality = "intended"  # يكتمل في 2020: what is dated after publication has not happened
    if _summary(view, lex, head, si, loc_basis, date_basis):
        return None
    if actor1 is not None and actor2 is not None and actor1.normalized and actor1.normalized == actor2.normalized:
        actor2 = None  # one actor on both sides is a misreading of the target, not a fight with itself
    ev = _evidence(doc, view, si, head.tok, tok_end, prev_tok, next_tok)
    attribution = _forces_source(attribution, view, lex, places.country or (loc.country if loc else None))
    info = lex.subtypes[subtype]
    named = attribution is not None and (attribution.verb is not None or attribution.speaker is not None) \
        and attribution is not attr.outlet
    return Record(
        subtype=subtype, acled_type=info.acled_type, category=category,
        trigger=Span.of(doc.text, head.start, head.end), evidence=ev, sent=si, modality=modality,
        pos=head.entry.pos, strength=head.entry.strength, typo=head.typo, cue=best.cue is not None,
        actor1=actor1, actor2=actor2, location=loc, location_basis=loc_basis, date=date, date_basis=date_basis,
        near=loc is not None and near_word_before(view, loc.start),
        attribution=attribution, named_source=named, agent=a1.normalized or a1.text if a1 else None,
        distinct=view.any_in(tok_end, min(view.clause_range(head.tok)[1], tok_end + 2), lex.distinct),
        generic_source=generic_source(attribution, lex.rep["generic"]), entry_id=head.entry.id,
        anaphoric=(definite(view.toks[head.tok].norm) or _construct(view, head))
        and head.entry.strength == "strong",
        claimed=claimant is not None,
    )


_KILLING = frozenset({"killing", "assassination"})


def _one_killed(view: View, lex: Lexicon, hits: list[Hit]) -> list[Quantity]:
    """«مقتل قيادي في حركة الشباب»، «اغتيال ضابط»: a killing word then one person, no number:
    one dead, a count like any other of its sentence."""
    out = []
    for h in hits:
        k = h.tok_end
        if h.entry.id in _KILLING and k < len(view) and view.toks[k].sent == view.toks[h.tok].sent \
                and view.match_at(k, lex.mod["one_killed"]) is not None:
            t = view.toks[k]
            out.append(Quantity(t.start, t.end, t.text, 1.0, counted=t.text, counted_start=t.start, counted_end=t.end))
    return out


def _construct(view: View, h: Hit) -> bool:
    """An event noun in construct with a day (هجوم الخميس) or a blast with what blew up
    (انفجار السيارة المفخخة) is definite: it names the one told.  Not an event noun with its
    object (قصف المناطق الغربية), which may tell a new one."""
    k = h.tok_end
    if h.form in h.entry.verb_forms or h.prefix.rstrip("وف") or k >= len(view) \
            or view.toks[k].sent != view.toks[h.tok].sent:
        return False  # (انفجرت الثلاثاء: a verb and its day)
    t = view.toks[k]
    if not t.norm.startswith("ال"):
        return False
    if h.entry.id in _BLASTS:
        return True
    return any(x.start <= t.start < x.end for x in view.doc.times)


_BLASTS = frozenset({"explosion"})


def _forces_source(a: Attribution | None, view: View, lex: Lexicon, code: str | None) -> Attribution | None:
    """A source that is a state's force named by a common noun (قالت الشرطة، أعلن الجيش) is the
    force of the article's country: Police Forces of Pakistan, Military Forces of Iraq."""
    if a is None or not a.source or a.source != a.source_text or a.speaker:
        return a
    words = norm_phrase(a.source)
    kind = "Police Forces" if words in lex.police_forces else "Military Forces" if words in lex.state_forces else None
    country = lex.countries.get(code or "")
    if kind is None or country is None:
        return a
    return Attribution(f"{kind} of {country.removeprefix('the ')}", a.speaker, a.verb, a.quoted, a.start, a.end,
                       a.source_text)


def _speaker_words(view: View, lex: Lexicon, frames: list[Any]) -> frozenset[int]:
    """The words of a reporting frame past its verb (وقال أشرف القدرة في بيان) name the speaker;
    they are no modality cue.  A relative clause there (وهو الهالك الذي توعد) speaks for itself."""
    out: set[int] = set()
    for f in frames:
        for k in range(f.tok + 1, f.tok_end):
            if view.match_at(k, lex.mod["relative"], f.tok_end) is not None \
                    or view.match_at(k, lex.mod["breaks"], f.tok_end) is not None:
                break  # (and أن/إن closes the frame: it stays the scope break it is)
            out.add(k)
    return frozenset(out)


def _recent_days(doc: Document, view: View, times: Iterable[TimeExpression], lex: Lexicon) -> list[int]:
    """Tokens of a sentence where a day of the last fortnight is named (السبت، أمس): what is
    dated so is this article's news, whatever cause or total it is told with."""
    pub = published_day(doc)
    if pub is None:
        return []
    out = []
    for t in times:
        if t.precision != "day" or not t.value_start or (t.kind or "").lower() in ("since", "until"):
            continue
        d = _day(t.value_start, False)
        if d is not None and 0 <= (pub - d).days <= lex.stale_days:
            out.append(view.tok_at(t.start))
    return out


def _summary(view: View, lex: Lexicon, h: Hit, si: int, loc_basis: str, date_basis: str) -> bool:
    """Indefinite plural attacks (هجمات، غارات) with a vague toll (المئات) and no place or date
    of their own in the sentence sum up a conflict: not one event.  So does a bare death toll
    of thousands (أسفرت عن مقتل مئات الآلاف)."""
    if h.entry.strength == "weak" and view.any_in(h.tok_end, min(len(view), h.tok_end + 4), lex.mod["war_tolls"]):
        return True
    if h.prefix.rstrip("وف") or not view.toks[h.tok_end - 1].norm.endswith("ات"):
        return False
    if loc_basis in ("clause", "sentence") or date_basis in ("clause", "sentence"):
        return False
    lo, hi = view.sent_range(si)
    return view.any_in(lo, hi, lex.mod["vague_counts"])


_EVIDENCE_REACH = 8  # tokens either side of the trigger: a phrase, not a paragraph


def _evidence(doc: Document, view: View, si: int, tok: int, tok_end: int, prev_tok: int | None,
              next_tok: int | None) -> Span:
    """The words that carry the event: its clause, cut to a few words either side of the
    trigger and never reaching into the next or previous event's trigger."""
    ca, cb = view.clause_range(tok)
    s_lo, s_hi = view.sent_range(si)
    if cb - ca < 6:
        ca, cb = max(s_lo, min(ca, tok - 4)), min(s_hi, max(cb, tok_end + 6))
    ca, cb = max(ca, tok - _EVIDENCE_REACH), min(cb, tok_end + _EVIDENCE_REACH)
    if prev_tok is not None and prev_tok < tok:
        ca = max(ca, prev_tok + 1)
    if next_tok is not None and next_tok > tok:
        cb = min(cb, next_tok)
    cb = max(cb, tok_end)
    return Span.of(doc.text, view.toks[ca].start, view.toks[cb - 1].end)


def _stale(d: EventDate, doc: Document, lex: Lexicon) -> bool:
    """Dated well before publication, or spread over years: background, not this article's news."""
    pub = published_day(doc)
    if pub is None or not d.start or not d.end:
        return False
    start, end = _day(d.start, False), _day(d.end, True)
    if start is None or end is None:
        return False
    return (pub - end).days > lex.stale_days or (pub - start).days > lex.max_span_days


def _future(d: EventDate, doc: Document) -> bool:
    pub = published_day(doc)
    start = _day(d.start, False) if d.start else None
    return pub is not None and start is not None and (start - pub).days > 1


def _day(s: str, end: bool) -> date | None:
    """First (or last) day of an ISO date, month (YYYY-MM) or year (YYYY)."""
    try:
        if len(s) >= 10:
            return date.fromisoformat(s[:10])
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            if not end:
                return date(y, m, 1)
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        if len(s) == 4:
            return date(int(s), 12, 31) if end else date(int(s), 1, 1)
    except ValueError:
        return None
    return None


def _is_media(m: Mention, view: View, media: PhraseSet) -> bool:
    """A news organisation (CNN، وكالة الأناضول) reports; it is not an actor or a place of events."""
    if m.kind in ("media",):
        return True
    a, b = view.tok_at(m.start), view.tok_at(max(m.start, m.end - 1)) + 1
    return view.any_in(a, min(b, len(view)), media) or "CNN" in m.text or "BBC" in m.text or "AFP" in m.text


def _foreign(actor: Actor | None, loc: Place | None, lex: Lexicon) -> bool:
    """Is a state's army acting in another country (Military Forces of Turkey in Afrin, Syria)?"""
    if actor is None or loc is None or not loc.country or not actor.normalized:
        return False
    name = actor.normalized
    for code, country in lex.nationalities.values():
        if name.endswith(f"of {country}") or name.endswith(f"of {country.removeprefix('the ')}"):
            return code != loc.country
    return False


def _adjective_stem(norm: str) -> str:
    """التركية → تركي: the masculine stem the nationality list is keyed by."""
    w = norm[2:] if norm.startswith("ال") else norm
    return w[:-1] if w.endswith("ه") else w


def _nationality(view: View, lex: Lexicon, k: int, doc: Document) -> Actor | None:
    """غارة تركية، القصف التركي: a nationality adjective right after the trigger names the state."""
    _, hi = view.sent_range(view.toks[k - 1].sent)
    for i in range(k, min(hi, k + 5)):
        if i >= k + 2 and view.match_at(i - 1, lex.force_nouns, hi) is None:
            break  # past the next word only through «من قبل مقاتلات روسية»
        w = _adjective_stem(view.toks[i].norm)
        if w in lex.nationalities:
            _code, country = lex.nationalities[w]
            t = view.toks[i]
            police = view.any_in(k, i, lex.police_forces)  # اعتقلت الشرطة التركية: the police, not the army
            label = "Police Forces" if police else "Military Forces"
            return Actor(text=t.text, start=t.start, end=t.end, normalized=f"{label} of {country}",
                         kind="state_forces")
    return None


def _crowd(acled_type: str, code: str | None, lex: Lexicon) -> Actor | None:
    """A protest or riot with no one named: the crowd of the country, as ACLED codes it."""
    country = lex.countries.get(code or "")
    if country is None:
        return None
    country = country.removeprefix("the ")
    if acled_type == "riots":
        return Actor(text="مشاغبون", normalized=f"Rioters ({country})", kind="rioters")
    return Actor(text="متظاهرون", normalized=f"Protesters ({country})", kind="protesters")


def _claimant(view: View, mi: MentionIndex, attr: Attributor, si: int, h: Hit) -> Actor | None:
    """«أعلن تنظيم داعش مسؤوليته عن الهجوم»: who claims the deed in a reporting frame did it."""
    lo, _ = view.sent_range(si)
    k = next((j for j in range(h.tok - 1, max(lo, h.tok - 4) - 1, -1)
              if view.toks[j].norm.lstrip("وب") in RESPONSIBILITY), None)
    if k is None:
        return None
    frames = [f for f in attr.frames.get(si, []) if f.tok < k and f.subject_spans]
    if not frames:
        return None
    m = mi.at(view.tok_at(frames[-1].subject_spans[0][0]))
    if m is None or m.label == "PER" or m.kind in ("media", "monitor") or m.start in mi.media:
        return None
    return actor_of(m)


def _speaker_acted(view: View, lex: Lexicon, mi: MentionIndex, attr: Attributor, si: int, h: Hit) -> Actor | None:
    """«أعلن الجيش الأميركي أنه شن غارة»: a doing verb after أنه/إنها has the speaker as subject."""
    lo, _ = view.sent_range(si)
    a = max(lo, h.tok - 5)
    doers = view.find(a, h.tok, lex.doer_verbs)
    if not doers and _finite_verb(h):
        doers = [(h.tok, ())]  # «قال الجيش إنه استهدف منصة»: the trigger is the doing verb
    if not doers:
        return None
    selves = view.find(a, doers[-1][0], lex.self_pronouns)
    if not selves:
        return None
    frames = [f for f in attr.frames.get(si, []) if f.tok < selves[-1][0] and f.subject_spans]
    if not frames:
        return None
    s0, _ = frames[-1].subject_spans[0]
    m = mi.at(view.tok_at(s0))
    if m is None or m.label == "PER" or m.kind in ("media", "monitor") or m.start in mi.media:
        return None
    return actor_of(m)


def _state_forces(view: View, lex: Lexicon, mi: MentionIndex, h: Hit, frame_end: int,
                  exclude: list[tuple[int, int]], civ: bool) -> tuple[int, int, str] | None:
    """A state's forces named by a common noun (قوات النظام، القوات الحكومية، الشرطة) as the
    agent: right after the trigger, marked after it (للنظام، من قبل الجيش، تشنه القوات), or
    before it as the subject (إن قوات الحكومة سيطرت).  (first token, end token, kind)."""
    if civ:
        return None
    _, hi = view.sent_range(view.toks[h.tok].sent)
    forces = firsts_of(lex.state_forces, lex.police_forces)

    def at(k: int) -> tuple[int, int, str] | None:
        if k >= len(view) or forces.isdisjoint(view.toks[k].forms) or mi.at(k) is not None:
            return None  # (most words start no force's name: one set test)
        if any(s <= view.toks[k].start < e for s, e in exclude):
            return None
        for ps, kind in ((lex.state_forces, "military"), (lex.police_forces, "police")):
            p = view.match_at(k, ps, hi)
            if p is not None:
                return k, k + len(p), kind
        return None

    plural = view.toks[h.tok_end - 1].norm.endswith("وا")
    for k in range(h.tok_end, min(hi, h.tok_end + 5)):
        if view.is_punct(k) or marked_agent_stop(view.toks[k].norm) \
                or view.match_at(k, lex.mod["relative"], hi) is not None:
            break  # هجوم على حافلة للشرطة، الهجوم الذي استهدف مركزا للشرطة: the police own the target
        found = at(k)
        if found is None:
            continue
        w = view.toks[k].norm
        prev = view.toks[k - 1].norm.lstrip("وف")
        lam = w.startswith(("لل", "ل")) and not w.startswith("ال")
        direct = k - h.tok_end < 2 and not plural and w[:1] not in ("ب", "ك") and not lam
        marked = lam or prev in ("قبل", "بواسطه") or doer_verb(prev)
        if (direct and prev not in PREPOSITIONS) or marked:
            return found
        break
    verb = _finite_verb(h)
    for k in range(h.tok - 1, max(frame_end, h.tok - 8) - 1, -1):
        if view.is_punct(k):
            break
        found = at(k)
        if found is not None:
            # a noun has no subject before it unless a doing verb carries it (شنت قوات النظام هجوما)
            if not (verb and found[1] >= h.tok - 1) and not view.any_in(max(frame_end, k - 1), h.tok, lex.doer_verbs):
                return None
            w = view.toks[k].norm
            if (w[:1] in ("ب", "ل", "ك") and not w.startswith("ال")) or (k > 0 and view.toks[k - 1].norm in PREPOSITIONS):
                return None
            return found
    return None


def _forces_actor(forces: tuple[int, int, str], loc: Place | None, places: Places, lex: Lexicon) -> Actor | None:
    """The forces of the country the event happens in (or the article is about)."""
    view = places.view
    a, b, kind = forces
    code = None
    if b < len(view) and view.toks[b].sent == view.toks[a].sent:
        w = _adjective_stem(view.toks[b].norm)
        if w in lex.nationalities:
            code = lex.nationalities[w][0]
            b += 1
    if code is None:
        code = places.country or (loc.country if loc is not None else None)
    country = lex.countries.get(code or "")
    if country is None:
        return None
    text = view.doc.text[view.toks[a].start:view.toks[b - 1].end]
    label = "Police Forces" if kind == "police" else "Military Forces"
    return Actor(text=text, start=view.toks[a].start, end=view.toks[b - 1].end, normalized=f"{label} of {country}",
                 kind="state_forces")


def mentions_before(mi: MentionIndex, view: View, tok: int) -> list[Mention]:
    return [mi.by_tok[k] for k in sorted(mi.by_tok) if k < tok]


def _opponent(before: list[Mention]) -> Actor | None:
    """Who takes over when state forces withdraw: the latest non-state armed actor named."""
    for m in reversed(before):
        if m.kind and is_state(m.kind) is False and m.kind not in ("civilians", "media", "monitor",
                                                                    "international_org"):
            return actor_of(m)
    return None


def _attach_quantities(recs: list[Record], qs: list[Quantity], view: View, lex: Lexicon) -> None:
    """Each number goes to the nearest trigger before it in the sentence, else after it."""
    if not recs:
        return
    for q in sorted(qs, key=lambda q: q.start):
        if in_background(view, lex, view.tok_at(q.start)):
            continue  # بعد ثلاثة أيام من مقتل 14 شخصا: another event's toll
        before = [r for r in recs if r.trigger.start <= q.start or r.trigger.overlaps((q.start, q.end))]
        target = before[-1] if before else min(recs, key=lambda r: r.trigger.start - q.end)
        if target.fatalities is None and is_fatality(q, view, lex):
            target.fatalities = q
            continue
        target.quantities.append(q)


def _attach_casualties(records: list[Record], qty_by_sent: dict[int, list[Quantity]], view: View,
                       lex: Lexicon) -> None:
    """Tolls told in the next sentences (وأصيب آخر بجروح، نقلت 40 جثة) belong to the event before them."""
    with_events = {r.sent for r in records}
    casualty = (lex.fatal_before, lex.fatal_after, lex.fatal_not)
    for si, qs in qty_by_sent.items():
        if si in with_events:
            continue
        host = next((r for r in reversed(records) if si - 2 <= r.sent < si and r.modality == "asserted"
                     and r.acled_type in VIOLENT), None)
        if host is None:
            continue
        lo, hi = view.sent_range(si)
        for q in qs:
            i = view.tok_at(q.start)
            if not any(view.any_in(max(lo, i - 3), min(hi, i + 5), ps) for ps in casualty):
                continue
            if host.fatalities is None and is_fatality(q, view, lex):
                host.fatalities = q
            elif all((q.start, q.end) != (h.start, h.end) for h in host.quantities):
                host.quantities.append(q)


def _to_event(i: int, r: Record, lex: Lexicon) -> Event:
    info = lex.subtypes[r.subtype]
    plover, mode = info.plover, info.mode
    if r.category and r.category in lex.categories:
        plover = lex.categories[r.category].get("plover", plover)
    conf = score(pos=r.pos, strength=r.strength, typo=r.typo, cue=r.cue, actor1=r.actor1 is not None,
                 location_basis=r.location_basis, dated=r.date_basis in ("clause", "sentence"),
                 named_source=r.named_source, mentions=r.mentions)
    also = sorted({(s.start, s.end): s for s in r.also if (s.start, s.end) != (r.evidence.start, r.evidence.end)}
                  .values(), key=lambda s: s.start)
    return Event(
        id=f"E{i}", acled_type=r.acled_type, acled_subtype=r.subtype, trigger=r.trigger, evidence=r.evidence,
        modality=r.modality, confidence=conf, plover_type=plover, plover_mode=mode, category=r.category,
        actor1=r.actor1, actor2=r.actor2, location=r.location, date=r.date, fatalities=r.fatalities,
        quantities=sorted(r.quantities, key=lambda q: q.start), attribution=r.attribution, also_evidence=also,
    )
