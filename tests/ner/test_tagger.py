"""The fast tagging path gives exactly what the plain one gives, on real text.

The tagger passes crfsuite only the attributes its models know, as bytes, built from
per-word caches.  These tests hold that path against the slow, obvious one: every
attribute string from ``Featurizer.sentence``/``add_doc_features`` handed to
python-crfsuite, which skips what it does not know.  Tags and marginals must be equal
to the last bit, not approximately.
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from rasad.ner.features import Featurizer, add_doc_features, doc_labels
from rasad.ner.tagger import MODEL_PATH, Tagger, model_attributes, pass1_path
from rasad.text.segment import sentences

# real ant-news-2018 sentences (AL-internationalNews-475-20180315, CN-internationalNews-722-20181017)
NEWS = ("وقالت ماريا زاخاروفا، المتحدثة باسم وزارة الخارجية الروسية، إن #بريطانيا رفضت التعاون مع موسكو "
        "في التحقيق في الواقعة. بهذه الكلمات أعلن ستيفان دي ميستورا، مبعوث الأمين العام الخاص إلى سوريا، "
        "تنحيه عن منصبه نهاية نوفمبر/ تشرين الثاني المقبل، حسب ما نقله موقع الأمم المتحدة، الأربعاء. "
        "وصل الوزير إلى طهران قادما من دمشق وبغداد، ثم توجه للولايات المتحدة الأمريكية | بيروت.")


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def _docs(seed_text: str) -> list[list[list[str]]]:
    return [[[t.norm for t in s.tokens] for s in sentences(text) if s.tokens] for text in (seed_text, NEWS)]


@pytest.mark.parametrize("path", [MODEL_PATH, pass1_path(MODEL_PATH)])
def test_attribute_names_read_from_the_model_file(path: Path):
    t = pycrfsuite.Tagger()
    t.open(str(path))
    assert model_attributes(path) == {a for a, _label in t.info().state_features}


def test_model_attributes_refuses_other_files(tmp_path: Path):
    from rasad.errors import RasadError

    p = tmp_path / "x.crfsuite"
    p.write_bytes(b"not a model at all, just some bytes" * 4)
    with pytest.raises(RasadError, match="not a crfsuite"):
        model_attributes(p)


def test_features_are_the_known_subset_in_the_same_order(tagger: Tagger, seed_text: str):
    plain = Featurizer(tagger.featurizer.lex)
    known = tagger.featurizer.known
    assert tagger.crf1 is not None
    for doc in _docs(seed_text):
        base = [plain.sentence(ws) for ws in doc]
        fast = [tagger.featurizer.sentence_bytes(ws) for ws in doc]
        assert fast == [[[a.encode() for a in f if a in known] for f in s] for s in base]
        p1 = [list(tagger.crf1.tag(b)) for b in base]
        dl = doc_labels(doc, p1)
        want = [[[a.encode() for a in f if a in known] for f in add_doc_features(b, ws, t, dl)]
                for b, ws, t in zip(base, doc, p1, strict=True)]
        got = [tagger.featurizer.doc_bytes(b, ws, t, dl) for b, ws, t in zip(fast, doc, p1, strict=True)]
        assert got == want


def test_tags_and_marginals_equal_the_full_attribute_lists(tagger: Tagger, seed_text: str):
    plain = Featurizer(tagger.featurizer.lex)
    crf, crf1 = tagger.crf, tagger.crf1
    assert crf1 is not None
    for doc in _docs(seed_text):
        base = [plain.sentence(ws) for ws in doc]
        p1 = [list(crf1.tag(b)) for b in base]
        dl = doc_labels(doc, p1)
        full = [add_doc_features(b, ws, t, dl) for b, ws, t in zip(base, doc, p1, strict=True)]
        want = []
        for f in full:
            crf.set(f)
            tags = list(crf.tag())
            want.append((tags, [crf.marginal(t, i) for i, t in enumerate(tags)]))
        got = []
        for f in tagger.features_doc(doc):
            crf.set(f)
            tags = list(crf.tag())
            got.append((tags, [crf.marginal(t, i) for i, t in enumerate(tags)]))
        assert got == want  # floats compared exactly
        assert any(t != "O" for tags, _ in got for t in tags)


def test_word_cache_is_bounded_and_refills(tagger: Tagger):
    fz = tagger.featurizer
    first = fz.sentence_bytes(["قال", "المتحدث", "في", "دمشق"])
    fz._words.clear()
    assert fz.sentence_bytes(["قال", "المتحدث", "في", "دمشق"]) == first
