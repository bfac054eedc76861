"""Timestamps as the library writes them."""

from __future__ import annotations

from datetime import datetime, timezone


def now_iso() -> str:
    """The current UTC time as ISO 8601, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()
