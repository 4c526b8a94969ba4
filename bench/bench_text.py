"""Text layer speed: segmentation + quantities + dates on all ant-news articles.

In the same process and on the same texts:

* the floor: one regex tokenisation pass (``segment.TOKEN_RE.findall``) — nothing
  that reads a text can be much faster than splitting it into words;
* the text layer: ``Pipeline(stages=(quantities, dates))`` (segmentation always runs);
* the dates stage alone, and ``dateparser.search_dates(text, languages=['ar'])`` — the
  usual Python answer for "find the dates in this text" — on a sample, with how many
  dates each finds and how many of dateparser's finds are bare numbers (96% → 1996).

Targets: text layer at most 10× the floor; dates ≥ 20× faster than dateparser.
Run: ``.venv/bin/python bench/bench_text.py [--limit N]`` (or ``make bench``).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SHARED, Article, Bench, args, load_articles, sample
from rasad.model import Document
from rasad.pipeline import Pipeline
from rasad.text import dates
from rasad.text.segment import TOKEN_RE

DATEPARSER_SAMPLE = 500
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?\s*[%٪]?$")  # 96%, 8.5, 2215: a count, a share, a decimal
_YEAR = re.compile(r"^(?:19|20)\d\d$")


def _anchor(published: str | None) -> dt.datetime | None:
    d = dates.parse_anchor(published)
    return dt.datetime(d.year, d.month, d.day) if d else None


def dateparser_finds(text: str, published: str | None) -> list[tuple[int, int, str, str]]:
    """dateparser's finds as (start, end, text, date), located in the text in order."""
    from dateparser.search import search_dates

    base = _anchor(published)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["ar"], settings={"RELATIVE_BASE": base} if base else None) or []
    out, pos = [], 0
    for s, value in found:
        i = text.find(s, pos)
        if i < 0:
            i = text.find(s)
        if i >= 0:
            pos = i + len(s)
        out.append((i, i + len(s) if i >= 0 else -1, s, value.date().isoformat()))
    return out


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def compare(arts: list[Article], lx: dates.Lexicon) -> dict[str, Any]:
    """How many dates each finds on the sample; dateparser finds that are bare numbers."""
    ours_n = dp_n = dp_numeric = dp_years = dp_in_ours = ours_in_dp = 0
    numeric_examples: list[str] = []
    for a in arts:
        ours = [(t.start, t.end) for t in dates.find_times(a["text"], a["published"], lx)]
        dp = dateparser_finds(a["text"], a["published"])
        ours_n += len(ours)
        dp_n += len(dp)
        dp_spans = [(s, e) for s, e, _, _ in dp if s >= 0]
        for s, e, txt, value in dp:
            if _YEAR.match(txt):
                dp_years += 1  # a bare year: maybe a real one, but dateparser gives it a made-up day
            elif _NUMBER.match(txt):
                dp_numeric += 1
                if len(numeric_examples) < 12:
                    numeric_examples.append(f"{txt!r} -> {value}")
            if s >= 0 and _overlaps((s, e), ours):
                dp_in_ours += 1
        ours_in_dp += sum(1 for sp in ours if _overlaps(sp, dp_spans))
    return {
        "articles": len(arts),
        "ours_expressions": ours_n,
        "dateparser_finds": dp_n,
        "dateparser_finds_that_are_numbers_not_dates": dp_numeric,
        "dateparser_finds_that_are_bare_years_given_a_day": dp_years,
        "dateparser_finds_overlapping_ours": dp_in_ours,
        "ours_overlapping_dateparser": ours_in_dp,
        "dateparser_number_examples": numeric_examples,
    }


def seed_check(lx: dates.Lexicon) -> dict[str, Any]:
    """On the seed article: our expressions (the reading's times) and dateparser's finds."""
    path = SHARED / "seed" / "rt-2016-12-12-palmyra.txt"
    text = path.read_text(encoding="utf-8")
    ours = dates.find_times(text, "2016-12-12", lx)
    spans = [(t.start, t.end) for t in ours]
    dp = dateparser_finds(text, "2016-12-12")
    return {
        "ours": [f"{t.text} -> {t.value_start}..{t.value_end} ({t.precision})" for t in ours],
        "dateparser": [f"{txt} -> {value}" + ("" if s >= 0 and _overlaps((s, e), spans) else "  [spurious]")
                       for s, e, txt, value in dp],
        "dateparser_spurious": sum(1 for s, e, _, _ in dp if not (s >= 0 and _overlaps((s, e), spans))),
        "dateparser_total": len(dp),
    }


def main() -> None:
    opts = args()
    arts = load_articles(opts.limit)
    print(f"bench_text: {len(arts):,} ant-news articles, "
          f"{sum(len(a['text']) for a in arts) / len(arts):,.0f} characters on average")
    b = Bench("text", arts)
    floor = b.time("tokenise (regex floor)", lambda a: TOKEN_RE.findall(a["text"]), repeat=3)

    res_lx = dates.load()
    b.time("dates only (find_times)", lambda a: dates.find_times(a["text"], a["published"], res_lx), repeat=2)

    def layer_fn(pipe: Pipeline) -> Callable[[Article], None]:
        def run(a: Article) -> None:
            pipe(Document(id=a["id"], text=a["text"], published=a["published"]))
        return run

    # where the text layer's time goes: segmentation alone, then each stage added
    steps: tuple[tuple[str, ...], ...] = ((), ("rasad.text.quantities:stage",), ("rasad.text.dates:stage",))
    for step in steps:
        part = Pipeline(stages=step).warm()
        b.time(" + ".join(name for name, _ in part.stages), layer_fn(part))

    pipe = Pipeline(stages=("rasad.text.quantities:stage", "rasad.text.dates:stage")).warm()
    stages = [name for name, _ in pipe.stages]
    layer = b.time("text layer: " + " + ".join(stages), layer_fn(pipe))
    b.ratio("text layer cost vs floor (lower is better)", floor, layer, target="<= 10x",
            ok=floor.per_s / layer.per_s <= 10)

    dp_arts = sample(arts, DATEPARSER_SAMPLE)
    ours_dp = b.time(f"dates only, {len(dp_arts)}-article sample",
                     lambda a: dates.find_times(a["text"], a["published"], res_lx), dp_arts)
    dp = b.time("dateparser.search_dates(ar), same sample", lambda a: dateparser_finds(a["text"], a["published"]),
                dp_arts)
    b.ratio("dates vs dateparser", ours_dp, dp, target=">= 20x", ok=ours_dp.per_s / dp.per_s >= 20)
    b.ratio("text layer vs dateparser", layer, dp, target=">= 20x", ok=layer.per_s / dp.per_s >= 20)

    b.fact("stages", stages)
    b.fact("comparison_on_sample", compare(dp_arts, res_lx))
    b.fact("seed", seed_check(res_lx))
    b.note("art/s/core = articles per CPU-second in one thread; 'text layer cost vs floor' is floor rate / layer rate.")
    b.note("dateparser gets the publication date as RELATIVE_BASE, like ours. 'numbers not dates': finds whose "
           "whole text is a number, decimal or percentage other than 1900-2100 (2215, 8.5, 96%); 'bare years "
           "given a day': finds that are only a year (2016), which dateparser turns into a full date.")
    b.finish(write=not opts.no_write)


if __name__ == "__main__":
    main()
