"""The conflict-actor dictionary: what the text calls an actor → one canonical actor.

Data lives in ``resources/actors.yaml`` (see its header for the format).  The API the
events stage uses::

    from rasad.ner.actors import ActorDictionary
    actors = ActorDictionary.load()            # once per process (Resources caches it)
    for m in actors.find(doc):                 # named and generic references, in order
        m.start, m.end, m.text                 # offsets into doc.text as received
        m.actor                                # ActorEntry for a named actor, else None
        m.generic                              # "armed" | "civilian" for generic words
    actors.resolve_generic(doc, start)         # ActorEntry | None for a generic word at start
    actors.get("isis").name                    # "Islamic State (ISIS)"
    actors.civilians("SY").name                # "Civilians (Syria)"

Matching runs over the sentence tokens: the first word of an alias may carry the
proclitics و ف ب ل ك ال/لل (the mention starts after them), quotes and brackets inside
a name are skipped (تنظيم "داعش"), and the longest alias wins.

Generic words (المسلحين، الإرهابيين، التنظيم) name no one.  ``resolve_generic`` gives
them the dominant named non-state armed actor of their context: the text since the
last paragraph that turns to another front (``topic_shift`` openers such as وبشأن
الوضع في), up to the end of the generic word's paragraph, counting mentions in the
same paragraph three times.  With no such actor it returns ``None``: the caller keeps
the reference generic ("Unidentified armed group") rather than guess.  Civilian words
resolve to ``Civilians (<Country>)`` for the country the article is about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rasad.errors import RasadError
from rasad.model import Document, Sentence, Token
from rasad.ner.features import WORD_CACHE
from rasad.text.clitics import splits
from rasad.text.normalize import normalize, normalize_str
from rasad.text.segment import sentences as split_sentences

ACTORS_PATH = Path(__file__).resolve().parents[1] / "resources" / "actors.yaml"
KINDS = frozenset(
    {
        "state_forces",
        "government",
        "rebel_group",
        "political_militia",
        "identity_militia",
        "external_force",
        "civilians",
        "international_org",
        "media",
        "monitor",
    }
)
ARMED_NONSTATE = frozenset({"rebel_group", "political_militia", "identity_militia"})
LABELS = frozenset({"PER", "ORG", "LOC", "MISC"})
UNIDENTIFIED = "Unidentified armed group"
_SKIP = frozenset('"\'«»“”„()[]{}<>#_')  # marks inside a name that matching steps over
_CLOSERS = {'"': '"', "«": "»", "“": "”", "(": ")", "[": "]", "„": "“"}


@dataclass(frozen=True, slots=True)
class ActorEntry:
    id: str
    name: str
    kind: str
    country: str | None = None
    label: str = "ORG"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A stretch of text that names an actor (``actor``) or refers to one generically."""

    start: int
    end: int
    text: str
    label: str
    actor: ActorEntry | None = None
    generic: str | None = None  # "armed" | "civilian"


@dataclass(frozen=True, slots=True)
class _Alias:
    rest: tuple[str, ...]
    actor: ActorEntry | None
    label: str
    generic: str | None


@dataclass
class ActorDictionary:
    actors: dict[str, ActorEntry] = field(default_factory=dict)
    countries: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    index: dict[str, list[_Alias]] = field(default_factory=dict)
    topic_shift: tuple[tuple[str, ...], ...] = ()
    country_words: dict[str, str] = field(default_factory=dict)
    # word -> its clitic readings that start an alias, with their aliases (most words: none);
    # bounded, and lives with the dictionary (one per process, in Resources)
    _heads: dict[str, tuple[tuple[int, str, list[_Alias]], ...]] = field(
        default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: Path = ACTORS_PATH) -> ActorDictionary:
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as e:
            raise RasadError(f"{path}: cannot read actor dictionary ({e})") from None
        return cls.from_data(data, str(path))

    @classmethod
    def from_data(cls, data: dict[str, Any], where: str = "actors.yaml") -> ActorDictionary:
        problems = validate(data)
        if problems:
            raise RasadError(f"{where}: " + "; ".join(problems[:5]))
        d = cls()
        for code, c in (data.get("countries") or {}).items():
            names = tuple(str(x) for x in c.get("ar") or [])
            d.countries[code] = (str(c["name"]), names)
            for n in names:
                d.country_words[normalize_str(n)] = code
        for a in data["actors"]:
            label = a.get("label", "ORG")
            entry = ActorEntry(
                str(a["id"]), str(a["name"]), str(a["kind"]), a.get("country"), label,
                tuple(str(x) for x in [*(a.get("aliases") or []), *(a.get("person_aliases") or [])]),
            )
            d.actors[entry.id] = entry
            for alias in a.get("aliases") or []:
                d._add(str(alias), entry, label, None)
            for alias in a.get("person_aliases") or []:
                d._add(str(alias), entry, "PER", None)
        generic = data.get("generic") or {}
        for cls_name in ("armed", "civilian"):
            for w in generic.get(cls_name) or []:
                d._add(str(w), None, "ORG" if cls_name == "armed" else "MISC", cls_name)
        d.topic_shift = tuple(tuple(normalize_str(str(s)).split()) for s in generic.get("topic_shift") or [])
        for v in d.index.values():
            v.sort(key=lambda a: (-len(a.rest), a.generic is not None))
        return d

    def _add(self, alias: str, actor: ActorEntry | None, label: str, generic: str | None) -> None:
        words = normalize_str(alias).replace('"', " ").split()
        if words:
            self.index.setdefault(words[0], []).append(_Alias(tuple(words[1:]), actor, label, generic))

    # ------------------------------------------------------------------ lookup
    def get(self, actor_id: str) -> ActorEntry | None:
        return self.actors.get(actor_id)

    def civilians(self, country: str | None) -> ActorEntry:
        if country and country in self.countries:
            return ActorEntry(f"civilians_{country}", f"Civilians ({self.countries[country][0]})", "civilians",
                              country)
        return ActorEntry("civilians", "Civilians", "civilians", None)

    def find(self, doc: Document) -> list[ActorMention]:
        """Every named or generic actor reference in ``doc``, in text order."""
        sents = doc.sentences or split_sentences(doc.text)
        out: list[ActorMention] = []
        for s in sents:
            out.extend(self._find_in(doc.text, s))
        return out

    def _find_in(self, text: str, sent: Sentence) -> list[ActorMention]:
        toks = [t for t in sent.tokens if t.text not in _SKIP]
        words = [t.norm for t in toks]
        out: list[ActorMention] = []
        cache = self._heads
        found = [cache.get(w) for w in words]
        if None in found:
            found = [self._alias_heads(w) if h is None else h for w, h in zip(words, found, strict=True)]
        nxt = 0  # the first token not inside the last mention
        for i in [i for i, h in enumerate(found) if h]:  # most words start no alias
            if i < nxt:
                continue
            heads = found[i] or ()
            best: tuple[int, int, _Alias, str] | None = None  # (tokens used, chars removed, alias, head)
            for removed, head, aliases in heads:
                for al in aliases:
                    k = len(al.rest)
                    if best is not None and k + 1 <= best[0]:
                        break
                    if tuple(words[i + 1: i + 1 + k]) == al.rest:
                        best = (k + 1, removed, al, head)
                        break
            if best is None:
                continue
            used, removed, al, head = best
            if head.startswith("ال") and not words[i].startswith("ال", removed):
                removed += 1  # لل = ل + ال: the mention starts after both lams
            start = _orig_offset(toks[i], removed)
            end = _close_quote(text, toks[i + used - 1].end, start, sent.end)
            out.append(ActorMention(start, end, text[start:end], al.label, al.actor, al.generic))
            nxt = i + used
        return out

    def _alias_heads(self, word: str) -> tuple[tuple[int, str, list[_Alias]], ...]:
        """The readings of ``word`` (shortest proclitic first) that some alias starts with."""
        index = self.index
        heads = tuple((removed, head, index[head])  # the few readings an alias starts with, sorted
                      for removed, head in sorted([r for r in splits(word, 2) if r[1] in index]))
        if len(self._heads) > WORD_CACHE:  # bound memory on endless streams
            self._heads.clear()
        self._heads[word] = heads
        return heads

    # ------------------------------------------------------------------ generic references
    def resolve_generic(self, doc: Document, start: int, mentions: list[ActorMention] | None = None,
                        country: Callable[[], str | None] | None = None) -> ActorEntry | None:
        """The actor a generic reference at ``start`` stands for, or ``None``.

        ``country``, when given, answers ``doc_country(doc, mentions)``: a caller resolving
        many generic words of one article passes a memo, since the vote reads every token."""
        ms = mentions if mentions is not None else self.find(doc)
        here = next((m for m in ms if m.start <= start < m.end), None)
        if here is not None and here.generic == "civilian":
            return self.civilians(country() if country is not None else self.doc_country(doc, ms))
        text = doc.text
        para_start = text.rfind("\n", 0, start) + 1
        para_end = text.find("\n", start)
        para_end = len(text) if para_end < 0 else para_end
        seg_start = self._segment_start(text, para_start)
        score: Counter[str] = Counter()
        last_seen: dict[str, int] = {}
        for m in ms:
            if m.actor is None or m.actor.kind not in ARMED_NONSTATE:
                continue
            if not seg_start <= m.start < para_end:
                continue
            score[m.actor.id] += 3 if m.start >= para_start else 1
            if m.start < start:
                last_seen[m.actor.id] = m.start
        if not score:
            return None
        best = max(score, key=lambda a: (score[a], last_seen.get(a, -1)))
        return self.actors[best]

    def _segment_start(self, text: str, para_start: int) -> int:
        """Start of the paragraph, at or before ``para_start``, that opened the current front."""
        p = para_start
        while True:
            if self._opens_new_front(text, p):
                return p
            if p == 0:
                return 0
            p = text.rfind("\n", 0, p - 1) + 1

    def _opens_new_front(self, text: str, p: int) -> bool:
        head = normalize_str(text[p: p + 60]).split()
        return any(tuple(head[: len(s)]) == s for s in self.topic_shift if s)

    def doc_country(self, doc: Document, mentions: list[ActorMention] | None = None) -> str | None:
        """The country an article is about: country names, then local armed actors."""
        ms = mentions if mentions is not None else self.find(doc)
        votes: dict[str, float] = {}
        for s in doc.sentences or split_sentences(doc.text):
            for t in s.tokens:
                for _r, w in splits(t.norm, 2):
                    code = self.country_words.get(w)
                    if code:
                        votes[code] = votes.get(code, 0.0) + 1.0
                        break
        for m in ms:
            a = m.actor
            if a is None or not a.country:
                continue
            if a.kind in ARMED_NONSTATE:
                votes[a.country] = votes.get(a.country, 0.0) + 1.0
            elif a.kind == "state_forces":
                votes[a.country] = votes.get(a.country, 0.0) + 0.5
        if not votes:
            return None
        return max(votes, key=lambda c: votes[c])


def _orig_offset(tok: Token, removed: int) -> int:
    """Original offset of normalised character ``removed`` of ``tok``."""
    if removed == 0:
        return tok.start
    nz = normalize(tok.text)
    return tok.start + nz.to_orig(removed)


def _close_quote(text: str, end: int, start: int, limit: int) -> int:
    """Extend ``end`` over the closing mark of a quote the mention opened (تنظيم "داعش")."""
    inner = text[start:end]
    for o, c in _CLOSERS.items():
        unbalanced = inner.count(o) % 2 == 1 if o == c else inner.count(o) > inner.count(c)
        if unbalanced:
            j = end
            while j < limit and text[j] == " ":
                j += 1
            if j < limit and text[j] == c:
                return j + 1
    return end


def validate(data: Any) -> list[str]:
    """Problems in an actor dictionary, phrased for the analyst who edits it."""
    problems: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        return ["top level must be a mapping with an 'actors' list"]
    seen: set[str] = set()
    aliases: dict[str, str] = {}
    countries = data.get("countries") or {}
    for i, a in enumerate(data["actors"]):
        where = f"actors[{i}]"
        if not isinstance(a, dict):
            problems.append(f"{where}: not a mapping")
            continue
        aid = a.get("id")
        if not aid or not isinstance(aid, str):
            problems.append(f"{where}: missing id")
            continue
        if aid in seen:
            problems.append(f"{aid}: duplicate id")
        seen.add(aid)
        if not a.get("name"):
            problems.append(f"{aid}: missing name")
        if a.get("kind") not in KINDS:
            problems.append(f"{aid}: kind {a.get('kind')!r} is not one of {sorted(KINDS)}")
        if a.get("label", "ORG") not in LABELS:
            problems.append(f"{aid}: label must be one of {sorted(LABELS)}")
        if a.get("country") is not None and a["country"] not in countries:
            problems.append(f"{aid}: country {a['country']!r} not in countries")
        names = [*(a.get("aliases") or []), *(a.get("person_aliases") or [])]
        if not names:
            problems.append(f"{aid}: no aliases")
        for al in names:
            key = normalize_str(str(al))
            if key in aliases and aliases[key] != aid:
                problems.append(f"{aid}: alias {al!r} already belongs to {aliases[key]}")
            aliases[key] = aid
    return problems
