"""The stored article HTML keeps reading structure and nothing executable."""

from __future__ import annotations

from archive_import.cleanup import clean_fragment, drop_leading_title, html_to_text

DIRTY = """
<div class="content" onclick="track()">
  <h2 id="x" style="color:red">Heading</h2>
  <p>First <em>paragraph</em> with a <a href="javascript:alert(1)">bad link</a>
     and a <a href="/relative/page" onmouseover="x()">good one</a>.</p>
  <script>alert("no")</script><style>p{}</style>
  <iframe src="https://ads.example/frame"></iframe>
  <form action="/subscribe"><input name="email"></form>
  <ul><li>one</li><li>two</li></ul>
  <blockquote>Quoted words.</blockquote>
  <table><tr><th>Year</th><td>1823</td></tr></table>
  <figure><img src="asset:ab12.jpg" onerror="x()" alt="A lens">
  <figcaption>A lens</figcaption></figure>
  <img src="https://tracker.example/pixel.gif" alt="remote"><img alt="no source">
  <img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">
  <pre><code>print("kept")</code></pre>
  <span class="wrapper">Unwrapped text</span>
</div>
"""


def test_nothing_executable_survives() -> None:
    cleaned = clean_fragment(DIRTY, base_url="https://site.example/articles/1")
    for banned in ("<script", "<style", "<iframe", "<form", "<input", "onclick", "onerror",
                   "onmouseover", "javascript:", "style=", 'id="x"', "tracker.example",
                   'alt="remote"', 'alt="no source"', "data:image"):  # fmt: skip
        assert banned not in cleaned, banned


def test_structure_is_kept_and_links_made_absolute() -> None:
    cleaned = clean_fragment(DIRTY, base_url="https://site.example/articles/1")
    for kept in ("<h2>Heading</h2>", "<em>paragraph</em>", "<li>one</li>", "<blockquote>",
                 "<th>Year</th>", "<figcaption>A lens</figcaption>", 'alt="A lens"',
                 "<pre><code>", 'href="https://site.example/relative/page"'):  # fmt: skip
        assert kept in cleaned, kept
    assert "<span" not in cleaned
    assert "Unwrapped text" in cleaned
    assert "bad link" in cleaned


def test_whole_documents_are_reduced_to_their_body() -> None:
    cleaned = clean_fragment("<html><head><title>T</title></head><body><p>Body</p></body></html>")
    assert cleaned == "<p>Body</p>"


def test_text_has_one_paragraph_per_block() -> None:
    text = html_to_text("<h2>Title</h2><p>One  two\nthree.</p><ul><li>a</li><li>b</li></ul>")
    assert text == "Title\n\nOne two three.\n\na\n\nb"


def test_leading_title_and_kicker_are_dropped_but_not_real_text() -> None:
    fragment = "<p>Science</p><h1>The  Title</h1><p>Body.</p>"
    assert drop_leading_title(fragment, "The Title") == "<p>Body.</p>"
    untouched = "<p>A real first sentence that is long enough.</p><h1>The Title</h1><p>B</p>"
    assert drop_leading_title(untouched, "The Title") == untouched


def test_each_kind_of_link_is_kept_joined_or_dropped() -> None:
    links = {
        "https://other.example/a": 'href="https://other.example/a"',
        "HTTP://OTHER.EXAMPLE/B": 'href="HTTP://OTHER.EXAMPLE/B"',
        "#notes": 'href="#notes"',
        "?page=2": 'href="https://site.example/articles/1?page=2"',
        "//cdn.example/c": 'href="https://cdn.example/c"',
        "next/part": 'href="https://site.example/articles/next/part"',
        "mailto:desk@site.example": 'href="mailto:desk@site.example"',
        "java\tscript:alert(1)": "<a>java",
        " JavaScript:alert(2)": "<a>JavaScript",
        "vbscript:x": "<a>vbscript",
    }
    markup = "".join(f'<p><a href="{href}">{href.strip()[:10]}</a></p>' for href in links)
    cleaned = clean_fragment(markup, base_url="https://site.example/articles/1")
    for href, expected in links.items():
        assert expected in cleaned, href
