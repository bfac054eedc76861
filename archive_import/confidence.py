"""How sure extraction is that the text it found is the page's article, from 0 to 1.

Low for a body of a few lines, for a paywall's teaser (a short text on a page that locks
the rest away), and for text that is mostly links; 1 for a full article of running text.
"""

from __future__ import annotations

import json
import logging
import math
import re

from lxml import etree
from lxml import html as lxml_html

from archive_import.markup_names import PageNames, name_pattern
from archive_import.xpath_results import elements, strings

log = logging.getLogger(__name__)

# An article of this many words or more is long enough to be a whole one.
_FULL_WORDS = 250
# Link text up to this share is normal in an article; from the upper share on, it is a list
# of links with a few words around them.
_LINKS_NORMAL = 0.25
_LINKS_ONLY = 0.6
# Behind a paywall, a text shorter than this is the teaser, not the article.
_TEASER_WORDS = 300
_PAYWALL_FACTOR = 0.3
_LOCK_NAMES = name_pattern([
    "paywall", "regwall", "subscriber only", "subscribers only", "premium content",
    "metered", "locked content", "article locked",
])  # fmt: skip
# Chinese, Japanese and Korean characters, whose words are not separated by spaces.
_UNSPACED = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# On the descendant axis, not "//" (see xpath_results).
_PASSWORD_FIELDS = etree.XPath("descendant-or-self::input[@type='password']")
_JSON_LD = etree.XPath("descendant-or-self::script[@type='application/ld+json']/text()")
_CONTENT_TIERS = etree.XPath("descendant-or-self::meta[@property='article:content_tier']/@content")


def article_confidence(text: str, link_share: float, paywalled: bool) -> float:
    """Confidence in ``text`` as the article, given its share of link text and the paywall cue."""
    words = _word_count(text)
    length = min(1.0, math.sqrt(words / _FULL_WORDS))
    excess_links = max(0.0, link_share - _LINKS_NORMAL) / (_LINKS_ONLY - _LINKS_NORMAL)
    score = length * max(0.0, 1.0 - excess_links)
    if paywalled and words < _TEASER_WORDS:
        score *= _PAYWALL_FACTOR
    return round(score, 2)


def _word_count(text: str) -> int:
    """Words, counting two characters of a script written without spaces (CJK) as one."""
    dense = len(_UNSPACED.findall(text))
    return len(_UNSPACED.sub(" ", text).split()) + dense // 2


def is_paywalled(root: lxml_html.HtmlElement, names: PageNames | None = None) -> bool:
    """Whether the page says it locks content away: schema.org, markup names, a sign-in field."""
    tiers = {tier.strip().lower() for tier in strings(_CONTENT_TIERS, root)}
    if elements(_PASSWORD_FIELDS, root) or tiers & {"locked", "metered"}:
        return True
    if any(_declares_not_free(script) for script in strings(_JSON_LD, root)):
        return True
    return bool((names or PageNames(root)).matching(_LOCK_NAMES))


def _declares_not_free(script: str) -> bool:
    """schema.org's ``"isAccessibleForFree": false`` anywhere in a JSON-LD block."""
    if "isaccessibleforfree" not in script.lower():
        return False
    try:
        data = json.loads(script)
    except ValueError:
        return '"isaccessibleforfree":false' in "".join(script.lower().split())
    return _not_free(data)


def _not_free(data: object) -> bool:
    if isinstance(data, dict):
        flag = data.get("isAccessibleForFree")
        if flag is False or str(flag).lower() == "false":
            return True
        return any(_not_free(value) for value in data.values())
    if isinstance(data, list):
        return any(_not_free(item) for item in data)
    return False
