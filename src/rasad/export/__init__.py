"""Writing stored events out: ACLED's CSV layout, PLOVER JSON, GeoJSON, Parquet, JSONL.

Every writer takes an iterable of store event dicts (``Store.iter_events``) and streams,
so exporting a million events does not hold them in memory (Parquet writes row groups).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import IO, Any

from rasad.export import acled
from rasad.export.flat import FLAT_COLUMNS, flat
from rasad.model import Document

FORMATS = ("acled", "plover", "geojson", "parquet", "jsonl", "csv")
BINARY = frozenset({"parquet"})
SUFFIX = {"acled": ".csv", "plover": ".jsonl", "geojson": ".geojson", "parquet": ".parquet", "jsonl": ".jsonl",
          "csv": ".csv"}


def document_events(doc: Document) -> list[dict[str, Any]]:
    """Store-shaped event dicts for an extraction that was not stored (``rasad extract`` output)."""
    out = []
    for e in doc.events:
        d = e.to_json()
        loc = d.get("location") or {}
        d.update(event_id=f"{doc.id}:{e.id}", document_id=doc.id, published=doc.published, outlet=doc.outlet,
                 title=doc.title, url=doc.url, cluster_id=None, lat=loc.get("lat"), lon=loc.get("lon"),
                 country=loc.get("country"))
        out.append(d)
    return out


def plover(ev: dict[str, Any]) -> dict[str, Any]:
    """A PLOVER-style event record (event type and mode, actor/recipient, location, source text)."""
    a1, a2, loc = ev.get("actor1") or {}, ev.get("actor2") or {}, ev.get("location") or {}
    att = ev.get("attribution") or {}
    d = ev.get("date") or {}
    return {
        "id": ev.get("event_id") or ev.get("id"),
        "date": d.get("start") or d.get("end") or (ev.get("published") or "")[:10] or None,
        "date_end": d.get("end"),
        "event": ev.get("plover_type"),
        "mode": ev.get("plover_mode"),
        "context": [c for c in (ev.get("category"), ev.get("acled_subtype")) if c],
        "actor": a1.get("normalized") or a1.get("text"),
        "actor_kind": a1.get("kind"),
        "recipient": a2.get("normalized") or a2.get("text"),
        "recipient_kind": a2.get("kind"),
        "geolocation": {"name": loc.get("name") or loc.get("text"), "geonameid": loc.get("geonameid"),
                        "country": loc.get("country"), "admin1": loc.get("admin1"), "lat": loc.get("lat"),
                        "lon": loc.get("lon"), "precision": loc.get("precision")} if loc else None,
        "fatalities": (ev.get("fatalities") or {}).get("value"),
        "according_to": att.get("source"),
        "speaker": att.get("speaker"),
        "modality": ev.get("modality"),
        "confidence": ev.get("confidence"),
        "source": ev.get("outlet"),
        "publication_date": ev.get("published"),
        "url": ev.get("url"),
        "document_id": ev.get("document_id"),
        "text": (ev.get("evidence") or {}).get("text"),
        "language": "ar",
    }


def geojson_feature(ev: dict[str, Any]) -> dict[str, Any] | None:
    f = flat(ev)
    if f["lat"] is None or f["lon"] is None:
        return None
    props = {k: v for k, v in f.items() if k not in ("lat", "lon")}
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [f["lon"], f["lat"]]},
            "properties": props}


def _write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], out: IO[str]) -> int:
    w = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    n = 0
    for r in rows:
        w.writerow(r)
        n += 1
    return n


def _write_geojson(events: Iterable[dict[str, Any]], out: IO[str]) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for ev in events:
        feat = geojson_feature(ev)
        if feat is None:
            continue
        out.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def _write_parquet(events: Iterable[dict[str, Any]], path: Path, chunk: int = 5000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c, pa.float64() if c in ("confidence", "lat", "lon", "fatalities") else
                         pa.int64() if c in ("geonameid", "evidence_start", "evidence_end") else pa.string())
                        for c in FLAT_COLUMNS] + [("record", pa.string())])
    n = 0
    it: Iterator[dict[str, Any]] = iter(events)
    with pq.ParquetWriter(str(path), schema, compression="zstd") as w:
        while batch := list(islice(it, chunk)):
            cols: dict[str, list[Any]] = {c: [] for c in schema.names}
            for ev in batch:
                f = flat(ev)
                for c in FLAT_COLUMNS:
                    v = f[c]
                    cols[c].append(v if v is None or c in ("confidence", "lat", "lon", "fatalities", "geonameid",
                                                            "evidence_start", "evidence_end") else str(v))
                cols["record"].append(json.dumps(ev, ensure_ascii=False))
            w.write_table(pa.table(cols, schema=schema))
            n += len(batch)
    return n


def write(events: Iterable[dict[str, Any]], fmt: str, out: IO[str] | Path) -> int:
    """Write ``events`` as ``fmt`` to a text stream (or a path, required for Parquet); returns rows."""
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ValueError("parquet needs a file path (--out FILE)")
        return _write_parquet(events, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as f:
            return write(events, fmt, f)
    if fmt == "acled":
        return _write_csv(acled.rows(events), acled.COLUMNS, out)
    if fmt == "csv":
        return _write_csv((flat(e) for e in events), FLAT_COLUMNS, out)
    if fmt == "geojson":
        return _write_geojson(events, out)
    n = 0
    for ev in events:
        out.write(json.dumps(plover(ev) if fmt == "plover" else ev, ensure_ascii=False) + "\n")
        n += 1
    return n
