"""trafilatura's selectors, compiled to Python, find what its XPath finds on real pages."""

from __future__ import annotations

import gzip
from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html
from trafilatura import xpaths
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import Extractor

import archive_import.extractors  # noqa: F401 - installs the compiled selectors, as every import does
from archive_import.trafilatura_selectors import (
    SELECTOR_LISTS,
    CompiledSelector,
    as_shipped,
    install,
)
from tests.pages import PROJECT_ROOT, SHARED_FIXTURES

OWN_PAGES = sorted(
    [
        *(PROJECT_ROOT / "tests" / "archive_import" / "cases").glob("*.html"),
        *(PROJECT_ROOT / "resources" / "sample-pages").glob("*.html"),
    ]
)
BENCHMARK_PAGES = SHARED_FIXTURES.parent / "bench" / "extraction" / "html"


def _selectors() -> list[tuple[str, CompiledSelector]]:
    return [
        (f"{name}[{index}]", selector)
        for name in SELECTOR_LISTS
        for index, selector in enumerate(getattr(xpaths, name))
        if isinstance(selector, CompiledSelector)
    ]


def _trees(page: bytes) -> list[lxml_html.HtmlElement]:
    """The page as parsed, and as trafilatura's extraction sees it (cleaned, tags converted)."""
    tree = lxml_html.document_fromstring(page)
    options = Extractor(output_format="txt", tables=True, images=True, links=True)
    return [tree, convert_tags(tree_cleaning(deepcopy(tree), options), options)]


def _assert_same_elements(page: bytes, origin: str) -> None:
    for tree in _trees(page):
        for name, selector in _selectors():
            assert selector(tree) == selector.xpath(tree), f"{name} on {origin}"


def test_every_selector_of_the_extraction_lists_is_compiled() -> None:
    total = sum(len(getattr(xpaths, name)) for name in SELECTOR_LISTS)
    assert len(_selectors()) == total
    assert install() == total  # a second install finds them compiled and changes nothing


def test_selectors_are_compiled_in_the_lists_trafilatura_reads() -> None:
    from trafilatura import main_extractor

    assert isinstance(main_extractor.OVERALL_DISCARD_XPATH[0], CompiledSelector)
    assert isinstance(main_extractor.BODY_XPATH[0], CompiledSelector)


@pytest.mark.parametrize("page", OWN_PAGES, ids=lambda path: path.name)
def test_compiled_selectors_match_xpath_on_our_pages(page: Path) -> None:
    _assert_same_elements(page.read_bytes(), page.name)


def test_compiled_selectors_match_xpath_on_the_benchmark_pages() -> None:
    if not BENCHMARK_PAGES.is_dir():
        pytest.skip(f"benchmark pages not found at {BENCHMARK_PAGES}")
    pages = sorted(BENCHMARK_PAGES.glob("*.html.gz"))
    assert pages
    for page in pages:
        _assert_same_elements(gzip.decompress(page.read_bytes()), page.name)


def test_compiled_selectors_match_xpath_on_the_shared_fixtures(shared_fixtures: Path) -> None:
    pages = sorted(path for path in shared_fixtures.rglob("*.htm*") if path.is_file())
    assert pages
    for page in pages:
        try:
            _assert_same_elements(page.read_bytes(), page.name)
        except etree.ParserError:
            continue  # nothing to select in a page lxml cannot parse


def test_trafilatura_as_shipped_has_its_xpath_back_for_a_while() -> None:
    with as_shipped():
        assert all(
            isinstance(selector, etree.XPath)
            for name in SELECTOR_LISTS
            for selector in getattr(xpaths, name)
        )
    assert len(_selectors()) == sum(len(getattr(xpaths, name)) for name in SELECTOR_LISTS)


def test_a_selector_called_on_a_whole_document_answers_as_its_xpath_does() -> None:
    tree = lxml_html.document_fromstring(
        '<html class="post"><body><div class="post">x</div></body></html>'
    ).getroottree()
    for _, selector in _selectors():
        assert selector(tree) == selector.xpath(tree)
