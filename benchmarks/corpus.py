"""A synthetic multilingual corpus: Zipfian vocabularies, articles, sites, dates and tags.

Everything is drawn from one seeded ``random.Random``, so a corpus of N articles is the same
on every run and every machine.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass

from archive_import import ExtractedArticle, Source

# Share of the corpus per language; None is a page that did not say its language.
LANGUAGE_SHARES: dict[str | None, float] = {
    "en": 0.36, "fr": 0.14, "de": 0.12, "es": 0.09, "it": 0.05, "ru": 0.08, "pt": 0.04,
    "nl": 0.03, "zh": 0.03, "ja": 0.02, None: 0.04,
}  # fmt: skip

# Letters and endings that give each language's made-up words a plausible shape, so that
# stemmers and accent folding do real work on them.
_ONSETS = {
    "en": "b c d f g h k l m n p r s t v w br ch cl cr dr fl gr pl pr sh sl st str th tr",
    "fr": "b c d f g j l m n p r s t v ch cr dr fr gr pl pr tr qu",
    "de": "b d f g h k l m n p r s t w z br dr fr gr kl kr sch schl schw sp st str tr",
    "es": "b c d f g j l m n p r s t v ll ch br cr dr gr pr tr",
    "it": "b c d f g l m n p r s t v z br cr gr pr str tr sc",
    "pt": "b c d f g j l m n p r s t v ch lh nh br cr pr tr",
    "nl": "b d f g h k l m n p r s t v w z br dr gr kl kr sch sp st tr",
    "ru": "б в г д ж з к л м н п р с т х ц ч ш бр гр др кр пр ст тр",  # noqa: RUF001 — Cyrillic letters on purpose.
    None: "b c d f g h k l m n p r s t v w z",
}
_VOWELS = {
    "en": "a e i o u ea ee oo ou ai",
    "fr": "a e i o u é è ê ou ai au eu",
    "de": "a e i o u ä ö ü ei au ie",
    "es": "a e i o u á é í ó ú ue ie",
    "it": "a e i o u ia io",
    "pt": "a e i o u ã õ á é ó ou",
    "nl": "a e i o u aa ee oo ij ui",
    "ru": "а е и о у ы я ю ё э",  # noqa: RUF001 — Cyrillic letters on purpose.
    None: "a e i o u",
}
_ENDINGS = {
    "en": " s ed ing er ly tion ness ment",
    "fr": " e es er é ée és ent ation ment ique eur",
    "de": " e en er ung heit lich isch keit chen",
    "es": " o a os as ar ado ción mente idad",
    "it": " o a i e are ato zione mente ità",
    "pt": " o a os as ar ado ção mente dade",
    "nl": " en er heid lijk ing tje",
    "ru": " а ы ов ой ая ие ого ами ский ость",  # noqa: RUF001 — Cyrillic letters on purpose.
    None: " s a o",
}
_ZIPF_EXPONENT = 1.07
VOCABULARY_SIZE = 40_000
TAGS = (
    "climate", "history", "science", "politics", "economy", "art", "music", "travel", "food",
    "health", "technology", "sport", "books", "cinema", "education", "law", "energy", "space",
    "ocean", "cities",
)  # fmt: skip


@dataclass(frozen=True)
class Site:
    """A web site the corpus's articles come from."""

    name: str
    domain: str
    language: str | None


class Vocabulary:
    """A language's made-up words, most frequent first, drawn with Zipfian weights."""

    def __init__(self, language: str | None, rng: random.Random, size: int) -> None:
        self.language = language
        self.words = _make_words(language, rng, size)
        weights = [1.0 / (rank + 1) ** _ZIPF_EXPONENT for rank in range(size)]
        self._cumulative = list(itertools.accumulate(weights))

    def draw(self, rng: random.Random, count: int) -> list[str]:
        """``count`` words, each drawn independently with Zipfian frequency."""
        return rng.choices(self.words, cum_weights=self._cumulative, k=count)


def _make_words(language: str | None, rng: random.Random, size: int) -> list[str]:
    if language in {"zh", "ja"}:
        return _make_cjk_words(language, rng, size)
    onsets = _ONSETS[language].split()
    vowels = _VOWELS[language].split()
    endings = _ENDINGS[language].split(" ")
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < size:
        # Frequent words are short, as in real languages.
        syllables = 1 + min(3, int(rng.expovariate(1.0) * (1 + len(words) / size * 2)))
        stem = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(syllables))
        word = stem + (rng.choice(endings) if rng.random() < 0.6 else "")
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


def _make_cjk_words(language: str, rng: random.Random, size: int) -> list[str]:
    # CJK Unified Ideographs for both; Japanese words also take hiragana endings.
    characters = [chr(c) for c in range(0x4E00, 0x4E00 + 2500)]
    kana = [chr(c) for c in range(0x3041, 0x3094)]
    seen: set[str] = set()
    words: list[str] = []
    while len(words) < size:
        word = "".join(rng.choices(characters, k=rng.choice((1, 2, 2, 2, 3))))
        if language == "ja" and rng.random() < 0.3:
            word += "".join(rng.choices(kana, k=rng.choice((1, 2))))
        if word not in seen:
            seen.add(word)
            words.append(word)
    return words


class Corpus:
    """Articles in several languages, with the sites, dates and tags a real library has."""

    def __init__(self, seed: int = 5) -> None:
        self._rng = random.Random(seed)
        languages = list(LANGUAGE_SHARES)
        self.languages = languages
        self._language_weights = list(LANGUAGE_SHARES.values())
        self.vocabularies = {
            lang: Vocabulary(lang, self._rng, VOCABULARY_SIZE) for lang in languages
        }
        self.sites = {lang: self._make_sites(lang, 40) for lang in languages}
        self._names = self.vocabularies[None].words[200:2200]

    def _make_sites(self, language: str | None, count: int) -> list[Site]:
        sites = []
        words = self.vocabularies[None].words
        offset = self.languages.index(language) * 600
        for number in range(count):
            first, second = words[300 + offset + number * 7], words[9000 + offset + number * 13]
            name = f"The {first.title()} {second.title()}"
            domain = f"{first}{second}{number}.{language or 'example'}".replace("None", "net")
            sites.append(Site(name, domain, language))
        return sites

    def articles(self, count: int, words_per_article: int = 800) -> Iterator[ExtractedArticle]:
        """``count`` articles, each about ``words_per_article`` words long."""
        for number in range(count):
            yield self.article(number, words_per_article)

    def article(self, number: int, words_per_article: int = 800) -> ExtractedArticle:
        """The ``number``-th article (drawn from the corpus's own random stream)."""
        rng = self._rng
        language = rng.choices(self.languages, weights=self._language_weights)[0]
        vocabulary = self.vocabularies[language]
        site = rng.choices(self.sites[language], weights=_SITE_WEIGHTS)[0]
        length = max(100, int(rng.gauss(words_per_article, words_per_article / 4)))
        text = _paragraphs(vocabulary.draw(rng, length), language, rng)
        title = _sentence(vocabulary.draw(rng, rng.randint(4, 9)), language, end="")
        published = f"{rng.randint(2005, 2025)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}"
        author = " ".join(w.title() for w in rng.sample(self._names, 2))
        return ExtractedArticle(
            title=title,
            text=text,
            html="",
            source=Source(f"/corpus/{number}.html", "html", f"{number:064x}"),
            authors=(author,),
            published=published,
            site_name=site.name,
            url=f"https://{site.domain}/{published[:4]}/{number}",
            language=language,
        )

    def tags_for(self, rng: random.Random) -> list[str]:
        """Tags a reader might have given an article: none for most."""
        if rng.random() > 0.06:
            return []
        return rng.sample(TAGS, rng.randint(1, 3))


_SITE_WEIGHTS = [1.0 / (rank + 1) for rank in range(40)]


def _sentence(words: list[str], language: str | None, end: str = ".") -> str:
    if language in {"zh", "ja"}:
        return "".join(words) + ("。" if end else "")
    return " ".join([words[0].capitalize(), *words[1:]]) + end


def _paragraphs(words: list[str], language: str | None, rng: random.Random) -> str:
    sentences = []
    start = 0
    while start < len(words):
        size = rng.randint(8, 22)
        sentences.append(_sentence(words[start : start + size], language))
        start += size
    paragraphs = []
    for first in range(0, len(sentences), 5):
        paragraphs.append(" ".join(sentences[first : first + 5]))
    return "\n\n".join(paragraphs)
