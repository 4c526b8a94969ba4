"""Dashboard first render with 10,000 events in the database (target: under 2 s).

The database is built from real ant-news articles, each given five events whose evidence
is one of its real sentences, placed at one of the region's real towns and dated within
the article's week, with types, fatalities and sources in realistic proportions.  The
real ``rasad serve`` serves it; Debian's headless Chromium loads the page (basemap, stats,
10,000 markers clustered, first page of the list, timeline) and the page reports when it
has drawn.  Cold = fresh browser context (nothing cached); warm = reload.

    .venv/bin/python bench/bench_web.py [--events 10000] [--runs 5] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from common import REPO, Bench, load_articles
from rasad.model import Actor, Attribution, Document, Event, EventDate, Place, Quantity, Span
from rasad.text.segment import sentences

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

# Real towns (GeoNames coordinates), weighted roughly by how often 2018 news named them.
TOWNS: list[tuple[str, str, str, float, float, int]] = [
    ("دمشق", "Damascus", "SY", 33.5102, 36.29128, 8), ("حلب", "Aleppo", "SY", 36.20124, 37.16117, 6),
    ("دوما", "Douma", "SY", 33.5722, 36.4019, 6), ("إدلب", "Idlib", "SY", 35.93062, 36.63393, 6),
    ("عفرين", "Afrin", "SY", 36.5119, 36.8693, 6), ("درعا", "Daraa", "SY", 32.61889, 36.10213, 5),
    ("حمص", "Homs", "SY", 34.72405, 36.72559, 3), ("الرقة", "Ar Raqqah", "SY", 35.95283, 39.00788, 3),
    ("دير الزور", "Deir ez-Zor", "SY", 35.33588, 40.14084, 3), ("منبج", "Manbij", "SY", 36.5281, 37.95494, 2),
    ("بغداد", "Baghdad", "IQ", 33.34058, 44.40088, 5), ("الموصل", "Mosul", "IQ", 36.335, 43.11889, 3),
    ("كركوك", "Kirkuk", "IQ", 35.46806, 44.39222, 2), ("الأنبار", "Ramadi", "IQ", 33.42056, 43.30778, 2),
    ("صنعاء", "Sanaa", "YE", 15.35472, 44.20667, 5), ("الحديدة", "Al Hudaydah", "YE", 14.79781, 42.95452, 5),
    ("تعز", "Taiz", "YE", 13.57952, 44.02091, 3), ("عدن", "Aden", "YE", 12.77944, 45.03667, 3),
    ("صعدة", "Saada", "YE", 16.94021, 43.76393, 2), ("طرابلس", "Tripoli", "LY", 32.88743, 13.18733, 3),
    ("بنغازي", "Benghazi", "LY", 32.11486, 20.06859, 2), ("درنة", "Darnah", "LY", 32.767, 22.63669, 2),
    ("غزة", "Gaza", "PS", 31.50161, 34.46672, 5), ("رفح", "Rafah", "PS", 31.29722, 34.24357, 2),
    ("القدس", "Jerusalem", "IL", 31.76904, 35.21633, 2), ("العريش", "Arish", "EG", 31.13159, 33.79844, 2),
    ("سيناء", "North Sinai", "EG", 30.6, 33.8, 2), ("مقديشو", "Mogadishu", "SO", 2.03711, 45.34375, 2),
    ("كابول", "Kabul", "AF", 34.52813, 69.17233, 2), ("بيروت", "Beirut", "LB", 33.89332, 35.50157, 1),
]
TYPES: list[tuple[str, str, int]] = [
    ("battles", "armed_clash", 30), ("explosions_remote_violence", "air_drone_strike", 22),
    ("explosions_remote_violence", "shelling_artillery_missile_attack", 14),
    ("explosions_remote_violence", "remote_explosive_landmine_ied", 5),
    ("violence_against_civilians", "attack", 8), ("protests", "peaceful_protest", 7),
    ("riots", "violent_demonstration", 2), ("strategic_developments", "arrests", 6),
    ("strategic_developments", "agreement", 4), ("battles", "government_regains_territory", 2),
]
SOURCES = ["Syrian Observatory for Human Rights", "SANA (Syrian Arab News Agency)", "Houthi media",
           "Saudi-led coalition", "Iraqi Security Media Cell", "Activists", "White Helmets", "Israeli army",
           "Palestinian health ministry", "Local sources"]
ACTORS = ["Military Forces of Syria", "Islamic State (ISIS)", "Houthis (Ansar Allah)", "Military Forces of Israel",
          "Saudi-led coalition", "Syrian Democratic Forces", "Military Forces of Turkey", "Hayat Tahrir al-Sham",
          "Military Forces of Iraq", "Civilians"]


def synthetic_documents(n_events: int, seed: int = 7) -> list[Document]:
    rng = random.Random(seed)
    per_doc = 5
    arts = [a for a in load_articles(limit=n_events // per_doc * 2) if len(a["text"]) > 400]
    docs: list[Document] = []
    towns_w = [t[5] for t in TOWNS]
    types_w = [t[2] for t in TYPES]
    for a in arts:
        if sum(len(d.events) for d in docs) >= n_events:
            break
        text = a["text"]
        sents = [s for s in sentences(text) if len(s.text) > 30]
        if len(sents) < 2:
            continue
        doc = Document(id=a["id"], text=text, title=a["title"], published=a["published"], outlet=a["outlet"])
        pub = date.fromisoformat(a["published"][:10])
        for i in range(per_doc):
            s = sents[i % len(sents)]
            town = rng.choices(TOWNS, towns_w)[0]
            typ, sub, _ = rng.choices(TYPES, types_w)[0]
            first = s.text.split()[0]
            day = (pub - timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 3]))).isoformat()
            jitter = (rng.uniform(-0.05, 0.05), rng.uniform(-0.05, 0.05))
            ev = Event(
                id=f"E{i + 1}", acled_type=typ, acled_subtype=sub,
                trigger=Span(s.start, s.start + len(first), first), evidence=Span(s.start, s.end, s.text),
                confidence=round(rng.uniform(0.4, 0.95), 2),
                actor1=Actor(text=rng.choice(ACTORS), normalized=rng.choice(ACTORS)),
                location=Place(s.start, s.start + len(first), first, "town", town[2], None, town[1], None,
                               town[3] + jitter[0], town[4] + jitter[1], 0.8),
                date=EventDate(day, day, "day", "synthetic"),
                attribution=Attribution(source=rng.choice(SOURCES)),
            )
            if typ in ("battles", "explosions_remote_violence", "violence_against_civilians") and rng.random() < 0.6:
                k = int(rng.paretovariate(1.3))
                ev.fatalities = Quantity(s.start, s.start + len(first), first, float(k), "exact")
            doc.events.append(ev)
        docs.append(doc)
    return docs


def build_db(path: Path, n_events: int) -> tuple[str, float, int]:
    from rasad.store import Store

    url = f"sqlite:///{path}"
    docs = synthetic_documents(n_events)
    t0 = time.perf_counter()
    store = Store.open(url)
    try:
        for i in range(0, len(docs), 200):
            store.add_documents(docs[i:i + 200])
        from rasad.store import EventFilter

        n = store.count_events(EventFilter())
    finally:
        store.close()
    return url, time.perf_counter() - t0, n


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed_get(url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        body = r.read()
    return (time.perf_counter() - t0) * 1000, len(body)


def page_load(browser: Any, url: str, runs: int) -> dict[str, list[float]]:
    cold: list[float] = []
    warm: list[float] = []
    markers = 0
    for _ in range(runs):
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = ctx.new_page()
        for bucket in (cold, warm):
            if bucket is cold:
                pg.goto(url)
            else:
                pg.reload()
            pg.wait_for_selector('body[data-ready="true"]', state="attached", timeout=60_000)
            bucket.append(float(pg.evaluate("window.rasadApp.firstRenderAt")))
            markers = int(pg.evaluate("window.rasadApp.markerData().length"))
        ctx.close()
    return {"cold": cold, "warm": warm, "markers": [float(markers)]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--no-write", action="store_true")
    opts = ap.parse_args()
    if not Path(CHROMIUM).exists():
        sys.exit(f"bench_web: {CHROMIUM} not found (bash .ci/services/chromium.sh installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    b = Bench("web", [])
    with tempfile.TemporaryDirectory() as tmp:
        print(f"building a database with {opts.events:,} events ...", flush=True)
        url, build_s, n = build_db(Path(tmp) / "web.db", opts.events)
        b.fact("events in the database (asserted, not duplicates)", n)
        b.fact("database build (Store.add_documents, s)", round(build_s, 1))
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--db", url, "--port", str(port),
                                 "--no-warm"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO)
        try:
            assert proc.stdout is not None
            print(proc.stdout.readline().strip(), flush=True)
            base = f"http://127.0.0.1:{port}"
            timed_get(base + "/api/health")
            rows = []
            for name, path in (("GET /api/markers (all)", "/api/markers"), ("GET /api/stats", "/api/stats"),
                               ("GET /api/events?limit=50", "/api/events?limit=50"),
                               ("GET /api/markers?type=battles", "/api/markers?type=battles")):
                times = [timed_get(base + path) for _ in range(5)]
                rows.append((name, statistics.median(t for t, _ in times), times[0][1]))
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                loads = page_load(browser, base + "/", opts.runs)
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    cold, warm = statistics.median(loads["cold"]), statistics.median(loads["warm"])
    head = f"{'measurement':<44} {'median ms':>10} {'bytes':>12}"
    print()
    print(head)
    print("-" * len(head))
    for name, ms, size in rows:
        print(f"{name:<44} {ms:>10.0f} {size:>12,}")
    print(f"{'page first render, cold (navigation → drawn)':<44} {cold:>10.0f}")
    print(f"{'page first render, warm (reload)':<44} {warm:>10.0f}")
    ok = cold < 2000
    print(f"first render with {n:,} events: {cold / 1000:.2f} s cold (target < 2 s) {'met' if ok else 'NOT MET'}")
    for name, ms, size in rows:
        b.fact(f"{name} ms", round(ms, 1))
        b.fact(f"{name} bytes", size)
    b.fact("markers drawn", int(loads["markers"][0]))
    b.fact("first render cold ms (median)", round(cold))
    b.fact("first render warm ms (median)", round(warm))
    b.fact("first render cold ms (all runs)", [round(x) for x in loads["cold"]])
    b.fact("target < 2000 ms met", ok)
    b.note("first render = navigation start to the page's own 'ready' mark: basemap, stats, all markers "
           "clustered on the map, first 50 list items and the timeline drawn (two animation frames after).")
    b.note("headless Debian Chromium on this machine, server and browser on the same 2 cores.")
    b.finish(write=not opts.no_write)
    print(json.dumps({"cold_ms": round(cold), "warm_ms": round(warm)}))


if __name__ == "__main__":
    main()
