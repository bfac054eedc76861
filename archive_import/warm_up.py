"""Pay the extractor's one-time costs once, in a process that forks the import's workers.

Some of the extractor's parts build their tables on first use, not when imported: the
stop-word lists of every language that jusText reads (about 0.1 s of CPU), compiled
expressions, caches. A worker forked after ``warm_up()`` has run inherits them built, so a
batch of N workers pays them once instead of N times. Importing this module runs it: that is
how a fork server, which only imports named modules before forking, is told to.
"""

from __future__ import annotations

from archive_import import formats
from archive_import.document import ExtractedArticle, Source
from archive_import.html_page import read_html

# Short enough that precision mode finds too little and every wider attempt runs, jusText
# included; with furniture around it, so the boilerplate rules run as well.
_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Warm-up | Archive Browser</title>
<meta property="og:site_name" content="Archive Browser"></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>Warm-up</h1><p class="byline">By Archive Browser, 1 January 2026</p>
<p>A short page, read once so that every attempt of the extractor has run.</p>
<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
<figcaption>A caption.</figcaption></figure></article>
<aside><h2>Related</h2><ul><li><a href="/a">Another page</a></li></ul></aside>
<footer><p>Footer</p></footer></body></html>
"""


def warm_up() -> ExtractedArticle:
    """Extract a small built-in page; returns its article."""
    source = Source(path="warm-up.html", format=formats.HTML, sha256="")
    return read_html(_PAGE, source)


warm_up()
