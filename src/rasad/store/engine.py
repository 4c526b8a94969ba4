"""Database URLs, engines and migrations for the two supported engines.

SQLite (the embedded default) runs in WAL mode so readers (the API) never block the
ingest writer and a killed writer leaves every committed batch intact.  PostgreSQL is
reached through pg8000 (BSD): a ``postgresql+psycopg://`` URL (psycopg is LGPL, and not a
dependency) is rewritten to pg8000 with a note rather than refused.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from rasad.errors import InputError

DEFAULT_URL = "sqlite:///data/rasad.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def resolve_url(url: str | None) -> tuple[str, list[str]]:
    """The URL to use (argument, else $RASAD_DB, else the default) and notes about rewrites."""
    notes: list[str] = []
    raw = url or os.environ.get("RASAD_DB") or DEFAULT_URL
    if "://" not in raw:  # a bare path means an SQLite file
        raw = f"sqlite:///{raw}"
    try:
        u = make_url(raw)
    except Exception:
        raise InputError("--db", f"not a database URL: {raw!r}") from None
    backend = u.get_backend_name()
    if backend in ("postgresql", "postgres"):
        if u.drivername != "postgresql+pg8000":
            notes.append(f"using the pg8000 driver instead of {u.drivername!r} (rasad depends on pg8000 only)")
        u = u.set(drivername="postgresql+pg8000")
    elif backend != "sqlite":
        raise InputError("--db", f"unsupported database {backend!r}: use sqlite:///FILE or postgresql+pg8000://…")
    return u.render_as_string(hide_password=False), notes


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def create_engine(url: str) -> sa.Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        db = u.database
        if db and db != ":memory:":
            Path(db).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = sa.create_engine(u, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(u, pool_pre_ping=True)


def alembic_config() -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return str(ScriptDirectory.from_config(alembic_config()).get_current_head())


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: sa.Engine, revision: str = "head") -> tuple[str | None, str]:
    """Bring the schema to ``revision``; returns (before, after)."""
    from alembic import command

    before = current_revision(engine)
    if revision == "head" and before == head_revision():
        return before, before
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return before, str(current_revision(engine))
