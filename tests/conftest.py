"""Shared fixtures: where ../shared is, the seed article, a loaded pipeline."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASAD_SHARED", REPO.parent / "shared")).resolve()
SEED_TXT = SHARED / "seed" / "rt-2016-12-12-palmyra.txt"
SEED_GOLD = SHARED / "seed" / "rt-2016-12-12-palmyra.gold.json"
SCHEMA = SHARED / "contract" / "extraction.schema.json"


def need_shared(*parts: str) -> Path:
    """Path under ../shared, or skip with the reason (a clone without it still tests)."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{p} is missing in CI; ../shared must be beside the checkout")
        pytest.skip(f"{p} not found: ../shared is not beside this checkout")
    return p


@pytest.fixture(scope="session")
def shared() -> Path:
    return need_shared()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return need_shared("seed", "rt-2016-12-12-palmyra.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(need_shared("seed", "rt-2016-12-12-palmyra.gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def schema() -> dict:
    return json.loads(need_shared("contract", "extraction.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pipeline():
    from rasad.pipeline import default_pipeline

    return default_pipeline()


@pytest.fixture(scope="session")
def seed_doc(pipeline, seed_text):
    return pipeline.extract(seed_text, id="rt-2016-12-12-palmyra", published="2016-12-12")
