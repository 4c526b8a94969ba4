"""Ingesting into a real database: bad inputs reported and skipped, idempotent re-runs,
corrections, the demo corpus, and resuming after SIGKILL."""

from __future__ import annotations

import json
import lzma
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from rasad.cli import main
from rasad.ingest.demo import demo_path
from rasad.ingest.run import ingest
from rasad.ingest.sources import Article, iter_inputs
from rasad.store import Store
from rasad.store.dedup import content_hash

REPO = Path(__file__).resolve().parents[2]


def demo_records(n: int | None = None) -> list[dict]:
    with lzma.open(demo_path(), "rt", encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    return recs[:n] if n else recs


def write_jsonl(path: Path, recs: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def test_demo_corpus_is_bundled_credited_and_small() -> None:
    p = demo_path()
    assert p.stat().st_size <= 2_200_000
    recs = demo_records()
    assert 250 <= len(recs) <= 350
    seed = recs[0]
    assert (seed["id"], seed["published"], seed["outlet"]) == ("rt-2016-12-12-palmyra", "2016-12-12", "RT Arabic")
    assert seed["text"] == (p.parent / "rt-2016-12-12-palmyra.txt").read_text("utf-8")
    assert len({r["outlet"] for r in recs}) == 6  # the seed's outlet and all five ANT outlets
    assert len({r["id"] for r in recs}) == len(recs)
    readme = (p.parent / "README.md").read_text("utf-8")
    assert "Apache" in readme and "Chouigui" in readme and "AICCSA 2017" in readme


def test_bad_inputs_are_reported_and_the_rest_is_ingested(tmp_path: Path, db_url: str, seed_text: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "seed.txt").write_text(seed_text, encoding="utf-8")
    (d / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01")
    (d / "empty.txt").write_bytes(b"")
    (d / "sub" / "menu.html").write_text("<html><body><nav>الرئيسية | سياسة</nav></body></html>", encoding="utf-8")
    recs = demo_records(4)[1:]
    lines = [json.dumps(r, ensure_ascii=False) for r in recs]
    lines.insert(1, '{"id": "broken", "text": "قتل ثلاثة')
    (d / "sub" / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["ingest", str(d), "--db", db_url, "-q"]) == 0
    out = capsys.readouterr().out
    with Store.open(db_url) as s:
        assert sorted(s.document_ids()) == sorted(["seed"] + [r["id"] for r in recs])
        run = s.get_run(s.runs(1)[0]["id"])
    assert run is not None and run["status"] == "finished"
    reasons = {Path(e["location"].split(":")[0]).name: e["reason"] for e in run["errors"]}
    assert set(reasons) == {"photo.jpg", "empty.txt", "menu.html", "corpus.jsonl"}
    assert "binary" in reasons["photo.jpg"]
    assert reasons["empty.txt"] == "empty file"
    assert reasons["menu.html"] == "HTML page with no article text"
    assert reasons["corpus.jsonl"].startswith("broken JSON line")
    assert any(e["location"].endswith("corpus.jsonl:2") for e in run["errors"])
    assert (run["n_seen"], run["n_added"], run["n_failed"]) == (8, 4, 4)
    for name in ("photo.jpg", "empty.txt", "menu.html", "corpus.jsonl:2"):
        assert name in out  # the summary names every skipped input


def test_reingesting_adds_nothing_and_a_correction_updates(tmp_path: Path, db_url: str) -> None:
    recs = demo_records(25)
    src = write_jsonl(tmp_path / "demo.jsonl", recs)
    with Store.open(db_url) as s:
        first = ingest(s, iter_inputs([str(src)]), batch_size=7)
        n_docs, stats = s.count_documents(), s.stats()
        again = ingest(s, iter_inputs([str(src)]), batch_size=7)
        assert first.result.added + first.result.near_duplicates >= 24
        assert (again.result.added, again.result.updated, again.extracted) == (0, 0, 0)
        assert again.result.unchanged == len(recs)
        assert s.count_documents() == n_docs and s.stats() == stats
        recs[3] = dict(recs[3], text=recs[3]["text"] + "\nتصحيح: ارتفع عدد القتلى إلى 9.")
        third = ingest(s, iter_inputs([str(write_jsonl(tmp_path / "fixed.jsonl", recs))]))
        assert (third.result.updated, third.result.added, third.result.unchanged) == (1, 0, len(recs) - 1)
        doc = s.get_document(recs[3]["id"])
        assert doc is not None and doc["document"]["text"].endswith("إلى 9.")
        assert s.count_documents() == n_docs


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun_loses_and_duplicates_nothing(tmp_path: Path, db_url: str) -> None:
    recs = demo_records(60)
    src = write_jsonl(tmp_path / "corpus.jsonl", recs)
    cmd = [sys.executable, "-m", "rasad.cli", "ingest", str(src), "--db", db_url, "--batch-size", "3", "-q"]
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    engine = sa.create_engine(db_url)

    def stored() -> int:
        try:
            with engine.connect() as c:
                return int(c.execute(sa.text("SELECT count(*) FROM documents")).scalar_one())
        except sa.exc.SQLAlchemyError:
            return 0  # schema not created yet

    deadline = time.monotonic() + 120
    while stored() < 6 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, f"ingest finished before it could be killed: {proc.stderr.read()!r}"  # type: ignore[union-attr]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    at_kill = stored()
    assert 0 < at_kill < len(recs)
    engine.dispose()

    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store.open(db_url) as s:
        ids = s.document_ids()
        with s.engine.connect() as c:
            hashes = {r[0] for r in c.execute(sa.text("SELECT content_hash FROM document_hashes"))}
            n_event_ids = c.execute(sa.text("SELECT count(DISTINCT event_id) FROM events")).scalar_one()
            n_events = c.execute(sa.text("SELECT count(*) FROM events")).scalar_one()
        runs = s.runs(5)
    articles = [a for a in iter_inputs([str(src)]) if isinstance(a, Article)]
    assert len(articles) == len(recs)
    assert hashes == {content_hash(a.text) for a in articles}  # every text stored, nothing else
    # one document per article, except a re-publication under a URL already stored, which updates it
    first_urls = {a.url or a.id: a.id for a in reversed(articles)}
    assert sorted(ids) == sorted(first_urls.values())
    assert n_event_ids == n_events
    statuses = sorted(r["status"] for r in runs)
    assert statuses == ["finished", "interrupted"]  # the killed run is recorded as such
    resumed = next(r for r in runs if r["status"] == "finished")
    assert resumed["n_unchanged"] >= at_kill and resumed["n_added"] + resumed["n_unchanged"] + \
        resumed["n_updated"] == len(recs)
