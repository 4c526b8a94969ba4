"""The event store: documents and what was read from them, queried the same on both engines.

Writes come in batches and each batch is one transaction: its documents, their events,
the clusters they join and the ingest run's counters and errors commit together or not at
all, so a killed ingest leaves whole batches and a re-run picks up after the last one.
Identity is by content: the same text is stored once whatever it is called; a changed
text under a known id or URL is a correction and replaces the old reading; a syndicated
near-copy is stored, linked to its original, and its events are kept out of counts and
clusters.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from rasad.model import Document, Event
from rasad.store import cluster as cl
from rasad.store import codec, dedup
from rasad.store import engine as eng
from rasad.store import schema as t
from rasad.store.textindex import fts5_query, index_text, query_words, snippet

# EventFilter fields that are plain equality on an events column.
_EQUAL = (("type", "acled_type"), ("subtype", "acled_subtype"), ("category", "category"),
          ("modality", "modality"), ("cluster_id", "cluster_id"))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class EventFilter:
    """Which events to return; every field narrows, ``None`` means any."""

    type: str | None = None
    subtype: str | None = None
    category: str | None = None
    actor: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None
    q: str | None = None
    min_confidence: float | None = None
    modality: str | None = "asserted"
    document_id: str | None = None
    cluster_id: str | None = None
    include_duplicates: bool = False  # events of syndicated copies are linked, not counted


@dataclass
class AddResult:
    """What one batch did; ``status`` maps each input document id to what happened to it."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    near_duplicates: int = 0
    events: int = 0
    clustered: int = 0
    status: dict[str, str] = field(default_factory=dict)

    def merge(self, other: AddResult) -> None:
        for k in ("added", "updated", "unchanged", "near_duplicates", "events", "clustered"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        self.status.update(other.status)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Store:
    """An open event database (see ``STORE_API.md``)."""

    def __init__(self, engine: sa.Engine, url: str, notes: list[str] | None = None) -> None:
        self.engine = engine
        self.url = url
        self.notes = notes or []
        self.dialect = engine.dialect.name
        self._near: dedup.NearDuplicates | None = None
        self._pack = codec.pack if self.dialect == "sqlite" else codec.plain

    # --- opening -----------------------------------------------------------------------

    @classmethod
    def open(cls, url: str | None = None, migrate: bool = True) -> Store:
        """Open (creating and migrating the schema as needed) the database at ``url``."""
        resolved, notes = eng.resolve_url(url)
        engine = eng.create_engine(resolved)
        try:
            if migrate:
                eng.upgrade(engine)
        except sa.exc.DBAPIError as e:  # unreachable server, bad password, unreadable file
            engine.dispose()
            from rasad.errors import RasadError

            raise RasadError(f"cannot open database {make_safe(resolved)}: {_db_message(e.orig)}") from None
        return cls(engine, resolved, notes)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- ingest runs -------------------------------------------------------------------

    def start_run(self, command: str = "") -> str:
        run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
        with self.engine.begin() as conn:
            # Runs whose process is gone were killed: say so instead of "running" forever.
            for r in conn.execute(sa.select(t.ingest_runs.c.id, t.ingest_runs.c.pid)
                                  .where(t.ingest_runs.c.status == "running")):
                if not _pid_alive(r.pid):
                    conn.execute(t.ingest_runs.update().where(t.ingest_runs.c.id == r.id)
                                 .values(status="interrupted"))
            conn.execute(t.ingest_runs.insert().values(
                id=run_id, started_at=now(), status="running", pid=os.getpid(), command=command,
                n_seen=0, n_added=0, n_updated=0, n_unchanged=0, n_near_duplicates=0, n_failed=0, n_events=0,
            ))
        return run_id

    def finish_run(self, run_id: str, status: str = "finished") -> None:
        with self.engine.begin() as conn:
            conn.execute(t.ingest_runs.update().where(t.ingest_runs.c.id == run_id)
                         .values(status=status, finished_at=now()))

    def record_errors(self, run_id: str, errors: Sequence[tuple[str, str]]) -> None:
        """Log bad inputs outside a batch (used when a batch has no documents)."""
        with self.engine.begin() as conn:
            self._record_errors(conn, run_id, errors)

    def _record_errors(self, conn: sa.Connection, run_id: str, errors: Sequence[tuple[str, str]]) -> None:
        if not errors:
            return
        at = now()
        conn.execute(t.ingest_errors.insert(), [
            {"run_id": run_id, "location": loc, "reason": reason, "at": at} for loc, reason in errors
        ])
        conn.execute(t.ingest_runs.update().where(t.ingest_runs.c.id == run_id)
                     .values(n_failed=t.ingest_runs.c.n_failed + len(errors)))

    def get_run(self, run_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(t.ingest_runs).where(t.ingest_runs.c.id == run_id)).mappings().first()
            if r is None:
                return None
            errs = conn.execute(sa.select(t.ingest_errors.c.location, t.ingest_errors.c.reason)
                                .where(t.ingest_errors.c.run_id == run_id).order_by(t.ingest_errors.c.pk))
            return dict(r) | {"errors": [{"location": e.location, "reason": e.reason} for e in errs]}

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(t.ingest_runs).order_by(t.ingest_runs.c.started_at.desc())
                                .limit(limit)).mappings()
            return [dict(r) for r in rows]

    # --- identity ----------------------------------------------------------------------

    def known(self, items: Sequence[tuple[str, str, str | None]]) -> dict[str, str]:
        """For (id, content hash, url) triples: ``unchanged`` when that text is stored already,
        ``update`` when the id or URL is stored with another text, else ``new``.

        Lets the ingester skip extraction for articles it has (the resume path after a kill).
        """
        if not items:
            return {}
        ids = [i for i, _h, _u in items]
        hashes = [h for _i, h, _u in items]
        urls = [u for _i, _h, u in items if u]
        d, dh = t.documents.c, t.document_hashes.c
        with self.engine.connect() as conn:
            seen = {r[0] for r in conn.execute(sa.select(dh.content_hash).where(dh.content_hash.in_(hashes)))}
            cond = sa.or_(d.id.in_(ids), *([d.url.in_(urls)] if urls else []))
            by_id: set[str] = set()
            by_url: set[str] = set()
            for r in conn.execute(sa.select(d.id, d.url).where(cond)):
                by_id.add(r.id)
                if r.url:
                    by_url.add(r.url)
        out: dict[str, str] = {}
        for i, h, u in items:
            if h in seen:
                out[i] = "unchanged"
            elif i in by_id or (u and u in by_url):
                out[i] = "update"
            else:
                out[i] = "new"
        return out

    def _near_index(self, conn: sa.Connection) -> dedup.NearDuplicates:
        if self._near is None:
            near = dedup.NearDuplicates()
            d = t.documents.c
            q = (sa.select(d.id, d.minhash).where(d.duplicate_of.is_(None), d.minhash.is_not(None))
                 .order_by(d.pk.desc()).limit(dedup.WINDOW))
            for r in conn.execute(q):
                near.add(r.id, dedup.from_bytes(bytes(r.minhash)))
            self._near = near
        return self._near

    # --- writing -----------------------------------------------------------------------

    def add_documents(
        self,
        docs: Iterable[Document],
        run_id: str | None = None,
        *,
        errors: Sequence[tuple[str, str]] = (),
        seen: int | None = None,
        locations: dict[str, str] | None = None,
        unchanged: int = 0,
    ) -> AddResult:
        """Store a batch atomically (documents, events, clusters, run counters and errors).

        ``unchanged`` counts articles the caller found stored already and did not pass in.
        """
        res = AddResult(unchanged=unchanged)
        docs = list(docs)
        try:
            with self.engine.begin() as conn:
                near = self._near_index(conn)
                for doc in docs:
                    self._add_one(conn, near, doc, run_id, (locations or {}).get(doc.id), res)
                if run_id is not None:
                    self._record_errors(conn, run_id, errors)
                    r = t.ingest_runs.c
                    conn.execute(t.ingest_runs.update().where(r.id == run_id).values(
                        n_seen=r.n_seen + (len(docs) if seen is None else seen),
                        n_added=r.n_added + res.added, n_updated=r.n_updated + res.updated,
                        n_unchanged=r.n_unchanged + res.unchanged,
                        n_near_duplicates=r.n_near_duplicates + res.near_duplicates,
                        n_events=r.n_events + res.events,
                    ))
        except BaseException:
            self._near = None  # the in-memory index may hold rows that were rolled back
            raise
        return res

    def _add_one(
        self, conn: sa.Connection, near: dedup.NearDuplicates, doc: Document, run_id: str | None,
        location: str | None, res: AddResult,
    ) -> None:
        d = t.documents.c
        h = dedup.content_hash(doc.text)
        dh = t.document_hashes.c
        if conn.execute(sa.select(dh.doc_pk).where(dh.content_hash == h)).first() is not None:
            res.unchanged += 1
            res.status[doc.id] = "unchanged"
            return
        old = conn.execute(sa.select(d.pk, d.id, d.revision).where(d.id == doc.id)).first()
        if old is None and doc.url:
            old = conn.execute(sa.select(d.pk, d.id, d.revision).where(d.url == doc.url).limit(1)).first()
        sig = dedup.signature(doc.text)
        dup = near.best(sig, exclude=old.id if old else None) if sig is not None else None
        extraction = compact_extraction(doc)
        stored_id: str = old.id if old else doc.id
        row: dict[str, Any] = {
            "id": stored_id,
            "content_hash": h,
            "title": doc.title,
            "published": doc.published,
            "published_date": doc.published_date,
            "outlet": doc.outlet,
            "url": doc.url,
            "language": doc.language,
            "text": doc.text,
            "extraction": self._pack(extraction),
            "search_text": index_text((doc.title or "") + "\n" + doc.text) if self.dialect != "sqlite" else None,
            "minhash": dedup.to_bytes(sig) if sig is not None else None,
            "duplicate_of": dup[0] if dup else None,
            "similarity": round(dup[1], 4) if dup else None,
            "n_events": len(doc.events),
            "source_location": location,
            "run_id": run_id,
        }
        if old is not None:
            self._forget_children(conn, old.pk)
            conn.execute(t.documents.update().where(d.pk == old.pk),
                         row | {"updated_at": now(), "revision": old.revision + 1})
            doc_pk = old.pk
            res.updated += 1
            res.status[doc.id] = "updated"
        else:
            doc_pk = conn.execute(t.documents.insert().returning(d.pk),
                                  row | {"ingested_at": now(), "revision": 1}).scalar_one()
            res.added += 1
            res.status[doc.id] = "added"
        conn.execute(t.document_hashes.insert(), {"content_hash": h, "doc_pk": doc_pk, "seen_id": doc.id})
        if self.dialect == "sqlite":
            conn.execute(sa.text("INSERT INTO documents_fts(rowid, search_text) VALUES (:pk, :s)"),
                         {"pk": doc_pk, "s": index_text((doc.title or "") + "\n" + doc.text)})
        if dup:
            res.near_duplicates += 1
            res.status[doc.id] = "near_duplicate"
            near.remove(stored_id)
        elif sig is not None:
            near.add(stored_id, sig)
        self._insert_children(conn, doc_pk, doc)
        event_pks = self._insert_events(conn, doc_pk, stored_id, doc, dup[0] if dup else None)
        res.events += len(event_pks)
        if not dup:
            res.clustered += self._cluster(conn, event_pks)

    def _forget_children(self, conn: sa.Connection, doc_pk: int) -> None:
        """Remove an outdated reading (a correction replaces it), keeping clusters consistent."""
        e = t.events.c
        touched = {r.cluster_id for r in conn.execute(sa.select(e.cluster_id).where(e.doc_pk == doc_pk))
                   if r.cluster_id}
        pks = [r.pk for r in conn.execute(sa.select(e.pk).where(e.doc_pk == doc_pk))]
        if pks:
            conn.execute(t.event_spans.delete().where(t.event_spans.c.event_pk.in_(pks)))
            conn.execute(t.attributions.delete().where(t.attributions.c.event_pk.in_(pks)))
            conn.execute(t.events.delete().where(e.pk.in_(pks)))
        for tbl in (t.mentions, t.places, t.quantities):
            conn.execute(tbl.delete().where(tbl.c.doc_pk == doc_pk))
        if self.dialect == "sqlite":
            # a contentless FTS5 table forgets a row given the tokens it was indexed with
            old = conn.execute(sa.select(t.documents.c.title, t.documents.c.text)
                               .where(t.documents.c.pk == doc_pk)).first()
            if old is not None:
                conn.execute(sa.text("INSERT INTO documents_fts(documents_fts, rowid, search_text) "
                                     "VALUES ('delete', :pk, :s)"),
                             {"pk": doc_pk, "s": index_text((old.title or "") + "\n" + old.text)})
        for cid in touched:
            self._refresh_cluster(conn, cid)

    def _insert_children(self, conn: sa.Connection, doc_pk: int, doc: Document) -> None:
        if doc.mentions:
            conn.execute(t.mentions.insert(), [
                {"doc_pk": doc_pk, "start": m.start, "end": m.end, "text": m.text, "label": m.label,
                 "normalized": m.normalized, "kind": m.kind, "actor_id": m.actor_id, "confidence": m.confidence}
                for m in doc.mentions
            ])
        if doc.places:
            conn.execute(t.places.insert(), [
                {"doc_pk": doc_pk, "start": p.start, "end": p.end, "text": p.text, "geonameid": p.geonameid,
                 "name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
                 "precision": p.precision, "confidence": p.confidence}
                for p in doc.places
            ])
        if doc.quantities:
            conn.execute(t.quantities.insert(), [
                {"doc_pk": doc_pk, "start": q.start, "end": q.end, "text": q.text, "value": q.value,
                 "qualifier": q.qualifier, "min": q.min, "max": q.max, "unit": q.unit, "counted": q.counted}
                for q in doc.quantities
            ])

    def _insert_events(self, conn: sa.Connection, doc_pk: int, doc_id: str, doc: Document,
                       duplicate_of: str | None) -> list[int]:
        # Statements take their values as parameters (not .values(...)) so SQLAlchemy compiles
        # each one once per process instead of once per row.
        pks: list[int] = []
        spans: list[dict[str, Any]] = []
        atts: list[dict[str, Any]] = []
        ins = t.events.insert().returning(t.events.c.pk)
        for ev in doc.events:
            pk = conn.execute(ins, event_row(ev, doc, doc_pk, doc_id, duplicate_of, self._pack)).scalar_one()
            pks.append(pk)
            for role, sp in [("trigger", ev.trigger), ("evidence", ev.evidence)] + [("also", x) for x in ev.also_evidence]:
                spans.append({"event_pk": pk, "role": role, "start": sp.start, "end": sp.end, "text": sp.text})
            a = ev.attribution
            if a is not None:
                atts.append({"event_pk": pk, "source": a.source, "speaker": a.speaker, "verb": a.verb,
                             "quoted": a.quoted, "start": a.start, "end": a.end, "source_text": a.source_text})
        if spans:
            conn.execute(t.event_spans.insert(), spans)
        if atts:
            conn.execute(t.attributions.insert(), atts)
        return pks

    # --- clustering --------------------------------------------------------------------

    def _record(self, r: Any) -> cl.Record:
        actors = frozenset(k for k in (cl.actor_key(r.actor1, r.actor1_norm), cl.actor_key(r.actor2, r.actor2_norm))
                           if k)
        return cl.Record(r.pk, r.doc_pk, r.acled_subtype, r.date_start or r.event_date, r.date_end or r.event_date,
                         r.geonameid, r.country, r.lat, r.lon, r.geo_precision, actors)

    def _cluster(self, conn: sa.Connection, event_pks: list[int]) -> int:
        """Attach each new asserted event to the cluster of the closest matching event."""
        e = t.events.c
        cols = [e.pk, e.doc_pk, e.acled_subtype, e.date_start, e.date_end, e.event_date, e.geonameid, e.country,
                e.lat, e.lon, e.geo_precision, e.actor1, e.actor1_norm, e.actor2, e.actor2_norm, e.cluster_id]
        joined = 0
        touched: set[str] = set()
        for pk in event_pks:
            r = conn.execute(sa.select(*cols).where(e.pk == pk, e.modality == "asserted")).first()
            if r is None or r.event_date is None:
                continue
            me = self._record(r)
            if not cl.placeable(me):
                continue  # nowhere to compare: "somewhere" matches nothing
            fam = cl.family(r.acled_subtype)
            subtypes = sorted(cl.TERRITORY) if fam == "territory" else [r.acled_subtype]
            reach = cl.MAX_SPAN_DAYS + cl.DATE_SLACK_DAYS
            d0 = _shift(me.date_start or r.event_date, -reach)
            d1 = _shift(me.date_end or r.event_date, reach)
            q = sa.select(*cols).where(
                e.pk != pk, e.acled_subtype.in_(subtypes), e.modality == "asserted", e.duplicate_of.is_(None),
                e.event_date >= d0, e.event_date <= d1,
            )
            if r.country:
                q = q.where(sa.or_(e.country == r.country, e.country.is_(None)))
            best: tuple[float, Any] | None = None
            for other in conn.execute(q):
                score = cl.same_event(me, self._record(other))
                if score is not None and (best is None or score > best[0]):
                    best = (score, other)
            if best is None:
                continue
            other = best[1]
            cid = other.cluster_id or _cluster_id(other.pk)
            if other.cluster_id is None:
                conn.execute(t.events.update().where(e.pk == other.pk).values(cluster_id=cid))
            conn.execute(t.events.update().where(e.pk == pk).values(cluster_id=cid))
            touched.add(cid)
            joined += 1
        for cid in touched:
            self._refresh_cluster(conn, cid)
        return joined

    def _refresh_cluster(self, conn: sa.Connection, cid: str) -> None:
        """Recompute a cluster's claims, contradictions and extent from its members."""
        members = [self._event_dict(r) for r in conn.execute(self._event_select().where(t.events.c.cluster_id == cid)
                                                               .order_by(t.events.c.pk))]
        conn.execute(t.clusters.delete().where(t.clusters.c.id == cid))
        if len(members) < 2:
            conn.execute(t.events.update().where(t.events.c.cluster_id == cid).values(cluster_id=None))
            return
        claims = cl.distinct_claims([cl.claim(m) for m in members])
        contra = cl.contradictions(claims)
        first = members[0]
        located = next((m for m in members if m.get("lat") is not None), first)
        starts = [m["_date_start"] for m in members if m["_date_start"]]
        ends = [m["_date_end"] for m in members if m["_date_end"]]
        conn.execute(t.clusters.insert().values(
            id=cid, acled_type=first["acled_type"], acled_subtype=first["acled_subtype"],
            family=cl.family(first["acled_subtype"]), country=located.get("country"),
            place_name=(located.get("location") or {}).get("name") or (located.get("location") or {}).get("text"),
            lat=located.get("lat"), lon=located.get("lon"),
            date_start=min(starts) if starts else None, date_end=max(ends) if ends else None,
            n_events=len(members), n_documents=len({m["document_id"] for m in members}),
            n_sources=len({(c["source"] or "").lower() for c in claims}), contradiction=bool(contra),
            summary=json.dumps({"claims": claims, "contradictions": contra}, ensure_ascii=False),
            updated_at=now(),
        ))

    # --- reading -----------------------------------------------------------------------

    def _event_select(self) -> sa.Select[Any]:
        e, d = t.events.c, t.documents.c
        return sa.select(
            e.pk, e.event_id, e.data, e.cluster_id, e.lat, e.lon, e.country, e.duplicate_of, e.date_start,
            e.date_end, e.event_date, d.id.label("document_id"), d.published, d.outlet, d.title, d.url,
        ).select_from(t.events.join(t.documents, t.documents.c.pk == e.doc_pk))

    @staticmethod
    def _event_dict(r: Any) -> dict[str, Any]:
        ev: dict[str, Any] = codec.unpack(r.data)
        ev.update(
            event_id=r.event_id, document_id=r.document_id, published=r.published, outlet=r.outlet, title=r.title,
            url=r.url, cluster_id=r.cluster_id, lat=r.lat, lon=r.lon, country=r.country,
            duplicate_of=r.duplicate_of, event_date=r.event_date,
        )
        ev["_date_start"] = r.date_start or r.event_date
        ev["_date_end"] = r.date_end or r.event_date
        return ev

    @staticmethod
    def _public(ev: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in ev.items() if not k.startswith("_")}

    def _where(self, q: sa.Select[Any], f: EventFilter) -> sa.Select[Any]:
        e, d = t.events.c, t.documents.c
        conds: list[Any] = [e[col] == getattr(f, attr) for attr, col in _EQUAL if getattr(f, attr)]
        if f.actor:
            pat = f"%{f.actor.strip()}%"
            conds.append(sa.or_(e.actor1.ilike(pat), e.actor1_norm.ilike(pat), e.actor2.ilike(pat),
                                e.actor2_norm.ilike(pat)))
        if f.country:
            conds.append(e.country == f.country.upper())
        if f.admin1:
            conds.append(e.admin1.ilike(f.admin1))
        if f.bbox:
            x0, y0, x1, y1 = f.bbox
            conds += [e.lon >= x0, e.lon <= x1, e.lat >= y0, e.lat <= y1]
        if f.date_from:
            conds.append(e.event_date >= f.date_from[:10])
        if f.date_to:
            conds.append(e.event_date <= f.date_to[:10])
        if f.source:
            pat = f"%{f.source.strip()}%"
            conds.append(sa.or_(e.source.ilike(pat), d.outlet.ilike(pat)))
        if f.q:
            conds.append(d.pk.in_(self._match_pks(f.q)))
        if f.min_confidence is not None:
            conds.append(e.confidence >= f.min_confidence)
        if f.document_id:
            conds.append(d.id == f.document_id)
        if not f.include_duplicates:
            conds.append(e.duplicate_of.is_(None))
        return q.where(*conds) if conds else q

    def _match_pks(self, q: str) -> Any:
        """A subquery of document pks matching the full-text query (no words: nothing)."""
        terms = query_words(q)
        if not terms:
            return sa.select(t.documents.c.pk).where(sa.false())
        if self.dialect == "sqlite":
            return sa.select(sa.column("rowid")).select_from(sa.text("documents_fts")).where(
                sa.text("documents_fts MATCH :fts").bindparams(fts=fts5_query(terms)))
        tsv = sa.func.to_tsvector(sa.literal_column("'simple'"), sa.func.coalesce(t.documents.c.search_text, ""))
        tsq = sa.func.plainto_tsquery(sa.literal_column("'simple'"), " ".join(terms))
        return sa.select(t.documents.c.pk).where(tsv.op("@@")(tsq))

    def query_events(self, f: EventFilter | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        f = f or EventFilter()
        e = t.events.c
        q = self._where(self._event_select(), f).order_by(e.event_date.desc(), e.pk).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            return [self._public(self._event_dict(r)) for r in conn.execute(q)]

    def iter_events(self, f: EventFilter | None = None, batch: int = 1000) -> Iterator[dict[str, Any]]:
        """Every matching event, oldest first, fetched in pages (for exports)."""
        f = f or EventFilter()
        e = t.events.c
        last = 0
        while True:
            q = self._where(self._event_select(), f).where(e.pk > last).order_by(e.pk).limit(batch)
            with self.engine.connect() as conn:
                rows = [self._event_dict(r) | {"_pk": r.pk} for r in conn.execute(q)]
            if not rows:
                return
            for r in rows:
                yield self._public(r)
            last = rows[-1]["_pk"]

    def query_markers(self, f: EventFilter | None = None, limit: int = 10_000) -> list[dict[str, Any]]:
        """Just what a map needs (no JSON decoding), newest first, same filter as ``query_events``."""
        e = t.events.c
        q = self._where(sa.select(e.event_id, e.lat, e.lon, e.acled_type, e.event_date, e.fatalities, e.confidence,
                                  e.cluster_id).select_from(t.events.join(t.documents, t.documents.c.pk == e.doc_pk)),
                        f or EventFilter()).order_by(e.event_date.desc(), e.pk).limit(limit)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def count_events(self, f: EventFilter | None = None) -> int:
        q = self._where(sa.select(sa.func.count()).select_from(
            t.events.join(t.documents, t.documents.c.pk == t.events.c.doc_pk)), f or EventFilter())
        with self.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def get_event(self, event_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(self._event_select().where(t.events.c.event_id == event_id)).first()
        return self._public(self._event_dict(r)) if r else None

    def get_document(self, doc_id: str) -> dict[str, Any] | None:
        d = t.documents.c
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(t.documents).where(d.id == doc_id)).mappings().first()
            if r is None:
                return None
            evs = list(conn.execute(sa.select(t.events.c.event_id, t.events.c.data)
                                    .where(t.events.c.doc_pk == r["pk"]).order_by(t.events.c.pk)))
            copies = [x.id for x in conn.execute(sa.select(d.id).where(d.duplicate_of == doc_id))]
        out = expand_extraction(codec.unpack(r["extraction"]), r["text"], [codec.unpack(x.data) for x in evs])
        out["stored"] = {
            "content_hash": r["content_hash"], "ingested_at": r["ingested_at"], "updated_at": r["updated_at"],
            "revision": r["revision"], "duplicate_of": r["duplicate_of"], "similarity": r["similarity"],
            "near_duplicates": copies, "source_location": r["source_location"], "run_id": r["run_id"],
            "event_ids": [x.event_id for x in evs],
        }
        return out

    def load_document(self, doc_id: str) -> Document | None:
        j = self.get_document(doc_id)
        return Document.from_json(j) if j else None

    def _cluster_dict(self, r: Any) -> dict[str, Any]:
        s = json.loads(r.summary)
        return {
            "id": r.id, "acled_type": r.acled_type, "acled_subtype": r.acled_subtype, "country": r.country,
            "place_name": r.place_name, "lat": r.lat, "lon": r.lon, "date_start": r.date_start,
            "date_end": r.date_end, "n_events": r.n_events, "n_documents": r.n_documents,
            "n_sources": r.n_sources, "contradiction": bool(r.contradiction), "claims": s["claims"],
            "contradictions": s["contradictions"],
        }

    def list_clusters(self, f: EventFilter | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        f = f or EventFilter()
        ids = self._where(sa.select(t.events.c.cluster_id).select_from(
            t.events.join(t.documents, t.documents.c.pk == t.events.c.doc_pk)), f).where(
            t.events.c.cluster_id.is_not(None))
        c = t.clusters.c
        q = (sa.select(t.clusters).where(c.id.in_(ids))
             .order_by(c.contradiction.desc(), c.date_start.desc(), c.id).limit(limit).offset(offset))
        with self.engine.connect() as conn:
            return [self._cluster_dict(r) for r in conn.execute(q)]

    def get_cluster(self, cluster_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            r = conn.execute(sa.select(t.clusters).where(t.clusters.c.id == cluster_id)).first()
            if r is None:
                return None
            members = [self._public(self._event_dict(m)) for m in conn.execute(
                self._event_select().where(t.events.c.cluster_id == cluster_id).order_by(t.events.c.pk))]
        return self._cluster_dict(r) | {"members": members}

    def stats(self, f: EventFilter | None = None) -> dict[str, Any]:
        f = f or EventFilter()
        e = t.events.c
        base = t.events.join(t.documents, t.documents.c.pk == e.doc_pk)
        with self.engine.connect() as conn:
            by_type = {r[0]: int(r[1]) for r in conn.execute(
                self._where(sa.select(e.acled_type, sa.func.count()).select_from(base), f).group_by(e.acled_type))}
            by_day = [{"day": r[0], "type": r[1], "n": int(r[2])} for r in conn.execute(
                self._where(sa.select(e.event_date, e.acled_type, sa.func.count()).select_from(base), f)
                .where(e.event_date.is_not(None)).group_by(e.event_date, e.acled_type)
                .order_by(e.event_date, e.acled_type))]
            by_country = {r[0]: int(r[1]) for r in conn.execute(
                self._where(sa.select(e.country, sa.func.count()).select_from(base), f)
                .where(e.country.is_not(None)).group_by(e.country))}
            n_docs = int(conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one())
            n_copies = int(conn.execute(sa.select(sa.func.count()).select_from(t.documents)
                                        .where(t.documents.c.duplicate_of.is_not(None))).scalar_one())
            n_clusters = int(conn.execute(sa.select(sa.func.count()).select_from(t.clusters)).scalar_one())
            n_contra = int(conn.execute(sa.select(sa.func.count()).select_from(t.clusters)
                                        .where(t.clusters.c.contradiction.is_(True))).scalar_one())
        return {
            "by_type": by_type, "by_day": by_day, "by_country": by_country, "documents": n_docs,
            "near_duplicates": n_copies, "events": sum(by_type.values()), "clusters": n_clusters,
            "contradictions": n_contra,
        }

    def search(self, q: str, limit: int = 20) -> list[dict[str, Any]]:
        """Articles whose normalised text contains every word of ``q`` (clitics ignored)."""
        terms = query_words(q)
        if not terms:
            return []
        d = t.documents.c
        sel = (sa.select(d.id, d.title, d.published, d.outlet, d.url, d.text, d.n_events, d.duplicate_of)
               .where(d.pk.in_(self._match_pks(q))).order_by(d.published_date.desc(), d.id).limit(limit))
        with self.engine.connect() as conn:
            rows = list(conn.execute(sel))
        return [{"id": r.id, "title": r.title, "published": r.published, "outlet": r.outlet, "url": r.url,
                 "n_events": r.n_events, "duplicate_of": r.duplicate_of, "snippet": snippet(r.text, terms)}
                for r in rows]

    def count_documents(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(sa.select(sa.func.count()).select_from(t.documents)).scalar_one())

    def document_ids(self) -> list[str]:
        with self.engine.connect() as conn:
            return [r[0] for r in conn.execute(sa.select(t.documents.c.id).order_by(t.documents.c.pk))]


def compact_extraction(doc: Document) -> dict[str, Any]:
    """The extraction as stored: without what is kept elsewhere (the text in ``documents.text``,
    the events in ``events.data``) or derivable (sentence texts from their offsets)."""
    j = doc.to_json()
    j["document"].pop("text", None)
    j.pop("events", None)
    j["sentences"] = [{"start": x["start"], "end": x["end"]} for x in j.get("sentences", [])]
    return j


def expand_extraction(j: dict[str, Any], text: str, events: list[dict[str, Any]]) -> dict[str, Any]:
    """The contract JSON back from its stored form (inverse of ``compact_extraction``)."""
    j["document"]["text"] = text
    j["sentences"] = [{"start": x["start"], "end": x["end"], "text": text[x["start"]:x["end"]]}
                      for x in j.get("sentences", [])]
    j["events"] = events
    return j


def _shift(day: str, days: int) -> str:
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()
    except ValueError:
        return day


def _cluster_id(seed_pk: int) -> str:
    return f"c{seed_pk:08d}"


def _db_message(err: BaseException | None) -> str:
    """The server's own words: pg8000 carries them as a dict of protocol fields."""
    arg = err.args[0] if err is not None and err.args else err
    if isinstance(arg, dict) and "M" in arg:
        return str(arg["M"])
    return str(err)


def make_safe(url: str) -> str:
    """A URL fit for messages: the password hidden."""
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def event_row(ev: Event, doc: Document, doc_pk: int, doc_id: str, duplicate_of: str | None,
              pack: Any = codec.plain) -> dict[str, Any]:
    """The flat, filterable columns of one event; ``data`` keeps the whole record."""
    loc = ev.location
    dt = ev.date
    date_start = dt.start[:10] if dt and dt.start and len(dt.start) >= 10 else None
    date_end = dt.end[:10] if dt and dt.end and len(dt.end) >= 10 else None
    a1, a2, att = ev.actor1, ev.actor2, ev.attribution
    return {
        "event_id": f"{doc_id}:{ev.id}",
        "doc_pk": doc_pk,
        "local_id": ev.id,
        "acled_type": ev.acled_type,
        "acled_subtype": ev.acled_subtype,
        "plover_type": ev.plover_type,
        "plover_mode": ev.plover_mode,
        "category": ev.category,
        "modality": ev.modality,
        "confidence": ev.confidence,
        "actor1": a1.text if a1 else None,
        "actor1_norm": a1.normalized if a1 else None,
        "actor1_kind": a1.kind if a1 else None,
        "actor2": a2.text if a2 else None,
        "actor2_norm": a2.normalized if a2 else None,
        "actor2_kind": a2.kind if a2 else None,
        "place_text": loc.text if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "place_name": loc.name if loc else None,
        "country": loc.country if loc else None,
        "admin1": loc.admin1 if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geo_precision": loc.precision if loc else None,
        "date_start": date_start,
        "date_end": date_end,
        "date_precision": dt.precision if dt else None,
        "event_date": date_start or date_end or doc.published_date,
        "fatalities": ev.fatalities.value if ev.fatalities else None,
        "fatalities_qualifier": ev.fatalities.qualifier if ev.fatalities else None,
        "source": (att.source or att.speaker) if att else None,
        "trigger_start": ev.trigger.start,
        "trigger_end": ev.trigger.end,
        "evidence_start": ev.evidence.start,
        "evidence_end": ev.evidence.end,
        "evidence_text": ev.evidence.text,
        "data": pack(ev.to_json()),
        "cluster_id": None,
        "duplicate_of": duplicate_of,
    }
