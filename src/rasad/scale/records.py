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


def _file_id(path: str) -> str:
    return Path(path.rsplit("/", 1)[-1]).name.split(".")[0]


def read_chunk(chunk: Chunk) -> Iterator[Record | BadRecord]:
    """Records of one chunk; unreadable ones come out as ``BadRecord`` with the reason."""
    from rasad.errors import RasadError
    from rasad.ingest.reader import decode_bytes

    if chunk.kind == "jsonl":
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
                    yield BadRecord(origin, f"not JSON ({e.msg})")
                    continue
                if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                    yield BadRecord(origin, "not an object with a 'text' string")
                    continue
                yield Record(
                    id=str(rec.get("id") or f"{_file_id(chunk.path)}-{lineno + 1}"),
                    text=rec["text"],
                    title=rec.get("title"),
                    published=rec.get("published"),
                    outlet=rec.get("outlet"),
                    url=rec.get("url"),
                    origin=origin,
                )
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
    if chunk.kind == "html":
        html = _html_article(text, chunk.path)
        if isinstance(html, BadRecord):
            yield html
            return
        yield html
        return
    yield Record(id=_file_id(chunk.path), text=text, origin=chunk.path)


def _html_article(html: str, path: str) -> Record | BadRecord:
    """Main text and metadata of an HTML page, via trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as e:  # trafilatura raises many types on malformed pages
        return BadRecord(path, f"HTML could not be parsed ({type(e).__name__})")
    if extracted is None:
        return BadRecord(path, "HTML page has no article text")
    meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    text = meta.get("text") or ""
    if not text.strip():
        return BadRecord(path, "HTML page has no article text")
    date = meta.get("date")
    if date and len(str(date)) <= 4:
        date = None  # a year-only date is the copyright year, not the publication date
    return Record(
        id=_file_id(path), text=text, title=meta.get("title"), published=date,
        outlet=meta.get("sitename"), url=meta.get("url"), origin=path,
    )
