"""The Debian package: its control file, its menu entry and its layout, built by dpkg-deb."""

from __future__ import annotations

import configparser
import shutil
import subprocess

import pytest
from installer_deb import DEPENDS, DESKTOP_ENTRY, PACKAGE, build_deb, control
from installer_icons import write_icons

DPKG_DEB = shutil.which("dpkg-deb") or "dpkg-deb"
needs_dpkg = pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="dpkg-deb not found")


def test_control_names_the_package_and_its_system_libraries() -> None:
    text = control("1.2.3", "amd64", 4096)
    fields = dict(line.split(": ", 1) for line in text.splitlines() if not line.startswith(" "))
    assert fields["Package"] == PACKAGE
    assert fields["Version"] == "1.2.3"
    assert fields["Installed-Size"] == "4096"
    assert fields["Depends"].split(", ") == list(DEPENDS)
    # A long description's lines start with a space; the file ends with a newline.
    assert text.endswith("\n")
    assert all(line.startswith(" ") for line in text.split("Description: ", 1)[1].splitlines()[1:])


def test_the_menu_entry_starts_the_installed_command() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read_string(DESKTOP_ENTRY)
    section = entry["Desktop Entry"]
    # Files opened with it from a file manager are imported as the window opens.
    assert section["Exec"] == f"/usr/bin/{PACKAGE} open %F"
    assert "application/warc" in section["MimeType"].split(";")
    assert section["Icon"] == PACKAGE
    assert section["Terminal"] == "false"


@needs_dpkg
def test_the_package_installs_the_program_its_command_menu_entry_and_icons(qapp, tmp_path) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / PACKAGE).write_text("#!/bin/sh\necho frozen\n")
    (bundle / PACKAGE).chmod(0o755)
    (bundle / "_internal" / "library.so").write_bytes(b"\0" * 4096)
    write_icons(tmp_path / "icons")
    out = tmp_path / "out"
    out.mkdir()

    package = build_deb(bundle, tmp_path / "icons", "1.2.3", out)

    assert package.name.startswith(f"{PACKAGE}_1.2.3_")
    listing = subprocess.run(
        [DPKG_DEB, "--contents", str(package)], check=True, capture_output=True, text=True
    ).stdout
    assert f"./usr/bin/{PACKAGE} -> /opt/{PACKAGE}/{PACKAGE}" in listing
    program = next(line for line in listing.splitlines() if line.endswith(f"/{PACKAGE}/{PACKAGE}"))
    assert program.startswith("-rwxr-xr-x root/root")
    assert f"./opt/{PACKAGE}/_internal/library.so" in listing
    assert f"./usr/share/applications/{PACKAGE}.desktop" in listing
    assert f"./usr/share/icons/hicolor/256x256/apps/{PACKAGE}.png" in listing
    info = subprocess.run(
        [DPKG_DEB, "--field", str(package), "Package", "Version"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert info.split() == ["Package:", PACKAGE, "Version:", "1.2.3"]
    # The staging folder is gone; only the package is left.
    assert [p.name for p in out.iterdir()] == [package.name]
