"""A big crawl is extracted in parts on every core, and comes out as one file's articles."""

from __future__ import annotations

import logging
import os
import zipfile
from pathlib import Path

import pytest

from archive_import import NotAnArticle, Part, extract_file
from desktop_app.core import Library, OutcomeKind, Progress
from desktop_app.core.extraction import Job, JobResult, joined, split_big_crawls
from desktop_app.core.reextract import plan_reextraction
from tests.archive_import.builders_warc import page, write_warc
from tests.pages import article_page, long_paragraphs

PAGES = 90


def _crawl(path: Path, pages: int = PAGES) -> Path:
    """An uncompressed WARC of ``pages`` distinct articles, some 25 KB each."""
    records = []
    for number in range(pages):
        log = " ".join(f"Harbour {number} logged tide {entry}." for entry in range(300))
        paragraphs = [*long_paragraphs(f"Harbour {number} keeps a tide log."), log, log, log]
        body = article_page(f"Harbour number {number}", paragraphs)
        records.append(page(f"https://ports.example/harbour/{number}", body.encode("utf-8")))
    return write_warc(path, records, compress=False)


def test_parts_put_end_to_end_are_the_whole_file(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl.warc", pages=7)
    whole = [a.title for a in extract_file(crawl)]
    assert whole == [f"Harbour number {n}" for n in range(7)]
    parts = [extract_file(crawl, part=Part(index, 3)) for index in range(3)]
    assert [len(p) for p in parts] == [2, 2, 3]
    assert [a.title for p in parts for a in p] == whole


def test_a_big_crawl_is_split_and_written_as_one_file(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl.warc")
    assert crawl.stat().st_size > 2_000_000  # Big enough for two parts of a megabyte.
    steps: list[str] = []

    def heard(progress: Progress) -> None:
        steps.append(progress.step)

    with Library(tmp_path / "lib", workers=2) as library:
        report = library.import_paths([crawl], progress=heard)
        [outcome] = report.outcomes
        assert outcome.kind is OutcomeKind.IMPORTED
        titles = [library.article(i).title for i in outcome.article_ids]
        assert titles == [f"Harbour number {n}" for n in range(PAGES)]
        assert [s for s in steps if s] == ["1 of 2 parts done", "2 of 2 parts done"]
        again = library.import_paths([crawl]).outcomes[0]
        assert again.kind is OutcomeKind.DUPLICATE


def test_joined_parts_fail_together_or_give_every_article(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "small.warc", pages=2)
    first, second = extract_file(crawl)
    job = Job(5, str(crawl), "warc", 10, parts=3)
    parts = [replace_part(job, 0), replace_part(job, 1), replace_part(job, 2)]
    found = [JobResult(parts[2], (second,)), JobResult(parts[0], (first,))]
    empty = JobResult(parts[1], skipped="none of its 0 pages holds article text")
    whole = joined([*found, empty])
    assert (whole.job.parts, whole.job.order) == (1, 5)
    assert whole.articles == (first, second)
    broken = joined([*found, JobResult(parts[1], failed="the file is cut short")])
    assert (broken.failed, broken.articles) == ("the file is cut short", ())
    nothing = joined(
        [
            JobResult(p, skipped=f"none of its {n} pages holds article text")
            for n, p in enumerate(parts)
        ]
    )
    assert nothing.skipped == "none of its pages holds article text"


def replace_part(job: Job, part: int) -> Job:
    return Job(job.order, job.path, job.format, job.size, part=part, parts=job.parts)


def test_a_big_crawl_is_extracted_again_in_parts_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    crawl = _crawl(tmp_path / "crawl.warc")
    with Library(tmp_path / "lib", workers=2) as library:
        ids = library.import_paths([crawl]).imported_ids
        caplog.clear()
        caplog.set_level(logging.INFO, logger="desktop_app.core.extraction")
        outcomes = library.reextract(ids)
        # One file, yet worker processes: it was split.
        assert any(m.startswith("extracting in 2 worker processes (") for m in caplog.messages)
        assert [o.article_id for o in outcomes] == ids
        assert all(o.updated for o in outcomes)
        assert library.article(ids[-1]).title == f"Harbour number {PAGES - 1}"


def test_a_file_of_twenty_megabytes_is_read_in_a_worker_even_alone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("page.html", article_page("Bundled page", long_paragraphs("Kelp.")))
        archive.writestr("page_files/noise.bin", os.urandom(20_000_000))
    caplog.set_level(logging.INFO, logger="desktop_app.core.extraction")
    with Library(tmp_path / "lib", workers=2) as library:
        [outcome] = library.import_paths([bundle]).outcomes
        assert outcome.kind is OutcomeKind.IMPORTED
    assert any(m.startswith("extracting in 2 worker processes (") for m in caplog.messages)


def test_only_a_crawl_that_would_keep_one_core_busy_alone_is_split() -> None:
    def parts(*sizes: int, fmt: str = "warc") -> list[int]:
        jobs = [Job(n, f"crawl{n}.warc.gz", fmt, size) for n, size in enumerate(sizes)]
        return [job.parts for job in split_big_crawls(jobs, workers=2) if job.part == 0]

    assert parts(5_000_000) == [4]  # Two parts per worker at most.
    assert parts(2_500_000) == [2]  # A megabyte or more per part.
    assert parts(1_500_000) == [1]
    assert parts(5_000_000, 5_000_000) == [4, 4]  # Each is a worker's share.
    assert parts(*[5_000_000] * 10) == [1] * 10  # Many crawls keep every core busy.
    # However big: the parts share the mapped file instead of each holding a copy.
    assert parts(150_000_000) == [4]
    assert parts(4_500_000_000) == [4]
    assert parts(5_000_000, fmt="mhtml") == [1]
    one_page = Job(0, "crawl.warc.gz", "warc", 5_000_000, locators=("urn:uuid:1",))
    assert [job.parts for job in split_big_crawls([one_page], workers=2)] == [1]


def test_only_the_pages_asked_for_are_extracted(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl.warc", pages=5)
    articles = extract_file(crawl)
    wanted = {articles[1].source.locator, articles[3].source.locator}
    again = extract_file(crawl, locators=wanted)
    assert [a.title for a in again] == ["Harbour number 1", "Harbour number 3"]
    with pytest.raises(NotAnArticle, match="no longer holds the pages asked for"):
        extract_file(crawl, locators={"urn:uuid:gone"})


def test_one_article_of_a_crawl_is_read_again_alone(tmp_path: Path) -> None:
    crawl = _crawl(tmp_path / "crawl.warc", pages=6)
    page = tmp_path / "lone.html"
    page.write_text(article_page("Lone page", long_paragraphs("Gulls.")), "utf-8")
    with Library(tmp_path / "lib", workers=1) as library:
        ids = library.import_paths([crawl, page]).imported_ids
        plan = plan_reextraction([library.article(i) for i in (ids[4], ids[6], ids[1])])
        crawl_job, page_job = plan.jobs
        assert crawl_job.locators == tuple(
            library.article(i).sources[0].locator for i in (ids[4], ids[1])
        )
        assert page_job.locators == ()  # A page saved alone is read whole.
        [outcome] = library.reextract([ids[4]])
        assert outcome.updated
        assert library.article(ids[4]).title == "Harbour number 4"
