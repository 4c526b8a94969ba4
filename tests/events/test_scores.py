"""The scorer's figures on the seed and the development set hold their bars.

The seed bars are the issue's; the dev-set floor is what we reached
(``tests/events/dev_scores.json``) minus a small tolerance, so a change that loses
ground on unseen-style articles fails here.  When readings are added to the set (or
the extractor improves), re-record the floor from ``rasad eval events tests/data/dev
--json`` — never lower it to make a regression pass.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.conftest import REPO, need_shared

from rasad.events.evaluate import score_gold_dir

SEED_BARS = {
    "detection_f1": 0.90, "typed_f1": 0.85, "location_acc": 0.90, "fatalities_acc": 0.90,
    "quantities_recall": 0.90, "source_acc": 0.90, "date_acc": 0.90,
}
DEV_DIR = REPO / "tests" / "data" / "dev"
FLOOR = Path(__file__).with_name("dev_scores.json")


def test_seed_meets_the_issue_bars(pipeline):
    scorer = need_shared("eval", "score.py")
    fig = score_gold_dir(need_shared("seed"), scorer, pipeline)
    for k, bar in SEED_BARS.items():
        assert fig[k] >= bar, (k, fig[k])
    assert fig["must_not_violations"] == 0


@pytest.mark.slow
def test_dev_set_does_not_drop_below_what_we_reached(pipeline):
    scorer = need_shared("eval", "score.py")
    if not any(DEV_DIR.glob("*.gold.json")):
        pytest.skip("no development readings in tests/data/dev")
    fig = score_gold_dir(DEV_DIR, scorer, pipeline)
    floor = json.loads(FLOOR.read_text(encoding="utf-8"))
    tol = floor.pop("tolerance")
    floor.pop("documents")  # how many readings the figures were reached on (the set grows)
    print(json.dumps(fig))
    for k, reached in floor.items():
        if k == "must_not_violations":
            assert fig[k] <= reached, (k, fig[k])
        else:
            assert fig[k] >= reached - tol, (k, fig[k], reached)
