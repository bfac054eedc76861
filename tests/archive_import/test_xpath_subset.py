"""XPath selectors compiled to Python find what libxml2 finds, in the same order."""

from __future__ import annotations

import pytest
from lxml import etree
from lxml import html as lxml_html

from archive_import.xpath_subset import Unsupported, compile_selector

REGEXP = {"re": "http://exslt.org/regular-expressions"}

PAGE = """<html><head><title>t</title></head><body>
<!-- a comment is not an element --><?pi not one either?>
<div class="post" id="main-content">
  <p id="reply-1" class="note">first</p>
  <p class="reply-2" id="note">second: class written before id</p>
  <p id="x" class="reply-3">third: id written before class</p>
  <section class="Comments hidden"><h1>Heading</h1><p class="teaser">t</p></section>
  <div class="" id="">empty attributes</div>
  <div role="Navigation" style="display: none">hidden</div>
</div>
<main><article class="ArticleBody"><p>one</p><p class="teaser">two</p></article></main>
<div class="sidebar"><ul><li class="x">a</li><li class="x">b</li></ul></div>
<div id="CoMain-Content"><span class="share-buttons">s</span></div>
</body></html>"""

SELECTORS = [
    ".//*[@class='post']",
    ".//p[@id|@class='note']",
    ".//*[starts-with(@id|@class, 'reply-')]",
    ".//*[re:test(@id|@class, '^reply-')]",
    ".//*[re:test(@class, '^$')]",
    ".//*[re:test(@class, 'articlebody', 'i')]",
    ".//*[re:test(@class, '(?:^| )hidden')]",
    ".//*[self::div or self::section][contains(@class, 'omment')]",
    ".//*[self::div or self::p][contains(@class, '')]",
    ".//*[contains(translate(@id, 'CM', 'cm'), 'main-content')]",
    ".//*[translate(@class, 'xyz', 'X')]",
    ".//*[translate(@role, 'N', 'n')='navigation']",
    ".//*[contains(@style, 'display: none') or @aria-hidden='true']",
    ".//*[self::section or self::article][not(.//h1)]",
    ".//*[self::section][.//h1]",
    ".//*[@class and not(@id)]",
    ".//*[self::li or self::p][@class][1]",
    ".//*[self::article or self::div][@class or @id][1]",
    "(.//*[@class])[1]",
    "(.//p)[1]|(.//main)[1]",
    ".//span|.//section",
    "(.//*[self::div][starts-with(@id, 'main')])[1]",
    ".//*[(@id or @class) and re:test(@class, 'x')]",
]


def _tags(found: list[etree._Element]) -> list[str]:
    return [f"{element.tag}:{element.text}" for element in found]


@pytest.mark.parametrize("path", SELECTORS)
def test_compiled_selector_finds_the_elements_libxml2_finds(path: str) -> None:
    root = lxml_html.document_fromstring(PAGE)
    expected = etree.XPath(path, namespaces=REGEXP)(root)
    found = compile_selector(path)(root)
    assert found == expected, (_tags(found), _tags(expected))


def test_the_test_page_gives_every_selector_something_to_tell_apart() -> None:
    root = lxml_html.document_fromstring(PAGE)
    counts = [len(etree.XPath(path, namespaces=REGEXP)(root)) for path in SELECTORS]
    assert all(count > 0 for count in counts)


def test_an_attribute_union_is_read_in_the_order_the_attributes_are_written() -> None:
    root = lxml_html.document_fromstring(PAGE)
    found = compile_selector(".//p[starts-with(@id|@class, 'reply-')]")(root)
    assert [element.text for element in found] == ["first", "second: class written before id"]


def test_a_position_in_a_step_counts_among_siblings_and_in_parentheses_over_the_page() -> None:
    root = lxml_html.document_fromstring(PAGE)
    per_parent = compile_selector(".//li[@class='x'][1]")(root)
    whole_page = compile_selector("(.//li[@class='x'])[1]")(root)
    assert [element.text for element in per_parent] == ["a"]
    assert [element.text for element in compile_selector(".//*[@class][1]")(root)] == [
        element.text for element in root.xpath(".//*[@class][1]")
    ]
    assert whole_page == per_parent


def test_selectors_work_below_the_root() -> None:
    root = lxml_html.document_fromstring(PAGE)
    article = root.find(".//article")
    assert article is not None
    path = ".//*[contains(@class, 'teaser')]"
    assert compile_selector(path)(article) == etree.XPath(path)(article)
    assert [element.text for element in compile_selector(path)(article)] == ["two"]


@pytest.mark.parametrize(
    "path",
    [
        "//div",
        ".//a/b",
        ".//*[rel='me']",
        ".//*[position() > 2]",
        ".//*[2]",
        ".//*[@class][1][@id]",
        ".//*[local-name()='svg']",
        ".//*[re:test(@class, '(')]",
        ".//*[contains(@class)]",
        ".//*[re:test(@class, 'a')='b']",
        ".//*[@class=@id]",
    ],
)
def test_xpath_beyond_the_subset_is_refused(path: str) -> None:
    with pytest.raises(Unsupported):
        compile_selector(path)
