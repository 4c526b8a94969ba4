#!/usr/bin/env python3
"""Reproduce the random order in which the held-out articles were reviewed.

The held-out readings must not be hand-picked from articles the extractor is known to handle, so the
candidates were drawn with a fixed seed and read in that order. This prints, per outlet, the first
candidates with their keyword hits; README.md says which were kept and why the others were skipped.

Usage:
  sample.py [--corpus ../shared/data/ant-news/ant-news-2018.jsonl.xz] [--per-outlet 12]
"""

from __future__ import annotations

import argparse
import json
import lzma
import random
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEV = HERE.parent / "dev"
CORPUS = HERE.parents[3] / "shared" / "data" / "ant-news" / "ant-news-2018.jsonl.xz"
SEED = 20181125
KEYWORDS = ("قصف", "غارة", "اشتباكات", "مقتل", "قتلى", "هجوم", "انفجار", "سيطرة", "اعتقال", "تظاهر")
OUTLETS = ("skynews", "france24", "BBC", "CNN", "alarabia")
MIN_CHARS, MAX_CHARS = 500, 2200
DEV_AT_DRAW = HERE / "dev-at-draw.ids"  # the development readings that existed when the draw was made


def excluded_ids() -> set[str]:
    """The articles the draw skipped: the development set as it was then (it has grown since,
    and a later reading must not shift which held-out candidates come first)."""
    return set(DEV_AT_DRAW.read_text(encoding="utf-8").split())


def hits(record: dict[str, Any]) -> set[str]:
    return {k for k in KEYWORDS if k in record["text"]}


def eligible(record: dict[str, Any], excluded: set[str]) -> bool:
    """Conflict-looking, readable in one sitting, and not already a development reading."""
    if record["id"] in excluded or not MIN_CHARS <= len(record["text"]) <= MAX_CHARS:
        return False
    return len(hits(record)) >= 2 or any(k in record["title"] for k in KEYWORDS)


def draw(records: list[dict[str, Any]], excluded: set[str]) -> dict[str, list[dict[str, Any]]]:
    """One seeded generator, outlets in a fixed order, each pool sorted by id before shuffling."""
    rng = random.Random(SEED)
    order: dict[str, list[dict[str, Any]]] = {}
    for outlet in OUTLETS:
        pool = sorted((r for r in records if r["outlet"] == outlet and eligible(r, excluded)), key=lambda r: r["id"])
        rng.shuffle(pool)
        order[outlet] = pool
    return order


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--per-outlet", type=int, default=12)
    args = ap.parse_args(argv)
    with lzma.open(args.corpus, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh]
    excluded = excluded_ids()
    for outlet, pool in draw(records, excluded).items():
        print(f"{outlet}: {len(pool)} candidates")
        for i, r in enumerate(pool[: args.per_outlet]):
            print(f"  {i:2d} {r['id']:40s} {len(r['text']):5d} {' '.join(sorted(hits(r)))} | {r['title']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
