"""Geocoding accuracy on 250+ place mentions read by hand from ant-news-2018 articles.

Each line of tests/data/geo/places.jsonl names an article, a sentence of it, the words of
the mention and what an analyst reads there: a GeoNames place (id, country, precision), a
country or region, a name we cannot resolve (it must stay unresolved, never be guessed)
or a name that is not a place at all (حكومة دمشق).  The whole article is geocoded, so
the article's own context counts, as it does in use.
"""

from __future__ import annotations

import json
import lzma
import re
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import need_shared

from rasad.geo.gazetteer import load
from rasad.geo.stage import geocode
from rasad.model import Place

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "geo"
DATA = DATA_DIR / "places.jsonl"  # the development set: read while the geocoder was being built
HELDOUT = DATA_DIR / "heldout.jsonl"  # read blind, scored once, never tuned on


def _records(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def articles() -> dict[str, str]:
    corpus = need_shared("data", "ant-news", "ant-news-2018.jsonl.xz")
    want = {r["article"] for r in [*_records(), *_records(HELDOUT)]}
    out: dict[str, str] = {}
    with lzma.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            if not any(w in line[:200] for w in want):
                continue
            d = json.loads(line)
            if d["id"] in want:
                out[d["id"]] = d["text"]
    return out


def mention_offset(sentence: str, mention: str) -> int:
    """First occurrence of ``mention`` as a word (proclitics allowed before, no letter after)."""
    for m in re.finditer(re.escape(mention), sentence):
        after = sentence[m.end():m.end() + 1]
        if not (after.isalpha() or "\u064b" <= after <= "\u0652"):
            return m.start()
    raise AssertionError(f"{mention!r} is not a word of {sentence!r}")


def _place_at(places: list[Place], start: int, end: int) -> Place | None:
    best, overlap = None, 0
    for p in places:
        o = min(p.end, end) - max(p.start, start)
        if o > overlap:
            best, overlap = p, o
    return best


def judge(rec: dict, p: Place | None) -> tuple[bool, bool, bool]:
    """(right, wrong_country, precision_agrees) for one record."""
    kind = rec["expect"]
    located = p is not None and p.geonameid is not None and p.role is None
    if kind == "not_a_place":
        return not located and (p is None or p.precision != "country" or p.role is not None), False, True
    if kind == "unresolved":
        return p is None or p.geonameid is None, p is not None and p.geonameid is not None, True
    if p is None or p.role is not None:
        return False, False, False
    wrong_country = p.country is not None and p.country != rec["country"]
    if kind == "area":
        ok = p.precision == rec["precision"] and p.country == rec["country"]
        return ok, wrong_country, p.precision == rec["precision"]
    ok = p.geonameid in (rec["geonameid"], *rec.get("also", ()))
    return ok, wrong_country, p.precision == rec["precision"]


def test_place_set_is_large_and_well_formed() -> None:
    recs = _records()
    assert len(recs) >= 150
    kinds = Counter(r["expect"] for r in recs)
    assert {"place", "area", "unresolved", "not_a_place"} <= set(kinds)
    for r in recs:
        assert mention_offset(r["sentence"], r["mention"]) >= 0
        if r["expect"] == "place":
            assert isinstance(r["geonameid"], int) and len(r["country"]) == 2


@pytest.mark.parametrize(
    ("path", "min_accuracy", "min_precision"), [(DATA, 0.95, 0.85), (HELDOUT, 0.85, 0.75)], ids=["dev", "heldout"]
)
def test_geocoding_accuracy(
    articles: dict[str, str], capsys: pytest.CaptureFixture[str], path: Path, min_accuracy: float,
    min_precision: float,
) -> None:
    gaz = load()
    recs = _records(path)
    docs = {aid: geocode(articles[aid], gaz) for aid in {r["article"] for r in recs}}
    right = wrong_cc = prec_ok = 0
    misses: list[str] = []
    for r in recs:
        text = articles[r["article"]]
        s = text.index(r["sentence"])
        m = s + mention_offset(r["sentence"], r["mention"])
        p = _place_at(docs[r["article"]], m, m + len(r["mention"]))
        ok, bad_cc, prec = judge(r, p)
        right += ok
        wrong_cc += bad_cc
        prec_ok += prec
        if not ok or not prec:
            got = f"{p.geonameid} {p.country} {p.precision} {p.role or ''}" if p else "nothing"
            misses.append(f"{r['article']} {r['mention']}: want {r.get('geonameid', r['expect'])} "
                          f"{r.get('country', '')} {r.get('precision', '')}; got {got}")
    n = len(recs)
    with capsys.disabled():
        print(f"\ngeo accuracy ({path.stem}): {right}/{n} = {right / n:.1%}; wrong country: {wrong_cc}; "
              f"precision agrees: {prec_ok}/{n} = {prec_ok / n:.1%}")
        for line in misses:
            print("  miss:", line)
    assert right / n >= min_accuracy
    assert wrong_cc == 0
    assert prec_ok / n >= min_precision
