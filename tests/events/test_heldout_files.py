"""The held-out readings (tests/data/heldout) are sound, and really held out.

They exist so rasad can report figures on articles nobody tuned on. The same checks as the
development set apply (tests/data/dev/validate.py); on top, no article may also be a development
reading or the seed, and every article must appear in the README's list with its sampling record.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.conftest import need_shared
from tests.events import test_devset_files as devset

DATA = Path(__file__).resolve().parents[1] / "data"
HELDOUT = DATA / "heldout"
DEV = DATA / "dev"

# the development set's validator, GeoNames fixture and perfect-prediction builder, reused as they are
validate = devset.validate
geonames = devset.geonames
_oracle = devset._oracle


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def readings() -> list[dict[str, Any]]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(HELDOUT.glob("*.gold.json"))]


# Soundness and corpus fidelity are checked for both sets in test_devset_files.py.


def test_no_article_is_also_a_development_reading_or_the_seed() -> None:
    held = {p.name.removesuffix(".gold.json") for p in HELDOUT.glob("*.gold.json")}
    dev = {p.name.removesuffix(".gold.json") for p in DEV.glob("*.gold.json")}
    assert held and dev
    assert held.isdisjoint(dev)
    assert not any(h.startswith("rt-") for h in held)
    dev_texts = {p.read_bytes() for p in DEV.glob("*.txt")}
    assert not [p.name for p in HELDOUT.glob("*.txt") if p.read_bytes() in dev_texts]


def test_the_set_is_large_and_varied() -> None:
    golds = readings()
    assert len(golds) >= 20
    assert set(Counter(g["outlet"] for g in golds)) == {"skynews", "BBC", "CNN", "alarabia", "france24"}
    owed = [[e for e in g["events"] if not e.get("optional")] for g in golds]
    assert sum(1 for o in owed if not o) >= 2, "some articles must report no (owed) event at all"
    kinds = {e["acled"][0] for o in owed for e in o}
    assert kinds == {"battles", "explosions_remote_violence", "violence_against_civilians", "protests", "riots",
                     "strategic_developments"}
    countries = {p["country"] for g in golds for p in g["places"]} | {
        e["location_country"] for g in golds for e in g["events"] if "location_country" in e}
    assert len(countries) >= 10
    assert sum(len(g["must_not_extract"]) for g in golds) >= 60


def test_the_readme_lists_every_article_and_the_sampling() -> None:
    readme = (HELDOUT / "README.md").read_text(encoding="utf-8")
    for g in readings():
        assert f"| {g['id']} |" in readme, g["id"]
    sample = _load("heldout_sample", HELDOUT / "sample.py")
    assert str(sample.SEED) in readme
    assert all(k in readme for k in sample.KEYWORDS)


def test_the_sampling_is_reproducible_and_every_article_was_drawn() -> None:
    """Each held-out article is among the seeded draw's first candidates of its outlet."""
    corpus = need_shared("data", "ant-news", "ant-news-2018.jsonl.xz")
    sample = _load("heldout_sample", HELDOUT / "sample.py")
    records = list(validate.load_corpus(corpus).values())
    excluded = sample.excluded_ids()
    assert excluded <= {p.name.removesuffix(".gold.json") for p in DEV.glob("*.gold.json")}
    order = sample.draw(records, excluded)
    assert order == sample.draw(records, excluded)
    for g in readings():
        head = [r["id"] for r in order[g["outlet"]][:12]]
        assert g["id"] in head, (g["id"], g["outlet"])


# The perfect-reading check through the shared scorer runs for both sets in test_devset_files.py.
