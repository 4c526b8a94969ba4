"""The trained CRF tagger: normalised words in, BIO tags (PER/LOC/ORG/MISC) out.

The model file is crfsuite's own format (memory-mapped on open, so loading is fast);
the features come from ``rasad.ner.features`` with the lexicon shipped beside it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from rasad.errors import RasadError
from rasad.ner.conll import chunks
from rasad.ner.features import RESOURCES, Lexicon, ModelFeaturizer, doc_labels

MODEL_PATH = Path(__file__).resolve().parents[1] / "resources" / "models" / "ner.crfsuite"


def pass1_path(model_path: Path) -> Path:
    """The first-pass model that sits beside a second-pass model."""
    return model_path.with_name(model_path.stem + ".pass1" + model_path.suffix)


def model_attributes(model_path: Path) -> frozenset[str]:
    """Every attribute name a crfsuite model has weights for, read from the file itself.

    The file (crfsuite's ``lCRF``/``FOMC`` format, little-endian) keeps attribute names
    in a CQDB chunk whose backward array lists, for each attribute id, the offset of a
    record ``(id, size, name + NUL)``.  Reading it directly costs milliseconds; asking
    python-crfsuite (``Tagger.info()``) dumps the whole model as text first.
    """
    buf = model_path.read_bytes()
    if buf[:4] != b"lCRF" or buf[8:12] != b"FOMC":
        raise RasadError(f"{model_path}: not a crfsuite CRF1d model")
    num_attrs, off_attrs = struct.unpack_from("<I", buf, 24)[0], struct.unpack_from("<I", buf, 36)[0]
    chunk, _size, _flag, _order, n, bwd_offset = struct.unpack_from("<4sIIIII", buf, off_attrs)
    if chunk != b"CQDB" or n != num_attrs:
        raise RasadError(f"{model_path}: unexpected attribute dictionary")
    names: list[str] = []
    for aid, off in enumerate(struct.unpack_from(f"<{n}I", buf, off_attrs + bwd_offset)):
        rec = off_attrs + off
        value, ksize = struct.unpack_from("<II", buf, rec)
        if value != aid:
            raise RasadError(f"{model_path}: attribute dictionary out of order at {aid}")
        names.append(buf[rec + 8: rec + 7 + ksize].decode("utf-8"))
    return frozenset(names)


@dataclass(frozen=True, slots=True)
class Entity:
    """A tagged span in token indices ``[start, end)`` with the tagger's confidence."""

    label: str
    start: int
    end: int
    confidence: float


class Tagger:
    def __init__(self, model_path: Path = MODEL_PATH, lexicon: Lexicon | None = None) -> None:
        if not model_path.exists():
            raise RasadError(f"{model_path}: NER model missing; build it with `make models`")
        self.crf = pycrfsuite.Tagger()
        self.crf.open(str(model_path))
        p1 = pass1_path(model_path)
        self.crf1: pycrfsuite.Tagger | None = None
        if p1.exists():
            self.crf1 = pycrfsuite.Tagger()
            self.crf1.open(str(p1))
        known = model_attributes(model_path) | (model_attributes(p1) if self.crf1 is not None else frozenset())
        # per-word attribute cache: lives as long as the tagger (one per process, in Resources)
        self.featurizer = ModelFeaturizer(lexicon or Lexicon.load(RESOURCES), known)

    def features_doc(self, sents: list[list[str]]) -> list[list[list[bytes]]]:
        """Second-pass CRF attributes for each sentence (normalised words) of one document.

        Only attributes one of the two models knows are passed (see ``ModelFeaturizer``):
        crfsuite would skip the others, so tags and marginals are exactly those of the
        full attribute lists that training saw."""
        fz = self.featurizer
        base = [fz.sentence_bytes(ws) if ws else [] for ws in sents]
        crf1 = self.crf1
        if crf1 is None:
            return base
        p1 = [list(crf1.tag(b)) if b else [] for b in base]
        dl = doc_labels(sents, p1)
        return [fz.doc_bytes(b, ws, t, dl) for b, ws, t in zip(base, sents, p1, strict=True)]

    def tag_doc(self, sents: list[list[str]]) -> list[list[str]]:
        """BIO tags for each sentence (normalised words) of one document."""
        return [list(self.crf.tag(f)) if f else [] for f in self.features_doc(sents)]

    def tag(self, words: list[str]) -> list[str]:
        """BIO tags for normalised ``words`` taken as a one-sentence document."""
        return self.tag_doc([words])[0]

    def entities_doc(self, sents: list[list[str]], with_confidence: bool = True) -> list[list[Entity]]:
        """Entities per sentence; confidence is the weakest token marginal of the span."""
        out: list[list[Entity]] = []
        for f in self.features_doc(sents):
            ents: list[Entity] = []
            if f:
                self.crf.set(f)
                tags = list(self.crf.tag())
                for label, s, e in chunks(tags):
                    conf = min(self.crf.marginal(tags[i], i) for i in range(s, e)) if with_confidence else 1.0
                    ents.append(Entity(label, s, e, conf))
            out.append(ents)
        return out

    def entities(self, words: list[str], with_confidence: bool = True) -> list[Entity]:
        return self.entities_doc([words], with_confidence)[0]
