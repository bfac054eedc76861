"""Check a frozen Archive Browser as a user would run it: ``make package-check``.

    python packaging/check_bundle.py build/package/dist

Runs the frozen program from outside the source tree with a bare environment (no Python on
the path, an empty home), so nothing of the development install can help it, and checks that
it reports its version, imports the sample pages in its worker processes, finds them again by a
stemmed word, and opens its window on the library (offscreen, seen in its log file). Exits
non-zero, saying which step failed, when any does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "resources" / "sample-pages"
# How long the window may take to open on a slow machine before the check gives up.
_WINDOW_SECONDS = 60.0


class CheckFailed(Exception):
    """A step of the check went wrong; the message says which and how."""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", type=Path, help="PyInstaller's output folder (or the program)")
    args = parser.parse_args(argv)
    program = find_program(args.dist.resolve())
    with tempfile.TemporaryDirectory(prefix="archive-browser-check-") as scratch:
        try:
            for line in check(program, Path(scratch)):
                print(f"ok  {line}")
        except CheckFailed as failure:
            print(f"FAILED  {failure}", file=sys.stderr)
            return 1
    return 0


def find_program(dist: Path) -> Path:
    """The frozen command-line program in ``dist`` (or ``dist`` itself when it is one)."""
    if dist.is_file():
        return dist
    names = ["archive-browser/archive-browser", "archive-browser/archive-browser.exe",
             "Archive Browser.app/Contents/MacOS/archive-browser"]  # fmt: skip
    for name in names:
        if (dist / name).is_file():
            return dist / name
    raise SystemExit(f"no frozen program under {dist}: run `make package` first")


@dataclass(frozen=True)
class FrozenProgram:
    """The frozen program, run with a bare environment from a scratch folder."""

    path: Path
    scratch: Path

    @property
    def home(self) -> Path:
        return self.scratch / "home"

    @property
    def env(self) -> dict[str, str]:
        """Only what any desktop session has: a home, a system path, a UTF-8 locale."""
        home = str(self.home)
        env = {"HOME": home, "PATH": os.pathsep.join(["/usr/bin", "/bin"]), "LANG": "C.UTF-8"}
        if sys.platform == "win32":  # Windows starts no program without these
            env.update({name: os.environ[name] for name in ("SYSTEMROOT", "WINDIR", "TEMP")})
            env.update(USERPROFILE=home, APPDATA=home, LOCALAPPDATA=home)
        return env

    def run(self, *args: str) -> str:
        """What the program prints to its standard output; fails the check if it fails."""
        done = subprocess.run(
            [str(self.path), *args], env=self.env, cwd=self.scratch,
            capture_output=True, text=True, timeout=300, check=False,
        )  # fmt: skip
        if done.returncode != 0:
            raise CheckFailed(
                f"{self.path.name} {' '.join(args)}: exit code {done.returncode}\n"
                f"{done.stderr[-2000:]}"
            )
        return done.stdout

    def log(self) -> Path:
        """The log file the program writes in its (scratch) home."""
        found = sorted(self.home.rglob("archive-browser.log"))
        if not found:
            raise CheckFailed(f"no log file written under {self.home}")
        return found[0]

    def window_until(
        self, args: list[str], awaited: str, meanwhile: tuple[str, list[str]] | None = None
    ) -> tuple[float, list[str]]:
        """Run the window offscreen until the log gains a line holding ``awaited``; the
        seconds that took and the log lines written meanwhile. With ``meanwhile`` (a log
        line and a command), the command runs once the window has logged that line."""
        log = self.log()
        before = len(log.read_text(encoding="utf-8"))
        process = subprocess.Popen(
            [str(self.path), *args], env={**self.env, "QT_QPA_PLATFORM": "offscreen"},
            cwd=self.scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        started = time.monotonic()
        try:
            while time.monotonic() - started < _WINDOW_SECONDS:
                if process.poll() is not None:
                    output = process.stdout.read() if process.stdout else ""
                    raise CheckFailed(f"the window ended ({process.returncode}):\n{output}")
                lines = log.read_text(encoding="utf-8")[before:].splitlines()
                if any(awaited in line for line in lines):
                    return time.monotonic() - started, lines
                if meanwhile is not None and any(meanwhile[0] in line for line in lines):
                    self.run(*meanwhile[1])
                    meanwhile = None
                time.sleep(0.2)
            raise CheckFailed(f"no {awaited!r} in the log within {_WINDOW_SECONDS:.0f} s")
        finally:
            process.kill()
            process.wait()


def check(path: Path, scratch: Path) -> list[str]:
    """Run every step; the lines that say what passed."""
    program = FrozenProgram(path, scratch)
    program.home.mkdir(parents=True)
    return [
        _version(program),
        _import(program, scratch / "library"),
        _search(program, scratch / "library"),
        _open_window(program, scratch / "library"),
        _import_in_window(program, scratch / "window-library"),
        _hand_over(program, scratch / "handover-library"),
    ]


def _samples() -> int:
    return len([p for p in SAMPLES.iterdir() if p.suffix in {".html", ".txt"}])


def _expect_samples(program: FrozenProgram, library: Path, what: str) -> None:
    """Fail the check unless ``library`` lists one article per sample page."""
    listed = len(json.loads(program.run("list", "--library", str(library), "--json")))
    if listed != _samples():
        raise CheckFailed(f"{what}: {listed} articles listed, {_samples()} sample pages")


def _version(program: FrozenProgram) -> str:
    version = program.run("--version").strip()
    if not version.startswith("archive-browser "):
        raise CheckFailed(f"--version printed {version!r}")
    return version


def _import(program: FrozenProgram, library: Path) -> str:
    program.run("import", str(SAMPLES), "--library", str(library), "--quiet")
    _expect_samples(program, library, "import")
    if "worker processes" not in program.log().read_text(encoding="utf-8"):
        raise CheckFailed(f"import: the log {program.log()} shows no worker processes")
    return f"imported {_samples()} sample pages in worker processes"


def _search(program: FrozenProgram, library: Path) -> str:
    # The text says "lighthouses"; the stemmer must match the singular to it.
    found = program.run("search", "lighthouse", "--library", str(library))
    if "Fresnel" not in found:
        raise CheckFailed(f"search: 'lighthouse' did not find the Fresnel lens article:\n{found}")
    return "search found the article by a stemmed word"


def _open_window(program: FrozenProgram, library: Path) -> str:
    seconds, _lines = program.window_until(["--library", str(library)], "window open on")
    return f"window opened in {seconds:.1f} s"


def _import_in_window(program: FrozenProgram, library: Path) -> str:
    """``open`` the sample pages (as a file manager would) and wait for the window's import.

    The window starts its workers from a fork server (Linux, macOS) or spawns them (Windows),
    and both run the frozen program again; the command line's import, forked, does not."""
    args = ["open", str(SAMPLES), "--library", str(library)]
    seconds, lines = program.window_until(args, "import done:")
    workers = next((line for line in lines if "worker processes (" in line), "")
    if not workers or "(fork)" in workers:
        raise CheckFailed(f"the window's import did not start its own workers: {workers!r}")
    _expect_samples(program, library, "the window's import")
    method = workers.rsplit("(", 1)[-1].rstrip(")")
    return f"window imported {_samples()} pages in {seconds:.1f} s, workers by {method}"


def _hand_over(program: FrozenProgram, library: Path) -> str:
    """With the window open, a second start (a file manager's Open With) hands it the
    sample pages over a local socket and ends; the window imports them."""
    opened = ("open", str(SAMPLES), "--library", str(library))
    seconds, lines = program.window_until(
        ["--library", str(library)], "import done:", meanwhile=("window open on", list(opened))
    )
    if not any("handed over by another start" in line for line in lines):
        raise CheckFailed("the window imported, but not what another start handed over")
    _expect_samples(program, library, "the import handed over")
    return f"a second start handed {_samples()} pages to the open window ({seconds:.1f} s)"


if __name__ == "__main__":
    sys.exit(main())
