"""Drop the blocks of an extracted article that are page furniture, by structure and density.

Works on trafilatura's XML body after extraction, with cues that hold in any language: how
much of a block is link text, whether it repeats the page's title or a link found elsewhere on
the page or a line of the article itself, whether it sits before the article's first paragraph
of prose or after its last, and what its characters are (a ©, addresses instead of words).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

from lxml import etree

from archive_import.article_blocks import Block, PageContext, normal, prose_span, words_of
from archive_import.meta_dates import date_in_text, is_month_name

log = logging.getLogger(__name__)

BOILERPLATE_VERSION = 15

# A list or table this much made of links is a list of other pages (related, most read, tags).
_LINK_LIST_DENSITY = 0.7
# A block this much linked that also appears as a link elsewhere is a teaser for another page.
_TEASER_DENSITY = 0.8
# This many linked lines in a row are a list of links set as paragraphs.
_LINKED_LINE_WORDS = 15
_LINKED_RUN = 3
# After the article, this many short lines in a row are widgets (prices, link-box titles).
_SHORT_LINE_WORDS = 6
_SHORT_RUN = 4
# A heading closing the article with at most this many short lines under it is a prompt.
_PROMPT_LINES = 2
# Share of a block's words found in a title, and of the title's in the block, to repeat it.
_SAME_WORDS = 0.8
_TITLE_COVERED = 0.6
# A line above the title heading of at most this many words, not a sentence, is its kicker.
_KICKER_WORDS = 4
# A line of at most this many words seen this many times in one article: ad labels, toggles.
_REPEATED_WORDS = 3
_REPEATS = 3
# Lines short enough to be a copyright notice or a contact line rather than prose.
_NOTICE_WORDS = 12
_CONTACT_SHARE = 0.5
_CONTACT = re.compile(r"\S+@\S+\.\w+|https?://\S+|www\.\S+|@\w+|\S+\.(?:com|org|net)\S*")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|^copyright\b", re.IGNORECASE)
_HAS_WORD = re.compile(r"[^\W_]")
# A citation notice is a line or two; a paragraph quoting the page's address is something else.
_CITATION_WORDS = 60
# A line stating when the page was published or updated: a label of a few words, then a date
# or a clock time and little else ("Updated at 1:23 p.m.", "First published: Tuesday, 19
# November 2019 08:38", "Stand: 12.03.2021, 14:05 Uhr", "Mis à jour le 3 mars à 14h05"),
# naming a day or a time the page's metadata gives as its own. The library keeps those dates
# as metadata. "Deadline: 12 March 2021" on a page of another day is the article's; so is a
# line opening with its dates ("29 November | 20 January", an event's run) or an attribution
# ("— Ana (@ana) May 4, 2019").
_STAMP = re.compile(r"(?P<label>[^\W\d_]+(?:[ '\u2019-][^\W\d_]+){0,3})\s*:?\s+(?P<when>\S.*)")
_CLOCK = re.compile(
    r"(?<![\d.])(?P<hour>\d{1,2})(?::|h)(?P<minute>\d{2})(?![\d.])\s*(?P<half>[ap]\.?\s?m\b)?",
    re.IGNORECASE,
)
_STAMP_WORDS = 12
# Words a date or time may carry besides month names: a weekday, "at", "um", "à".
_STAMP_OTHER_WORDS = 2
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_DAY_HALVES = frozenset({"am", "pm", "a", "p", "m", "h", "uhr"})
# An author box ("Ana Ruiz covers science for…") is a paragraph starting with the author's name.
_AUTHOR_BOX_WORDS = 80
# A content system's shortcode left unrendered, filling a whole block: "[button link=…]
# Send us your review[/button]", "[gallery ids=\"3,4\"]". Markup for a plugin, never prose.
_SHORTCODE = re.compile(
    r"\[(?P<name>[^\W\d_][\w-]*)(?:\s[^\]]*)?\].*\[/(?P=name)\]"
    r"|\[[^\W\d_][\w-]*\s+[\w-]+\s*=[^\]]*\]",
    re.DOTALL,
)
# What is left of a short line when the page's marked furniture was a link inside it:
# "Receive new <a class=subscribe>posts via email</a>." reads "Receive new ." A sentence
# never ends on a space before its full stop or comma, in any script that uses them (French
# sets a space before a colon, a semicolon, "!" and "?", so those are no sign).
_REMNANT = re.compile(r"\s[.,]$")
# Question and exclamation marks (Latin, Spanish openers, full-width CJK): a call to the reader.
_ASKS_OR_EXCLAIMS = tuple("?!¿¡\uff1f\uff01")
# Network names are the same in every language.
_SOCIAL_WORDS = 30
_NETWORKS = re.compile(
    r"\b(facebook|twitter|instagram|whatsapp|telegram|youtube|linkedin|pinterest|tiktok|"
    r"vkontakte|snapchat|reddit|flipboard|xing|mastodon|threads|bluesky)\b",
    re.IGNORECASE,
)
# A link to a profile or channel on one of these is a "follow us" link: "Follow us on
# <a href=https://t.me/…>Telegram</a>", "Подписывайтесь на наш канал в Дзене".
_SOCIAL_HOSTS = frozenset({
    "t.me", "telegram.me", "wa.me", "whatsapp.com", "facebook.com", "fb.com", "twitter.com",
    "x.com", "instagram.com", "vk.com", "ok.ru", "dzen.ru", "youtube.com", "linkedin.com",
    "tiktok.com", "pinterest.com", "threads.net", "bsky.app", "flipboard.com", "reddit.com",
    "mastodon.social", "news.google.com",
})  # fmt: skip
# Path words of a single post, photo or video: a link to content, not to a profile.
_POST_PATHS = frozenset({
    "status", "statuses", "p", "post", "posts", "watch", "video", "videos", "reel", "reels",
    "photo", "photos", "story", "stories", "shorts", "comments", "pin", "embed",
})  # fmt: skip
_PROFILE_DEPTH = 2

Rule = Callable[[Block, PageContext], bool]


def remove_boilerplate(body: etree._Element, page: PageContext) -> None:
    """Remove furniture blocks from trafilatura's XML ``body`` in place."""
    blocks = [Block.of(child) for child in body]
    doomed = _doomed(blocks, page)
    kept = [block for i, block in enumerate(blocks) if i not in doomed]
    while kept and kept[-1].is_dangling:
        doomed.add(blocks.index(kept.pop()))
    for block in _closing_prompt(kept):
        doomed.add(blocks.index(block))
    for i in sorted(doomed):
        log.debug("boilerplate: %.60s", blocks[i].text)
        _drop(blocks[i].element)


def _closing_prompt(kept: list[Block]) -> list[Block]:
    """A heading at the very end with only a short line or two below it and no sentence:
    "Tell us what you think" over a comment count, "Mehr zum Thema" over two labels."""
    with_text = [block for block in kept if block.text]
    for back in range(2, 2 + _PROMPT_LINES):
        if len(with_text) <= back:
            break
        heading, below = with_text[-back], with_text[-back + 1 :]
        if heading.tag == "head" and all(_is_short_line(b) and not b.ends_sentence for b in below):
            return [heading, *below]
    return []


def _doomed(blocks: list[Block], page: PageContext) -> set[int]:
    first, last = prose_span(blocks)
    doomed = {i for i, block in enumerate(blocks) if _is_furniture(block, page, i, first, last)}
    doomed |= _kickers(blocks, page, first, doomed)
    with_text = [i for i, block in enumerate(blocks) if block.text]
    if with_text and _is_author_box(blocks[with_text[-1]], page):
        doomed.add(with_text[-1])
    doomed |= _repeated_lines(blocks)
    doomed |= _runs(blocks, _is_linked_line, _LINKED_RUN, 0, doomed)
    if last >= 0:
        doomed |= _runs(blocks, _is_short_line, _SHORT_RUN, last + 1, doomed)
    return doomed


def _kickers(blocks: list[Block], page: PageContext, first: int, doomed: set[int]) -> set[int]:
    """Labels just above the title heading ("Technology", a section, a breadcrumb): once
    the title goes, they would open the article."""
    title = next((i for i in range(first) if i in doomed and _is_title(blocks[i], page)), -1)
    labels: set[int] = set()
    for position in range(title - 1, -1, -1):
        block = blocks[position]
        if not block.text or block.ends_sentence or block.words > _KICKER_WORDS:
            break
        labels.add(position)
    return labels


def _is_furniture(block: Block, page: PageContext, position: int, first: int, last: int) -> bool:
    if not block.text:
        return False  # an image, judged by what surrounds it, never by its (absent) words
    rules = _EVERYWHERE
    if position < first:
        rules += _BEFORE_PROSE + _OUTSIDE_PROSE
    elif position > last:
        rules += _OUTSIDE_PROSE + _AFTER_PROSE
    return any(rule(block, page) for rule in rules)


def _is_link_list(block: Block, page: PageContext) -> bool:
    """A list or table of links to other pages (related, most read, tags, a site index)."""
    return block.tag in {"list", "table"} and block.link_share >= _LINK_LIST_DENSITY


def _is_teaser(block: Block, page: PageContext) -> bool:
    """A linked line that the page also links elsewhere: a headline pointing to another page."""
    return block.link_share >= _TEASER_DENSITY and page.links_reading(block.text) >= 2


def _repeats_title(block: Block, page: PageContext) -> bool:
    """A heading or line above the article that is its title again (the reader shows it)."""
    words = frozenset(words_of(block.text))
    if not words or block.ends_sentence:
        return False
    for title in page.titles:
        shared = len(words & title)
        if shared >= _SAME_WORDS * len(words) and shared >= _TITLE_COVERED * len(title):
            return True
    return False


def _is_title(block: Block, page: PageContext) -> bool:
    return _repeats_title(block, page) or _is_title_heading(block, page)


def _is_title_heading(block: Block, page: PageContext) -> bool:
    """A first-level heading above the article's prose: the page's title, which the reader
    shows above the text, however the page words it (the heading "High School Roundup: …"
    under the title "HS Roundup: …")."""
    return block.tag == "head" and block.element.get("rend") == "h1"


def _is_notice(block: Block, page: PageContext) -> bool:
    """No words at all, a copyright line, or addresses and handles rather than sentences."""
    if not _HAS_WORD.search(block.text):
        return True
    if block.words > _NOTICE_WORDS:
        return False
    if _COPYRIGHT.search(block.text):
        return True
    contact = sum(len(m) for m in _CONTACT.findall(block.text))
    return contact >= _CONTACT_SHARE * len(block.text.replace(" ", ""))


def _is_timestamp(block: Block, page: PageContext) -> bool:
    """A line saying when the page was published or updated (see ``_STAMP``)."""
    if not page.dates or block.words > _STAMP_WORDS or block.tag == "head":
        return False
    stamp = _STAMP.fullmatch(" ".join(block.text.split()))
    if stamp is None or stamp.group("when").endswith("?"):
        return False
    when = stamp.group("when")
    other = [
        word
        for word in _LETTER_WORD.findall(when)
        if not is_month_name(word) and word.casefold() not in _DAY_HALVES
    ]
    return len(other) <= _STAMP_OTHER_WORDS and _names_a_page_date(when, page.dates)


def _names_a_page_date(when: str, dates: frozenset[str]) -> bool:
    """Whether ``when`` states the day, or else the time of day, of one of ``dates``."""
    day = date_in_text(when)
    if day is not None:
        return any(date[:10] == day[:10] for date in dates)
    clock = _CLOCK.search(when)
    if clock is None:
        return False
    hour, half = int(clock.group("hour")), (clock.group("half") or " ")[0].lower()
    if half == "p" and hour < 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return any(date[11:16] == f"{hour:02d}:{clock.group('minute')}" for date in dates)


def _is_byline(block: Block, page: PageContext) -> bool:
    """A short line naming the author: "By Ana Ruiz", "Par…", "Von…", "Автор:…"."""
    text = normal(block.text)
    return block.words <= _NOTICE_WORDS and any(name in text for name in page.authors)


def _is_author_box(block: Block, page: PageContext) -> bool:
    """A paragraph about the author, which starts with their name ("Ana Ruiz covers…")."""
    text = normal(block.text)
    return block.words <= _AUTHOR_BOX_WORDS and any(text.startswith(n) for n in page.authors)


def _is_social_promo(block: Block, page: PageContext) -> bool:
    """A follow-us line or a share bar: a short line naming social networks."""
    networks = {m.casefold() for m in _NETWORKS.findall(block.text)}
    return block.words <= _SOCIAL_WORDS and len(networks) >= 2


def _is_follow_us(block: Block, page: PageContext) -> bool:
    """A short line whose every link goes to a profile or channel on a social network."""
    if block.words > _SOCIAL_WORDS:
        return False
    targets = [ref.get("target") or "" for ref in block.element.iter("ref")]
    return bool(targets) and all(map(_is_social_profile, targets))


def _is_social_profile(url: str) -> bool:
    """``https://t.me/harbour``, ``https://www.facebook.com/harbour.times/``: not a post."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    if host not in _SOCIAL_HOSTS:
        return False
    path = [segment for segment in parts.path.split("/") if segment]
    if not path or len(path) > _PROFILE_DEPTH:
        return False
    return not any(segment.isdigit() or segment.lower() in _POST_PATHS for segment in path)


def _is_shortcode(block: Block, page: PageContext) -> bool:
    """A block that is nothing but an unrendered shortcode (see ``_SHORTCODE``)."""
    return _SHORTCODE.fullmatch(block.text.strip()) is not None


def _is_promo(block: Block, page: PageContext) -> bool:
    """A line set wholly in bold or italics with a link: "Sign up for…", "Read the original…"."""
    return block.is_emphasized and block.link_share > 0


def _is_call_to_reader(block: Block, page: PageContext) -> bool:
    """A short line wholly in bold or italics that asks or exclaims: "Like this story? Share
    it with a friend!", "¿Te gustó? ¡Compártelo!". Credits and dates set that way stay."""
    return (
        block.is_emphasized
        and block.words <= _NOTICE_WORDS
        and block.tag != "head"
        and any(mark in block.text for mark in _ASKS_OR_EXCLAIMS)
    )


def _cites_the_page(block: Block, page: PageContext) -> bool:
    """A line giving the page's own address: how to cite it, its permalink ("Citation: …
    retrieved 20 November 2019 from https://…"). The article never needs its own address."""
    return block.words <= _CITATION_WORDS and any(a in block.text for a in page.addresses)


def _is_remnant(block: Block, page: PageContext) -> bool:
    """A short line missing the words of a link taken out as furniture (see ``_REMNANT``)."""
    return block.words <= _NOTICE_WORDS and _REMNANT.search(block.text) is not None


_EVERYWHERE: tuple[Rule, ...] = (_is_link_list, _is_teaser, _is_shortcode)
_BEFORE_PROSE: tuple[Rule, ...] = (_repeats_title, _is_title_heading)
_OUTSIDE_PROSE: tuple[Rule, ...] = (
    _is_notice,
    _is_byline,
    _is_timestamp,
    _is_social_promo,
    _is_follow_us,
    _is_promo,
    _is_remnant,
    _cites_the_page,
)
# Before the prose, a short emphasized line may be the article's standfirst; after it, not.
_AFTER_PROSE: tuple[Rule, ...] = (_is_call_to_reader,)


def _repeated_lines(blocks: list[Block]) -> set[int]:
    """Short lines the page repeats through the article: ad labels, "show more" toggles."""
    counts = Counter(b.text for b in blocks if 0 < b.words <= _REPEATED_WORDS)
    return {i for i, b in enumerate(blocks) if b.text and counts[b.text] >= _REPEATS}


def _is_linked_line(block: Block) -> bool:
    return block.link_share >= _TEASER_DENSITY and block.words <= _LINKED_LINE_WORDS


def _is_short_line(block: Block) -> bool:
    return block.tag in {"p", "head"} and block.words <= _SHORT_LINE_WORDS and not block.is_prose


def _runs(
    blocks: list[Block], belongs: Callable[[Block], bool], length: int, start: int, gone: set[int]
) -> set[int]:
    """Positions in runs of at least ``length`` blocks that ``belongs`` accepts, from ``start``.

    Images, empty blocks and blocks already ``gone`` neither extend nor break a run.
    """
    found: set[int] = set()
    run: list[int] = []
    for i in range(start, len(blocks) + 1):
        if i < len(blocks) and (i in gone or not blocks[i].text):
            continue
        if i < len(blocks) and belongs(blocks[i]):
            run.append(i)
            continue
        if len(run) >= length:
            found.update(run)
        run = []
    return found


def _drop(element: etree._Element) -> None:
    """Remove ``element`` but keep any text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail and element.tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
