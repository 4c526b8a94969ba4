"""Training end to end on a slice of ANERcorp: files written, loadable, deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import need_shared

from rasad.ner.conll import read_conll
from rasad.ner.tagger import Tagger, pass1_path
from rasad.ner.train import TRAIN_FILE, train
from rasad.text.normalize import normalize_str


@pytest.mark.slow
def test_train_writes_a_loadable_two_pass_model(tmp_path: Path):
    data = need_shared("data", "anercorp")
    sents = read_conll(data / TRAIN_FILE)[:100]
    params = {"max_iterations": 30}
    a = train(data, tmp_path / "a" / "ner.crfsuite", params, quiet=True, sents=sents)
    b = train(data, tmp_path / "b" / "ner.crfsuite", params, quiet=True, sents=sents)
    for p in (a, pass1_path(a)):
        assert p.exists() and p.stat().st_size > 0
    assert a.read_bytes() == b.read_bytes()  # same data, same model
    tagger = Tagger(a)
    words, gold = next((w, g) for w, g in sents if any(t.endswith("LOC") for t in g))
    pred = tagger.tag([normalize_str(w) for w in words])
    assert len(pred) == len(words)
    # a model fitted on a sentence gets its places back
    assert [i for i, t in enumerate(pred) if t.endswith("LOC")] == [i for i, t in enumerate(gold) if t.endswith("LOC")]
