"""Streaming corpus runs: local processes or a Dask cluster, resumable, with nothing lost.

:func:`run_corpus` reads the inputs with :func:`analysis.corpus.iter_articles`
(``errors="report"``), sends small batches of articles to an engine, and writes
the results, **in input order**, chunk by chunk with
:class:`analysis.pipeline.tables.PartStore`; at the end the chunks are concatenated into
the final tables (``articles``, ``claims``, ``entities``, ``quotes``,
``keywords``, ``errors``; CSV and Parquet); then the claims are linked across
articles into events (:mod:`analysis.pipeline.events`: ``events`` and
``event_figures`` tables).

* Engines: ``local`` with ``jobs=1`` runs in this process; ``jobs>1`` uses a
  process pool; ``dask`` submits the same function to a ``dask.distributed``
  cluster (``scheduler`` address, or a ``LocalCluster`` of ``jobs`` workers).
* Bounded memory: at most ``slots * window_per_job`` batches are in flight (slots: worker
  processes, or the Dask cluster's threads) and
  at most ``chunk_items`` results wait for writing, whatever the corpus size.
* Nothing lost: every input ends up in ``articles`` or ``errors`` (unreadable
  files and records become ``stage="load"`` error rows, analyser failures
  ``stage=<analyser>`` rows).
* Resume: chunks are committed atomically; ``resume=True`` skips every article
  or problem whose key is already in a committed chunk, then rebuilds the tables.

Example:
    >>> summary = run_corpus(["articles/"], "build/run", jobs=2)  # doctest: +SKIP
    >>> print(summary.to_text())  # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
import tarfile
import time
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from analysis.corpus import SUPPORTED_SUFFIXES, Article, LoadProblem, iter_articles, iter_sources
from analysis.errors import AnalysisError, CorpusError
from analysis.pipeline.article import TABLE_SCHEMAS, ArticleResult, article_key, problem_key, process_batch
from analysis.pipeline.progress import progress_bar
from analysis.pipeline.tables import PartStore, atomic_write_text

Engine = Literal["local", "dask"]

#: Items (articles or load problems) per task sent to a worker.
DEFAULT_BATCH_SIZE = 8
#: Batches in flight per worker (bounds memory and keeps workers busy).
DEFAULT_WINDOW_PER_JOB = 3
#: Results per committed chunk of the part store.
DEFAULT_CHUNK_ITEMS = 500
SUMMARY_FILE = "summary.json"


class RunError(AnalysisError):
    """A corpus run cannot start (bad options, missing engine)."""


@dataclass
class RunSummary:
    """What a run did. Times and rates describe this invocation only."""

    files_read: int = 0
    articles_processed: int = 0
    articles_skipped: int = 0
    articles_with_errors: int = 0
    load_errors: int = 0
    analysis_errors: int = 0
    claims: int = 0
    entities: int = 0
    quotes: int = 0
    events: int = 0
    events_multi_outlet: int = 0
    text_bytes: int = 0
    seconds: float = 0.0
    engine: str = "local"
    jobs: int = 1
    completed: bool = False

    @property
    def errors(self) -> int:
        return self.load_errors + self.analysis_errors

    @property
    def megabytes(self) -> float:
        return self.text_bytes / 1e6

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.update(errors=self.errors, megabytes=round(self.megabytes, 3), mb_per_s=round(self.mb_per_s, 3))
        return d

    def to_text(self) -> str:
        skipped = f" (+{self.articles_skipped} already done, skipped)" if self.articles_skipped else ""
        status = "complete" if self.completed else "INTERRUPTED (run again with --resume)"
        return "\n".join([
            f"run {status}: engine={self.engine} jobs={self.jobs}",
            f"  files read:          {self.files_read}",
            f"  articles processed:  {self.articles_processed}{skipped}",
            f"  errors:              {self.errors} (load {self.load_errors}, analysis {self.analysis_errors}; "
            f"{self.articles_with_errors} articles partly analysed)",
            f"  claims found:        {self.claims} (entities {self.entities}, quotes {self.quotes})",
            f"  events:              {self.events} ({self.events_multi_outlet} reported by 2 outlets or more)",
            f"  time:                {self.seconds:.1f} s",
            f"  text:                {self.megabytes:.2f} MB at {self.mb_per_s:.2f} MB/s",
        ])


# --- input stream -----------------------------------------------------------


def iter_items(inputs: Sequence[str | os.PathLike[str]], limit: int | None = None,
               ) -> tuple[Iterator[Article | LoadProblem], Any]:
    """Articles and load problems in input order (a problem precedes the article read after it).

    Returns:
        The item iterator and the underlying :class:`~analysis.corpus.ArticleIterator`
        (for ``files_read``).
    """
    articles = iter_articles(list(inputs), errors="report")

    def gen() -> Iterator[Article | LoadProblem]:
        seen = 0
        count = 0
        if limit is not None and limit <= 0:
            return
        for art in articles:
            while seen < len(articles.problems):
                yield articles.problems[seen]
                seen += 1
            yield art
            count += 1
            if limit is not None and count >= limit:
                return
        while seen < len(articles.problems):
            yield articles.problems[seen]
            seen += 1

    return gen(), articles


def estimate_items(inputs: Sequence[str | os.PathLike[str]]) -> int | None:
    """Cheap estimate of the number of items (files and archive members; one article each).

    Used only for the progress bar's ETA; ``None`` when it cannot be estimated.
    """
    total = 0
    try:
        sources = list(iter_sources(list(inputs)))
    except OSError:
        return None
    for source in sources:
        if isinstance(source, CorpusError):
            total += 1
            continue
        name = source.name.lower()
        try:
            if name.endswith(".zip"):
                with zipfile.ZipFile(source) as zf:
                    total += sum(1 for i in zf.infolist() if not i.is_dir())
            elif name.endswith((".tar.gz", ".tgz", ".tar")):
                with tarfile.open(source, "r:*") as tf:
                    total += sum(1 for i in tf if i.isfile())
            else:
                total += 1
        except (OSError, tarfile.TarError, zipfile.BadZipFile, EOFError):
            total += 1  # a broken archive is one error row
    return total


# --- engines ----------------------------------------------------------------


class _Done:
    """A finished 'future' (the in-process engine)."""

    def __init__(self, value: Any) -> None:
        self._value = value

    def result(self) -> Any:
        return self._value

    def cancel(self) -> bool:
        return False


def warm_up() -> None:
    """Load the analysers' lexicons in this process (forked workers then share them)."""
    from analysis.pipeline.article import process_article

    process_article(Article(doc_id="warm-up", text="قالت الوزارة إن 3 مدنيين قتلوا في دمشق أمس."))


class _LocalEngine:
    def __init__(self, jobs: int, process: Callable | None = None) -> None:
        self.jobs = jobs
        self.slots = jobs
        if jobs > 1 and process is None:
            warm_up()  # before the fork: workers inherit the loaded lexicons instead of loading them each
        self._pool = ProcessPoolExecutor(max_workers=jobs) if jobs > 1 else None

    def submit(self, batch: list[Any], process: Callable | None) -> Any:
        if self._pool is None:
            return _Done(process_batch(batch, process))
        return self._pool.submit(process_batch, batch, process)

    def close(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=cancel)


class _DaskEngine:
    def __init__(self, jobs: int, scheduler: str | None, client: Any = None, processes: bool = True) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:  # pragma: no cover - dask is a dev dependency
            raise RunError("--engine dask needs the 'distributed' package (pip install 'analysis[dask]')") from exc
        self._own_client = client is None
        self._cluster = None
        if client is None:
            if scheduler:
                client = Client(scheduler)
            else:
                self._cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=processes,
                                             dashboard_address=None)
                client = Client(self._cluster)
        self.client = client
        try:
            workers = client.scheduler_info()["workers"].values()
            threads = sum(int(w.get("nthreads", 1)) for w in workers)
        except Exception:  # noqa: BLE001 - only sizes the window
            threads = 0
        #: Tasks the cluster runs at once (sizes the in-flight window).
        self.slots = max(jobs, threads)

    def submit(self, batch: list[Any], process: Callable | None) -> Any:
        return self.client.submit(process_batch, batch, process, pure=False)

    def close(self, cancel: bool = False) -> None:
        if self._own_client:
            self.client.close()
            if self._cluster is not None:
                self._cluster.close()


# --- the run ----------------------------------------------------------------


def _batches(items: Iterable[Article | LoadProblem], size: int) -> Iterator[list[Article | LoadProblem]]:
    batch: list[Article | LoadProblem] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_corpus(
    inputs: Sequence[str | os.PathLike[str]] | str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int = 1,
    engine: Engine = "local",
    scheduler: str | None = None,
    resume: bool = False,
    limit: int | None = None,
    process: Callable[[Article], ArticleResult] | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    chunk_items: int = DEFAULT_CHUNK_ITEMS,
    window_per_job: int = DEFAULT_WINDOW_PER_JOB,
    progress: bool | None = None,
    client: Any = None,
    dask_processes: bool = True,
    stop_after: int | None = None,
    events: bool = True,
) -> RunSummary:
    """Run the pipeline over files, folders and archives; write the tables into ``out_dir``.

    Args:
        inputs: Files, folders or archives in any format the loader reads.
        out_dir: Output folder (created); tables ``<name>.csv`` (+ ``.parquet``) and ``summary.json``.
        jobs: Worker processes (local) or LocalCluster workers (dask).
        engine: ``"local"`` or ``"dask"``.
        scheduler: Dask scheduler address (``tcp://host:8786``); default a new LocalCluster.
        resume: Keep committed chunks of an earlier run in ``out_dir`` and skip what they hold.
        limit: Stop after this many articles (load problems met on the way are kept).
        process: Per-article function (default :func:`analysis.pipeline.process_article`);
            must be importable by reference for process or Dask workers.
        batch_size: Items per task.
        chunk_items: Results per committed chunk.
        window_per_job: Tasks in flight per worker.
        progress: Force the progress bar on/off (default: on a terminal, not in CI).
        client: An existing ``distributed.Client`` (dask engine; not closed here).
        dask_processes: LocalCluster with worker processes (True) or threads (False).
        stop_after: Simulate an interruption after this many items are written
            (for tests); the run then raises ``KeyboardInterrupt``.
        events: Link the claims across articles into events once the tables are complete
            (:func:`analysis.pipeline.events.link_run`: ``event_*`` columns of ``claims``,
            ``events`` and ``event_figures`` tables).

    Returns:
        The run's :class:`RunSummary` (also written to ``out_dir/summary.json``).

    Raises:
        RunError: Bad options.
        KeyboardInterrupt: The run was interrupted; committed chunks stay for ``resume``.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    if jobs < 1:
        raise RunError(f"jobs must be >= 1, got {jobs}")
    if engine not in ("local", "dask"):
        raise RunError(f"engine must be 'local' or 'dask', got {engine!r}")
    if scheduler and engine != "dask":
        raise RunError("--scheduler needs --engine dask")
    if batch_size < 1 or chunk_items < 1 or window_per_job < 1:
        raise RunError("batch_size, chunk_items and window_per_job must be >= 1")

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store = PartStore(out, TABLE_SCHEMAS)
    if resume:
        store.open_existing()
        done = store.done_keys()
    else:
        store.reset()
        done = set()
        summary_path = out / SUMMARY_FILE
        if summary_path.exists():
            summary_path.unlink()

    summary = RunSummary(engine=engine, jobs=jobs)
    items, article_iter = iter_items(inputs, limit)

    def todo() -> Iterator[Article | LoadProblem]:
        for item in items:
            key = problem_key(item) if isinstance(item, LoadProblem) else article_key(item)
            if key in done:
                if not isinstance(item, LoadProblem):
                    summary.articles_skipped += 1
                    bar.update(1)
                continue
            yield item

    from analysis.pipeline.progress import progress_enabled

    show = progress_enabled() if progress is None else progress
    total = estimate_items(inputs) if show else None
    if total is not None and limit is not None:
        total = min(total, limit)
    bar = progress_bar(total=total, enabled=show)

    engine_obj: _LocalEngine | _DaskEngine
    engine_obj = (_DaskEngine(jobs, scheduler, client, dask_processes) if engine == "dask"
                  else _LocalEngine(jobs, process))
    window = engine_obj.slots * window_per_job
    in_flight: deque[Any] = deque()
    buffer: list[ArticleResult] = []
    written = 0
    start = time.perf_counter()

    def flush() -> None:
        nonlocal written
        if not buffer:
            return
        tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLE_SCHEMAS}
        for res in buffer:
            for name, rows in res.rows.items():
                tables[name].extend(rows)
        store.write_chunk(tables)
        written += len(buffer)
        buffer.clear()

    def collect(results: list[ArticleResult]) -> None:
        for res in results:
            _account(summary, res)
            buffer.append(res)
            if res.rows.get("articles") or not _is_load_problem(res):
                bar.update(1)  # the bar counts articles (its total is an estimate from files and members)
        if len(buffer) >= chunk_items:
            flush()
        if stop_after is not None and written + len(buffer) >= stop_after:
            flush()
            raise KeyboardInterrupt(f"simulated interruption after {stop_after} items")

    interrupted = False
    try:
        for batch in _batches(todo(), batch_size):
            if len(in_flight) >= window:
                collect(in_flight.popleft().result())
            in_flight.append(engine_obj.submit(batch, process))
        while in_flight:
            collect(in_flight.popleft().result())
        flush()
    except BaseException:
        interrupted = True
        # keep every result already computed: they are complete, commit them for --resume
        try:
            flush()
        finally:
            for fut in in_flight:
                fut.cancel()
            engine_obj.close(cancel=True)
            bar.close()
            summary.files_read = article_iter.files_read
            summary.seconds = time.perf_counter() - start
        raise
    finally:
        if not interrupted:
            engine_obj.close()
            if bar.total is not None and bar.n != bar.total:
                bar.total = bar.n  # the estimate counted files, not articles: end at 100 %
                bar.refresh()
            bar.close()

    store.finalize()
    if events:
        from analysis.pipeline.events import link_run

        counts = link_run(out)
        summary.events, summary.events_multi_outlet = counts["events"], counts["events_multi_outlet"]
    summary.files_read = article_iter.files_read
    summary.seconds = time.perf_counter() - start
    summary.completed = True
    atomic_write_text(out / SUMMARY_FILE, json.dumps(summary.to_dict(), indent=2, sort_keys=True) + "\n")
    return summary


def _is_load_problem(res: ArticleResult) -> bool:
    errors = res.rows.get("errors", ())
    return bool(errors) and all(e.get("stage") == "load" for e in errors)


def _account(summary: RunSummary, res: ArticleResult) -> None:
    errors = res.rows.get("errors", ())
    load = sum(1 for e in errors if e.get("stage") == "load")
    summary.load_errors += load
    summary.analysis_errors += len(errors) - load
    if res.rows.get("articles"):
        summary.articles_processed += 1
        summary.text_bytes += res.n_bytes
        if errors:
            summary.articles_with_errors += 1
    summary.claims += len(res.rows.get("claims", ()))
    summary.entities += len(res.rows.get("entities", ()))
    summary.quotes += len(res.rows.get("quotes", ()))


__all__ = ["RunError", "RunSummary", "run_corpus", "iter_items", "estimate_items", "SUPPORTED_SUFFIXES"]
