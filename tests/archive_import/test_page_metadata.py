"""Page metadata: each field from each source, the order of trust, and odd real pages."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path

import pytest
from lxml import html as lxml_html
from trafilatura.utils import load_html

from archive_import.decoding import decode_text
from archive_import.page_metadata import (
    PageMetadata,
    declared_metadata,
    page_metadata,
    with_article_text,
)
from tests.pages import FILLER, SHARED_FIXTURES

BENCH_PAGES = SHARED_FIXTURES.parent / "bench" / "extraction" / "html"
ENGLISH = FILLER * 3
RUSSIAN = (
    "Старая библиотека в центре города была построена более ста лет назад, и она до сих пор "
    "остаётся одним из самых посещаемых мест. Каждое утро люди приходят сюда, чтобы почитать "
    "газеты или взять книги для своих детей, и это их очень радует."
)


def tree(head: str = "", body: str = "", *, lang: str | None = None) -> lxml_html.HtmlElement:
    lang_attribute = f' lang="{lang}"' if lang else ""
    return lxml_html.document_fromstring(
        f"<!DOCTYPE html><html{lang_attribute}><head>{head}</head><body>{body}</body></html>"
    )


def meta(key: str, content: str, attribute: str = "name") -> str:
    return f'<meta {attribute}="{key}" content="{content}">'


def og(key: str, content: str) -> str:
    return meta(key, content, "property")


def json_ld(value: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(value)}</script>'


def read(head: str = "", body: str = "", **options: str) -> PageMetadata:
    return page_metadata(tree(head, body), **options)


# --- title -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    ["Rain returns to the valley | Valley News", "Rain returns to the valley - Valley News",
     "Rain returns to the valley – Valley News",  # noqa: RUF001 — the en dash is the case.
     "Rain returns to the valley — Valley News",
     "Rain returns to the valley :: Valley News", "Rain returns to the valley · Valley News",
     "Valley News | Rain returns to the valley", "Valley News — Rain returns to the valley",
     "Valley News - Rain returns to the valley"],
)  # fmt: skip
def test_the_site_name_is_cut_from_either_end_of_the_title(title: str) -> None:
    found = read(f"<title>{title}</title>" + og("og:site_name", "Valley News"))
    assert found.title == "Rain returns to the valley"


def test_the_site_is_recognised_by_its_domain() -> None:
    found = read(
        "<title>Rain returns to the valley - ValleyNews.com</title>",
        page_url="https://www.valleynews.com/2021/rain",
    )
    assert found.title == "Rain returns to the valley"


def test_a_section_after_the_site_name_goes_too_when_og_title_confirms_the_cut() -> None:
    head = "<title>Rain returns | Weather | News | The Valley Times</title>"
    assert read(head + og("og:title", "Rain returns")).title == "Rain returns"
    headline = json_ld({"@type": "NewsArticle", "headline": "Rain returns"})
    assert read(head + headline).title == "Rain returns"


def test_a_part_of_the_headline_that_looks_like_a_separator_is_kept() -> None:
    head = "<title>COVID-19 in 2021 - a year in review | Valley News</title>"
    found = read(head + og("og:site_name", "Valley News"))
    assert found.title == "COVID-19 in 2021 - a year in review"


def test_a_title_without_the_site_name_is_kept_whole() -> None:
    found = read("<title>Apples - and why we love them</title>" + og("og:site_name", "Fruit"))
    assert found.title == "Apples - and why we love them"


def test_a_title_that_is_only_the_site_name_gives_way_to_og_title() -> None:
    head = "<title>Valley News</title>" + og("og:site_name", "Valley News")
    assert read(head + og("og:title", "Rain returns")).title == "Rain returns"


def test_an_h1_holding_the_logo_text_does_not_make_the_site_the_title() -> None:
    head = "<title>Valley News | Rain returns</title>" + og("og:site_name", "Valley News")
    assert read(head, "<h1>Valley News</h1>").title == "Rain returns"


def test_a_logo_h1_in_the_page_header_confirms_nothing() -> None:
    head = "<title>Wind power - clean energy | Wind Foundation</title>"
    body = "<header><h1>Wind Foundation</h1></header><article><p>text</p></article>"
    assert read(head, body).title == "Wind power - clean energy | Wind Foundation"
    body = "<article><header><h1>Wind power - clean energy</h1></header></article>"
    assert read(head, body).title == "Wind power - clean energy"


def test_without_a_title_element_the_headline_stands_in() -> None:
    assert read("", "<article><h1>Rain returns</h1></article>").title == "Rain returns"
    head = og("og:title", "Rain returns | Valley News") + og("og:site_name", "Valley News")
    assert read(head).title == "Rain returns"


def test_title_entities_are_decoded() -> None:
    assert read("<title>Tom &amp;amp; Jerry &#8211; a history</title>").title == (
        "Tom & Jerry – a history"  # noqa: RUF001 — &#8211; is an en dash.
    )


# --- authors -------------------------------------------------------------------------------


def test_authors_from_a_json_ld_list_of_people() -> None:
    article = {"@type": "NewsArticle", "author": [
        {"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"},
        {"@type": "Person", "name": "jane doe"}]}  # fmt: skip
    assert read(json_ld(article)).authors == ("Jane Doe", "John Roe")


def test_authors_from_one_json_ld_person() -> None:
    article = {"@type": "BlogPosting", "author": {"@type": "Person", "name": "Jane Doe"}}
    assert read(json_ld(article)).authors == ("Jane Doe",)


def test_authors_from_a_json_ld_string_joined_with_and() -> None:
    article = {"@type": "Article", "author": "By Jane Doe and John Roe"}
    assert read(json_ld(article)).authors == ("Jane Doe", "John Roe")


def test_authors_referred_to_by_id_in_a_graph() -> None:
    person = "https://x.example/#/person/1"
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "author": {"@id": person}},
        {"@type": "Person", "@id": person, "name": "Jane Doe"}]}  # fmt: skip
    assert read(json_ld(graph)).authors == ("Jane Doe",)


def test_authors_from_meta_without_by_or_job_title() -> None:
    head = meta("author", "By Jane Doe, Staff Writer")
    assert read(head).authors == ("Jane Doe",)


def test_authors_from_a_byline_in_the_page() -> None:
    body = '<article><p class="byline">By JANE DOE and JOHN ROE, Staff Writers</p></article>'
    assert read("", body).authors == ("Jane Doe", "John Roe")


def test_one_name_per_citation_author_turned_around() -> None:
    head = meta("citation_author", "Doe, Jane") + meta("citation_author", "Roe, John")
    assert read(head).authors == ("Jane Doe", "John Roe")


def test_the_site_an_address_or_a_profile_url_is_no_author() -> None:
    article = {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Valley News"}}
    head = json_ld(article) + og("og:site_name", "Valley News")
    head += og("article:author", "https://facebook.com/jane.doe") + meta("author", "jane@x.org")
    assert read(head).authors == ()
    assert read(head + meta("byl", "By Jane Doe")).authors == ("Jane Doe",)


# --- dates ---------------------------------------------------------------------------------

SOURCES = [
    ("json-ld", json_ld({"@type": "NewsArticle", "datePublished": "2021-03-10T08:00:00Z"}), "",
     "2021-03-10T08:00:00+00:00"),
    ("og", og("article:published_time", "2021-03-11T09:00:00+01:00"), "",
     "2021-03-11T09:00:00+01:00"),
    ("meta", meta("date", "2021-03-12"), "", "2021-03-12"),
    ("time", "", '<article><time datetime="2021-03-13T10:00">13 March</time></article>',
     "2021-03-13T10:00:00"),
    ("url", "", "<p>Nothing else says when.</p>", "2021-03-14"),
]  # fmt: skip


@pytest.mark.parametrize("level", range(len(SOURCES)))
def test_published_comes_from_the_most_trusted_source(level: int) -> None:
    kept = SOURCES[level:]
    head = "".join(source[1] for source in kept)
    body = "".join(source[2] for source in kept)
    found = read(head, body, page_url="https://x.example/2021/03/14/story")
    assert found.published == kept[0][3]


def test_published_from_the_url_when_the_page_says_nothing() -> None:
    found = read("", "<p>text</p>", page_url="https://x.example/news/2021/03/14/story.html")
    assert found.published == "2021-03-14"


def test_published_from_the_text_as_a_last_resort() -> None:
    found = read("", "", text="Published 14 March 2021. The council met again on Tuesday.")
    assert found.published == "2021-03-14"


@pytest.mark.parametrize(
    ("raw", "iso"),
    [("2021-03-14T09:30:00.000Z", "2021-03-14T09:30:00+00:00"),
     ("2021-03-14T09:30:00+0530", "2021-03-14T09:30:00+05:30"),
     ("2021-03-14 9:30:00 -0800", "2021-03-14T09:30:00-08:00"),
     ("Sun, 14 Mar 2021 09:30:00 GMT", "2021-03-14T09:30:00+00:00"),
     ("2021/03/14", "2021-03-14"), ("20210314", "2021-03-14"), ("March 14, 2021", "2021-03-14"),
     ("14. März 2021", "2021-03-14"), ("14 de marzo de 2021", "2021-03-14"),
     ("14.03.2021", "2021-03-14"), ("1615714200", "2021-03-14T09:30:00+00:00")],
)  # fmt: skip
def test_dates_are_normalised_to_iso_8601(raw: str, iso: str) -> None:
    assert read(og("article:published_time", raw)).published == iso


@pytest.mark.parametrize("raw", ["0001-01-01T00:00:00Z", "1985-06-01", "2999-01-01", "03/04/2021",
                                 "2021-02-30", "soon"])  # fmt: skip
def test_impossible_or_ambiguous_dates_give_way_to_the_next_source(raw: str) -> None:
    head = json_ld({"@type": "Article", "datePublished": raw}) + meta("date", "2020-05-06")
    assert read(head).published == "2020-05-06"


def test_tomorrow_is_still_possible() -> None:
    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    assert read(meta("date", tomorrow)).published == tomorrow


def test_a_marked_time_in_the_article_beats_a_sidebar_time() -> None:
    body = (
        '<header><time datetime="2021-01-01">Today</time></header>'
        '<aside><time class="published" datetime="2020-01-01">teaser</time></aside>'
        '<article><header><time datetime="2021-03-14">14 March</time></header>'
        '<p><time datetime="2021-03-20" itemprop="dateModified">20 March</time></p></article>'
    )
    found = read("", body)
    assert (found.published, found.modified) == ("2021-03-14", "2021-03-20")
    assert read("", '<header><time datetime="2021-01-01">Today</time></header>').published is None


def test_modified_from_each_source_in_order() -> None:
    ld = json_ld({"@type": "Article", "datePublished": "2021-03-01", "dateModified": "2021-03-05"})
    og_modified = og("article:modified_time", "2021-03-06")
    assert read(ld + og_modified).modified == "2021-03-05"
    assert read(og_modified + meta("dcterms.modified", "2021-03-07")).modified == "2021-03-06"
    assert read(meta("last-modified", "2021-03-07")).modified == "2021-03-07"


def test_a_modification_before_the_publication_is_dropped() -> None:
    head = meta("date", "2021-03-14") + og("article:modified_time", "2019-01-01")
    assert read(head).modified is None


# --- site, url -----------------------------------------------------------------------------


def test_site_name_from_each_source() -> None:
    publisher = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "VN Ltd"}}
    assert read(json_ld(publisher) + og("og:site_name", "Valley News")).site_name == "VN Ltd"
    assert read(og("og:site_name", "Valley News")).site_name == "Valley News"
    assert read(og("og:site_name", "https://www.valleynews.com/")).site_name == "valleynews.com"
    assert read(meta("application-name", "Valley")).site_name == "Valley"


def test_a_site_name_equal_to_the_title_is_the_title_in_the_wrong_tag() -> None:
    head = "<title>Rain returns</title>" + meta("application-name", "Rain returns")
    found = read(head)
    assert (found.title, found.site_name) == ("Rain returns", None)


def test_canonical_link_beats_og_url_beats_the_capture_address() -> None:
    canonical = '<link rel="canonical" href="/news/rain">'
    og_url = og("og:url", "https://valley.example/og/rain")
    saved = "https://valley.example/news/rain?utm_source=feed"
    assert read(canonical + og_url, page_url=saved).url == "https://valley.example/news/rain"
    assert read(og_url, page_url=saved).url == "https://valley.example/og/rain"
    assert read("", page_url=saved).url == saved
    assert read("", page_url="file:///home/me/page.html").url is None


def test_a_canonical_link_to_the_home_page_is_ignored() -> None:
    head = '<link rel="canonical" href="https://valley.example/">'
    found = read(head, page_url="https://valley.example/news/rain")
    assert found.url == "https://valley.example/news/rain"


# --- language ------------------------------------------------------------------------------


def test_declared_language_from_each_source() -> None:
    assert page_metadata(tree(lang="fr-CA")).language == "fr"
    assert read(og("og:locale", "pt_BR")).language == "pt"
    assert read(meta("content-language", "de", "http-equiv")).language == "de"
    ld = json_ld({"@type": "Article", "inLanguage": "es-ES"})
    assert page_metadata(tree(ld, lang="en")).language == "es"


def test_language_detected_when_none_is_declared() -> None:
    assert read("", text=ENGLISH).language == "en"
    assert read("").language is None


def test_a_declared_language_the_text_contradicts_gives_way() -> None:
    assert page_metadata(tree(lang="en"), text=RUSSIAN).language == "ru"
    assert page_metadata(tree(lang="en-GB"), text=ENGLISH).language == "en"


# --- description, image, keywords --------------------------------------------------------


def test_description_from_each_source_in_order() -> None:
    ld = json_ld({"@type": "Article", "description": "From JSON-LD &amp; more"})
    og_description = og("og:description", "From OpenGraph")
    classic = meta("description", "From   the\nmeta tag")
    assert read(ld + og_description + classic).description == "From JSON-LD & more"
    assert read(og_description + classic).description == "From OpenGraph"
    assert read(classic).description == "From the meta tag"


def test_lead_image_from_og_image_resolved_against_the_page() -> None:
    found = read(og("og:image", "/img/rain.jpg"), page_url="https://valley.example/news/rain")
    assert found.lead_image == "https://valley.example/img/rain.jpg"


def test_lead_image_from_a_json_ld_image_object_or_list() -> None:
    image = {"@type": "ImageObject", "url": "https://cdn.example/rain.jpg", "width": 800}
    assert read(json_ld({"@type": "Article", "image": image})).lead_image == (
        "https://cdn.example/rain.jpg"
    )
    listed = {"@type": "Article", "image": ["https://cdn.example/a.jpg", "https://cdn.example/b"]}
    assert read(json_ld(listed)).lead_image == "https://cdn.example/a.jpg"


def test_lead_image_from_the_first_figure_of_the_article() -> None:
    body = (
        '<header><figure><img src="https://cdn.example/logo.png"></figure></header>'
        '<article><p>text</p><figure><img src="data:image/gif;base64,R0lGOD" '
        'data-src="https://cdn.example/rain.jpg"></figure></article>'
    )
    assert read("", body).lead_image == "https://cdn.example/rain.jpg"
    assert read("", "<article><p>no figure</p></article>").lead_image is None


def test_keywords_from_meta_deduplicated() -> None:
    found = read(meta("keywords", "rain, Weather; valley,weather,, "))
    assert found.keywords == ("rain", "Weather", "valley")


def test_keywords_from_json_ld_string_or_list_before_tags() -> None:
    tags = og("article:tag", "storms") + og("article:tag", "floods") + meta("keywords", "x")
    as_text = json_ld({"@type": "Article", "keywords": "rain, valley"})
    as_list = json_ld({"@type": "Article", "keywords": ["rain", "valley"]})
    assert read(as_text + tags).keywords == ("rain", "valley")
    assert read(as_list + tags).keywords == ("rain", "valley")
    assert read(tags).keywords == ("storms", "floods")


# --- malformed JSON-LD -------------------------------------------------------------------


@pytest.mark.parametrize(
    "block",
    ['<!-- {"@type": "NewsArticle", "headline": "Rain", "datePublished": "2021-03-14",} -->',
     '//<![CDATA[\n{"@type": "NewsArticle", "datePublished": "2021-03-14"}\n//]]>',
     '{"@type": "WebSite", "name": "Valley"}\n{"@type": "NewsArticle", '
     '"datePublished": "2021-03-14"}',
     '[{"@type": "NewsArticle", "datePublished": "2021-03-14", "author": "Jane Doe",},]',
     '{"@type": "NewsArticle", "description": "It\\\'s wet", "datePublished": "2021-03-14"}'],
)  # fmt: skip
def test_malformed_json_ld_gives_what_parses(block: str) -> None:
    found = read(f'<script type="application/ld+json">{block}</script>')
    assert found.published == "2021-03-14"


def test_json_ld_beyond_repair_is_skipped() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>'
    head += '<script type="application/ld+json"></script><script type="application/ld+json">'
    head += '"just a string"</script>' + og("article:published_time", "2021-03-14")
    assert read(head).published == "2021-03-14"


def test_json_ld_of_odd_shapes_is_survived() -> None:
    deep = '{"@type": "Article", "image": ' + "[" * 5000 + "]" * 5000 + "}"
    cycle = {"@graph": [{"@type": "Article", "@id": "#a", "image": {"@id": "#a"},
                         "author": {"@id": ["#a"]}, "keywords": {"a": 1}}]}  # fmt: skip
    broken = '{"@type": "Article", "x": [' + '{"a": 1}, ' * 3000 + "oops"
    head = f'<script type="application/ld+json">{deep}</script>' + json_ld(cycle)
    head += f'<script type="application/ld+json">{broken}</script>'
    head += '<link rel="canonical" href="http://[broken/">' + og("og:url", "https://[::1")
    found = read(head + og("og:image", "http://[x") + meta("date", "2021-03-14"))
    assert (found.published, found.keywords, found.url, found.lead_image) == (
        "2021-03-14",
        (),
        None,
        None,
    )


# --- the whole ---------------------------------------------------------------------------


def test_reading_leaves_the_tree_as_it_was() -> None:
    page = tree(og("og:title", "Rain"), '<article><figure><img src="a.jpg"></figure></article>')
    before = lxml_html.tostring(page)
    page_metadata(page, page_url="https://x.example/a", text=ENGLISH)
    assert lxml_html.tostring(page) == before


def test_the_text_can_be_added_after_reading_the_page() -> None:
    page = tree("<title>Rain</title>", lang="en")
    declared = declared_metadata(page, page_url="https://x.example/2021/03/14/rain")
    assert with_article_text(declared, RUSSIAN) == page_metadata(
        page, page_url="https://x.example/2021/03/14/rain", text=RUSSIAN
    )


def test_an_empty_page_gives_empty_metadata() -> None:
    assert page_metadata(lxml_html.document_fromstring("<html></html>")) == PageMetadata()


# --- real pages ----------------------------------------------------------------------------

_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"((?:199\d|20\d\d)-\d\d-\d\d)')
_ISO = re.compile(r"^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d([+-]\d\d:\d\d)?)?$")


def _real_pages() -> list[Path]:
    folders = [SHARED_FIXTURES / "encodings", SHARED_FIXTURES / "saved-page-complete"]
    pages = [p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())]
    return pages + (sorted(BENCH_PAGES.glob("*.html.gz")) if BENCH_PAGES.is_dir() else [])


def _ld_published(page: str) -> str | None:
    """A datePublished the page's JSON-LD states, found without our own reader."""
    blocks = re.findall(r"<script[^>]+ld\+json[^>]*>(.*?)</script>", page, re.S | re.I)
    dates = [m for block in blocks for m in _LD_PUBLISHED.findall(block)]
    return next((d for d in dates if d <= date.today().isoformat()), None)


@pytest.mark.parametrize("path", _real_pages(), ids=lambda path: path.name[:24])
def test_real_pages_read_without_failing(path: Path, shared_fixtures: Path) -> None:
    data = path.read_bytes()
    page = decode_text(gzip.decompress(data) if path.suffix == ".gz" else data)
    parsed = load_html(page)
    assert parsed is not None
    found = page_metadata(parsed, text=" ".join(parsed.itertext())[:5000])
    if _ld_published(page):
        assert found.published is not None
    for value in (found.published, found.modified):
        assert value is None or _ISO.match(value)
    if path.suffix == ".gz":
        assert found.title
        assert found.url is None or found.url.startswith("http")
