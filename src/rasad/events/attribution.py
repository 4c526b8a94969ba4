"""According to whom: reporting frames, speakers and the sources they speak for.

News in Arabic attributes claims with a reporting verb and its subject (أكد الجيش،
قال اللواء فلان الناطق باسم وزارة الدفاع), an "according to" phrase (بحسب المرصد) or
a participle that continues the last speaker (مضيفا، وتابع قائلا).  We read every frame
of the article in order, keeping the current speaker so a verb with no new subject
(وأضاف أن …) continues him until another source takes over; a sentence with no frame
inside the same paragraph continues him too; otherwise the outlet is the source.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from rasad.events.lexicon import Lexicon, firsts_of
from rasad.events.view import View
from rasad.model import Attribution, Mention

_ACTOR_LABELS = frozenset({"PER", "ORG", "MISC"})
_COMPLEMENTIZERS = frozenset({"ان", "انه", "انها", "انهم", "انهما", "بان", "بانه"})


@dataclass(slots=True)
class Frame:
    """One reporting frame: cue tokens, who it names (if anyone) and where it ends."""

    tok: int
    tok_end: int  # end of the frame (after the subject), events after it are reported by it
    verb: str
    attribution: Attribution | None  # None: continues the current speaker
    denial: bool = False
    subject_spans: list[tuple[int, int]] = field(default_factory=list)


class MentionIndex:
    """Mentions by the token they start in, for frame and argument heuristics."""

    def __init__(self, mentions: list[Mention], view: View) -> None:
        self.by_tok: dict[int, Mention] = {}
        self.media: set[int] = set()  # starts of mentions naming news organisations (sources, never actors)
        for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            if m.label not in _ACTOR_LABELS:
                continue
            i = view.tok_at(m.start)
            self.by_tok.setdefault(i, m)
        self.view = view

    def at(self, i: int) -> Mention | None:
        return self.by_tok.get(i)

    def end_tok(self, m: Mention) -> int:
        return self.view.tok_at(m.end - 1) + 1


_QUOTE_RE = re.compile(r'"([^"\n]*)"|«([^»\n]*)»|“([^”\n]*)”')
_MIN_QUOTE_WORDS = 4  # "داعش" in quotes is a name; a quotation says something


def quotations(text: str) -> list[tuple[int, int]]:
    """Spans of quoted speech (quotes around four words or more; a name in quotes is not speech)."""
    return [m.span() for m in _QUOTE_RE.finditer(text)
            if len((m.group(m.lastindex or 1) or "").split()) >= _MIN_QUOTE_WORDS]


def _not_a_verb(norm: str, verb: str) -> bool:
    """A token that only looks like a reporting verb: with ل/ب or the article before it
    (لنقل، التابعة) or a feminine ending read as a pronoun (تابعة = تابع + ه)."""
    if norm == verb:
        return False
    w = norm[1:] if norm[:1] in ("و", "ف") else norm
    if w == verb:
        return False
    return w[:1] in ("ل", "ب") or w.startswith("ال") or (w.endswith("ه") and w[:-1] == verb)


def _nisba(norm: str) -> bool:
    """A relative adjective (يمنية، أمني، محلية): it qualifies a generic source."""
    return len(norm) >= 4 and norm.endswith(("يه", "ي", "يين", "يون")) and not norm.startswith(("و", "ف"))


def name_of(m: Mention) -> str:
    return m.normalized or m.text


def _same_institution(new: Attribution, cur: Attribution | None) -> bool:
    """A bare name (وزارة الدفاع) after a qualified one (وزارة الدفاع الروسية) is the same."""
    if cur is None or not cur.source or not new.source:
        return False
    a, b = new.source.lower(), cur.source.lower()
    ta, tb = (new.source_text or ""), (cur.source_text or "")
    return a != b and (a in b or (bool(ta) and bool(tb) and tb.startswith(ta)))


class Attributor:
    """Reads frames sentence by sentence; ``for_token`` answers for an event trigger."""

    def __init__(self, view: View, mentions: MentionIndex, lex: Lexicon, outlet: str | None,
                 trigger_toks: frozenset[int] = frozenset()) -> None:
        self.view, self.mi, self.lex = view, mentions, lex
        self.trigger_toks = trigger_toks
        outlet = lex.outlets.get(outlet or "", outlet)
        self.outlet = Attribution(source=outlet, verb=None) if outlet else None
        self.frames: dict[int, list[Frame]] = {}
        self.carry: dict[int, Attribution | None] = {}  # per sentence: who speaks when no frame
        self.speaker_source: dict[str, tuple[str | None, str | None]] = {}
        self.alias: dict[str, str] = {}  # a word of a speaker's name (his surname) -> speaker
        self.quotes = quotations(view.doc.text)
        self._cues: list[int] = []
        self._read()

    # -- reading frames
    def _read(self) -> None:
        doc, rep = self.view.doc, self.lex.rep
        firsts = firsts_of(rep["verbs"], rep["phrases"], rep["participles"])
        # tokens that may open a frame, found in one pass over the article
        self._cues = [i for i, t in enumerate(self.view.toks) if not firsts.isdisjoint(t.forms)]
        current: Attribution | None = None
        last_para_end = -1
        for si, s in enumerate(doc.sentences):
            para_break = "\n" in doc.text[last_para_end:s.start] if last_para_end >= 0 else True
            quoted = any(a < s.end and s.start < b for a, b in self.quotes)
            self.carry[si] = None if para_break and not quoted else current
            frames = self._frames_in(si)
            for f in frames:
                if f.attribution is None:
                    f.attribution = current and Attribution(current.source, current.speaker, f.verb, current.quoted,
                                                            None, None, current.source_text)
                else:
                    if _same_institution(f.attribution, current):
                        assert current is not None
                        f.attribution = Attribution(current.source, f.attribution.speaker or current.speaker,
                                                    f.attribution.verb, f.attribution.quoted, f.attribution.start,
                                                    f.attribution.end, current.source_text)
                    current = f.attribution
            self.frames[si] = frames
            if frames or (current is not None and not para_break):
                last_para_end = s.end

    def _frames_in(self, si: int) -> list[Frame]:
        view, rep = self.view, self.lex.rep
        lo, hi = view.sent_range(si)
        out: list[Frame] = []
        cues = self._cues
        c = bisect.bisect_left(cues, lo)
        while c < len(cues) and cues[c] < hi:
            i = cues[c]
            c += 1
            p = view.match_at(i, rep["verbs"], hi)
            kind = "verb"
            if p is None:
                p = view.match_at(i, rep["phrases"], hi)
                kind = "phrase"
            if p is None:
                p = view.match_at(i, rep["participles"], hi)
                kind = "participle"
            if p is None or (kind == "verb" and _not_a_verb(view.toks[i].norm, p[0])):
                continue  # لنقل الدفعة (a purpose), التابعة (an adjective): not a report
            j = i + len(p)
            verb = " ".join(view.toks[k].text for k in range(i, j))
            denial = view.match_at(i, rep["denial"], j) is not None
            frame = Frame(i, j, verb, None, denial)
            if kind != "participle":
                self._subject(frame, lo, hi, kind)
            if kind == "verb":
                self._to_complementizer(frame, hi)
            out.append(frame)
            c = bisect.bisect_left(cues, max(j, frame.tok_end), c)  # go on after the frame
        return out

    def _to_complementizer(self, f: Frame, hi: int) -> None:
        """Stretch the frame to its أن/إن (قال المرصد، ومقره بريطانيا، إن …).

        What stands between the speaker and the complementizer (the briefing's date, the
        speaker's seat) belongs to the statement, not to the events it reports.
        """
        view, verbs = self.view, self.lex.rep["verbs"]
        toks = view.toks
        for k in range(f.tok_end, min(hi, f.tok_end + 12)):
            if k in self.trigger_toks or (not verbs.firsts.isdisjoint(toks[k].forms)
                                          and view.match_at(k, verbs, hi) is not None):
                return
            if toks[k].norm in _COMPLEMENTIZERS or toks[k].text == ":":
                f.tok_end = k + 1
                return

    def _subject(self, f: Frame, lo: int, hi: int, kind: str) -> None:
        """Find who the frame names: after the cue (skipping titles), else before it."""
        view, rep, mi = self.view, self.lex.rep, self.mi
        k = f.tok_end
        skip = rep["titles"] if kind == "verb" else rep["between"]
        for _ in range(3):
            if k >= hi:
                break
            m = mi.at(k)
            if m is not None:
                self._named(f, m, hi)
                return
            sp = view.match_at(k, rep["spokesman"], hi)
            if sp is not None:
                org = mi.at(k + len(sp))
                if org is not None:
                    f.attribution = Attribution(source=name_of(org), speaker=None, verb=f.verb,
                                                source_text=org.text)
                    f.tok_end = mi.end_tok(org)
                    f.subject_spans.append((org.start, org.end))
                    return
            g = view.match_at(k, rep["generic"], hi)
            if g is not None and view.toks[k].norm.lstrip("وف").startswith("ال"):
                return  # «وأوضح المسؤول العسكري»، «المصدر نفسه»: the one who spoke before goes on
            if g is not None:
                e = k + len(g)
                while e < min(hi, k + len(g) + 2) and _nisba(view.toks[e].norm) and mi.at(e) is None:
                    e += 1  # مصادر يمنية، مصدر أمني مصري
                text = self.view.doc.text[view.toks[k].start:view.toks[e - 1].end]
                org = self._of_org(e, hi)
                if org is not None:  # مسؤول بالشرطة الأفغانية، مصدر في الجيش: the source speaks for the institution
                    text = self.view.doc.text[view.toks[k].start:org.end]
                    f.attribution = Attribution(source=name_of(org), verb=f.verb, source_text=text)
                    f.tok_end = mi.end_tok(org)
                    f.subject_spans.append((org.start, org.end))
                    return
                forces = None if e >= hi else (view.match_at(e, self.lex.police_forces, hi)
                                               or view.match_at(e, self.lex.state_forces, hi))
                if forces is not None and view.toks[e].norm[:1] == "ب":  # مسؤول بالشرطة الأفغانية
                    e += len(forces)
                    while e < hi and _nisba(view.toks[e].norm) and mi.at(e) is None:
                        e += 1
                    text = self.view.doc.text[view.toks[k].start:view.toks[e - 1].end]
                f.attribution = Attribution(source=text, verb=f.verb, source_text=text)
                f.tok_end = e
                return
            p = view.match_at(k, skip, hi)
            if p is None:
                break
            k += len(p)
        forces = None if k >= hi else (view.match_at(k, self.lex.police_forces, hi)
                                       or view.match_at(k, self.lex.state_forces, hi))
        if forces is not None and mi.at(k) is None:
            # «وقالت الشرطة إن»: a state's force named by a common noun speaks for itself (the
            # events stage gives it the article's country)
            e = k + len(forces)
            text = view.doc.text[view.toks[k].start:view.toks[e - 1].end]
            f.attribution = Attribution(source=text, verb=f.verb, source_text=text)
            f.tok_end = e
            return
        if kind == "verb" and self._unlisted_speaker(f, k, hi):
            return
        if kind == "verb":
            # a described speaker: وأكد حاكم منطقة زاول محمد سعيد سرواري …
            for b in range(k, min(hi, k + 5)):
                if b in self.trigger_toks or view.toks[b].norm in _COMPLEMENTIZERS or view.is_punct(b):
                    break
                m = mi.at(b)
                if m is not None and m.label == "PER":
                    self._named(f, m, hi)
                    return
        if kind == "verb":
            # subject before the verb in the same clause: الجيش أعلن، سبق لوكالة سانا أن أكدت
            a, _ = view.clause_range(f.tok)
            for b in range(f.tok - 1, max(a, f.tok - 10) - 1, -1):
                m = mi.at(b)
                if m is not None and mi.end_tok(m) >= f.tok - 5:
                    self._named(f, m, hi, move_end=False)
                    return

    def _of_org(self, k: int, hi: int) -> Mention | None:
        """An institution right after a generic source, through ب or في (بالشرطة، في الجيش)."""
        view, mi = self.view, self.mi
        if k >= hi:
            return None
        m = mi.at(k)
        if m is not None and m.start > view.toks[k].start and view.doc.text[view.toks[k].start:m.start] in ("ب", "بـ"):
            return m if m.label == "ORG" else None
        if view.toks[k].norm == "في" and k + 1 < hi:
            m = mi.at(k + 1)
            return m if m is not None and m.label == "ORG" else None
        return None

    def _name_like(self, i: int) -> bool:
        t = self.view.toks[i]
        return t.text.isalpha() and not t.norm.startswith("ال") and self.mi.at(i) is None \
            and self.view.match_at(i, self.lex.rep["not_names"]) is None \
            and self.view.match_at(i, self.lex.rep["verbs"]) is None

    def _unlisted_speaker(self, f: Frame, k: int, hi: int) -> bool:
        """A person named right after the verb but unknown to NER (وأضاف كوناشينكوف أن).

        Taken as a name when 1-3 name-like words stand before "الناطق باسم X" (then X is
        his institution, remembered for later) or before the complementizer أن/إن, or
        when the word is the surname of a speaker met earlier.
        """
        view, rep = self.view, self.lex.rep
        if k >= hi:
            return False
        if view.toks[k].norm in self.alias:
            speaker = self.alias[view.toks[k].norm]
            source, source_text = self.speaker_source.get(speaker, (None, None))
            f.attribution = Attribution(source=source, speaker=speaker, verb=f.verb, source_text=source_text)
            f.tok_end = k + 1
            return True
        j = k
        while j < min(hi, k + 3) and self._name_like(j):
            j += 1
        if j == k:
            return False
        sp = view.match_at(j, rep["spokesman"], hi)
        comp = view.toks[j].norm in _COMPLEMENTIZERS if j < hi else False
        if sp is None and not comp:
            return False
        speaker = self.view.doc.text[view.toks[k].start:view.toks[j - 1].end]
        source, source_text, end = self._institution(f, j, hi) or (None, None, j)
        f.attribution = self._person(f, speaker, view.toks[j - 1].norm, source, source_text)
        f.tok_end = end
        return True

    def _person(self, f: Frame, speaker: str, surname: str, source: str | None,
                source_text: str | None) -> Attribution:
        """A person speaking: the same person as before when his surname matches one."""
        if surname in self.alias:
            speaker = self.alias[surname]
        else:
            self.alias[surname] = speaker
        if source is not None:
            self.speaker_source[speaker] = (source, source_text)
        elif speaker in self.speaker_source:
            source, source_text = self.speaker_source[speaker]
        return Attribution(source=source, speaker=speaker, verb=f.verb, source_text=source_text)

    def _institution(self, f: Frame, k: int, hi: int) -> tuple[str, str, int] | None:
        """"الناطق باسم X" at token k: (X's name, X as written, token after X)."""
        sp = self.view.match_at(k, self.lex.rep["spokesman"], hi)
        org = self.mi.at(k + len(sp)) if sp is not None else None
        if org is None:
            return None
        f.subject_spans.append((org.start, org.end))
        return name_of(org), org.text, self.mi.end_tok(org)

    def _named(self, f: Frame, m: Mention, hi: int, move_end: bool = True) -> None:
        if m.source == "generic" and m.kind != "civilians":
            return  # «بأيدي مسلحين قال إنهم»: armed men resolved to a group are not its spokesmen
        mi = self.mi
        end = mi.end_tok(m)
        f.subject_spans.append((m.start, m.end))
        if m.label == "PER":
            source, source_text = None, None
            # "…, الناطق باسم وزارة الدفاع" right after the name
            for k in range(end, min(hi, end + 4)):
                found = self._institution(f, k, hi)
                if found is not None:
                    source, source_text, end = found
                    break
            surname = self.view.toks[mi.end_tok(m) - 1].norm
            f.attribution = self._person(f, name_of(m), surname, source, source_text)
        else:
            # «قال سكان»: residents speak as themselves, not as the actor category "Civilians (X)"
            source = m.text if m.kind == "civilians" else name_of(m)
            f.attribution = Attribution(source=source, speaker=None, verb=f.verb, source_text=m.text)
        if move_end:
            f.tok_end = max(f.tok_end, end)

    # -- answering
    def for_token(self, si: int, tok: int) -> tuple[Attribution | None, Frame | None]:
        """Who reports an event whose trigger is at token ``tok`` of sentence ``si``."""
        frames = self.frames.get(si, [])
        before = [f for f in frames if f.tok < tok]
        # «… قرب بلدة السوسة، وفق ما أعلن المرصد»: the first frame after it that names someone
        f = before[-1] if before else next((g for g in frames if g.attribution is not None),
                                           frames[0] if frames else None)
        at = self.view.toks[tok].start
        if f is not None and f.attribution is not None:
            return self._quoted(f.attribution, at), f
        carried = self.carry.get(si)
        if carried is not None:
            return self._quoted(carried, at), f
        return self.outlet, f

    def _quoted(self, a: Attribution, at: int) -> Attribution:
        if any(s <= at < e for s, e in self.quotes) and not a.quoted:
            return Attribution(a.source, a.speaker, a.verb, True, a.start, a.end, a.source_text)
        return a

    def frame_spans(self, si: int) -> list[tuple[int, int]]:
        """Token ranges of the frames of a sentence (their times and names are not the event's)."""
        return [(f.tok, f.tok_end) for f in self.frames.get(si, [])]
