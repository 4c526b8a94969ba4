"""One event, many mentions: fold the mentions of an article into event records.

Articles repeat themselves: the Palmyra attack is named in the lead, in the briefing
and again in the analysis.  A mention joins an earlier record when nothing says they
differ — same sub-type and category, and actor1, place and source agree or one of them
is unknown — and the record keeps every mention's span (``also_evidence``).  Distinct
events stay apart because one of those differs: the army repelling an attack (actor1
the army) is not the attack (actor1 the attackers); the same advance reported by SANA
and by the ministry are two claims.  Inside one sentence, a non-violent development by
the same actor as a violent event there is folded into it, as ACLED codes the most
severe event of an actor at a place and time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from rasad.events.lexicon import load_syntax
from rasad.model import Actor, Attribution, EventDate, Place, Quantity, Span
from rasad.text.normalize import normalize_str

# When two triggers of one clause say one thing (صد هجومين، سيارات مفخخة يقودها
# انتحاريون), the more specific sub-type names the event.
SPECIFIC = {
    "suicide_bomb": 9, "chemical_weapon": 9, "air_drone_strike": 8, "remote_explosive_landmine_ied": 7,
    "shelling_artillery_missile_attack": 6, "grenade": 6, "abduction_forced_disappearance": 5, "sexual_violence": 5,
    "attack": 4, "government_regains_territory": 3, "non_state_actor_overtakes_territory": 3,
    "excessive_force_against_protesters": 3, "violent_demonstration": 3, "mob_violence": 3,
    "protest_with_intervention": 2, "looting_property_destruction": 2, "peaceful_protest": 1, "armed_clash": 1,
}


@dataclass(slots=True)
class Record:
    """An event under construction (one or more mentions)."""

    subtype: str
    acled_type: str
    category: str | None
    trigger: Span
    evidence: Span
    sent: int
    modality: str
    pos: str
    strength: str
    typo: bool
    cue: bool
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Place | None = None
    location_basis: str = "none"
    date: EventDate | None = None
    date_basis: str = "none"
    fatalities: Quantity | None = None
    quantities: list[Quantity] = field(default_factory=list)
    attribution: Attribution | None = None
    named_source: bool = False
    also: list[Span] = field(default_factory=list)
    mentions: int = 1
    sents: set[int] = field(default_factory=set)
    agent: str | None = None  # who acted as the text says (actor1 may be the opponent)
    entry_id: str = ""
    distinct: bool = False  # "another" (انتحاري آخر): a further event, never one told before
    anaphoric: bool = False  # a definite noun (الهجوم، الانفجار، تلك الغارات) naming an event told before
    generic_source: bool = False  # told by "sources", "activists" (مصادر أمنية، ناشطون): no one to tell apart
    carried: bool = False  # actor1 taken from the events told just before, not read at this mention
    near: bool = False  # the place is told as "near" it (قرب مدينة كركوك): a town nearby may be the same place
    claimed: bool = False  # actor1 is who claimed it (أعلن التنظيم مسؤوليته عن الهجوم), not who the text says did it


def definite(norm: str) -> bool:
    """A definite word (الغارة، والهجوم، بالقصف، للانفجار): it names something already told."""
    w = norm[1:] if norm[:1] in ("و", "ف") else norm
    w = w[1:] if w[:1] in ("ب", "ك") and w[1:3] == "ال" else w
    return w.startswith(("ال", "لل"))


def _actor_key(a: Actor | None) -> str | None:
    return (a.normalized or a.text).lower() if a else None


_NEAR_KM = 60.0  # «قرب مدينة كركوك» and «منطقة الحويجة» (58 km away) may tell one ambush


def _nearby(a: Record, b: Record) -> bool:
    """One mention places the event "near" a town and the other at a town close to it."""
    pa, pb = a.location, b.location
    if not (a.near or b.near) or pa is None or pb is None or None in (pa.lat, pa.lon, pb.lat, pb.lon):
        return False
    la1, lo1, la2, lo2 = map(math.radians, (pa.lat, pa.lon, pb.lat, pb.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h)) <= _NEAR_KM


def _place_key(p: Place | None) -> int | str | None:
    if p is None:
        return None
    return p.geonameid if p.geonameid is not None else (p.within if p.within is not None else p.country)


_WEAK_PLACE = frozenset({"article", "previous", "none"})


_COARSE = frozenset({"district", "admin1", "region", "country"})
_RANK = {"point": 0, "neighbourhood": 1, "town": 2, "district": 3, "admin1": 4, "region": 5, "country": 6}


def _finer_inside(new: Place, old: Place) -> bool:
    """A later mention names a town inside the province or country the first one gave."""
    if old.precision not in _COARSE or _RANK.get(new.precision, 9) >= _RANK.get(old.precision, 9):
        return False
    if old.country and new.country and old.country != new.country:
        return False
    return old.precision == "country" or (old.admin1 is not None and old.admin1 == new.admin1) \
        or (old.name is not None and new.name is not None and old.name == new.name)


_READ_DATE = frozenset({"clause", "sentence"})
_READ_PLACE = frozenset({"clause"})


def _dates_differ(a: Record, b: Record) -> bool:
    """Both mentions are dated in the text, on days that do not meet: two events."""
    if a.date_basis not in _READ_DATE or b.date_basis not in _READ_DATE or not a.date or not b.date:
        return False
    a0, a1 = a.date.start or a.date.end, a.date.end or a.date.start
    b0, b1 = b.date.start or b.date.end, b.date.end or b.date.start
    if not (a0 and a1 and b0 and b1):
        return False
    return a1[:10] < b0[:10] or b1[:10] < a0[:10]


def compatible(a: Record, b: Record) -> int | None:
    """A merge score (higher = more alike), or None when the two must stay apart."""
    if a.subtype == b.subtype == "agreement" and a.modality == b.modality == "asserted":
        return _same_deal(a, b)
    if a.category != b.category or a.modality != b.modality:
        return None
    if a.subtype != b.subtype and not _same_toll(a, b) and not _same_blast(a, b):
        return None
    if a.modality != "asserted":
        return None
    score = 0
    ka, kb = _actor_key(a.actor1), _actor_key(b.actor1)
    own = bool(ka and kb) and not (a.carried or b.carried)  # both named at their own mention
    if ka and kb:
        if ka != kb:
            return None
        score += 2 if own else 0
    pa, pb = _place_key(a.location), _place_key(b.location)
    # a place read only from elsewhere in the sentence is weak when one named actor did both
    weak = _WEAK_PLACE | ({"sentence"} if own else set())
    if pa is not None and pb is not None and pa != pb and not _nearby(a, b):
        if a.location_basis not in weak and b.location_basis not in weak \
                and not (a.location and b.location and (_finer_inside(a.location, b.location)
                                                        or _finer_inside(b.location, a.location))):
            return None
    elif pa is not None and pa == pb:
        score += 1
    sa = a.attribution.source if a.attribution and a.named_source and not a.generic_source else None
    sb = b.attribution.source if b.attribution and b.named_source and not b.generic_source else None
    if sa and sb and sa != sb:
        return None
    if a.fatalities and b.fatalities and a.fatalities.value != b.fatalities.value:
        return None
    if _dates_differ(a, b):
        return None
    if b.sent in a.sents:
        score += 1
    return score


def _same_deal(a: Record, b: Record) -> int | None:
    """An article tells one deal many ways: reached on Wednesday, in force on Saturday, a
    ceasefire that is part of a peace agreement (اتفاق سلام … شمل وقفا لإطلاق النار), announced
    by each party (حماس … الجهاد الإسلامي).  Its date, place and source vary with the telling;
    only two different named parties set deals apart."""
    ka, kb = _actor_key(a.actor1), _actor_key(b.actor1)
    if ka and kb and ka != kb:
        return None
    return 1 if a.category == b.category else 0


_BOMBS = frozenset({"suicide_bomb", "remote_explosive_landmine_ied"})


def _same_blast(a: Record, b: Record) -> bool:
    """Two bombings told as such, at one place on the day each mention names (الهجمات الانتحارية
    التي شهدتها مقديشو مساء الخميس … شهدت مساء الخميس هجمات استخدمت فيها سيارات مفخخة):
    one bombing, whether the bomber is said to have died in it or not."""
    if a.subtype not in _BOMBS or b.subtype not in _BOMBS or a.date_basis not in _READ_DATE \
            or b.date_basis not in _READ_DATE or not a.date or not b.date:
        return False
    pa = _place_key(a.location)
    return pa is not None and pa == _place_key(b.location) and (a.date.start or "")[:10] == (b.date.start or "")[:10]


def _same_toll(a: Record, b: Record) -> bool:
    """Two violent mentions of one ACLED type with the same death toll (الهجوم الانتحاري الذي
    قتل 14 … مقتل 14 … في هجوم بسيارة مفخخة) tell one event in other words."""
    return a.acled_type == b.acled_type and a.acled_type in _VIOLENT and a.fatalities is not None \
        and b.fatalities is not None and a.fatalities.value == b.fatalities.value and bool(a.fatalities.value) \
        and not _places_differ(a, b)


_TOWN = frozenset({"point", "neighbourhood", "town"})


def _towns_differ(a: Record, b: Record) -> bool:
    """Both mentions name, in their own clause, two different towns."""
    pa, pb = a.location, b.location
    return pa is not None and pb is not None and a.location_basis in _READ_PLACE and b.location_basis in _READ_PLACE \
        and pa.precision in _TOWN and pb.precision in _TOWN and _places_differ(a, b) and not _nearby(a, b)


def _places_differ(a: Record, b: Record) -> bool:
    pa, pb = _place_key(a.location), _place_key(b.location)
    if pa is None or pb is None or pa == pb or a.location is None or b.location is None:
        return False
    return not (_finer_inside(a.location, b.location) or _finer_inside(b.location, a.location))


def absorb(a: Record, b: Record) -> None:
    """Fold mention ``b`` into record ``a``: fill what ``a`` lacks, keep every span."""
    if (_same_toll(a, b) or _same_blast(a, b)) and SPECIFIC.get(b.subtype, 0) > SPECIFIC.get(a.subtype, 0):
        a.subtype = b.subtype  # the more specific name wins (a suicide car bomb over a car bomb)
    a.also.append(b.evidence)
    a.also.extend(b.also)
    a.mentions += b.mentions
    a.sents |= b.sents | {b.sent}
    if a.actor1 is None:
        a.actor1 = b.actor1
    if a.actor2 is None and _actor_key(b.actor2) != _actor_key(a.actor1):
        a.actor2 = b.actor2
    if a.actor2 is not None and _actor_key(a.actor2) == _actor_key(a.actor1):
        a.actor2 = None  # the side read as a target at one mention is the doer named at another
    if b.location is not None and (a.location is None or (a.location_basis in _WEAK_PLACE
                                                          and b.location_basis not in _WEAK_PLACE)
                                   or _finer_inside(b.location, a.location)):
        a.location, a.location_basis = b.location, b.location_basis
    if b.date is not None and (a.date is None or (a.date_basis == "published" and b.date_basis != "published")):
        a.date, a.date_basis = b.date, b.date_basis
    if a.fatalities is None:
        a.fatalities = b.fatalities
    seen = {(q.start, q.end) for q in a.quantities}
    a.quantities.extend(q for q in b.quantities if (q.start, q.end) not in seen)
    if not a.named_source and b.named_source:  # the outlet's lead, then who told it
        a.attribution, a.named_source = b.attribution, True
    a.typo = a.typo and b.typo
    a.cue = a.cue or b.cue


def merge(records: list[Record]) -> list[Record]:
    """Mentions in text order → events.

    A mention joins the most alike compatible record.  A definite noun (الانفجار،
    الهجوم) joins the latest asserted event of the same ACLED type when nothing
    contradicts it, because that is what the article is still talking about.  A weak
    death-toll mention (سقط قتلى) joins the latest event when the article has one and
    stands as an event of its own only when nothing stronger is told.
    """
    out: list[Record] = []
    weak: list[Record] = []
    carry_actors([r for r in records if r.strength != "weak"])  # who did it keeps two actors' acts apart
    for r in records:
        if r.modality == "asserted" and r.strength == "weak":
            host = _latest(out, r, same_type=False)
            if host is not None:
                _absorb_weak(host, r)
            else:
                weak.append(r)
            continue
        if r.distinct:
            r.sents.add(r.sent)
            out.append(r)
            continue
        if r.modality == "asserted" and r.anaphoric:
            host = _latest(out, r, same_type=True, strict=True) or _latest(out, r, same_type=True)
            if host is not None:
                if host.acled_type == r.acled_type and SPECIFIC.get(r.subtype, 0) > SPECIFIC.get(host.subtype, 0):
                    host.subtype = r.subtype  # الهجوم الانتحاري names the car bomb told before
                absorb(host, r)
                continue
        _join(out, r)
    strong = [e for e in out if e.modality == "asserted" and _toll_host(e)]
    for w in weak:
        host = next((e for e in strong if e.sent >= w.sent), None) if strong else None
        if host is not None:
            _absorb_weak(host, w)
        elif w.entry_id in _STANDALONE_WEAK:
            _join(out, w)
    carry_actors(out)
    speaking_forces(out)
    return out


# what a state's forces report doing without naming themselves: an arrest, a seizure,
# ground taken, a clash (not an attack or a blast, which they usually suffer)
_SPEAKER_ACTS = frozenset({"arrests", "disrupted_weapons_use", "government_regains_territory"})
_SPEAKER_ENTRIES = frozenset({"clash"})
_FORCES = ("Military Forces of ", "Police Forces of ")


def speaking_forces(events: list[Record]) -> None:
    """«أعلن المتحدث العسكري باسم القوات المسلحة المصرية عن اعتقال ثلاثة قيادات»، «أفاد بيان
    للجيش التركي بمقتل 3 جنود خلال اشتباكات مع حزب العمال»: when an army or a police force
    reports an arrest, a seizure or a clash and names no one else as its doer, it did it."""
    for e in events:
        a = e.attribution
        if e.actor1 is not None or e.modality != "asserted" or a is None or not a.source:
            continue
        if not a.source.startswith(_FORCES) or not (e.subtype in _SPEAKER_ACTS or e.entry_id in _SPEAKER_ENTRIES):
            continue
        if _actor_key(e.actor2) == a.source.lower():
            continue
        e.actor1 = Actor(text=a.source_text or a.source, normalized=a.source, kind="state_forces")


_CARRY_SENTENCES = 3
# bombs are planted and worn by someone the text names by the bomb, not by the last actor
# told (the air force that struck before a car bomb did not drive it)
_HIDDEN_HANDS = frozenset({"suicide_bomb", "remote_explosive_landmine_ied", "grenade"})
_NOT_CARRIED = frozenset({"civilians", "protesters", "rioters"})


def carry_actors(events: list[Record]) -> None:
    """A violent event with no actor of its own, told right after one by a named actor, was
    done by that actor: «واصلت قوات النظام غاراتها … وقال المرصد إن الضربات استهدفت …».
    News continues the subject of the previous sentences until it names another."""
    last: Record | None = None
    for e in sorted(events, key=lambda e: e.evidence.start):
        if e.modality != "asserted" or e.acled_type not in _VIOLENT:
            continue
        if e.actor1 is None and last is not None and last.actor1 is not None and 0 <= e.sent - max(last.sents | {last.sent}) <= _CARRY_SENTENCES \
                and _actor_key(last.actor1) != _actor_key(e.actor2) and e.subtype not in _HIDDEN_HANDS:
            e.actor1, e.carried = last.actor1, True
        if e.actor1 is not None and (e.actor1.kind or "") not in _NOT_CARRIED:
            last = e


def _join(out: list[Record], r: Record) -> None:
    best, best_score = None, -1
    for e in out:
        s = compatible(e, r)
        if s is not None and s > best_score:
            best, best_score = e, s
    if best is None:
        r.sents.add(r.sent)
        out.append(r)
    else:
        absorb(best, r)


def _latest(out: list[Record], r: Record, same_type: bool, strict: bool = False) -> Record | None:
    """The latest asserted event ``r`` may refer back to (``strict``: same sub-type only)."""
    for e in reversed(out):
        if e.modality != "asserted" or e.strength == "weak":
            continue
        if same_type and not (e.subtype == r.subtype and e.category == r.category if strict else _same_kind(e, r)):
            continue
        ka, kb = _actor_key(e.actor1), _actor_key(r.actor1)
        if same_type and ka and kb and ka != kb and not r.claimed:
            continue  # (a claim of «the attack» names who did the one told, whoever was said before)
        if _dates_differ(e, r):
            continue
        if same_type and _towns_differ(e, r):
            continue  # «الغارة» near another town told in its own clause is another raid
        if not same_type and not _toll_host(e):
            continue  # «قتل 4 أشخاص» after an arrest is the toll of the fight, not of the arrest
        if not same_type:  # a bare death toll: its place must agree
            pa, pb = _place_key(e.location), _place_key(r.location)
            if pa is not None and pb is not None and pa != pb and e.location_basis not in _WEAK_PLACE \
                    and r.location_basis not in _WEAK_PLACE:
                continue
        return e
    return None


_STANDALONE_WEAK = frozenset({"killing"})  # a death toll alone is an event; "protesters" alone is not
_GENERIC_ENTRIES = frozenset({"attack", "explosion", "shelling", "target"})  # words any violent event may be called
_VIOLENT = frozenset({"battles", "explosions_remote_violence", "violence_against_civilians"})
# adjunct words that make an event noun the manner of another event of its sentence
# (في هجوم، خلال اشتباكات), not the ones that order two events in time (بعد، قبل، منذ)
_SYNTAX = load_syntax()
_ADJUNCT_SAME = frozenset(_SYNTAX["adjunct_words"]) - frozenset(_SYNTAX["time_order_words"])
_TOLL_HOSTS = _VIOLENT | {"riots", "protests"}  # events a bare death toll may belong to
_EXPLOSION_KINDS = frozenset({"depot_explosion"})  # blasts filed outside the violent types


def _toll_host(e: Record) -> bool:
    return e.acled_type in _TOLL_HOSTS or e.entry_id in _EXPLOSION_KINDS


def _same_kind(e: Record, r: Record) -> bool:
    """Can definite mention ``r`` refer back to event ``e``?"""
    if e.subtype == r.subtype == "agreement":
        return True  # «الاتفاق» after «وقف لإطلاق النار»: the deal told before
    if e.category != r.category:
        return False
    if e.subtype == r.subtype:
        return True
    if r.entry_id == "explosion" and e.entry_id in _EXPLOSION_KINDS:
        return True  # انفجار مستودع … وأسفر الانفجار عن: the blast told before, whatever its cause
    return e.acled_type in _VIOLENT and r.acled_type in _VIOLENT and r.entry_id in _GENERIC_ENTRIES


def _absorb_weak(host: Record, w: Record) -> None:
    host.also.append(w.evidence)
    host.mentions += 1
    near = -2 <= w.sent - host.sent <= 2  # a toll told beside the event, not one recalled later
    if host.fatalities is None and w.fatalities is not None and near:
        host.fatalities = w.fatalities
    seen = {(q.start, q.end) for q in host.quantities}
    if near:
        host.quantities.extend(q for q in w.quantities if (q.start, q.end) not in seen)
        if host.date_basis not in _READ_DATE and w.date_basis in _READ_DATE:
            host.date, host.date_basis = w.date, w.date_basis  # «4 أشخاص قتلوا، الخميس»: the toll dates the event


def _in_adjunct(r: Record) -> bool:
    """Is the trigger the head of an adjunct phrase (في هجوم بري، خلال اشتباكات، إثر هجوم)?"""
    before = r.evidence.text[:max(0, r.trigger.start - r.evidence.start)].split()
    return bool(before) and normalize_str(before[-1]) in _ADJUNCT_SAME


def fold_same_actor(records: list[Record], violent: frozenset[str]) -> list[Record]:
    """Inside one sentence, fold non-violent records into a violent one by the same actor1,
    and a generic attack told as the way a battle went (سيطرت القوات على أراض … في هجوم
    بري) into that battle."""
    keep: list[Record] = []
    for r in records:
        if r.entry_id == "target" and not r.cue and r.acled_type in violent:
            # «غارة جوية قبل نحو شهر استهدفت حافلة مدرسية»: what the raid told just before hit
            host = next((v for v in reversed(keep) if v.sent == r.sent and v.acled_type in violent
                         and v.trigger.start < r.trigger.start and v.modality == r.modality
                         and (r.agent is None or v.agent is None or v.agent == r.agent)), None)
            if host is not None:
                host.also.append(r.evidence)
                if host.actor2 is None:
                    host.actor2 = r.actor2
                continue
        if r.entry_id in _GENERIC_ENTRIES and r.subtype == "armed_clash" and _in_adjunct(r):
            host = next((v for v in records if v is not r and v.sent == r.sent and v.acled_type == "battles"
                         and v.subtype != "armed_clash" and v.modality == r.modality
                         and (r.agent is None or v.agent == r.agent)), None)
            if host is not None:
                host.also.append(r.evidence)
                continue
        if r.acled_type == "strategic_developments" and r.category is not None and r.agent is not None:
            host = next((v for v in records if v is not r and v.sent == r.sent and v.acled_type in violent
                         and v.modality == r.modality and v.agent == r.agent), None)
            if host is not None:
                host.also.append(r.evidence)
                seen = {(q.start, q.end) for q in host.quantities}
                host.quantities.extend(q for q in r.quantities if (q.start, q.end) not in seen)
                continue
        keep.append(r)
    return keep
