"""Imports flow one way: gui -> core -> archive_import, and nothing below the gui loads Qt."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.pages import PROJECT_ROOT


def _imported_modules(package: str) -> set[str]:
    found: set[str] = set()
    for path in (PROJECT_ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("archive_import", ("desktop_app", "PySide6", "sqlite3", "whoosh")),
        ("desktop_app/core", ("desktop_app.gui", "desktop_app.cli", "PySide6")),
        ("desktop_app/gui", ("archive_import", "whoosh", "sqlite3")),
    ],
)
def test_no_import_goes_against_the_flow(package: str, forbidden: tuple[str, ...]) -> None:
    bad = {m for m in _imported_modules(package) if m.startswith(forbidden)}
    assert not bad, f"{package} imports {sorted(bad)}"


def test_whoosh_is_imported_in_the_search_package_only() -> None:
    users = [
        path.relative_to(PROJECT_ROOT).as_posix()
        for path in (PROJECT_ROOT / "desktop_app").rglob("*.py")
        if "import whoosh" in path.read_text("utf-8") or "from whoosh" in path.read_text("utf-8")
    ]
    assert users
    assert all(user.startswith("desktop_app/core/search/") for user in users), users


def _assert_runs_in_a_fresh_interpreter(code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code + "print('ok')\n"],
        capture_output=True,
        text=True,
        check=False,
        cwd=PROJECT_ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_importer_and_core_load_without_qt() -> None:
    _assert_runs_in_a_fresh_interpreter(
        "import sys, archive_import, desktop_app.core, desktop_app.cli\n"
        "loaded = [m for m in sys.modules if m.startswith('PySide6')]\n"
        "assert not loaded, loaded\n"
    )


@pytest.mark.parametrize(
    "modules",
    [
        # What an import's fork server loads before it starts any worker.
        "desktop_app.core.extraction, archive_import.warm_up",
        # What a worker not forked from the command line imports again as it starts: the
        # command line is its main module.
        "desktop_app.cli",
    ],
)
def test_import_workers_start_without_the_library_or_whoosh(modules: str) -> None:
    _assert_runs_in_a_fresh_interpreter(
        f"import sys, {modules}\n"
        "heavy = ('whoosh', 'desktop_app.core.library')\n"
        "loaded = [m for m in sys.modules if m.startswith(heavy)]\n"
        "assert not loaded, loaded\n"
        "from desktop_app.core import Library, OutcomeKind\n"
        "assert 'whoosh' in sys.modules\n"
    )
