"""rasad (رصد): structured, geocoded, source-attributed event data from Arabic news."""

from __future__ import annotations

from typing import Any

from rasad.model import Document

__version__ = "0.1.0"
__all__ = ["Document", "__version__", "extract"]


def extract(text: str, **kw: Any) -> Document:
    """Extract everything rasad reads from one Arabic article (see ``Pipeline.extract``)."""
    from rasad.pipeline import extract as _extract

    return _extract(text, **kw)
