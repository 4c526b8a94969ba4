"""A real SQLite database for the API tests: the real Store, real articles, real pipeline.

``reading_db`` holds the hand-read documents (seed gold + Douma articles, see
rasad_readings.py) and three more ant-news articles run through the real pipeline.  It is
built once per session; tests that write get their own fresh database.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.api.rasad_readings import douma_documents, seed_document
from tests.conftest import need_shared

from rasad.model import Document

PIPELINE_ARTICLES = ("CN-middleEast-315-20180320", "SK-middleEast-433-20180320", "BB-middleEast-225-20180320")
TOKEN = "test-ingest-token-0123456789"


@pytest.fixture(scope="session")
def corpus() -> Path:
    return need_shared("data", "ant-news", "ant-news-2018.jsonl.xz")


@pytest.fixture(scope="session")
def reading_docs(seed_text: str, seed_gold: dict, corpus: Path) -> list[Document]:
    return [seed_document(seed_text, seed_gold), *douma_documents(corpus)]


@pytest.fixture(scope="session")
def pipeline_docs(pipeline, corpus: Path) -> list[Document]:
    from tests.api.rasad_readings import ant_news

    recs = ant_news(corpus, set(PIPELINE_ARTICLES))
    return [pipeline.extract(r["text"], id=r["id"], published=r["published"], title=r["title"],
                             outlet=r["outlet"], url=r["url"]) for r in (recs[i] for i in PIPELINE_ARTICLES)]


def build_db(path: Path, docs: list[Document]) -> str:
    """A SQLite file at ``path`` holding ``docs``; its URL."""
    return build_db_url(f"sqlite:///{path}", docs)


def build_db_url(url: str, docs: list[Document]) -> str:
    from rasad.store import Store

    store = Store.open(url)
    try:
        store.add_documents(docs)
    finally:
        store.close()
    return url


@pytest.fixture(scope="session")
def reading_db(tmp_path_factory: pytest.TempPathFactory, reading_docs, pipeline_docs) -> str:
    return build_db(tmp_path_factory.mktemp("api") / "readings.db", [*reading_docs, *pipeline_docs])


@pytest.fixture(scope="session")
def client(reading_db: str) -> Iterator[TestClient]:
    from rasad.api.app import create_app

    with TestClient(create_app(reading_db, ingest_token=""), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture()
def fresh_db(tmp_path: Path, reading_docs) -> str:
    return build_db(tmp_path / "fresh.db", reading_docs[:1])


@pytest.fixture()
def ingest_client(fresh_db: str) -> Iterator[TestClient]:
    from rasad.api.app import create_app

    with TestClient(create_app(fresh_db, ingest_token=TOKEN), raise_server_exceptions=False) as c:
        yield c
