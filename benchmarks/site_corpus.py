"""A seeded corpus of same-site pages: generated articles inside each site's repeated blocks.

Six sites (English, French, Russian, German), forty pages each, in two splits: thresholds are tuned
on the ``dev`` sites only and reported on the ``held-out`` ones. Each page exists as a saved HTML
document and as a plain-text scrape, with its true article body beside it. The repeated blocks sit
inside the article container, where an extractor keeps them: a kicker, a "Read also" line with a
changing link, a newsletter promo, a sign-off, a notice with a changing year, an author box.
Content that legitimately repeats is there too: the background paragraph of a series, the
subheadings of a house style, and re-captures of the same article.
"""

# Vocabulary lines are prose: wrapping them would hide the sentences they generate.
# ruff: noqa: E501, RUF001
# (RUF001: the Russian vocabulary is Cyrillic on purpose.)

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass, field

SEED = 20260404
PAGES_PER_SITE = 40


@dataclass(frozen=True)
class Language:
    """Vocabulary for articles in one language; slots in braces are filled at random."""

    code: str
    persons: tuple[str, ...]
    roles: tuple[str, ...]
    orgs: tuple[str, ...]
    places: tuple[str, ...]
    topics: tuple[str, ...]
    months: tuple[str, ...]
    sentences: tuple[str, ...]
    titles: tuple[str, ...]
    subheadings: tuple[str, ...]
    update: str


@dataclass(frozen=True)
class SiteSpec:
    """One site's name, address and repeated blocks (``{year}`` and ``{n}`` vary per page)."""

    key: str
    name: str
    host: str
    language: str
    split: str
    sections: tuple[str, ...]
    read_also: str
    promos: tuple[str, ...]
    sign_off: str
    notice: str
    about: str
    authors: tuple[tuple[str, str], ...]
    counter: str
    nav: str
    footer: tuple[str, ...]
    style: frozenset[str] = field(default_factory=frozenset)
    """``kicker-above``, ``sign-off-appended``, ``about-heading``."""
    subdomains: tuple[str, ...] = ("www.", "www.", "")
    """The page URLs' host prefixes, one drawn per page: ``site_key`` must see one site."""


@dataclass(frozen=True)
class Page:
    """One generated page: the saved HTML, its text scrape and the true article body."""

    site: str
    name: str
    url: str
    html: str
    text: str
    body: str


@dataclass(frozen=True)
class Site:
    """A site and its pages."""

    spec: SiteSpec
    pages: tuple[Page, ...]


@dataclass
class _Article:
    title: str
    blocks: list[tuple[str, str]]
    """(tag, text): ``p``, ``h2``, ``li`` (consecutive items form one list) or ``blockquote``."""
    author: int
    date: str
    section: str


def build_corpus(seed: int = SEED, pages_per_site: int = PAGES_PER_SITE) -> list[Site]:
    """Every site of the corpus with its pages, the same for the same seed."""
    rng = random.Random(seed)
    return [Site(spec, _site_pages(spec, pages_per_site, rng)) for spec in SITES]


def _site_pages(spec: SiteSpec, count: int, rng: random.Random) -> tuple[Page, ...]:
    writer = _Writer(LANGUAGES[spec.language], rng)
    series = [writer.paragraph(4) for _ in range(2)]
    articles = [
        _article(
            spec, writer, brief=n >= count - 6, series=series[n % 9 == 4] if n % 9 in {1, 4} else ""
        )
        for n in range(count - 2)
    ]  # pages 1, 10, 19, 28 and 4, 13, 22, 31 belong to a series; the last four are briefs
    for original in rng.sample(articles[:-4], 2):  # two later captures of the same article
        blocks = [*original.blocks, ("p", writer.fill(writer.language.update))]
        articles.append(
            _Article(original.title, blocks, original.author, original.date, original.section)
        )
    titles = [a.title for a in articles]
    return tuple(_page(spec, a, n, rng, titles) for n, a in enumerate(articles))


def _article(spec: SiteSpec, writer: _Writer, *, brief: bool, series: str) -> _Article:
    """An article: a lead, body blocks (one paragraph for a brief), a series' background."""
    writer.shuffle()
    blocks = [("p", writer.paragraph(writer.rng.randint(2, 3)))]
    for _ in range(0 if brief else writer.rng.randint(4, 9)):
        blocks.append(writer.body_block(after_heading=blocks[-1][0] == "h2"))
    if brief or blocks[-1][0] != "p":
        blocks.append(("p", writer.paragraph(1 if brief else 3)))
    if series:  # the background paragraph every article of the series repeats
        blocks.insert(1, ("p", series))
    rng = writer.rng
    author = rng.choices(range(len(spec.authors)), weights=[40, 30, 20, 10])[0]
    date = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
    title = writer.fill(rng.choice(writer.language.titles))
    return _Article(title, blocks, author, date, rng.choice(spec.sections))


class _Writer:
    """Sentences in one language; within an article, no sentence pattern comes back too soon."""

    def __init__(self, language: Language, rng: random.Random) -> None:
        self.language, self.rng = language, rng
        self._deck: list[str] = []

    def shuffle(self) -> None:
        self._deck = []

    def body_block(self, *, after_heading: bool) -> tuple[str, str]:
        roll = self.rng.random()
        if roll < 0.12 and not after_heading:
            return ("h2", self.fill(self.rng.choice(self.language.subheadings)))
        if 0.12 <= roll < 0.17:
            return ("blockquote", self.sentence())
        if 0.17 <= roll < 0.22:
            items = [self.sentence().rstrip(".") for _ in range(self.rng.randint(3, 4))]
            return ("li", "\n".join(items))
        return ("p", self.paragraph(self.rng.randint(2, 5)))

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))

    def sentence(self) -> str:
        if not self._deck:
            self._deck = self.rng.sample(self.language.sentences, len(self.language.sentences))
        return self.fill(self._deck.pop())

    def fill(self, template: str) -> str:
        rng, language = self.rng, self.language
        values = {
            "person": rng.choice(language.persons),
            "role": rng.choice(language.roles),
            "org": rng.choice(language.orgs),
            "org2": rng.choice(language.orgs),
            "place": rng.choice(language.places),
            "topic": rng.choice(language.topics),
            "month": rng.choice(language.months),
            "num": str(rng.randint(12, 950)),
            "pct": str(rng.randint(3, 78)),
            "small": str(rng.randint(5, 12)),
            "year": str(rng.randint(2008, 2024)),
        }
        text = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)
        if language.code == "fr":
            for wrong, right in (("de le ", "du "), ("de les ", "des "), ("à le ", "au ")):
                text = text.replace(wrong, right)
        return text[0].upper() + text[1:]


# --- the page around the article -----------------------------------------------------------


def _page(
    spec: SiteSpec, article: _Article, number: int, rng: random.Random, titles: list[str]
) -> Page:
    year, slug = article.date[:4], f"{number:03}-{_slug(article.title)}"
    subdomain = rng.choice(spec.subdomains)
    url = f"https://{subdomain}{spec.host}/{_slug(article.section)}/{slug}.html"
    template = _site_blocks(spec, article, rng, titles, year)
    body = _body_markup(spec, article, template)
    return Page(
        site=spec.key,
        name=slug,
        url=url,
        html=_document(spec, article, url, body, template),
        text=_scrape(spec, article, template, year),
        body="\n\n".join(_plain(tag, text) for tag, text in article.blocks),
    )


def _site_blocks(
    spec: SiteSpec, article: _Article, rng: random.Random, titles: list[str], year: str
) -> dict[str, str]:
    """The site's repeated blocks as they read on this page (empty when the page lacks one)."""
    other = rng.choice([t for t in titles if t != article.title])
    name, bio = spec.authors[article.author]
    return {
        "read_also": other if rng.random() < 0.75 else "",
        "promo": rng.choice(spec.promos) if rng.random() < 0.7 else "",
        "counter": spec.counter.format(n=rng.randint(0, 240)) if spec.counter else "",
        "notice": spec.notice.format(year=year, n=rng.randint(2, 48)),
        "author": name,
        "bio": bio,
    }


def _body_markup(spec: SiteSpec, article: _Article, template: dict[str, str]) -> str:
    parts = [_markup(tag, text) for tag, text in article.blocks]
    if template["read_also"]:
        link = f'<a href="/{_slug(template["read_also"])}.html">{html.escape(template["read_also"])}</a>'
        label = html.escape(spec.read_also)
        parts.insert(min(2, len(parts)), f"<p><strong>{label}</strong> {link}</p>")
    if template["promo"]:
        parts.insert(
            len(parts) // 2 + 1, f'<p class="c7"><em>{html.escape(template["promo"])}</em></p>'
        )
    if "sign-off-appended" in spec.style and parts[-1].startswith("<p>"):
        parts[-1] = parts[-1].removesuffix("</p>") + f"<br>{html.escape(spec.sign_off)}</p>"
    else:
        parts.append(f'<p class="c9"><em>{html.escape(spec.sign_off)}</em></p>')
    return "".join(parts)


def _markup(tag: str, text: str) -> str:
    if tag == "li":
        items = "".join(f"<li>{html.escape(item)}</li>" for item in text.split("\n"))
        return f"<ul>{items}</ul>"
    if tag == "blockquote":
        return f"<blockquote><p>{html.escape(text)}</p></blockquote>"
    return f"<{tag}>{html.escape(text)}</{tag}>"


def _plain(tag: str, text: str) -> str:
    return text.replace("\n", "\n\n") if tag == "li" else text


def _document(
    spec: SiteSpec, article: _Article, url: str, body: str, template: dict[str, str]
) -> str:
    name, bio, year = template["author"], template["bio"], article.date[:4]
    kicker = f'<p class="k1">{html.escape(article.section)}</p>'
    heading = f"<h1>{html.escape(article.title)}</h1>"
    head = kicker + heading if "kicker-above" in spec.style else heading + kicker
    about = (
        f"<h3>{html.escape(spec.about)}</h3><p>{html.escape(bio)}</p>"
        if "about-heading" in spec.style
        else f"<p><strong>{html.escape(spec.about)}</strong> {html.escape(bio)}</p>"
    )
    nav = "".join(f'<li><a href="/{_slug(s)}/">{html.escape(s)}</a></li>' for s in spec.sections)
    counter = f"<p>{html.escape(template['counter'])}</p>" if template["counter"] else ""
    return (
        f'<!DOCTYPE html><html lang="{spec.language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(article.title)} | {html.escape(spec.name)}</title>"
        f'<meta property="og:site_name" content="{html.escape(spec.name)}">'
        f'<meta name="author" content="{html.escape(name)}">'
        f'<meta property="article:published_time" content="{article.date}">'
        f'<link rel="canonical" href="{url}"></head><body>'
        f'<header><a href="/">{html.escape(spec.name)}</a><nav><ul>{nav}</ul></nav></header>'
        f'<main><article>{head}<p class="b2">{html.escape(name)} · {article.date}</p>'
        f'<div class="c3">{body}</div><div class="c5">{about}</div>{counter}'
        f'<p class="c6">{html.escape(template["notice"])}</p></article>'
        f"<aside><h2>…</h2><ul>{nav}</ul></aside></main>"
        f"<footer>{''.join(f'<p>{html.escape(line)}</p>' for line in spec.footer)}</footer>"
        "</body></html>"
    ).replace("{year}", year)


def _scrape(spec: SiteSpec, article: _Article, template: dict[str, str], year: str) -> str:
    """The page as a copy-and-paste or text-browser scrape: header and footer lines around it."""
    body = [_plain(tag, text) for tag, text in article.blocks]
    if template["read_also"]:
        body.insert(min(2, len(body)), f"{spec.read_also} {template['read_also']}")
    if template["promo"]:
        body.insert(len(body) // 2 + 1, template["promo"])
    body[-1] += f"\n{spec.sign_off}"  # the sign-off line sits right under the last paragraph
    lines = [spec.name, spec.nav, "", article.title, "", article.section]
    lines += [f"{spec.authors[article.author][0]} · {article.date}", ""]
    lines += [f"{block}\n" for block in body]
    lines += [f"{spec.about} {template['bio']}", "", template["counter"], template["notice"], ""]
    lines += [line.replace("{year}", year) for line in spec.footer]
    return "\n".join(lines) + "\n"


def _slug(text: str) -> str:
    return re.sub(r"\W+", "-", text.casefold()).strip("-")[:48] or "page"


# --- vocabulary ----------------------------------------------------------------------------------

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")  # fmt: skip

LANGUAGES: dict[str, Language] = {
    "en": Language(
        code="en",
        persons=("Maria Lopez", "James Whitfield", "Aisha Rahman", "Tom Brennan", "Keiko Tanaka",
                 "Daniel Okafor", "Helen Marsh", "Viktor Novak", "Grace Adeyemi", "Samuel Ortiz",
                 "Laura Chen", "Peter Lindqvist", "Fatima Haddad", "Owen Price"),
        roles=("the city's deputy mayor", "a senior economist", "the union's regional secretary",
               "a local shop owner", "the head of the transport authority", "a retired engineer",
               "the council's finance chief", "a researcher at the university",
               "a spokesperson for the ministry", "chair of the tenants' association"),
        orgs=("the regional council", "the port authority", "the chamber of commerce",
              "the national rail operator", "the water board", "the university hospital",
              "the housing association", "the energy regulator", "the tenants' union",
              "the farmers' cooperative"),
        places=("Riverton", "Millbrook", "Ashford", "Kingsport", "Eastwick", "Northam", "Bayside",
                "Crossley", "Fenwick", "Oakridge", "Harlow Green", "Selby Cross"),
        topics=("the new tram line", "the rise in rents", "the harbour expansion", "the price of school meals",
                "the flood defence scheme", "the cut to night buses", "the hospital merger", "the energy price cap",
                "the recycling scheme", "the bridge repair plan", "the library closure plan",
                "the wind farm project", "the new parking charge", "the market hall sale"),
        months=_MONTHS_EN,
        sentences=(
            "{person}, {role}, said {topic} had become the main concern for residents of {place}.",
            "According to {org}, {topic} will cost about {num} million pounds over the next {small} years.",
            "Residents in {place} have complained about {topic} since at least {year}.",
            "{org} is expected to publish its final report on {topic} in {month}.",
            "\u201cWe cannot wait another {small} years,\u201d said {person}, {role}.",
            "Critics argue that {topic} benefits {place} far more than the surrounding villages.",
            "A survey by {org} found that {pct} per cent of households in {place} support the plan.",
            "The debate over {topic} has divided {org} for months.",
            "{person} warned that without new funding, {topic} could be delayed until {year}.",
            "Officials in {place} say {num} jobs depend on the outcome of the vote on {topic}.",
            "The proposal was first put forward by {person} in {year}, when {place} still had a balanced budget.",
            "Supporters of {topic} point to {place}, where a similar scheme cut costs by {pct} per cent.",
            "{org} declined to say how many staff in {place} would be affected.",
            "Traffic counts published in {month} show {num} thousand journeys a day through {place}.",
            "Some councillors in {place} want {topic} put to a public vote before the end of {year}.",
            "{person}, {role}, described the latest figures on {topic} as \u201cworrying but not surprising\u201d.",
            "At a packed meeting in {place}, more than {num} people asked questions about {topic}.",
            "Engineers hired by {org} estimate the work in {place} will take {small} more years.",
            "The opposition in {place} has promised to review {topic} if it wins the election in {year}.",
            "For many families in {place}, {topic} is now a matter of weekly budgets rather than politics.",
            "{org} said it had received {num} written objections about {topic}.",
            "In {year}, a similar plan for {place} collapsed after {org} withdrew its support.",
            "Local businesses in {place} expect footfall to fall by {pct} per cent during work on {topic}.",
            "{person} said {org} had \u201clistened, but not yet acted\u201d on {topic}.",
            "Neither {org} nor {org2} would comment on the leaked figures from {month}.",
        ),
        titles=("{place} split over {topic}", "Why {topic} matters for {place}",
                "Questions mount for {org} on {topic}", "{num} objections to {topic} in {place}",
                "Residents of {place} demand answers on {topic}",
                "{person} and the fight over {topic}", "What {topic} will cost {place}"),
        subheadings=("What happens next", "A long-running dispute", "Voices from {place}",
                     "How {place} compares", "The view from {org}", "Counting the cost of {topic}",
                     "{person} speaks out", "A question of money", "Lessons from {year}"),
        update="Update: {org} said on {month} {small} that it would meet residents of {place} before any decision.",
    ),
    "fr": Language(
        code="fr",
        persons=("Claire Dubois", "Julien Moreau", "Amina Benali", "Lucas Garnier", "Sophie Lefèvre",
                 "Karim Haddad", "Élodie Martin", "Thomas Girard", "Nadia Roussel", "Pierre Fontaine",
                 "Camille Bernard", "Hugo Lambert"),
        roles=("adjointe au maire", "économiste à l'université de Lyon", "secrétaire régional du syndicat",
               "commerçant du centre-ville", "directeur des transports", "ingénieur à la retraite",
               "présidente de l'association des locataires", "chercheur au CNRS",
               "porte-parole de la préfecture", "conseillère municipale d'opposition"),
        orgs=("la métropole", "la chambre de commerce", "la SNCF", "l'agence régionale de santé",
              "le conseil départemental", "la préfecture", "l'office HLM", "le syndicat des eaux",
              "la communauté de communes", "le port fluvial"),
        places=("Lyon", "Villeurbanne", "Vienne", "Givors", "Bourgoin", "Valence", "Annonay",
                "Tournon", "Oullins", "Vénissieux", "Romans", "Tain-l'Hermitage"),
        topics=("la nouvelle ligne de tramway", "la hausse des loyers", "l'extension du port fluvial",
                "le prix des cantines", "les digues du Rhône", "la fermeture des guichets",
                "la fusion des hôpitaux", "les factures d'énergie", "le tri des déchets",
                "la rénovation du pont", "le parc éolien", "le stationnement payant"),
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"),
        sentences=(
            "{person}, {role}, estime que {topic} est désormais au cœur des inquiétudes des habitants de {place}.",
            "Selon {org}, {topic} coûterait {num} millions d'euros sur {small} ans.",
            "Les habitants de {place} se plaignent de {topic} depuis {year}.",
            "{org} doit publier son rapport final sur le dossier en {month}.",
            "\u00ab Nous ne pouvons pas attendre encore {small} ans \u00bb, affirme {person}, {role}.",
            "Pour les opposants, {topic} profite surtout à {place}, bien plus qu'aux villages voisins.",
            "Une enquête de {org} indique que {pct} % des ménages de {place} soutiennent le projet.",
            "Le débat sur {topic} divise les élus de {place} depuis des mois.",
            "{person} prévient que, sans nouveaux financements, le chantier de {place} pourrait être repoussé à {year}.",
            "À {place}, les élus assurent que {num} emplois dépendent de la décision sur {topic}.",
            "La proposition avait été présentée par {person} en {year}, lorsque le budget de {place} était encore à l'équilibre.",
            "Les partisans de {topic} citent l'exemple de {place}, où un dispositif similaire a réduit les coûts de {pct} %.",
            "{org} n'a pas souhaité préciser combien d'agents seraient concernés à {place}.",
            "Les comptages publiés en {month} font état de {num} 000 passages par jour à {place}.",
            "Plusieurs conseillers de {place} veulent soumettre {topic} à une consultation publique avant la fin de {year}.",
            "{person}, {role}, juge les derniers chiffres \u00ab inquiétants mais pas surprenants \u00bb.",
            "Lors d'une réunion publique à {place}, plus de {num} personnes ont interrogé les élus sur {topic}.",
            "Les ingénieurs mandatés par {org} estiment que les travaux à {place} dureront encore {small} ans.",
            "L'opposition de {place} promet de revoir {topic} si elle remporte les élections de {year}.",
            "Pour de nombreuses familles de {place}, {topic} relève désormais du budget de la semaine plus que de la politique.",
            "{org} indique avoir reçu {num} observations écrites sur {topic}.",
            "En {year}, un projet comparable à {place} avait échoué après le retrait de {org}.",
            "Les commerçants de {place} s'attendent à une baisse de fréquentation de {pct} %, selon {org}.",
            "{person} affirme que {org} \u00ab a écouté, mais n'a pas encore agi \u00bb.",
            "Ni {org} ni {org2} n'ont souhaité commenter les chiffres de {month}.",
        ),
        titles=("{place} divisée sur {topic}", "Pourquoi {topic} inquiète {place}",
                "{org} sous pression à cause de {topic}", "{num} recours contre {topic} à {place}",
                "Les habitants de {place} réclament des réponses", "{person} face au dossier de {topic}",
                "Ce que coûtera {topic} à {place}"),
        subheadings=("Et maintenant ?", "Un conflit ancien", "Paroles d'habitants de {place}",
                     "La comparaison avec {place}", "Le point de vue de {org}", "Une question d'argent",
                     "{person} prend la parole", "Les leçons de {year}", "Le calendrier"),
        update="Mise à jour : {org} a annoncé le {small} {month} une réunion avec les habitants de {place}.",
    ),
    "ru": Language(
        code="ru",
        persons=("Анна Соколова", "Игорь Петров", "Марина Козлова", "Дмитрий Орлов", "Елена Смирнова",
                 "Алексей Волков", "Ольга Никитина", "Сергей Лебедев", "Наталья Морозова",
                 "Павел Зайцев", "Ирина Федорова", "Роман Егоров"),
        roles=("заместитель мэра", "экономист областного университета", "председатель профсоюза",
               "владелец магазина в центре", "глава транспортного департамента", "инженер на пенсии",
               "председатель совета жильцов", "научный сотрудник института",
               "представитель министерства", "депутат городской думы"),
        orgs=("городская администрация", "торговая палата", "областная дума", "водоканал",
              "региональный минздрав", "жилищная инспекция", "транспортная компания",
              "управляющая компания", "экологический совет", "речной порт"),
        places=("Самаре", "Твери", "Казани", "Перми", "Калуге", "Ярославле", "Томске", "Омске",
                "Вологде", "Рязани", "Костроме", "Смоленске"),
        topics=("новая трамвайная линия", "рост арендной платы", "расширение речного порта",
                "цены на школьное питание", "ремонт дамбы", "сокращение ночных автобусов",
                "объединение больниц", "счета за электроэнергию", "раздельный сбор мусора",
                "ремонт моста", "закрытие библиотек", "ветропарк"),
        months=("январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
                "сентябре", "октябре", "ноябре", "декабре"),
        sentences=(
            "{person}, {role}, считает, что тема \u00ab{topic}\u00bb сегодня волнует горожан в {place} больше всего.",
            "{org} оценивает стоимость проекта \u00ab{topic}\u00bb в {num} млн рублей на ближайшие {small} лет.",
            "Горожане в {place} обсуждают тему \u00ab{topic}\u00bb с {year} года.",
            "{org} планирует опубликовать итоговый доклад по теме \u00ab{topic}\u00bb в {month}.",
            "\u00abМы не можем ждать ещё {small} лет\u00bb, \u2014 говорит {person}, {role}.",
            "Критики считают, что проект \u00ab{topic}\u00bb выгоден прежде всего центру, а не пригородам, \u2014 отмечает {person}.",
            "Согласно опросу, {pct}% семей в {place} поддерживают проект \u00ab{topic}\u00bb.",
            "Споры вокруг темы \u00ab{topic}\u00bb не утихают в {place} уже несколько месяцев.",
            "{person} предупреждает, что без нового финансирования работы в {place} могут отложить до {year} года.",
            "Чиновники в {place} говорят, что от решения по теме \u00ab{topic}\u00bb зависит около {num} рабочих мест.",
            "Впервые тему \u00ab{topic}\u00bb подняли в {year} году, когда бюджет в {place} ещё был сбалансирован.",
            "Сторонники проекта в {place} ссылаются на опыт соседнего региона, где похожая схема снизила расходы на {pct}%, \u2014 говорит {person}.",
            "{org} не уточняет, скольких сотрудников в {place} затронут изменения.",
            "По данным, опубликованным в {month}, в {place} ежедневно совершается около {num} тысяч поездок.",
            "Часть депутатов в {place} предлагает вынести тему \u00ab{topic}\u00bb на публичные слушания до конца {year} года.",
            "{person}, {role}, называет последние цифры \u00abтревожными, но предсказуемыми\u00bb.",
            "На собрании в {place} более {num} человек задали вопросы по теме \u00ab{topic}\u00bb.",
            "По оценке инженеров, работы в {place} продлятся ещё {small} лет, сообщает {org}.",
            "Оппозиция в {place} обещает пересмотреть решение по теме \u00ab{topic}\u00bb, если победит на выборах {year} года.",
            "Для многих семей в {place} тема \u00ab{topic}\u00bb \u2014 уже вопрос недельного бюджета, а не политики.",
            "{org} сообщает о {num} письменных обращениях по теме \u00ab{topic}\u00bb.",
            "В {year} году похожий план в {place} провалился: инвесторы отказались от участия, \u2014 напоминает {person}.",
            "Предприниматели в {place} ожидают снижения выручки на {pct}% на время работ, \u2014 отмечает {person}.",
            "{person} говорит, что власти в {place} \u00abслушают, но пока не действуют\u00bb.",
            "Ни {org}, ни {org2} не комментируют данные, опубликованные в {month}.",
        ),
        titles=("В {place} спорят о теме \u00ab{topic}\u00bb", "Почему в {place} обсуждают тему \u00ab{topic}\u00bb",
                "{org}: вопросы без ответов", "{num} возражений: в {place} обсуждают проект",
                "Жители в {place} требуют ответов", "{person} о теме \u00ab{topic}\u00bb",
                "Сколько будет стоить проект в {place}"),
        subheadings=("Что дальше", "Давний спор", "Голоса горожан", "Сравнение с соседями",
                     "Позиция властей", "Вопрос денег", "{person}: \u00abнужно решение\u00bb",
                     "Уроки {year} года", "Сроки"),
        update="Обновлено: {org} сообщает, что встретится с жителями в {place} до принятия решения.",
    ),
    "de": Language(
        code="de",
        persons=("Anna Schmidt", "Jonas Becker", "Leyla Yilmaz", "Markus Weber", "Sabine Hoffmann",
                 "Felix Wagner", "Katrin Schulz", "Tobias Richter", "Miriam Koch", "Stefan Braun",
                 "Julia Neumann", "Lukas Hartmann"),
        roles=("stellvertretende Bürgermeisterin", "Ökonom an der Universität Köln",
               "Regionalsekretär der Gewerkschaft", "Einzelhändler in der Altstadt",
               "Leiter des Verkehrsamts", "Ingenieur im Ruhestand", "Vorsitzende des Mietervereins",
               "Forscher am Max-Planck-Institut", "Sprecher des Ministeriums", "Ratsfrau der Grünen"),
        orgs=("die Stadtverwaltung", "die Handelskammer", "der Kreistag", "die Sparkasse",
              "das Gesundheitsamt", "die Wohnungsbaugesellschaft", "der Verkehrsverbund",
              "die Bezirksregierung", "der Umweltverband", "die Hafengesellschaft"),
        places=("Köln", "Bonn", "Koblenz", "Düsseldorf", "Neuss", "Leverkusen", "Andernach",
                "Remagen", "Siegburg", "Brühl", "Linz am Rhein", "Bad Honnef"),
        topics=("Straßenbahnlinie 7", "Mietpreise", "Hafenausbau", "Schulessen", "Hochwasserschutz",
                "Nachtbusse", "Klinikfusion", "Energiepreise", "Mülltrennung", "Brückensanierung",
                "Bibliotheksschließungen", "Windpark"),
        months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                "Oktober", "November", "Dezember"),
        sentences=(
            "{person}, {role}, sagt, das Thema \u201e{topic}\u201c sei inzwischen die größte Sorge der Menschen in {place}.",
            "Nach Schätzung der Verwaltung in {place} kostet das Projekt \u201e{topic}\u201c rund {num} Millionen Euro in den nächsten {small} Jahren.",
            "Anwohner in {place} klagen bereits seit {year} über den Streit um \u201e{topic}\u201c.",
            "{org} will den Abschlussbericht im {month} vorlegen.",
            "\u201eWir können nicht noch {small} Jahre warten\u201c, sagt {person}, {role}.",
            "Kritiker meinen, vom Projekt \u201e{topic}\u201c profitiere {place} deutlich stärker als die umliegenden Dörfer.",
            "Laut einer Umfrage unterstützen {pct} Prozent der Haushalte in {place} das Projekt \u201e{topic}\u201c.",
            "Der Streit um das Thema \u201e{topic}\u201c dauert in {place} seit Monaten an.",
            "{person} warnt, ohne neue Mittel könne sich das Vorhaben in {place} bis {year} verzögern.",
            "In {place} hängen nach Angaben von {person} rund {num} Arbeitsplätze an der Entscheidung.",
            "Der Vorschlag von {person} stammt aus dem Jahr {year}, als der Haushalt in {place} noch ausgeglichen war.",
            "Befürworter des Projekts \u201e{topic}\u201c verweisen auf {place}, wo ein ähnliches Modell die Kosten um {pct} Prozent gesenkt hat.",
            "{org} wollte nicht sagen, wie viele Beschäftigte in {place} betroffen wären.",
            "Verkehrszählungen aus dem {month} zeigen täglich {num} Tausend Fahrten durch {place}.",
            "Einige Ratsmitglieder in {place} wollen noch vor Ende {year} eine Bürgerbefragung zum Thema \u201e{topic}\u201c.",
            "{person}, {role}, nennt die jüngsten Zahlen \u201ebesorgniserregend, aber nicht überraschend\u201c.",
            "Bei einer vollen Versammlung in {place} stellten mehr als {num} Menschen Fragen zum Thema \u201e{topic}\u201c.",
            "Nach Einschätzung der Gutachter dauern die Arbeiten in {place} noch {small} Jahre, sagt {person}.",
            "Die Opposition in {place} will das Projekt \u201e{topic}\u201c überprüfen, falls sie die Wahl {year} gewinnt.",
            "Für viele Familien in {place} ist \u201e{topic}\u201c längst eine Frage des Wochenbudgets und nicht der Politik.",
            "{org} hat nach eigenen Angaben {num} schriftliche Einwände zum Thema \u201e{topic}\u201c erhalten.",
            "Im Jahr {year} war ein ähnlicher Plan für {place} gescheitert, nachdem {person} ihn öffentlich kritisiert hatte.",
            "Händler in {place} rechnen während der Bauarbeiten mit {pct} Prozent weniger Kundschaft, berichtet {person}.",
            "{person} sagt, die Verwaltung in {place} habe \u201ezugehört, aber noch nicht gehandelt\u201c.",
            "Weder {org} noch {org2} wollten die Zahlen aus dem {month} kommentieren.",
        ),
        titles=("Streit in {place} über \u201e{topic}\u201c", "Warum \u201e{topic}\u201c {place} bewegt",
                "{org} unter Druck", "{num} Einwände in {place}", "Anwohner in {place} fordern Antworten",
                "{person} und der Streit um \u201e{topic}\u201c", "Was \u201e{topic}\u201c {place} kostet"),
        subheadings=("Wie es weitergeht", "Ein alter Streit", "Stimmen aus {place}",
                     "{place} im Vergleich", "Die Sicht der Verwaltung", "Eine Frage des Geldes",
                     "{person} meldet sich zu Wort", "Lehren aus {year}", "Der Zeitplan"),
        update="Aktualisierung: {org} kündigte am {small}. {month} ein Treffen mit Anwohnern in {place} an.",
    ),
}  # fmt: skip

SITES: tuple[SiteSpec, ...] = (
    SiteSpec(
        key="gazette", name="The Harbour Gazette", host="harbourgazette.com", language="en",
        split="dev",
        sections=("Local", "Business", "Transport", "Environment", "Politics"),
        read_also="Read also:",
        promos=("Get the Harbour Gazette morning briefing: the five stories you need, in your inbox before 7am. Sign up free.",
                "Like what you read? Our weekly newsletter brings the best of local journalism to your inbox every Friday."),
        sign_off="Follow us on Telegram for breaking news.",
        notice="© {year} The Harbour Gazette Ltd. All rights reserved. Notice to readers: comments are moderated and may take up to {n} hours to appear.",
        about="About the author:",
        authors=(("Ruth Ellison", "Ruth Ellison covers transport and housing for the Gazette. She joined the paper in 2015 after ten years at regional radio."),
                 ("Colin Baptiste", "Colin Baptiste is the Gazette's business editor. He writes about the port, the markets and local employers."),
                 ("Ines Moreau", "Ines Moreau reports on the environment and the coast, from flood defences to fishing quotas."),
                 ("Dev Patel", "Dev Patel is a politics reporter and the author of a weekly column on the council.")),
        counter="{n} comments",
        nav="Home | Local | Business | Transport | Environment | Politics | Subscribe",
        footer=("Privacy policy | Terms of use | Contact us | Advertise", "© {year} The Harbour Gazette Ltd."),
        style=frozenset({"kicker-above", "sign-off-appended"}),
    ),
    SiteSpec(
        key="courrier", name="Le Courrier du Rhône", host="courrier-rhone.fr", language="fr",
        split="dev",
        sections=("Société", "Économie", "Transports", "Environnement", "Politique"),
        read_also="Lire aussi :",
        promos=("Recevez chaque matin l'essentiel de l'actualité régionale : inscrivez-vous gratuitement à notre lettre d'information.",
                "Vous aimez nos articles ? Notre newsletter du vendredi rassemble le meilleur de la semaine."),
        sign_off="Retrouvez toute l'actualité du Courrier sur Telegram et sur X.",
        notice="© Le Courrier du Rhône {year}. Toute reproduction, même partielle, est interdite sans autorisation. Avis aux lecteurs : les commentaires sont modérés.",
        about="L'auteur",
        authors=(("Margaux Petit", "Margaux Petit suit les transports et le logement dans la métropole depuis 2016."),
                 ("Yannick Roux", "Yannick Roux est chef du service économie. Il couvre le port, l'industrie et l'emploi."),
                 ("Salomé Diallo", "Salomé Diallo écrit sur l'environnement, le fleuve et l'agriculture de la vallée."),
                 ("Benoît Caron", "Benoît Caron couvre la politique locale et tient la chronique du conseil municipal.")),
        counter="",
        nav="Accueil | Société | Économie | Transports | Environnement | Politique | S'abonner",
        footer=("Mentions légales | Politique de confidentialité | Contact", "© {year} Le Courrier du Rhône"),
        style=frozenset({"about-heading"}),
    ),
    SiteSpec(
        key="obzor", name="Вечерний обзор", host="vecherniy-obzor.ru", language="ru",
        split="dev",
        sections=("Город", "Экономика", "Транспорт", "Экология", "Политика"),
        read_also="Читайте также:",
        promos=("Подпишитесь на нашу утреннюю рассылку: главные новости области каждый день в вашей почте.",
                "Понравился материал? Поддержите редакцию \u2014 оформите подписку на еженедельный дайджест."),
        sign_off="Подписывайтесь на наш канал в Telegram.",
        notice="© {year} \u00abВечерний обзор\u00bb. Все права защищены. Использование материалов допускается только с письменного разрешения редакции. 16+",
        about="Об авторе:",
        authors=(("Виктория Белова", "Виктория Белова пишет о транспорте и ЖКХ. В редакции с 2014 года."),
                 ("Андрей Кузнецов", "Андрей Кузнецов \u2014 редактор отдела экономики, пишет о промышленности и рынке труда."),
                 ("Ксения Гордеева", "Ксения Гордеева пишет об экологии и реке, от очистных сооружений до рыбалки."),
                 ("Максим Тихонов", "Максим Тихонов освещает работу городской думы и ведёт еженедельную колонку.")),
        counter="Комментарии: {n}",
        nav="Главная | Город | Экономика | Транспорт | Экология | Политика",
        footer=("Контакты | Реклама | Политика конфиденциальности", "© {year} \u00abВечерний обзор\u00bb"),
        style=frozenset({"sign-off-appended"}),
    ),
    SiteSpec(
        key="bote", name="Rheinischer Bote", host="rheinbote.de", language="de",
        split="held-out",
        sections=("Region", "Wirtschaft", "Verkehr", "Umwelt", "Politik"),
        read_also="Lesen Sie auch:",
        promos=("Jeden Morgen das Wichtigste aus der Region: Abonnieren Sie jetzt kostenlos unseren Newsletter.",
                "Gefällt Ihnen dieser Artikel? Unser Wochenrückblick erscheint jeden Samstag \u2014 kostenlos."),
        sign_off="Folgen Sie dem Rheinischen Boten auf Telegram und X.",
        notice="© {year} Rheinischer Bote GmbH. Alle Rechte vorbehalten. Hinweis an unsere Leser: Kommentare werden vor der Veröffentlichung geprüft.",
        about="Zur Person",
        authors=(("Heike Vogt", "Heike Vogt schreibt seit 2012 über Verkehr und Wohnen im Rheinland."),
                 ("Ole Brandt", "Ole Brandt leitet das Wirtschaftsressort und berichtet über Häfen und Mittelstand."),
                 ("Derya Aksoy", "Derya Aksoy berichtet über Umwelt, Hochwasser und Landwirtschaft am Rhein."),
                 ("Jens Kramer", "Jens Kramer beobachtet die Kommunalpolitik und schreibt die Kolumne \u201eAus dem Rat\u201c.")),
        counter="{n} Kommentare",
        nav="Startseite | Region | Wirtschaft | Verkehr | Umwelt | Politik | Abo",
        footer=("Impressum | Datenschutz | Kontakt", "© {year} Rheinischer Bote GmbH"),
        style=frozenset({"kicker-above", "about-heading"}),
    ),
    SiteSpec(
        key="ledger", name="The Northern Ledger", host="northernledger.co.uk", language="en",
        split="held-out",
        sections=("News", "Money", "Travel", "Climate", "Westminster"),
        read_also="READ MORE",
        promos=("Never miss a story: sign up to The Ledger Daily, free every weekday morning.",
                "Support independent journalism in the North. Become a member today from just £5 a month."),
        sign_off="Follow The Northern Ledger on Twitter and Telegram.",
        notice="This article was checked for accuracy in {year}. Notice to readers: if you spot an error, write to the readers' editor.",
        about="About the author:",
        authors=(("Morag Kerr", "Morag Kerr is the Ledger's transport correspondent, based in Leeds."),
                 ("Ben Achebe", "Ben Achebe writes about money, work and the cost of living across the North."),
                 ("Sian Holloway", "Sian Holloway covers climate and the countryside from the Dales to the coast."),
                 ("Rick Dunmore", "Rick Dunmore is political editor and reports from Westminster and the town halls.")),
        counter="",
        nav="News | Money | Travel | Climate | Westminster | Log in | Become a member",
        footer=("About us | Contact | Complaints | Privacy", "Registered in England. © {year} Northern Ledger Media"),
        style=frozenset({"sign-off-appended"}),
        subdomains=("news.", "www.", "m."),
    ),
    SiteSpec(
        key="vestnik", name="Северный вестник", host="severny-vestnik.ru", language="ru",
        split="held-out",
        sections=("Новости", "Деньги", "Общество", "Природа", "Власть"),
        read_also="По теме:",
        promos=("Самые важные новости Севера \u2014 в нашем канале. Подпишитесь, чтобы ничего не пропустить.",
                "Хотите получать подборку лучших материалов недели? Оставьте адрес почты \u2014 это бесплатно."),
        sign_off="Больше новостей \u2014 в нашем Telegram-канале и во \u00abВКонтакте\u00bb.",
        notice="Редакция напоминает: мнение авторов может не совпадать с позицией издания. © «Северный вестник», {year}.",
        about="Автор",
        authors=(("Людмила Карпова", "Людмила Карпова пишет о социальной политике и здравоохранении."),
                 ("Егор Сафронов", "Егор Сафронов \u2014 экономический обозреватель, пишет о бюджете и ценах."),
                 ("Алина Мухина", "Алина Мухина пишет о природе Севера и экологических проектах."),
                 ("Глеб Рыбаков", "Глеб Рыбаков освещает работу областного правительства.")),
        counter="Просмотров: {n}",
        nav="Новости | Деньги | Общество | Природа | Власть | Подписка",
        footer=("О редакции | Реклама | Правила использования материалов", "© {year} «Северный вестник». 12+"),
        style=frozenset({"about-heading"}),
    ),
)  # fmt: skip
