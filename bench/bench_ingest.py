"""Ingest throughput into SQLite and PostgreSQL, and database size per 1,000 articles.

Three things are timed on the same ant-news articles, in this one process:
  1. extraction alone (the pipeline; what ingest costs before any database),
  2. storing the already-extracted documents (Store.add_documents in batches of 50: documents,
     mentions, places, quantities, events, spans, attributions, search index, MinHash, clusters),
     into an SQLite file and into PostgreSQL (RASAD_TEST_PG or .ci/env; skipped with a note if absent),
  3. the whole `rasad ingest` loop (read → known? → extract → store) into SQLite,
against a floor: inserting the bare article texts into a one-table SQLite file.
Database size is the SQLite file after a WAL checkpoint, and pg_database_size for PostgreSQL,
scaled to 1,000 articles.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Article, Bench, Row, args, load_articles, peak_rss_mb
from rasad.ingest.run import ingest
from rasad.ingest.sources import Article as Item
from rasad.model import Document
from rasad.pipeline import default_pipeline, tune_gc_for_bulk
from rasad.store import Store

BATCH = 50


def timed(b: Bench, name: str, n: int, chars: int, fn: Callable[[], Any], **extra: Any) -> Row:
    """Time one call that processes ``n`` articles and record it like Bench.time does."""
    c0, w0 = time.process_time(), time.perf_counter()
    fn()
    cpu, wall = max(time.process_time() - c0, 1e-9), time.perf_counter() - w0
    row = Row(name, n, round(cpu, 3), round(wall, 3), round(n / cpu, 1), round(n / max(wall, 1e-9), 1),
              round(cpu / n * 1000, 4), round(chars / cpu), round(peak_rss_mb(), 1), extra)
    b.rows.append(row)
    print(f"  {name}: {row.per_s:,.1f} articles/s per core, {row.wall_per_s:,.1f} wall ({n:,} articles)", flush=True)
    return row


def pg_url() -> str | None:
    url = os.environ.get("RASAD_TEST_PG")
    env = Path(__file__).resolve().parents[1] / ".ci" / "env"
    if not url and env.exists():
        for line in env.read_text().splitlines():
            if line.startswith("RASAD_TEST_PG="):
                url = line.split("=", 1)[1].strip()
    return url or None


def store_all(url: str, docs: Sequence[Document]) -> None:
    with Store.open(url) as s:
        for i in range(0, len(docs), BATCH):
            s.add_documents(docs[i : i + BATCH])


def floor_sqlite(path: Path, arts: Sequence[Article]) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE a (id TEXT PRIMARY KEY, text TEXT)")
    for i in range(0, len(arts), BATCH):
        with con:
            con.executemany("INSERT INTO a VALUES (?, ?)", [(a["id"], a["text"]) for a in arts[i : i + BATCH]])
    con.close()


def sqlite_size(path: Path) -> int:
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def main() -> None:
    a = args()
    arts = load_articles(a.limit or 1000)
    n, chars = len(arts), sum(len(x["text"]) for x in arts)
    b = Bench("ingest", arts)
    pipe = default_pipeline().warm()
    tune_gc_for_bulk()  # as `rasad ingest` runs
    docs: list[Document] = []

    def extract_all() -> None:
        for x in arts:
            docs.append(pipe.extract(x["text"], id=x["id"], published=x["published"], title=x["title"],
                                     outlet=x["outlet"], url=x["url"], strict=False))

    tmp = Path(tempfile.mkdtemp(prefix="rasad-bench-"))
    floor = timed(b, "floor: bare texts into one SQLite table", n, chars, lambda: floor_sqlite(tmp / "floor.db", arts))
    extract = timed(b, "extraction only (pipeline)", n, chars, extract_all)
    n_events = sum(len(d.events) for d in docs)
    sq = tmp / "store.db"
    store_sq = timed(b, "store extracted docs → SQLite", n, chars, lambda: store_all(f"sqlite:///{sq}", docs))
    b.fact("SQLite size per 1,000 articles (MB)", round(sqlite_size(sq) / n * 1000 / 1e6, 2))
    b.fact("floor size per 1,000 articles (MB)", round(sqlite_size(tmp / "floor.db") / n * 1000 / 1e6, 2))
    b.fact("events per 1,000 articles", round(n_events / n * 1000))

    url = pg_url()
    if url:
        import sqlalchemy as sa

        base = sa.engine.make_url(url)
        name = f"rasad_bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
        with admin.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))
        try:
            pg = base.set(database=name).render_as_string(hide_password=False)
            Store.open(pg).close()  # schema creation is not ingest
            store_pg = timed(b, "store extracted docs → PostgreSQL", n, chars, lambda: store_all(pg, docs))
            with admin.connect() as c:
                size = c.execute(sa.text("SELECT pg_database_size(:d)"), {"d": name}).scalar_one()
                empty = c.execute(sa.text("SELECT pg_database_size('template1')")).scalar_one()
            b.fact("PostgreSQL size per 1,000 articles (MB, over an empty database)",
                   round((size - empty) / n * 1000 / 1e6, 2))
            b.ratio("PostgreSQL store vs SQLite store", store_pg, store_sq)
            b.note("PostgreSQL wall-clock rates include the server's own CPU, which process time does not see")
        finally:
            with admin.connect() as c:
                c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    else:
        b.note("PostgreSQL skipped: RASAD_TEST_PG not set (run .ci/services/postgres.sh)")

    items = [Item(x["id"], x["text"], f"ant:{x['id']}", title=x["title"], published=x["published"],
                  outlet=x["outlet"], url=x["url"]) for x in arts]
    e2e_db = tmp / "e2e.db"

    def e2e() -> None:
        with Store.open(f"sqlite:///{e2e_db}") as s:
            ingest(s, items, pipeline=pipe, batch_size=BATCH)

    full = timed(b, "rasad ingest loop → SQLite (extract + store)", n, chars, e2e)

    def rerun() -> None:
        with Store.open(f"sqlite:///{e2e_db}") as s:
            ingest(s, items, pipeline=pipe, batch_size=BATCH)

    timed(b, "re-run of the same ingest (all unchanged)", n, chars, rerun)
    b.ratio("store → SQLite vs bare-text floor", floor, store_sq)
    b.ratio("extraction vs store → SQLite (how much of ingest is the database)", store_sq, extract)
    b.ratio("ingest loop vs extraction alone", extract, full)
    b.note(f"{n:,} ant-news articles, batches of {BATCH}; rates per core from process CPU time")
    b.finish(write=not a.no_write)


if __name__ == "__main__":
    main()
