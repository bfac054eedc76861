"""How the command line shows things to a person: reports, articles, hits, a progress line."""

from __future__ import annotations

import html
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from desktop_app.core import Article, ImportReport, OutcomeKind, Progress, SearchResults
from desktop_app.core.reextract import ReextractOutcome

_MARK = re.compile(r"</?mark>")
_FACET_VALUES = 8
_TAG = re.compile(r"<[^>]+>")


class ProgressLine:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, enabled: bool = True) -> None:
        self._enabled = enabled and sys.stderr.isatty()

    def __enter__(self) -> ProgressLine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def update(self, progress: Progress) -> None:
        """Redraw the line for ``progress``."""
        if not self._enabled or progress.total == 0:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        filled = int(20 * progress.done / progress.total)
        head = f"[{'#' * filled}{'.' * (20 - filled)}] {progress.done}/{progress.total} "
        name = Path(progress.current).name if progress.current else ""
        if progress.step:
            name = f"{name} ({progress.step})"
        sys.stderr.write("\r\033[K" + (head + name)[: width - 1])
        sys.stderr.flush()


def print_report(report: ImportReport, quiet: bool = False) -> None:
    """One line per input file (failures on stderr), then a summary line."""
    for outcome in report.outcomes:
        if outcome.kind is OutcomeKind.FAILED:
            print(f"failed     {outcome.path}: {outcome.reason}", file=sys.stderr)
        elif not quiet:
            detail = _ids(outcome.article_ids) if outcome.kind is OutcomeKind.IMPORTED else ""
            print(f"{outcome.kind.value:<10} {outcome.path}{detail or _reason(outcome.reason)}")
    counts = {kind: len(report.of_kind(kind)) for kind in OutcomeKind}
    summary = ", ".join(f"{n} {kind.value}" for kind, n in counts.items())
    suffix = " (cancelled; finished files were kept)" if report.cancelled else ""
    print(
        f"{len(report.imported_ids)} articles from {len(report.outcomes)} files: {summary}{suffix}"
    )


def print_passed(path: Path, reason: str, failed: bool) -> None:
    """A file ``extract`` did not turn into articles."""
    print(f"{'failed' if failed else 'skipped'}: {path}: {reason}", file=sys.stderr)


def print_extracted(record: dict[str, Any]) -> None:
    """An extracted article for a person: title, metadata, text."""
    print(f"# {record['title']}")
    for key in ("authors", "published", "site_name", "url", "language", "source"):
        value = record[key]
        if value:
            print(f"{key}: {', '.join(value) if isinstance(value, list) else value}")
    print()
    print(record["text"])
    print()


def print_article_lines(articles: Iterable[Article]) -> None:
    """One line per article: id, date, site, title."""
    for article in articles:
        star = "*" if article.bookmarked else " "
        date = (article.published or "")[:10]
        print(
            f"{article.id:>6} {star} {date:<10}  {article.site_name or '':<24.24}  {article.title}"
        )


def print_article(article: Article) -> None:
    """A whole article for reading in a terminal."""
    print(article.title)
    byline = " · ".join(
        part for part in (", ".join(article.authors), article.site_name, article.published) if part
    )
    for line in (byline, article.url):
        if line:
            print(line)
    print()
    print(article.text)


def print_results(results: SearchResults) -> None:
    """Ranked hits with plain-text snippets (matches in bold on a terminal), then the facets."""
    if results.notice:
        print(results.notice)
    print(f"{results.total} found")
    bold = sys.stdout.isatty()
    for hit in results.hits:
        print(f"{hit.id:>6}  {hit.title}  ({hit.site_name or hit.url or ''})")
        print(f"        {_plain_snippet(hit.snippet, bold)}")
    if results.suggestion:
        print(f"Did you mean: {results.suggestion}")
    for name, values in results.facets.items():
        shown = ", ".join(f"{v.value} ({v.count})" for v in values[:_FACET_VALUES] if v.count)
        if shown:
            print(f"{name}: {shown}")


def print_reindexed(count: int, seconds: float) -> None:
    """What ``reindex`` did."""
    print(f"rebuilt the search index of {count} articles in {seconds:.1f} s")


def print_reextracted(outcomes: Sequence[ReextractOutcome]) -> None:
    """One line per article extracted again, failures on stderr, then a count."""
    for outcome in outcomes:
        if outcome.updated:
            print(f"re-extracted  article {outcome.article_id}")
        else:
            print(f"failed        article {outcome.article_id}: {outcome.reason}", file=sys.stderr)
    print(f"{sum(o.updated for o in outcomes)} of {len(outcomes)} articles extracted again")


def _plain_snippet(snippet: str, bold: bool) -> str:
    marked = _MARK.sub(lambda m: "\033[1m" if m.group() == "<mark>" else "\033[0m", snippet)
    return html.unescape(_TAG.sub("", marked if bold else _MARK.sub("", snippet)))


def _ids(ids: tuple[int, ...]) -> str:
    return f" -> article {', '.join(map(str, ids))}" if ids else ""


def _reason(reason: str) -> str:
    return f": {reason}" if reason else ""
