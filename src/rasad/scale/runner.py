"""``rasad batch``: an archive through the full pipeline on a Dask cluster, into Parquet.

Dask distributed does the scheduling, retries and worker management; this module only
cuts the input into partitions, hands them out, and keeps an honest manifest of what
finished, what was skipped (already done by an earlier identical run) and what failed
(with its inputs and the reason) — the rest of the run completes regardless.

Where the time goes on a small machine, and what is done about it:

* each worker is a process with one thread (the pipeline is pure Python: threads would
  share one GIL), and loads its resources once, before the first partition (``warm``);
* a worker writes its partition's Parquet itself and returns a summary of a few hundred
  bytes, so nothing heavy crosses the scheduler and the client only waits;
* partitions are hundreds of articles (seconds of work) against milliseconds of
  scheduling per task; finished partitions are skipped by the client without a task;
* Dask's worker housekeeping is tuned down (``DASK_SETTINGS``): its statistical
  profiler alone, sampling the running task's stack every 10 ms from a second thread,
  took 5-8 % of a worker's CPU and contends for the GIL with the task.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.errors import InputError
from rasad.model import Document
from rasad.scale.records import Chunk, fingerprint, plan_chunks, shipped_lines
from rasad.scale.worker import TABLES, PartitionResult, finished_result, is_done, run_partition, warm

# Applied to a LocalCluster's processes.  For a cluster started elsewhere (--scheduler)
# set the same in the workers' environment, e.g. DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False.
DASK_SETTINGS: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,  # stack sampling every 10 ms, on the GIL
    "distributed.admin.tick.interval": "1s",  # event-loop health check (default every 20 ms)
    "distributed.admin.system-monitor.interval": "2s",  # default 500 ms
    "distributed.worker.memory.monitor-interval": "1s",  # default 100 ms
}

# Partitions handed to the cluster ahead of the finished ones, per worker: enough that no
# worker waits for its next task, few enough that shipped lines stay a few megabytes.
IN_FLIGHT_PER_WORKER = 4


@dataclass
class BatchReport:
    out: str
    partitions: int = 0
    done: int = 0
    skipped: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)
    documents: int = 0
    events: int = 0
    bad: list[dict[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    scheduler: str | None = None
    peak_worker_rss_mb: float = 0.0
    startup_s: float = 0.0  # planning, cluster start and every worker's resource load
    first_start: float = 0.0  # epoch span of the partitions run (workers' own clocks)
    last_finish: float = 0.0
    worker_cpu_s: float = 0.0  # CPU time the workers spent on partitions
    client_cpu_s: float = 0.0  # CPU of this process meanwhile (with a LocalCluster: client and scheduler)

    @property
    def processing_s(self) -> float:
        """Wall time from the first partition's start to the last one's end."""
        return max(0.0, self.last_finish - self.first_start)

    def to_json(self) -> dict[str, Any]:
        return {
            "out": self.out,
            "partitions": self.partitions,
            "done": self.done,
            "skipped": self.skipped,
            "failed": self.failed,
            "documents": self.documents,
            "events": self.events,
            "bad_records": self.bad,
            "seconds": round(self.seconds, 3),
            "workers": self.workers,
            "scheduler": self.scheduler,
            "peak_worker_rss_mb": round(self.peak_worker_rss_mb, 1),
            "startup_s": round(self.startup_s, 3),
            "processing_s": round(self.processing_s, 3),
            "worker_cpu_s": round(self.worker_cpu_s, 3),
            "client_cpu_s": round(self.client_cpu_s, 3),
        }


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def _remove_stale(out: Path, n: int) -> None:
    """Drop partitions of an earlier, larger plan so the output describes this run only."""
    for sub in (*TABLES, "_partitions"):
        d = out / sub
        if not d.exists():
            continue
        for f in d.iterdir():
            stem = f.name.split(".")[0]
            if stem.startswith("part-") and stem[5:].isdigit() and int(stem[5:]) >= n:
                f.unlink()


def _accumulate(report: BatchReport, res: PartitionResult) -> None:
    report.documents += res.documents
    report.events += res.events
    report.bad.extend(res.bad)
    report.peak_worker_rss_mb = max(report.peak_worker_rss_mb, res.rss_mb)
    if res.skipped:
        report.skipped += 1
        return
    report.done += 1
    report.worker_cpu_s += res.cpu_s
    report.first_start = min(report.first_start or res.started, res.started)
    report.last_finish = max(report.last_finish, res.finished)


def _work(parts: list[list[Chunk]], out_dir: Path,
          report: BatchReport) -> Iterator[tuple[int, list[Chunk], list[list[bytes]] | None]]:
    """Partitions still to run, with the lines shipped to each; already finished ones are
    counted here, without a task."""
    for i, (chunks, lines) in enumerate(zip(parts, shipped_lines(parts), strict=True)):
        done = finished_result(out_dir, i, fingerprint(chunks))
        if done is not None:
            _accumulate(report, done)
            continue
        yield i, chunks, lines


def run_batch(
    inputs: list[str],
    out: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    records_per_partition: int = 250,
    retries: int = 2,
    progress: bool = False,
) -> BatchReport:
    """Run the pipeline over ``inputs`` into ``out``; ``workers=0`` runs in this process."""
    t0 = time.perf_counter()
    started = datetime.now(UTC).isoformat(timespec="seconds")
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    parts = plan_chunks(inputs, records_per_partition)
    if not parts:
        raise InputError(" ".join(inputs) or "batch", "no readable inputs (.jsonl[.xz|.gz], .txt, .html)")
    _remove_stale(out_dir, len(parts))
    report = BatchReport(out=str(out_dir), partitions=len(parts), scheduler=scheduler)

    # nothing left to do (a finished run, re-run): no cluster to start
    if (workers == 0 and scheduler is None) or all(is_done(out_dir, i, fingerprint(c)) for i, c in enumerate(parts)):
        report.workers = 0
        report.startup_s = time.perf_counter() - t0
        c0 = time.process_time()
        for i, chunks, lines in _work(parts, out_dir, report):
            try:
                _accumulate(report, run_partition(i, chunks, str(out_dir), lines))
            except Exception as e:
                report.failed.append(_failure(i, chunks, e))
        report.client_cpu_s = time.process_time() - c0
    else:
        _run_dask(parts, out_dir, report, scheduler, workers, retries, progress, t0)

    report.seconds = time.perf_counter() - t0
    manifest = report.to_json() | {
        "started": started,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": inputs,
        "records_per_partition": records_per_partition,
        "tables": list(TABLES),
        "rasad_version": _version(),
    }
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def _version() -> str:
    from rasad import __version__

    return __version__


def _failure(index: int, chunks: list[Chunk], e: BaseException) -> dict[str, Any]:
    return {"index": index, "chunks": [c.to_json() for c in chunks], "reason": f"{type(e).__name__}: {e}"}


def _run_dask(
    parts: list[list[Chunk]],
    out_dir: Path,
    report: BatchReport,
    scheduler: str | None,
    workers: int | None,
    retries: int,
    progress: bool,
    t0: float,
) -> None:
    import dask
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        n = workers or default_workers()
        with dask.config.set(DASK_SETTINGS):
            cluster = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=40, memory_limit="4GiB",
            )
        client = Client(cluster)
        report.workers = n
    else:
        client = Client(scheduler)
        report.workers = len(client.scheduler_info().get("workers", {}))
    try:
        with contextlib.suppress(Exception):  # a worker that cannot load fails its partitions, with the reason
            client.run(warm)
        report.startup_s = time.perf_counter() - t0
        c0 = time.process_time()
        _submit_all(client, parts, out_dir, report, retries, progress)
        report.client_cpu_s = time.process_time() - c0
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _submit_all(client: Any, parts: list[list[Chunk]], out_dir: Path, report: BatchReport, retries: int,
                progress: bool) -> None:
    """Keep a bounded number of partitions in flight; the client blocks in between."""
    from distributed import as_completed

    todo = _work(parts, out_dir, report)
    pending: dict[Any, int] = {}
    running = as_completed()

    def top_up() -> None:
        # the cluster may grow or shrink while it runs (an external scheduler's workers)
        workers = len(client.scheduler_info().get("workers", {})) or report.workers
        while len(pending) < IN_FLIGHT_PER_WORKER * max(1, workers):
            item = next(todo, None)
            if item is None:
                return
            i, chunks, lines = item
            fut = client.submit(run_partition, i, chunks, str(out_dir), lines, retries=retries, pure=False,
                                key=f"rasad-part-{i}")
            pending[fut] = i
            running.add(fut)

    top_up()
    for fut in running:
        i = pending.pop(fut)
        try:
            _accumulate(report, fut.result())
        except Exception as e:
            report.failed.append(_failure(i, parts[i], e))
        fut.release()
        top_up()
        if progress:
            print(f"\rpartitions {report.done + report.skipped + len(report.failed)}/{len(parts)}  "
                  f"documents {report.documents}  events {report.events}", end="", flush=True)
    if progress:
        print()


def read_table(out: str, table: str) -> Any:
    """One output table as a pyarrow Table (all partitions, in partition order)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    d = Path(out) / table
    files = sorted(d.glob("part-*.parquet"))
    if not files:
        from rasad.scale.worker import COLUMNS

        return pa.schema([(c, pa.type_for_alias(t)) for c, t in COLUMNS[table].items()]).empty_table()
    return pa.concat_tables([pq.read_table(f) for f in files])


def iter_documents(out: str, batch_size: int = 256) -> Iterator[Document]:
    """The documents of a batch output, rebuilt losslessly from their extraction JSON.

    This is what ``rasad ingest --from-parquet DIR`` loads into a database: the events,
    places and quantities tables are flat views for analysts; the ``extraction`` column is
    the contract JSON, so nothing is lost on the way into the store.
    """
    import pyarrow.parquet as pq

    d = Path(out) / "documents"
    if not d.is_dir():
        raise InputError(out, "not a rasad batch output (no documents/ folder)")
    for f in sorted(d.glob("part-*.parquet")):
        pf = pq.ParquetFile(f)
        for rb in pf.iter_batches(batch_size=batch_size, columns=["extraction"]):
            for js in rb.column(0).to_pylist():
                yield Document.from_json(json.loads(js))
