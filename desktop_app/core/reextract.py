"""Extract articles again from the files they came from, keeping bookmarks, tags and notes.

Each source file is read once, however many articles came from it (a WARC gives several), in
the import's worker processes (``extraction``); the articles are written back in the one
process that writes the library, a file's articles at a time.
"""

from __future__ import annotations

import logging
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import archive_import
from archive_import import InputError
from desktop_app.core.extraction import SMALLEST_SPLIT_BYTES, Job, JobResult, file_size, run_job
from desktop_app.core.originals import AssetFiles, Originals
from desktop_app.core.records import Article, SourceRecord
from desktop_app.core.store import Store

log = logging.getLogger(__name__)

_NO_SOURCE = "the article has no source file"
_GONE = "neither the original file nor the library's copy of it can be found"
_DAMAGED = "the original file is gone or changed, and the library's copy of it is damaged"
# What unpacking a damaged copy raises (a bad gzip header, a truncated or corrupt stream).
_UNPACK_ERRORS = (OSError, EOFError, zlib.error)
_LOST_PAGE = "the source no longer yields this page"


@dataclass(frozen=True)
class ReextractOutcome:
    """What happened to one article: extracted again, or why not."""

    article_id: int
    updated: bool
    reason: str = ""


@dataclass
class ReextractPlan:
    """The files to read again, and which articles each one is to give back."""

    jobs: list[Job] = field(default_factory=list)
    articles: dict[int, list[Article]] = field(default_factory=dict)
    """The articles of each job, by the job's ``order``."""
    sourceless: list[ReextractOutcome] = field(default_factory=list)
    """Articles that came from no file, so have nothing to be extracted again from."""


def plan_reextraction(articles: Sequence[Article]) -> ReextractPlan:
    """One job per distinct source file (an article's first source), in the articles' order.

    A job reads only the pages its articles came from, when their file holds several: one
    article of a crawl is read again without extracting the whole crawl.
    """
    plan = ReextractPlan()
    groups: dict[str, list[Article]] = {}
    for article in articles:
        if article.sources:
            groups.setdefault(article.sources[0].sha256, []).append(article)
        else:
            plan.sourceless.append(ReextractOutcome(article.id, False, _NO_SOURCE))
    for order, group in enumerate(groups.values()):
        plan.jobs.append(_job(order, group))
        plan.articles[order] = group
    return plan


def _job(order: int, group: list[Article]) -> Job:
    source = group[0].sources[0]
    locators = tuple(dict.fromkeys(article.sources[0].locator for article in group))
    # No locator: the file is the page (a saved HTML page, a text): it is read whole.
    wanted = () if "" in locators else locators
    # The format is sniffed again in the worker (a newer importer may read the file as
    # something better; and the source's format is its page's, inside a zip); only a file
    # big enough to be a crawl worth splitting is sniffed here, where the jobs are planned.
    path = Path(source.path)
    size = file_size(path)
    fmt = _sniffed(path) if size >= SMALLEST_SPLIT_BYTES else ""
    return Job(order, source.path, fmt, size, sha256=source.sha256, locators=wanted)


def _sniffed(path: Path) -> str:
    found = next(iter(archive_import.discover([path])), None)
    return found.format if isinstance(found, archive_import.Found) else ""


def read_again(originals_folder: str, job: Job) -> JobResult:
    """Extract a source file again (in a worker process); never raises, like ``run_job``.

    The file where it was imported from is read when it is unchanged: it still has what the
    library's copy lacks, the images of a "Save page, complete" ``_files/`` folder. Otherwise
    the library's copy is, under the file's own name (the name can tell its format).
    """
    loaded = _unchanged(Path(job.path), job.sha256)
    if loaded is not None:
        # Read and hashed once: the bytes just compared are the ones extracted.
        return run_job(job, loaded)
    # Windows will not delete a file still mapped (a crawl's copy, until it is collected):
    # then the copy is left in the system's temporary folder rather than failing the job.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        copy = Path(folder) / Path(job.path).name
        try:
            Originals(Path(originals_folder)).copy_to(job.sha256, copy)
        except FileNotFoundError:
            return JobResult(job, failed=_GONE)
        except _UNPACK_ERRORS as exc:
            return JobResult(job, failed=f"{_DAMAGED} ({exc})")
        # The articles name the temporary copy; the record keeps its sources as they were.
        # The format sniffed was the changed file's: the copy's is sniffed anew.
        return replace(run_job(replace(job, path=str(copy), format="")), job=job)


def store_again(
    store: Store, assets: AssetFiles, article: Article, result: JobResult
) -> ReextractOutcome:
    """Put the article that ``result`` gave back for ``article`` in its place."""
    if result.bug:
        log.error("bug while extracting %s again:\n%s", result.job.path, result.bug)
    reason = result.failed or result.skipped
    if reason:
        return ReextractOutcome(article.id, False, reason)
    locator = article.sources[0].locator
    match = next((a for a in result.articles if a.source.locator == locator), None)
    if match is None:
        return ReextractOutcome(article.id, False, _LOST_PAGE)
    for asset in match.assets:
        assets.keep(asset)
    with store.transaction():
        store.replace_extraction(article.id, match)
    return ReextractOutcome(article.id, True)


def original_html(originals: Originals, source: SourceRecord) -> str | None:
    """The page as it was saved, decoded, from the file or the library's copy of it."""
    loaded = _unchanged(Path(source.path), source.sha256)
    if loaded is not None:
        try:
            return archive_import.original_page_in(loaded, source.locator)
        except InputError:
            return None
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as folder:
        copy = Path(folder) / Path(source.path).name
        try:
            originals.copy_to(source.sha256, copy)
            return archive_import.original_page(copy, source.locator)
        except (InputError, *_UNPACK_ERRORS):
            return None


def _unchanged(path: Path, sha256: str) -> archive_import.LoadedFile | None:
    """The file at ``path`` read, when it still holds the bytes fingerprinted ``sha256``;
    None when it is gone, unreadable or changed (a changed file's bytes are not held while the
    library's copy is read). Read and hashed once, so the bytes compared are the ones used."""
    try:
        loaded = archive_import.load(path)
    except InputError:
        return None
    return loaded if loaded.sha256 == sha256 else None
