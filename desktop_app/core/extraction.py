"""Run the importer on many files at once: one worker process per core, results in order."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import os
import sys
import time
import traceback
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

import archive_import
from archive_import import ExtractedArticle, InputError, NotAnArticle
from desktop_app.core import collector
from desktop_app.core.worker_logging import follow_log_files

log = logging.getLogger(__name__)

BUG_REASON = "Archive Browser failed on this file (a bug; the log file has the details)"
CRASH_REASON = "reading this file made the extractor crash (out of memory, or a bug)"
# Starting worker processes costs about a second; below this many files it does not pay,
# unless a big crawl was split into parts (see split_big_crawls), or a file is this big:
# reading it takes its size in memory and more (a zip or an MHTML file is unpacked whole),
# which goes back to the system when a worker ends but would stay with the window's process.
_MIN_FILES_FOR_WORKERS = 8
_OWN_PROCESS_BYTES = 20_000_000
# Results are written in input order; a wide window lets the other workers run ahead
# while one chews on a huge page, and still bounds the memory held in waiting results.
_WINDOW_PER_WORKER = 32
# The largest files start first, wherever they are in the batch: a huge page taken last
# keeps one core busy long after the other has finished everything else. Their results
# wait in memory until their turn, so only a few are started early.
_EARLY_PER_WORKER = 2
_EARLY_MIN_BYTES = 256 * 1024
# A big crawl is extracted in parts of at least this many bytes (some 20 to 60 pages), at
# most this many per worker process (see split_big_crawls).
_PART_BYTES = 1_000_000
SMALLEST_SPLIT_BYTES = 2 * _PART_BYTES
"""A file smaller than this is never split (it would not make two parts)."""
_PARTS_PER_WORKER = 2
# A job for a few pages of a crawl (an article read again) is not worth splitting.
_FEWEST_PAGES_TO_SPLIT = 50
_NO_ARTICLE_IN_PARTS = "none of its pages holds article text"
# How long workers started again after a crash wait for a broken pool's threads to end.
_THREADS_SETTLE_SECONDS = 2.0
_THREADS_POLL_SECONDS = 0.01


@dataclass(frozen=True)
class Job:
    """One file to extract, at position ``order`` among the inputs."""

    order: int
    path: str
    format: str
    size: int = 0
    """The file's size in bytes: the largest files are started first."""
    sha256: str = ""
    """The digest the library knows the file by, when it knows it (re-extraction)."""
    part: int = 0
    parts: int = 1
    """A big crawl is extracted in ``parts`` jobs, this one doing part ``part`` (from 0)."""
    locators: tuple[str, ...] = ()
    """Only these pages of a file of several pages (re-extraction); empty for all of them."""


@dataclass(frozen=True)
class JobResult:
    """What extracting one file gave: articles, or the reason there are none."""

    job: Job
    articles: tuple[ExtractedArticle, ...] = ()
    skipped: str = ""
    failed: str = ""
    bug: str = ""
    """The traceback, when the failure is a bug of ours rather than a bad file."""


def run_job(job: Job, loaded: archive_import.LoadedFile | None = None) -> JobResult:
    """Extract one file (``loaded``, when the caller has read it already); never raises, so
    one bad file cannot stop a batch."""
    try:
        part = archive_import.Part(job.part, job.parts) if job.parts > 1 else None
        locators = set(job.locators) if job.locators else None
        if loaded is None:
            loaded = archive_import.load(Path(job.path))
        articles = archive_import.extract_loaded(loaded, job.format, part, locators)
    except NotAnArticle as exc:
        return JobResult(job, skipped=exc.reason)
    except InputError as exc:
        return JobResult(job, failed=exc.reason)
    except Exception:  # noqa: BLE001 — a bug on one file must not stop the batch; it is logged.
        return JobResult(job, failed=BUG_REASON, bug=traceback.format_exc())
    return JobResult(job, tuple(articles))


# What the fork server loads before forking workers, so that each worker starts ready
# instead of paying it on its first job: this module (which the workers' jobs name) and a
# first extraction that builds the tables the extractor builds on first use.
_PRELOAD = [__name__, "archive_import.warm_up"]


def set_up_worker() -> None:
    """What every worker process does as it starts, before its first job."""
    collector.set_up_worker()
    follow_log_files()


def _context() -> multiprocessing.context.BaseContext:
    """How worker processes start, decided as they start.

    Forked straight from this process on Linux when it runs one thread (the command line): it
    has the importer loaded already, so its workers start at once with nothing to load. A
    process of several threads (the window's) is never forked: a copy of a lock another
    thread held would never be released in the child. Nor on macOS, whose system libraries
    are not safe in a forked child that goes on without ``exec`` (Python spawns there by
    default for that reason). Otherwise, where it exists (Linux, macOS), a fork server that
    has imported the importer starts each worker in milliseconds; elsewhere (Windows)
    workers are spawned afresh.
    """
    if sys.platform == "linux" and _threads() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def _threads() -> int:
    """How many threads this process runs, its own and those of C libraries (Qt) alike."""
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir())
    except OSError:
        return 0  # Unknown: not known to be one.


def early_positions(jobs: Sequence[Job], count: int) -> list[int]:
    """Where the ``count`` largest jobs (of a sizeable file) are, largest first."""
    sizeable = [p for p, job in enumerate(jobs) if job.size >= _EARLY_MIN_BYTES]
    return sorted(sizeable, key=lambda p: -jobs[p].size)[:count]


def result_order(count: int, early: Sequence[int]) -> list[int]:
    """The order results are given in: the jobs started early, then the rest in input order.

    An early job's result is written as soon as it is done, not held back until its place in
    the input comes (it was written in the import's last moments, after the other core had
    gone idle). The order depends only on the jobs, never on timing, so an import decides
    duplicates the same way every time.
    """
    first = set(early)
    return [*early, *(position for position in range(count) if position not in first)]


def split_big_crawls(jobs: Sequence[Job], workers: int) -> list[Job]:
    """The jobs, with each crawl too big for one core split into parts.

    A crawl (WARC, WACZ) holding a worker's share of the batch or more would keep one core
    busy while the others idle, and show no progress for minutes: it is extracted in parts,
    so every core works on it. Each part reads through the whole file again, which costs
    CPU (its bytes are mapped, not copied: the parts share them in the system's file
    cache); so smaller crawls, and crawls among many files that keep every core busy anyway,
    stay whole.
    """
    total = sum(job.size for job in jobs)
    split: list[Job] = []
    for job in jobs:
        parts = min(_PARTS_PER_WORKER * workers, job.size // _PART_BYTES)
        few_pages = 0 < len(job.locators) < _FEWEST_PAGES_TO_SPLIT
        big = job.size * workers >= total and parts > 1
        if job.format not in archive_import.SPLITTABLE_FORMATS or not big or few_pages:
            split.append(job)
            continue
        split.extend(replace(job, part=part, parts=parts) for part in range(parts))
    return split


class PartJoiner:
    """Gathers the parts of split files as their results come, and joins each file's."""

    def __init__(self) -> None:
        self._parts: dict[int, list[JobResult]] = {}

    def add(self, result: JobResult) -> JobResult | None:
        """The whole file's result: ``result`` itself for a file not split, or the joined
        parts once the last one is in; ``None`` while parts are still to come."""
        job = result.job
        if job.parts == 1:
            return result
        parts = self._parts.setdefault(job.order, [])
        parts.append(result)
        if len(parts) < job.parts:
            return None
        del self._parts[job.order]
        return joined(parts)

    def arrived(self, job: Job) -> int:
        """How many parts of ``job``'s file have come so far (all once it is joined)."""
        return len(self._parts.get(job.order, ())) or job.parts


def joined(parts: Sequence[JobResult]) -> JobResult:
    """One file's result from its parts': failed if any part failed, else the articles of
    all parts in part order, else skipped."""
    ordered = sorted(parts, key=lambda r: r.job.part)
    whole = replace(ordered[0].job, part=0, parts=1)
    failed = next((r for r in ordered if r.failed), None)
    if failed is not None:
        return replace(failed, job=whole)
    articles = tuple(a for r in ordered for a in r.articles)
    if articles:
        return JobResult(whole, articles)
    reasons = {r.skipped for r in ordered}
    reason = reasons.pop() if len(reasons) == 1 else _NO_ARTICLE_IN_PARTS
    return JobResult(whole, skipped=reason)


def file_size(path: Path) -> int:
    """A file's size in bytes; 0 when it is gone (its job reports that, or reads a copy)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def default_workers() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)


class Extractor:
    """Extracts jobs in worker processes (or in this one, for a few files), in input order."""

    def __init__(
        self, workers: int | None = None, runner: Callable[[Job], JobResult] = run_job
    ) -> None:
        """``runner`` extracts one job; it must be a module-level function (workers import it)."""
        self.workers = workers if workers is not None else default_workers()
        """How many worker processes a run starts (1: none, the work is done here)."""
        self._runner = runner
        self._pool: ProcessPoolExecutor | None = None
        self._threads_at_start = 0
        self.processes_started = 0
        """How many worker processes the last run started (0: it ran in this process)."""

    def get_ready(self, files: int) -> None:
        """Start the fork server now when ``files`` files will be extracted in workers, so it
        loads the importer (some 0.3 s) while the caller fingerprints the files.

        It runs for as long as this process does, ready for the next import; where workers
        are spawned instead (Windows) there is nothing to start ahead.
        """
        in_workers = self.workers > 1 and files >= _MIN_FILES_FOR_WORKERS
        if in_workers and _context().get_start_method() == "forkserver":
            multiprocessing.forkserver.ensure_running()

    def results(self, jobs: Sequence[Job]) -> Generator[JobResult, None, None]:
        """Results in ``result_order`` (input order when extracted in this process); stop
        iterating to cancel what has not started."""
        own_process = any(job.parts > 1 or job.size >= _OWN_PROCESS_BYTES for job in jobs)
        if self.workers <= 1 or (len(jobs) < _MIN_FILES_FOR_WORKERS and not own_process):
            yield from (self._runner(job) for job in jobs)
            return
        yield from self._in_workers(jobs)

    def _in_workers(self, jobs: Sequence[Job]) -> Generator[JobResult, None, None]:
        self._threads_at_start = _threads()
        context = self._start_pool()
        log.info("extracting in %d worker processes (%s)", self.workers, context.get_start_method())
        early = early_positions(jobs, _EARLY_PER_WORKER * self.workers)
        running = {position: self._submit(jobs[position]) for position in early}
        started = set(early)
        ahead = 0
        window = _WINDOW_PER_WORKER * self.workers
        try:
            for done, position in enumerate(result_order(len(jobs), early)):
                # A bounded window keeps memory flat however many files are queued.
                while ahead < len(jobs) and ahead < done + window:
                    if ahead not in started:
                        running[ahead] = self._submit(jobs[ahead])
                        started.add(ahead)
                    ahead += 1
                yield self._next(jobs, position, running)
        finally:
            self.close()

    def _start_pool(self) -> multiprocessing.context.BaseContext:
        context = self._settled_context()
        self._pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=set_up_worker
        )
        self.processes_started += self.workers
        return context

    def _submit(self, job: Job) -> Future[JobResult]:
        assert self._pool is not None
        return self._pool.submit(self._runner, job)

    def _next(
        self, jobs: Sequence[Job], position: int, running: dict[int, Future[JobResult]]
    ) -> JobResult:
        """The result at ``position``. When a worker dies, every waiting job fails with it,
        so that one is tried again alone to learn whether it was the cause, and the rest
        restart."""
        job = jobs[position]
        try:
            return running.pop(position).result()
        except BrokenProcessPool:
            log.warning("a worker process died; trying %s again on its own", job.path)
        self.close()
        result = self._alone(job)
        self._start_pool()
        for waiting in list(running):  # In the order they were first submitted.
            running[waiting] = self._submit(jobs[waiting])
        return result

    def _alone(self, job: Job) -> JobResult:
        self.processes_started += 1
        context = self._settled_context()
        with ProcessPoolExecutor(1, mp_context=context, initializer=set_up_worker) as solo:
            try:
                return solo.submit(self._runner, job).result()
            except BrokenProcessPool:
                log.error("reading %s makes the extractor process crash", job.path)
                return JobResult(job, failed=CRASH_REASON)

    def _settled_context(self) -> multiprocessing.context.BaseContext:
        """How workers start (``_context``), once the threads a pool left behind have ended.

        A pool broken by a crashed worker leaves its queue's feeder thread to end on its
        own; starting the next workers while it lingers would start them another way than
        the batch's first ones (from the fork server, not forked), by chance of timing.
        """
        deadline = time.monotonic() + _THREADS_SETTLE_SECONDS
        while _threads() > self._threads_at_start and time.monotonic() < deadline:
            time.sleep(_THREADS_POLL_SECONDS)
        return _context()

    def close(self) -> None:
        """Stop the workers; jobs not yet started are dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
