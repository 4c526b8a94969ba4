"""Whole-article golden outputs: the events table of a few real articles, reviewed by eye.

A change that alters what rasad reads from these articles shows up here as a diff a
reviewer can read.  When the change is intended, regenerate with
``RASAD_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/events/test_golden.py`` and
review the diff of ``tests/data/golden/*.events.txt`` before committing it.
"""

from __future__ import annotations

import json
import os

import pytest
from tests.conftest import REPO, need_shared

from rasad.render import events_table

GOLDEN = REPO / "tests" / "data" / "golden"
DEV = REPO / "tests" / "data" / "dev"
ARTICLES = ("rt-2016-12-12-palmyra", "SK-middleEast-2798-20180708", "FR-internationalNews-1033-20180501")


def _article(name: str) -> tuple[str, dict]:
    if name.startswith("rt-"):
        txt = need_shared("seed", f"{name}.txt")
        gold = need_shared("seed", f"{name}.gold.json")
    else:
        txt, gold = DEV / f"{name}.txt", DEV / f"{name}.gold.json"
        if not txt.exists():
            pytest.skip(f"{txt} not in the development set")
    return txt.read_text(encoding="utf-8"), json.loads(gold.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ARTICLES)
def test_events_table_matches_golden(pipeline, name):
    text, gold = _article(name)
    doc = pipeline.extract(text, id=name, published=gold.get("published"), outlet=gold.get("outlet"), strict=False)
    got = events_table(doc)
    path = GOLDEN / f"{name}.events.txt"
    if os.environ.get("RASAD_UPDATE_GOLDEN") or not path.exists():
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
