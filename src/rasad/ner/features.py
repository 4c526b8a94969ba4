"""Token features for the CRF tagger, built once per distinct word and reused.

Tagging speed is dominated by feature extraction, not by the CRF: news repeats its
words, so every per-word computation (normalisation, clitic splits, affixes, clusters,
gazetteer and cue membership) runs once per distinct word and is cached as a tuple of
ready-made attribute strings, one tuple for the word itself and one per neighbour
offset.  A sentence's features are then concatenations of cached tuples.  Only the
multi-word gazetteer match looks at more than one word, and it is a dict walk.

Features (the CRF weighs them): the normalised word and its clitic-split stems, 2-3
character prefixes and suffixes, shape (digits, Latin, punctuation, length), word
clusters learnt from unlabelled news (three granularities, falling back to the stem's
cluster for unseen inflections), membership in the ANERgazet lists (single words and
multi-word phrases), title words (اللواء، الرئيس), organisation heads (وزارة، تنظيم),
place cues (مدينة، ريف), and the same for the neighbours at -2..+2.
"""

from __future__ import annotations

import gzip
import struct
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import itemgetter
from pathlib import Path

import yaml

from rasad.ner.clusters import load_clusters
from rasad.text.clitics import splits
from rasad.text.normalize import normalize_str

WORD_CACHE = 60_000
"""Words whose model attributes a tagger keeps (then it starts again): the words of the
last few thousand articles.  Larger saves little time and a worker's memory must stay
under 500 MB on archive-length runs (``bench/bench_soak.py``)."""

RESOURCES = Path(__file__).resolve().parents[1] / "resources" / "ner"
GAZ_LABELS = ("LOC", "ORG", "PER", "GEO")
CUE_KINDS = ("title", "org_head", "loc_cue", "person_context")
OFFSETS = (-2, -1, 1, 2)
_MAX_PHRASE = 6


@dataclass
class Lexicon:
    """Word lists the features consult: gazetteers, cue words, clusters."""

    single: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> gazetteer labels
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)  # first word -> rest, label
    cues: dict[str, frozenset[str]] = field(default_factory=dict)  # word -> cue kinds
    clusters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_alone: frozenset[str] = frozenset()

    @classmethod
    def load(cls, root: Path = RESOURCES) -> Lexicon:
        lex = cls()
        single: dict[str, set[str]] = {}
        gaz = root / "gazetteer.tsv.gz"
        if gaz.exists():
            with gzip.open(gaz, "rt", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("#") or "\t" not in line:
                        continue
                    label, phrase = line.rstrip("\n").split("\t", 1)
                    lex.add_phrase(phrase, label, single)
        geo = root.parent / "geo" / "gazetteer.tsv.gz"
        if geo.exists():  # optional: place names of the geo stage's gazetteer, when built
            with gzip.open(geo, "rt", encoding="utf-8") as f:
                for line in f:
                    if not line.startswith("#"):
                        for key in line.rstrip("\n").rsplit("\t", 1)[-1].split("|"):
                            lex.add_phrase(key, "GEO", single)
        lex.single = {w: frozenset(v) for w, v in single.items()}
        cue_doc = yaml.safe_load((root / "cues.yaml").read_text(encoding="utf-8"))
        cues: dict[str, set[str]] = {}
        for kind in CUE_KINDS:
            for w in cue_doc.get(kind) or []:
                cues.setdefault(normalize_str(str(w)), set()).add(kind)
        lex.cues = {w: frozenset(v) for w, v in cues.items()}
        lex.not_alone = frozenset(normalize_str(str(w)) for w in cue_doc.get("not_alone") or [])
        lex.clusters = load_clusters(root / "clusters.tsv.gz")
        return lex

    def add_phrase(self, phrase: str, label: str, single: dict[str, set[str]]) -> None:
        words = tuple(normalize_str(phrase).split())
        if not words or len(words) > _MAX_PHRASE:
            return
        if len(words) == 1:
            single.setdefault(words[0], set()).add(label)
        else:
            self.phrases.setdefault(words[0], []).append((words[1:], label))


def _shape(w: str) -> str:
    if w.isalpha():  # most words: letters only, so no digit (Unicode keeps the two apart)
        return "lat" if w.isascii() else _len_shape(len(w))
    if w.isdigit():
        return "num"
    if any(c.isdigit() for c in w):
        return "dig"
    if not any(c.isalpha() for c in w):
        return "pun"
    if w.isascii():
        return "lat"
    return _len_shape(len(w))


def _len_shape(n: int) -> str:
    return "len" + ("1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "5" if n <= 5 else "8" if n <= 8 else "9")


class Featurizer:
    """Word → attribute strings, cached per distinct word (see module docstring)."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self._self: dict[str, tuple[str, ...]] = {}
        self._ctx: dict[str, tuple[tuple[str, ...], ...]] = {}

    def _stems(self, w: str) -> list[str]:
        """Clitic-split readings of ``w`` that a lexicon knows, most plausible first."""
        out: list[str] = []
        for removed, stem in splits(w, 2)[1:]:
            if removed and (stem in self.lex.clusters or stem in self.lex.single or stem in self.lex.cues):
                out.append(stem)
        return out[:3]

    def _compute(self, w: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        f, base = self._attrs(w)
        return tuple(f), tuple(tuple(f"{o}:{a}" for a in base) for o in OFFSETS)

    def _attrs(self, w: str) -> tuple[list[str], list[str]]:
        """The word's own attributes, and what its neighbours see of it (before the offset)."""
        lex = self.lex
        stems = self._stems(w)
        shape = _shape(w)
        ww = "w=" + w
        f: list[str] = ["b", ww, "sh=" + shape]
        if shape.startswith("len"):
            f += ["p2=" + w[:2], "p3=" + w[:3], "s1=" + w[-1:], "s2=" + w[-2:], "s3=" + w[-3:]]
            if len(w) >= 6:
                f += ["p4=" + w[:4], "s4=" + w[-4:]]
            if stems:  # affixes of the bare word: the name inside وبموسكو
                f += ["ss2=" + stems[-1][-2:], "ss3=" + stems[-1][-3:], "sp3=" + stems[-1][:3]]
        for s in stems:
            f.append("st=" + s)
        cl = lex.clusters.get(w)
        if cl is None:
            for s in stems:
                cl = lex.clusters.get(s)
                if cl is not None:
                    f.append("stc")
                    break
        if cl is not None:
            cs = [f"c{i + 1}={c}" for i, c in enumerate(cl)]
            f += cs
        else:
            f.append("c=none")
        gaz: set[str] = set(lex.single.get(w, ()))
        for s in stems:
            gaz |= lex.single.get(s, frozenset())
        cue: set[str] = set(lex.cues.get(w, ()))
        for s in stems:
            cue |= lex.cues.get(s, frozenset())
        lists = [*("g" + g for g in sorted(gaz)), *("q" + q for q in sorted(cue))]
        f += lists
        # neighbour views: identity, clusters, gazetteer and cue flags (the same strings as above
        # where they are the same attributes: each is hashed once)
        base = [ww, *((cs[0], cs[1], f"t={cl[-1]}") if cl else ("c=none",)), *lists]
        if shape in ("num", "dig", "pun", "lat"):
            base.append("sh=" + shape)
        if shape.startswith("len"):
            base.append("s2=" + w[-2:])
        return f, base

    def word(self, w: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
        s = self._self.get(w)
        if s is None:
            s, c = self._compute(w)
            if len(self._self) > 100_000:  # bound memory on endless streams
                self._self.clear()
                self._ctx.clear()
            self._self[w] = s
            self._ctx[w] = c
            return s, c
        return s, self._ctx[w]

    def phrase_heads(self, w: str) -> tuple[str, ...]:
        """The readings of ``w`` a multi-word gazetteer phrase may start with."""
        phrases = self.lex.phrases
        if w in phrases:
            return (w,)
        return tuple([s for _r, s in splits(w, 2)[1:] if s in phrases][:2])

    def phrase_tags(self, words: list[str]) -> list[str | None]:
        """``B-LOC``/``I-ORG``... where a multi-word gazetteer phrase covers a token."""
        tags = self._phrase_spans(words, [self.phrase_heads(w) for w in words])
        return [None] * len(words) if tags is None else tags

    def _phrase_spans(self, words: list[str], heads: list[tuple[str, ...]]) -> list[str | None] | None:
        """Longest phrase match from each word, left to right; ``None`` when no word can
        start a phrase (most sentences)."""
        if not any(heads):
            return None
        phrases = self.lex.phrases
        n = len(words)
        out: list[str | None] = [None] * n
        i = 0
        while i < n:
            best = 0
            label = ""
            for h in heads[i]:
                for rest, lab in phrases.get(h, ()):
                    k = len(rest)
                    if k + 1 > best and tuple(words[i + 1: i + 1 + k]) == rest:
                        best, label = k + 1, lab
            if best:
                out[i] = "B-" + label
                for j in range(i + 1, i + best):
                    out[j] = "I-" + label
                i += best
            else:
                i += 1
        return out

    def sentence(self, words: list[str]) -> list[list[str]]:
        """CRF attributes for each (normalised) word of one sentence."""
        n = len(words)
        cached = [self.word(w) for w in words]
        ptags = self.phrase_tags(words) if self.lex.phrases else [None] * n
        out: list[list[str]] = []
        for i in range(n):
            f = list(cached[i][0])
            for k, o in enumerate(OFFSETS):
                j = i + o
                if 0 <= j < n:
                    f.extend(cached[j][1][k])
                else:
                    f.append(f"{o}:pad")
            if i > 0:
                f.append("bi=" + words[i - 1] + "|" + words[i])
            if ptags[i]:
                f.append("G" + ptags[i])  # type: ignore[operator]
            if i + 1 < n and ptags[i + 1]:
                f.append("+1:G" + ptags[i + 1])  # type: ignore[operator]
            if i > 0 and ptags[i - 1]:
                f.append("-1:G" + ptags[i - 1])  # type: ignore[operator]
            out.append(f)
        return out


Code = bytes | int  # an attribute as a model takes it: its name (python-crfsuite) or its id (C)


class _Vocab:
    """One model's attributes, as codes, in the shapes the sentence builder looks them up."""

    def __init__(self, codes: dict[str, Code]) -> None:
        self.codes = codes
        # integer ids (the C interface): words also keep their ids packed (see ``doc_pieces``)
        self.ints = all(isinstance(c, int) for c in codes.values())
        self.small: dict[str, Code | None] = {}  # pads, phrase tags, pass-one attributes
        # as seen from each offset, keyed without the "-2:" prefix: a new word's attributes
        # need no string building
        self.seen: tuple[dict[str, Code], ...] = tuple(
            {a[len(p):]: c for a, c in codes.items() if a.startswith(p)} for p in (f"{o}:" for o in OFFSETS))
        # the same in one dict, attribute -> its code from each offset (None: unknown there):
        # one lookup instead of four for each attribute a new word shows its neighbours
        seen_all: dict[str, list[Code | None]] = {}
        for k, d in enumerate(self.seen):
            for a, c in d.items():
                seen_all.setdefault(a, [None] * len(OFFSETS))[k] = c
        self.seen_all = {a: tuple(cs) for a, cs in seen_all.items()}
        # what a word's own attributes can be (no offset, no bigram): a smaller dict to look them up in
        self.own = {a: c for a, c in codes.items() if not a.startswith(("-2:", "-1:", "+1:", "+2:", "bi="))}
        pads = tuple(self.enc(f"{o}:pad") for o in OFFSETS)
        # a pseudo-word for the two positions beyond each end of a sentence
        self.pad: tuple[tuple[Code, ...], tuple[tuple[Code, ...], ...]] = (
            (), tuple((p,) if p is not None else () for p in pads))
        # pass-one tag -> its attributes as this word's, the next word's, the previous word's
        self.p1 = {t: self.p1_attrs(t) for t in ("^", "$")}
        # known word bigrams, previous word -> word -> attribute: most pairs are unknown,
        # and two dict misses are cheaper than building "bi=a|b" to look it up.  Every
        # split at a "|" is entered, so a word that is itself "|" still finds its pair.
        self.bigrams: dict[str, dict[str, Code]] = {}
        for a, c in codes.items():
            if a.startswith("bi="):
                pair = a[3:]
                for k, ch in enumerate(pair):
                    if ch == "|":
                        self.bigrams.setdefault(pair[:k], {})[pair[k + 1:]] = c
        # the same, packed (ids only)
        self.bigrams_packed: dict[str, dict[str, bytes]] = (
            {p: {w: pack((c,)) for w, c in d.items()} for p, d in self.bigrams.items()} if self.ints else {})
        self.pad_packed: _Packed = tuple(pack(p) for p in self.pad[1]) if self.ints else ()
        self.p1_packed: dict[str, tuple[bytes, ...]] = {}
        # first-pass tags of a word, the previous word and the next word -> their attributes packed
        self.p1_triples = _Memo(lambda k: b"".join(self.p1_pieces(str(t))[i] for i, t in enumerate(k)))
        # phrase tags of a word, the next word and the previous word -> their attributes packed
        self.phrase_packed = _Memo(self.phrase_attrs)
        # first-pass labels of a word elsewhere in the document, in set order -> packed per position
        self.dl_packed: dict[tuple[str, ...], tuple[bytes, ...]] = {}

    def enc(self, attr: str) -> Code | None:
        """``attr``'s code if the model knows it, else ``None``; cached for the few
        attributes that are not per word (bounded by their small vocabulary)."""
        try:
            return self.small[attr]
        except KeyError:
            c = self.codes.get(attr)
            if len(self.small) < 10_000:
                self.small[attr] = c
            return c

    def p1_attrs(self, tag: str) -> tuple[tuple[Code, ...], ...]:
        return tuple(() if (c := self.enc(pre + tag)) is None else (c,) for pre in ("p1=", "p1-1=", "p1+1="))

    def word(self, fs: list[str], base: list[str]) -> tuple[tuple[Code, ...], tuple[tuple[Code, ...], ...]]:
        get = self.seen_all.get
        views = [c for a in base if (c := get(a)) is not None]
        return _keep(fs, self.own), tuple(tuple([x for c in views if (x := c[k]) is not None]) for k in range(4))

    def phrase_attrs(self, key: tuple[str | None, ...]) -> bytes:
        """(phrase tag here, next, previous) -> ``G``/``+1:G``/``-1:G`` attributes packed, in
        ``sentence_codes``'s order."""
        enc = self.enc
        return pack([c for pre, t in zip(("G", "+1:G", "-1:G"), key, strict=True)
                     if t is not None and (c := enc(pre + t)) is not None])

    def p1_pieces(self, tag: str) -> tuple[bytes, ...]:
        """``p1_attrs`` packed."""
        p = self.p1_packed.get(tag)
        if p is None:
            p = self.p1_packed[tag] = tuple(pack(a) for a in self.p1_attrs(tag))
        return p


class _Memo(dict[tuple[str | None, ...], bytes]):
    """Tags of a word and its neighbours -> their attributes packed; filled on first use
    (a handful of tags, so a small dict)."""

    def __init__(self, make: Callable[[tuple[str | None, ...]], bytes]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: tuple[str | None, ...]) -> bytes:
        self[key] = p = self.make(key)
        return p


_Packed = tuple[bytes, ...]  # a word's ids packed: its own, then as seen from -2, -1, +1, +2
_INT32 = struct.Struct("i")
END = _INT32.pack(-1)  # closes a token's run of packed ids
_COLS = tuple(itemgetter(k) for k in range(5))


def pack(codes: Sequence[Code]) -> bytes:
    """Attribute ids as native int32 bytes (numpy's ``int32``)."""
    return struct.pack(f"{len(codes)}i", *codes)


def _keep(attrs: list[str], codes: dict[str, Code]) -> tuple[Code, ...]:
    get = codes.get
    return tuple([c for a in attrs if (c := get(a)) is not None])


_Codes = tuple[tuple[Code, ...], tuple[tuple[Code, ...], ...]]  # own attributes, neighbour attributes per offset
# per vocabulary: the codes (None for ids: see the next); phrase heads; per vocabulary: the same
# packed (ids only), and the packed bigram ids of the words that may follow
_Entry = tuple[tuple[_Codes | None, ...], tuple[str, ...], tuple[_Packed, ...], tuple[dict[str, bytes] | None, ...]]


def _codes_of(e: _Entry, m: int) -> _Codes:
    """A word's codes in vocabulary ``m``, unpacked if kept packed."""
    c = e[0][m]
    if c is not None:
        return c
    own, *seen = (tuple(array("i", p)) for p in e[2][m])
    return own, tuple(seen)


class ModelFeaturizer(Featurizer):
    """The same attributes as :class:`Featurizer`, kept only where a model knows them, as
    the codes the models are called with: ``bytes`` names for python-crfsuite, ids for the
    C interface (``rasad.ner.crfc``).  The tagger passes one vocabulary, shared by both of
    its models (several are possible; a word is analysed once for all of them).

    crfsuite skips attributes its model has no weights for, so dropping them before the
    call changes no score.  Relative order is kept, so every score is summed in the same
    order as before (bit-identical marginals).  Tagging only: training needs every
    attribute, in text (``Featurizer.sentence``).
    """

    def __init__(self, lex: Lexicon, vocabs: Sequence[dict[str, Code]]) -> None:
        super().__init__(lex)
        self.vocabs = [_Vocab(v) for v in vocabs]
        self.known = frozenset().union(*(v.keys() for v in vocabs))
        # word -> (per vocabulary: own attributes, neighbour attributes per offset; phrase heads)
        self._words: dict[str, _Entry] = {}
        self._pad: _Entry = (tuple(v.pad for v in self.vocabs), (), tuple((b"", *v.pad_packed) for v in self.vocabs),
                             tuple(None for _ in self.vocabs))

    def _entry(self, w: str) -> _Entry:
        e = self._words.get(w)
        if e is None:
            fs, base = self._attrs(w)
            codes = tuple(v.word(fs, base) for v in self.vocabs)
            # ids are kept packed only (``sentence_codes`` unpacks them): half the memory
            packed = tuple((pack(own), *map(pack, seen)) if v.ints else () for v, (own, seen) in zip(
                self.vocabs, codes, strict=True))
            e = (tuple(None if v.ints else c for v, c in zip(self.vocabs, codes, strict=True)),
                 self.phrase_heads(w), packed, tuple(v.bigrams_packed.get(w) for v in self.vocabs))
            if len(self._words) > WORD_CACHE:  # bound memory on endless streams
                self._words.clear()
            self._words[w] = e
        return e

    def sentence_codes(self, words: list[str], m: int = 0) -> list[list[Code]]:
        """``Featurizer.sentence`` in vocabulary ``m``: the known attributes, same order."""
        n = len(words)
        get = self._words.get
        pad = self._pad
        entries = [get(w) or self._entry(w) for w in words]
        ptags = self._phrase_spans(words, [e[1] for e in entries])
        cached = [_codes_of(e, m) for e in (pad, pad, *entries, pad, pad)]
        v = self.vocabs[m]
        bigrams = v.bigrams
        enc = v.enc
        out: list[list[Code]] = []
        prev = None
        for i in range(n):
            # cached[i + 2] is word i; its neighbours at -2, -1, +1, +2 are i, i+1, i+3, i+4
            f = [*cached[i + 2][0], *cached[i][1][0], *cached[i + 1][1][1], *cached[i + 3][1][2],
                 *cached[i + 4][1][3]]
            w = words[i]
            if prev is not None and (c := prev.get(w)) is not None:
                f.append(c)
            prev = bigrams.get(w)
            if ptags is None:
                out.append(f)
                continue
            t = ptags[i]
            if t is not None and (c := enc("G" + t)) is not None:
                f.append(c)
            if i + 1 < n and (t := ptags[i + 1]) is not None and (c := enc("+1:G" + t)) is not None:
                f.append(c)
            if i > 0 and (t := ptags[i - 1]) is not None and (c := enc("-1:G" + t)) is not None:
                f.append(c)
            out.append(f)
        return out

    def doc_codes(self, feats: list[list[Code]], words: list[str], p1: list[str],
                  dl: dict[str, frozenset[str]], m: int = 0) -> list[list[Code]]:
        """``add_doc_features`` in vocabulary ``m``: the known attributes, same order.
        Extends the lists of ``feats`` in place."""
        n = len(words)
        v = self.vocabs[m]
        p1a = v.p1
        for t in p1:
            if t not in p1a:
                p1a[t] = v.p1_attrs(t)
        dlc: dict[str, tuple[tuple[Code, ...], ...]] = {}
        for w in set(words).intersection(dl):
            labs = dl[w]
            dlc[w] = tuple(tuple(c for lab in labs if (c := v.enc(pre + lab)) is not None)
                           for pre in ("dl=", "-1:dl=", "+1:dl="))
        none: tuple[tuple[Code, ...], ...] = ((), (), ())
        tags = ["^", *p1, "$"]
        for i in range(n):
            f = feats[i]
            f += p1a[tags[i + 1]][0]
            f += p1a[tags[i]][1]
            f += p1a[tags[i + 2]][2]
            if dlc:
                f += dlc.get(words[i], none)[0]
                if i > 0:
                    f += dlc.get(words[i - 1], none)[1]
                if i + 1 < n:
                    f += dlc.get(words[i + 1], none)[2]
        return feats

    def doc_pieces(self, sents: list[list[str]], m: int = 0) -> list[list[bytes]]:
        """``sentence_codes`` of every sentence of a document (none empty), packed (vocabulary
        ``m`` must be of ids), as columns: token ``t`` (sentences concatenated) has the ids
        ``b"".join(col[t] for col in columns)``, in the same order.

        Columns, not per-token lists: most of a token's attributes are slices of cached
        per-word bytes, gathered a column at a time, and ``pack_doc`` makes the whole
        document's array with one ``join``."""
        v = self.vocabs[m]
        get = self._words.get
        entry = self._entry
        pad = self._pad
        # the document as one row of word entries with two pads before, between and after the
        # sentences, so that a neighbour view never crosses a sentence; ``real`` marks the words
        row = [pad, pad]
        words_row: list[str | None] = [None, None]
        real: list[bool] = []
        for words in sents:
            row += [get(w) or entry(w) for w in words]
            row += (pad, pad)
            words_row += words
            words_row += (None, None)
            real += [True] * len(words)
            real += (False, False)
        end = len(row)
        packed = [e[2][m] for e in row]
        c0, c1, c2, c3, c4 = _COLS
        cols: list[list[bytes]] = [  # own, -2, -1, +1, +2, bigram (word before, word), phrase tags
            list(compress(map(c0, packed[2:end - 2]), real)), list(compress(map(c1, packed[:end - 4]), real)),
            list(compress(map(c2, packed[1:end - 3]), real)), list(compress(map(c3, packed[3:end - 1]), real)),
            list(compress(map(c4, packed[4:]), real)),
            list(compress([b"" if d is None else d.get(w, b"")  # type: ignore[arg-type]
                           for d, w in zip([e[3][m] for e in row[1:end - 3]], words_row[2:end - 2], strict=True)],
                          real))]
        gt: list[bytes] = []
        cols.append(gt)
        gmemo = v.phrase_packed
        at = 2
        for words in sents:
            n = len(words)
            ptags = self._phrase_spans(words, [e[1] for e in row[at:at + n]])
            at += n + 2
            if ptags is None:
                gt += [b""] * n
            else:  # this word's phrase tag, the next word's, the previous word's
                gt += [gmemo[k] for k in zip(ptags, [*ptags[1:], None], [None, *ptags[:-1]], strict=True)]
        return cols

    def doc_extra_pieces(self, sents: list[list[str]], p1: list[list[str]], dl: dict[str, frozenset[str]],
                         m: int = 0) -> list[list[bytes]]:
        """``doc_codes``'s additions as columns to put after ``doc_pieces``'s (same layout)."""
        v = self.vocabs[m]
        memo = v.p1_triples
        x: list[bytes] = []
        cols = [x]
        for ts in p1:  # this word's first-pass tag, the previous word's, the next word's
            x += [memo[k] for k in zip(ts, ("^", *ts[:-1]), (*ts[1:], "$"), strict=True)]
        if not dl:
            return cols
        dlc: dict[str, tuple[bytes, ...]] = {}
        for w in set(chain.from_iterable(sents)).intersection(dl):
            labs = tuple(dl[w])  # the order doc_codes iterates the set in
            p = v.dl_packed.get(labs)
            if p is None:
                p = v.dl_packed[labs] = tuple(pack([c for lab in labs if (c := v.enc(pre + lab)) is not None])
                                              for pre in ("dl=", "-1:dl=", "+1:dl="))
            dlc[w] = p
        none = (b"", b"", b"")
        d: list[bytes] = []
        for words in sents:  # this word's labels, the previous word's, the next word's
            here = [dlc.get(w, none) for w in words]
            d += [a[0] + b[1] + c[2] for a, b, c in zip(here, (none, *here[:-1]), (*here[1:], none), strict=True)]
        return [*cols, d]


def pack_doc(columns: Sequence[Sequence[bytes]]) -> bytes:
    """The packed ids of every token in order, each token's closed by ``END``."""
    k = len(columns) + 1
    n = len(columns[0])
    pieces = [END] * (n * k)
    for j, col in enumerate(columns):
        pieces[j::k] = col
    return b"".join(pieces)


def normalise_words(words: list[str]) -> list[str]:
    return [normalize_str(w) for w in words]


# ---------------------------------------------------------------------- second pass
# A name is usually written in full once (اللواء إيغور كوناشينكوف) and then shortened
# (كوناشينكوف); the short form alone is hard, the document knows the answer.  The
# second pass sees what the first pass tagged: its tag here and beside, and every
# label the same word received anywhere in the document.
DOC_CHUNK = 25  # sentences per pseudo-document when a corpus has no document breaks


def doc_labels(sents: list[list[str]], tags: list[list[str]]) -> dict[str, frozenset[str]]:
    """Word → entity labels the first pass gave it somewhere in the document."""
    seen: dict[str, set[str]] = {}
    for words, ts in zip(sents, tags, strict=True):
        for w, t in zip(words, ts, strict=True):
            if t != "O" and len(w) > 1:
                seen.setdefault(w, set()).add(t[2:])
    return {w: frozenset(v) for w, v in seen.items()}


def add_doc_features(feats: list[list[str]], words: list[str], p1: list[str],
                     dl: dict[str, frozenset[str]]) -> list[list[str]]:
    n = len(words)
    out: list[list[str]] = []
    for i in range(n):
        f = [*feats[i], "p1=" + p1[i]]
        f.append("p1-1=" + (p1[i - 1] if i > 0 else "^"))
        f.append("p1+1=" + (p1[i + 1] if i + 1 < n else "$"))
        for lab in dl.get(words[i], ()):
            f.append("dl=" + lab)
        if i > 0:
            for lab in dl.get(words[i - 1], ()):
                f.append("-1:dl=" + lab)
        if i + 1 < n:
            for lab in dl.get(words[i + 1], ()):
                f.append("+1:dl=" + lab)
        out.append(f)
    return out
