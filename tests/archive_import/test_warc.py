"""WARC and ARC files: which records become pages, and how damaged files are still read."""

from __future__ import annotations

import gzip
import importlib
import importlib.util
import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from archive_import.document import ExtractedArticle, Source
from archive_import.errors import InputError, NotAnArticle
from archive_import.html_page import article_from_saved
from archive_import.saved_page import SavedPage
from archive_import.warc import looks_like_warc, read_warc
from tests.archive_import.builders_warc import (
    DATE,
    PNG,
    Record,
    arc_bytes,
    chunked,
    error_page,
    html,
    http_response,
    image,
    page,
    record_ids,
    redirect,
    request,
    resource,
    revisit,
    stylesheet,
    warc_bytes,
    write_warc,
)
from tests.pages import SHARED_FIXTURES, article_page, long_paragraphs

URL = "https://news.example.org/2024/rivers"
RIVERS = html("Rivers of the north", "Rivers carry silt to the sea.", "Floods shape the valleys.")
LAKES = html("Lakes in winter", "Lakes freeze from the shore.", "Ice grows thicker each night.")
HAS_BROTLI = importlib.util.find_spec("brotli") is not None


def read(path: Path) -> list[SavedPage]:
    return read_warc(path.read_bytes(), path)


def article(saved: SavedPage, path: Path) -> ExtractedArticle:
    return article_from_saved(saved, Source(str(path), "warc", "0" * 64))


def with_figure(body: bytes, *sources: str) -> bytes:
    """``body`` with images inside its article, where the extractor keeps them."""
    figures = "".join(f'<figure><img src="{src}" alt="A map"></figure>' for src in sources)
    return body.replace(b"</h1>", b"</h1>" + figures.encode(), 1)


def test_html_response_is_a_page_with_its_capture_details(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "one.warc.gz", [request(URL), page(URL, RIVERS)])
    [saved] = read(path)
    assert (saved.url, saved.base, saved.captured) == (URL, URL, DATE)
    assert saved.locator == record_ids(path.read_bytes())[2]
    assert saved.locator.startswith("urn:uuid:")
    assert saved.charset == "utf-8"
    found = article(saved, path)
    assert found.title == "Rivers of the north"
    assert "Rivers carry silt to the sea." in found.text
    assert (found.source.locator, found.source.captured) == (saved.locator, DATE)


def test_images_the_file_carries_become_assets(tmp_path: Path) -> None:
    body = with_figure(RIVERS, "/img/map.png", "/img/not-captured.png")
    records = [page(URL, body), image("https://news.example.org/img/map.png")]
    path = write_warc(tmp_path / "images.warc.gz", records)
    found = article(read(path)[0], path)
    [asset] = found.assets
    assert (asset.media_type, asset.data) == ("image/png", PNG)
    assert asset.reference in found.html
    assert "not-captured" not in found.html


def test_only_html_responses_with_status_200_are_pages(tmp_path: Path) -> None:
    records = [
        request(URL),
        redirect("http://news.example.org/rivers", URL),
        error_page("https://news.example.org/missing"),
        stylesheet("https://news.example.org/site.css"),
        image("https://news.example.org/logo.png"),
        Record(
            "response",
            "https://news.example.org/api",
            b'{"a": 1}',
            headers=(("Content-Type", "application/json"),),
        ),
        resource("metadata://crawler/log.txt", b"crawl finished", "text/plain"),
        Record(
            "metadata", URL, b"outlinks: none", None, warc_headers=(("Content-Type", "text/plain"),)
        ),
        page(URL, RIVERS),
    ]
    path = write_warc(tmp_path / "mixed.warc.gz", records)
    assert [saved.url for saved in read(path)] == [URL]


def test_archive_without_html_pages_is_not_an_article(tmp_path: Path) -> None:
    records = [
        request(URL),
        redirect(URL, URL + "/"),
        stylesheet(URL + ".css"),
        image(URL + ".png"),
    ]
    path = write_warc(tmp_path / "nothing.warc.gz", records)
    with pytest.raises(
        NotAnArticle, match=r"nothing\.warc\.gz: the archive holds no HTML pages"
    ) as caught:
        read(path)
    assert "(5 records: " in caught.value.reason
    assert "1 redirect" in caught.value.reason
    assert "1 warcinfo record" in caught.value.reason


def test_revisit_of_a_page_is_not_a_second_page(tmp_path: Path) -> None:
    original = page(URL, RIVERS)
    later = revisit(URL, original, date="2024-04-01T08:00:00Z")
    path = write_warc(tmp_path / "revisit.warc.gz", [original, later])
    [saved] = read(path)
    assert saved.locator == record_ids(path.read_bytes())[1]
    assert saved.captured == DATE


def test_revisits_resolve_by_digest_even_at_another_url(tmp_path: Path) -> None:
    original_page = page(URL, RIVERS)
    original_image = image("https://cdn.example.org/a.png")
    records = [
        original_page,
        original_image,
        # URL-agnostic revisits: same payload digest, a different URL, no Refers-To headers.
        revisit("https://mirror.example.org/rivers", original_page, refers_to=False),
        revisit(
            "https://cdn.example.org/b.png", original_image, refers_to=False, media_type="image/png"
        ),
        page("https://news.example.org/lakes", with_figure(LAKES, "https://cdn.example.org/b.png")),
    ]
    path = write_warc(tmp_path / "agnostic.warc.gz", records)
    pages = read(path)
    assert [saved.url for saved in pages] == [URL, "https://news.example.org/lakes"]
    [asset] = article(pages[1], path).assets
    assert asset.data == PNG


def test_revisit_whose_original_is_not_in_the_file_is_skipped(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "orphan.warc.gz", [revisit(URL, page(URL, RIVERS))])
    with pytest.raises(NotAnArticle, match=r"no HTML pages \(2 records: .*1 revisit"):
        read(path)


@pytest.mark.parametrize(
    ("stored", "headers"),
    [
        pytest.param(chunked(RIVERS), [("Transfer-Encoding", "chunked")], id="chunked"),
        pytest.param(gzip.compress(RIVERS), [("Content-Encoding", "gzip")], id="gzip"),
        pytest.param(zlib.compress(RIVERS), [("Content-Encoding", "deflate")], id="deflate"),
        pytest.param(
            chunked(gzip.compress(RIVERS)),
            [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")],
            id="chunked-gzip",
        ),
        # Producers disagree on de-chunking and decompressing before they store the body.
        pytest.param(RIVERS, [("Transfer-Encoding", "chunked")], id="says-chunked-stored-plain"),
        pytest.param(RIVERS, [("Content-Encoding", "gzip")], id="says-gzip-stored-plain"),
        pytest.param(RIVERS, [("Content-Encoding", "br")], id="says-brotli-stored-plain"),
    ],
)
def test_payload_is_decoded_or_kept_as_stored(
    tmp_path: Path, stored: bytes, headers: list[tuple[str, str]]
) -> None:
    path = write_warc(
        tmp_path / "coded.warc", [page(URL, stored, headers=tuple(headers))], compress=False
    )
    [saved] = read(path)
    assert saved.data == RIVERS
    assert article(saved, path).title == "Rivers of the north"


@pytest.mark.skipif(HAS_BROTLI, reason="with brotli installed the page is decoded")
def test_page_compressed_with_brotli_without_the_module_is_named(tmp_path: Path) -> None:
    stored = bytes(range(256)) * 4  # stands in for a brotli stream: not HTML, not readable
    path = write_warc(
        tmp_path / "br.warc.gz", [page(URL, stored, headers=(("Content-Encoding", "br"),))]
    )
    with pytest.raises(NotAnArticle, match=r"1 page compressed with br"):
        read(path)


@pytest.mark.skipif(not HAS_BROTLI, reason="the brotli module is not installed")
def test_page_compressed_with_brotli_is_decoded_when_the_module_is_there(tmp_path: Path) -> None:
    brotli = importlib.import_module("brotli")
    stored = brotli.compress(RIVERS)
    records = [page(URL, stored, headers=(("Content-Encoding", "br"),))]
    path = write_warc(tmp_path / "br.warc.gz", records)
    assert read(path)[0].data == RIVERS


def test_resource_record_with_html_is_a_page(tmp_path: Path) -> None:
    records = [
        resource("metadata://wget/log.txt", b"wget finished", "text/plain"),
        resource(URL, RIVERS, "text/html; charset=utf-8"),
    ]
    path = write_warc(tmp_path / "resource.warc.gz", records)
    [saved] = read(path)
    assert (saved.url, saved.charset) == (URL, "utf-8")
    assert article(saved, path).title == "Rivers of the north"


def test_wget_angle_brackets_around_the_target_uri_are_removed(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "wget.warc.gz", [page(f"<{URL}>", RIVERS)])
    [saved] = read(path)
    assert (saved.url, saved.base) == (URL, URL)


def test_charset_comes_from_the_http_header(tmp_path: Path) -> None:
    body = article_page(
        "Реки севера", long_paragraphs("Реки текут на север к холодному морю."), charset=None
    ).encode("cp1251")
    records = [page(URL, body, content_type="text/html; charset=windows-1251")]
    path = write_warc(tmp_path / "cyrillic.warc.gz", records)
    [saved] = read(path)
    assert saved.charset == "windows-1251"
    found = article(saved, path)
    assert found.title == "Реки севера"
    assert "Реки текут на север" in found.text


def test_file_gzipped_as_one_member_is_read(tmp_path: Path) -> None:
    records = [page(URL, RIVERS), page(URL + "/lakes", LAKES)]
    path = tmp_path / "whole.warc.gz"
    path.write_bytes(gzip.compress(warc_bytes(records, compress=False)))
    assert [saved.url for saved in read(path)] == [URL, URL + "/lakes"]


def test_gzip_members_that_split_records_are_read(tmp_path: Path) -> None:
    plain = warc_bytes([page(URL, RIVERS), page(URL + "/lakes", LAKES)], compress=False)
    cut = plain.index(b"Rivers carry silt")
    path = tmp_path / "split.warc.gz"
    path.write_bytes(gzip.compress(plain[:cut]) + gzip.compress(plain[cut:]))
    pages = read(path)
    assert [saved.url for saved in pages] == [URL, URL + "/lakes"]
    assert pages[0].data == RIVERS


@pytest.mark.parametrize("compress", [False, True], ids=["warc", "warc.gz"])
def test_truncated_file_keeps_the_pages_before_the_cut(tmp_path: Path, compress: bool) -> None:
    data = warc_bytes([page(URL, RIVERS), page(URL + "/lakes", LAKES)], compress=compress)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(data[: len(data) * 3 // 4])
    pages = read(path)
    assert pages[0].data == RIVERS
    assert article(pages[0], path).title == "Rivers of the north"
    # What is left of the cut record is kept too, as far as it goes.
    assert all(LAKES.startswith(saved.data) for saved in pages[1:])


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (
            b"WARC/1.0\r\nWARC-Type: response\r\nnot a header line at all\r\n",
            "the file is not a valid WARC file: malformed record header",
        ),
        (
            gzip.compress(b"<html><body>just a page</body></html>"),
            "the file is not a valid WARC file: it does not begin with a WARC or ARC record header",
        ),
        (
            b"\x1f\x8b\x08\x00 broken gzip",
            "is not a valid WARC file: its gzip compression is damaged",
        ),
        (b"", "the file is not a valid WARC file: it is empty"),
        (b"not a warc at all\n", "it does not begin with a WARC or ARC record header"),
    ],
    ids=["bad-headers", "gzipped-html", "broken-gzip", "empty", "five-words"],
)
def test_unreadable_file_raises_input_error_naming_it(
    tmp_path: Path, data: bytes, reason: str
) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"bad\.warc\.gz: ") as caught:
        read(path)
    assert reason in caught.value.reason
    assert not isinstance(caught.value, NotAnArticle)


def test_arc_file_is_read_with_a_stable_locator(tmp_path: Path) -> None:
    path = tmp_path / "old.arc.gz"
    path.write_bytes(
        arc_bytes([("http://example.org/old", "20140216050221", http_response(RIVERS))])
    )
    [saved] = read(path)
    assert (saved.url, saved.captured) == ("http://example.org/old", "2014-02-16T05:02:21Z")
    assert saved.locator.startswith("offset:")
    assert read(path)[0].locator == saved.locator
    assert article(saved, path).title == "Rivers of the north"


def test_warc_1_1_is_read(tmp_path: Path) -> None:
    records = [page(URL, RIVERS, date="2024-03-01T10:00:00.123456Z")]
    path = write_warc(tmp_path / "new.warc", records, compress=False, version="1.1")
    assert path.read_bytes().startswith(b"WARC/1.1")
    [saved] = read(path)
    assert saved.captured == "2024-03-01T10:00:00.123456Z"


def test_frames_the_archive_holds_are_put_in_place(tmp_path: Path) -> None:
    frameset = (
        b"<html><head><title>Atlas</title></head><frameset cols='20%,80%'>"
        b"<frame src='nav.html'><frame src='content.html'></frameset></html>"
    )
    nav = b"<html><body><a href='/'>Home</a></body></html>"
    base = "https://atlas.example.org/"
    records = [
        page(base, frameset),
        page(base + "nav.html", nav),
        page(base + "content.html", RIVERS),
    ]
    path = write_warc(tmp_path / "frames.warc.gz", records)
    pages = read(path)
    assert b"Rivers carry silt" in pages[0].data
    assert "Rivers carry silt to the sea." in article(pages[0], path).text


def test_thousands_of_records_are_read_in_order_and_quickly(tmp_path: Path) -> None:
    records: list[Record] = []
    for n in range(700):
        url = f"https://news.example.org/{n}"
        body = b"<html><head><title>Page %d</title></head><body><p>Text %d</p></body></html>" % (
            n,
            n,
        )
        records += [request(url), page(url, body), stylesheet(url + ".css")]
    path = write_warc(tmp_path / "crawl.warc.gz", records)
    started = time.perf_counter()
    pages = read(path)
    elapsed = time.perf_counter() - started
    assert [saved.url for saved in pages] == [f"https://news.example.org/{n}" for n in range(700)]
    assert elapsed < 5, elapsed


@pytest.mark.parametrize(
    ("head", "name", "expected"),
    [
        (warc_bytes([page(URL, RIVERS)], compress=False), "crawl.warc", True),
        (warc_bytes([page(URL, RIVERS)]), "crawl.bin", True),
        (gzip.compress(warc_bytes([page(URL, RIVERS)], compress=False)), "whole.warc.gz", True),
        (arc_bytes([(URL, "20140216050221", http_response(RIVERS))]), "old.arc.gz", True),
        (
            gzip.decompress(arc_bytes([(URL, "20140216050221", http_response(RIVERS))])),
            "old.arc",
            True,
        ),
        (b"\x1f\x8b\x08\x00 broken gzip", "broken.warc.gz", True),
        (b"\x1f\x8b\x08\x00 broken gzip", "broken.gz", False),
        (gzip.compress(RIVERS), "page.html.gz", False),
        (RIVERS, "rivers.warc", False),
        (b"PK\x03\x04", "capture.wacz", False),
    ],
    ids=[
        "warc",
        "warc-gz",
        "whole-gzip",
        "arc-gz",
        "arc",
        "bad-gzip-named-warc",
        "bad-gzip",
        "gzipped-html",
        "html-named-warc",
        "zip",
    ],
)
def test_sniffer_recognises_warc_and_arc(head: bytes, name: str, expected: bool) -> None:
    assert looks_like_warc(head[:4096], name) is expected


def test_real_warc_files() -> None:
    folder = SHARED_FIXTURES / "warc"
    if not folder.is_dir():
        pytest.skip("shared fixtures are not here")
    outcomes = {path.name: _outcome(path) for path in sorted(folder.glob("*.*arc*"))}
    assert len(outcomes) >= 14
    assert outcomes["archiveweb-page-iana.warc"] == [
        "https://example.com/",
        "https://www.iana.org/about",
        "https://www.iana.org/domains",
        "https://www.iana.org/domains/reserved",
        "https://www.iana.org/numbers",
        "https://www.iana.org/protocols",
    ]
    for name in (
        "example-bad-non-chunked.warc.gz",
        "example-wrong-chunks.warc.gz",
        "example-trunc.warc",
    ):
        assert outcomes[name] == ["http://example.com/"], name
    assert outcomes["example-wget-bad-target-uri.warc.gz"] == ["http://example.com/"]
    assert outcomes["example-iana.org-chunked.warc"] == ["http://www.iana.org/"]
    assert outcomes["example-digest.warc"] == "no HTML pages (4 records: 4 requests)"
    assert "3 non-HTML files, 3 requests" in str(outcomes["post-test.warc.gz"])
    iana = outcomes["webrecorder-platform-collection.warc"]
    assert iana[0] == "https://example.com/"
    # Its iana.org pages are brotli-compressed: read only when the brotli module is there.
    assert len(iana) == (6 if HAS_BROTLI else 1)


def _outcome(path: Path) -> list[str] | str:
    """The URLs of a real file's pages, each checked to give an article; or why it has none."""
    try:
        pages = read(path)
    except NotAnArticle as exc:
        # Keeps the path in the outcome if the message named another file.
        return f"{exc.path}: {exc.reason}".removeprefix(f"{path}: the archive holds ")
    for saved in pages:
        found = article(saved, path)
        assert found.title.strip(), (path.name, saved.url)
        assert len(found.text) > 50, (path.name, saved.url)
    return [saved.url or "" for saved in pages]


EXAMPLE_ID = "urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005"
RESOURCE_ID = "urn:uuid:6e7f60da-2c7b-11e7-aaf7-0242ac120007"
CHUNKED_ID = "urn:uuid:a96ae1a5-931d-4c45-96f3-98576d155f8b"


@pytest.mark.parametrize(
    ("name", "locator", "captured", "phrase"),
    [
        ("example.warc", EXAMPLE_ID, "2017-03-06T04:02:06Z", "illustrative"),
        ("example.warc.gz", EXAMPLE_ID, "2017-03-06T04:02:06Z", "illustrative"),
        ("example.arc.gz", "offset:171", "2014-02-16T05:02:21Z", "illustrative"),
        ("example-resource.warc.gz", RESOURCE_ID, "2017-04-29T01:30:30Z", "illustrative"),
        ("example-iana.org-chunked.warc", CHUNKED_ID, "2017-03-06T16:54:09Z", "Root Zone"),
    ],
)
def test_real_warc_page_details(name: str, locator: str, captured: str, phrase: str) -> None:
    path = SHARED_FIXTURES / "warc" / name
    if not path.is_file():
        pytest.skip("shared fixtures are not here")
    [saved] = read(path)  # example.warc's revisit of the same page is not a second page
    assert (saved.locator, saved.captured) == (locator, captured)
    found = article(saved, path)
    assert phrase in found.text
    assert saved.data.lstrip().startswith(b"<")  # no chunk sizes left in the chunked one


def _big_pages(count: int) -> list[Record]:
    """Pages of some 200 KB each, different from each other."""
    filler = " ".join(f"word{n}" for n in range(30_000))
    return [
        page(f"{URL}/{n}", html(f"Page {n}", f"Page number {n}. {filler}")) for n in range(count)
    ]


def test_a_crawls_pages_are_read_one_at_a_time(tmp_path: Path) -> None:
    path = write_warc(tmp_path / "crawl.warc.gz", [*_big_pages(30), image(f"{URL}/i.png")])
    data = path.read_bytes()
    tracemalloc.start()
    try:
        pages = read_warc(data, path)
        held, _ = tracemalloc.get_traced_memory()
        # Thirty pages of 200 KB decoded would be 6 MB; the list holds where they are.
        assert held < 1_000_000
        sizes = []
        for saved in pages:
            sizes.append(len(saved.data))
            now, _ = tracemalloc.get_traced_memory()
            assert now - held < 2_000_000  # one page (and its parse) at a time
    finally:
        tracemalloc.stop()
    assert len(sizes) == 30
    assert min(sizes) > 200_000
    # A page, a slice of the pages and an image, read again from the archive, are whole.
    assert b"Page number 7." in pages[7].data
    assert [p.url for p in pages[3:5]] == [f"{URL}/3", f"{URL}/4"]
    assert pages[0].lookup(f"{URL}/i.png") == (PNG, "image/png")


def test_an_uncompressed_crawl_is_read_again_as_well(tmp_path: Path) -> None:
    records = [page(URL, RIVERS), image(f"{URL}/i.png"), page(f"{URL}/lakes", LAKES)]
    path = write_warc(tmp_path / "crawl.warc", records, compress=False)
    pages = read(path)
    assert [p.data for p in pages] == [RIVERS, LAKES]
    assert pages[1].lookup(f"{URL}/i.png") == (PNG, "image/png")
