"""The bundle check fails, naming the step, when the frozen program misbehaves."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from check_bundle import CheckFailed, check, find_program

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-ins are shell scripts")


def _program(folder: Path, body: str) -> Path:
    """A stand-in for the frozen program: a shell script answering as ``body`` says."""
    path = folder / "archive-browser" / "archive-browser"
    path.parent.mkdir(parents=True)
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def test_the_program_is_found_in_pyinstallers_output(tmp_path) -> None:
    program = _program(tmp_path, "exit 0")
    assert find_program(tmp_path) == program
    with pytest.raises(SystemExit, match="make package"):
        find_program(tmp_path / "nothing here")


def test_a_wrong_version_line_fails_the_first_step(tmp_path) -> None:
    program = _program(tmp_path, 'echo "something else"')
    with pytest.raises(CheckFailed, match="--version printed 'something else'"):
        check(program, tmp_path)


def test_a_failing_import_fails_with_its_error(tmp_path) -> None:
    program = _program(
        tmp_path,
        'case "$1" in --version) echo "archive-browser 9.9";; '
        'import) echo "no module named Stemmer" >&2; exit 3;; esac',
    )
    with pytest.raises(CheckFailed, match=r"(?s)import .*exit code 3.*no module named Stemmer"):
        check(program, tmp_path)
