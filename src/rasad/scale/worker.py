"""What one worker does with one partition: extract every record, write Parquet, mark done.

Resources are loaded once per worker *process* (``default_pipeline`` is cached per
process), so a worker pays the start-up cost once however many partitions it runs.
Each table file is written to a temporary name and renamed into place, and the
partition's marker is written last: a partition either has its marker and all its files,
or it is redone.
"""

from __future__ import annotations

import json
import os
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
        }


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


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
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    schema = pa.schema([(c, pa.type_for_alias(t)) for c, t in COLUMNS[name].items()])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def extract_chunks(chunks: list[Chunk]) -> tuple[list[Document], list[BadRecord]]:
    """Run the pipeline over a partition's records (in this process)."""
    from rasad.errors import RasadError
    from rasad.pipeline import default_pipeline

    pipe = default_pipeline()
    docs: list[Document] = []
    bad: list[BadRecord] = []
    for chunk in chunks:
        for rec in read_chunk(chunk):
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


def run_partition(index: int, chunks: list[Chunk], out: str) -> PartitionResult:
    """Extract one partition into ``out``; skip it if an identical run already finished it."""
    t0 = time.perf_counter()
    out_dir = Path(out)
    fp = fingerprint(chunks)
    if is_done(out_dir, index, fp):
        res = PartitionResult(index, fp, skipped=True)
        prev = json.loads(marker_path(out_dir, index).read_text(encoding="utf-8"))
        res.documents, res.events, res.bad = prev["documents"], prev["events"], prev["bad"]
        return res
    docs, bad = extract_chunks(chunks)
    tables: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for d in docs:
        for t, rows in rows_of(d).items():
            tables[t].extend(rows)
    for t, rows in tables.items():
        _write_table(t, rows, out_dir / t / f"part-{index:05d}.parquet")
    res = PartitionResult(
        index, fp, documents=len(docs), events=len(tables["events"]),
        bad=[{"origin": b.origin, "reason": b.reason} for b in bad], seconds=time.perf_counter() - t0,
        rss_mb=peak_rss_mb(),
    )
    m = marker_path(out_dir, index)
    m.parent.mkdir(parents=True, exist_ok=True)
    tmp = m.with_suffix(f".tmp{os.getpid()}")
    tmp.write_text(json.dumps(res.to_json() | {"chunks": [c.to_json() for c in chunks]}, ensure_ascii=False),
                   encoding="utf-8")
    os.replace(tmp, m)
    return res
