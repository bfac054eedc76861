"""Class and id names matched against a vocabulary, element by element, in document order."""

from __future__ import annotations

from lxml import html as lxml_html

from archive_import.markup_names import PageNames, name_pattern

PAGE = """<html><body>
<div class="read">A</div><div class="more">B</div>
<div id="relatedPosts">C</div>
<p class="no-ads">D</p>
<aside class="sidebar ads-top">E</aside>
<section class="article read-more">F</section>
<span class="teaser
 read_more">G</span>
</body></html>"""


def _texts(pattern_names: list[str]) -> list[str]:
    names = PageNames(lxml_html.document_fromstring(PAGE))
    return [element.text for element in names.matching(name_pattern(pattern_names))]


def test_words_of_a_name_match_joined_by_dashes_underscores_or_case() -> None:
    assert _texts(["read more"]) == ["F", "G"]
    assert _texts(["related"]) == ["C"]


def test_two_neighbouring_elements_never_make_one_name() -> None:
    # "read" on one element and "more" on the next are not "read more".
    assert "A" not in _texts(["read more"])
    assert _texts(["read"]) == ["A", "F", "G"]


def test_a_denied_word_does_not_match_and_document_order_is_kept() -> None:
    assert _texts(["ads", "related"]) == ["C", "E"]
