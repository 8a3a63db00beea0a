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
  The first run records its inputs in ``run_manifest.json``; a resume with other
  inputs is refused, and ``summary.json`` counts the whole run across resumes.
* Fail loudly: a missing input, an unreachable scheduler or an output folder that
  cannot be written raise :class:`RunError` with a one-line message (naming the
  path or address, and saying when finished chunks are kept for ``--resume``).
* Worker processes end with the run: a worker whose parent dies (even by SIGKILL)
  exits instead of living on as an orphan.

Example:
    >>> summary = run_corpus(["articles/"], "build/run", jobs=2)  # doctest: +SKIP
    >>> print(summary.to_text())  # doctest: +SKIP
"""

from __future__ import annotations

import errno
import json
import os
import signal
import socket
import sys
import tarfile
import threading
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
#: The inputs of a run (recorded by the first invocation) and the history of its invocations.
MANIFEST_FILE = "run_manifest.json"
#: Seconds to wait for a Dask scheduler to answer.
SCHEDULER_TIMEOUT_S = 10
#: Seconds between two checks, in a worker process, that its parent is alive.
PARENT_POLL_S = 1.0
#: Counters of a run that are summed over its chunks (whole-run totals across resumes).
TOTAL_FIELDS = ("articles_processed", "articles_with_errors", "load_errors", "analysis_errors", "claims",
                "entities", "quotes", "text_bytes")


class RunError(AnalysisError):
    """A corpus run cannot start or cannot go on (bad options, missing input, engine, output)."""


class RunOutputError(RunError):
    """The run's output folder cannot be written (permissions, full disk …)."""


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
    #: Whole-run counters (:data:`TOTAL_FIELDS`, ``seconds``, ``invocations``) across resumes.
    totals: dict[str, Any] | None = None

    @property
    def errors(self) -> int:
        return self.load_errors + self.analysis_errors

    @property
    def megabytes(self) -> float:
        return self.text_bytes / 1e6

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds > 0 else 0.0

    @property
    def total_articles(self) -> int:
        """Articles in the run's tables (all invocations)."""
        if self.totals is None:
            return self.articles_processed + self.articles_skipped
        return int(self.totals.get("articles_processed", 0))

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("totals")
        d.update(errors=self.errors, megabytes=round(self.megabytes, 3), mb_per_s=round(self.mb_per_s, 3))
        return d

    def whole_run_dict(self) -> dict[str, Any]:
        """What ``summary.json`` holds: whole-run counts first, then this invocation's."""
        totals = dict(self.totals or {})
        out: dict[str, Any] = {field: int(totals.get(field, 0)) for field in TOTAL_FIELDS}
        out.update(
            errors=out["load_errors"] + out["analysis_errors"],
            megabytes=round(out["text_bytes"] / 1e6, 3),
            seconds=round(float(totals.get("seconds", self.seconds)), 3),
            invocations=int(totals.get("invocations", 1)),
            files_read=self.files_read,
            events=self.events,  # linking reads the whole run's tables
            events_multi_outlet=self.events_multi_outlet,
            completed=self.completed,
            last_invocation=self.to_dict(),
        )
        return out

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
            *self._whole_run_lines(),
        ])

    def _whole_run_lines(self) -> list[str]:
        totals = self.totals or {}
        if int(totals.get("invocations", 1)) <= 1:
            return []
        errors = int(totals.get("load_errors", 0)) + int(totals.get("analysis_errors", 0))
        return [f"  whole run:           {int(totals.get('articles_processed', 0))} articles, {errors} errors, "
                f"{int(totals.get('claims', 0))} claims over {int(totals['invocations'])} invocations"]


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


def _exit_when_orphaned(parent_pid: int) -> None:
    """Worker initializer: end this process when the run that started it dies.

    On Linux the kernel sends SIGKILL when the parent dies (``PR_SET_PDEATHSIG``);
    everywhere a daemon thread also checks every :data:`PARENT_POLL_S` seconds that the
    parent is still this process's parent, and exits otherwise.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the thread below does it
            pass
    if os.getppid() != parent_pid:  # the parent died before the signal was armed
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="exit-when-orphaned", daemon=True).start()


class _LocalEngine:
    def __init__(self, jobs: int, process: Callable | None = None) -> None:
        self.jobs = jobs
        self.slots = jobs
        if jobs > 1 and process is None:
            warm_up()  # before the fork: workers inherit the loaded lexicons instead of loading them each
        self._pool = (ProcessPoolExecutor(max_workers=jobs, initializer=_exit_when_orphaned,
                                          initargs=(os.getpid(),)) if jobs > 1 else None)

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
                try:
                    client = Client(scheduler, timeout=SCHEDULER_TIMEOUT_S)
                except (OSError, TimeoutError, ValueError) as exc:
                    raise RunError(f"cannot reach the Dask scheduler at {scheduler} "
                                   f"({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})"
                                   ) from None
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


def check_scheduler_address(address: str, timeout: float = SCHEDULER_TIMEOUT_S) -> None:
    """Fail fast, in one line, when a Dask scheduler address is malformed or refuses connections.

    ``tcp://``/``tls://`` addresses (or ``host:port``) are tried with one TCP connection;
    other schemes (``inproc://``, ``ucx://`` …) are left to Dask.

    Raises:
        RunError: Naming the address and why it cannot be used.
    """
    from urllib.parse import urlsplit

    raw = address.strip()
    parts = urlsplit(raw if "://" in raw else f"tcp://{raw}")
    if parts.scheme not in ("tcp", "tls"):
        return
    try:
        host, port = parts.hostname, parts.port or 8786
    except ValueError:
        raise RunError(f"bad Dask scheduler address {address!r} (expected tcp://HOST:PORT)") from None
    if not host:
        raise RunError(f"bad Dask scheduler address {address!r} (expected tcp://HOST:PORT)")
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise RunError(f"cannot reach the Dask scheduler at {address} ({reason})") from None


def input_manifest(inputs: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The inputs of a run as absolute paths, in order (what ``--resume`` compares)."""
    return [Path(os.path.abspath(os.fspath(p))).as_posix() for p in inputs]


def _read_manifest(out: Path) -> dict[str, Any] | None:
    path = out / MANIFEST_FILE
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RunError(f"{path}: unreadable run manifest ({exc}); start a new run without --resume") from None
    if not isinstance(data, dict) or not isinstance(data.get("inputs"), list):
        raise RunError(f"{path}: not a run manifest; start a new run without --resume")
    return data


def _write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    atomic_write_text(out / MANIFEST_FILE, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")


def _check_resume(out: Path, store: PartStore, inputs: list[str]) -> dict[str, Any]:
    """The manifest of the run being resumed; refuses a folder made from other inputs."""
    manifest = _read_manifest(out)
    if manifest is None:
        if store.committed_chunks():
            raise RunError(f"{out}: holds chunks of a run without a record of its inputs "
                           f"({MANIFEST_FILE}); start a new run without --resume")
        return {"inputs": inputs, "invocations": []}
    if manifest["inputs"] != inputs:
        raise RunError(f"{out}: made from other inputs ({', '.join(manifest['inputs'])}); "
                       "resume with the same inputs, or use another --out")
    manifest.setdefault("invocations", [])
    return manifest


def _output_error(exc: OSError, out: Path, store: PartStore | None) -> RunOutputError:
    where = exc.filename or out
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.ENOSPC:
        reason = "no space left on device"
    kept = 0
    if store is not None:
        try:
            kept = store.committed_chunks()
        except OSError:
            kept = 0
    hint = (f"; {kept} finished chunk{'s' if kept != 1 else ''} kept in {out}: "
            "run again with --resume once fixed" if kept else "")
    return RunOutputError(f"cannot write the run's tables: {os.fspath(where)}: {reason}{hint}")


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
        RunError: Bad options, an input that does not exist, an unreachable scheduler, or
            ``resume`` into a folder made from other inputs.
        RunOutputError: ``out_dir`` cannot be written (the message names the path, and says
            when finished chunks are kept for ``resume``).
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

    missing = [os.fspath(p) for p in inputs if not os.path.lexists(p)]
    if missing:
        raise RunError(f"input not found: {', '.join(missing)}")
    if not inputs:
        raise RunError("no input given")
    if scheduler:
        check_scheduler_address(scheduler)

    out = Path(out_dir)
    manifest_inputs = input_manifest(inputs)
    store: PartStore | None = None
    try:
        store = PartStore(out, TABLE_SCHEMAS)
        out.mkdir(parents=True, exist_ok=True)
        if resume:
            manifest = _check_resume(out, store, manifest_inputs)
            store.open_existing()
            done = store.done_keys()
        else:
            store.reset()
            done = set()
            for stale in (out / SUMMARY_FILE, out / MANIFEST_FILE):
                if stale.exists():
                    stale.unlink()
            manifest = {"inputs": manifest_inputs, "invocations": []}
        _write_manifest(out, manifest)
        return _run(inputs, out, store, manifest, done, jobs=jobs, engine=engine, scheduler=scheduler, limit=limit,
                    process=process, batch_size=batch_size, chunk_items=chunk_items, window_per_job=window_per_job,
                    progress=progress, client=client, dask_processes=dask_processes, stop_after=stop_after,
                    events=events)
    except OSError as exc:
        raise _output_error(exc, out, store) from exc


def _run(inputs: Sequence[str | os.PathLike[str]], out: Path, store: PartStore, manifest: dict[str, Any],
         done: set[str], *, jobs: int, engine: Engine, scheduler: str | None, limit: int | None,
         process: Callable[[Article], ArticleResult] | None, batch_size: int, chunk_items: int,
         window_per_job: int, progress: bool | None, client: Any, dask_processes: bool,
         stop_after: int | None, events: bool = True) -> RunSummary:
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
        counts = RunSummary()
        for res in buffer:
            _account(counts, res)
            for name, rows in res.rows.items():
                tables[name].extend(rows)
        store.write_chunk(tables, stats={field: getattr(counts, field) for field in TOTAL_FIELDS})
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

    def record_invocation() -> None:
        summary.files_read = article_iter.files_read
        summary.seconds = time.perf_counter() - start
        manifest["invocations"].append({"articles_processed": summary.articles_processed,
                                        "articles_skipped": summary.articles_skipped,
                                        "seconds": round(summary.seconds, 3), "completed": summary.completed})
        try:
            _write_manifest(out, manifest)
        except OSError:
            pass  # the run already failed or was interrupted; that error is the one to report

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
        except OSError:
            pass  # a full disk: the original error is reported
        finally:
            for fut in in_flight:
                fut.cancel()
            engine_obj.close(cancel=True)
            bar.close()
            record_invocation()
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
    summary.completed = True
    record_invocation()
    totals: dict[str, Any] = {field: 0 for field in TOTAL_FIELDS}
    totals.update(store.stats_total())
    totals["invocations"] = len(manifest["invocations"])
    totals["seconds"] = sum(float(inv.get("seconds", 0.0)) for inv in manifest["invocations"])
    summary.totals = totals
    atomic_write_text(out / SUMMARY_FILE, json.dumps(summary.whole_run_dict(), indent=2, sort_keys=True) + "\n")
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
