"""The icon is drawn from its SVG into the forms each system's installer needs."""

from __future__ import annotations

import struct

import pytest
from installer_icons import ICNS_TYPES, ICO_SIZES, PNG_SIZES, render_png, write_icons
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage, QImageReader


def _images(data: bytes, image_format: bytes) -> list[QImage]:
    """Every image Qt's own reader finds in ``data``: a check independent of our writer."""
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, image_format)
    images = []
    for number in range(reader.imageCount()):
        reader.jumpToImage(number)
        images.append(reader.read())
    return images


def test_a_rendered_png_is_the_icon_at_that_size(qapp) -> None:
    image = QImage.fromData(render_png(48))
    assert (image.width(), image.height()) == (48, 48)
    # Opaque in the middle, transparent in the rounded corner.
    assert image.pixelColor(24, 24).alpha() == 255
    assert image.pixelColor(0, 0).alpha() == 0


def test_the_ico_holds_every_windows_size(qapp, tmp_path) -> None:
    write_icons(tmp_path)
    data = (tmp_path / "archive-browser.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(ICO_SIZES))
    sizes = sorted(image.width() for image in _images(data, b"ico"))
    assert sizes == sorted(ICO_SIZES)


def test_the_icns_holds_its_entries_and_reads_back(qapp, tmp_path) -> None:
    write_icons(tmp_path)
    data = (tmp_path / "archive-browser.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    kinds, offset = [], 8
    while offset < len(data):
        kind = data[offset : offset + 4]
        (length,) = struct.unpack(">I", data[offset + 4 : offset + 8])
        assert data[offset + 8 : offset + 16] == b"\x89PNG\r\n\x1a\n"
        kinds.append(kind)
        offset += length
    assert offset == len(data)
    assert kinds == [kind for kind, _size in ICNS_TYPES]
    largest = max(image.width() for image in _images(data, b"icns"))
    assert largest == 1024


@pytest.mark.parametrize("size", PNG_SIZES)
def test_each_linux_size_is_written(qapp, tmp_path, size) -> None:
    write_icons(tmp_path)
    image = QImage(str(tmp_path / f"archive-browser-{size}.png"))
    assert image.width() == size
