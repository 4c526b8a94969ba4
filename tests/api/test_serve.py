"""``rasad serve``: says where to open the dashboard, serves it, and fails in one line."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.conftest import REPO


def serve(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "rasad.cli", "serve", "--no-warm", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def test_serve_prints_the_url_and_serves_the_api(reading_db: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = serve("--db", reading_db, "--host", "127.0.0.1", "--port", str(port))
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert f"open the dashboard at http://127.0.0.1:{port}/" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/stats", timeout=10) as r:
            stats = json.loads(r.read())
        assert stats["documents"] >= 4
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as r:
            assert 'dir="rtl"' in r.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_busy_port_is_one_line_and_exit_2(reading_db: str) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        proc = serve("--db", reading_db, "--host", "127.0.0.1", "--port", str(port))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip().count("\n") == 0 and "cannot listen there" in err
    assert "Traceback" not in err and out == ""


def test_bad_database_url_is_one_line_and_exit_2(tmp_path: Path) -> None:
    proc = serve("--db", "nosuchdriver://x/y", "--port", "1")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert "cannot open the database" in err and "Traceback" not in err
    proc = serve("--db", f"sqlite:///{tmp_path}/x.db", "--port", "70000")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "--port" in err
