"""Turning what a user points at (files, directories, corpora, pages, feeds) into articles.

Every input yields either an ``Article`` or a ``Bad`` with the reason it was skipped, never
an exception: one unreadable file in a folder of ten thousand must not stop the run.
Reading is lazy (a generator), so a 2 GB corpus streams through in constant memory.
"""

from __future__ import annotations

import gzip
import io
import json
import lzma
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from rasad.errors import InputError
from rasad.ingest.clean import clean_text
from rasad.ingest.reader import MAX_FILE_BYTES, decode_bytes
from rasad.model import Document

FETCH_TIMEOUT_S = 20
USER_AGENT = "rasad/0.1 (+https://github.com/rasad; Arabic conflict-event research)"

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".jsonl.xz", ".ndjson.gz", ".ndjson.xz", ".json")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml", ".rdf")
MIN_PAGE_WORDS = 12
"""Fewer words than a one-sentence news brief: what was extracted is page furniture (menus, captions)."""


@dataclass
class Article:
    id: str
    text: str
    location: str  # where it was read from, for messages and the run record
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    extracted: Document | None = None  # already read (e.g. by ``rasad batch``): store as is


@dataclass
class Bad:
    location: str
    reason: str


Item = Article | Bad


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


# --- helpers ------------------------------------------------------------------------------


def iso_date(value: Any) -> str | None:
    """An ISO date or datetime string, or ``None`` when ``value`` is not one."""
    if not isinstance(value, str) or not value.strip():
        return None
    v = value.strip()
    try:
        if len(v) == 10:
            return date.fromisoformat(v).isoformat()
        return datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:  # feeds and mail-style corpora: "Mon, 12 Dec 2016 09:30:00 +0300"
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(v).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def file_stem(path: Path) -> str:
    name = path.name
    for suf in (*JSONL_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, ".txt", ".text", ".md"):
        if name.lower().endswith(suf):
            return name[: -len(suf)] or name
    return path.stem or name


def _open_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(str(path), f"file too large ({size / 1e6:.1f} MB; limit {MAX_FILE_BYTES / 1e6:.0f} MB)")
    return path.read_bytes()


def _sniff(data: bytes) -> str:
    """What a file without a telling suffix holds: feed, html, jsonl or text."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


# --- plain text ---------------------------------------------------------------------------


_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)")


def name_date(name: str) -> str | None:
    """A publication date written in a file name (``rt-2016-12-12-palmyra.txt``), as archives do."""
    m = _NAME_DATE.search(name)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
    except ValueError:
        return None


def text_article(text: str, doc_id: str, location: str, **meta: Any) -> Item:
    cleaned = clean_text(text)
    if not cleaned.strip():
        return Bad(location, "empty file" if not text.strip() else "only boilerplate, no article text")
    return Article(doc_id, cleaned, location, **meta)


# --- HTML ---------------------------------------------------------------------------------


def _page_date(html: str, url: str | None, fallback: str | None) -> str | None:
    """The publication date from the page's markup or URL; a year alone is not a date.

    htmldate's extensive search falls back to the copyright year ("© 2016" → 2016-01-01),
    which would date every article on a site to New Year's Day; we only take dates the
    page states, and a bare 1 January from the fallback counts as unknown.
    """
    try:
        from htmldate import find_date

        d = find_date(html, url=url, extensive_search=False, original_date=True)
    except Exception:
        d = None
    if d:
        return str(d)
    if fallback and not fallback.endswith("-01-01"):
        return fallback
    return None


def html_article(html: str, doc_id: str, location: str, url: str | None = None, **meta: Any) -> Item:
    import trafilatura

    try:
        got = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as e:  # lxml raises on pathological markup
        return Bad(location, f"cannot parse HTML ({type(e).__name__})")
    d: dict[str, Any] = {}
    if got is not None:
        d = got.as_dict() if hasattr(got, "as_dict") else dict(got)
    text = clean_text(d.get("text") or "", anywhere=True)
    if not text.strip():
        return Bad(location, "HTML page with no article text")
    title = meta.pop("title", None) or d.get("title")
    if title and text.startswith(title):  # trafilatura repeats the headline as the first line
        text = text[len(title):].lstrip("\n")
    if len(text.split()) < MIN_PAGE_WORDS:
        return Bad(location, "HTML page with no article text")
    published = meta.pop("published", None) or _page_date(html, url or d.get("url"), d.get("date"))
    outlet = meta.pop("outlet", None) or d.get("sitename") or d.get("hostname")
    return Article(doc_id, text, location, title=title, published=published, outlet=outlet,
                   url=url or d.get("url"), **meta)


# --- JSONL --------------------------------------------------------------------------------


def _open_text_stream(path: Path) -> io.TextIOBase:
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8", errors="strict")  # type: ignore[return-value]
    if name.endswith(".xz"):
        return lzma.open(path, "rt", encoding="utf-8", errors="strict")  # type: ignore[return-value]
    return open(path, encoding="utf-8-sig", errors="strict")


def jsonl_articles(path: Path) -> Iterator[Item]:
    """One article per line: ``id``, ``text`` and optional title, published, outlet, url."""
    stem = file_stem(path)
    try:
        stream = _open_text_stream(path)
    except OSError as e:
        yield Bad(str(path), e.strerror or "cannot open")
        return
    lineno = 0
    with stream:
        while True:
            try:
                line = stream.readline()
            except UnicodeDecodeError as e:
                yield Bad(f"{path}:{lineno + 1}", f"invalid UTF-8 (byte {e.start} of the line); rest of file skipped")
                return
            except (OSError, EOFError, lzma.LZMAError) as e:
                yield Bad(f"{path}:{lineno + 1}", f"corrupt compressed data ({e}); rest of file skipped")
                return
            if not line:
                return
            lineno += 1
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                yield Bad(where, f"broken JSON line ({e.msg}, column {e.colno})")
                continue
            yield record_article(rec, where, f"{stem}:{lineno}")


def record_article(rec: Any, where: str, default_id: str) -> Item:
    """An article from one corpus record: ``id``, ``text``, optional title, published, outlet, url."""
    if not isinstance(rec, dict):
        return Bad(where, "record is not a JSON object")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return Bad(where, "no 'text' string")

    def s(k: str) -> str | None:
        v = rec.get(k)
        return v if isinstance(v, str) and v.strip() else None

    return text_article(text, str(rec.get("id") or default_id), where, title=s("title"),
                        published=iso_date(rec.get("published")), outlet=s("outlet"), url=s("url"))


def json_array_articles(path: Path, data: bytes) -> Iterator[Item]:
    """A ``.json`` file holding one array of records (the non-streaming cousin of JSONL)."""
    try:
        recs = json.loads(decode_bytes(data, str(path)))
    except InputError as e:
        yield Bad(str(path), e.problem)
        return
    except json.JSONDecodeError as e:
        yield Bad(str(path), f"broken JSON ({e.msg}, line {e.lineno} column {e.colno})")
        return
    if not isinstance(recs, list):
        recs = [recs]
    for i, rec in enumerate(recs, 1):
        yield record_article(rec, f"{path}#{i}", f"{file_stem(path)}:{i}")


# --- feeds --------------------------------------------------------------------------------


def _entry_date(entry: Any) -> str | None:
    for k in ("published_parsed", "updated_parsed"):
        t = entry.get(k)
        if t:  # feedparser gives UTC
            y, mo, d, h, mi, sec = t[:6]
            return datetime(y, mo, d, h, mi, sec, tzinfo=UTC).isoformat()
    return None


def fetch(url: str) -> tuple[bytes, str]:
    """GET ``url``; returns (body, content type)."""
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept-Language": "ar"})
    with urllib.request.urlopen(req, timeout=FETCH_TIMEOUT_S) as r:
        body = r.read(MAX_FILE_BYTES + 1)
        if len(body) > MAX_FILE_BYTES:
            raise InputError(url, "response too large")
        return body, str(r.headers.get("Content-Type") or "")


def _local_link(link: str, base: Path | None) -> Path | None:
    """A feed item link that points at a file beside the feed (or a file:// URL)."""
    if link.startswith("file://"):
        return Path(urllib.parse.unquote(urllib.parse.urlparse(link).path))
    if base is not None and not is_url(link) and "://" not in link:
        p = (base / link).resolve()
        return p if p.is_file() else None
    return None


def feed_articles(data: bytes, location: str, base: Path | None = None, follow: bool = True) -> Iterator[Item]:
    """Items of an RSS/Atom feed; each item's page is read when its link is reachable."""
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = f"not a readable feed ({parsed.get('bozo_exception')})" if parsed.get("bozo") else "feed has no items"
        yield Bad(location, reason)
        return
    outlet = parsed.feed.get("title")
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{location}#item{i}"
        link = entry.get("link")
        meta = {"title": entry.get("title"), "published": _entry_date(entry), "outlet": outlet}
        doc_id = str(entry.get("id") or link or f"{location}#item{i}")
        page: Item | None = None
        if follow and link:
            local = _local_link(link, base)
            try:
                if local is not None:
                    html = decode_bytes(_open_bytes(local), str(local))
                    page = html_article(html, doc_id, where, url=None, **dict(meta))
                elif is_url(link):
                    raw, _ctype = fetch(link)
                    page = html_article(decode_bytes(raw, link), doc_id, where, url=link, **dict(meta))
            except (OSError, InputError, ValueError):
                page = None  # unreachable: fall back to the text the feed carries
        if isinstance(page, Article):
            if page.url is None and link and is_url(link):
                page.url = link
            yield page
            continue
        body = ""
        if entry.get("content"):
            body = "\n".join(c.get("value", "") for c in entry["content"])
        body = body or entry.get("summary") or ""
        if "<" in body:
            got = html_article(f"<html><body><article>{body}</article></body></html>", doc_id, where,
                               url=link if link and is_url(link) else None, **dict(meta))
            if isinstance(got, Article):
                got.outlet = outlet
                yield got
                continue
            body = re.sub(r"<[^>]+>", " ", body)
        yield text_article(body, doc_id, where, url=link if link and is_url(link) else None, **meta)


# --- dispatch -----------------------------------------------------------------------------


def file_items(path: Path) -> Iterator[Item]:
    """Articles in one file, by its suffix or, failing that, its content."""
    name = path.name.lower()
    loc = str(path)
    if name.endswith(JSONL_SUFFIXES) and not name.endswith(".json"):
        yield from jsonl_articles(path)
        return
    try:
        data = _open_bytes(path)
    except InputError as e:
        yield Bad(loc, e.problem)
        return
    except OSError as e:
        yield Bad(loc, e.strerror or "cannot read")
        return
    if not data.strip():
        yield Bad(loc, "empty file")
        return
    if name.endswith((".gz", ".xz")):
        yield Bad(loc, "compressed file that is not .jsonl.gz/.jsonl.xz")
        return
    if name.endswith(".json"):
        if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
            yield from json_array_articles(path, data)
        else:
            yield from jsonl_articles(path)
        return
    kind = ("html" if name.endswith(HTML_SUFFIXES) else "feed" if name.endswith(FEED_SUFFIXES)
            else _sniff(data))
    if kind == "feed" or (kind == "html" and name.endswith(".xml")):
        yield from feed_articles(data, loc, base=path.parent)
        return
    if kind == "jsonl" and not name.endswith((".txt", ".text", ".md")):
        yield from jsonl_articles(path)
        return
    item = _page(data, kind, file_stem(path), loc)
    if isinstance(item, Article) and item.published is None:
        item.published = name_date(path.name)
    yield item


def _page(data: bytes, kind: str, doc_id: str, loc: str, url: str | None = None) -> Item:
    """One article from the bytes of an HTML page or a text file."""
    try:
        text = decode_bytes(data, loc)
    except InputError as e:
        return Bad(loc, e.problem)
    if kind == "html":
        return html_article(text, doc_id, loc, url=url)
    return text_article(text, doc_id, loc, url=url)


def url_items(url: str) -> Iterator[Item]:
    try:
        body, ctype = fetch(url)
    except urllib.error.HTTPError as e:
        yield Bad(url, f"cannot fetch (HTTP {e.code} {e.reason})")
        return
    except (OSError, InputError, ValueError) as e:
        yield Bad(url, f"cannot fetch ({getattr(e, 'reason', None) or e})")
        return
    kind = "feed" if any(x in ctype for x in ("rss", "atom", "xml")) else _sniff(body)
    if kind == "feed":
        yield from feed_articles(body, url)
        return
    yield _page(body, kind, url, url, url=url)


def walk(path: Path) -> Iterator[Path]:
    """Files under a directory in a stable order, hidden files and folders skipped."""
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith("."):
                yield Path(root) / f


def iter_inputs(inputs: list[str]) -> Iterator[Item]:
    """Every article (or reason to skip) in the given paths and URLs, in order."""
    for raw in inputs:
        if is_url(raw):
            yield from url_items(raw)
            continue
        p = Path(raw)
        if p.is_dir():
            for f in walk(p):
                yield from file_items(f)
        elif p.is_file():
            yield from file_items(p)
        else:
            yield Bad(raw, "no such file or directory")


def iter_parquet(out: str) -> Iterator[Item]:
    """Documents extracted by ``rasad batch`` (its ``--out`` folder), ready to store as they are."""
    from rasad.scale.runner import iter_documents

    for doc in iter_documents(out):
        yield Article(doc.id, doc.text, f"{out}#{doc.id}", doc.title, doc.published, doc.outlet, doc.url,
                      extracted=doc)
