"""`rasad extract` as a user runs it: real files, real processes, bad input refused cleanly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

RASAD = [sys.executable, "-m", "rasad.cli"]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([*RASAD, *args], input=stdin, capture_output=True, timeout=300)


def test_seed_to_contract_json(seed_text, schema, tmp_path):
    p = tmp_path / "seed.txt"
    p.write_text(seed_text, encoding="utf-8")
    r = run("extract", str(p), "--published", "2016-12-12")
    assert r.returncode == 0, r.stderr.decode()
    out = json.loads(r.stdout)
    jsonschema.validate(out, schema)
    assert out["document"]["text"] == seed_text
    assert out["document"]["published"] == "2016-12-12"
    for s in out["sentences"]:
        assert seed_text[s["start"]:s["end"]] == s["text"]


def test_table_format_is_readable(seed_text, tmp_path):
    p = tmp_path / "seed.txt"
    p.write_text(seed_text, encoding="utf-8")
    r = run("extract", str(p), "--published", "2016-12-12", "--format", "table")
    assert r.returncode == 0
    out = r.stdout.decode()
    assert "## Quantities" in out and "## Times" in out and "## Events" in out


def test_stdin():
    r = run("extract", "-", "--published", "2018-03-02", stdin="قتل 3 مدنيين في قصف على دوما أمس.".encode())
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout)["document"]["id"] == "stdin"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty text"),
        (b"   \n\t ", "empty text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("قصف على حلب".encode() + b"\xff\xfe broken", "invalid UTF-8 at byte offset 20"),
        (b"The quick brown fox jumps over the lazy dog. Nothing Arabic here.", "not Arabic"),
    ],
)
def test_bad_files_get_one_clear_line(tmp_path, content, message):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = run("extract", str(p))
    err = r.stderr.decode()
    assert r.returncode == 2
    assert message in err
    assert str(p) in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_huge_file_is_refused(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        chunk = "قصف على حلب. ".encode() * 100_000
        while fh.tell() < 50 * 1024 * 1024:
            fh.write(chunk)
    r = run("extract", str(p))
    assert r.returncode == 2
    assert "too large" in r.stderr.decode()


def test_missing_file_and_bad_date(tmp_path):
    r = run("extract", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "no such file" in r.stderr.decode()
    p = tmp_path / "ok.txt"
    p.write_text("قصف على حلب أمس.", encoding="utf-8")
    r = run("extract", str(p), "--published", "yesterday")
    assert r.returncode == 2 and "ISO date" in r.stderr.decode()


def test_jsonl_skips_bad_lines_and_keeps_the_rest(tmp_path: Path):
    lines = [
        json.dumps({"id": "a", "text": "قتل 3 مدنيين في قصف على دوما أمس.", "published": "2018-03-02"}, ensure_ascii=False),
        "{this is not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c", "text": "سيطر الجيش على بلدة في ريف إدلب.", "published": "2018-01-10"}, ensure_ascii=False),
    ]
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run("extract", "--jsonl", str(p))
    assert r.returncode == 0
    ids = [json.loads(x)["document"]["id"] for x in r.stdout.decode().splitlines()]
    assert ids == ["a", "c"]
    err = r.stderr.decode()
    assert f"{p}:2: not JSON" in err
    assert f"{p}:3: empty text" in err
    assert f"{p}:4: line is not a JSON object" in err
    assert "Traceback" not in err


def test_python_api(seed_text):
    import rasad

    doc = rasad.extract(seed_text, published="2016-12-12", id="seed")
    assert doc.id == "seed" and doc.sentences
