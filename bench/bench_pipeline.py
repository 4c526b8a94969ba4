"""Whole-pipeline speed (text, NER, places, events) and the events stage's share of it.

Rows, all in this one process on the ant-news articles:
- the regex tokenisation floor;
- the whole pipeline (every registered stage), articles/s per core — target ≥ 200;
- the events stage alone, on documents the other stages already filled;
- trigger detection with the one Aho-Corasick automaton the stage uses, against a
  baseline that scans the normalised text once per trigger form (what the single
  automaton replaces), on a sample — the ratio says what the design buys.

Run: ``.venv/bin/python bench/bench_pipeline.py [--limit N]``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import regex

from common import Article, Bench, args, load_articles, sample
from rasad.events.lexicon import load_lexicon
from rasad.events.stage import stage as events_stage
from rasad.model import Document
from rasad.pipeline import STAGES, Pipeline, Resources, tune_gc_for_bulk
from rasad.text.normalize import normalize
from rasad.text.segment import TOKEN_RE


def _doc(a: Article) -> Document:
    return Document(id=str(a["id"]), text=a["text"], title=a.get("title"), published=a.get("published"),
                    outlet=a.get("outlet"))


def main() -> None:
    opts = args()
    arts = [a for a in load_articles(opts.limit) if a.get("text", "").strip()]
    b = Bench("pipeline", arts)
    floor = b.time("tokenise (regex floor)", lambda a: TOKEN_RE.findall(a["text"]))

    pipe = Pipeline().warm()
    tune_gc_for_bulk()  # as ingest and batch workers run
    n_events = [0, 0]

    def whole(a: Article) -> None:
        doc = pipe(_doc(a))
        n_events[0] += len(doc.events)
        n_events[1] += sum(e.modality == "asserted" for e in doc.events)

    full = b.time("whole pipeline (all stages)", whole)
    b.ratio("whole pipeline vs floor", full, floor)
    b.fact("stages", [name for name, _ in pipe.stages])
    b.fact("events per article", round(n_events[0] / len(arts), 2))
    b.fact("asserted events per article", round(n_events[1] / len(arts), 2))
    b.fact("target whole pipeline >= 200 articles/s per core", "met" if full.per_s >= 200 else "NOT MET")

    before_events = Pipeline(tuple(s for s in STAGES if not s.startswith("rasad.events")), pipe.resources)
    docs = {a["id"]: before_events(_doc(a)) for a in arts}
    res = pipe.resources

    def events_only(a: Article) -> None:
        doc = docs[a["id"]]
        doc.events = []
        events_stage(doc, res)

    ev = b.time("events stage alone (inputs precomputed)", events_only)
    b.ratio("events stage vs whole pipeline", ev, full)

    lex = Resources().get("events.lexicon", load_lexicon)
    forms = [regex.compile(regex.escape(f)) for f in lex.form_entry]
    few = sample(arts, min(100, len(arts)))
    one = b.time("trigger detection: one Aho-Corasick automaton",
                 lambda a: lex.trigger_re.finditer(normalize(a["text"]).text), items=few)
    per = b.time(f"baseline: one scan per trigger form ({len(forms):,})",
                 lambda a: [m for r in forms for m in r.finditer(normalize(a["text"]).text)], items=few)
    b.ratio("one automaton vs per-form scans", one, per)
    b.note("articles/s per core from process CPU time; load average at start "
           f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    b.finish(write=not opts.no_write)


if __name__ == "__main__":
    main()
