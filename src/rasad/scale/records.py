"""Input records for batch runs: where each article comes from, read lazily on a worker.

A partition is a list of *record references* (a file and, for JSONL, a line range), not
the articles themselves, so the client never holds an archive in memory and a failed
partition can be re-read and retried anywhere.  Paths may be local or fsspec URLs
(``s3://``, ``gcs://``, ``file://``); compression is inferred from the name (.xz, .gz,
.bz2, .zst).

Reading a line range must not cost the lines before it, or a large file is read
quadratically (every partition re-reading everything ahead of it).  An uncompressed
file's chunk carries the byte offset of its first line, so a worker seeks straight to
it.  A compressed stream cannot be entered in the middle, so the client, which has to
read it once anyway to cut it, streams it once more while it hands partitions out and
ships each partition its own raw lines (a few hundred kilobytes); the chunk reference
stays the identity of the partition (resume, failure records).
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
    offset: int = -1  # byte offset of line ``first`` in an uncompressed file; -1: read from the start

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def identity(self) -> dict[str, Any]:
        """What names the records (the offset is only a shortcut to them)."""
        return {"path": self.path, "kind": self.kind, "first": self.first, "last": self.last}


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


def is_compressed(path: str) -> bool:
    return path.lower().endswith(COMPRESSIONS)


def line_starts(path: str, every: int) -> tuple[int, list[int]] | None:
    """Number of lines, and the byte offset of every ``every``-th line (0, every, 2·every…).

    ``None`` when the file cannot be read to the end (a truncated or corrupt archive).
    Offsets are positions in the decompressed stream; only an uncompressed file can seek
    to them.
    """
    n = pos = 0
    starts: list[int] = []
    try:
        with _open(path, "rb") as fh:
            for line in fh:
                if n % every == 0:
                    starts.append(pos)
                pos += len(line)
                n += 1
    except (OSError, EOFError, ValueError):
        return None
    return n, starts


UNKNOWN_END = 2**62


def plan_chunks(inputs: list[str], records_per_chunk: int) -> list[list[Chunk]]:
    """Cut the inputs into partitions of about ``records_per_chunk`` records each."""
    parts: list[list[Chunk]] = []
    loose: list[Chunk] = []
    for path, kind in list_inputs(inputs):
        if kind == "jsonl":
            found = line_starts(path, records_per_chunk)
            if found is None:
                # unreadable to the end (truncated or corrupt archive): one partition that
                # will fail with the reader's own error, recorded with its inputs
                parts.append([Chunk(path, kind, 0, UNKNOWN_END)])
                continue
            n, starts = found
            seekable = not is_compressed(path)
            for first, offset in zip(range(0, n, records_per_chunk), starts, strict=True):
                parts.append([Chunk(path, kind, first, min(n, first + records_per_chunk),
                                    offset if seekable else -1)])
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
    h = hashlib.sha256(json.dumps([c.identity() for c in chunks], sort_keys=True).encode())
    return h.hexdigest()[:16]


def shipped_lines(parts: list[list[Chunk]]) -> Iterator[list[list[bytes]] | None]:
    """For each partition in order, the raw lines of its compressed JSONL chunks (``None``
    for a partition that needs none), reading each compressed file once, front to back.

    Relies on the plan's order: a compressed file's chunks come in consecutive
    partitions, in line order.  A partition planned as unreadable, or whose lines cannot
    be read now, gets ``None``: its worker reads the file itself and fails with the
    reader's own error, which is recorded with the partition's inputs.
    """
    reader = _SequentialReader()
    try:
        for chunks in parts:
            if not any(_shipped(c) for c in chunks):
                yield None
                continue
            try:
                yield [reader.lines(c) if _shipped(c) else [] for c in chunks]
            except (OSError, EOFError, ValueError):
                reader.close()
                yield None
    finally:
        reader.close()


class _SequentialReader:
    """One open compressed file, read forward only: consecutive chunks cost one pass."""

    def __init__(self) -> None:
        self.fh: Any = None
        self.path = ""
        self.lineno = 0

    def lines(self, c: Chunk) -> list[bytes]:
        if self.fh is None or c.path != self.path or self.lineno > c.first:
            self.close()
            self.fh, self.path, self.lineno = _open(c.path, "rb").open(), c.path, 0
        out: list[bytes] = []
        while self.lineno < c.last:
            raw = self.fh.readline()
            if not raw:
                break
            if self.lineno >= c.first:
                out.append(raw)
            self.lineno += 1
        return out

    def close(self) -> None:
        if self.fh is not None:
            self.fh.close()
        self.fh, self.path, self.lineno = None, "", 0


def _shipped(c: Chunk) -> bool:
    return c.kind == "jsonl" and c.last != UNKNOWN_END and is_compressed(c.path)


def _jsonl_lines(chunk: Chunk, lines: list[bytes] | None) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) of a JSONL chunk: shipped, sought to, or read from the start."""
    if lines is not None:
        yield from enumerate(lines, start=chunk.first)
        return
    with _open(chunk.path, "rb") as fh:
        lineno = 0
        if chunk.offset >= 0:
            fh.seek(chunk.offset)
            lineno = chunk.first
        for raw in fh:
            if lineno >= chunk.last:
                break
            if lineno >= chunk.first:
                yield lineno, raw
            lineno += 1


def read_chunk(chunk: Chunk, lines: list[bytes] | None = None) -> Iterator[Record | BadRecord]:
    """Records of one chunk, read exactly as ``rasad ingest`` reads them (same cleaning,
    same metadata rules), so a batch run and an ingest give the same documents; unreadable
    ones come out as ``BadRecord`` with the reason.  ``lines`` are the chunk's raw lines
    when the client shipped them (compressed input)."""
    from rasad.errors import RasadError
    from rasad.ingest import sources
    from rasad.ingest.reader import decode_bytes

    def out(item: sources.Item) -> Record | BadRecord:
        if isinstance(item, sources.Bad):
            return BadRecord(item.location, item.reason)
        return Record(item.id, item.text, item.title, item.published, item.outlet, item.url, item.location)

    if chunk.kind == "jsonl":
        stem = sources.file_stem(Path(chunk.path))
        for lineno, raw in _jsonl_lines(chunk, lines):
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
