"""What one worker does with one partition: extract every record, write Parquet, mark done.

Resources are loaded once per worker *process* (``default_pipeline`` is cached per
process; ``warm`` loads them before the first partition arrives), so a worker pays the
start-up cost once however many partitions it runs.  The worker writes its partition's
Parquet files itself and hands back only a small summary (counts, skipped records,
timings): no extraction ever travels back through the scheduler to the client.
Each table file is written to a temporary name and renamed into place, and the
partition's marker is written last: a partition either has its marker and all its files,
or it is redone.
"""

from __future__ import annotations

import json
import os
import socket
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.model import Document
from rasad.scale.records import BadRecord, Chunk, fingerprint, read_chunk

TABLES = ("documents", "events", "places", "quantities")

# Column types of each table, so an empty partition still has the full schema.
_S, _I, _F = "string", "int64", "float64"
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {"id": _S, "title": _S, "published": _S, "outlet": _S, "url": _S, "chars": _I, "events": _I,
                  "extraction": _S},
    "events": {"document_id": _S, "event_id": _S, "acled_type": _S, "acled_subtype": _S, "category": _S,
               "modality": _S, "confidence": _F, "actor1": _S, "actor2": _S, "geonameid": _I, "country": _S,
               "lat": _F, "lon": _F, "geo_precision": _S, "date_start": _S, "date_end": _S, "fatalities": _F,
               "source": _S, "evidence": _S, "json": _S},
    "places": {"document_id": _S, "start": _I, "end": _I, "text": _S, "geonameid": _I, "name": _S, "country": _S,
               "lat": _F, "lon": _F, "precision": _S, "confidence": _F},
    "quantities": {"document_id": _S, "start": _I, "end": _I, "text": _S, "value": _F, "qualifier": _S,
                   "unit": _S, "counted": _S},
}


@dataclass
class PartitionResult:
    index: int
    fingerprint: str
    documents: int = 0
    events: int = 0
    bad: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    skipped: bool = False
    rss_mb: float = 0.0  # peak resident memory of the process that ran it
    rss_now_mb: float = 0.0  # its resident memory when the partition was written
    cpu_s: float = 0.0  # CPU time of the process while it ran the partition
    started: float = 0.0  # wall-clock (epoch) start and end, to measure a run's busy span
    finished: float = 0.0
    worker: str = ""  # host:pid

    def to_json(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "fingerprint": self.fingerprint,
            "documents": self.documents,
            "events": self.events,
            "bad": self.bad,
            "seconds": round(self.seconds, 3),
            "skipped": self.skipped,
            "rss_mb": round(self.rss_mb, 1),
            "rss_now_mb": round(self.rss_now_mb, 1),
            "cpu_s": round(self.cpu_s, 3),
            "started": round(self.started, 3),
            "finished": round(self.finished, 3),
            "worker": self.worker,
        }


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def rss_now_mb() -> float:
    """Resident memory now (Linux /proc; the peak where that is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def warm() -> float:
    """Load the pipeline's resources and the Parquet writer in this process, before any
    partition: every worker of a cluster then starts on equal terms.  Returns seconds."""
    t = time.perf_counter()
    import io

    import pyarrow.parquet as pq

    from rasad.pipeline import default_pipeline, tune_gc_for_bulk

    doc = default_pipeline().extract("قتل 3 مدنيين في قصف على دوما أمس.", id="warm", published="2018-03-02")
    for name, rows in rows_of(doc).items():  # the first Parquet write pays ~0.2 s of codec set-up
        pq.write_table(_table(name, rows), io.BytesIO(), compression="zstd")
    tune_gc_for_bulk()  # a worker process does nothing but extract (called on workers only)
    return time.perf_counter() - t


def marker_path(out: Path, index: int) -> Path:
    return out / "_partitions" / f"part-{index:05d}.json"


def is_done(out: Path, index: int, fp: str) -> bool:
    m = marker_path(out, index)
    if not m.exists():
        return False
    try:
        return bool(json.loads(m.read_text(encoding="utf-8")).get("fingerprint") == fp)
    except (OSError, json.JSONDecodeError):
        return False


def rows_of(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Flat rows for each table; the full extraction JSON rides along for lossless reload."""
    ext = doc.to_json()
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    rows["documents"].append(
        {
            "id": doc.id,
            "title": doc.title,
            "published": doc.published,
            "outlet": doc.outlet,
            "url": doc.url,
            "chars": len(doc.text),
            "events": len(doc.events),
            "extraction": json.dumps(ext, ensure_ascii=False, sort_keys=True),
        }
    )
    for e in doc.events:
        loc = e.location
        rows["events"].append(
            {
                "document_id": doc.id,
                "event_id": f"{doc.id}:{e.id}",
                "acled_type": e.acled_type,
                "acled_subtype": e.acled_subtype,
                "category": e.category,
                "modality": e.modality,
                "confidence": e.confidence,
                "actor1": (e.actor1.normalized or e.actor1.text) if e.actor1 else None,
                "actor2": (e.actor2.normalized or e.actor2.text) if e.actor2 else None,
                "geonameid": loc.geonameid if loc else None,
                "country": loc.country if loc else None,
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "geo_precision": loc.precision if loc else None,
                "date_start": e.date.start if e.date else None,
                "date_end": e.date.end if e.date else None,
                "fatalities": e.fatalities.value if e.fatalities else None,
                "source": e.attribution.source if e.attribution else None,
                "evidence": e.evidence.text,
                "json": json.dumps(e.to_json(), ensure_ascii=False, sort_keys=True),
            }
        )
    for p in doc.places:
        rows["places"].append(
            {
                "document_id": doc.id, "start": p.start, "end": p.end, "text": p.text,
                "geonameid": p.geonameid, "name": p.name, "country": p.country, "lat": p.lat,
                "lon": p.lon, "precision": p.precision, "confidence": p.confidence,
            }
        )
    for q in doc.quantities:
        rows["quantities"].append(
            {
                "document_id": doc.id, "start": q.start, "end": q.end, "text": q.text,
                "value": q.value, "qualifier": q.qualifier, "unit": q.unit, "counted": q.counted,
            }
        )
    return rows


def _write_table(name: str, rows: list[dict[str, Any]], path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    pq.write_table(_table(name, rows), tmp, compression="zstd")
    os.replace(tmp, path)


def _table(name: str, rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    schema = pa.schema([(c, pa.type_for_alias(t)) for c, t in COLUMNS[name].items()])
    return pa.Table.from_pylist(rows, schema=schema)


def extract_chunks(
    chunks: list[Chunk], lines: list[list[bytes]] | None = None
) -> tuple[list[Document], list[BadRecord]]:
    """Run the pipeline over a partition's records (in this process); ``lines`` are the
    raw lines the client shipped for its compressed chunks, one list per chunk."""
    from rasad.errors import RasadError
    from rasad.pipeline import default_pipeline

    pipe = default_pipeline()
    docs: list[Document] = []
    bad: list[BadRecord] = []
    for k, chunk in enumerate(chunks):
        for rec in read_chunk(chunk, lines[k] if lines is not None and lines[k] else None):
            if isinstance(rec, BadRecord):
                bad.append(rec)
                continue
            try:
                docs.append(
                    pipe.extract(rec.text, id=rec.id, published=rec.published, title=rec.title,
                                 outlet=rec.outlet, url=rec.url, name=rec.origin)
                )
            except RasadError as e:
                bad.append(BadRecord(rec.origin, str(getattr(e, "problem", e))))
            except Exception as e:  # one article must not sink the partition; keep the reason
                tb = traceback.extract_tb(e.__traceback__)[-1]
                bad.append(BadRecord(rec.origin, f"extraction failed: {type(e).__name__}: {e} "
                                                 f"({Path(tb.filename).name}:{tb.lineno})"))
    return docs, bad


def finished_result(out_dir: Path, index: int, fp: str) -> PartitionResult | None:
    """The summary of a partition an identical earlier run finished, else ``None``."""
    if not is_done(out_dir, index, fp):
        return None
    prev = json.loads(marker_path(out_dir, index).read_text(encoding="utf-8"))
    return PartitionResult(index, fp, documents=prev["documents"], events=prev["events"], bad=prev["bad"],
                           skipped=True)


def run_partition(index: int, chunks: list[Chunk], out: str,
                  lines: list[list[bytes]] | None = None) -> PartitionResult:
    """Extract one partition into ``out``; skip it if an identical run already finished it."""
    t0, c0, started = time.perf_counter(), time.process_time(), time.time()
    out_dir = Path(out)
    fp = fingerprint(chunks)
    done = finished_result(out_dir, index, fp)
    if done is not None:
        return done
    docs, bad = extract_chunks(chunks, lines)
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for d in docs:
        for t, rows in rows_of(d).items():
            tables[t].extend(rows)
    for t, rows in tables.items():
        _write_table(t, rows, out_dir / t / f"part-{index:05d}.parquet")
    res = PartitionResult(
        index, fp, documents=len(docs), events=len(tables["events"]),
        bad=[{"origin": b.origin, "reason": b.reason} for b in bad], seconds=time.perf_counter() - t0,
        rss_mb=peak_rss_mb(), rss_now_mb=rss_now_mb(), cpu_s=time.process_time() - c0, started=started,
        finished=time.time(), worker=f"{socket.gethostname()}:{os.getpid()}",
    )
    m = marker_path(out_dir, index)
    m.parent.mkdir(parents=True, exist_ok=True)
    tmp = m.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(res.to_json() | {"chunks": [c.to_json() for c in chunks]}, ensure_ascii=False),
                   encoding="utf-8")
    os.replace(tmp, m)
    return res
