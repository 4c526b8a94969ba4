"""The ingest loop: read → skip what is stored → extract → store, one atomic batch at a time.

Resuming is the same as starting: an article already stored (same content hash) is
recognised before extraction and skipped, so re-running a killed command costs one
database lookup per finished article and finishes the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from rasad.errors import RasadError
from rasad.ingest.sources import Article, Bad, Item
from rasad.model import Document
from rasad.pipeline import Pipeline, check_text
from rasad.store import AddResult, Store
from rasad.store.dedup import content_hash

DEFAULT_BATCH = 50


@dataclass
class IngestSummary:
    run_id: str
    seen: int = 0
    failed: int = 0
    elapsed_s: float = 0.0
    extracted: int = 0
    result: AddResult = field(default_factory=AddResult)
    errors: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.extracted / self.elapsed_s if self.elapsed_s > 0 else 0.0


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _extract(pipe: Pipeline, a: Article) -> Document:
    if a.extracted is not None:
        return a.extracted
    check_text(a.text, a.location)
    return pipe.extract(a.text, id=a.id, published=a.published, title=a.title, outlet=a.outlet, url=a.url)


def ingest(
    store: Store,
    items: Iterable[Item],
    *,
    pipeline: Pipeline | None = None,
    batch_size: int = DEFAULT_BATCH,
    command: str = "",
    on_batch: Callable[[IngestSummary], Any] | None = None,
) -> IngestSummary:
    """Ingest ``items`` into ``store``; every batch commits with its run counters and errors."""
    if pipeline is None:
        from rasad.pipeline import default_pipeline

        pipeline = default_pipeline()
    run_id = store.start_run(command)
    summary = IngestSummary(run_id)
    t0 = time.perf_counter()
    status = "failed"
    try:
        for batch in _batches(items, max(1, batch_size)):
            errors: list[tuple[str, str]] = [(b.location, b.reason) for b in batch if isinstance(b, Bad)]
            arts = [a for a in batch if isinstance(a, Article)]
            state = store.known([(a.id, content_hash(a.text), a.url) for a in arts])
            docs: list[Document] = []
            locations: dict[str, str] = {}
            unchanged = 0
            for a in arts:
                if state.get(a.id) == "unchanged":
                    unchanged += 1
                    continue
                try:
                    doc = _extract(pipeline, a)
                except RasadError as e:
                    errors.append((a.location, getattr(e, "problem", str(e))))
                    continue
                except Exception as e:  # an extraction bug must not cost the rest of the run
                    errors.append((a.location, f"extraction failed: {type(e).__name__}: {e}"))
                    continue
                docs.append(doc)
                locations[doc.id] = a.location
            summary.extracted += len(docs)
            res = store.add_documents(docs, summary.run_id, errors=errors, seen=len(batch), locations=locations,
                                      unchanged=unchanged)
            summary.result.merge(res)
            summary.seen += len(batch)
            summary.failed += len(errors)
            summary.errors.extend(errors)
            summary.elapsed_s = time.perf_counter() - t0
            if on_batch:
                on_batch(summary)
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        summary.elapsed_s = time.perf_counter() - t0
        try:
            store.finish_run(summary.run_id, status)
        except Exception:  # the database itself failed: the original error matters more
            if status == "finished":
                raise
    return summary
