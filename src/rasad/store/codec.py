"""How JSON records are kept in text columns.

The extraction and event records are the bulk of the database (candidates, mentions, spans)
and are only ever read whole, by rasad.  SQLite stores text as is, so there they are
zlib-compressed and base64-encoded behind a version tag (a third smaller database);
PostgreSQL already compresses long values itself (TOAST), so there they stay plain JSON.
``unpack`` reads both, so either kind of row is always valid.
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

TAG = "z1:"


def plain(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def pack(obj: Any) -> str:
    raw = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return TAG + base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def unpack(s: str) -> Any:
    if s.startswith(TAG):
        return json.loads(zlib.decompress(base64.b64decode(s[len(TAG):])).decode("utf-8"))
    return json.loads(s)
