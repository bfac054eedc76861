"""Import saved files into a library: extract, recognise duplicates, store, index."""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import archive_import
from archive_import import ExtractedArticle, Found, InputError, LoadedFile, NotAnArticle
from desktop_app.core.index import SearchIndex
from desktop_app.core.originals import Originals
from desktop_app.core.progress import CancelToken, Progress, ProgressCallback
from desktop_app.core.records import FileOutcome, ImportReport, OutcomeKind
from desktop_app.core.store import Store

log = logging.getLogger(__name__)

# Writes are grouped so the index commits a segment per batch rather than per file,
# while the window still sees new articles within about a second.
_BATCH_FILES = 32
_BATCH_SECONDS = 1.0
_BUG_REASON = "Archive Browser failed on this file (a bug; the log file has the details)"


@dataclass
class _Extracted:
    order: int
    loaded: LoadedFile
    articles: list[ExtractedArticle]


@dataclass
class _Run:
    """The state of one import: outcomes by input order and the batch not yet written."""

    outcomes: dict[int, FileOutcome] = field(default_factory=dict)
    pending: list[_Extracted] = field(default_factory=list)
    pending_sha: dict[str, str] = field(default_factory=dict)
    last_flush: float = field(default_factory=time.monotonic)


class Importer:
    """Runs imports against one store and index; ``lock`` serialises every write."""

    def __init__(
        self, store: Store, search_index: SearchIndex, originals: Originals, lock: threading.RLock
    ) -> None:
        self._store = store
        self._index = search_index
        self._originals = originals
        self._lock = lock

    def run(
        self,
        paths: Sequence[Path | str],
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> ImportReport:
        """Import every file under ``paths``; each gets exactly one outcome in the report."""
        items = list(archive_import.discover(paths))
        run, report = _Run(), ImportReport()
        for order, item in enumerate(items):
            if progress is not None:
                progress(Progress(order, len(items), str(item.path)))
            if cancel is not None and cancel.cancelled:
                report.cancelled = True
                break
            self._take(run, order, item)
            if self._batch_is_due(run):
                self._flush(run)
        self._flush(run)
        if progress is not None and not report.cancelled:
            progress(Progress(len(items), len(items), ""))
        report.outcomes = [run.outcomes[i] for i in sorted(run.outcomes)]
        return report

    def _take(self, run: _Run, order: int, item: Found | archive_import.Passed) -> None:
        if isinstance(item, archive_import.Passed):
            kind = OutcomeKind.FAILED if item.failed else OutcomeKind.SKIPPED
            run.outcomes[order] = FileOutcome(str(item.path), kind, reason=item.reason)
            return
        outcome = self._extract(run, order, item)
        if outcome is not None:
            run.outcomes[order] = outcome

    def _extract(self, run: _Run, order: int, item: Found) -> FileOutcome | None:
        """Read and extract one file; None when it joined the batch waiting to be written."""
        path = str(item.path)
        try:
            loaded = archive_import.load(item.path)
            duplicate = self._duplicate_of(run, loaded.sha256, path)
            if duplicate is not None:
                return duplicate
            articles = archive_import.extract_loaded(loaded, item.format)
        except NotAnArticle as exc:
            return FileOutcome(path, OutcomeKind.SKIPPED, reason=exc.reason)
        except InputError as exc:
            return FileOutcome(path, OutcomeKind.FAILED, reason=exc.reason)
        except Exception:
            log.exception("bug while importing %s", path)
            return FileOutcome(path, OutcomeKind.FAILED, reason=_BUG_REASON)
        run.pending.append(_Extracted(order, loaded, articles))
        run.pending_sha[loaded.sha256] = path
        return None

    def _duplicate_of(self, run: _Run, sha256: str, path: str) -> FileOutcome | None:
        if sha256 in run.pending_sha:
            reason = f"the same file as {run.pending_sha[sha256]}, imported just now"
            return FileOutcome(path, OutcomeKind.DUPLICATE, reason=reason)
        with self._lock:
            known = self._store.known_sha256(sha256)
        if known:
            reason = "already in the library"
            return FileOutcome(path, OutcomeKind.DUPLICATE, tuple(known), reason)
        return None

    def _batch_is_due(self, run: _Run) -> bool:
        elapsed = time.monotonic() - run.last_flush
        return len(run.pending) >= _BATCH_FILES or (bool(run.pending) and elapsed >= _BATCH_SECONDS)

    def _flush(self, run: _Run) -> None:
        """Write the waiting batch: each file in its own transaction, then one index commit."""
        new_ids: list[int] = []
        with self._lock:
            for extracted in run.pending:
                outcome = self._write(extracted)
                run.outcomes[extracted.order] = outcome
                new_ids.extend(outcome.article_ids)
            if new_ids:
                self._index_new(new_ids)
        run.pending.clear()
        run.last_flush = time.monotonic()

    def _write(self, extracted: _Extracted) -> FileOutcome:
        path = str(extracted.loaded.path)
        try:
            self._originals.keep(extracted.loaded.sha256, extracted.loaded.data)
            with self._store.transaction():
                ids = tuple(self._store.add_article(a) for a in extracted.articles)
        except (OSError, sqlite3.Error) as exc:
            reason = f"could not be saved in the library ({exc})"
            return FileOutcome(path, OutcomeKind.FAILED, reason=reason)
        except Exception:
            log.exception("bug while storing %s", path)
            return FileOutcome(path, OutcomeKind.FAILED, reason=_BUG_REASON)
        return FileOutcome(path, OutcomeKind.IMPORTED, ids)

    def _index_new(self, ids: list[int]) -> None:
        try:
            self._index.add(self._store.articles(ids))
        except Exception:
            # The database is the truth: the next start finds the gap and rebuilds the index.
            log.exception("could not index articles %s; the index will be rebuilt", ids)
