"""Saved pages in several languages and scripts, with the metadata the search tests query."""

# ruff: noqa: RUF001 — Cyrillic and Greek letters, CJK punctuation: the pages' own scripts.

from __future__ import annotations

from pathlib import Path

from tests.pages import article_page

# name: (title, paragraphs, metadata)
PAGES: dict[str, tuple[str, list[str], dict[str, str]]] = {
    "lighthouse": (
        "Lighthouse keepers of Brittany",
        [
            "The quick brown fox watched the lighthouse keepers climb the tower every evening.",
            "Keepers trimmed the wicks and polished the great lens until it shone over the bay.",
            "Storms came from the west, and the keepers wrote each one down in their logbook.",
        ],
        {
            "lang": "en", "author": "Eleanor Marsh", "site": "Coast Review",
            "url": "https://www.coast.example/2021/lighthouses", "published": "2021-08-14",
        },
    ),
    "sourdough": (
        "Sourdough starters",
        [
            "Wild yeast feeds the sourdough starter, which bakers keep alive for years.",
            "The crust turns brown, quick to darken in a hot oven, and sings as it cools.",
            "Flour, water and patience are all a starter needs to rise again each morning.",
        ],
        {
            "lang": "en", "author": "Paul Baker", "site": "Crumb",
            "url": "https://crumb.example/bread/sourdough", "published": "2020-03-02",
        },
    ),
    "seals": (
        "Harbour seals return",
        [
            "Harbour seals have returned to the estuary after twenty years away from it.",
            "Counting them from the dunes, volunteers found more pups than ever recorded.",
            "The seals rest on the sandbanks at low tide and fish in the channel at high tide.",
        ],
        {
            "lang": "en", "author": "Eleanor Marsh", "site": "Coast Review",
            "url": "https://www.coast.example/2022/seals", "published": "2022-05-03",
        },
    ),
    "marees": (
        "Les marées de Bretagne",
        [
            "Le marnage a été capturé par une équipe soviétique venue étudier la baie.",
            "Les marées montent vite dans la baie, plus vite qu'un cheval au galop.",
            "Les pêcheurs connaissent chaque rocher et chaque courant de la côte bretonne.",
        ],
        {
            "lang": "fr", "author": "Jeanne Morel", "site": "Le Littoral",
            "url": "https://littoral.fr/2019/marees", "published": "2019-11-05",
        },
    ),
    "haeuser": (
        "Häuser am Meer",
        [
            "Die alten Häuser stehen direkt am Meer und trotzen jedem Sturm des Winters.",
            "Viele Familien wohnen hier seit Generationen und reparieren ihre Dächer selbst.",
            "Im Sommer kommen Gäste, die das Rauschen der Wellen hören wollen.",
        ],
        {
            "lang": "de", "site": "Nordsee Zeitung", "url": "https://nordsee.de/haeuser",
            "published": "2021-02-01",
        },
    ),
    "ksiazki": (
        "Nowe książki w bibliotece",
        [
            "Biblioteka miejska kupiła w tym roku setki nowych tytułów dla dzieci i dorosłych.",
            "Czytelnicy najczęściej wypożyczają książki podróżnicze i kryminały.",
            "W soboty bibliotekarze czytają dzieciom bajki, a młodzież dzieli się książkami.",
        ],
        {"lang": "pl", "url": "https://biblioteka.pl/nowosci"},
    ),
    "poleis": (
        "Οι πόλεις του Αιγαίου",
        [
            "Η Αθήνα είναι η μεγαλύτερη από τις πόλεις της χώρας και η πρωτεύουσά της.",
            "Πολλοί επισκέπτες ταξιδεύουν κάθε καλοκαίρι στα νησιά του Αιγαίου με πλοίο.",
            "Η ιστορία της πόλης ξεκινά πριν από τρεις χιλιάδες χρόνια, στην αρχαιότητα.",
        ],
        {"lang": "el", "url": "https://poleis.gr/aigaio"},
    ),
    "leonov": (
        "Книга о космосе",
        [
            "Эта книга рассказывает о полёте Леонова в открытый космос в марте.",
            "Советский космонавт стал первым человеком, вышедшим из корабля.",
            "Его рисунки Земли из космоса до сих пор хранятся в музее.",
        ],
        {"lang": "ru", "url": "https://kosmos.ru/leonov", "published": "2020-06-10"},
    ),
    "beijing": (
        "北京大学的图书馆",
        [
            "北京大学图书馆是中国最大的大学图书馆之一，藏书非常丰富，每年吸引很多读者。",
            "学生们每天都在这里学习和阅读，老师们也常常来这里查找资料。",
            "图书馆的建筑很有特色，里面安静而明亮，是大家最喜欢的地方。",
        ],
        {"lang": "zh", "url": "https://daxue.cn/tushuguan"},
    ),
    "tokyo": (
        "東京都の天気",
        [
            "東京都は日本の首都であり、多くの人々が住んでいます。毎日たくさんの電車が走っています。",
            "東京都の天気は季節によって大きく変わります。夏は暑く、冬は寒いです。",
            "観光客は東京タワーや浅草寺を訪れることが多いです。",
        ],
        {"lang": "ja", "url": "https://tenki.jp/tokyo"},
    ),
    "seoul": (
        "서울 여행",
        [
            "우리는 서울에서 만나요. 서울은 아름다운 도시입니다.",
            "많은 사람들이 서울에서 일하고 주말에는 한강 공원에서 쉽니다.",
            "겨울에는 눈이 많이 내리고 여름에는 비가 자주 옵니다.",
        ],
        {"lang": "ko", "url": "https://yeohaeng.kr/seoul"},
    ),
}  # fmt: skip


def write_pages(folder: Path, names: list[str] | None = None) -> Path:
    """Write the pages (all, or those named) into ``folder`` as ``<name>.html``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in names or list(PAGES):
        title, paragraphs, meta = PAGES[name]
        page = article_page(title, paragraphs, **meta)
        (folder / f"{name}.html").write_text(page, "utf-8")
    return folder
