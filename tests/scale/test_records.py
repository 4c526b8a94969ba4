"""How a batch reads its partitions: straight to a line range, never re-reading what precedes it."""

from __future__ import annotations

import gzip
import json
import lzma
from pathlib import Path

import pytest

from rasad.scale.records import Chunk, fingerprint, plan_chunks, read_chunk, shipped_lines
from rasad.scale.runner import read_table, run_batch

SENTENCES = [
    "قتل {n} مدنيين في قصف على دوما أمس.",
    "سيطر الجيش على بلدة في ريف إدلب بعد معارك أسفرت عن مقتل {n} مسلحين.",
    "أصيب {n} أشخاص بانفجار عبوة ناسفة في بغداد.",
]


def _lines(n: int) -> list[str]:
    out = []
    for i in range(n):
        if i == 7:
            out.append("{broken")
            continue
        text = SENTENCES[i % len(SENTENCES)].format(n=i + 2)
        out.append(json.dumps({"id": f"r{i}", "text": text, "published": "2018-03-02"}, ensure_ascii=False))
    return out


def _write(path: Path, lines: list[str]) -> Path:
    data = ("\n".join(lines) + "\n").encode()
    if path.name.endswith(".gz"):
        path.write_bytes(gzip.compress(data))
    elif path.name.endswith(".xz"):
        path.write_bytes(lzma.compress(data))
    else:
        path.write_bytes(data)
    return path


def _read_all(parts: list[list[Chunk]]) -> list[tuple[str, str]]:
    """(origin, id-or-reason) of every record, partition by partition, with shipped lines."""
    got = []
    for chunks, payload in zip(parts, shipped_lines(parts), strict=True):
        for k, c in enumerate(chunks):
            for rec in read_chunk(c, payload[k] if payload else None):
                got.append((rec.origin.rsplit("/", 1)[-1], getattr(rec, "id", None) or getattr(rec, "reason", "")))
    return got


@pytest.mark.parametrize("name", ["in.jsonl", "in.jsonl.gz", "in.jsonl.xz"])
def test_every_partition_reads_exactly_its_lines(tmp_path, name):
    path = _write(tmp_path / name, _lines(23))
    parts = plan_chunks([str(path)], 4)
    assert [(c.first, c.last) for (c,) in parts] == [(i, min(23, i + 4)) for i in range(0, 23, 4)]
    compressed = name != "in.jsonl"
    # a plain file is entered at a byte offset; a compressed one has its lines shipped
    assert all((c.offset == -1) == compressed for (c,) in parts)
    got = _read_all(parts)
    assert [o for o, _ in got] == [f"{name}:{i + 1}" for i in range(23)]
    assert got[7][1].startswith("broken JSON line")
    assert [v for _, v in got if not v.startswith("broken")] == [f"r{i}" for i in range(23) if i != 7]


def test_offsets_point_at_the_first_line_of_each_partition(tmp_path):
    path = _write(tmp_path / "in.jsonl", _lines(10))
    raw = path.read_bytes()
    for (c,) in plan_chunks([str(path)], 3):
        assert raw[c.offset:].split(b"\n", 1)[0].decode() == _lines(10)[c.first]


def test_partition_identity_does_not_depend_on_the_seek_shortcut():
    a = [Chunk("x.jsonl", "jsonl", 0, 10, 0), Chunk("y.jsonl", "jsonl", 10, 20, 5120)]
    b = [Chunk("x.jsonl", "jsonl", 0, 10), Chunk("y.jsonl", "jsonl", 10, 20)]
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint([Chunk("x.jsonl", "jsonl", 0, 11)])


def test_plain_and_compressed_inputs_give_the_same_tables(tmp_path):
    lines = _lines(14)
    outs = []
    for name in ("a.jsonl", "a.jsonl.gz"):
        d = tmp_path / name.replace(".", "_")
        d.mkdir()
        _write(d / name, lines)
        rep = run_batch([str(d / name)], str(tmp_path / f"out-{name}"), workers=0, records_per_partition=5)
        assert rep.documents == 13 and len(rep.bad) == 1 and not rep.failed
        assert rep.processing_s > 0 and rep.worker_cpu_s > 0
        outs.append(read_table(str(tmp_path / f"out-{name}"), "documents").column("extraction").to_pylist())
    assert outs[0] == outs[1]


@pytest.mark.slow
def test_a_running_scheduler_gets_the_shipped_lines_and_a_rerun_skips_everything(tmp_path):
    from distributed import LocalCluster

    path = _write(tmp_path / "in.jsonl.gz", _lines(12))
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        first = run_batch([str(path)], str(tmp_path / "out"), scheduler=cluster.scheduler_address,
                          records_per_partition=5)
        again = run_batch([str(path)], str(tmp_path / "out"), scheduler=cluster.scheduler_address,
                          records_per_partition=5)
    assert first.workers == 1 and first.documents == 11 and first.done == 3 and not first.failed
    assert again.skipped == 3 and again.done == 0 and again.documents == 11
    assert again.workers == 0  # nothing left to run: the cluster was not even asked
    ids = read_table(str(tmp_path / "out"), "documents").column("id").to_pylist()
    assert ids == [f"r{i}" for i in range(12) if i != 7]
