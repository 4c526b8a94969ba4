"""The event database: one schema (SQLAlchemy Core) for SQLite and PostgreSQL.

Every table keeps the offsets of the words a value came from, so a stored event can be
shown with its evidence exactly as an extraction is.  The full extraction JSON is kept
beside the flat columns: the columns are for filtering and counting, the JSON is the
record (a later schema can be rebuilt from it without re-reading the articles).

The schema is created and changed only by the Alembic migrations in
``rasad/store/migrations``; this module is their single description of the tables.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# Long texts: TEXT in both engines.
Text = sa.Text()


def _in_document(*cols: sa.Column[object]) -> list[sa.Column[object]]:
    """Columns of a value read from a document: its document and its [start, end) span."""
    return [
        sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", Text, nullable=False),
        *cols,
    ]

ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("started_at", sa.String(32), nullable=False),
    sa.Column("finished_at", sa.String(32)),
    sa.Column("status", sa.String(16), nullable=False),  # running | finished | interrupted | failed
    sa.Column("pid", sa.Integer),
    sa.Column("command", Text),
    sa.Column("n_seen", sa.Integer, nullable=False, default=0),
    sa.Column("n_added", sa.Integer, nullable=False, default=0),
    sa.Column("n_updated", sa.Integer, nullable=False, default=0),
    sa.Column("n_unchanged", sa.Integer, nullable=False, default=0),
    sa.Column("n_near_duplicates", sa.Integer, nullable=False, default=0),
    sa.Column("n_failed", sa.Integer, nullable=False, default=0),
    sa.Column("n_events", sa.Integer, nullable=False, default=0),
)

ingest_errors = sa.Table(
    "ingest_errors",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.String(40), sa.ForeignKey("ingest_runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("location", Text, nullable=False),  # file, file:line, URL
    sa.Column("reason", Text, nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Index("ix_ingest_errors_run", "run_id"),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(300), nullable=False, unique=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("title", Text),
    sa.Column("published", sa.String(40)),
    sa.Column("published_date", sa.String(10)),
    sa.Column("outlet", sa.String(200)),
    sa.Column("url", Text),
    sa.Column("language", sa.String(8), nullable=False, default="ar"),
    sa.Column("text", Text, nullable=False),
    sa.Column("extraction", Text, nullable=False),  # contract JSON without text and events (store.codec)
    sa.Column("search_text", Text),  # PostgreSQL only: normalised text + clitic stems (tsvector source)
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("duplicate_of", sa.String(300)),  # id of the document this is a syndicated copy of
    sa.Column("similarity", sa.Float),
    sa.Column("n_events", sa.Integer, nullable=False, default=0),
    sa.Column("source_location", Text),  # where it was read from (path, path:line, URL)
    sa.Column("run_id", sa.String(40)),
    sa.Column("ingested_at", sa.String(32), nullable=False),
    sa.Column("updated_at", sa.String(32)),
    sa.Column("revision", sa.Integer, nullable=False, default=1),
    sa.Index("ix_documents_hash", "content_hash"),
    sa.Index("ix_documents_url", "url", postgresql_using="hash"),
    sa.Index("ix_documents_published", "published_date"),
    sa.Index("ix_documents_outlet", "outlet"),
)

# Every text a document has had: a re-run meeting an older version of a corrected article
# (or the same story crawled under two categories) recognises it instead of flip-flopping.
document_hashes = sa.Table(
    "document_hashes",
    metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("doc_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("seen_id", sa.String(300)),  # the id the text came with
    sa.Index("ix_document_hashes_doc", "doc_pk"),
)

mentions = sa.Table(
    "mentions",
    metadata,
    *_in_document(
        sa.Column("label", sa.String(8), nullable=False),
        sa.Column("normalized", Text),
        sa.Column("kind", sa.String(40)),
        sa.Column("actor_id", sa.String(120)),
        sa.Column("confidence", sa.Float),
    ),
    sa.Index("ix_mentions_doc", "doc_pk"),
    sa.Index("ix_mentions_actor", "actor_id"),
)

places = sa.Table(
    "places",
    metadata,
    *_in_document(
        sa.Column("geonameid", sa.BigInteger),
        sa.Column("name", Text),
        sa.Column("country", sa.String(2)),
        sa.Column("admin1", sa.String(80)),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("precision", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float),
    ),
    sa.Index("ix_places_doc", "doc_pk"),
    sa.Index("ix_places_geonameid", "geonameid"),
)

quantities = sa.Table(
    "quantities",
    metadata,
    *_in_document(
        sa.Column("value", sa.Float, nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("min", sa.Float),
        sa.Column("max", sa.Float),
        sa.Column("unit", sa.String(40)),
        sa.Column("counted", Text),
    ),
    sa.Index("ix_quantities_doc", "doc_pk"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(340), nullable=False, unique=True),  # "<document id>:<E1>"
    sa.Column("doc_pk", sa.Integer, sa.ForeignKey("documents.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("local_id", sa.String(40), nullable=False),
    sa.Column("acled_type", sa.String(40), nullable=False),
    sa.Column("acled_subtype", sa.String(60), nullable=False),
    sa.Column("plover_type", sa.String(40)),
    sa.Column("plover_mode", sa.String(40)),
    sa.Column("category", sa.String(60)),
    sa.Column("modality", sa.String(24), nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("actor1", Text),
    sa.Column("actor1_norm", Text),
    sa.Column("actor1_kind", sa.String(40)),
    sa.Column("actor2", Text),
    sa.Column("actor2_norm", Text),
    sa.Column("actor2_kind", sa.String(40)),
    sa.Column("place_text", Text),
    sa.Column("geonameid", sa.BigInteger),
    sa.Column("place_name", Text),
    sa.Column("country", sa.String(2)),
    sa.Column("admin1", sa.String(80)),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("geo_precision", sa.String(16)),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("date_precision", sa.String(16)),
    sa.Column("event_date", sa.String(10)),  # date_start, else date_end, else publication date
    sa.Column("fatalities", sa.Float),
    sa.Column("fatalities_qualifier", sa.String(16)),
    sa.Column("source", Text),  # attribution source (institution), else outlet
    sa.Column("trigger_start", sa.Integer, nullable=False),
    sa.Column("trigger_end", sa.Integer, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence_text", Text, nullable=False),
    sa.Column("data", Text, nullable=False),  # contract event JSON (store.codec: compressed)
    sa.Column("cluster_id", sa.String(40)),
    sa.Column("duplicate_of", sa.String(300)),  # set when the article is a syndicated copy
    sa.Index("ix_events_doc", "doc_pk"),
    sa.Index("ix_events_type", "acled_type", "acled_subtype"),
    sa.Index("ix_events_date", "event_date"),
    sa.Index("ix_events_country", "country", "admin1"),
    sa.Index("ix_events_cluster", "cluster_id"),
    sa.Index("ix_events_lonlat", "lon", "lat"),
)

event_spans = sa.Table(
    "event_spans",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("role", sa.String(16), nullable=False),  # trigger | evidence | also
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("text", Text, nullable=False),
    sa.Index("ix_event_spans_event", "event_pk"),
)

attributions = sa.Table(
    "attributions",
    metadata,
    sa.Column("pk", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("event_pk", sa.Integer, sa.ForeignKey("events.pk", ondelete="CASCADE"), nullable=False),
    sa.Column("source", Text),
    sa.Column("speaker", Text),
    sa.Column("verb", Text),
    sa.Column("quoted", sa.Boolean, nullable=False, default=False),
    sa.Column("start", sa.Integer),
    sa.Column("end", sa.Integer),
    sa.Column("source_text", Text),
    sa.Index("ix_attributions_event", "event_pk"),
)

clusters = sa.Table(
    "clusters",
    metadata,
    sa.Column("id", sa.String(40), primary_key=True),
    sa.Column("acled_type", sa.String(40), nullable=False),
    sa.Column("acled_subtype", sa.String(60), nullable=False),
    sa.Column("family", sa.String(60), nullable=False),
    sa.Column("country", sa.String(2)),
    sa.Column("place_name", Text),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("date_start", sa.String(10)),
    sa.Column("date_end", sa.String(10)),
    sa.Column("n_events", sa.Integer, nullable=False),
    sa.Column("n_documents", sa.Integer, nullable=False),
    sa.Column("n_sources", sa.Integer, nullable=False),
    sa.Column("contradiction", sa.Boolean, nullable=False, default=False),
    sa.Column("summary", Text, nullable=False),  # JSON: claims and contradictions
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Index("ix_clusters_family_date", "family", "date_start"),
)
