"""Extraction in worker processes gives the same results, in a fixed order, as in this process."""

from __future__ import annotations

import gc
import logging
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


def reports_the_worker(job: Job) -> JobResult:
    """Tells, as its skip reason, the worker's parent and how its garbage collector is set up;
    kills the worker for a crash file."""
    if job.path.endswith("crash.html"):
        os._exit(1)
    return JobResult(job, skipped=f"{os.getppid()} {gc.get_threshold()[0]} {gc.get_freeze_count()}")


# Runs a batch in a new process, of one thread or with a second one waiting, and prints
# whether the workers were its children, their collector's threshold and frozen objects; and
# how the file that crashes its worker came out.
_WORKERS_OF_A_FRESH_PROCESS = """
import os, sys, threading
from pathlib import Path
from desktop_app.core.extraction import Extractor, Job
from tests.core.test_extraction import _jobs, reports_the_worker
waiting = threading.Event()
if sys.argv[2] == "two":
    threading.Thread(target=waiting.wait, daemon=True).start()
jobs = _jobs(Path(sys.argv[1]), 9)
jobs.insert(4, Job(99, str(Path(sys.argv[1]) / "crash.html"), "html"))
for result in Extractor(workers=2, runner=reports_the_worker).results(jobs):
    if result.failed:
        print(result.job.order, result.failed)
        continue
    parent, threshold, frozen = result.skipped.split()
    print(parent == str(os.getpid()), threshold, int(frozen) > 10_000)
waiting.set()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")
@pytest.mark.parametrize(("threads", "forked_from_it"), [("one", "True"), ("two", "False")])
def test_workers_fork_from_a_process_of_one_thread_start_with_what_they_inherit_frozen(
    tmp_path: Path, threads: str, forked_from_it: str
) -> None:
    # A new process: this one may run threads of its own (Qt's, from the window's tests).
    script = [sys.executable, "-c", _WORKERS_OF_A_FRESH_PROCESS, str(tmp_path), threads]
    root = Path(__file__).resolve().parents[2]
    finished = subprocess.run(
        script, capture_output=True, text=True, timeout=60, check=True, cwd=root
    )
    lines = finished.stdout.splitlines()
    assert lines.pop(4) == f"99 {CRASH_REASON}"
    # Frozen: the importer, trafilatura and lxml, loaded before the worker was forked.
    assert set(lines) == {f"{forked_from_it} 10000 True"}


def logs_and_reports_its_handlers(job: Job) -> JobResult:
    """Logs a warning naming its file, and tells the root logger's handlers as its skip
    reason."""
    logging.getLogger("tests.worker").warning("a worker read %s", Path(job.path).name)
    handlers = logging.getLogger().handlers
    kinds = sorted(f"{type(h).__name__}:{getattr(h, 'baseFilename', '-')}" for h in handlers)
    return JobResult(job, skipped=" ".join(kinds))


# Logs as the command line does (stderr and the rotating log file), runs a batch in workers
# forked from it, prints each worker's handlers and then the log file's path.
_LOGGING_WORKERS = """
import sys
from pathlib import Path
from desktop_app import logsetup
from desktop_app.core.extraction import Extractor
from tests.core.test_extraction import _jobs, logs_and_reports_its_handlers
log_file = logsetup.configure()
jobs = _jobs(Path(sys.argv[1]), 9)
for result in Extractor(workers=2, runner=logs_and_reports_its_handlers).results(jobs):
    print(result.skipped)
print(log_file)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks only on Linux")
def test_forked_workers_write_to_the_log_file_and_leave_its_rotation_to_the_parent(
    tmp_path: Path,
) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}
    script = [sys.executable, "-c", _LOGGING_WORKERS, str(tmp_path)]
    finished = subprocess.run(
        script, capture_output=True, text=True, timeout=60, check=True, cwd=root, env=env
    )
    *handlers, log_file = finished.stdout.splitlines()
    assert log_file.startswith(str(tmp_path / "state"))
    assert set(handlers) == {f"StreamHandler:- WatchedFileHandler:{log_file}"}
    logged = Path(log_file).read_text(encoding="utf-8")
    assert all(f"a worker read p{n:02}.html" in logged for n in range(9))


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


# Counts this process's fork servers, after an extractor was told how many files are coming,
# in a process of one thread or of two.
_FORK_SERVERS_AFTER_GET_READY = """
import os, sys, threading
from pathlib import Path
from desktop_app.core.extraction import Extractor
waiting = threading.Event()
if sys.argv[3] == "two":
    threading.Thread(target=waiting.wait, daemon=True).start()
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
waiting.set()
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("workers", "files", "threads", "servers"),
    [(2, 100, "two", 1), (2, 3, "two", 0), (1, 100, "two", 0), (2, 100, "one", 0)],
)
def test_the_fork_server_starts_before_the_jobs_only_for_a_batch_in_workers_it_will_fork(
    workers: int, files: int, threads: str, servers: int
) -> None:
    # A new process: a fork server, once started, serves every later batch of this one. A
    # process of one thread forks its workers itself.
    script = [
        sys.executable,
        "-c",
        _FORK_SERVERS_AFTER_GET_READY,
        *map(str, (workers, files, threads)),
    ]
    finished = subprocess.run(script, capture_output=True, text=True, timeout=60, check=True)
    assert finished.stdout.split() == [str(servers)]
