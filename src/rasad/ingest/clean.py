"""Removing site boilerplate (share buttons, comment prompts, "read also" blocks) from text.

The phrases are data (``resources/ingest/boilerplate.yaml``); this module only decides
where they may be removed: anywhere as a whole line in HTML-extracted text, and only in the
trailing lines of plain text, where a real sentence is never a bare "شارك".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from rasad.text.normalize import normalize_str

_PUNCT = re.compile(r"[\W_]+")
CUT_AFTER_SHARE = 0.5
"""A cut marker counts only after half of the article's characters (earlier it may be content)."""
HEADLINE_WORDS = 20
"""Lines after a cut marker longer than this are article text, not related-link headlines."""


def key(line: str) -> str:
    """Comparison form of a line: normalised, punctuation and spacing dropped."""
    return _PUNCT.sub(" ", normalize_str(line)).strip()


@dataclass(frozen=True)
class Boilerplate:
    lines: frozenset[str]
    cut_after: tuple[str, ...]


@lru_cache(maxsize=1)
def boilerplate() -> Boilerplate:
    data = yaml.safe_load(resources.files("rasad.resources").joinpath("ingest/boilerplate.yaml").read_text("utf-8"))
    return Boilerplate(
        lines=frozenset(key(s) for s in data.get("lines", [])),
        cut_after=tuple(key(s) for s in data.get("cut_after", [])),
    )


def _is_cut(k: str, bp: Boilerplate) -> bool:
    return any(k == m or k.startswith(m + " ") for m in bp.cut_after)


def _cut_block(lines: list[str], bp: Boilerplate) -> list[str]:
    """Drop a trailing related-links block that starts with a cut marker."""
    total = sum(len(x) + 1 for x in lines)
    pos = 0
    for i, line in enumerate(lines):
        before, pos = pos, pos + len(line) + 1
        if before < total * CUT_AFTER_SHARE or not _is_cut(key(line), bp):
            continue
        rest = [x for x in lines[i + 1 :] if x.strip()]
        if all(len(x.split()) <= HEADLINE_WORDS for x in rest):
            return lines[:i]
    return lines


def clean_text(text: str, *, anywhere: bool = False) -> str:
    """``text`` without boilerplate lines; ``anywhere`` also drops them mid-text (HTML)."""
    bp = boilerplate()
    lines = _cut_block(text.splitlines(), bp)
    if anywhere:
        lines = [x for x in lines if key(x) not in bp.lines]
    while lines and (not lines[-1].strip() or key(lines[-1]) in bp.lines):
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines)
