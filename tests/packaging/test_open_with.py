""" "Open With" on each system: the same archive formats, each opened with ``open``."""

from __future__ import annotations

import ast
import re
from pathlib import Path

_PACKAGING = Path(__file__).resolve().parents[2] / "packaging"


def _macos_extensions() -> set[str]:
    spec = (_PACKAGING / "archive_browser.spec").read_text("utf-8")
    listed = re.search(r'"CFBundleTypeExtensions": (\[[^\]]*\])', spec)
    assert listed is not None
    return set(ast.literal_eval(listed.group(1)))


def _windows_lines() -> list[str]:
    script = (_PACKAGING / "archive-browser.iss").read_text("utf-8")
    return [line for line in script.splitlines() if line.startswith("Root: HKA;")]


def test_windows_offers_open_with_for_the_formats_the_mac_app_does() -> None:
    offered = {
        match.group(1)
        for line in _windows_lines()
        if (match := re.search(r'Classes\\\.(\w+)\\OpenWithProgids"', line))
    }
    assert offered == _macos_extensions()
    assert "html" not in offered
    assert "htm" not in offered


def test_windows_opens_them_with_the_open_command_of_the_windowed_program() -> None:
    [command] = [line for line in _windows_lines() if "shell\\open\\command" in line]
    assert 'ValueData: """{app}\\Archive Browser.exe"" open ""%1"""' in command
    # Every extension's entry names the program's class that command belongs to.
    classes = {
        re.search(r'ValueName: "([^"]+)"', line).group(1)  # type: ignore[union-attr]
        for line in _windows_lines()
        if "OpenWithProgids" in line
    }
    assert classes == {"ArchiveBrowser.SavedPage"}
