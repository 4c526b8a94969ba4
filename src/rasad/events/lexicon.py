"""The events stage's language data, loaded once from ``resources/events/*.yaml``.

Everything an analyst may want to edit (trigger words, cue words, reporting verbs,
modality words) lives in YAML; this module only turns it into matching structures: one
compiled regex over normalised text for all triggers, and sets of normalised phrases
(as token tuples) for the cue lists.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
import yaml

from rasad.text.normalize import normalize_str

Phrase = tuple[str, ...]
RESOURCE_DIR = Path(__file__).resolve().parents[1] / "resources" / "events"

# Suffixes a trigger stem may carry (normalised script): plural/dual endings, verb
# person endings and attached pronouns.  Kept short so stems do not swallow other words.
_SUFFIXES = (
    "ات", "ان", "ين", "ون", "وا", "ا", "ت", "تا", "تم", "ه", "ها", "هم", "هما", "هن", "ته", "تها", "تهم", "تهما",
    "نا", "وه", "وها", "وهم",
)
_PREFIX = r"(?:[وف]?(?:بال|كال|لل|ال|[بلكس])?)"
_MIN_TYPO_LEN = 5


def norm_phrase(s: str) -> Phrase:
    """A phrase as a tuple of normalised words (ـ and the tatweel-like ـ dropped)."""
    return tuple(w for w in normalize_str(s.replace("ـ", " ")).split() if w)


class PhraseSet:
    """Phrases indexed by their first word, for matching at a token position."""

    __slots__ = ("by_first", "firsts", "phrases")

    def __init__(self, phrases: frozenset[Phrase]) -> None:
        self.phrases = phrases
        self.by_first: dict[str, list[Phrase]] = {}
        for p in sorted(phrases, key=len, reverse=True):
            self.by_first.setdefault(p[0], []).append(p)
        self.firsts = frozenset(self.by_first)

    def __bool__(self) -> bool:
        return bool(self.phrases)

    def __contains__(self, p: object) -> bool:
        return p in self.phrases


@lru_cache(maxsize=256)
def firsts_of(*sets: PhraseSet) -> frozenset[str]:
    """The first words of several phrase sets together: a token none of them can start is
    passed over with one set test instead of one match per set."""
    return frozenset().union(*(ps.firsts for ps in sets))


@dataclass(frozen=True, slots=True)
class Cue:
    name: str
    subtype: str | None
    category: str | None
    side: str  # before | after | around
    phrases: PhraseSet


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    id: str
    gloss: str
    subtype: str
    category: str | None
    pos: str
    strength: str
    cues: tuple[str, ...]
    requires: PhraseSet
    not_after: PhraseSet
    not_before: PhraseSet
    rule: str | None
    requires_sentence: bool = False
    requires_window: int | None = None
    verb_forms: frozenset[str] = frozenset()  # normalised finite-verb forms (the rest are verbal nouns)


@dataclass(frozen=True, slots=True)
class SubtypeInfo:
    acled_type: str
    plover: str | None
    mode: str | None
    severity: int


@dataclass(slots=True)
class Lexicon:
    entries: dict[str, TriggerEntry]
    form_entry: dict[str, str]  # normalised form (or typo variant) -> entry id
    typo_forms: frozenset[str]
    trigger_re: Any  # TriggerIndex
    window: int
    cue_window: int
    cues: dict[str, Cue]
    fatal_before: PhraseSet
    fatal_after: PhraseSet
    fatal_not: PhraseSet
    subtypes: dict[str, SubtypeInfo]
    categories: dict[str, dict[str, str]]
    distinct: PhraseSet = field(default_factory=lambda: PhraseSet(frozenset()))
    territory: PhraseSet = field(default_factory=lambda: PhraseSet(frozenset()))
    doer_verbs: PhraseSet = field(default_factory=lambda: PhraseSet(frozenset()))
    self_pronouns: PhraseSet = field(default_factory=lambda: PhraseSet(frozenset()))
    force_nouns: PhraseSet = field(default_factory=lambda: PhraseSet(frozenset()))
    rep: dict[str, PhraseSet] = field(default_factory=dict)
    outlets: dict[str, str] = field(default_factory=dict)
    nationalities: dict[str, tuple[str, str]] = field(default_factory=dict)  # adjective stem -> (ISO2, country)
    countries: dict[str, str] = field(default_factory=dict)  # ISO2 -> English name
    state_forces: PhraseSet = field(default_factory=lambda: PhraseSet(frozenset()))
    police_forces: PhraseSet = field(default_factory=lambda: PhraseSet(frozenset()))
    mod: dict[str, PhraseSet] = field(default_factory=dict)
    mod_window: int = 7
    stale_days: int = 14
    max_span_days: int = 60


def _load_yaml(name: str) -> dict[str, Any]:
    text = (RESOURCE_DIR / name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ValueError(f"resources/events/{name}: expected a mapping")
    return data


def _phrases(items: list[str] | None) -> PhraseSet:
    return PhraseSet(frozenset(p for p in (norm_phrase(x) for x in items or []) if p))


def transpositions(form: str) -> set[str]:
    """Variants of ``form`` with two neighbouring letters swapped (not the first letter)."""
    out = set()
    for i in range(1, len(form) - 1):
        a, b = form[i], form[i + 1]
        if a != b and a != " " and b != " ":
            out.add(form[:i] + b + a + form[i + 2:])
    return out


def build_trigger_regex(forms: list[str]) -> Any:
    """One regex for every trigger form: word start, optional proclitics, form, suffix.

    Kept for tests and as a readable statement of what ``TriggerIndex`` matches.
    """
    alts = sorted(set(forms), key=lambda f: (-len(f), f))
    body = "|".join(r"\s+".join(regex.escape(w) for w in f.split()) for f in alts)
    suf = "|".join(sorted(_SUFFIXES, key=len, reverse=True))
    return regex.compile(rf"(?<!\p{{L}})(?P<pre>{_PREFIX})(?P<form>{body})(?:{suf})?(?!\p{{L}})", regex.V1)


_PREFIXES = frozenset(c + p for c in ("", "و", "ف") for p in ("", "بال", "كال", "لل", "ال", "ب", "ل", "ك", "س"))
_SUFFIX_SET = frozenset(_SUFFIXES)


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    pre: str
    form: str
    start: int  # of the proclitics (word start), normalised offsets
    form_start: int
    end: int  # end of the word (suffix included)


class TriggerIndex:
    """Every trigger form in one Aho-Corasick automaton over the normalised text.

    One pass finds all forms; a hit counts when what precedes it in its word is a
    proclitic sequence (و ف ب ل ك ال لل س) and what follows is a known suffix — the
    same words the regex above describes, at a fraction of its cost.
    """

    def __init__(self, forms: list[str]) -> None:
        import ahocorasick

        self.automaton = ahocorasick.Automaton()
        for f in set(forms):
            self.automaton.add_word(f, f)
        self.automaton.make_automaton()

    def finditer(self, text: str) -> list[TriggerMatch]:
        spaced = _WS.sub(" ", text)
        n = len(text)
        cands: list[TriggerMatch] = []
        for last, form in self.automaton.iter(spaced):
            fs = last - len(form) + 1
            ws = fs
            while ws > 0 and fs - ws <= 4 and spaced[ws - 1].isalpha():
                ws -= 1
            if ws > 0 and spaced[ws - 1].isalpha():
                continue
            pre = spaced[ws:fs]
            if pre not in _PREFIXES:
                continue
            we = last + 1
            while we < n and we - last <= 5 and spaced[we].isalpha():
                we += 1
            if we < n and spaced[we].isalpha():
                continue
            suf = spaced[last + 1:we]
            if suf and suf not in _SUFFIX_SET:
                continue
            cands.append(TriggerMatch(pre, form, ws, fs, we))
        cands.sort(key=lambda m: (m.start, -(m.end - m.start), -len(m.form)))
        out: list[TriggerMatch] = []
        for m in cands:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        return out


# spaces a multi-word form may span; a regex replaces the few there are ten times faster than str.translate
_WS = re.compile("[\n\t\r\u00a0\u2009\u200a\u202f]")


SYNTAX_KEYS = ("prepositions", "target_prepositions", "adjunct_words", "agent_markers", "doer_verbs",
               "oblique_clitics", "allegiance_words", "exposure_verbs",
               "organisation_nouns", "near_words", "responsibility_words",
               "member_nouns", "time_order_words", "seat_words")


def load_syntax(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """The function-word lists of ``syntax.yaml``, checked: every key present, single
    normalised words only (the matcher compares normalised tokens)."""
    from rasad.text.normalize import normalize_str

    if path is None:
        data = _load_yaml("syntax.yaml")
    else:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping")
    out: dict[str, tuple[str, ...]] = {}
    for key in SYNTAX_KEYS:
        words = data.get(key)
        if not isinstance(words, list) or not words:
            raise ValueError(f"resources/events/syntax.yaml: '{key}' must be a non-empty list")
        for w in words:
            if not isinstance(w, str) or not w or " " in w or normalize_str(w) != w:
                raise ValueError(f"resources/events/syntax.yaml: {key} entry {w!r} must be one normalised word")
        out[key] = tuple(words)
    unknown = set(data) - set(SYNTAX_KEYS)
    if unknown:
        raise ValueError(f"resources/events/syntax.yaml: unknown keys {sorted(unknown)}")
    return out


def load_lexicon() -> Lexicon:
    trig = _load_yaml("triggers.yaml")
    tax = _load_yaml("taxonomy.yaml")
    rep = _load_yaml("reporting.yaml")
    mod = _load_yaml("modality.yaml")
    subtypes: dict[str, SubtypeInfo] = {}
    for acled_type, subs in tax["types"].items():
        for sub, info in subs.items():
            subtypes[sub] = SubtypeInfo(acled_type, info.get("plover"), info.get("mode"), int(info.get("severity", 0)))
    cues: dict[str, Cue] = {}
    for name, c in (trig.get("cues") or {}).items():
        cues[name] = Cue(name, c.get("subtype"), c.get("category"), c.get("side", "around"), _phrases(c.get("words")))
    entries: dict[str, TriggerEntry] = {}
    form_entry: dict[str, str] = {}
    for e in trig["entries"]:
        entry = TriggerEntry(
            id=e["id"], gloss=e.get("gloss", ""), subtype=e["subtype"], category=e.get("category"),
            pos=e.get("pos", "noun"), strength=e.get("strength", "strong"), cues=tuple(e.get("cues") or ()),
            requires=_phrases(e.get("requires")), not_after=_phrases(e.get("not_after")),
            not_before=_phrases(e.get("not_before")), rule=e.get("rule"),
            requires_sentence=e.get("requires_scope") == "sentence", requires_window=e.get("requires_window"),
            verb_forms=frozenset(" ".join(norm_phrase(f)) for f in e.get("verbs") or ()),
        )
        entries[entry.id] = entry
        for f in e["forms"]:
            form_entry.setdefault(" ".join(norm_phrase(f)), entry.id)
    typos: dict[str, str] = {}
    for f, eid in form_entry.items():
        if len(f) >= _MIN_TYPO_LEN and " " not in f:
            for v in transpositions(f):
                if v not in form_entry:
                    typos.setdefault(v, eid)
    all_forms = dict(typos) | form_entry
    fat = trig.get("fatality") or {}
    lex = Lexicon(
        entries=entries, form_entry=all_forms, typo_forms=frozenset(typos), trigger_re=TriggerIndex(list(all_forms)),
        window=int(trig.get("window", 5)), cue_window=int(trig.get("cue_window", 3)), cues=cues, fatal_before=_phrases(fat.get("before")),
        fatal_after=_phrases(fat.get("after")), fatal_not=_phrases(fat.get("not")), subtypes=subtypes,
        categories={k: dict(v) for k, v in (tax.get("categories") or {}).items()},
        mod_window=int(mod.get("window", 7)), stale_days=int(mod.get("stale_days", 14)),
        max_span_days=int(mod.get("max_span_days", 60)), distinct=_phrases(trig.get("distinct")),
        territory=_phrases(trig.get("territory_nouns")), doer_verbs=_phrases(trig.get("doer_verbs")),
        self_pronouns=_phrases(trig.get("self_pronouns")), force_nouns=_phrases(trig.get("force_nouns")),
    )
    for key in ("verbs", "denial", "continuation", "participles", "phrases", "spokesman", "titles", "between", "generic", "not_names", "media"):
        lex.rep[key] = _phrases(rep.get(key))
    for key in ("negation", "not_negation_after", "npi", "intention", "conditional", "unverified", "breaks",
                "background", "purpose_lam_ok_after", "relative", "demand", "after", "light_verbs", "cumulative", "similar", "time_units", "witnessed", "vague_counts", "not_conflict",
                "soft_background", "war_tolls"):
        lex.mod[key] = _phrases(mod.get(key))
    lex.mod["one_killed"] = _phrases(fat.get("one"))  # (triggers.yaml fatality.one)
    lex.outlets = {str(k): str(v) for k, v in (rep.get("outlets") or {}).items()}
    nat = _load_yaml("nationalities.yaml")
    lex.nationalities = {normalize_str(k): (str(v[0]), str(v[1])) for k, v in (nat.get("adjectives") or {}).items()}
    lex.countries = {code: country for code, country in lex.nationalities.values()}
    lex.state_forces, lex.police_forces = _phrases(nat.get("state_forces")), _phrases(nat.get("police_forces"))
    validate(lex)
    return lex


def validate(lex: Lexicon) -> None:
    """Refuse a lexicon that names a sub-type or cue set that does not exist."""
    for e in lex.entries.values():
        if e.subtype not in lex.subtypes:
            raise ValueError(f"triggers.yaml: {e.id}: unknown sub-type {e.subtype}")
        if e.category and e.category not in lex.categories:
            raise ValueError(f"triggers.yaml: {e.id}: unknown category {e.category}")
        missing = e.verb_forms - {f for f, eid in lex.form_entry.items() if eid == e.id}
        if missing:
            raise ValueError(f"triggers.yaml: {e.id}: verbs not among its forms: {sorted(missing)}")
        for c in e.cues:
            if c not in lex.cues:
                raise ValueError(f"triggers.yaml: {e.id}: unknown cue set {c}")
    for cue in lex.cues.values():
        if cue.subtype and cue.subtype not in lex.subtypes:
            raise ValueError(f"triggers.yaml: cue {cue.name}: unknown sub-type {cue.subtype}")
