"""Build Archive Browser's installer for the system this runs on: ``make package``.

    python packaging/build_installer.py [--out dist]

PyInstaller freezes the program, with Python, Qt and every library it uses, into one folder
(``archive_browser.spec``); that folder is then wrapped as the system expects:

- Linux: a ``.deb`` (Debian, Ubuntu…) and a ``.tar.gz`` of the folder for any other system;
- macOS: ``Archive Browser.app`` in a ``.dmg``;
- Windows: a setup program from Inno Setup, and a ``.zip`` of the folder.

PyInstaller builds for the system it runs on only, so each installer is built on its system.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from installer_icons import write_icons  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from desktop_app import __version__  # noqa: E402

SPEC = Path(__file__).with_name("archive_browser.spec")
NAME = "archive-browser"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where installers go")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    work = ROOT / "build" / "package"
    out.mkdir(parents=True, exist_ok=True)
    # Qt draws the icons from their SVG; it needs an application object to exist meanwhile.
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    write_icons(work / "icons")
    bundle = freeze(work)
    for made in wrap(bundle, work / "icons", out):
        print(f"{made}  ({made.stat().st_size / 1e6:.1f} MB)")
    return 0


def freeze(work: Path) -> Path:
    """Run PyInstaller; the frozen program's folder (the ``.app`` on macOS)."""
    env = {**os.environ, "ICON_DIR": str(work / "icons"), "APP_VERSION": __version__}
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(work / "dist"), "--workpath", str(work / "pyinstaller")],
        check=True,
        env=env,
    )  # fmt: skip
    if sys.platform == "darwin":
        return work / "dist" / "Archive Browser.app"
    return work / "dist" / NAME


def wrap(bundle: Path, icons: Path, out: Path) -> list[Path]:
    """The system's installers of the frozen ``bundle``, written into ``out``."""
    if sys.platform == "darwin":
        from installer_macos import build_dmg

        return [build_dmg(bundle, __version__, out)]
    if sys.platform == "win32":
        from installer_windows import build_setup

        archive = shutil.make_archive(str(out / f"ArchiveBrowser-{__version__}-windows"), "zip",
                                      bundle.parent, bundle.name)  # fmt: skip
        return [build_setup(bundle, icons, __version__, out), Path(archive)]
    from installer_deb import build_deb

    made = [_tarball(bundle, out)]
    if shutil.which("dpkg-deb"):
        made.insert(0, build_deb(bundle, icons, __version__, out))
    else:
        print("dpkg-deb not found: no .deb built (the .tar.gz runs anywhere)", file=sys.stderr)
    return made


def _tarball(bundle: Path, out: Path) -> Path:
    machine = os.uname().machine
    path = out / f"{NAME}-{__version__}-linux-{machine}.tar.gz"
    with tarfile.open(path, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{NAME}-{__version__}")
    return path


if __name__ == "__main__":
    sys.exit(main())
