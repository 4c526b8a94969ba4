"""Score the events stage on a directory of reference readings with the project's scorer.

The scorer (``../shared/eval/score.py``) is the judge, so we do not re-implement it: we
run the whole pipeline on every ``ID.txt`` beside an ``ID.gold.json``, write the
extractions as JSONL and run the scorer on them, reading its ``--json`` figures.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from rasad.errors import InputError


def extract_gold_dir(gold: Path, out: Path, pipeline: Any = None) -> int:
    """Run the pipeline on every reading's article; returns the number of articles."""
    if pipeline is None:
        from rasad.pipeline import default_pipeline

        pipeline = default_pipeline()
    files = sorted(gold.glob("*.gold.json")) if gold.is_dir() else [gold]
    if not files:
        raise InputError(str(gold), "no *.gold.json readings found")
    with out.open("w", encoding="utf-8") as fh:
        for f in files:
            g = json.loads(f.read_text(encoding="utf-8"))
            text = g.get("text") or f.with_name(f.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
            doc = pipeline.extract(text, id=g["id"], published=g.get("published"), outlet=g.get("outlet"),
                                   title=g.get("title"), strict=False)
            fh.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
    return len(files)


def score_gold_dir(gold: Path, scorer: Path, pipeline: Any = None, notes: bool = False) -> dict[str, Any]:
    """The scorer's figures for rasad on ``gold``; with ``notes`` also its per-event notes."""
    if not scorer.exists():
        raise InputError(str(scorer), "scorer not found (set RASAD_SHARED or give --scorer)")
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "pred.jsonl"
        extract_gold_dir(gold, pred, pipeline)
        cmd = [sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json"]
        if not notes:
            cmd.append("--quiet")
        res = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise InputError(str(scorer), f"scorer failed: {res.stderr.strip()[-300:]}")
    lines = res.stdout.strip().splitlines()
    figures: dict[str, Any] = json.loads(lines[-1])
    if notes:
        figures["notes"] = [ln.strip() for ln in lines[:-1]]
    return figures
