"""`rasad batch` on real articles: same answers at any scale, resumable, failures recorded."""

from __future__ import annotations

import gzip
import json
import lzma
import subprocess
import sys
from pathlib import Path

import pytest

from rasad.scale.runner import read_table, run_batch

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "src" / "rasad" / "data" / "demo"


def _corpus(tmp_path: Path, n: int = 80) -> Path:
    """The bundled demo corpus when it is there, else real articles from ../shared."""
    demo = sorted(DEMO.glob("*.jsonl*"))
    if demo:
        return demo[0]
    from tests.conftest import need_shared

    src = need_shared("data", "ant-news", "ant-news-2018.jsonl.xz")
    out = tmp_path / "corpus.jsonl"
    with lzma.open(src, "rt", encoding="utf-8") as fh, out.open("w", encoding="utf-8") as o:
        for i, line in enumerate(fh):
            if i >= n:
                break
            o.write(line)
    return out


def _events(out: Path) -> list[str]:
    return sorted(read_table(str(out), "events").column("json").to_pylist())


def _extractions(out: Path) -> list[str]:
    return sorted(read_table(str(out), "documents").column("extraction").to_pylist())


@pytest.mark.slow
def test_same_answers_in_process_and_on_two_worker_processes(tmp_path):
    corpus = _corpus(tmp_path)
    single = run_batch([str(corpus)], str(tmp_path / "one"), workers=0, records_per_partition=40)
    multi = run_batch([str(corpus)], str(tmp_path / "two"), workers=2, records_per_partition=40)
    assert multi.workers == 2 and not multi.failed and not single.failed
    assert single.documents == multi.documents > 0
    assert _extractions(tmp_path / "one") == _extractions(tmp_path / "two")
    assert _events(tmp_path / "one") == _events(tmp_path / "two")
    manifest = json.loads((tmp_path / "two" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == multi.documents and manifest["partitions"] == multi.partitions
    # both workers did work, and the run says where its time went
    markers = [json.loads(m.read_text(encoding="utf-8")) for m in (tmp_path / "two" / "_partitions").glob("*.json")]
    assert len({m["worker"] for m in markers}) == 2
    assert 0 < manifest["processing_s"] < manifest["seconds"] and manifest["startup_s"] > 0
    assert manifest["worker_cpu_s"] > 0


def test_rerun_skips_finished_partitions_and_failures_are_recorded(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    lines = [
        json.dumps({"id": f"a{i}", "text": f"قتل {i + 2} مدنيين في قصف على دوما أمس.", "published": "2018-03-02"},
                   ensure_ascii=False)
        for i in range(5)
    ]
    lines.insert(2, "{not json")
    (src / "good.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (src / "story.txt").write_text("سيطر الجيش على بلدة في ريف إدلب.", encoding="utf-8")
    (src / "broken.txt.gz").write_bytes(gzip.compress("قصف على حلب".encode())[:-12])  # truncated archive
    (src / "empty.txt").write_text("", encoding="utf-8")
    # a truncated archive of articles: its partition fails (after retries) and is recorded
    big = "\n".join(lines[:2] * 200).encode()
    (src / "cut.jsonl.gz").write_bytes(gzip.compress(big)[:-200])
    out = tmp_path / "out"

    first = run_batch([str(src)], str(out), workers=0, records_per_partition=3)
    assert first.documents == 6  # 5 JSONL articles + story.txt
    reasons = {b["origin"].rsplit("/", 1)[-1]: b["reason"] for b in first.bad}
    assert reasons["good.jsonl:3"].startswith("broken JSON line")
    assert reasons["empty.txt"] == "empty file"
    assert reasons["broken.txt.gz"].startswith("unreadable: EOFError")
    assert len(first.failed) == 1 and "cut.jsonl.gz" in json.dumps(first.failed[0]["chunks"])
    assert "EOFError" in first.failed[0]["reason"]
    assert first.done == first.partitions - 1

    again = run_batch([str(src)], str(out), workers=0, records_per_partition=3)
    assert again.skipped == first.done and again.done == 0 and again.documents == first.documents
    assert len(again.failed) == 1  # the broken partition is tried again, and fails again
    ids = sorted(read_table(str(out), "documents").column("id").to_pylist())
    assert ids == ["a0", "a1", "a2", "a3", "a4", "story"]


def test_cli_reports_and_refuses_nothing_to_do(tmp_path):
    r = subprocess.run([sys.executable, "-m", "rasad.cli", "batch", str(tmp_path), "--out", str(tmp_path / "o")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "no readable inputs" in r.stderr and "Traceback" not in r.stderr


def test_parquet_output_reloads_into_the_same_documents(tmp_path):
    from rasad.pipeline import default_pipeline
    from rasad.scale.runner import iter_documents

    text = "قال المرصد السوري إن 5 مدنيين قتلوا في قصف على دوما أمس."
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": "x", "text": text, "published": "2018-03-02"},
                                                  ensure_ascii=False) + "\n", encoding="utf-8")
    run_batch([str(tmp_path / "in.jsonl")], str(tmp_path / "out"), workers=0)
    (doc,) = list(iter_documents(str(tmp_path / "out")))
    direct = default_pipeline().extract(text, id="x", published="2018-03-02")
    assert doc.to_json() == direct.to_json()


def test_batch_output_loads_into_the_database(tmp_path, seed_text):
    from rasad.store import EventFilter, Store

    (tmp_path / "in.jsonl").write_text(
        json.dumps({"id": "seed", "text": seed_text, "published": "2016-12-12", "outlet": "RT Arabic"},
                   ensure_ascii=False) + "\n", encoding="utf-8")
    run_batch([str(tmp_path / "in.jsonl")], str(tmp_path / "out"), workers=0)
    db = f"sqlite:///{tmp_path / 'rasad.db'}"
    cmd = [sys.executable, "-m", "rasad.cli", "ingest", "--from-parquet", str(tmp_path / "out"), "--db", db, "-q"]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    again = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert "added 0" in again.stdout
    from rasad.scale.runner import read_table

    batch_events = read_table(str(tmp_path / "out"), "events")
    asserted = [m for m in batch_events.column("modality").to_pylist() if m == "asserted"]
    store = Store.open(db)
    try:
        stored = store.get_document("seed")
        # read as `rasad ingest` reads it: the site's trailing boilerplate is gone
        assert stored is not None and stored["document"]["text"] == seed_text.removesuffix("\nأرسل تعليقك")
        assert store.count_events(EventFilter(document_id="seed")) == len(asserted) > 0
    finally:
        store.close()
