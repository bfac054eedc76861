"""Bytes to text in the browsers' order: BOM, container charset, <meta>, detection, windows-1252."""

from __future__ import annotations

import codecs
import logging
import re

from charset_normalizer import from_bytes

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# WHATWG's encoding standard maps these labels to a superset; decoding with the label's
# own codec would turn 0x80-0x9F into control characters or reject valid bytes.
_WHATWG_SUPERSETS = {
    "ascii": "cp1252",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "iso8859_9": "cp1254",
    "iso8859_11": "cp874",
    "tis_620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_PRESCAN_BYTES = 1024
# Browsers re-decode when the parser meets a later <meta charset> in the head; so do we.
_HEAD_BYTES = 65_536


def codec_for_label(label: str | None) -> str | None:
    """The Python codec that decodes text declared as ``label``, or None if unknown."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip().strip("\"'").lower()).name
    except LookupError:
        return None
    name = name.replace("-", "_")
    return _WHATWG_SUPERSETS.get(name, name)


def sniff_bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, if there is one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def meta_charsets(data: bytes) -> list[str]:
    """Codecs declared by ``<meta>`` tags: the first 1024 bytes first, then the rest of the head."""
    early = _declared_in(data[:_PRESCAN_BYTES])
    if early:
        return early
    head_end = data.find(b"</head", 0, _HEAD_BYTES)
    return _declared_in(data[: head_end if head_end > 0 else _HEAD_BYTES])


def _declared_in(chunk: bytes) -> list[str]:
    found = (codec_for_label(m.decode("ascii", "ignore")) for m in _META_CHARSET.findall(chunk))
    # A UTF-16 label inside bytes we could read as ASCII is a lie: the WHATWG rule is UTF-8.
    return [("utf_8" if c.startswith("utf_16") else c) for c in found if c]


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode a page's bytes; never fails, picks the most trustworthy encoding available."""
    bom = sniff_bom(data)
    if bom:
        return data[bom[1] :].decode(bom[0], errors="replace")
    if _is_strict_utf8(data):
        # Valid multi-byte UTF-8 is vanishingly unlikely in any other encoding, so it beats
        # a declaration (pages declaring tis-620 or windows-1251 but holding UTF-8 exist).
        return data.decode("utf-8")
    for codec in [codec_for_label(declared), *meta_charsets(data)]:
        if codec:
            return data.decode(codec, errors="replace")
    return _detect_and_decode(data)


def _is_strict_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detect_and_decode(data: bytes) -> str:
    best = from_bytes(data[:200_000]).best()
    codec = codec_for_label(best.encoding) if best is not None else None
    log.debug("no declared charset; detector chose %s", codec)
    return data.decode(codec or "cp1252", errors="replace")
