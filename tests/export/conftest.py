"""Database fixtures shared with tests/store (a real SQLite file and a real PostgreSQL)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))

from dbfixtures import db_url, pg_url, sqlite_url
from eventdata import event_docs

__all__ = ["db_url", "event_docs", "pg_url", "sqlite_url"]
