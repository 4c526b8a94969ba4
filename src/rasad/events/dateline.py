"""Datelines: where the story was filed, not where anything happened.

Wire and network copy opens with the desk's city and the outlet before the first
sentence: «أتلانتا، الولايات المتحدة (CNN)-- أطلق سراح …», «بيروت (رويترز) - …»,
«عدن - سكاي نيوز عربية». CNN Arabic files stories on Syria from Atlanta and Dubai, so a
place read there must never become an event's location. We recognise the two shapes at
the very start of the text only:

- PLACE[، COUNTRY] (OUTLET) followed by a dash or a colon;
- PLACE - OUTLET, where OUTLET holds a news-organisation word (``media``), followed by a
  dash, a colon or the end of the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rasad.text.normalize import normalize_str

_DASH = r"\-–—ـ"
_MAX_PLACE_WORDS = 6  # «دبي، الإمارات العربية المتحدة»: a city and its country
_MAX_OUTLET_WORDS = 4
_PAREN = re.compile(rf"\s*([^\n(){_DASH}.:؛]{{2,70}}?)\s*\(([^()\n]{{1,40}})\)\s*(?:[{_DASH}]+|:)")
_DASHED = re.compile(rf"\s*([^\n(){_DASH}.:؛]{{2,50}}?)\s+[{_DASH}]+\s*([^\n(){_DASH}.:،,]{{2,40}}?)\s*(?:[{_DASH}]+|:|\n|$)")


def _words(s: str) -> list[str]:
    return [w for w in re.split(r"[\s،,]+", s) if w]


def dateline(text: str, media: Iterable[str] = ()) -> tuple[int, int] | None:
    """[start, end) of the dateline opening ``text``, or None.

    ``media`` are normalised words naming news organisations (وكالة، نيوز، رويترز …); the
    dashed shape needs one of them, the parenthesised shape does not (any short name in
    brackets right before the dash is the outlet: (CNN)، (رويترز)، (أ ف ب)).
    """
    m = _PAREN.match(text)
    if m and len(_words(m.group(1))) <= _MAX_PLACE_WORDS and len(_words(m.group(2))) <= _MAX_OUTLET_WORDS:
        return m.start(1), m.end()
    m = _DASHED.match(text)
    if m and len(_words(m.group(1))) <= _MAX_PLACE_WORDS - 2:
        outlet = _words(m.group(2))
        known = {normalize_str(w) for w in media}
        if len(outlet) <= _MAX_OUTLET_WORDS and any(normalize_str(w) in known or w in known for w in outlet):
            return m.start(1), m.end()
    return None
