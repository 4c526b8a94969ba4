"""Train the NER model from ANERcorp (train split only), reproducibly.

    python -m rasad.ner.train --data ../shared/data/anercorp \
        --out src/rasad/resources/models/ner.crfsuite

Steps: (1) convert Benajiba's ANERgazet lists to ``resources/ner/gazetteer.tsv.gz``
(normalised, deduplicated), (2) featurise the train split with the shipped lexicon and
word clusters, (3) fit a linear-chain CRF (L-BFGS with elastic-net, fixed settings:
crfsuite's L-BFGS is deterministic, so the same data gives the same model).  The test
split is never read here; ``rasad eval ner`` scores it.
"""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from rasad.ner.conll import read_conll
from rasad.ner.features import DOC_CHUNK, RESOURCES, Featurizer, Lexicon, add_doc_features, doc_labels
from rasad.ner.tagger import pass1_path
from rasad.text.normalize import normalize_str

GAZ_FILES = {"LOC": "AlignedLocGazetteer.txt", "ORG": "AlignedOrgGazetteer.txt", "PER": "AlignedPersGazetteer.txt"}
PARAMS = {
    "c1": 0.05,
    "c2": 0.02,
    "max_iterations": 250,
    "feature.possible_transitions": True,
}
TRAIN_FILE = "ANERCorp_CamelLab_train.txt"
TEST_FILE = "ANERCorp_CamelLab_test.txt"


def convert_gazetteers(data: Path, out: Path) -> int:
    """ANERgazet → ``label<TAB>phrase`` lines, normalised, sorted, deduplicated."""
    rows: set[tuple[str, str]] = set()
    for label, name in GAZ_FILES.items():
        p = data / "gazetteers" / name
        if not p.exists():
            continue
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            phrase = " ".join(normalize_str(line).split())
            if phrase and not set(phrase) <= set("=*-") and len(phrase) > 1:
                rows.add((label, phrase))
    text = "# ANERgazet (Benajiba, Rosso & Benedí 2007), normalised; research use, see docs/readme/ner.md\n"
    text += "".join(f"{label}\t{phrase}\n" for label, phrase in sorted(rows))
    old = gzip.decompress(out.read_bytes()).decode("utf-8") if out.exists() else None
    if old != text:  # rewrite only on change: no spurious diffs, no torn reads
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp")
        tmp.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
        tmp.replace(out)
    return len(rows)


def _fit(xs: list[list[list[str]]], ys: list[list[str]], path: Path, params: dict[str, object]) -> Path:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys, strict=True):
        trainer.append(x, y)
    trainer.set_params(params)
    path.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(path))
    return path


def _tag_all(path: Path, xs: list[list[list[str]]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = [list(tagger.tag(x)) for x in xs]
    tagger.close()
    return out


def doc_features(words: list[list[str]], base: list[list[list[str]]], p1: list[list[str]]) -> list[list[list[str]]]:
    """Second-pass features over pseudo-documents of ``DOC_CHUNK`` sentences."""
    out: list[list[list[str]]] = []
    for k in range(0, len(words), DOC_CHUNK):
        ws, bs, ps = words[k: k + DOC_CHUNK], base[k: k + DOC_CHUNK], p1[k: k + DOC_CHUNK]
        dl = doc_labels(ws, ps)
        out.extend(add_doc_features(b, w, p, dl) for b, w, p in zip(bs, ws, ps, strict=True))
    return out


def train(data: Path, out: Path, params: dict[str, object] | None = None, quiet: bool = False,
          sents: list[tuple[list[str], list[str]]] | None = None) -> Path:
    """Two-pass training; the second pass learns from first-pass tags made without
    seeing the sentence (two-fold jackknife over pseudo-documents), so it learns how far
    to trust them on unseen text, not on memorised training sentences."""
    t0 = time.perf_counter()
    prm = {**PARAMS, **(params or {})}
    convert_gazetteers(data, RESOURCES / "gazetteer.tsv.gz")
    corpus = sents if sents is not None else read_conll(data / TRAIN_FILE)
    words = [[normalize_str(w) for w in ws] for ws, _ in corpus]
    feats = Featurizer(Lexicon.load(RESOURCES))
    ys = [tags for _, tags in corpus]
    base = [feats.sentence(ws) for ws in words]
    fold = [(i // DOC_CHUNK) % 2 for i in range(len(words))]
    p1: list[list[str]] = [[] for _ in words]
    tmp = out.with_name(out.stem + ".fold" + out.suffix)
    for k in (0, 1):
        idx_train = [i for i, f in enumerate(fold) if f != k]
        idx_pred = [i for i, f in enumerate(fold) if f == k]
        _fit([base[i] for i in idx_train], [ys[i] for i in idx_train], tmp, prm)
        for i, tags in zip(idx_pred, _tag_all(tmp, [base[i] for i in idx_pred]), strict=True):
            p1[i] = tags
    tmp.unlink(missing_ok=True)
    _fit(doc_features(words, base, p1), ys, out, prm)
    _fit(base, ys, pass1_path(out), prm)
    if not quiet:
        size = (out.stat().st_size + pass1_path(out).stat().st_size) / 1e6
        print(f"trained {out} (+ first pass) in {time.perf_counter() - t0:.0f}s ({size:.1f} MB)")
    return out


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(description="Train the rasad NER tagger on ANERcorp (train split)")
    p.add_argument("--data", required=True, type=Path, help="the anercorp directory")
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--c1", type=float, default=PARAMS["c1"])
    p.add_argument("--c2", type=float, default=PARAMS["c2"])
    a = p.parse_args(argv)
    train(a.data, a.out, {"c1": a.c1, "c2": a.c2})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
