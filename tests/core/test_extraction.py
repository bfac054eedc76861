"""Extraction in worker processes gives the same results, in a fixed order, as in this process."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.core.extraction import (
    CRASH_REASON,
    Extractor,
    Job,
    JobResult,
    early_positions,
    result_order,
    run_job,
)
from tests.pages import write_page


def _jobs(folder: Path, count: int) -> list[Job]:
    paths = [
        write_page(folder, f"p{n:02}.html", f"Title {n}", f"Subject {n}.") for n in range(count)
    ]
    return [Job(n, str(p), "html") for n, p in enumerate(paths)]


def test_workers_return_results_in_input_order(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 9)
    jobs.append(Job(9, str(tmp_path / "missing.html"), "html"))
    extractor = Extractor(workers=2)
    results = list(extractor.results(jobs))
    assert extractor.processes_started == 2
    assert [r.job.order for r in results] == list(range(10))
    assert [r.articles[0].title for r in results[:9]] == [f"Title {n}" for n in range(9)]
    assert results[9].failed == "no such file or folder"
    assert not results[9].bug


def test_few_files_are_extracted_in_this_process(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 3)
    extractor = Extractor(workers=2)
    assert [r.articles[0].title for r in extractor.results(jobs)] == [
        "Title 0",
        "Title 1",
        "Title 2",
    ]
    assert extractor.processes_started == 0


def test_stopping_early_leaves_no_workers_behind(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 12)
    extractor = Extractor(workers=2)
    results = extractor.results(jobs)
    assert next(results).job.order == 0
    results.close()
    assert extractor.processes_started == 2
    extractor.close()


def dies_on_crash_files(job: Job) -> JobResult:
    """Kills its worker process outright, as a crash in a C library would, for one file."""
    if job.path.endswith("crash.html"):
        os._exit(1)
    return run_job(job)


def reports_the_garbage_collector(job: Job) -> JobResult:
    """Tells, as its skip reason, how the worker's garbage collector is set up."""
    return JobResult(job, skipped=f"{gc.get_threshold()[0]} {gc.get_freeze_count()}")


def test_workers_start_with_the_fork_servers_objects_frozen(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 9)
    results = list(Extractor(workers=2, runner=reports_the_garbage_collector).results(jobs))
    thresholds, frozen = zip(*(map(int, r.skipped.split()) for r in results), strict=True)
    assert set(thresholds) == {10_000}
    assert min(frozen) > 10_000  # the importer, trafilatura and lxml, loaded before forking


def test_a_crashed_worker_fails_its_file_and_the_batch_goes_on(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 9)
    jobs.insert(4, Job(99, str(tmp_path / "crash.html"), "html"))
    extractor = Extractor(workers=2, runner=dies_on_crash_files)
    results = list(extractor.results(jobs))
    assert [r.job.order for r in results] == [0, 1, 2, 3, 99, 4, 5, 6, 7, 8]
    assert results[4].failed == CRASH_REASON
    assert all(r.articles for r in results if r.job.order != 99)
    assert extractor.processes_started > 2


def test_the_largest_files_start_first_and_their_results_come_first(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 12)
    sizes = {3: 300_000, 10: 900_000, 11: 500_000, 7: 100}
    jobs = [Job(j.order, j.path, j.format, sizes.get(j.order, 10)) for j in jobs]
    assert early_positions(jobs, 2) == [10, 11]
    assert early_positions(jobs, 8) == [10, 11, 3]
    results = list(Extractor(workers=2).results(jobs))
    expected = [10, 11, 3, 0, 1, 2, 4, 5, 6, 7, 8, 9]
    assert [r.job.order for r in results] == expected
    assert [r.articles[0].title for r in results] == [f"Title {n}" for n in expected]


def test_results_come_early_jobs_first_then_in_input_order() -> None:
    assert result_order(6, [4, 1]) == [4, 1, 0, 2, 3, 5]
    assert result_order(3, []) == [0, 1, 2]


def test_a_crash_in_a_file_started_early_fails_only_that_file(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path, 9)
    jobs.insert(6, Job(99, str(tmp_path / "crash.html"), "html", size=5_000_000))
    extractor = Extractor(workers=2, runner=dies_on_crash_files)
    results = list(extractor.results(jobs))
    assert [r.job.order for r in results] == [99, 0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert results[0].failed == CRASH_REASON
    assert all(r.articles for r in results if r.job.order != 99)


# Counts this process's fork servers, after an extractor was told how many files are coming.
_FORK_SERVERS_AFTER_GET_READY = """
import os, sys
from pathlib import Path
from desktop_app.core.extraction import Extractor
Extractor(workers=int(sys.argv[1])).get_ready(int(sys.argv[2]))
servers = 0
for entry in Path("/proc").iterdir():
    try:
        stat = (entry / "stat").read_text() if entry.name.isdigit() else ""
        command = (entry / "cmdline").read_bytes() if stat else b""
    except OSError:
        continue
    mine = bool(stat) and int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid()
    servers += mine and b"forkserver" in command
print(servers)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(("workers", "files", "servers"), [(2, 100, 1), (2, 3, 0), (1, 100, 0)])
def test_the_fork_server_starts_before_the_jobs_only_for_a_batch_in_workers(
    workers: int, files: int, servers: int
) -> None:
    # A new process: a fork server, once started, serves every later batch of this one.
    script = [sys.executable, "-c", _FORK_SERVERS_AFTER_GET_READY, str(workers), str(files)]
    finished = subprocess.run(script, capture_output=True, text=True, timeout=60, check=True)
    assert finished.stdout.split() == [str(servers)]
