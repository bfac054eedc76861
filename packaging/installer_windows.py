"""A Windows setup program (``ArchiveBrowser-VERSION-setup.exe``), made by Inno Setup.

The script is ``archive-browser.iss``; its compiler, ``iscc``, only runs on Windows (Inno Setup
6, free). The setup installs for the current user without administrator rights, adds a Start
menu entry and an uninstaller.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).with_name("archive-browser.iss")
_DEFAULT_ISCC = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))


def build_setup(bundle: Path, icons: Path, version: str, out: Path) -> Path:
    """Compile the setup program for the frozen ``bundle`` folder into ``out``."""
    iscc = shutil.which("iscc") or str(_DEFAULT_ISCC / "Inno Setup 6" / "ISCC.exe")
    if not Path(iscc).is_file():
        raise RuntimeError("Inno Setup's iscc not found: install Inno Setup 6 to build the setup")
    subprocess.run(
        [iscc, f"/DAppVersion={version}", f"/DSourceDir={bundle}",
         f"/DIconFile={icons / 'archive-browser.ico'}", f"/O{out}", str(SCRIPT)],
        check=True,
    )  # fmt: skip
    return out / f"ArchiveBrowser-{version}-setup.exe"
