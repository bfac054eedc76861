"""Every real saved page of the formats read so far is imported, or refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_import import Found, InputError, Passed, discover, extract_file

# Folders of the shared fixtures holding formats this version reads (HTML and text).
READ_FOLDERS = ("encodings", "saved-page-complete", "plain-text")


def test_every_html_and_text_fixture_is_accounted_for(shared_fixtures: Path) -> None:
    outcomes: dict[str, str] = {}
    for item in discover([shared_fixtures / name for name in READ_FOLDERS]):
        if isinstance(item, Passed):
            outcomes[item.path.name] = f"passed: {item.reason}"
            continue
        assert isinstance(item, Found)
        try:
            articles = extract_file(item.path, item.format)
        except InputError as exc:
            outcomes[item.path.name] = f"refused: {exc}"
            continue
        for article in articles:
            assert article.title.strip(), item.path
            assert len(article.text) > 200, item.path
            assert "\ufffd" not in article.title, item.path
        outcomes[item.path.name] = "imported"
    refused = [r for r in outcomes.values() if r.startswith("refused")]
    assert all(r.split(": ", 1)[1].startswith(str(shared_fixtures)) for r in refused), refused
    imported = [name for name, result in outcomes.items() if result == "imported"]
    assert len(imported) >= 15, outcomes


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("encodings/pl-iso-8859-2-poradnik.html", "dziesiątej"),
        ("encodings/pl-windows-1250-rp.pl.html", "zagłosował"),
        ("encodings/de-iso-8859-1-winfuture.html", "Gebühren"),
        ("encodings/ru-windows-1251-zone-anime-blog.htm", "Информация"),
        ("encodings/zh-gb2312-xinhuanet-wayback.html", "新华"),
        ("encodings/de-declared-utf8-one-latin1-byte.html", "Hauptsächlich"),
    ],
)
def test_real_pages_decode_every_character(shared_fixtures: Path, name: str, words: str) -> None:
    [article] = extract_file(shared_fixtures / name)
    assert words in article.title + article.text
