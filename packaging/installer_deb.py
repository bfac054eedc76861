"""A Debian package (``.deb``) of the frozen program, for Debian, Ubuntu and their kin.

The program goes to ``/opt/archive-browser``, the command to ``/usr/bin/archive-browser``, the
menu entry and icons to where desktops look for them. PyInstaller bundles the X, xcb and
font libraries it finds on the build machine, but never libGL and libEGL, which must match
the system's drivers; the package depends on all of them, so that a build made where some
were missing (a bare CI machine) still finds them on the user's system.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PACKAGE = "archive-browser"
INSTALL_DIR = Path("opt") / PACKAGE
# Debian 12 / Ubuntu 22.04 names of what Qt's xcb platform and its fonts load.
DEPENDS = (
    "libgl1", "libegl1", "libfontconfig1", "libfreetype6", "libdbus-1-3", "libglib2.0-0",
    "libxkbcommon0", "libxkbcommon-x11-0", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0",
    "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1",
    "libx11-xcb1",
)  # fmt: skip
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
DESKTOP_ENTRY = """[Desktop Entry]
Type=Application
Name=Archive Browser
GenericName=Offline library of saved web pages
Comment=Search and read your saved web pages, offline
Exec=/usr/bin/archive-browser open %F
Icon=archive-browser
Terminal=false
Categories=Office;Education;Viewer;
MimeType=application/x-mimearchive;multipart/related;application/warc;application/x-webarchive;
Keywords=archive;web;pages;search;reader;offline;
StartupWMClass=archive-browser
"""


def control(version: str, architecture: str, installed_kib: int) -> str:
    """The package's ``DEBIAN/control`` file."""
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version}\n"
        f"Architecture: {architecture}\n"
        "Maintainer: Archive Browser maintainers <archive-browser@localhost>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEPENDS)}\n"
        "Section: utils\n"
        "Priority: optional\n"
        "Description: private, searchable, offline library of saved web pages\n"
        " Archive Browser imports saved web pages in every common format (HTML with its\n"
        " files folder, SingleFile, MHTML, WARC and WACZ, webarchive, MAFF, text), keeps\n"
        " each page's article and metadata, and searches and shows them with no network.\n"
    )


def build_deb(bundle: Path, icons: Path, version: str, out: Path) -> Path:
    """Build the ``.deb`` of the frozen ``bundle`` folder into ``out``; returns its path."""
    architecture = _dpkg("--print-architecture")
    staging = out / f"{PACKAGE}_{version}_{architecture}"
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(bundle, staging / INSTALL_DIR, symlinks=True)
    command = staging / "usr" / "bin" / PACKAGE
    command.parent.mkdir(parents=True)
    command.symlink_to(Path("/") / INSTALL_DIR / PACKAGE)
    applications = staging / "usr" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / f"{PACKAGE}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
    for size in ICON_SIZES:
        target = staging / "usr/share/icons/hicolor" / f"{size}x{size}" / "apps" / f"{PACKAGE}.png"
        target.parent.mkdir(parents=True)
        shutil.copyfile(icons / f"{PACKAGE}-{size}.png", target)
    debian = staging / "DEBIAN"
    debian.mkdir()
    installed_kib = _size(staging) // 1024 + 1
    (debian / "control").write_text(control(version, architecture, installed_kib), "utf-8")
    package = out / f"{staging.name}.deb"
    # xz at its default level: what every dpkg since Debian 7 reads.
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(staging), str(package)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    shutil.rmtree(staging)
    return package


def _dpkg(*args: str) -> str:
    done = subprocess.run(["dpkg", *args], check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
