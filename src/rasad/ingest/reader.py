"""Reading input bytes into text, with errors a user can act on.

Every reader here refuses bad input with a reason instead of guessing: binary data,
invalid UTF-8 (with the byte offset), files too large to be an article.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rasad.errors import InputError

MAX_FILE_BYTES = 20 * 1024 * 1024
"""A single article file larger than this is not an article (a 50 MB 'article' is refused)."""


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed) or say exactly where it breaks."""
    if b"\x00" in data[:8192]:
        raise InputError(name, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(name, f"invalid UTF-8 at byte offset {e.start}") from None
    return text


def read_text(path: str, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a text file (or ``-`` for stdin) as UTF-8 with size and encoding checks."""
    if path == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        p = Path(path)
        name = path
        if not p.exists():
            raise InputError(name, "no such file")
        if p.is_dir():
            raise InputError(name, "is a directory")
        size = p.stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file too large ({size / 1e6:.1f} MB; limit {max_bytes / 1e6:.0f} MB)")
        data = p.read_bytes()
    if len(data) > max_bytes:
        raise InputError(name, f"input too large (limit {max_bytes / 1e6:.0f} MB)")
    return decode_bytes(data, name)
