"""Geocoder speed: index load time, and place mentions found and resolved per second.

In one process, on the ant-news articles:

* the floor: one regex tokenisation pass (``segment.TOKEN_RE.findall``);
* ``geocode(text)``: normalisation, the Aho-Corasick pass, context reading, ranking of
  candidates and neighbourhood lists — everything the geo stage does;
* the naive matcher the issue warns about (every gazetteer key found anywhere on word
  boundaries, no stoplist, no cues) on the seed article, for the count of "places".

Facts: gazetteer load time (best and median of 7 loads in this process, and one cold
``python -c 'load()'`` including interpreter start and imports), mentions per CPU-second.
Targets: load < 0.5 s; >= 20,000 mentions resolved per second per core.
Run: ``.venv/bin/python bench/bench_geo.py [--limit N]`` (or ``make bench``).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SHARED, Bench, args, load_articles
from rasad.geo.context import Words
from rasad.geo.find import find_hits
from rasad.geo.fuzzy import fuzzy_candidates
from rasad.geo.gazetteer import GAZETTEER, Gazetteer, load
from rasad.geo.quarters import neighbourhood_lists
from rasad.geo.stage import geocode
from rasad.text.normalize import normalize, normalize_str
from rasad.text.segment import TOKEN_RE


def load_times(n: int = 7) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        load()
        out.append(time.perf_counter() - t0)
    return out


def cold_load_s() -> float:
    code = "import time; t=time.perf_counter(); from rasad.geo.gazetteer import load; load(); print(time.perf_counter()-t)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def naive_count(gaz: Gazetteer, text: str) -> int:
    """Every key occurrence that starts and ends a word: what a plain dictionary scan reports."""
    t = normalize_str(text)
    n = 0
    for end, (key, *_) in gaz.automaton.iter(t):  # values: (key, length, readings...)
        s = end + 1 - len(key)
        if (s == 0 or not t[s - 1].isalpha()) and (end + 1 == len(t) or not t[end + 1].isalpha()):
            n += 1
    return n


def main() -> None:
    opts = args()
    times = load_times()
    cold = cold_load_s()
    gaz = load()
    arts = load_articles(opts.limit)
    b = Bench("geo", arts)
    b.fact("gazetteer file", f"{GAZETTEER.name}, {GAZETTEER.stat().st_size / 1e6:.2f} MB, {len(gaz.entries):,} entries, "
                             f"{len(gaz.keys) + len(gaz.bare):,} keys")
    b.fact("load_s_best", round(min(times), 3))
    b.fact("load_s_median", round(statistics.median(times), 3))
    b.fact("load_s_cold_process", round(cold, 3))
    b.fact("load target < 0.5 s", "met" if statistics.median(times) < 0.5 else "NOT MET")

    t0 = time.perf_counter()
    fuzzy_candidates(gaz, "حلبب")  # builds the near-spelling index, which is lazy
    b.fact("fuzzy_index_build_s (once, on the first unknown name)", round(time.perf_counter() - t0, 3))

    floor = b.time("tokenise (floor)", lambda a: TOKEN_RE.findall(a["text"]), repeat=2)
    counts = {"places": 0, "resolved": 0}

    def run(a: dict) -> None:
        ps = geocode(a["text"], gaz)
        counts["places"] += len(ps)
        counts["resolved"] += sum(1 for p in ps if p.resolved)

    def find(a: dict) -> None:
        nt = normalize(a["text"])
        words = Words.of(nt.text)
        find_hits(gaz, nt.text)
        neighbourhood_lists(words, gaz.lexicon)

    finding = b.time("find only (normalise, words, Aho-Corasick, lists)", find)
    ours = b.time("geocode (find + resolve)", run)
    b.ratio("geocode vs tokenise floor", ours, floor)
    e2e = counts["places"] / ours.cpu_s
    resolving = counts["places"] / max(ours.cpu_s - finding.cpu_s, 1e-9)
    b.fact("place mentions", f"{counts['places']:,} ({counts['resolved']:,} resolved) in {len(arts):,} articles")
    b.fact("mentions_per_s_per_core_end_to_end", round(e2e))
    b.fact("mentions_resolved_per_s_per_core (geocode minus finding)", round(resolving))
    b.fact("mentions/s target >= 20,000 (resolution)", "met" if resolving >= 20_000 else "NOT MET")
    b.fact("mentions/s target >= 20,000 (end to end)", "met" if e2e >= 20_000 else "NOT MET")

    seed = SHARED / "seed" / "rt-2016-12-12-palmyra.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        located = [p for p in geocode(text, gaz) if p.resolved]
        b.fact("seed article: dictionary words on word boundaries vs located mentions (distinct places)",
               f"{naive_count(gaz, text)} vs {len(located)} ({len({p.geonameid for p in located})})")
    b.note("rates are per core (process CPU time); load times are wall clock on this machine, "
           f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores while measuring")
    b.finish(write=not opts.no_write)


if __name__ == "__main__":
    main()
