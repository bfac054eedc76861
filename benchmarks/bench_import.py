"""Import real saved pages into a fresh library and print pages per second and peak memory.

    python benchmarks/bench_import.py [--workers N] [--breakdown] [--reextract] [PATH ...]
    python benchmarks/bench_import.py --site-pages N
    python benchmarks/bench_import.py --crawl
    python benchmarks/bench_import.py --repeat N

Without paths it imports ../shared/bench/extraction/html and ../shared/fixtures. With
``--breakdown`` it then extracts the same files again in this process alone, prints how much of
that CPU is spent inside trafilatura, and the import speed that share alone would allow. With
``--reextract`` it then extracts every article of the library again (``reextract --all``),
with the window's reads timed meanwhile. With
``--site-pages N`` it imports N generated pages of one site instead (small pages, where the
writing process sets the pace, and a site template to learn), then one more page of that site,
then extracts every page again. With ``--crawl`` it imports one WARC file holding the 136
benchmark pages instead, and prints the progress reports the import gave while reading it,
then extracts one of its articles again. With ``--repeat N`` it runs the default import N
times, each in a fresh process, and prints the lowest, median and highest pages per second.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.crawl_file import write_crawl
from benchmarks.extraction_share import measure
from benchmarks.gauge import gauge_line
from benchmarks.memory import PeakMemory
from benchmarks.repeated import run_repeatedly
from benchmarks.sampler import Sampler
from benchmarks.site_corpus import build_corpus
from desktop_app.core.errors import ArticleNotFound
from desktop_app.core.progress import Progress
from desktop_app.core.records import FileOutcome, OutcomeKind

if TYPE_CHECKING:
    from desktop_app.core.library import Library

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEFAULT_INPUTS = [SHARED / "bench" / "extraction" / "html", SHARED / "fixtures"]


def _library(folder: Path, workers: int | None) -> Library:
    # Imported here: a worker not forked from this process (a fork server's, while the
    # window's reads are timed; a spawned one) imports this module again as it starts, as it
    # does the command line's (see desktop_app.cli), and has no use for the library or Whoosh.
    from desktop_app.core.library import Library  # noqa: PLC0415

    return Library(folder, workers)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_INPUTS)
    parser.add_argument("--workers", type=int, default=None, help="default: one per core")
    parser.add_argument(
        "--breakdown", action="store_true", help="also measure trafilatura's share of extraction"
    )
    parser.add_argument("--reextract", action="store_true", help="then extract every article again")
    parser.add_argument("--site-pages", type=int, default=0, help="import generated site pages")
    parser.add_argument("--crawl", action="store_true", help="import one WARC of the bench pages")
    parser.add_argument(
        "--copies", type=int, default=1, help="with --crawl: each page this many times"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="the default import this many times, in turn"
    )
    args = parser.parse_args()
    if args.repeat > 1:
        paths = [str(p) for p in args.paths]
        workers = ["--workers", str(args.workers)] if args.workers else []
        return run_repeatedly(
            "benchmarks.bench_import", [*paths, *workers], args.repeat, "pages per second"
        )
    if args.site_pages:
        return _site_import(args.site_pages, args.workers)
    if args.crawl:
        return _crawl_import(args.workers, args.copies)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"missing inputs: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder, _library(Path(folder), args.workers) as library:
        started = time.perf_counter()
        with PeakMemory() as memory:
            report = library.import_paths(args.paths)
        elapsed = time.perf_counter() - started
        articles = library.count()
        _print_figures(report.outcomes, articles, elapsed, memory)
        if args.reextract:
            _reextract_all(library)
    if args.breakdown:
        _print_breakdown(args.paths, articles, memory.main_cpu_s)
    return 0


def _print_figures(
    outcomes: list[FileOutcome], articles: int, elapsed: float, memory: PeakMemory
) -> None:
    counts = {kind.value: sum(1 for o in outcomes if o.kind is kind) for kind in OutcomeKind}
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cores = os.cpu_count()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {cores} cores")
    print(gauge_line())
    print(f"files: {len(outcomes)} ({', '.join(f'{n} {k}' for k, n in counts.items())})")
    pages = _pages_read(outcomes)
    print(f"pages read: {pages} (stored as {articles} articles, the rest known ones)")
    print(f"articles stored: {articles}")
    print(f"wall time: {elapsed:.2f} s")
    print(f"files per second: {len(outcomes) / elapsed:.1f}")
    print(f"pages per second: {pages / elapsed:.1f}")
    print(f"articles per second: {articles / elapsed:.1f}")
    print(
        f"peak memory: all processes together {memory.total_kb / 1024:.0f} MB "
        f"(private {memory.private_kb / 1024:.0f} MB, the rest files mapped), "
        f"main process {own:.0f} MB, largest worker {memory.largest_child_kb / 1024:.0f} MB"
    )
    print(
        f"CPU time: main process (writing) {memory.main_cpu_s:.1f} s, "
        f"workers (extracting) {memory.children_cpu_s:.1f} s, "
        f"out of {elapsed * (cores or 1):.1f} s of {cores} cores"
    )


def _pages_read(outcomes: list[FileOutcome]) -> int:
    """The saved pages the import read: every page of every file imported, stored as a new
    article or recognised as one the library holds (then kept as another source of it), as
    the crawl's pages per second counts copies of a page. A file identical to one already
    read is not read again and counts none; skipped files hold no page."""
    return sum(
        len(o.article_ids)
        for o in outcomes
        if o.kind in {OutcomeKind.IMPORTED, OutcomeKind.DUPLICATE}
    )


def _reextract_all(library: Library) -> None:
    """Extract every article of ``library`` again, as ``reextract --all`` does."""
    reads = _Reads(library)
    started = time.perf_counter()
    with PeakMemory() as memory, reads:
        outcomes = library.reextract()
    elapsed = time.perf_counter() - started
    updated = sum(1 for o in outcomes if o.updated)
    print(
        f"then every article extracted again (reextract --all): {updated} of {len(outcomes)} "
        f"in {elapsed:.2f} s, {len(outcomes) / elapsed:.1f} articles/s"
    )
    print(
        f"  peak memory meanwhile: all processes together {memory.total_kb / 1024:.0f} MB "
        f"(private {memory.private_kb / 1024:.0f} MB), main process {memory.main_kb / 1024:.0f} MB"
    )
    print(f"  {reads.summary()}")


def _crawl_import(workers: int | None, copies: int) -> int:
    """Import one WARC file holding every benchmark page, watching its progress reports."""
    pages = DEFAULT_INPUTS[0]
    if not pages.is_dir():
        print(f"missing inputs: {pages}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        crawl = Path(folder) / "crawl.warc.gz"
        count = write_crawl(pages, crawl, copies)
        print(f"crawl: one WARC of {count} pages, {crawl.stat().st_size / 1e6:.1f} MB")
        reports: list[tuple[float, str]] = []
        with _library(Path(folder) / "library", workers) as library:
            started = time.perf_counter()

            def heard(progress: Progress) -> None:
                reports.append((time.perf_counter() - started, progress.step))

            with PeakMemory() as memory:
                report = library.import_paths([crawl], progress=heard)
            elapsed = time.perf_counter() - started
            articles = library.count()
            started = time.perf_counter()
            library.reextract(report.imported_ids[:1])
            one_again = time.perf_counter() - started
    _print_figures(report.outcomes, articles, elapsed, memory)
    print(f"then one of its articles extracted again: {one_again:.2f} s")
    print(f"pages per second: {count / elapsed:.1f} (copies of a page are one article)")
    steps = [f"{at:.1f} s {step or '(file)'}" for at, step in reports]
    print(f"progress reports: {len(reports)}: {', '.join(steps)}")
    return 0


def _site_import(count: int, workers: int | None) -> int:
    """Import ``count`` generated pages of one site, then one more page of it."""
    site = build_corpus(pages_per_site=count + 1)[0]
    with tempfile.TemporaryDirectory() as folder:
        pages = Path(folder) / "pages"
        pages.mkdir()
        paths = []
        for page in site.pages:
            path = pages / f"{page.name}.html"
            path.write_text(page.html, encoding="utf-8")
            paths.append(path)
        with _library(Path(folder) / "library", workers) as library:
            reads = _Reads(library)
            started = time.perf_counter()
            with PeakMemory() as memory, reads:
                report = library.import_paths(paths[:count])
            elapsed = time.perf_counter() - started
            searches = _search_times(library)
            started = time.perf_counter()
            library.import_paths(paths[count:])
            one_more = time.perf_counter() - started
            articles = library.count()
            started = time.perf_counter()
            library.reextract()
            again = time.perf_counter() - started
    _print_figures(report.outcomes, articles - 1, elapsed, memory)
    print(reads.summary())
    print(searches)
    print(f"then one more page of the same site: {one_more:.2f} s")
    print(f"then every page extracted again (reextract --all): {again:.1f} s")
    return 0


# Words of the generated site's articles, common and rare alike.
_SEARCHED = ("harbour", "the", "market", "council", "river", "night", "year", "city")


def _search_times(library: Library, rounds: int = 10) -> str:
    """Search times right after an import, with the index as the import left it."""
    for word in _SEARCHED:  # Warm: the first search of a word reads its postings from disk.
        library.search(word)
    times = []
    for _ in range(rounds):
        for word in _SEARCHED:
            started = time.perf_counter()
            library.search(word)
            times.append(time.perf_counter() - started)
    times.sort()
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
    return (
        f"then searches, index as the import left it: {len(times)} one-word searches, "
        f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )


class _Reads(Sampler):
    """A window reading an article every 20 ms while the import runs, and how long each read
    waited for the library."""

    interval = 0.02

    def __init__(self, library: Library) -> None:
        super().__init__()
        self._library = library
        self._waits: list[float] = []

    def sample(self) -> None:
        """Read one article, timing the read."""
        started = time.perf_counter()
        with suppress(ArticleNotFound):  # Until the first article is written.
            self._library.article(1)
        self._waits.append(time.perf_counter() - started)

    def summary(self) -> str:
        waits = sorted(self._waits) or [0.0]
        p99 = waits[min(len(waits) - 1, int(len(waits) * 0.99))]
        return (
            f"an article read every 20 ms meanwhile: {len(self._waits)} reads, 99th percentile "
            f"{p99 * 1000:.0f} ms, longest {waits[-1] * 1000:.0f} ms"
        )


def _print_breakdown(paths: list[Path], articles: int, writer_cpu_s: float) -> None:
    """Trafilatura's share of extraction, and the speed it would cap the import at.

    The cap assumes our own extraction code costs nothing and the cores are never idle: the
    CPU of trafilatura and of the writing process, spread over every core.
    """
    share = measure(paths)
    cores = os.cpu_count() or 1
    floor_s = (share.trafilatura_s + writer_cpu_s) / cores
    print(
        f"extraction in this process alone: {share.total_s:.1f} s CPU for {share.files} files, "
        f"{share.trafilatura_s:.1f} s ({share.share:.0%}) of it inside trafilatura"
    )
    print(
        f"ceiling if our own extraction code took no time: {articles / floor_s:.1f} articles/s "
        f"(trafilatura {share.trafilatura_s:.1f} s + writing {writer_cpu_s:.1f} s "
        f"over {cores} cores)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
