"""Decoding follows the browsers' order and never loses a page to a wrong declaration."""

from __future__ import annotations

import pytest

from archive_import.decoding import codec_for_label, decode_text, meta_charsets

RUSSIAN = "Космонавт Алексей Леонов вышел в открытый космос. " * 8
JAPANESE = "日本語のテキストは文字コードを宣言しないことがある。" * 8


def test_byte_order_mark_wins_over_everything() -> None:
    data = b"\xef\xbb\xbf<meta charset=windows-1251><p>caf\xc3\xa9</p>"
    assert decode_text(data) == "<meta charset=windows-1251><p>café</p>"


def test_utf16_with_bom() -> None:
    assert decode_text("<p>Grüße</p>".encode("utf-16")) == "<p>Grüße</p>"


def test_container_charset_is_used_when_bytes_are_not_utf8() -> None:
    data = "<p>Ceci est déjà là</p>".encode("latin-1")
    assert decode_text(data, declared="iso-8859-1") == "<p>Ceci est déjà là</p>"


def test_meta_charset_decodes_windows_1251() -> None:
    data = f'<meta charset="windows-1251"><p>{RUSSIAN}</p>'.encode("cp1251")
    assert RUSSIAN in decode_text(data)


def test_placeholder_meta_is_passed_over_for_the_real_one() -> None:
    page = f'<meta charset="_CHARSET"><meta charset="windows-1251"><p>{RUSSIAN}</p>'
    assert RUSSIAN in decode_text(page.encode("cp1251"))


def test_meta_after_first_kilobyte_is_still_honoured() -> None:
    padding = "<!-- " + "x" * 1500 + " -->"
    page = f'<html><head>{padding}<meta charset="iso-8859-2"></head><p>Zażółć gęślą jaźń</p>'
    assert "Zażółć gęślą jaźń" in decode_text(page.encode("iso-8859-2"))


def test_iso_8859_1_means_windows_1252() -> None:
    data = b'<meta charset="iso-8859-1"><p>\x93quoted\x94 \x80 5</p>'
    assert "\u201cquoted\u201d \u20ac 5" in decode_text(data)


def test_gb2312_is_decoded_as_gb18030() -> None:
    assert codec_for_label("gb2312") == "gb18030"
    text = "新华网消息"
    data = f'<meta charset="gb2312"><p>{text}</p>'.encode("gb18030")
    assert text in decode_text(data)


def test_declared_utf8_with_stray_latin1_bytes_stays_utf8() -> None:
    data = '<meta charset="utf-8"><p>Grüße aus Köln</p><p>Mitgef'.encode() + b"\xfchl</p>"
    decoded = decode_text(data)
    assert "Grüße aus Köln" in decoded
    assert "Mitgef\ufffdhl" in decoded


def test_valid_utf8_beats_a_wrong_declaration() -> None:
    thai = "ภาษาไทยเป็นภาษาราชการของประเทศไทย"
    data = f'<meta charset="tis-620"><p>{thai}</p>'.encode()
    assert thai in decode_text(data)


@pytest.mark.parametrize(("text", "codec"), [(RUSSIAN, "cp1251"), (JAPANESE, "shift_jis")])
def test_undeclared_pages_are_detected(text: str, codec: str) -> None:
    assert text in decode_text(f"<p>{text}</p>".encode(codec))


def test_undecodable_label_is_ignored() -> None:
    assert codec_for_label("no-such-charset") is None
    assert meta_charsets(b'<meta charset="no-such-charset">') == []
