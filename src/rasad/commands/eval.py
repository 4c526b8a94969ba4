"""``rasad eval``: score rasad against reference data, one sub-subcommand per task.

Each task registers itself in ``TASKS`` with a function that adds its parser; ``rasad
eval ner`` is the first.  Further tasks (``events``...) add a ``_register_<task>`` and
an entry in ``TASKS``, nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rasad.errors import InputError

# Published entity-level F1 on the same ANERcorp CAMeL Lab test split, with where each
# number is printed.  Only figures we could read in their source are listed.
NER_PUBLISHED: tuple[tuple[str, float, str], ...] = (
    ("BiLSTM-CRF (prev. SOTA cited by AraBERT)", 81.7, "aub-mind/arabert README, results table (CAMeL splits)"),
    ("mBERT", 78.4, "aub-mind/arabert README, results table (CAMeL splits)"),
    ("AraBERTv0.1", 83.1, "aub-mind/arabert README, results table (CAMeL splits)"),
    ("AraBERTv1", 82.4, "aub-mind/arabert README, results table (CAMeL splits)"),
    ("AraBERTv0.2 fine-tune", 81.27, "huggingface.co/Komail262/arabert-ner-anercorp (micro, test split)"),
)


def _shared_dir() -> Path:
    env = os.environ.get("RASAD_SHARED")
    if env:
        return Path(env)
    here = Path.cwd()
    for base in (here, *here.parents):
        cand = base.parent / "shared"
        if (cand / "data").is_dir():
            return cand
    return here.parent / "shared"


def register(sub: Any) -> None:
    p = sub.add_parser("eval", help="score rasad against reference data (ner, ...)",
                       description="Evaluate a rasad stage on reference data and print the scores.")
    tasks = p.add_subparsers(dest="eval_task", metavar="TASK")
    for name, (help_, add) in TASKS.items():
        add(tasks.add_parser(name, help=help_))
    p.set_defaults(func=lambda a: (p.print_help(), 1)[1])


def _register_ner(p: argparse.ArgumentParser) -> None:
    p.description = ("Entity-level (CoNLL exact-match) precision, recall and F1 of the NER tagger on the "
                     "ANERcorp CAMeL Lab test split, next to published numbers for the same split.")
    p.add_argument("--data", type=Path, help="anercorp directory (default: $RASAD_SHARED/data/anercorp)")
    p.add_argument("--split", choices=("test", "train"), default="test")
    p.add_argument("--model", type=Path, help="crfsuite model (default: the shipped one)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.set_defaults(func=run_ner)


def _register_events(p: argparse.ArgumentParser) -> None:
    p.description = ("Run the whole pipeline on a directory of reference readings (ID.txt + ID.gold.json) "
                     "and score the events with the project scorer (../shared/eval/score.py).")
    p.add_argument("gold", nargs="?", type=Path, help="directory of *.gold.json readings (default: the seed)")
    p.add_argument("--scorer", type=Path, help="score.py (default: $RASAD_SHARED/eval/score.py)")
    p.add_argument("--notes", action="store_true", help="also print the scorer's per-event notes")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=run_events)


def run_events(args: argparse.Namespace) -> int:
    from rasad.events.evaluate import score_gold_dir

    shared = _shared_dir()
    gold = args.gold or shared / "seed"
    if not gold.exists():
        raise InputError(str(gold), "reading directory not found")
    res = score_gold_dir(gold, args.scorer or shared / "eval" / "score.py", notes=args.notes)
    if args.json:
        sys.stdout.write(json.dumps(res, indent=2, ensure_ascii=False) + "\n")
        return 0
    for n in res.pop("notes", []):
        sys.stdout.write(f"  {n}\n")
    for k, v in res.items():
        sys.stdout.write(f"{k:22} {v:.3f}\n" if isinstance(v, float) else f"{k:22} {v}\n")
    return 0


TASKS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "ner": ("named-entity tagger on the ANERcorp test split", _register_ner),
    "events": ("events of the whole pipeline on reference readings (ID.txt + ID.gold.json)", _register_events),
}


def ner_scores(data: Path, split: str = "test", model: Path | None = None) -> dict[str, Any]:
    from rasad.ner.conll import read_conll, score
    from rasad.ner.features import DOC_CHUNK
    from rasad.ner.tagger import MODEL_PATH, Tagger
    from rasad.ner.train import TEST_FILE, TRAIN_FILE
    from rasad.text.normalize import normalize_str

    path = data / (TEST_FILE if split == "test" else TRAIN_FILE)
    if not path.exists():
        raise InputError(str(path), "ANERcorp file not found (give --data DIR or set RASAD_SHARED)")
    sents = read_conll(path)
    tagger = Tagger(model or MODEL_PATH)
    t0 = time.perf_counter()
    words = [[normalize_str(w) for w in ws] for ws, _ in sents]
    pred: list[list[str]] = []
    for k in range(0, len(words), DOC_CHUNK):  # the split has no document breaks: fixed chunks
        pred += tagger.tag_doc(words[k: k + DOC_CHUNK])
    secs = time.perf_counter() - t0
    scores = score([g for _, g in sents], pred)
    n_tokens = sum(len(w) for w, _ in sents)
    return {
        "split": split,
        "file": path.name,
        "sentences": len(sents),
        "tokens": n_tokens,
        "tag_seconds": round(secs, 2),
        "scores": {
            k: {"precision": round(100 * v.precision, 2), "recall": round(100 * v.recall, 2),
                "f1": round(100 * v.f1, 2), "gold": v.tp + v.fn, "predicted": v.tp + v.fp}
            for k, v in scores.items()
        },
    }


def format_ner(res: dict[str, Any]) -> str:
    lines = [
        f"ANERcorp (CAMeL Lab split) {res['split']}: {res['sentences']} sentences, {res['tokens']:,} tokens; "
        f"entity-level exact match (conlleval)",
        "",
        f"{'label':<8}{'gold':>7}{'pred':>7}{'P':>8}{'R':>8}{'F1':>8}",
    ]
    for k, v in res["scores"].items():
        lines.append(f"{k:<8}{v['gold']:>7}{v['predicted']:>7}{v['precision']:>8.2f}{v['recall']:>8.2f}"
                     f"{v['f1']:>8.2f}")
    lines += ["", "Published micro F1 on the same test split:"]
    ours = res["scores"]["micro"]["f1"]
    lines.append(f"  {'rasad CRF (this run)':<42}{ours:>6.2f}")
    for name, f1, src in NER_PUBLISHED:
        lines.append(f"  {name:<42}{f1:>6.2f}  [{src}]")
    lines.append(f"\ntagging: {res['tokens'] / max(res['tag_seconds'], 1e-9):,.0f} tokens/s (1 core, cold cache)")
    return "\n".join(lines) + "\n"


def run_ner(args: argparse.Namespace) -> int:
    data = args.data or _shared_dir() / "data" / "anercorp"
    res = ner_scores(data, args.split, args.model)
    if args.json:
        sys.stdout.write(json.dumps(res, indent=2) + "\n")
    else:
        sys.stdout.write(format_ner(res))
    return 0
