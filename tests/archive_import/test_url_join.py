"""Joining a page's references to its URL gives exactly what urllib's urljoin gives."""

from __future__ import annotations

import gzip
import re
from itertools import product
from urllib.parse import urljoin

from archive_import.url_join import join
from tests.pages import PROJECT_ROOT, SHARED_FIXTURES

BASES = [
    "https://site.example/news/2024/story.html",
    "https://site.example",
    "HTTPS://Site.Example:8443/a/b/",
    "http://user:pw@[2001:db8::1]/x;p?q=1#f",
    "file:///home/reader/saved/page.html",
    "ftp://files.example/pub/",
    "zip:///archive/page.html",
    "",
]
REFERENCES = [
    "/section/page.html", "/", "/a//b", "/a/./b", "/a/../b", "/a/.", "/a/..", "/.hidden/x",
    "/a?b=1", "/a?", "/a#", "/a?#f", "/a#f?", "/a#x/../y", "/a;params", "/a\\b", "/a\tb",
    "/a\nb", "/a b", "/ümlaut/ç", "/a:b", "/%2e%2e/x", "/a?x=/../y", "/a#b#c", "//cdn.example/x",
    "relative/x", "../up", "?q", "#top", "https://other.example/y", "mailto:desk@site.example",
]  # fmt: skip


def _hrefs(text: str) -> set[str]:
    return set(re.findall(r'href="([^"]*)"', text))


def test_join_agrees_with_urljoin_on_every_kind_of_reference() -> None:
    for base, reference in product(BASES, REFERENCES):
        assert join(base, reference) == urljoin(base, reference), (base, reference)


def test_join_agrees_with_urljoin_on_the_links_of_real_pages() -> None:
    own = PROJECT_ROOT.glob("resources/**/*.html")
    pages = [path.read_text("utf-8", "replace") for path in own]
    # The benchmark pages, when ../shared is there: some 15,000 links of real sites.
    benchmark = SHARED_FIXTURES.parent / "bench" / "extraction" / "html"
    for page in benchmark.glob("*.html.gz"):
        pages.append(gzip.decompress(page.read_bytes()).decode("utf-8", "replace"))
    references = set().union(*map(_hrefs, pages))
    assert references
    for base, reference in product(BASES[:4], sorted(references)):
        assert join(base, reference) == urljoin(base, reference), (base, reference)
