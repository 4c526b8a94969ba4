"""Tagging through crfsuite's C interface, with attributes as integer ids.

python-crfsuite copies every attribute string into C++ objects and looks it up in the
model's dictionary on every call; for our two-pass tagger that was most of the cost of
the ner stage.  The library it ships exports crfsuite's C interface
(``crfsuite_create_instance_from_file``, a model with ``get_tagger``, a tagger with
``set``/``viterbi``/``marginal_point``), so we hand it what it works on inside: per token,
an array of ``(attribute id, 1.0)``.  The ids come from the model file's own attribute
dictionary (``rasad.ner.tagger.model_dictionaries``).  The numbers are crfsuite's own
computation on the same attributes in the same order, so tags and marginals are exactly
those of python-crfsuite (``tests/ner/test_tagger.py``).

Only the parts we call are declared.  If the library does not export them, ``CTagger``
raises ``OSError``/``AttributeError`` and the tagger uses python-crfsuite instead.
"""

from __future__ import annotations

import ctypes as C
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

import numpy as np

_FN = C.CFUNCTYPE
_ATTR = np.dtype([("aid", "<i4"), ("value", "<f8")], align=True)  # crfsuite_attribute_t
_ITEM = np.dtype([("num", "<i4"), ("cap", "<i4"), ("contents", "<u8")])  # crfsuite_item_t


class _Instance(C.Structure):  # crfsuite_instance_t
    _fields_ = [("num_items", C.c_int), ("cap_items", C.c_int), ("items", C.c_void_p), ("labels", C.c_void_p),
                ("weight", C.c_double), ("group", C.c_int)]


class _Tagger(C.Structure):  # crfsuite_tagger_t
    _fields_ = [("internal", C.c_void_p), ("nref", C.c_int), ("addref", C.c_void_p),
                ("release", _FN(C.c_int, C.c_void_p)),
                ("set", _FN(C.c_int, C.c_void_p, C.POINTER(_Instance))), ("length", C.c_void_p),
                ("viterbi", _FN(C.c_int, C.c_void_p, C.c_void_p, C.POINTER(C.c_double))),
                ("score", C.c_void_p), ("lognorm", C.c_void_p),
                ("marginal_point", _FN(C.c_int, C.c_void_p, C.c_int, C.c_int, C.POINTER(C.c_double))),
                ("marginal_path", C.c_void_p)]


class _Model(C.Structure):  # crfsuite_model_t
    _fields_ = [("internal", C.c_void_p), ("nref", C.c_int), ("addref", C.c_void_p),
                ("release", _FN(C.c_int, C.c_void_p)),
                ("get_tagger", _FN(C.c_int, C.c_void_p, C.POINTER(C.c_void_p))),
                ("get_labels", C.c_void_p), ("get_attrs", C.c_void_p), ("dump", C.c_void_p)]


def _library() -> C.CDLL:
    import pycrfsuite._pycrfsuite as binding  # the crfsuite library python-crfsuite was built with

    lib = C.CDLL(binding.__file__)
    lib.crfsuite_create_instance_from_file.argtypes = [C.c_char_p, C.POINTER(C.c_void_p)]
    lib.crfsuite_create_instance_from_file.restype = C.c_int
    return lib


class CTagger:
    """One crfsuite model, tagged with attribute ids; the python-crfsuite calls we use."""

    def __init__(self, model_path: Path, labels: Sequence[str], ids: np.ndarray | None = None) -> None:
        """``ids`` maps the caller's attribute numbers to this model's ids (-1: unknown to
        it, dropped), so two models can share one vocabulary; default: the model's own."""
        lib = _library()
        self._ids = ids
        # the same for packed documents (``load_packed``): index -1, the token end, -> -2
        self._packed_ids = None if ids is None else np.append(ids, np.int32(-2))
        # the caller's first ``_known`` numbers are this model's own ids and it knows no others
        # (the second pass in the shared vocabulary): dropping the rest is all the translation
        self._known: int | None = None
        if ids is not None:
            k = int(np.count_nonzero(ids >= 0))
            if np.array_equal(ids[:k], np.arange(k)) and not np.any(ids[k:] >= 0):
                self._known = k
        self._model = C.c_void_p()
        if lib.crfsuite_create_instance_from_file(str(model_path).encode(), C.byref(self._model)) != 0:
            raise OSError(f"{model_path}: crfsuite could not open the model")
        model = C.cast(self._model, C.POINTER(_Model)).contents
        self._tagger = C.c_void_p()
        if model.get_tagger(self._model, C.byref(self._tagger)) != 0:
            raise OSError(f"{model_path}: crfsuite gave no tagger")
        t = C.cast(self._tagger, C.POINTER(_Tagger)).contents
        self._release = (t.release, model.release)
        self._set, self._viterbi, self._marginal = t.set, t.viterbi, t.marginal_point
        self.labels = list(labels)
        self._lid = {lab: i for i, lab in enumerate(self.labels)}
        self._inst = _Instance()
        self._inst_ref = C.byref(self._inst)
        self._score = C.c_double()
        self._score_ref = C.byref(self._score)
        self._prob = C.c_double()
        self._prob_ref = C.byref(self._prob)
        self._path = np.empty(256, dtype=np.int32)
        self._n = 0
        self._arrays: tuple[object, ...] = ()
        self._base = 0
        self._sents: list[tuple[int, int]] = []

    def __del__(self) -> None:
        release = getattr(self, "_release", None)
        if release is not None:
            try:
                release[0](self._tagger)
                release[1](self._model)
            except Exception:  # interpreter shutdown: nothing left to free into
                pass

    def load(self, doc: Sequence[Sequence[Sequence[int]]]) -> None:
        """Attribute ids of each token of each sentence of a document, in order (weights are
        summed in that order); ``select`` then makes one sentence current.  One set of
        arrays per document: per-sentence arrays cost more in numpy calls than in crfsuite."""
        toks = list(chain.from_iterable(doc))
        counts = np.fromiter(map(len, toks), dtype=np.int64, count=len(toks))
        aids = np.fromiter(chain.from_iterable(toks), dtype=np.int32, count=int(counts.sum()))
        if self._ids is not None:  # translate, and drop what this model does not know (order kept)
            aids = self._ids[aids]
            known = aids >= 0
            counts = np.bincount(np.repeat(np.arange(len(toks)), counts)[known], minlength=len(toks))
            aids = aids[known]
        self._arrange(aids, counts, [len(s) for s in doc])

    def load_packed(self, packed: bytes, sizes: Sequence[int]) -> None:
        """``load`` for a document given as native int32 ids, each token's closed by -1
        (``rasad.ner.features.pack_doc``), with the number of tokens of each sentence:
        one buffer for the whole document, no Python list per token."""
        raw = np.frombuffer(packed, dtype=np.int32)
        if self._packed_ids is None or self._known is not None:
            if self._known is not None:
                raw = raw[raw < self._known]  # the end markers (-1) stay
            ends = np.flatnonzero(raw < 0)
            aids = raw[raw >= 0]
        else:  # translate (the end marker becomes -2), and drop what this model does not know
            t = self._packed_ids[raw]
            t = t[t != -1]
            ends = np.flatnonzero(t == -2)
            aids = t[t >= 0]
        counts = np.diff(ends, prepend=-1) - 1
        self._arrange(aids, counts, sizes)

    def _arrange(self, aids: np.ndarray, counts: np.ndarray, sizes: Sequence[int]) -> None:
        """crfsuite's items over the attribute ids ``aids``, ``counts[t]`` of them for token
        ``t``; sentence ``k`` is the next ``sizes[k]`` tokens."""
        n_tok = len(counts)
        attrs = np.empty(len(aids), dtype=_ATTR)
        attrs["aid"] = aids
        attrs["value"] = 1.0
        items = np.empty(n_tok, dtype=_ITEM)
        items["num"] = counts
        items["cap"] = counts
        starts = np.zeros(n_tok, dtype=np.uint64)
        if n_tok > 1:
            np.cumsum(counts[:-1], out=starts[1:])
        items["contents"] = attrs.ctypes.data + starts * _ATTR.itemsize
        self._arrays = (attrs, items)  # alive until the next load
        self._base = items.ctypes.data
        self._sents = []
        at = 0
        for n in sizes:
            self._sents.append((at, n))
            at += n

    def select(self, k: int) -> None:
        """Make sentence ``k`` of the loaded document current (it must not be empty)."""
        at, n = self._sents[k]
        inst = self._inst
        inst.num_items = inst.cap_items = n
        inst.items = self._base + at * _ITEM.itemsize
        if self._set(self._tagger, self._inst_ref) != 0:
            raise OSError("crfsuite could not take the sequence")
        self._n = n

    def set(self, items: Sequence[Sequence[int]]) -> None:
        """Attribute ids of each token of one sentence (python-crfsuite's ``set``)."""
        self.load([items])
        self.select(0)

    def tag(self, items: Sequence[Sequence[int]] | None = None) -> list[str]:
        if items is not None:
            self.set(items)
        n = self._n
        if len(self._path) < n:  # one buffer for the paths, grown to the longest sentence
            self._path = np.empty(2 * n, dtype=np.int32)
        if self._viterbi(self._tagger, self._path.ctypes.data, self._score_ref) != 0:
            raise OSError("crfsuite could not tag the sequence")
        return list(map(self.labels.__getitem__, self._path[:n].tolist()))

    def marginal(self, label: str, t: int) -> float:
        if self._marginal(self._tagger, self._lid[label], t, self._prob_ref) != 0:
            raise OSError("crfsuite could not give a marginal")
        return float(self._prob.value)


def id_map(shared: dict[str, int], model_attrs: Sequence[str]) -> np.ndarray:
    """Shared attribute number -> a model's attribute id (its position in ``model_attrs``), -1
    where the model does not know the attribute."""
    out = np.full(len(shared), -1, dtype=np.int32)
    for aid, a in enumerate(model_attrs):
        out[shared[a]] = aid
    return out
