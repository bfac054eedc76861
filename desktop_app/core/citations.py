"""Citations of articles for a reference manager or a paper: a reference line, BibTeX, RIS and
CSL JSON.

Every form gives what the library knows of an article: its authors as the page wrote them
(a name cannot be told from an organisation's, so none is turned round into "Family, Given"),
its title, the site, the publication date, the address and the day the page was saved, which
for an archived page is when it was seen as cited. Nothing is invented: a field the page did
not give is left out.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Sequence

from desktop_app.core.language_names import LANGUAGE_NAMES
from desktop_app.core.records import Article

FORMATS = ("text", "bibtex", "ris", "csl-json")
"""The forms ``citations`` writes."""
EXTENSIONS = {"text": ".txt", "bibtex": ".bib", "ris": ".ris", "csl-json": ".json"}
"""The file name extension of each form."""

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
# Characters BibTeX reads as commands or groups, written so they print as themselves.
_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip
_BIBTEX_ESCAPE = re.compile("|".join(map(re.escape, _BIBTEX_SPECIAL)))
_KEY_WORD = re.compile(r"[a-z0-9]+")
# Words too common to tell a citation key apart ("the2023", "a2023").
_KEY_SKIPS = frozenset({"a", "an", "the", "le", "la", "les", "der", "die", "das", "el", "il"})


def citations(articles: Sequence[Article], form: str) -> str:
    """The citations of ``articles`` in ``form`` (one of ``FORMATS``), in their order."""
    writer = _WRITERS.get(form)
    if writer is None:
        raise ValueError(f"form must be one of {', '.join(FORMATS)}, not {form!r}")
    return writer(articles)


def saved_on(article: Article) -> str | None:
    """The day (``YYYY-MM-DD``) the article's page was saved: its latest capture date, or the
    day it was imported when no source says when it was captured."""
    seen = max((s.captured for s in article.sources if s.captured), default=article.added_at)
    parts = _date_parts(seen)
    return "-".join(f"{p:02d}" for p in parts) if len(parts) == 3 else None


# A reference line


def _text(articles: Sequence[Article]) -> str:
    return "".join(_reference(article) + "\n" for article in articles)


def _reference(article: Article) -> str:
    """``Ana Ruiz and Jo Brand. “Title.” Site, 12 June 2023. https://…. Saved 4 December
    2026.``: the names as written, then what the page gave."""
    parts = []
    if article.authors:
        parts.append(_sentence(_joined(article.authors)))
    title = article.title.strip()
    parts.append(f"\u201c{title}{'' if title.endswith(('.', '?', '!')) else '.'}\u201d")
    place = [p for p in (article.site_name, _long_date(article.published)) if p]
    if place:
        parts.append(_sentence(", ".join(place)))
    if article.url:
        parts.append(_sentence(article.url))
    saved = _long_date(saved_on(article))
    if saved:
        parts.append(f"Saved {saved}.")
    return " ".join(parts)


def _joined(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _sentence(text: str) -> str:
    return text if text.endswith(".") else f"{text}."


def _long_date(value: str | None) -> str | None:
    parts = _date_parts(value)
    if not parts:
        return None
    if len(parts) == 1:
        return str(parts[0])
    month = _MONTHS[parts[1] - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{parts[2]} {month} {parts[0]}"


# BibTeX (biblatex's @online, with a plain year for BibTeX styles)


def _bibtex(articles: Sequence[Article]) -> str:
    used: set[str] = set()
    return "\n".join(_bibtex_entry(article, _unique_key(article, used)) for article in articles)


def _bibtex_entry(article: Article, key: str) -> str:
    parts = _date_parts(article.published)
    language = LANGUAGE_NAMES.get((article.language or "").split("-")[0].lower())
    fields = [
        ("author", " and ".join(_bibtex_text(a) for a in article.authors)),
        ("title", "{" + _bibtex_text(article.title) + "}"),  # Its own capitals kept.
        ("organization", _bibtex_text(article.site_name or "")),
        ("date", "-".join(f"{p:02d}" for p in parts)),
        ("year", str(parts[0]) if parts else ""),
        ("url", _bibtex_url(article.url or "")),
        ("urldate", saved_on(article) or ""),
        ("langid", language.lower() if language else ""),
        ("keywords", ", ".join(_bibtex_text(k) for k in article.keywords)),
    ]
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields if value)
    return f"@online{{{key},\n{body}}}\n"


def _bibtex_text(text: str) -> str:
    flat = " ".join(text.split())
    return _BIBTEX_ESCAPE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], flat)


def _bibtex_url(url: str) -> str:
    # Read as it is written (biblatex takes url verbatim); only its braces must not count.
    return url.strip().replace("{", "%7B").replace("}", "%7D")


def _unique_key(article: Article, used: set[str]) -> str:
    """``ruiz2023tides``: the first author's last name (or the site), the year, the title's
    first telling word; a letter added when another entry of the same export has it."""
    who = article.authors[0].split()[-1] if article.authors else (article.site_name or "")
    words = [w for w in _KEY_WORD.findall(_ascii(article.title)) if w not in _KEY_SKIPS]
    parts = _date_parts(article.published)
    base = "".join(_KEY_WORD.findall(_ascii(who))) + (str(parts[0]) if parts else "")
    base = (base + (words[0] if words else "")) or f"article{article.id}"
    key, suffix = base, ord("a")
    while key in used:
        key, suffix = f"{base}{chr(suffix)}", suffix + 1
    used.add(key)
    return key


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return decomposed.encode("ascii", "ignore").decode("ascii")


# RIS


def _ris(articles: Sequence[Article]) -> str:
    return "".join(_ris_record(article) for article in articles)


def _ris_record(article: Article) -> str:
    published = _date_parts(article.published)
    saved = _date_parts(saved_on(article))
    lines = [("TY", "ELEC")]
    lines += [("AU", name) for name in article.authors]
    lines += [
        ("TI", article.title),
        ("T2", article.site_name or ""),
        ("PY", str(published[0]) if published else ""),
        ("DA", "/".join(f"{p:02d}" for p in published)),
        ("UR", article.url or ""),
        ("Y2", "/".join(f"{p:02d}" for p in saved)),
        ("LA", article.language or ""),
        ("AB", article.description or ""),
    ]
    lines += [("KW", keyword) for keyword in article.keywords]
    lines.append(("ID", f"archive-browser-{article.id}"))
    written = "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines if value)
    return written + "ER  - \n\n"


# CSL JSON (what Zotero, Mendeley and pandoc's citeproc read)


def _csl_json(articles: Sequence[Article]) -> str:
    return json.dumps([_csl_item(a) for a in articles], ensure_ascii=False, indent=2) + "\n"


def _csl_item(article: Article) -> dict[str, object]:
    item: dict[str, object] = {
        "id": f"archive-browser-{article.id}",
        "type": "webpage",
        "title": article.title,
    }
    if article.authors:
        item["author"] = [{"literal": name} for name in article.authors]
    optional: dict[str, object | None] = {
        "container-title": article.site_name,
        "issued": _csl_date(_date_parts(article.published)),
        "accessed": _csl_date(_date_parts(saved_on(article))),
        "URL": article.url,
        "language": article.language,
        "abstract": article.description,
        "keyword": ", ".join(article.keywords) or None,
    }
    item.update({name: value for name, value in optional.items() if value})
    return item


def _csl_date(parts: tuple[int, ...]) -> dict[str, list[list[int]]] | None:
    return {"date-parts": [list(parts)]} if parts else None


def _date_parts(value: str | None) -> tuple[int, ...]:
    """(year, month, day), (year, month) or (year) of an ISO date or date-time; () if none."""
    match = _ISO_DATE.match((value or "").strip())
    if match is None:
        return ()
    parts = tuple(int(p) for p in match.groups() if p is not None)
    if len(parts) > 1 and not 1 <= parts[1] <= 12:
        return parts[:1]
    if len(parts) > 2 and not 1 <= parts[2] <= 31:
        return parts[:2]
    return parts


_WRITERS: dict[str, Callable[[Sequence[Article]], str]] = {
    "text": _text,
    "bibtex": _bibtex,
    "ris": _ris,
    "csl-json": _csl_json,
}
