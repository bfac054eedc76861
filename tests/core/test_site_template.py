"""A site's template is learned from its pages and removed from each of them, and no more."""

from __future__ import annotations

import pytest

from archive_import.cleanup import html_to_text
from desktop_app.core.site_template import (
    SiteTemplate,
    apply_template,
    clean_site,
    learn_template,
    site_key,
)

# Article paragraphs on unrelated subjects, so that no two pages look alike.
STORIES = [
    ("The lighthouse keeper logged every ship that rounded the northern reef during the storms.",
     "Her notebooks, kept in a tin box, describe fog signals and the smell of paraffin lamps."),
    ("A sourdough starter can live for decades if it is fed flour and water every morning.",
     "Bakers in the old quarter swap jars of it the way gardeners swap cuttings of roses."),
    ("Glaciers in the southern valley retreated by a kilometre over the past thirty winters.",
     "Hydrologists now drill boreholes to measure how fast meltwater reaches the river below."),
    ("The violin maker carves each scroll by hand from maple seasoned for at least ten years.",
     "Varnish recipes are guarded closely, and some workshops still boil their own resins."),
    ("Orchard owners graft rare apple varieties onto hardy rootstock to save them from loss.",
     "One farmer keeps sixty kinds of pear, several of which no nursery sells any longer."),
    ("Amateur astronomers tracked the comet's tail across three nights of unusually clear sky.",
     "Their photographs, stacked by software, revealed a faint second tail made of sodium."),
    ("The beekeeping club moved its hives to the railway embankment, where wildflowers grow.",
     "Honey from the embankment tastes of clover and bramble, members said at the fair."),
    ("Restorers cleaned the chapel ceiling and found a painted sky hidden under grey plaster.",
     "The stars were gilded, and a few still carry the initials of the painters' guild."),
    ("Ferry crews on the estuary learn to read the sandbanks, which shift after every gale.",
     "A pilot with forty years aboard says no chart has ever kept up with the channel."),
]  # fmt: skip

KICKER = "<p>Features</p>"
PROMO = "<p>Get our newsletter: the best stories of the week, every Friday, free of charge.</p>"
NOTICE = "<p>© {year} Example Media. All rights reserved. Reproduction is prohibited.</p>"
COMMENTS = "<p>{n} comments</p>"
SIGN_OFF = "Follow us on Telegram for more stories."


def page(number: int, *, year: int = 2024, comments: int = 3, sign_off: bool = False) -> str:
    """An article fragment as the importer keeps it: unique paragraphs inside site blocks."""
    first, second = STORIES[number]
    ending = f" {SIGN_OFF}" if sign_off else ""
    return (
        f"{KICKER}<p>{first}</p>{PROMO}<p>{second}{ending}</p>"
        f"{COMMENTS.format(n=comments)}{NOTICE.format(year=year)}"
    )


def texts(fragment: str) -> list[str]:
    return html_to_text(fragment).split("\n\n")


@pytest.mark.parametrize(
    ("url", "site_name", "expected"),
    [
        ("https://www.Example.COM/a/b.html", None, "example.com"),
        ("https://news.bbc.co.uk/world/1", "BBC News", "bbc.co.uk"),
        ("http://someone.github.io/post", None, "someone.github.io"),
        ("https://xn--e1afmkfd.xn--p1ai/статья", None, "пример.рф"),
        ("http://localhost:8000/page", None, "localhost"),
        ("http://192.168.1.20/page", None, "192.168.1.20"),
        (None, "  Le   Monde ", "le monde"),
        (None, "WWW.Example.com", "example.com"),
        ("file:///home/me/page.html", "Coast Review", "coast review"),
        ("", "", None),
        (None, None, None),
    ],
)
def test_site_key(url: str | None, site_name: str | None, expected: str | None) -> None:
    assert site_key(url, site_name) == expected


def test_repeated_blocks_go_and_unique_paragraphs_stay() -> None:
    pages = [page(n, year=2020 + n, comments=n * 7) for n in range(5)]
    template = learn_template(pages)
    assert template.pages == 5
    for number, fragment in enumerate(pages):
        assert texts(apply_template(fragment, template)) == list(STORIES[number])


def test_digits_are_masked_so_changing_years_and_counts_match() -> None:
    template = learn_template([page(n, year=2020 + n, comments=n + 2) for n in range(5)])
    new = page(5, year=2031, comments=987)
    assert texts(apply_template(new, template)) == list(STORIES[5])


def test_a_new_page_of_the_site_is_cleaned_too() -> None:
    template = learn_template([page(n) for n in range(4)])
    fragment = page(6) + "<h2>Notes</h2><p>A closing paragraph only this page has.</p>"
    cleaned = apply_template(fragment, template)
    assert texts(cleaned) == [*STORIES[6], "Notes", "A closing paragraph only this page has."]
    assert "<h2>Notes</h2>" in cleaned


def test_a_sign_off_line_closing_a_paragraph_is_cut_from_it() -> None:
    pages = [page(n, sign_off=True) for n in range(5)]
    pages[1] = pages[1].replace(f" {SIGN_OFF}", f"<br><a href='/t'>{SIGN_OFF}</a>")
    template = learn_template(pages)
    ending = f'{STORIES[6][1]} Jars from <a href="/fair">the fair</a> sold out. {SIGN_OFF}'
    cleaned = apply_template(page(6).replace(STORIES[6][1], ending), template)
    assert texts(cleaned)[-1] == f"{STORIES[6][1]} Jars from the fair sold out."
    assert '<a href="/fair">the fair</a>' in cleaned
    assert texts(apply_template(pages[1], template)) == list(STORIES[1])


def test_a_line_opening_a_paragraph_is_cut_and_a_block_left_as_template_goes() -> None:
    def article(number: int) -> str:
        first, second = STORIES[number]
        related = f'<p>Read also <a href="/{number}">{STORIES[number + 1][1]}</a></p>'
        if number == 6:  # the sign-off and the link share one paragraph here
            related = related.replace("</a>", f"</a><br>{SIGN_OFF}")
        return f"<p>Reading time: {number + 2} minutes. {first}</p><p>{second}</p>{related}"

    template = learn_template(
        [article(n) for n in range(5)] + [page(n, sign_off=True) for n in range(5)]
    )
    assert texts(apply_template(article(6), template)) == list(STORIES[6])


def test_near_identical_captures_of_one_article_count_once() -> None:
    captures = [page(7, comments=n) for n in (4, 9, 12)]
    captures[2] = captures[2].replace(STORIES[7][1], STORIES[7][1] + " The guild still meets.")
    template = learn_template([page(n) for n in range(3)] + captures)
    assert template.pages == 4
    assert texts(apply_template(captures[0], template)) == list(STORIES[7])


def test_fewer_pages_than_min_pages_teach_nothing() -> None:
    assert learn_template([page(0), page(1)]).empty
    template = learn_template([page(n) for n in range(3)], min_pages=4)
    assert template == SiteTemplate(pages=3)
    assert apply_template(page(0), template) == page(0)
    with pytest.raises(ValueError, match="two pages"):
        learn_template([page(0)], min_pages=1)


def test_a_page_that_would_lose_most_of_its_text_is_kept_whole() -> None:
    template = learn_template([page(n) for n in range(5)])
    stub = f"{KICKER}{PROMO}<p>Short note.</p>{NOTICE.format(year=2022)}"
    assert apply_template(stub, template) == stub
    assert texts(apply_template(stub, template, max_removed=1.0)) == ["Short note."]


def test_plain_text_scrapes_are_cleaned_paragraph_by_paragraph() -> None:
    def scrape(number: int) -> str:
        first, second = STORIES[number]
        return (
            f"Example Media | Home | Culture | Science\n\n{first}\n\n"
            f"Read also: {STORIES[number + 1][0][:30]}\n\n{second}\n\n"
            f"© {2015 + number} Example Media\nAll rights reserved.\n"
        )

    scrapes = [scrape(n) for n in range(5)]
    template = learn_template(scrapes)
    assert apply_template(scrape(5), template) == "\n\n".join(STORIES[5])
    as_html = "".join(f"<p>{p}</p>" for p in scrape(6).split("\n\n") if p.strip())
    assert texts(apply_template(as_html, template)) == list(STORIES[6])


def test_a_read_also_line_with_a_changing_link_is_template() -> None:
    def with_link(number: int) -> str:
        link = f'<p>Read also <a href="/{number}">{STORIES[number + 1][0]}</a></p>'
        return page(number).replace(PROMO, link)

    template = learn_template([with_link(n) for n in range(5)])
    assert texts(apply_template(with_link(6), template)) == list(STORIES[6])


@pytest.mark.parametrize(
    "about", ["<h3>About the author</h3><p>{bio}</p>", "<p><b>About the author:</b> {bio}</p>"]
)
def test_a_kicker_and_an_author_bio_are_template_where_they_sit(about: str) -> None:
    bios = ["Ann writes about the coast.", "Bo covers science and farms.", "Cy edits culture."]
    sections = ["Science", "Coast", "Culture"]

    def article(number: int) -> str:
        first, second = STORIES[number]
        about_box = about.format(bio=bios[number // 3])
        return f"<p>{sections[number % 3]}</p><p>{first}</p><p>{second}</p>{about_box}"

    pages = [article(n) for n in range(9)]  # each section and each bio on three pages
    template = learn_template(pages, min_share=0.5)  # 5 pages of 9: too few for either
    assert [texts(apply_template(p, template)) for p in pages] == [list(s) for s in STORIES]


def test_content_that_repeats_in_a_few_pages_is_kept() -> None:
    background = "<p>The series follows eight crafts that survive in one small town.</p>"
    pages = [page(n) for n in range(8)]
    for number in (1, 4, 6):  # a series' background paragraph, after the first paragraph
        pages[number] = pages[number].replace(PROMO, PROMO + background)
    template = learn_template(pages, min_share=0.4)
    assert "The series follows" in apply_template(pages[4], template)
    assert "newsletter" not in apply_template(pages[4], template)


def test_a_label_before_prose_is_the_articles_own() -> None:
    def article(number: int) -> str:
        subject = STORIES[number][0].split()[1]
        update = f"<p>Update: the {subject} story was corrected after readers wrote in.</p>"
        return page(number).replace(PROMO, update)

    template = learn_template([article(n) for n in range(6)])
    assert "Update: the violin story was corrected" in apply_template(article(3), template)


def test_a_label_on_many_blocks_of_a_page_is_structure_not_template() -> None:
    def interview(number: int) -> list[str]:
        first, second = STORIES[number]
        subject = first.split()[1]
        last = "A: No comment." if number in {1, 3, 5} else f"A: Yes, {subject} is all I know."
        return [f"Q: Why {subject}?", f"A: {first}", "Q: And then?", f"A: {second}",
                f"Q: Is {subject} your life?", last]  # fmt: skip

    def markup(number: int) -> str:
        return "".join(f"<p>{line}</p>" for line in interview(number))

    # "A: No comment." closes three interviews of eight: too few for a share of 0.5.
    template = learn_template([markup(n) for n in range(8)], min_share=0.5)
    for number in (5, 6):
        assert texts(apply_template(markup(number), template)) == [
            line for line in interview(number) if line != "Q: And then?"
        ]


def test_emptied_lists_go_and_table_header_rows_stay() -> None:
    def article(number: int) -> str:
        first, second = STORIES[number]
        return (
            f"<p>{first}</p><ul><li>Share on X</li><li>Share by email</li></ul>"
            f"<table><tr><th>Year</th><th>Count</th></tr><tr><td>{number}</td>"
            f"<td>{second}</td></tr></table>"
        )

    template = learn_template([article(n) for n in range(5)])
    cleaned = apply_template(article(6), template)
    assert "<ul>" not in cleaned
    assert "<th>Year</th>" in cleaned
    assert STORIES[6][1] in cleaned


def test_clean_site_cleans_every_page_with_one_template() -> None:
    pages = [page(n, year=2010 + n) for n in range(6)]
    assert [texts(p) for p in clean_site(pages)] == [list(s) for s in STORIES[:6]]
