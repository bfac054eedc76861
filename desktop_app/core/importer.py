"""Import saved files into a library: find, fingerprint, extract in workers, write in one place."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import archive_import
from archive_import import Found, Passed
from desktop_app.core.collector import fewer_collections
from desktop_app.core.extraction import (
    Extractor,
    Job,
    JobResult,
    PartJoiner,
    file_size,
    split_big_crawls,
)
from desktop_app.core.index import SearchIndex
from desktop_app.core.originals import AssetFiles, Originals
from desktop_app.core.progress import CancelToken, Progress, ProgressCallback
from desktop_app.core.records import FileOutcome, ImportReport, OutcomeKind
from desktop_app.core.site_template import load_public_suffixes
from desktop_app.core.store import Store
from desktop_app.core.templating import clean_sites
from desktop_app.core.turns import turn
from desktop_app.core.writer import write_file

log = logging.getLogger(__name__)

# Each file is written as soon as its result arrives (its own transaction), so the writing
# overlaps the extraction; the index commits a segment per batch rather than per file,
# while the window still finds new articles within about a second. Every commit writes a
# segment and every few commits merge them, so a batch is a second's worth of articles;
# the count bounds the batch when files are tiny and many. (At 64 files a batch, a
# 2,000-page import committed two or three times a second: a fifth more writing CPU.)
_BATCH_ARTICLES = 256
_BATCH_SECONDS = 1.0
_END_BATCH_SECONDS = 0.25
# Articles indexed again together (a big site's pages cleaned again) are committed this many
# at a time: a thousand rather than 256 leaves fewer small segments for the next commit to
# merge (docs/benchmarks.md).
_MOST_PER_COMMIT = 1000
_CANCELLED = "not imported: the import was cancelled before this file"


@dataclass
class _Run:
    """One import's state: outcomes by input position, and articles not yet indexed."""

    total: int
    progress: ProgressCallback | None
    cancel: CancelToken | None
    outcomes: dict[int, FileOutcome] = field(default_factory=dict)
    shas: dict[int, str] = field(default_factory=dict)
    unindexed: list[int] = field(default_factory=list)
    joiner: PartJoiner = field(default_factory=PartJoiner)
    last_index: float = field(default_factory=time.monotonic)
    done: int = 0

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled

    def file_done(self, current: str) -> None:
        """Count one more file accounted for, and tell whoever watches."""
        self.done += 1
        if self.progress is not None:
            self.progress(Progress(self.done, self.total, current))

    def whole(self, result: JobResult) -> JobResult | None:
        """The result of a whole file: ``result`` itself, or its parts joined once the last
        part of a split file is in; ``None`` while parts are still to come."""
        whole = self.joiner.add(result)
        job = result.job
        if job.parts > 1 and self.progress is not None:
            step = f"{self.joiner.arrived(job)} of {job.parts} parts done"
            self.progress(Progress(self.done, self.total, job.path, step))
        return whole


class Importer:
    """Runs imports against one library; ``lock`` serialises every write."""

    def __init__(
        self,
        store: Store,
        search_index: SearchIndex,
        folder: Path,
        lock: threading.RLock,
        workers: int | None = None,
    ) -> None:
        self._store = store
        self._index = search_index
        self.originals = Originals(folder / "originals")
        self._assets = AssetFiles(folder / "assets")
        self._lock = lock
        self._workers = workers

    def run(
        self,
        paths: Sequence[Path | str],
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportReport:
        """Import every file under ``paths``; each gets exactly one outcome in the report."""
        with fewer_collections():
            return self._import(paths, progress, cancel)

    def _import(
        self,
        paths: Sequence[Path | str],
        progress: ProgressCallback | None,
        cancel: CancelToken | None,
    ) -> ImportReport:
        items = list(archive_import.discover(paths))
        run = _Run(len(items), progress, cancel)
        if progress is not None:
            # Say how many files there are before the first one, which may take a while.
            progress(Progress(0, len(items), ""))
        extractor = Extractor(self._workers)
        extractor.get_ready(len(items))
        load_public_suffixes()
        jobs = split_big_crawls(list(self._triage(run, items)), extractor.workers)
        results = extractor.results(jobs)
        try:
            for result in results:
                whole = run.whole(result)
                if whole is not None:
                    self._write(run, whole)
                    if self._index_is_due(run):
                        self._index_written(run)
                    run.file_done(whole.job.path)
                if run.cancelled:
                    break
        finally:
            results.close()
            extractor.close()
        # Templates first: the pages they clean are indexed once, cleaned, in the last commit.
        self._apply_site_templates(run)
        self._index_written(run)
        for order, item in enumerate(items):
            skipped = FileOutcome(str(item.path), OutcomeKind.SKIPPED, reason=_CANCELLED)
            run.outcomes.setdefault(order, skipped)
        return ImportReport([run.outcomes[i] for i in range(len(items))], run.cancelled)

    def _triage(self, run: _Run, items: list[Found | Passed]) -> Iterator[Job]:
        """Account at once for what needs no extraction; yield the rest as jobs."""
        first_seen: dict[str, str] = {}
        for order, item in enumerate(items):
            if run.cancelled:
                return
            outcome, sha = self._triage_one(item, first_seen)
            if outcome is not None:
                run.outcomes[order] = outcome
                run.file_done(str(item.path))
                continue
            assert isinstance(item, Found)
            assert sha is not None
            first_seen[sha] = str(item.path)
            run.shas[order] = sha
            yield Job(order, str(item.path), item.format, file_size(item.path))

    def _triage_one(
        self, item: Found | Passed, first_seen: dict[str, str]
    ) -> tuple[FileOutcome | None, str | None]:
        path = str(item.path)
        if isinstance(item, Passed):
            kind = OutcomeKind.FAILED if item.failed else OutcomeKind.SKIPPED
            return FileOutcome(path, kind, reason=item.reason), None
        try:
            sha = archive_import.file_sha256(item.path)
        except OSError as exc:
            return FileOutcome(
                path, OutcomeKind.FAILED, reason=f"cannot read the file ({exc.strerror})"
            ), None
        if sha in first_seen:
            reason = f"the same file as {first_seen[sha]}, imported just now"
            return FileOutcome(path, OutcomeKind.DUPLICATE, reason=reason), None
        with self._lock:
            known = self._store.known_sha256(sha)
        if known:
            return FileOutcome(
                path, OutcomeKind.DUPLICATE, tuple(known), "already in the library"
            ), None
        return None, sha

    def _write(self, run: _Run, result: JobResult) -> None:
        """Write one file's result in its own transaction, holding the lock for it alone:
        the window reads the library between files instead of waiting for a batch."""
        with turn(self._lock):
            outcome = self._outcome(result)
        run.outcomes[result.job.order] = outcome
        if outcome.kind is OutcomeKind.IMPORTED:
            run.unindexed.extend(outcome.article_ids)

    def _index_is_due(self, run: _Run) -> bool:
        elapsed = time.monotonic() - run.last_index
        return index_is_due(len(run.unindexed), run.total - run.done, elapsed)

    def _index_written(self, run: _Run) -> None:
        """Index the articles written or cleaned since the last commit."""
        self.index_in_commits(run.unindexed)
        run.unindexed = []
        run.last_index = time.monotonic()

    def index_in_commits(self, ids: list[int]) -> None:
        """Index (again) these articles, each once, in one commit per thousand, the lock
        taken for each commit alone."""
        unique = list(dict.fromkeys(ids))
        for first in range(0, len(unique), _MOST_PER_COMMIT):
            with turn(self._lock):
                self.index_articles(unique[first : first + _MOST_PER_COMMIT])

    def _outcome(self, result: JobResult) -> FileOutcome:
        path = result.job.path
        if result.bug:
            log.error("bug while extracting %s:\n%s", path, result.bug)
        if result.failed:
            return FileOutcome(path, OutcomeKind.FAILED, reason=result.failed)
        if result.skipped:
            return FileOutcome(path, OutcomeKind.SKIPPED, reason=result.skipped)
        return write_file(self._store, self.originals, self._assets, result.articles, Path(path))

    def _apply_site_templates(self, run: _Run) -> None:
        """Learn the templates of the sites this import added to, and clean their pages."""
        added = [
            i
            for o in run.outcomes.values()
            if o.kind is OutcomeKind.IMPORTED
            for i in o.article_ids
        ]
        if not added:
            return
        run.unindexed.extend(clean_sites(self._store, self._lock, added))

    def index_articles(self, ids: list[int]) -> None:
        """Index (again) these articles as the database holds them now; never raises."""
        try:
            self._index.add(self._store.articles(ids))
        except Exception:
            # The database is the truth: the next start finds the gap and rebuilds the index.
            log.exception("could not index articles %s; the index will be rebuilt", ids)


def index_is_due(waiting: int, remaining: int, elapsed: float) -> bool:
    """Whether the ``waiting`` articles written since the last index commit, ``elapsed``
    seconds ago, are committed now, with ``remaining`` files still to come."""
    if waiting >= _BATCH_ARTICLES or elapsed >= _BATCH_SECONDS:
        return True
    # Near the end, what has gathered is committed while the last files are still being
    # extracted, so that the last commit, which the import waits for alone, has little to do.
    return remaining < waiting and elapsed >= _END_BATCH_SECONDS
