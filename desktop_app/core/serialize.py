"""The JSON shapes of the command line's contract: articles, hits and import reports."""

from __future__ import annotations

from typing import Any

from archive_import import ExtractedArticle
from desktop_app.core.records import (
    Article,
    ImportReport,
    OutcomeKind,
    SearchHit,
    SearchResults,
    SourceRecord,
)

# Formats whose locator is a WARC record id (a WACZ locator is "<member>#<record id>").
_RECORD_FORMATS = {"warc", "arc", "wacz"}


def article_json(article: Article) -> dict[str, Any]:
    """An article as ``show``/``list`` print it."""
    return {
        "id": article.id,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published,
        "site_name": article.site_name,
        "url": article.url,
        "language": article.language,
        "description": article.description,
        "text": article.text,
        "html": article.html,
        "sources": [_source_json(s) for s in article.sources],
        "bookmarked": article.bookmarked,
        "tags": list(article.tags),
        "added_at": article.added_at,
        "modified": article.modified,
        "lead_image": article.lead_image,
        "keywords": list(article.keywords),
        "note": article.note,
        "confidence": round(article.confidence, 3),
        "extractor": article.extractor,
        "previous_version": article.previous_id,
        "newer_versions": list(article.newer_ids),
        "assets": [{"reference": a.reference, "media_type": a.media_type} for a in article.assets],
    }


def extracted_json(extracted: ExtractedArticle, given_path: str) -> dict[str, Any]:
    """An article as ``extract`` prints it: no library, so no id, bookmark or tags yet."""
    src = extracted.source
    return {
        "id": None,
        "title": extracted.title,
        "authors": list(extracted.authors),
        "published": extracted.published,
        "site_name": extracted.site_name,
        "url": extracted.url,
        "language": extracted.language,
        "description": extracted.description,
        "text": extracted.text,
        "html": extracted.html,
        "sources": [
            {
                "path": src.path,
                "format": src.format,
                "sha256": src.sha256,
                "locator": src.locator,
                "captured": src.captured,
            }
        ],
        "bookmarked": False,
        "tags": [],
        "modified": extracted.modified,
        "lead_image": extracted.lead_image,
        "keywords": list(extracted.keywords),
        "confidence": round(extracted.confidence, 3),
        "extractor": extracted.extractor,
        "source": given_path,
    }


def hit_json(hit: SearchHit) -> dict[str, Any]:
    """One search hit."""
    return {
        "id": hit.id,
        "title": hit.title,
        "url": hit.url,
        "site_name": hit.site_name,
        "published": hit.published,
        "language": hit.language,
        "score": round(hit.score, 4),
        "snippet": hit.snippet,
    }


def results_json(results: SearchResults) -> dict[str, Any]:
    """What ``search --json`` prints: hits, facet counts, a respelling and a notice."""
    return {
        "total": results.total,
        "hits": [hit_json(h) for h in results.hits],
        "facets": {
            name: [{"value": f.value, "count": f.count} for f in values]
            for name, values in results.facets.items()
        },
        "suggestion": results.suggestion,
        "notice": results.notice,
    }


def report_json(report: ImportReport) -> dict[str, Any]:
    """What ``import --json`` prints: every input file under exactly one key."""
    return {
        "imported": report.imported_ids,
        "duplicates": [
            {"path": o.path, "ids": list(o.article_ids), "reason": o.reason}
            for o in report.of_kind(OutcomeKind.DUPLICATE)
        ],
        "skipped": [
            {"path": o.path, "reason": o.reason} for o in report.of_kind(OutcomeKind.SKIPPED)
        ],
        "failed": [{"path": o.path, "error": o.reason} for o in report.failed],
        "files": [
            {
                "path": o.path,
                "outcome": o.kind.value,
                "ids": list(o.article_ids),
                "reason": o.reason,
            }
            for o in report.outcomes
        ],
        "cancelled": report.cancelled,
    }


def _source_json(source: SourceRecord) -> dict[str, Any]:
    return {
        "path": source.path,
        "format": source.format,
        "sha256": source.sha256,
        "locator": source.locator,
        "record_id": source.locator if source.format in _RECORD_FORMATS else None,
        "captured": source.captured,
        "imported_at": source.imported_at,
    }
