"""SQLite search index without its own copy of the text (FTS5 content='').

The index only has to answer "which rows match"; snippets are cut from documents.text, so
a second copy of the tokens (a third of the database) is dropped. PostgreSQL is unchanged.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _rebuild(options: str) -> None:
    from rasad.store.textindex import index_text

    bind = op.get_bind()
    op.execute("DROP TABLE IF EXISTS documents_fts")
    op.execute(f"CREATE VIRTUAL TABLE documents_fts USING fts5(search_text, {options}tokenize='unicode61 remove_diacritics 0')")
    rows = bind.execute(sa.text("SELECT pk, title, text FROM documents")).fetchall()
    for pk, title, text in rows:
        bind.execute(sa.text("INSERT INTO documents_fts(rowid, search_text) VALUES (:pk, :s)"),
                     {"pk": pk, "s": index_text((title or "") + "\n" + text)})


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("content='', ")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("")
