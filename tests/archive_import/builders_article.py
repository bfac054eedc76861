"""Article pages in four languages, with page furniture put where a test wants it."""
# ruff: noqa: RUF001 — the Russian prose is written in Cyrillic letters, as it should be.

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import trafilatura

from archive_import.extractors import TRAFILATURA_OUTPUT

# Running text in each language: long paragraphs of real sentences, as an article has.
PROSE = {
    "en": [
        "The harbour authority opened the new sea wall on Monday, three years after the storm "
        "that flooded the old town and closed the fish market for a whole season.",
        "Engineers designed the wall to bend rather than break under the force of the waves, "
        "and they tested every section in a model basin before the first stone was laid.",
        "Residents say the promenade on top of the wall has already become the place where "
        "the town meets in the evening, to walk, to talk and to watch the boats come in.",
    ],
    "fr": [
        "La mairie a inauguré lundi la nouvelle digue du port, trois ans après la tempête qui "
        "avait inondé la vieille ville et fermé le marché aux poissons pendant une saison.",
        "Les ingénieurs ont conçu l'ouvrage pour qu'il plie sans rompre sous la force des "
        "vagues, et chaque tronçon a été essayé dans un bassin avant la première pierre.",
        "Les habitants disent que la promenade au sommet de la digue est déjà devenue le lieu "
        "où la ville se retrouve le soir, pour marcher, parler et regarder rentrer les bateaux.",
    ],
    "de": [
        "Die Hafenbehörde hat am Montag die neue Schutzmauer eröffnet, drei Jahre nach dem "
        "Sturm, der die Altstadt überflutet und den Fischmarkt eine Saison lang geschlossen hatte.",
        "Die Ingenieure haben die Mauer so entworfen, dass sie sich unter der Kraft der Wellen "
        "biegt statt bricht, und jeden Abschnitt vorher in einem Modellbecken geprüft.",
        "Die Anwohner sagen, die Promenade auf der Mauer sei schon jetzt der Ort, an dem sich "
        "die Stadt am Abend trifft, um zu spazieren, zu reden und den Booten zuzusehen.",
    ],
    "ru": [
        "В понедельник управление порта открыло новую защитную стену, через три года после "
        "шторма, который затопил старый город и закрыл рыбный рынок на целый сезон.",
        "Инженеры спроектировали стену так, чтобы она гнулась, а не ломалась под силой волн, "
        "и проверили каждую секцию в опытном бассейне, прежде чем был заложен первый камень.",
        "Жители говорят, что променад на вершине стены уже стал местом, где город встречается "
        "по вечерам, чтобы гулять, разговаривать и смотреть, как возвращаются лодки.",
    ],
}
TITLES = {
    "en": "A sea wall that bends",
    "fr": "Une digue qui plie",
    "de": "Eine Mauer, die sich biegt",
    "ru": "Стена, которая гнётся",
}


def article_page(
    lang: str,
    *,
    before: str = "",
    between: str = "",
    after: str = "",
    outside: str = "",
    head: str = "",
) -> str:
    """A page whose ``<article>`` holds the language's prose, with furniture around it.

    ``before`` goes above the first paragraph, ``between`` after the second, ``after`` below
    the last; ``outside`` goes after the article, ``head`` into ``<head>``.
    """
    first, second, third = (f"<p>{html.escape(p)}</p>" for p in PROSE[lang])
    title = html.escape(TITLES[lang])
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>{title} | Harbour Times</title>{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/port">Port</a></nav>'
        f"<article><h1>{title}</h1>{before}{first}{second}{between}{third}{after}</article>"
        f"{outside}<footer>Harbour Times</footer></body></html>"
    )


def write(folder: Path, page: str, name: str = "page.html") -> Path:
    """Write ``page`` into ``folder`` and return its path."""
    path = folder / name
    path.write_text(page, encoding="utf-8")
    return path


def trafilatura_alone(page: str) -> str:
    """What trafilatura finds with our settings but without our rules: the control."""
    return trafilatura.extract(page, favor_precision=True, fast=True, **_settings()) or ""


def _settings() -> dict[str, Any]:
    return {key: value for key, value in TRAFILATURA_OUTPUT.items() if key != "include_formatting"}


def flat(text: str) -> str:
    """``text`` with its white space collapsed, for ``in`` checks across lines."""
    return " ".join(text.split())
