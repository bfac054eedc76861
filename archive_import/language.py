"""Which language a text is in, offline: by its script, and among the languages sharing the
Latin or Cyrillic script by how often each one's commonest words occur."""

# ruff: noqa: RUF001 — the word lists are Cyrillic, Turkish and Romanian words, spelt right.

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict

log = logging.getLogger(__name__)

# Enough text to decide; reading more only costs time.
_SAMPLE_CHARS = 2000
# Below these the text is too short to say (a caption, a button label).
_MIN_LETTERS = 20
_MIN_WORDS = 12
_MIN_WORD_SCORE = 3.0
_MIN_WORD_SHARE = 0.08
# The best language must beat the runner-up by this factor (Danish and Norwegian share
# most of their commonest words, so only the rest decides).
_MARGIN = 1.4
# Declared and detected languages must differ this much in common-word score before the
# text overrules the declaration; languages of one family never overrule each other.
_OUTVOTE = 3.0
_FAMILIES = ("no da sv", "cs sk", "es ca pt", "ru uk bg sr")
_KIN = {code: family for family in _FAMILIES for code in family.split()}
# A CJK character carries about as much as a Latin word of four or five letters.
_CJK_WEIGHT = 3
# Japanese always mixes kana into its kanji; Chinese never does.
_KANA_SHARE = 0.1

# Unicode blocks of the scripts we tell apart: (first, last, script), sorted.
_BLOCKS = sorted(
    [
        (0x0041, 0x005A, "latin"), (0x0061, 0x007A, "latin"), (0x00C0, 0x024F, "latin"),
        (0x1E00, 0x1EFF, "latin"), (0x0370, 0x03FF, "greek"), (0x1F00, 0x1FFF, "greek"),
        (0x0400, 0x04FF, "cyrillic"), (0x0590, 0x05FF, "hebrew"), (0x0600, 0x06FF, "arabic"),
        (0x0750, 0x077F, "arabic"), (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFC, "arabic"),
        (0x0E00, 0x0E7F, "thai"), (0x1100, 0x11FF, "hangul"), (0x3130, 0x318F, "hangul"),
        (0xAC00, 0xD7A3, "hangul"), (0x3040, 0x30FF, "kana"), (0x31F0, 0x31FF, "kana"),
        (0xFF66, 0xFF9F, "kana"), (0x3400, 0x4DBF, "han"), (0x4E00, 0x9FFF, "han"),
        (0xF900, 0xFAFF, "han"),
    ]
)  # fmt: skip
_BLOCK_STARTS = [first for first, _, _ in _BLOCKS]
_PUNCTUATION = ".,;:!?\"'()[]{}«»“”„‘’…-–—/*"
_ONE_LANGUAGE_SCRIPTS = {
    "hangul": "ko", "japanese": "ja", "han": "zh", "thai": "th", "greek": "el", "hebrew": "he",
}  # fmt: skip
_PERSIAN_LETTERS = re.compile("[\u067e\u0686\u0698\u06af\u06a9\u06cc]")
_URDU_LETTERS = re.compile("[\u0679\u0688\u0691\u06ba\u06be\u06d2]")
_ARABIC_LETTERS = re.compile("[\u0629\u064a\u0643\u0649]")

# The commonest words of each language, by script.
_COMMON_WORDS = {
    "latin": {
        "en": "the of and to in is that it was for on are as with his her they at be this from "
        "have or by not but had were which their an has been would will there we he she you its "
        "who more also than can if about after when into said one all what out up",
        "fr": "le la les de des du un une et est que qui dans pour pas sur au aux avec il elle "
        "ils elles sont ce cette ces se ne plus par mais ou nous vous leur leurs été être fait "
        "comme tout son sa ses on aussi entre après sans très avait était dont lui même",
        "de": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch "
        "es an als wie wird werden bei nach aus noch nur war sind hat oder aber wenn so einer "
        "einem eines über zum zur vor durch um ich sie er wir",
        "es": "el la los las de del y en que un una es por con para se no al lo como más pero "
        "sus su le ha fue este esta entre cuando muy sin sobre también hay desde está son ser "
        "ya todo era dos",
        "pt": "o a os as de do da dos das e em no na nos nas que um uma é para com não se por "
        "mais como mas foi ao à seu sua ou ser quando muito também está são pelo pela entre "
        "depois sem até isso ele ela",
        "it": "il lo la i gli le di del della dei delle e è che un una per con non si da dal "
        "in nel nella al alla sono come ma più anche ha questo questa essere stato già ancora "
        "tra quando molto dopo ci",
        "nl": "de het een en van in is dat op te zijn met voor niet aan er die ook als bij door "
        "maar om nog naar dan wordt of uit over tot deze hij zij werd worden heeft was ze",
        "pl": "i w na z że się nie do to jest o jak a ale od po przez dla jego jej już tak są "
        "był była być tym które który która może tylko czy lub oraz także jednak gdy ze co",
        "cs": "a v na se že je to s z do o jako k ale i jsou by byl byla bylo jsem jeho její "
        "který která které podle nebo pro jen už také když ještě může než tak při od",
        "sk": "a v na sa že je to s z do o ako k ale i sú by bol bola bolo som jeho jej ktorý "
        "ktorá ktoré podľa alebo pre len už tiež keď ešte môže než tak pri od",
        "sv": "och att det som en på är för med av inte den till har de om ett men var sig så "
        "kan vi från eller när också efter hade detta jag han hon vara skulle mycket där",
        "no": "og i det som en på er for med av ikke den til har de om et men var seg så kan "
        "vi fra eller når også etter hadde dette jeg han hun være skulle mye der blir ble noen "
        "hva enn veldig gjennom igjen mot blitt vært sier gjøre fikk nå ut opp mellom meg deg",
        "da": "og i det som en på er for med af ikke den til har de om et men var sig så kan "
        "vi fra eller når også efter havde dette jeg han hun være skulle meget der bliver blev "
        "nogle hvad end gennem igen mod blevet været siger gøre fik nu ud op mellem mig dig",
        "fi": "ja on ei se että oli hän ovat mutta kun tai myös sen joka kuin niin hänen ole "
        "nyt jo vain sekä mukaan voi olla ollut kanssa tämä siitä siinä ne jos sitten vielä",
        "hu": "a az és hogy nem is egy meg volt de van csak már még mint ez azt el ki ha sem be "
        "lesz pedig vagy után között szerint kell által amely ami majd nagyon most",
        "ro": "și şi în de la a cu pe că nu din se este sunt o un mai care pentru sau dar fost "
        "au ca ce fi după acest această aceasta prin lui ei le iar fiind",
        "tr": "ve bir bu da de için ile olarak çok daha gibi olan en ama kadar sonra ne var "
        "değil o şu her ya ise göre ki mı mi tarafından ancak yeni",
        "id": "yang dan di ke dari ini itu dengan untuk dalam tidak akan pada juga ada adalah "
        "oleh karena sebagai atau bisa saat sudah telah mereka kami kita",
        "vi": "và của là có các được trong cho không những với một người này đã khi để đến "
        "từ như cũng về nhiều năm làm ra",
        "ca": "el la els les de del i a en que un una és per amb no es al als com més però són "
        "ha va seu seva també quan molt aquest aquesta entre fins",
    },
    "cyrillic": {
        "ru": "и в не на что с это как по но он она они из к у за от так же то было был была "
        "для все его ее её мы вы бы или уже только если когда еще ещё при о",
        "uk": "і в не на що з це як по але він вона вони із до у за від так же то було був "
        "була для все його її ми ви б або вже тільки якщо коли ще при та й",
        "bg": "и в не на че с това като по но той тя те от към у за да се е са беше бе всички "
        "ли или вече само ако когато още при",
        "sr": "и у не на да се је што са као по али он она они из од за то био била све "
        "његов или већ само ако када још при",
    },
}


def _weights(lists: dict[str, str]) -> dict[str, list[tuple[str, float]]]:
    """Word -> [(language, weight)]: a word several languages share counts less for each."""
    owners: dict[str, list[str]] = {}
    for code, words in lists.items():
        for word in set(words.split()):
            owners.setdefault(word, []).append(code)
    return {word: [(code, 1 / len(codes)) for code in codes] for word, codes in owners.items()}


_WORD_WEIGHTS = {script: _weights(lists) for script, lists in _COMMON_WORDS.items()}

# Languages by the script they are written in; the word-list languages are added below.
_SCRIPT_LANGUAGES = {
    "latin": "nb nn hr sl et lv lt is ga cy eu gl sq ms tl sw af lb mt az uz eo la sr",
    "cyrillic": "ru uk bg sr mk be kk ky mn tg",
    "arabic": "ar fa ur ps",
    "hebrew": "he yi",
    "greek": "el",
    "thai": "th",
    "hangul": "ko",
    # Japanese text can be all kanji for a stretch; Chinese text never holds kana.
    "japanese": "ja",
    "han": "zh ja",
}


def _scripts_of_languages() -> dict[str, frozenset[str]]:
    scripts: dict[str, set[str]] = {}
    for script, codes in _SCRIPT_LANGUAGES.items():
        for code in [*codes.split(), *_COMMON_WORDS.get(script, {})]:
            scripts.setdefault(code, set()).add(script)
    return {code: frozenset(names) for code, names in scripts.items()}


_LANGUAGE_SCRIPTS = _scripts_of_languages()

_ISO_639_1_CODES = """
    aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht
    hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la
    lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj
    om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv
    sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
"""
_ISO_639_1 = frozenset(_ISO_639_1_CODES.split())
# Other ways pages name a language: retired codes, ISO 639-2 codes, English and native names.
_ALIAS_LINES = """
    he iw heb hebrew עברית
    id in ind indonesian
    yi ji
    jv jw
    ro mo ron rum romanian română romana
    en eng english
    fr fra fre french français francais
    de deu ger german deutsch
    es spa spanish español espanol
    it ita italian italiano
    pt por portuguese português portugues
    nl nld dut dutch nederlands
    ru rus russian русский
    uk ukr ukrainian українська
    pl pol polish polski
    cs ces cze czech čeština cestina
    sk slk slo slovak slovenčina
    sv swe swedish svenska
    no nor norwegian norsk
    nb nob
    nn nno
    da dan danish dansk
    fi fin finnish suomi
    hu hun hungarian magyar
    tr tur turkish türkçe
    el ell gre greek ελληνικά
    ja jpn japanese 日本語
    zh zho chi chinese 中文
    ko kor korean 한국어
    th tha thai ไทย
    ar ara arabic العربية
    fa fas per persian farsi
    vi vie vietnamese
    ca cat catalan
    bg bul bulgarian
    sr srp serbian
    hi hin hindi
"""
_ALIASES = {
    alias: code
    for code, *aliases in (line.split() for line in _ALIAS_LINES.strip().splitlines())
    for alias in aliases
}
_CODE_END = re.compile(r"[-_\s,;.]")


def normalize_language(raw: str | None) -> str | None:
    """The ISO 639-1 code of a declared language: ``en-US``, ``en_GB``, ``eng``, ``English``
    all give ``en``. None for values that name no language (``x-default``, ``und``)."""
    value = _CODE_END.split((raw or "").strip().lower(), maxsplit=1)[0]
    code = _ALIASES.get(value, value)
    return code if code in _ISO_639_1 else None


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is written in, or None when unsure.

    Recognises by script ko, ja, zh, th, el, he, ar, fa, ur; by common words en, fr, de, es,
    it, pt, nl, pl, cs, sk, sv, no, da, fi, hu, ro, tr, id, vi, ca (Latin script) and ru, uk,
    bg, sr (Cyrillic). Short texts (a few words) give None.
    """
    sample = unicodedata.normalize("NFC", text[:_SAMPLE_CHARS])
    script = text_script(sample)
    if script in _ONE_LANGUAGE_SCRIPTS:
        return _ONE_LANGUAGE_SCRIPTS[script]
    if script == "arabic":
        return _arabic_language(sample)
    if script in _WORD_WEIGHTS:
        return _by_common_words(sample, _WORD_WEIGHTS[script])
    return None


def text_script(text: str) -> str | None:
    """The script most of ``text``'s letters are in (``latin``, ``cyrillic``, ``japanese``,
    ``han``, …, ``other``), or None for too little text."""
    counts = _script_counts(text[:_SAMPLE_CHARS])
    kana = counts.pop("kana")
    cjk = kana + counts.pop("han")
    counts["japanese" if cjk and kana >= _KANA_SHARE * cjk else "han"] = cjk * _CJK_WEIGHT
    counts["hangul"] *= _CJK_WEIGHT
    script, count = max(counts.items(), key=lambda item: item[1])
    return script if count >= _MIN_LETTERS else None


def _script_counts(sample: str) -> Counter[str]:
    """Letters per script; counting distinct characters first keeps this fast on long text."""
    counts: Counter[str] = Counter(dict.fromkeys(("hangul", "kana", "han"), 0))
    for char, number in Counter(sample).items():
        if char.isalpha():
            index = bisect_right(_BLOCK_STARTS, ord(char)) - 1
            inside = index >= 0 and ord(char) <= _BLOCKS[index][1]
            counts[_BLOCKS[index][2] if inside else "other"] += number
    return counts


def contradicts(declared: str, text: str) -> bool:
    """Whether ``text`` is plainly not in the ``declared`` language: it is in another script,
    or the common words of an unrelated language outnumber the declared one's many times
    (English text on a page a German edition declares ``de``)."""
    expected = _LANGUAGE_SCRIPTS.get(declared)
    sample = unicodedata.normalize("NFC", text[:_SAMPLE_CHARS])
    script = text_script(sample) if expected else None
    if script is None or expected is None:
        return False
    return script not in expected or _outvoted(declared, sample, script)


def choose_language(declared: str | None, text: str) -> str | None:
    """The declared language unless the text contradicts it; else the detected one."""
    if declared and not contradicts(declared, text):
        return declared
    return detect_language(text)


def _outvoted(declared: str, sample: str, script: str) -> bool:
    if declared not in _COMMON_WORDS.get(script, {}):
        return False
    scores, total = _word_scores(sample, _WORD_WEIGHTS[script])
    best = _confident(scores, total)
    return (
        best is not None
        and _KIN.get(best, best) != _KIN.get(declared, declared)
        and scores[best] >= _OUTVOTE * scores.get(declared, 0.0)
    )


def _arabic_language(sample: str) -> str:
    arabic = len(_ARABIC_LETTERS.findall(sample))
    if len(_URDU_LETTERS.findall(sample)) > max(arabic, 2):
        return "ur"
    return "fa" if len(_PERSIAN_LETTERS.findall(sample)) > max(arabic, 2) else "ar"


def _by_common_words(sample: str, weights: dict[str, list[tuple[str, float]]]) -> str | None:
    return _confident(*_word_scores(sample, weights))


def _word_scores(
    sample: str, weights: dict[str, list[tuple[str, float]]]
) -> tuple[dict[str, float], int]:
    """Each language's weighted count of its common words in ``sample``, and the word count."""
    # Splitting at spaces and trimming each distinct word is several times faster than a
    # Unicode word pattern.
    words = Counter(sample.lower().split())
    scores: dict[str, float] = defaultdict(float)
    for word, number in words.items():
        for code, weight in weights.get(word.strip(_PUNCTUATION), ()):
            scores[code] += weight * number
    return scores, sum(words.values())


def _confident(scores: dict[str, float], total: int) -> str | None:
    """The best-scoring language, if the text is long enough and it wins clearly."""
    ranked = [*sorted(scores.items(), key=lambda item: -item[1])[:2], ("", 0.0), ("", 0.0)]
    (best, score), (_, runner_up) = ranked[0], ranked[1]
    if total < _MIN_WORDS or score < max(_MIN_WORD_SCORE, _MIN_WORD_SHARE * total):
        return None
    return best if score >= _MARGIN * runner_up else None
