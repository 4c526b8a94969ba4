from pathlib import Path

from rasad.ner.conll import chunks, map_tag, read_conll, score


def test_chunks_follow_conlleval():
    tags = ["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-ORG", "I-PER"]
    assert chunks(tags) == [("PER", 0, 2), ("LOC", 3, 5), ("ORG", 5, 6), ("PER", 6, 7)]


def test_adjacent_b_tags_are_two_entities():
    assert chunks(["B-LOC", "B-LOC"]) == [("LOC", 0, 1), ("LOC", 1, 2)]


def test_exact_match_scoring():
    gold = [["B-PER", "I-PER", "O", "B-LOC"]]
    pred = [["B-PER", "O", "O", "B-LOC"]]  # truncated person: wrong; place: right
    s = score(gold, pred)
    assert (s["PER"].tp, s["PER"].fp, s["PER"].fn) == (0, 1, 1)
    assert (s["LOC"].tp, s["micro"].tp, s["micro"].fp, s["micro"].fn) == (1, 1, 1, 1)
    assert s["micro"].f1 == 0.5


def test_anercorp_labels_map_to_contract(tmp_path: Path):
    p = tmp_path / "x.txt"
    p.write_text("كوفي B-PERS\nأنان I-PERS\nقال O\n\nفي O\nبغداد B-LOC\n", encoding="utf-8")
    sents = read_conll(p)
    assert sents == [(["كوفي", "أنان", "قال"], ["B-PER", "I-PER", "O"]), (["في", "بغداد"], ["O", "B-LOC"])]
    assert map_tag("I-PERS") == "I-PER" and map_tag("O") == "O"
