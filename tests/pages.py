"""Pages the tests write themselves, and where the shared real-world fixtures live."""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

SHARED_FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
PROJECT_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PAGES = PROJECT_ROOT / "resources" / "sample-pages"

FILLER = (
    "The archive keeps every page exactly as it was saved, and the reader shows only the "
    "article, so that a researcher can read calmly and come back to the original at any time. "
)


def article_page(
    title: str,
    paragraphs: Sequence[str],
    *,
    lang: str | None = "en",
    author: str | None = None,
    published: str | None = None,
    site: str | None = None,
    url: str | None = None,
    charset: str | None = "utf-8",
    extra_body: str = "",
) -> str:
    """A realistic article page with navigation and footer around the article."""
    head = [f'<meta charset="{charset}">' if charset else ""]
    head.append(f"<title>{html.escape(title)}{' | ' + site if site else ''}</title>")
    if author:
        head.append(f'<meta name="author" content="{html.escape(author)}">')
    if published:
        head.append(f'<meta property="article:published_time" content="{published}">')
    if site:
        head.append(f'<meta property="og:site_name" content="{html.escape(site)}">')
    if url:
        head.append(f'<link rel="canonical" href="{url}">')
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f"<!DOCTYPE html><html{lang_attr}><head>{''.join(head)}</head><body>"
        '<nav><a href="/">Home</a> <a href="/about">About us</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>{body}</article>{extra_body}"
        "<footer>Copyright 2024 Example Publishing. All rights reserved.</footer>"
        "</body></html>"
    )


def long_paragraphs(*topics: str) -> list[str]:
    """Paragraphs long enough for an extractor to take them for an article."""
    return [f"{topic} {FILLER * 2}" for topic in topics]


def write_page(folder: Path, name: str, title: str, *topics: str, **options: object) -> Path:
    """Write an article page named ``name`` into ``folder`` and return its path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page = article_page(title, long_paragraphs(*topics), **options)  # type: ignore[arg-type]
    path.write_text(page, encoding="utf-8")
    return path
