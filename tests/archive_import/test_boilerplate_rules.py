"""The block rules on trafilatura's XML body: what each removes, and what it must leave alone."""

from __future__ import annotations

from lxml import etree

from archive_import.article_blocks import PageContext, words_of
from archive_import.boilerplate import remove_boilerplate

PROSE = (
    "<p>The harbour authority opened the new sea wall on Monday, three years after the storm "
    "that flooded the old town and closed the fish market.</p>"
)
QUIET_PAGE = PageContext()


def cleaned(*blocks: str, page: PageContext = QUIET_PAGE) -> list[str]:
    """The texts of the body's blocks left after the rules."""
    body = etree.fromstring(f"<body>{''.join(blocks)}</body>")
    remove_boilerplate(body, page)
    return [" ".join(" ".join(child.itertext()).split()) for child in body]


def test_list_of_links_is_left_out_and_list_of_points_kept() -> None:
    links = (
        '<list><item><ref target="/a">Neue Fähre ab Mai</ref></item>'
        '<item><ref target="/b">Fischmarkt öffnet wieder</ref></item></list>'
    )
    points = "<list><item>Sonar soundings at dawn</item><item>Drone photographs</item></list>"
    kept = cleaned(PROSE, links, PROSE, points, PROSE)
    assert "Neue Fähre ab Mai Fischmarkt öffnet wieder" not in kept
    assert "Sonar soundings at dawn Drone photographs" in kept


def test_table_of_links_is_left_out() -> None:
    table = '<table><row><cell><ref target="/a">新华纵横</ref></cell></row></table>'
    assert "新华纵横" not in cleaned(PROSE, table, PROSE)


def test_a_tool_bar_of_bracketed_links_is_left_out_and_a_linked_phrase_in_a_list_kept() -> None:
    # The brackets and spaces between the links are not text: the bar is wholly links.
    bar = (
        "<table><row><cell>【<ref>关闭窗口</ref>】\u3000【<ref target='/c'>发表评论</ref>】"
        "\u3000【<ref>打印本稿</ref>】</cell></row></table>"
    )
    assert "关闭窗口" not in " ".join(cleaned(PROSE, bar, PROSE))
    # A list of points that only link a word or two keeps them, brackets or not.
    points = (
        "<list><item>[1] Soundings taken at dawn by the <ref target='/a'>survey</ref> boat</item>"
        "<item>[2] Photographs of the breach from the air</item></list>"
    )
    assert (
        "[1] Soundings taken at dawn by the survey boat [2] Photographs of the breach from "
        "the air" in cleaned(PROSE, points, PROSE)
    )


def test_a_short_line_left_without_its_furniture_link_goes_after_the_article() -> None:
    # "Receive new <a class=subscribe>posts via email</a>." once the marked link is gone.
    assert "Receive new ." not in cleaned(PROSE, "<p>Receive new .</p>")
    assert "Receive new posts via email." in cleaned(PROSE, "<p>Receive new posts via email.</p>")
    # French sets a space before a colon: a label over a list stays.
    points = "<list><item>la digue</item><item>le port</item></list>"
    assert "À voir :" in cleaned(PROSE, "<p>À voir :</p>", points)


def test_a_line_linking_only_to_social_profiles_goes_but_a_link_to_a_post_stays() -> None:
    follow = '<p>Folgen Sie uns auf <ref target="https://www.instagram.com/hafen.zeitung/">Instagram</ref>.</p>'
    assert "Folgen Sie uns" not in " ".join(cleaned(PROSE, follow))
    # An embedded post's closing line links to the post itself: part of the article.
    post = (
        '<p>— Harbour Times (@harbour) <ref target="https://twitter.com/harbour/status/1187">'
        "May 4, 2024</ref></p>"
    )
    assert "— Harbour Times (@harbour) May 4, 2024" in cleaned(PROSE, post)
    # A line that also links elsewhere is not only a "follow us".
    mixed = (
        '<p>Photos: <ref target="https://www.instagram.com/ana.ruiz/">Ana Ruiz</ref> for the '
        '<ref target="/port">port authority</ref></p>'
    )
    assert "Photos: Ana Ruiz for the port authority" in cleaned(PROSE, mixed)


def test_linked_line_the_page_links_again_is_a_teaser() -> None:
    teaser = '<p><ref target="/x">Lighthouse to become a museum</ref></p>'
    page = PageContext(links_reading=lambda text: 2)
    assert "Lighthouse to become a museum" not in cleaned(PROSE, teaser, PROSE, page=page)
    assert "Lighthouse to become a museum" in cleaned(PROSE, teaser, PROSE)


def test_a_kicker_above_the_title_goes_with_it_but_not_without_a_title() -> None:
    page = PageContext(titles=(frozenset(words_of("La digue qui plie")),))
    kept = cleaned("<p>Littoral</p>", "<head>La digue qui plie</head>", PROSE, page=page)
    assert kept == [cleaned(PROSE)[0]]
    # No title heading to go: a short first line stays (it may be the article's own).
    assert "Littoral" in cleaned("<p>Littoral</p>", PROSE, page=page)
    # A sentence above the title is not a label.
    assert "Il pleuvait." in cleaned(
        "<p>Il pleuvait.</p>", "<head>La digue qui plie</head>", PROSE, page=page
    )


def test_three_linked_lines_in_a_row_are_a_list_of_links() -> None:
    lines = [f'<p><ref target="/{n}">Teaser number {n}</ref></p>' for n in range(3)]
    kept = cleaned(PROSE, *lines, PROSE)
    assert not any(text.startswith("Teaser") for text in kept)
    assert "Teaser number 0" in cleaned(PROSE, lines[0], PROSE, lines[1], PROSE)


def test_title_again_above_the_article_is_left_out_but_not_a_sentence() -> None:
    page = PageContext(titles=(frozenset(words_of("Стена, которая гнётся")),))
    kept = cleaned("<head>Стена, которая гнётся</head>", PROSE, page=page)
    assert kept == [cleaned(PROSE)[0]]
    sentence = "<p>Стена, которая гнётся.</p>"
    assert "Стена, которая гнётся." in cleaned(sentence, PROSE, page=page)


def test_lines_without_words_and_copyright_lines_after_the_article() -> None:
    kept = cleaned(PROSE, "<p>___</p>", "<p>© Reuters</p>", "<p>Copyright Inexhibit 2019</p>")
    assert kept == cleaned(PROSE)


def test_a_block_that_is_an_unrendered_shortcode_is_left_out_wherever_it_is() -> None:
    button = "<p>[button link=”/submit-review/” type=”big”] Send us YOUR kit review[/button]</p>"
    gallery = '<p>[gallery ids="7910,7911" columns=3]</p>'
    assert cleaned(PROSE, button, PROSE, gallery, PROSE) == cleaned(PROSE, PROSE, PROSE)
    # Square brackets in prose, a footnote or an editor's label are not shortcodes.
    prose = "<p>[Update] The council met again and voted [unanimously] to keep the wall.</p>"
    for kept in (prose, "<p>[1] Ruskin KJ, Curr Opin Anaesthesiol 2015.</p>", "<p>[Video]</p>"):
        assert cleaned(PROSE, kept, PROSE) != cleaned(PROSE, PROSE), kept


def test_social_networks_named_inside_the_article_are_kept() -> None:
    inside = "<p>Facebook and Twitter both removed the account on Tuesday.</p>"
    assert "Facebook and Twitter both removed the account on Tuesday." in cleaned(
        PROSE, inside, PROSE
    )
    assert cleaned(PROSE, inside) == cleaned(PROSE)


def test_short_line_repeated_three_times_is_furniture_twice_is_not() -> None:
    label = "<p>Anzeige</p>"
    assert "Anzeige" not in cleaned(label, PROSE, label, PROSE, label, PROSE)
    assert "Anzeige" in cleaned(PROSE, label, PROSE, label, PROSE)


def test_heading_or_label_left_dangling_at_the_end_goes() -> None:
    kept = cleaned(PROSE, "<head>Mehr zum Thema</head>", "<p>Siehe auch:</p>")
    assert kept == cleaned(PROSE)
    assert "Methods" in cleaned("<head>Methods</head>", PROSE)
    # A label trailing off into the list that followed it goes; a word cut short stays.
    assert cleaned(PROSE, "<p>You may also like...</p>") == cleaned(PROSE)
    assert cleaned(PROSE, "<p>Читайте также…</p>") == cleaned(PROSE)
    assert "All..." in cleaned(PROSE, "<p>All...</p>")


def test_a_line_saying_when_the_page_was_published_or_updated_goes_outside_the_prose() -> None:
    page = PageContext(dates=frozenset({"2019-11-19T08:38:00+05:30", "2021-03-12T14:05:00"}))
    for stamp in (
        "<p><hi rend='#i'>Updated at 2:05 p.m.</hi></p>",
        "<p>First Published: Tuesday, November 19, 2019 08:38 AM</p>",
        "<p>Aktualisiert am 12.03.2021.</p>",
        "<p>Stand: 12. März 2021, 14:05 Uhr</p>",
        "<p>Mis à jour le 12 mars 2021 à 14h05</p>",
    ):
        assert cleaned(PROSE, stamp, page=page) == cleaned(PROSE), stamp
        assert cleaned(stamp, PROSE, page=page) == cleaned(PROSE), stamp
        # Between two paragraphs of the article it is the article's own line.
        assert len(cleaned(PROSE, stamp, PROSE, page=page)) == 3, stamp
        # On a page whose metadata gives no such day or time, it may be the article's.
        assert len(cleaned(PROSE, stamp)) == 2, stamp
    for kept in (
        "<p>Deadline: 14 March 2021</p>",  # another day than the page's
        "<p>Doors open at 8:30 p.m.</p>",
        "<p>12 March 2021 | 20 January 2022</p>",  # an event's run opens with its dates
        "<p>— Ana Ruiz (@anaruiz) November 19, 2019</p>",  # a quoted post's attribution
        "<p>What is new in 2.26 (March 2021 pack)?</p>",
        "<p>HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%</p>",
        "<p>Photo: Jo Brand, Reuters</p>",
        "<p>The council met again on Tuesday, 19 November 2019 at 08:38 to vote.</p>",
    ):
        assert kept[3:-4] in cleaned(PROSE, kept, page=page), kept


def test_a_closing_heading_over_a_short_line_or_two_is_a_prompt() -> None:
    assert cleaned(PROSE, "<head>Tell us what YOU think...</head>", "<p>12 comments</p>") == (
        cleaned(PROSE)
    )
    assert cleaned(PROSE, "<head>Ваше мнение</head>", "<p>Комментарии</p>", "<p>0</p>") == (
        cleaned(PROSE)
    )
    # A last section whose line is a sentence stays, in any script.
    closing = ["<head>再起動して完了</head>", "<p>これでようやく元の操作性を取り戻せました。</p>"]
    assert cleaned(PROSE, *closing) == [*cleaned(PROSE), "再起動して完了", closing[1][3:-4]]
    assert "Fazit" in cleaned(PROSE, "<head>Fazit</head>", PROSE)


def test_a_short_emphasized_call_to_the_reader_after_the_article_goes() -> None:
    for call in (
        "<p><hi rend='#b'><hi rend='#i'>Like this story? Share it with a friend!</hi></hi></p>",
        "<p><hi rend='#i'>¿Te gustó? ¡Compártelo con tus amigos!</hi></p>",
        "<p><hi rend='#b'>\u6c17\u306b\u5165\u3063\u305f\u3089\u30b7\u30a7\u30a2\uff01</hi></p>",
    ):
        assert cleaned(PROSE, call) == cleaned(PROSE), call
    # A credit or a date set in italics is no call; before the article, it may be a standfirst;
    # and a call that is not set apart in bold or italics is the article's own.
    for kept in (
        "<p><hi rend='#i'>(Reporting by Ana Ruiz; Editing by Jo Brand)</hi></p>",
        "<p><hi rend='#i'>This story first ran in our May 2019 issue.</hi></p>",
        "<p>Like this story? Share it with a friend!</p>",
    ):
        assert cleaned(PROSE, kept) != cleaned(PROSE), kept
    standfirst = "<p><hi rend='#i'>Will the wall hold? Engineers say yes!</hi></p>"
    assert cleaned(standfirst, PROSE) != cleaned(PROSE)


def test_images_after_the_article_are_kept() -> None:
    body = etree.fromstring(f'<body>{PROSE}<graphic src="asset:a.png"/></body>')
    remove_boilerplate(body, QUIET_PAGE)
    assert body.find("graphic") is not None
