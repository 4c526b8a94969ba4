"""The pipeline: stages over one ``Document``, resources loaded once and passed in.

A stage is a plain function ``stage(doc, resources) -> None`` that adds what it reads to
the document (spaCy-style components over one Doc).  ``Resources`` holds everything a
stage needs that is costly to load (lexicons, gazetteer, model); it is built once per
process and shared read-only, so a worker pays the load cost once.
"""

from __future__ import annotations

import gc
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rasad.errors import InputError
from rasad.model import Document
from rasad.text.normalize import arabic_ratio
from rasad.text.segment import sentences

Stage = Callable[[Document, "Resources"], None]

MAX_TEXT_CHARS = 2_000_000
"""Longest text we extract from: a news article is ~5k characters; 2M is a book."""


@dataclass
class Resources:
    """Loaded resources, keyed by stage; each stage module loads its own on first use."""

    loaded: dict[str, Any] = field(default_factory=dict)

    def get(self, key: str, loader: Callable[[], Any]) -> Any:
        if key not in self.loaded:
            self.loaded[key] = loader()
        return self.loaded[key]


def _segment(doc: Document, res: Resources) -> None:
    doc.sentences = sentences(doc.text)


# Stages in data order; each is "module:function" so a stage whose module is not built
# yet (or whose optional resource is missing) does not break the others.
STAGES: tuple[str, ...] = (
    "rasad.text.quantities:stage",
    "rasad.text.dates:stage",
    "rasad.ner.stage:stage",
    "rasad.geo.stage:stage",
    "rasad.events.stage:stage",
)


def _resolve(ref: str) -> Stage | None:
    mod_name, fn = ref.split(":")
    try:
        mod = importlib.import_module(mod_name)
    except ModuleNotFoundError as e:
        if e.name and mod_name.startswith(e.name):
            return None
        raise
    return getattr(mod, fn)  # type: ignore[no-any-return]


class Pipeline:
    """Extraction from text to a ``Document`` with every field filled that we can read."""

    def __init__(self, stages: tuple[str, ...] = STAGES, resources: Resources | None = None) -> None:
        self.resources = resources or Resources()
        self.stages: list[tuple[str, Stage]] = [("segment", _segment)]
        for ref in stages:
            fn = _resolve(ref)
            if fn is not None:
                self.stages.append((ref.split(":")[0], fn))

    def warm(self) -> Pipeline:
        """Load every stage's resources now (for servers and workers)."""
        self(Document(id="warm-up", text="قال الجيش السوري إن 3 مسلحين قتلوا في حلب أمس."))
        return self

    def __call__(self, doc: Document) -> Document:
        for _name, fn in self.stages:
            fn(doc, self.resources)
        return doc

    def extract(
        self,
        text: str,
        *,
        id: str = "doc",
        published: str | None = None,
        title: str | None = None,
        outlet: str | None = None,
        url: str | None = None,
        strict: bool = True,
        name: str | None = None,
    ) -> Document:
        """Check ``text`` (errors name ``name``, default the id) and run every stage on it."""
        check_text(text, name or id, strict=strict)
        return self(Document(id=id, text=text, title=title, published=published, outlet=outlet, url=url))


def check_text(text: str, name: str = "input", strict: bool = True) -> None:
    """Refuse input we cannot read, with a reason a user can act on."""
    if not isinstance(text, str):
        raise InputError(name, "text must be a string")
    if not text.strip():
        raise InputError(name, "empty text")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(name, f"text too long ({len(text):,} characters; limit {MAX_TEXT_CHARS:,})")
    if "\x00" in text:
        raise InputError(name, "binary content (NUL byte) in text")
    if strict and arabic_ratio(text) < 0.3:
        raise InputError(name, "not Arabic text (less than 30% of letters are Arabic)")


BULK_GC_THRESHOLDS = (50_000, 20, 100)


def tune_gc_for_bulk() -> None:
    """Collector settings for a process that extracts many articles (ingest, batch
    workers, benchmarks); called by those entry points, never by the library itself,
    because it changes the whole process.

    Extraction allocates many small short-lived objects and almost no reference cycles,
    while the loaded resources and the per-word caches hold hundreds of thousands of
    long-lived ones.  With the default thresholds the collector re-scans those every few
    hundred allocations and takes about 7% of the CPU of a run; moving what is loaded now
    out of its sight (``gc.freeze``) and collecting young objects less often brings that
    under 2%.  Cycles are still collected, only later."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*BULK_GC_THRESHOLDS)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """The process-wide pipeline: built once on first use, read-only afterwards."""
    return Pipeline()


def extract(text: str, **kw: Any) -> Document:
    """Read one Arabic article: ``rasad.extract(text, published="2016-12-12")``."""
    return default_pipeline().extract(text, **kw)
