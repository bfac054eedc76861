"""Every real saved page in the shared fixtures is imported, or refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_import import Found, InputError, Passed, discover, extract_file

# The manifest and the format notes are not saved pages; the JSON files are ground truth.
NOT_PAGES = {"README.md", "MANIFEST.tsv", "trafilatura-expected.json"}
# Files that hold no article, each checked by hand: they must be refused, with a reason.
NO_ARTICLE = {
    "mhtml/broken-missing_boundary.mhtml",  # the four broken-* files hold only a <head>
    "mhtml/broken-missing_boundary_header.mhtml",
    "mhtml/broken-missing_headers.mhtml",
    "mhtml/broken-unexpected_eof.mhtml",
    "warc/example-digest.warc",  # request records only
    "warc/post-test.warc.gz",  # POST requests and JSON answers
    "webarchive/adele-for-vogue-in-2021.webarchive",  # a lone image
    "webarchive/crouton.webarchive",  # one line of text and an image
    "maff-webscrapbook/maff-bad-3-dir-rdf-malformed.maff",  # the two words "main page"
    "encodings/th-declared-tis620-actually-utf8.htm",  # only meta keywords, an empty body
}


def _outcomes(root: Path) -> dict[str, str]:
    outcomes: dict[str, str] = {}
    for item in discover([root]):
        name = item.path.relative_to(root).as_posix()
        if isinstance(item, Passed):
            outcomes[name] = f"passed: {item.reason}"
            continue
        assert isinstance(item, Found)
        try:
            articles = extract_file(item.path, item.format)
        except InputError as exc:
            outcomes[name] = f"refused: {exc}"
            continue
        for article in articles:
            assert article.title.strip(), name
            assert article.text.strip(), name
            assert "\ufffd" not in article.title, name
        outcomes[name] = f"imported {len(articles)}"
    return outcomes


def test_every_shared_fixture_is_accounted_for(shared_fixtures: Path) -> None:
    outcomes = _outcomes(shared_fixtures)
    refused = {n: r for n, r in outcomes.items() if r.startswith("refused")}
    # A refusal names the file and gives a reason after it.
    for name, reason in refused.items():
        assert reason.startswith(f"refused: {shared_fixtures / name}: "), reason
        assert len(reason.split(": ", 2)[2]) > 10, reason
    passed = {n for n, r in outcomes.items() if r.startswith("passed")}
    assert passed <= NOT_PAGES | {n for n in outcomes if n.endswith(".json")}, passed
    assert set(refused) == NO_ARTICLE
    imported = [n for n, r in outcomes.items() if r.startswith("imported")]
    assert len(imported) + len(refused) + len(passed) == len(outcomes)
    for folder in ("encodings", "saved-page-complete", "mhtml", "warc", "webarchive",
                   "maff-webscrapbook", "plain-text"):  # fmt: skip
        assert any(n.startswith(folder + "/") for n in imported), folder


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
