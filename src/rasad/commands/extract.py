"""``rasad extract``: read one article (or a JSONL stream) and print what it says."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from rasad.errors import InputError, RasadError
from rasad.ingest.reader import read_text


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="extract events, places, numbers and dates from an Arabic article",
        description="Extract one article (FILE, or - for stdin) or a JSONL stream (--jsonl) into "
        "rasad.extraction/1 JSON.",
    )
    p.add_argument("file", nargs="?", help="article text file (UTF-8), or - for stdin")
    p.add_argument("--jsonl", metavar="IN.jsonl", help="one JSON object per line: id, text, "
                   "optional title, published, outlet, url; one extraction per line on stdout")
    p.add_argument("--published", help="publication date (YYYY-MM-DD), anchors relative dates")
    p.add_argument("--title")
    p.add_argument("--id", dest="doc_id")
    p.add_argument("--outlet")
    p.add_argument("--url")
    p.add_argument("--format", choices=("json", "table"), default="json")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.set_defaults(func=run)


def _valid_date(s: str | None, name: str) -> str | None:
    if s is None:
        return None
    from datetime import date

    try:
        date.fromisoformat(s[:10])
    except ValueError:
        raise InputError(name, f"--published must be an ISO date (YYYY-MM-DD), got {s!r}") from None
    return s


def run(args: argparse.Namespace) -> int:
    from rasad.pipeline import default_pipeline

    if args.jsonl:
        return _run_jsonl(args)
    if not args.file:
        raise InputError("rasad extract", "give a FILE, - for stdin, or --jsonl IN.jsonl")
    text = read_text(args.file)
    published = _valid_date(args.published, args.file)
    doc_id = args.doc_id or (args.file.rsplit("/", 1)[-1].rsplit(".", 1)[0] if args.file != "-" else "stdin")
    doc = default_pipeline().extract(
        text, id=doc_id, published=published, title=args.title, outlet=args.outlet, url=args.url,
        name=args.file if args.file != "-" else "<stdin>",
    )
    if args.format == "table":
        from rasad.render import document_table

        sys.stdout.write(document_table(doc))
    else:
        sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False, indent=2 if args.pretty else None) + "\n")
    return 0


def _run_jsonl(args: argparse.Namespace) -> int:
    from rasad.pipeline import default_pipeline, tune_gc_for_bulk

    pipe = default_pipeline().warm()
    tune_gc_for_bulk()
    path = args.jsonl
    if path == "-":
        stream = sys.stdin
    else:
        try:
            stream = open(path, encoding="utf-8", errors="strict")  # noqa: SIM115
        except OSError as e:
            raise InputError(path, e.strerror or "cannot open") from None
    bad = 0
    with stream:
        lineno = 0
        while True:
            try:
                line = stream.readline()
            except UnicodeDecodeError as e:
                raise InputError(path, f"invalid UTF-8 near line {lineno + 1} (byte {e.start} of the line)") from None
            if not line:
                break
            lineno += 1
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
                if not isinstance(rec, dict):
                    raise InputError(where, "line is not a JSON object")
                text = rec.get("text")
                if not isinstance(text, str):
                    raise InputError(where, "no 'text' string")
                doc = pipe.extract(
                    text,
                    id=str(rec.get("id") or f"line-{lineno}"),
                    published=_valid_date(rec.get("published"), where) if rec.get("published") else args.published,
                    title=rec.get("title"),
                    outlet=rec.get("outlet"),
                    url=rec.get("url"),
                    name=where,
                )
            except json.JSONDecodeError as e:
                bad += 1
                print(f"rasad: skipped {where}: not JSON ({e.msg} at column {e.colno})", file=sys.stderr)
                continue
            except RasadError as e:
                bad += 1
                print(f"rasad: skipped {where}: {getattr(e, 'problem', e)}", file=sys.stderr)
                continue
            sys.stdout.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
    if bad:
        print(f"rasad: {bad} line(s) skipped", file=sys.stderr)
    return 0
