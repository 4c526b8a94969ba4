"""Unsupervised word clusters from unlabelled news, used as tagger features.

ANERcorp has 125k training tokens: most names in tomorrow's news never occur in it.
Words that appear in the same contexts (after الرئيس, before قال, between في and ,)
tend to be the same kind of word, and unlabelled news is plentiful.  We build a
distributional vector for every frequent word of ``ant-news`` (left/right neighbour
counts, positive PMI, reduced by an eigen-decomposition), then k-means it at three
granularities.  A name the CRF never saw inherits the evidence of its cluster-mates.

Build time only (numpy); the run-time artefact is a small gzipped TSV
``word<TAB>fine<TAB>mid<TAB>coarse`` loaded into a dict.

    python -m rasad.ner.clusters --corpus ../shared/data/ant-news/ant-news-2018.jsonl.xz \
        --out src/rasad/resources/ner/clusters.tsv.gz
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterator
from pathlib import Path


def load_clusters(path: Path) -> dict[str, tuple[str, ...]]:
    """``word -> (fine, mid, coarse, topic...)`` cluster ids; an absent file gives none."""
    if not path.exists():
        return {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8")
    out: dict[str, tuple[str, ...]] = {}
    ids: dict[str, str] = {}  # one string object per cluster id
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        out[parts[0]] = tuple(ids.setdefault(p, p) for p in parts[1:])
    return out


def _corpus_tokens(path: Path) -> Iterator[list[str]]:
    """Normalised tokens of each paragraph of the corpus (title included)."""
    import json
    import lzma

    from rasad.text.normalize import normalize_str
    from rasad.text.segment import TOKEN_RE

    with lzma.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            for para in [rec.get("title") or "", *str(rec.get("text") or "").split("\n")]:
                toks = [normalize_str(m.group()) for m in TOKEN_RE.finditer(para)]
                if toks:
                    yield toks


def _kmeans(x: object, k: int, seed: int, iters: int = 25) -> object:
    """Spherical k-means (rows of ``x`` are unit vectors); returns labels."""
    import numpy as np

    xa = np.asarray(x, dtype=np.float32)
    rng = np.random.default_rng(seed)
    # k-means++-lite: random distinct rows, biased to frequent words (rows are frequency-sorted)
    idx = np.sort(rng.choice(min(len(xa), k * 8), size=k, replace=False))
    cent = xa[idx].copy()
    labels = np.zeros(len(xa), dtype=np.int64)
    for _ in range(iters):
        sims = xa @ cent.T
        new = sims.argmax(axis=1)
        if np.array_equal(new, labels) and _ > 0:
            break
        labels = new
        for j in range(k):
            members = xa[labels == j]
            if len(members):
                c = members.sum(axis=0)
                cent[j] = c / (np.linalg.norm(c) + 1e-9)
            else:  # re-seed an empty cluster on a random row
                cent[j] = xa[rng.integers(len(xa))]
    return labels


def _cooc(paras: list[list[str]], widx: dict[str, int], cidx: dict[str, int], offsets: tuple[int, ...],
          positional: bool) -> object:
    """Word × context counts: one block per offset, or one block for a bag of offsets."""
    import numpy as np

    n_c = len(cidx) + 1  # last slot = boundary / rare
    blocks = len(offsets) if positional else 1
    d_total = blocks * n_c
    pad_n = max(abs(o) for o in offsets)
    keys: list[object] = []
    for toks in paras:
        n = len(toks)
        ids = np.fromiter((widx.get(t, -1) for t in toks), dtype=np.int64, count=n)
        ok = ids >= 0
        if not ok.any():
            continue
        cs = np.fromiter((cidx.get(t, n_c - 1) for t in toks), dtype=np.int64, count=n)
        pad = np.full(pad_n, n_c - 1, dtype=np.int64)
        cp = np.concatenate([pad, cs, pad])
        for block, off in enumerate(offsets):
            ctx = cp[pad_n + off: pad_n + off + n]
            keys.append(ids[ok] * d_total + (block if positional else 0) * n_c + ctx[ok])
    uk, cnt = np.unique(np.concatenate(keys), return_counts=True)  # type: ignore[call-overload,arg-type]
    mat = np.zeros((len(widx), d_total), dtype=np.float32)
    mat[uk // d_total, uk % d_total] = cnt
    if not positional:
        mat[:, n_c - 1] = 0.0  # the boundary/rare slot says nothing about topic
    return mat


def _embed(mat: object, dim: int) -> object:
    """PPMI (context distribution smoothed, alpha 0.75; Levy et al. 2015), reduced by an
    eigen-decomposition of the context Gram matrix; rows normalised.  In place, float32."""
    import numpy as np

    m = np.asarray(mat)
    total = float(m.sum())
    row_p = m.sum(axis=1, keepdims=True) / total
    col_p = m.sum(axis=0) ** 0.75
    col_p /= col_p.sum()
    m /= total
    m /= row_p + 1e-12
    m /= col_p[None, :] + 1e-12
    np.maximum(m, 1.0, out=m)
    np.log(m, out=m)
    vals, vecs = np.linalg.eigh(m.T @ m)
    emb = m @ vecs[:, np.argsort(vals)[::-1][:dim]]
    emb /= np.linalg.norm(emb, axis=1, keepdims=True) + 1e-9
    return emb


def _levels(emb: object, ks: tuple[int, ...], n_fit: int, seed: int) -> list[list[str]]:
    """Cluster ids per level.  Fit on words seen often enough for their contexts to mean
    something; rarer words join the nearest centroid and carry an "r" mark, so the
    tagger can learn to trust them less."""
    import numpy as np

    e = np.asarray(emb)
    out = []
    for i, k in enumerate(ks):
        lab_fit = np.asarray(_kmeans(e[:n_fit], k, seed + i))
        cent = np.zeros((k, e.shape[1]), dtype=np.float32)
        np.add.at(cent, lab_fit, e[:n_fit])
        cent /= np.linalg.norm(cent, axis=1, keepdims=True) + 1e-9
        rest = (e[n_fit:] @ cent.T).argmax(axis=1) if len(e) > n_fit else np.zeros(0, dtype=np.int64)
        out.append([str(x) for x in lab_fit] + [f"r{x}" for x in rest])
    return out


def build(corpus: Path, out: Path, *, n_words: int = 120000, n_ctx: int = 1000, dim: int = 100,
          min_count: int = 2, fit_count: int = 6, ks: tuple[int, ...] = (1000, 250, 60),
          topic_ks: tuple[int, ...] = (300,), seed: int = 13) -> int:
    """Build the cluster file; returns the number of words clustered.

    Two views of each word: its neighbours at fixed positions (-2, -1, +1, +2: which
    slot of a phrase it fills — name, title, verb) clustered at ``ks``, and the bag of
    words within five positions (what it is talked about with — football, oil, war)
    clustered at ``topic_ks``."""
    from collections import Counter

    counts: Counter[str] = Counter()
    paras = list(_corpus_tokens(corpus))
    for toks in paras:
        counts.update(toks)
    # digits collapse: a number's identity carries nothing a cluster could
    vocab = [w for w, c in counts.most_common() if c >= min_count and not w[:1].isdigit()][:n_words]
    widx = {w: i for i, w in enumerate(vocab)}
    n_fit = sum(1 for w in vocab if counts[w] >= fit_count)
    syn_ctx = {w: i for i, (w, _) in enumerate(counts.most_common(n_ctx))}
    levels = _levels(_embed(_cooc(paras, widx, syn_ctx, (-1, 1, -2, 2), True), dim), ks, n_fit, seed)
    top_ctx = {w: i for i, (w, _) in enumerate(counts.most_common(3 * n_ctx)[100:])}  # skip function words
    levels += _levels(_embed(_cooc(paras, widx, top_ctx, (-5, -4, -3, -2, -1, 1, 2, 3, 4, 5), False), dim),
                      topic_ks, n_fit, seed + 100)
    lines = [f"# word clusters from {corpus.name}: {len(vocab)} words, positional k={ks}, "
             f"topical k={topic_ks}, seed={seed}"]
    lines += [w + "\t" + "\t".join(lv[i] for lv in levels) for i, w in enumerate(vocab)]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    return len(vocab)


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(description="Build word clusters for the NER tagger")
    p.add_argument("--corpus", required=True, type=Path)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--seed", type=int, default=13)
    a = p.parse_args(argv)
    n = build(a.corpus, a.out, seed=a.seed)
    print(f"wrote {n} word clusters to {a.out}")
    return 0


if __name__ == "__main__":
    for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_v, "1")
    raise SystemExit(main())
