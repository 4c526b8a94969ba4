"""The event database: SQLite (embedded default) or PostgreSQL behind one schema.

``Store.open(url)`` creates and migrates the schema; see ``STORE_API.md`` for the interface
the API and dashboard use.
"""

from __future__ import annotations

from rasad.store.core import AddResult, EventFilter, Store
from rasad.store.engine import DEFAULT_URL, resolve_url

__all__ = ["DEFAULT_URL", "AddResult", "EventFilter", "Store", "resolve_url"]
