"""The application icon in every form an installer needs, drawn from its one SVG by Qt.

PNG files of the freedesktop sizes (Linux), an ``.ico`` (Windows) and an ``.icns`` (macOS).
The two container formats are written here directly: both hold PNG images behind a small
table, which every supported Windows and macOS version reads, so no system tool is needed and
any system can build any icon.
"""

from __future__ import annotations

import struct
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

SVG = Path(__file__).resolve().parents[1] / "desktop_app" / "gui" / "assets" / "archive-browser.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 256)
# The PNG-holding ICNS entry types and their pixel sizes (Retina types included).
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)  # fmt: skip


def render_png(size: int, svg: Path = SVG) -> bytes:
    """The icon as a square PNG of ``size`` pixels."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("a QGuiApplication must exist (QT_QPA_PLATFORM=offscreen will do)")
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a readable SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs ask for bytes where PySide6 itself takes only a str.
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO file holding ``pngs`` (size -> PNG data)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, images = b"", b""
    for size, data in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 stands for 256 in the one-byte fields
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns(pngs: dict[int, bytes]) -> bytes:
    """An ICNS file with every PNG entry type whose size is in ``pngs``."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES
        if size in pngs
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(folder: Path) -> None:
    """Write ``archive-browser-SIZE.png``, ``archive-browser.ico`` and ``.icns`` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    pngs = {size: render_png(size) for size in sizes}
    for size in PNG_SIZES:
        (folder / f"archive-browser-{size}.png").write_bytes(pngs[size])
    (folder / "archive-browser.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (folder / "archive-browser.icns").write_bytes(icns(pngs))
