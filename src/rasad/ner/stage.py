"""Pipeline stage: named-entity mentions from the CRF tagger and the actor dictionary.

The tagger finds names nobody listed (a new spokesman, a village, a brigade); the
dictionary knows what the names mean (وزارة الدفاع الروسية → Russian Ministry of
Defence).  Where the two overlap the dictionary's span and canonical name win, because
it was written for exactly these names; elsewhere the tagger's spans stand.  So a name
the dictionary knows always carries its canonical name, whatever the tagger made of it.  Generic references
(المسلحين) are not names and are not mentions; the events stage resolves them through
``ActorDictionary.resolve_generic``.
"""

from __future__ import annotations

from dataclasses import dataclass

from rasad.errors import RasadError
from rasad.model import Document, Mention, Token
from rasad.ner.actors import ActorDictionary, ActorMention
from rasad.ner.features import Lexicon
from rasad.ner.tagger import Tagger
from rasad.pipeline import Resources
from rasad.text.clitics import splits
from rasad.text.normalize import normalize
from rasad.text.segment import sentences as split_sentences

_PUNCT_ONLY = frozenset("\"'«»“”„()[]{}<>-–—.,،;:!?؟")
_PROCLITIC_START = frozenset("وفبلك")


@dataclass
class NerResources:
    tagger: Tagger | None
    actors: ActorDictionary


def load() -> NerResources:
    try:
        tagger: Tagger | None = Tagger()
    except RasadError:  # no model built yet (`make models`): the dictionary still works
        tagger = None
    return NerResources(tagger, ActorDictionary.load())


def crf_mentions(doc: Document, tagger: Tagger) -> list[Mention]:
    """Tagger spans on original offsets; the whole article is one document for pass two."""
    sents = [s.tokens for s in (doc.sentences or split_sentences(doc.text)) if s.tokens]
    lex = tagger.featurizer.lex
    out: list[Mention] = []
    for toks, ents in zip(sents, tagger.entities_doc([[t.norm for t in ts] for ts in sents]), strict=True):
        for e in ents:
            for span in split_coordination(toks[e.start: e.end], lex):
                while span and span[0].text in _PUNCT_ONLY:
                    span = span[1:]
                while span and span[-1].text in _PUNCT_ONLY:
                    span = span[:-1]
                if not span or (len(span) == 1 and span[0].norm in lex.not_alone):
                    continue
                start = span[0].start + proclitic_chars(span[0], lex)
                end = span[-1].end
                out.append(Mention(start, end, doc.text[start:end], e.label,
                                   confidence=round(e.confidence, 4), source="crf"))
    return out


def split_coordination(span: list[Token], lex: Lexicon) -> list[list[Token]]:
    """``دمشق وبغداد`` is two places: cut before a و-word whose stem is a listed name,
    unless the whole span is itself a listed phrase (البوسنة والهرسك)."""
    if len(span) < 2:
        return [span]
    words = tuple(t.norm for t in span)
    if any(rest == words[1:] for rest, _ in lex.phrases.get(words[0], ())):
        return [span]
    out: list[list[Token]] = []
    cur: list[Token] = []
    for t in span:
        if cur and t.norm.startswith("و") and t.norm not in lex.single and t.norm[1:] in lex.single:
            out.append(cur)
            cur = []
        cur.append(t)
    out.append(cur)
    return out


def proclitic_chars(tok: Token, lex: Lexicon) -> int:
    """Original characters of a conjunction/preposition glued to a name (والرقة، بحلب).

    The tagger labels whole tokens; the mention should start at the name.  We strip the
    shortest proclitic reading whose remainder the lexicon knows (clusters, gazetteers),
    unless the whole word is itself a listed name (وليد)."""
    w = tok.norm
    if w in lex.single or w[:1] not in _PROCLITIC_START:
        return 0
    readings = []
    for removed, stem in splits(w, 2)[1:]:
        restored = stem.startswith("ال") and not w.startswith("ال", removed)  # لل = ل + ال
        readings.append((removed, not restored, stem))
    for removed, literal, stem in sorted(readings):
        if stem in lex.clusters or stem in lex.single:
            # after a restored article the name starts past both lams (للولايات → ولايات)
            return normalize(tok.text).to_orig(removed if literal else removed + 1)
    return 0


def _from_actor(m: ActorMention) -> Mention:
    a = m.actor
    assert a is not None
    return Mention(m.start, m.end, m.text, m.label, a.name, a.kind, a.id, 0.95, "dictionary")


def merge(crf: list[Mention], named: list[ActorMention]) -> list[Mention]:
    """Dictionary mentions, plus tagger mentions that overlap none of them."""
    out = [_from_actor(m) for m in named if m.actor is not None]
    taken = [(m.start, m.end) for m in out]
    for m in crf:
        if not any(m.start < e and s < m.end for s, e in taken):
            out.append(m)
    out.sort(key=lambda m: (m.start, m.end))
    return out


def stage(doc: Document, res: Resources) -> None:
    ner: NerResources = res.get("ner", load)
    found = ner.actors.find(doc)
    crf = crf_mentions(doc, ner.tagger) if ner.tagger is not None else []
    doc.mentions = merge(crf, found)
