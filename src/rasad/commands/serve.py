"""``rasad serve``: the API and the dashboard on one port."""

from __future__ import annotations

import argparse
import os
import socket
import threading
from typing import Any

from rasad.errors import InputError

DEFAULT_DB = "sqlite:///data/rasad.db"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the dashboard and the HTTP API",
        description="Serve the map dashboard (/) and the HTTP API (/api, documented at /docs) over an event "
        "database. POST /api/ingest is enabled only when RASAD_INGEST_TOKEN is set.",
    )
    p.add_argument("--db", default=os.environ.get("RASAD_DB", DEFAULT_DB),
                   help=f"database URL (default: $RASAD_DB or {DEFAULT_DB})")
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                   help="allow browser calls from this origin (repeatable; CORS is off by default)")
    p.add_argument("--no-warm", action="store_true", help="do not preload the extraction models at start")
    p.add_argument("--log-level", default="warning", choices=("critical", "error", "warning", "info", "debug"))
    p.set_defaults(func=run)


def dashboard_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from rasad.api.app import create_app

    if not 0 < args.port < 65536:
        raise InputError("--port", f"expected 1-65535, got {args.port}")
    if args.db.startswith("sqlite:///"):
        parent = os.path.dirname(args.db[len("sqlite:///"):])
        if parent:
            os.makedirs(parent, exist_ok=True)
    try:
        app = create_app(args.db, cors_origins=args.cors_origin or None)
    except Exception as e:  # a bad URL or an unreachable server: one line, no traceback
        raise InputError(args.db, f"cannot open the database ({type(e).__name__}: {e})") from None
    if not args.no_warm:
        from rasad.pipeline import default_pipeline

        threading.Thread(target=lambda: default_pipeline().warm(), daemon=True, name="warm").start()
    sock = _bind(args.host, args.port)
    url = dashboard_url(args.host, sock.getsockname()[1])
    config = uvicorn.Config(app, log_level=args.log_level, access_log=False)
    server = uvicorn.Server(config)
    print(f"rasad: open the dashboard at {url}  (API docs: {url}docs; Ctrl-C stops)", flush=True)
    server.run(sockets=[sock])
    return 0


def _bind(host: str, port: int) -> socket.socket:
    """Bind before announcing the URL, so a busy port is one clear line, not a log trace."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise InputError(f"{host}:{port}", f"cannot listen there ({e.strerror or e})") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
