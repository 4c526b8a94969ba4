"""NER throughput and load time on real news (ant-news-2018), one process, one core.

    .venv/bin/python bench/bench_ner.py [--articles 400]

Prints a table and writes bench/results/ner.json.  Rows: model load (lexicon, clusters,
CRF files, actor dictionary), then tagging speed over the same sentences for the
feature extractor alone, the first-pass CRF alone (the baseline a one-pass tagger
would give), the shipped two-pass tagger, and the whole ner stage (tagger with span
confidences + actor dictionary + merge) — cold (empty per-word cache) and warm.
"""

from __future__ import annotations

import argparse
import json
import lzma
import os
import platform
import resource
import sys
import time
from pathlib import Path

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("RASAD_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "data" / "ant-news" / "ant-news-2018.jsonl.xz"


def _articles(n: int) -> list[dict[str, str]]:
    out = []
    with lzma.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("category") == "middleEast" and len(rec.get("text", "")) > 500:
                out.append(rec)
                if len(out) >= n:
                    break
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--articles", type=int, default=400)
    args = ap.parse_args(argv)
    if not CORPUS.exists():
        print(f"skip: {CORPUS} not found (../shared missing)", file=sys.stderr)
        return 0

    from rasad.model import Document
    from rasad.ner.actors import ActorDictionary
    from rasad.ner.features import Featurizer, Lexicon
    from rasad.ner.stage import NerResources, crf_mentions, merge
    from rasad.ner.tagger import Tagger
    from rasad.text.segment import sentences

    t0 = time.process_time()
    lex = Lexicon.load()
    t_lex = time.process_time() - t0
    t0 = time.process_time()
    tagger = Tagger(lexicon=lex)
    t_crf = time.process_time() - t0
    t0 = time.process_time()
    actors = ActorDictionary.load()
    t_actors = time.process_time() - t0

    arts = _articles(args.articles)
    docs = [Document(id=a["id"], text=a["text"], sentences=sentences(a["text"])) for a in arts]
    doc_words = [[[t.norm for t in s.tokens] for s in d.sentences] for d in docs]
    n_tok = sum(len(ws) for dw in doc_words for ws in dw)

    def run(label: str, fn) -> dict[str, float]:  # type: ignore[no-untyped-def]
        # CPU time of this process: "per core" even when other jobs share the machine
        w, t = time.perf_counter(), time.process_time()
        fn()
        secs = time.process_time() - t
        return {"label": label, "cpu_seconds": round(secs, 3), "wall_seconds": round(time.perf_counter() - w, 3),
                "tokens_per_s": round(n_tok / secs), "articles_per_s": round(len(docs) / secs, 1)}

    def features_only() -> None:
        f = Featurizer(lex)
        for dw in doc_words:
            for ws in dw:
                f.sentence(ws)

    def pass1_only() -> None:
        crf1 = tagger.crf1 or tagger.crf
        for dw in doc_words:
            for ws in dw:
                crf1.tag(tagger.featurizer.sentence(ws))

    def two_pass() -> None:
        for dw in doc_words:
            tagger.tag_doc(dw)

    res = NerResources(tagger, actors)

    def stage() -> None:
        for d in docs:
            d.mentions = merge(crf_mentions(d, res.tagger), res.actors.find(d))  # type: ignore[arg-type]

    rows = []
    tagger.featurizer = Featurizer(lex)  # cold cache
    rows.append(run("two-pass tagger, cold word cache", two_pass))
    rows.append(run("features only (warm)", features_only))
    rows.append(run("first-pass CRF only (baseline)", pass1_only))
    rows.append(run("two-pass tagger (warm)", two_pass))
    rows.append(run("ner stage: tagger + confidences + actors", stage))
    base = rows[2]["tokens_per_s"]
    for r in rows:
        r["vs_first_pass"] = round(r["tokens_per_s"] / base, 2)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": len(docs),
        "tokens": n_tok,
        "load_seconds": {"lexicon_and_clusters": round(t_lex, 3), "crf_models": round(t_crf, 3),
                         "actor_dictionary": round(t_actors, 3), "total": round(t_lex + t_crf + t_actors, 3)},
        "rows": rows,
        "peak_rss_mb": round(peak_mb),
        "load_average": round(os.getloadavg()[0], 2),
        "clock": "process CPU time",
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    print(f"NER bench: {len(docs)} ant-news articles, {n_tok:,} tokens, 1 process; rates are per CPU-second "
          f"(load average {os.getloadavg()[0]:.1f} while measuring)")
    print(f"load (CPU s): lexicon+clusters {t_lex:.3f}s, CRF models {t_crf:.3f}s, actors {t_actors:.3f}s "
          f"(total {t_lex + t_crf + t_actors:.3f}s)")
    print(f"{'run':<44}{'tokens/s':>10}{'articles/s':>12}{'vs 1-pass':>11}")
    for r in rows:
        print(f"{r['label']:<44}{r['tokens_per_s']:>10,}{r['articles_per_s']:>12}{r['vs_first_pass']:>11}")
    print(f"peak RSS {peak_mb:.0f} MB")
    out = REPO / "bench" / "results" / "ner.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
