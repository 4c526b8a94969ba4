"""The NER language data loads and says what the files claim."""

from __future__ import annotations

import gzip

import yaml

from rasad.ner.clusters import load_clusters
from rasad.ner.features import CUE_KINDS, RESOURCES, Featurizer, Lexicon
from rasad.text.normalize import normalize_str


def test_cue_lists_are_well_formed():
    doc = yaml.safe_load((RESOURCES / "cues.yaml").read_text(encoding="utf-8"))
    for kind in (*CUE_KINDS, "not_alone"):
        words = doc[kind]
        assert words and all(isinstance(w, str) and w.strip() == w and " " not in w for w in words), kind
        assert len({normalize_str(w) for w in words}) == len(words), f"duplicate in {kind}"


def test_gazetteer_file_format():
    with gzip.open(RESOURCES / "gazetteer.tsv.gz", "rt", encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if not line.startswith("#")]
    assert len(rows) > 3000
    assert {r[0] for r in rows} == {"LOC", "ORG", "PER"}
    assert all(len(r) == 2 and r[1] == normalize_str(r[1]) for r in rows)


def test_clusters_group_words_of_a_kind():
    cl = load_clusters(RESOURCES / "clusters.tsv.gz")
    assert len(cl) > 40000
    assert len({len(v) for v in cl.values()}) == 1  # same number of levels everywhere
    # distributional classes, learnt without labels: leaders with leaders, cities with cities
    assert cl["ترامب"][0] == cl["بوتين"][0]
    assert cl["حلب"][1] == cl["ادلب"][1]
    assert cl["ترامب"][0] != cl["حلب"][0]


def test_features_see_cues_gazetteers_and_clitics():
    f = Featurizer(Lexicon.load())
    own = set(f.word(normalize_str("اللواء"))[0])
    assert "qtitle" in own
    assert "qorg_head" in set(f.word(normalize_str("وزارة"))[0])
    assert "gLOC" in set(f.word(normalize_str("وبغداد"))[0])  # through the clitic split
    tags = f.phrase_tags(["في", "الولايات", "المتحده", "الامريكيه", "اليوم"])
    assert tags == [None, "B-LOC", "I-LOC", "I-LOC", None]
