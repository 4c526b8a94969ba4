"""Input records for batch runs: where each article comes from, read lazily on a worker.

A partition is a list of *record references* (a file and, for JSONL, a line range), not
the articles themselves, so the client never holds an archive in memory and a failed
partition can be re-read and retried anywhere.  Paths may be local or fsspec URLs
(``s3://``, ``gcs://``, ``file://``); compression is inferred from the name (.xz, .gz,
.bz2, .zst).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
COMPRESSIONS = (".xz", ".gz", ".bz2", ".zst")


def base_suffix(path: str) -> str:
    """Suffix that says the format, ignoring a compression suffix (a.jsonl.xz → .jsonl)."""
    name = path.rsplit("/", 1)[-1].lower()
    for c in COMPRESSIONS:
        if name.endswith(c):
            name = name[: -len(c)]
            break
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""


@dataclass(frozen=True, slots=True)
class Chunk:
    """One unit of input: a whole text/HTML file, or lines [first, last) of a JSONL file."""

    path: str
    kind: str  # "jsonl" | "text" | "html"
    first: int = 0
    last: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Record:
    id: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    origin: str = ""  # path:line, for error reports


@dataclass(frozen=True, slots=True)
class BadRecord:
    origin: str
    reason: str


def _open(path: str, mode: str = "rt") -> Any:
    import fsspec

    return fsspec.open(path, mode, compression="infer", encoding="utf-8" if "t" in mode else None)


def list_inputs(inputs: list[str]) -> list[tuple[str, str]]:
    """Expand directories and globs into (path, kind) pairs, in a stable order."""
    import fsspec

    out: list[tuple[str, str]] = []
    for spec in inputs:
        fs, _, paths = fsspec.get_fs_token_paths(spec)
        expanded: list[str] = []
        for p in paths:
            if fs.isdir(p):
                expanded.extend(sorted(f for f in fs.find(p) if not fs.isdir(f)))
            else:
                expanded.append(p)
        protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
        for p in expanded:
            full = p if protocol in ("file", "local") else f"{protocol}://{p}"
            suf = base_suffix(full)
            if suf in JSONL_SUFFIXES:
                out.append((full, "jsonl"))
            elif suf in HTML_SUFFIXES:
                out.append((full, "html"))
            elif suf in TEXT_SUFFIXES:
                out.append((full, "text"))
    return out


def count_lines(path: str) -> int | None:
    """Lines in a (possibly compressed) file; ``None`` when it cannot be read to the end."""
    n = 0
    try:
        with _open(path, "rb") as fh:
            for _ in fh:
                n += 1
    except (OSError, EOFError, ValueError):
        return None
    return n


UNKNOWN_END = 2**62


def plan_chunks(inputs: list[str], records_per_chunk: int) -> list[list[Chunk]]:
    """Cut the inputs into partitions of about ``records_per_chunk`` records each."""
    parts: list[list[Chunk]] = []
    loose: list[Chunk] = []
    for path, kind in list_inputs(inputs):
        if kind == "jsonl":
            n = count_lines(path)
            if n is None:
                # unreadable to the end (truncated or corrupt archive): one partition that
                # will fail with the reader's own error, recorded with its inputs
                parts.append([Chunk(path, kind, 0, UNKNOWN_END)])
                continue
            for first in range(0, n, records_per_chunk):
                parts.append([Chunk(path, kind, first, min(n, first + records_per_chunk))])
        else:
            loose.append(Chunk(path, kind))
            if len(loose) >= records_per_chunk:
                parts.append(loose)
                loose = []
    if loose:
        parts.append(loose)
    return parts


def fingerprint(chunks: list[Chunk]) -> str:
    """Identity of a partition's inputs: re-runs skip a partition only if this matches."""
    h = hashlib.sha256(json.dumps([c.to_json() for c in chunks], sort_keys=True).encode())
    return h.hexdigest()[:16]


def read_chunk(chunk: Chunk) -> Iterator[Record | BadRecord]:
    """Records of one chunk, read exactly as ``rasad ingest`` reads them (same cleaning,
    same metadata rules), so a batch run and an ingest give the same documents; unreadable
    ones come out as ``BadRecord`` with the reason."""
    from rasad.errors import RasadError
    from rasad.ingest import sources
    from rasad.ingest.reader import decode_bytes

    def out(item: sources.Item) -> Record | BadRecord:
        if isinstance(item, sources.Bad):
            return BadRecord(item.location, item.reason)
        return Record(item.id, item.text, item.title, item.published, item.outlet, item.url, item.location)

    if chunk.kind == "jsonl":
        stem = sources.file_stem(Path(chunk.path))
        with _open(chunk.path, "rb") as fh:
            for lineno, raw in enumerate(fh):
                if lineno < chunk.first:
                    continue
                if lineno >= chunk.last:
                    break
                origin = f"{chunk.path}:{lineno + 1}"
                if not raw.strip():
                    continue
                try:
                    rec = json.loads(decode_bytes(raw, origin))
                except RasadError as e:
                    yield BadRecord(origin, str(getattr(e, "problem", e)))
                    continue
                except json.JSONDecodeError as e:
                    yield BadRecord(origin, f"broken JSON line ({e.msg}, column {e.colno})")
                    continue
                yield out(sources.record_article(rec, origin, f"{stem}:{lineno + 1}"))
        return
    try:
        with _open(chunk.path, "rb") as fh:
            data = fh.read()
    except (OSError, EOFError, ValueError) as e:
        yield BadRecord(chunk.path, f"unreadable: {type(e).__name__}: {e}")
        return
    try:
        text = decode_bytes(data, chunk.path)
    except RasadError as e:
        yield BadRecord(chunk.path, str(getattr(e, "problem", e)))
        return
    doc_id = sources.file_stem(Path(chunk.path))
    if chunk.kind == "html":
        yield out(sources.html_article(text, doc_id, chunk.path))
    else:
        yield out(sources.text_article(text, doc_id, chunk.path,
                                       published=sources.name_date(chunk.path.rsplit("/", 1)[-1])))
