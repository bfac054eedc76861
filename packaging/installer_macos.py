"""A disk image (``.dmg``) holding ``Archive Browser.app``, dragged to Applications to install.

Built with ``hdiutil``, which only macOS has. The app is not signed or notarised: on first
start, macOS asks the user to open it from the context menu (see the README).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

VOLUME = "Archive Browser"


def build_dmg(app: Path, version: str, out: Path) -> Path:
    """Build ``ArchiveBrowser-VERSION.dmg`` from the ``.app`` bundle ``app`` into ``out``."""
    if shutil.which("hdiutil") is None:
        raise RuntimeError("hdiutil not found: a .dmg can only be built on macOS")
    staging = out / "dmg"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    shutil.copytree(app, staging / app.name, symlinks=True)
    (staging / "Applications").symlink_to("/Applications")
    image = out / f"ArchiveBrowser-{version}.dmg"
    subprocess.run(
        ["hdiutil", "create", "-volname", VOLUME, "-srcfolder", str(staging), "-ov",
         "-format", "UDZO", str(image)],
        check=True,
    )  # fmt: skip
    shutil.rmtree(staging)
    return image
