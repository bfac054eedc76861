"""Page furniture is left out of the article, in any language; the article's own text is kept.

Each page here is one trafilatura alone (with our settings) takes the furniture from, so every
test shows what our own rules add: it fails if they stop working.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_import import extract_file
from archive_import.article_blocks import address_key
from tests.archive_import.builders_article import (
    PROSE,
    TITLES,
    article_page,
    flat,
    trafilatura_alone,
    write,
)

CASES = {
    "share prompt (fr)": (
        {"lang": "fr", "between": '<div class="post-sharing"><p>Partagez cet article avec vos '
         "proches.</p></div>"},
        "Partagez cet article",
    ),
    "read-also line (ru)": (
        {"lang": "ru", "between": '<p><strong>Читайте также:</strong> <a href="/x">Рыбаки '
         "получили новые лодки к началу сезона</a></p>"},
        "Рыбаки получили новые лодки",
    ),
    "newsletter box (fr)": (
        {"lang": "fr", "between": "<div><h3>Recevez nos articles</h3><p>Chaque matin, "
         "l'essentiel de l'actualité du port dans votre boîte.</p><form><input type=\"email\">"
         "</form></div>"},
        "essentiel de l'actualité du port",
    ),
    "byline (de)": (
        {"lang": "de", "head": '<meta name="author" content="Hans Müller">',
         "before": "<p>Von Hans Müller, 4. März 2024</p>"},
        "Von Hans Müller",
    ),
    "author box (en)": (
        {"lang": "en", "head": '<meta name="author" content="Ana Ruiz">',
         "after": "<p>Ana Ruiz covers the coast, its towns and its weather for the Harbour "
         "Times, and has lived by the sea since she was a child.</p>"},
        "covers the coast",
    ),
    "advertisement labels (ru)": (
        {"lang": "ru", "before": "<p>РЕКЛАМА</p>", "between": "<p>РЕКЛАМА</p>",
         "after": "<p>РЕКЛАМА</p>"},
        "РЕКЛАМА",
    ),
    "newsletter promo in bold (en)": (
        {"lang": "en", "after": '<p><strong>Like this story? <a href="/signup">Sign up</a> for '
         "our free weekly letter and get the best of the Harbour Times.</strong></p>"},
        "free weekly letter",
    ),
    "social promo (fr)": (
        {"lang": "fr", "after": "<p>Suivez-nous sur Facebook, Twitter et Instagram pour ne "
         "rien manquer.</p>"},
        "Suivez-nous sur Facebook",
    ),
    "copyright and contact lines (de)": (
        {"lang": "de", "after": "<p>© 2024 Hafenzeitung Verlag GmbH</p>"
         "<p>redaktion@hafenzeitung.example</p>"},
        "Hafenzeitung Verlag",
    ),
    "teaser card (en)": (
        {"lang": "en", "between": '<a href="/one"><h4>Ferry timetable changes for winter</h4></a>'},
        "Ferry timetable changes",
    ),
    "cookie notice (de)": (
        {"lang": "de", "after": '<div class="gdpr"><p>Wir verwenden Cookies, um Ihnen das beste '
         "Erlebnis zu bieten. Mit der Nutzung stimmen Sie dem zu.</p></div>"},
        "Wir verwenden Cookies",
    ),
    "comments (fr)": (
        {"lang": "fr", "after": '<section class="user-comments"><h3>3 réactions</h3><p>Marie : '
         "Je me promène tous les soirs sur la digue désormais, c'est vraiment magnifique au "
         "coucher du soleil.</p></section>"},
        "Je me promène tous les soirs",
    ),
    "person pop-up inside a paragraph (en)": (
        {"lang": "en", "between": '<p>The mayor, <span class="person">Jo Brand<span '
         'class="rollover-card">Jo Brand: mayor since 2019, former ferry captain</span></span>, '
         "cut the ribbon at noon in front of a crowd of several hundred people.</p>"},
        "former ferry captain",
    ),
    "widget after the article (de)": (
        {"lang": "de", "after": "<p>Angebot der Woche</p><p>Regenjacke Nordsee</p>"
         "<p>Statt 89,99 €</p><p>Jetzt 59,99 €</p><p>Sie sparen 30 €</p>"},
        "Regenjacke Nordsee",
    ),
    "image credit (ru)": (
        {"lang": "ru", "between": '<div class="photo"><img src="wall.png" alt="Стена">'
         '<p class="image-credit">Фото: пресс-служба порта</p></div>'},
        "пресс-служба порта",
    ),
    "skip links (de)": (
        {"lang": "de", "before": '<p><a class="mw-jump-link" href="#nav">Zur Navigation '
         'springen</a> und <a class="skip-link" href="#suche">zur Suche springen</a></p>'},
        "Zur Navigation springen",
    ),
    "tool bar of bracketed links (ru)": (
        # Letters are two thirds of the bar's characters: its brackets must not count as text.
        {"lang": "ru", "after": "<table><tr><td>【<a href=\"javascript:print()\">Печать</a>】"
         "　【<a href=\"/pdf\">PDF</a>】　【<a href=\"/rss\">RSS</a>】</td></tr></table>"},
        "Печать",
    ),
    "follow us on Telegram (ru)": (
        {"lang": "ru", "after": '<p>Подписывайтесь на наш <a href="https://t.me/harbour_news">'
         "канал в Telegram</a>, чтобы первыми узнавать новости порта.</p>"},
        "канал в Telegram",
    ),
    "WhatsApp channel (fr)": (
        {"lang": "fr", "after": '<p>Rejoignez notre chaîne <a href="https://www.whatsapp.com/'
         "channel/0029VaHarbour\">WhatsApp</a> pour recevoir l'essentiel chaque matin.</p>"},
        "Rejoignez notre chaîne",
    ),
    "what a furniture link leaves of its line (en)": (
        {"lang": "en", "after": '<p>Receive new <a class="post-subscribe" href="/letter">'
         "posts via email</a>.</p>"},
        "Receive new",
    ),
    "reading time (ru)": (
        {"lang": "ru", "before": '<p class="post-reading-time">Время чтения: <small>3 минуты'
         "</small></p>"},
        "Время чтения",
    ),
    "citation line (de)": (
        {"lang": "de", "head": '<link rel="canonical" href="https://www.hafen.example/mauer/">',
         "after": "<p>Zitiervorschlag: Eine Mauer, die sich biegt (2024, 3. Mai), abgerufen am "
         "4. Mai 2024 von https://hafen.example/mauer</p>"},
        "Zitiervorschlag",
    ),
    "category line (fr)": (
        {"lang": "fr", "after": '<p class="postinfo">Classé dans : <a rel="category tag" '
         'href="/c/port">Vie du port</a>, <a rel="category tag" href="/c/meteo">Météo '
         "marine</a> |</p>"},
        "Vie du port",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("parts", "furniture"), CASES.values(), ids=CASES.keys())
def test_furniture_is_left_out(tmp_path: Path, parts: dict[str, str], furniture: str) -> None:
    page = article_page(**parts)
    assert furniture in flat(trafilatura_alone(page)), "the control should keep it"
    [article] = extract_file(write(tmp_path, page))
    text = flat(article.text)
    assert furniture not in text
    for paragraph in PROSE[parts["lang"]]:
        assert flat(paragraph) in text


def test_a_pop_up_card_goes_and_the_name_it_hangs_on_stays_in_its_sentence(
    tmp_path: Path,
) -> None:
    # The wrapper, the name and the card are all named for the pop-up.
    sentence = (
        '<p>The harbour master, <span class="rollover-people"><a class="rollover-people-link" '
        'href="/people/jo-brand">Jo Brand</a><span class="rollover-people-block"><img '
        'src="jo.png" alt=""><a href="/people/jo-brand">Jo Brand</a> <a href="/x">Ferry '
        'timetable changes for the winter</a> <a href="/y">New cranes arrive at the '
        "container quay</a></span></span>, cut the ribbon at noon in front of a crowd of "
        "several hundred people.</p>"
    )
    [article] = extract_file(write(tmp_path, article_page("en", between=sentence)))
    text = flat(article.text)
    assert "The harbour master, Jo Brand, cut the ribbon at noon" in text
    assert "Ferry timetable" not in text
    assert "New cranes" not in text


def test_a_page_is_known_by_its_address_with_a_path_however_a_line_spells_it() -> None:
    assert address_key("https://www.hafen.example/mauer/") == "hafen.example/mauer"
    assert address_key("http://hafen.example/mauer?seite=2") == "hafen.example/mauer"
    assert address_key("https://www.hafen.example/") == ""  # The home page: too common a line.
    assert address_key("/mauer") == ""


def test_a_tag_linked_inside_a_sentence_stays(tmp_path: Path) -> None:
    sentence = (
        '<p>Every winter the <a rel="tag" href="/tag/storms">storms</a> reach the old town, '
        "and the new wall is meant to hold them back for the next fifty years.</p>"
    )
    [article] = extract_file(write(tmp_path, article_page("en", after=sentence)))
    assert "Every winter the storms reach the old town" in flat(article.text)


def test_the_first_level_heading_above_the_prose_is_the_title_however_it_is_worded(
    tmp_path: Path,
) -> None:
    heading = "<h1>Harbour works: the new breakwater holds back the winter</h1>"
    page = article_page("en").replace(f"<h1>{TITLES['en']}</h1>", heading)
    assert "new breakwater holds" in flat(trafilatura_alone(page)), "the control should keep it"
    [article] = extract_file(write(tmp_path, page))
    assert "new breakwater holds" not in article.text
    assert flat(PROSE["en"][0]) in flat(article.text)


def test_a_line_repeating_the_title_below_a_kicker_is_left_out(tmp_path: Path) -> None:
    kicker_and_title = "<p>Port news</p><h2>A sea wall that bends</h2><p>Photo story</p>"
    page = article_page("en", before=kicker_and_title)
    [article] = extract_file(write(tmp_path, page))
    assert "A sea wall that bends" not in article.text
    assert flat(PROSE["en"][0]) in flat(article.text)
