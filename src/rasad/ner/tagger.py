"""The trained CRF tagger: normalised words in, BIO tags (PER/LOC/ORG/MISC) out.

The model file is crfsuite's own format (memory-mapped on open, so loading is fast);
the features come from ``rasad.ner.features`` with the lexicon shipped beside it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pycrfsuite

from rasad.errors import RasadError
from rasad.ner.conll import chunks
from rasad.ner.features import RESOURCES, Code, Lexicon, ModelFeaturizer, doc_labels, pack_doc

if TYPE_CHECKING:
    from rasad.ner.crfc import CTagger

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "models" / "ner.crfsuite"


def pass1_path(model_path: Path) -> Path:
    """The first-pass model that sits beside a second-pass model."""
    return model_path.with_name(model_path.stem + ".pass1" + model_path.suffix)


def model_dictionaries(model_path: Path) -> tuple[list[str], list[str]]:
    """Attribute names and label names of a crfsuite model, each list in id order, read
    from the file itself.

    The file (crfsuite's ``lCRF``/``FOMC`` format, little-endian) keeps both in CQDB
    chunks whose backward array lists, for each id, the offset of a record ``(id, size,
    name + NUL)``.  Reading it directly costs milliseconds; asking python-crfsuite
    (``Tagger.info()``) dumps the whole model as text first.
    """
    buf = model_path.read_bytes()
    if buf[:4] != b"lCRF" or buf[8:12] != b"FOMC":
        raise RasadError(f"{model_path}: not a crfsuite CRF1d model")
    num_labels, num_attrs = struct.unpack_from("<II", buf, 20)
    off_labels, off_attrs = struct.unpack_from("<II", buf, 32)
    return _cqdb_names(buf, off_attrs, num_attrs, model_path), _cqdb_names(buf, off_labels, num_labels, model_path)


def _cqdb_names(buf: bytes, at: int, count: int, where: Path) -> list[str]:
    chunk, _size, _flag, _order, n, bwd_offset = struct.unpack_from("<4sIIIII", buf, at)
    if chunk != b"CQDB" or n != count:
        raise RasadError(f"{where}: unexpected dictionary in the model file")
    names: list[str] = []
    for i, off in enumerate(struct.unpack_from(f"<{n}I", buf, at + bwd_offset)):
        value, ksize = struct.unpack_from("<II", buf, at + off)
        if value != i:
            raise RasadError(f"{where}: dictionary out of order at {i}")
        names.append(buf[at + off + 8: at + off + 7 + ksize].decode("utf-8"))
    return names


def model_attributes(model_path: Path) -> frozenset[str]:
    """Every attribute name a crfsuite model has weights for."""
    return frozenset(model_dictionaries(model_path)[0])


@dataclass(frozen=True, slots=True)
class Entity:
    """A tagged span in token indices ``[start, end)`` with the tagger's confidence."""

    label: str
    start: int
    end: int
    confidence: float


class Tagger:
    def __init__(self, model_path: Path = MODEL_PATH, lexicon: Lexicon | None = None,
                 c_interface: bool = True) -> None:
        """``c_interface=False`` tags through python-crfsuite's own calls (the fallback
        when its library does not export crfsuite's C interface; same output)."""
        if not model_path.exists():
            raise RasadError(f"{model_path}: NER model missing; build it with `make models`")
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(model_path))
        p1 = pass1_path(model_path)
        self.crf1: pycrfsuite.Tagger | None = None
        if p1.exists():
            self.crf1 = pycrfsuite.Tagger()
            self.crf1.open(str(p1))
        lex = lexicon or Lexicon.load(RESOURCES)
        # the models as the fast path calls them (None: through python-crfsuite, by name)
        self.fast: tuple[CTagger, CTagger | None] | None = None
        attrs, labels = model_dictionaries(model_path)
        attrs1, labels1 = model_dictionaries(p1) if self.crf1 is not None else ([], [])
        fast: tuple[CTagger, CTagger | None] | None = None
        if c_interface:
            # one vocabulary for both models: the second pass's ids, then what only the first knows
            shared = {a: i for i, a in enumerate(attrs)}
            for a in attrs1:
                shared.setdefault(a, len(shared))
            try:
                from rasad.ner.crfc import CTagger, id_map  # numpy, ctypes

                fast = (CTagger(model_path, labels, id_map(shared, attrs)),
                        CTagger(p1, labels1, id_map(shared, attrs1)) if self.crf1 is not None else None)
            except (ImportError, OSError, AttributeError, TypeError):  # no C interface in this build
                fast = None
        vocab: dict[str, Code]
        if fast is not None:
            self.fast = fast
            vocab = dict(shared)
        else:
            vocab = {a: a.encode() for a in {*attrs, *attrs1}}
        # per-word attribute cache: lives as long as the tagger (one per process, in Resources)
        self.featurizer = ModelFeaturizer(lex, [vocab])

    def _passes(self) -> tuple[Any, Any, int, int]:
        """(second-pass model, first-pass model or None, their vocabularies), each model
        with ``load(doc)``/``select(k)``/``tag()``/``marginal(label, t)``."""
        if self.fast is not None:
            return self.fast[0], self.fast[1], 0, 0
        return _ByName(self.crf), _ByName(self.crf1) if self.crf1 is not None else None, 0, 0

    def features_doc(self, sents: list[list[str]]) -> list[list[list[Code]]]:
        """Second-pass CRF attributes for each sentence (normalised words) of one document,
        as the second-pass model takes them.

        Only attributes the models know are passed (see ``ModelFeaturizer``): crfsuite
        would skip the others, so tags and marginals are exactly those of the full
        attribute lists that training saw."""
        fz = self.featurizer
        _crf, crf1, m, m1 = self._passes()
        base = [fz.sentence_codes(ws, m1) if ws else [] for ws in sents]
        if crf1 is None:
            return base
        p1 = _tag_all(crf1, base)
        dl = doc_labels(sents, p1)
        if m != m1:
            base = [fz.sentence_codes(ws, m) if ws else [] for ws in sents]
        return [fz.doc_codes(b, ws, t, dl, m) for b, ws, t in zip(base, sents, p1, strict=True)]

    def _load_fast(self, sents: list[list[str]]) -> CTagger:
        """``features_doc`` straight into the C interface: the second-pass model, loaded with
        the document's non-empty sentences (in order).  Same attributes, same order; built as
        packed columns (``ModelFeaturizer.doc_pieces``), so there is no list per token and the
        second pass reuses the first pass's columns."""
        assert self.fast is not None
        crf, crf1 = self.fast
        fz = self.featurizer
        sizes = [len(ws) for ws in sents]
        cols = fz.doc_pieces(sents)
        if crf1 is not None:
            crf1.load_packed(pack_doc(cols), sizes)
            p1: list[list[str]] = []
            for k in range(len(sents)):
                crf1.select(k)
                p1.append(crf1.tag())
            cols += fz.doc_extra_pieces(sents, p1, doc_labels(sents, p1))
        crf.load_packed(pack_doc(cols), sizes)
        return crf

    def tag_doc(self, sents: list[list[str]]) -> list[list[str]]:
        """BIO tags for each sentence (normalised words) of one document."""
        if self.fast is not None:
            full = [ws for ws in sents if ws]
            crf = self._load_fast(full)
            tags: list[list[str]] = []
            for k in range(len(full)):
                crf.select(k)
                tags.append(crf.tag())
            it = iter(tags)
            return [next(it) if ws else [] for ws in sents]
        return _tag_all(self._passes()[0], self.features_doc(sents))

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags for normalised ``words`` taken as a one-sentence document."""
        return self.tag_doc([words])[0]

    def entities_doc(self, sents: list[list[str]], with_confidence: bool = True) -> list[list[Entity]]:
        """Entities per sentence; confidence is the weakest token marginal of the span."""
        out: list[list[Entity]] = []
        if self.fast is not None:
            crf: Any = self._load_fast([ws for ws in sents if ws])
            k = -1
            which = [(k := k + 1) if ws else -1 for ws in sents]  # sentence -> its number among those loaded
        else:
            crf = self._passes()[0]
            feats = self.features_doc(sents)
            crf.load(feats)
            which = [k if f else -1 for k, f in enumerate(feats)]
        for k in which:
            ents: list[Entity] = []
            if k >= 0:
                crf.select(k)
                tags = list(crf.tag())
                for label, s, e in chunks(tags):
                    conf = min(crf.marginal(tags[i], i) for i in range(s, e)) if with_confidence else 1.0
                    ents.append(Entity(label, s, e, conf))
            out.append(ents)
        return out

    def entities(self, words: list[str], with_confidence: bool = True) -> list[Entity]:
        return self.entities_doc([words], with_confidence)[0]


def _tag_all(crf: Any, feats: list[list[list[Code]]]) -> list[list[str]]:
    """Viterbi tags of every sentence of a document (none for an empty one)."""
    crf.load(feats)
    out: list[list[str]] = []
    for k, f in enumerate(feats):
        if f:
            crf.select(k)
            out.append(crf.tag())
        else:
            out.append([])
    return out


class _ByName:
    """python-crfsuite's tagger behind the document interface of ``CTagger``."""

    def __init__(self, crf: pycrfsuite.Tagger) -> None:
        self.crf = crf
        self.doc: list[list[list[Code]]] = []

    def load(self, doc: list[list[list[Code]]]) -> None:
        self.doc = doc

    def select(self, k: int) -> None:
        self.crf.set(self.doc[k])

    def tag(self) -> list[str]:
        return list(self.crf.tag())

    def marginal(self, label: str, t: int) -> float:
        return float(self.crf.marginal(label, t))
