"""The fast tagging path gives exactly what the plain one gives, on real text.

The tagger passes crfsuite only the attributes its models know, built from per-word
caches, as ids through crfsuite's C interface (or as bytes through python-crfsuite when
that interface is missing).  These tests hold both against the slow, obvious path: every
attribute string from ``Featurizer.sentence``/``add_doc_features`` handed to
python-crfsuite, which skips what it does not know.  Tags and marginals must be equal
to the last bit, not approximately.
"""

from __future__ import annotations

from pathlib import Path

import pycrfsuite
import pytest

from rasad.ner.conll import chunks
from rasad.ner.features import Featurizer, add_doc_features, doc_labels
from rasad.ner.tagger import MODEL_PATH, Tagger, model_attributes, model_dictionaries, pass1_path
from rasad.text.segment import sentences

# real ant-news-2018 sentences (AL-internationalNews-475-20180315, CN-internationalNews-722-20181017)
NEWS = ("وقالت ماريا زاخاروفا، المتحدثة باسم وزارة الخارجية الروسية، إن #بريطانيا رفضت التعاون مع موسكو "
        "في التحقيق في الواقعة. بهذه الكلمات أعلن ستيفان دي ميستورا، مبعوث الأمين العام الخاص إلى سوريا، "
        "تنحيه عن منصبه نهاية نوفمبر/ تشرين الثاني المقبل، حسب ما نقله موقع الأمم المتحدة، الأربعاء. "
        "وصل الوزير إلى طهران قادما من دمشق وبغداد، ثم توجه للولايات المتحدة الأمريكية | بيروت.")


@pytest.fixture(scope="module", params=[True, False], ids=["c-interface", "python-crfsuite"])
def tagger(request: pytest.FixtureRequest) -> Tagger:
    t = Tagger(c_interface=request.param)
    assert (t.fast is not None) == request.param  # the shipped python-crfsuite exports the C interface
    return t


def _docs(seed_text: str) -> list[list[list[str]]]:
    return [[[t.norm for t in s.tokens] for s in sentences(text) if s.tokens] for text in (seed_text, NEWS)]


@pytest.mark.parametrize("path", [MODEL_PATH, pass1_path(MODEL_PATH)])
def test_dictionaries_read_from_the_model_file(path: Path):
    t = pycrfsuite.Tagger()
    t.open(str(path))
    attrs, labels = model_dictionaries(path)
    assert frozenset(attrs) == model_attributes(path) == {a for a, _label in t.info().state_features}
    assert labels == list(t.labels())


def test_model_dictionaries_refuse_other_files(tmp_path: Path):
    from rasad.errors import RasadError

    p = tmp_path / "x.crfsuite"
    p.write_bytes(b"not a model at all, just some bytes" * 4)
    with pytest.raises(RasadError, match="not a crfsuite"):
        model_dictionaries(p)


def _string_path(tagger: Tagger, doc: list[list[str]]) -> tuple[list[list[list[str]]], list[list[list[str]]],
                                                                list[list[str]]]:
    plain = Featurizer(tagger.featurizer.lex)
    assert tagger.crf1 is not None
    base = [plain.sentence(ws) for ws in doc]
    p1 = [list(tagger.crf1.tag(b)) for b in base]
    dl = doc_labels(doc, p1)
    return base, [add_doc_features(b, ws, t, dl) for b, ws, t in zip(base, doc, p1, strict=True)], p1


def test_features_are_the_known_subset_in_the_same_order(tagger: Tagger, seed_text: str):
    fz = tagger.featurizer
    for doc in _docs(seed_text):
        base, full, p1 = _string_path(tagger, doc)
        dl = doc_labels(doc, p1)
        for m, v in enumerate(fz.vocabs):
            codes = v.codes
            fast = [fz.sentence_codes(ws, m) for ws in doc]
            assert fast == [[[codes[a] for a in f if a in codes] for f in s] for s in base]
            got = [fz.doc_codes(b, ws, t, dl, m) for b, ws, t in zip(fast, doc, p1, strict=True)]
            assert got == [[[codes[a] for a in f if a in codes] for f in s] for s in full]


def test_tags_and_marginals_equal_the_full_attribute_lists(tagger: Tagger, seed_text: str):
    crf = tagger.crf
    for doc in _docs(seed_text):
        _base, full, _p1 = _string_path(tagger, doc)
        want_tags, want_ents = [], []
        for f in full:
            crf.set(f)
            tags = list(crf.tag())
            want_tags.append(tags)
            want_ents.append([(lab, s, e, min(crf.marginal(tags[i], i) for i in range(s, e)))
                              for lab, s, e in chunks(tags)])
        assert tagger.tag_doc(doc) == want_tags
        got = [[(x.label, x.start, x.end, x.confidence) for x in es] for es in tagger.entities_doc(doc)]
        assert got == want_ents  # floats compared exactly
        assert any(want_ents)


def test_word_cache_is_bounded_and_refills(tagger: Tagger):
    fz = tagger.featurizer
    first = fz.sentence_codes(["قال", "المتحدث", "في", "دمشق"])
    fz._words.clear()
    assert fz.sentence_codes(["قال", "المتحدث", "في", "دمشق"]) == first


def test_packed_document_holds_the_same_attributes_in_the_same_order(seed_text: str):
    """The C path's packed columns (one buffer per document and pass) hold exactly the ids of
    ``sentence_codes``/``doc_codes`` (checked above against the string path), token by token."""
    import numpy as np

    from rasad.ner.features import pack_doc

    t = Tagger()
    assert t.fast is not None and t.fast[1] is not None
    fz, crf1 = t.featurizer, t.fast[1]
    for doc in _docs(seed_text):
        base = [fz.sentence_codes(ws) for ws in doc]
        crf1.load(base)  # type: ignore[arg-type]  # ids: the C path's vocabulary
        p1 = []
        for k in range(len(doc)):
            crf1.select(k)
            p1.append(crf1.tag())
        dl = doc_labels(doc, p1)
        full = [fz.doc_codes([list(f) for f in b], ws, ts, dl) for b, ws, ts in zip(base, doc, p1, strict=True)]
        cols = fz.doc_pieces(doc)
        for want, columns in ((base, cols), (full, cols + fz.doc_extra_pieces(doc, p1, dl))):
            got: list[list[int]] = [[]]
            for x in np.frombuffer(pack_doc(columns), dtype=np.int32).tolist():
                if x < 0:  # a token's end
                    got.append([])
                else:
                    got[-1].append(x)
            assert got[:-1] == [f for s in want for f in s]
            assert any(len(set(f)) > 10 for f in got)
