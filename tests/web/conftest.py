"""The real dashboard in Debian's headless Chromium, served by the real ``rasad serve``.

Two databases: the seed article read by the real pipeline (what a user sees after
``make run``), and the hand readings of the seed and the Douma articles (stable test data
with a multi-source cluster).  Screenshots go to test-output/web/.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.api.conftest import build_db
from tests.api.rasad_readings import douma_documents, seed_document
from tests.conftest import REPO, need_shared

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO / "test-output" / "web"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]


def need_chromium() -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: .ci/services/chromium.sh should have installed it")
        pytest.skip(f"{CHROMIUM} not found: run .ci/services/chromium.sh (Debian's chromium) for browser tests")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``rasad serve`` in a subprocess on a free loopback port."""

    def __init__(self, db_url: str, log: Path) -> None:
        self.port = free_port()
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "rasad.cli", "serve", "--db", db_url, "--host", "127.0.0.1",
             "--port", str(self.port), "--no-warm"],
            stdout=subprocess.PIPE, stderr=open(log, "w"), text=True, cwd=REPO,  # noqa: SIM115
        )
        assert self.proc.stdout is not None
        self.banner = self.proc.stdout.readline().strip()
        if "open the dashboard at" not in self.banner:
            self.stop()
            raise RuntimeError(f"rasad serve did not start: {self.banner!r}; log: {log.read_text()[-2000:]}")
        self.url = f"http://127.0.0.1:{self.port}/"
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("rasad serve is not listening")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="session")
def pipeline_seed_db(tmp_path_factory: pytest.TempPathFactory, pipeline, seed_text: str) -> str:
    doc = pipeline.extract(seed_text, id="rt-2016-12-12-palmyra", published="2016-12-12", outlet="RT Arabic",
                           title="هجوم داعش على تدمر")
    return build_db(tmp_path_factory.mktemp("web") / "pipeline.db", [doc])


@pytest.fixture(scope="session")
def readings_db(tmp_path_factory: pytest.TempPathFactory, seed_text: str, seed_gold: dict) -> str:
    docs = [seed_document(seed_text, seed_gold),
            *douma_documents(need_shared("data", "ant-news", "ant-news-2018.jsonl.xz"))]
    return build_db(tmp_path_factory.mktemp("web") / "readings.db", docs)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session", params=["pipeline", "readings"])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The dashboard over each database in turn (request.param names which)."""
    need_chromium()
    db = request.getfixturevalue(f"{request.param}_seed_db" if request.param == "pipeline" else "readings_db")
    srv = Server(db, tmp_path_factory.mktemp("serve") / f"{request.param}.log")
    srv.name = request.param  # type: ignore[attr-defined]
    yield srv
    srv.stop()


@pytest.fixture()
def page(browser, server: Server) -> Iterator[object]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="ar")  # type: ignore[attr-defined]
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto(server.url)
    pg.wait_for_selector('body[data-ready="true"]', state="attached", timeout=20_000)
    pg.errors = errors  # type: ignore[attr-defined]
    yield pg
    ctx.close()


def shot(pg: object, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    pg.screenshot(path=str(path))  # type: ignore[attr-defined]
    return path
