"""Database fixtures for the store, ingest and export tests: a real SQLite file and a real
PostgreSQL server (``RASAD_TEST_PG``, set up by ``.ci/services/postgres.sh``).

Each PostgreSQL test gets its own scratch database, created and dropped around it, so tests
never see each other's rows.  Without ``RASAD_TEST_PG`` the PostgreSQL half is skipped with
the reason, except in CI, where it fails: CI must test both engines.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

PG_ENV = "RASAD_TEST_PG"


def _env_file_pg() -> str | None:
    """RASAD_TEST_PG from the environment, else from .ci/env written by the service script."""
    if os.environ.get(PG_ENV):
        return os.environ[PG_ENV]
    env = Path(__file__).resolve().parents[2] / ".ci" / "env"
    if env.exists():
        for line in env.read_text().splitlines():
            if line.startswith(PG_ENV + "="):
                return line.split("=", 1)[1].strip()
    return None


def pg_base_url() -> str:
    url = _env_file_pg()
    if not url:
        msg = f"{PG_ENV} is not set: run .ci/services/postgres.sh to test against PostgreSQL"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    return url


@pytest.fixture
def pg_url() -> Iterator[str]:
    base = sa.engine.make_url(pg_base_url())
    name = f"rasad_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.SQLAlchemyError as e:
        admin.dispose()
        msg = f"PostgreSQL at {base.render_as_string()} is not usable: {e}"
        if os.environ.get("CI"):
            pytest.fail(msg)
        pytest.skip(msg)
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'rasad.db'}"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))
