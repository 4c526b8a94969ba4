"""Alembic environment: run migrations on the connection ``Store.open`` hands over.

``rasad db upgrade`` and ``Store.open`` build the Alembic config in code (no alembic.ini
to ship or find); the connection comes in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context

from rasad.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached from the alembic command line
    import sqlalchemy as sa

    connection = sa.create_engine(config.get_main_option("sqlalchemy.url") or "").connect()

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
