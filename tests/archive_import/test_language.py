"""Language detection and the choice between a declared and a detected language."""

# ruff: noqa: RUF001 — the sample paragraphs are in their own scripts, letters and all.

from __future__ import annotations

import pytest

from archive_import.language import (
    choose_language,
    detect_language,
    normalize_language,
    text_script,
)

# One paragraph per language, all about the same town library.
PARAGRAPHS = {
    "en": "The old library in the centre of the town was built more than a hundred years ago, "
    "and it is still one of the most visited places in the region. Every morning people come "
    "to read the newspapers, to borrow books for their children, or simply to sit in the quiet "
    "hall where the light falls through the tall windows. The librarians say that the number "
    "of visitors has grown again in recent years.",
    "fr": "La vieille bibliothèque du centre-ville a été construite il y a plus de cent ans, et "
    "elle reste l'un des lieux les plus fréquentés de la région. Chaque matin, des habitants "
    "viennent y lire les journaux, emprunter des livres pour leurs enfants ou simplement "
    "s'asseoir dans la grande salle silencieuse où la lumière entre par les hautes fenêtres. "
    "Les bibliothécaires disent que le nombre de visiteurs a de nouveau augmenté.",
    "de": "Die alte Bibliothek in der Mitte der Stadt wurde vor mehr als hundert Jahren gebaut, "
    "und sie ist noch immer einer der meistbesuchten Orte der Region. Jeden Morgen kommen "
    "Menschen, um die Zeitungen zu lesen, Bücher für ihre Kinder auszuleihen oder einfach in "
    "dem stillen Saal zu sitzen, in den das Licht durch die hohen Fenster fällt. Die "
    "Bibliothekare sagen, dass die Zahl der Besucher wieder gestiegen ist.",
    "es": "La antigua biblioteca del centro de la ciudad fue construida hace más de cien años, y "
    "todavía es uno de los lugares más visitados de la región. Cada mañana la gente viene a "
    "leer los periódicos, a pedir prestados libros para sus hijos o simplemente a sentarse en "
    "la sala silenciosa donde la luz entra por las altas ventanas. Los bibliotecarios dicen que "
    "el número de visitantes ha vuelto a crecer en los últimos años.",
    "it": "La vecchia biblioteca nel centro della città è stata costruita più di cento anni fa, "
    "ed è ancora uno dei luoghi più visitati della regione. Ogni mattina le persone vengono a "
    "leggere i giornali, a prendere in prestito libri per i loro figli o semplicemente a "
    "sedersi nella sala silenziosa dove la luce entra dalle alte finestre. I bibliotecari "
    "dicono che il numero dei visitatori è di nuovo cresciuto negli ultimi anni.",
    "pt": "A antiga biblioteca do centro da cidade foi construída há mais de cem anos, e ainda é "
    "um dos lugares mais visitados da região. Todas as manhãs as pessoas vêm ler os jornais, "
    "pedir livros emprestados para os seus filhos ou simplesmente sentar-se na sala silenciosa "
    "onde a luz entra pelas janelas altas. Os bibliotecários dizem que o número de visitantes "
    "voltou a crescer nos últimos anos.",
    "nl": "De oude bibliotheek in het centrum van de stad werd meer dan honderd jaar geleden "
    "gebouwd, en het is nog steeds een van de meest bezochte plekken in de regio. Elke ochtend "
    "komen mensen er de kranten lezen, boeken lenen voor hun kinderen of gewoon zitten in de "
    "stille zaal waar het licht door de hoge ramen valt. De bibliothecarissen zeggen dat het "
    "aantal bezoekers de laatste jaren weer is gegroeid.",
    "ru": "Старая библиотека в центре города была построена более ста лет назад, и она до сих "
    "пор остаётся одним из самых посещаемых мест в регионе. Каждое утро люди приходят сюда, "
    "чтобы почитать газеты, взять книги для своих детей или просто посидеть в тихом зале, где "
    "свет падает через высокие окна. Библиотекари говорят, что число посетителей в последние "
    "годы снова выросло, и это их очень радует.",
    "uk": "Стара бібліотека в центрі міста була збудована понад сто років тому, і вона досі "
    "залишається одним із найвідвідуваніших місць у регіоні. Щоранку люди приходять сюди, щоб "
    "почитати газети, взяти книжки для своїх дітей або просто посидіти в тихій залі, де "
    "світло падає крізь високі вікна. Бібліотекарі кажуть, що кількість відвідувачів за "
    "останні роки знову зросла, і це їх дуже тішить.",
    "bg": "Старата библиотека в центъра на града е построена преди повече от сто години и все "
    "още е едно от най-посещаваните места в региона. Всяка сутрин хората идват тук, за да "
    "четат вестници, да вземат книги за децата си или просто да седят в тихата зала, където "
    "светлината пада през високите прозорци. Библиотекарите казват, че броят на посетителите "
    "през последните години отново се е увеличил.",
    "sr": "Стара библиотека у центру града изграђена је пре више од сто година и још увек је "
    "једно од најпосећенијих места у региону. Сваког јутра људи долазе овде да читају новине, "
    "позајме књиге за своју децу или само да седе у тихој сали, где светлост пада кроз "
    "високе прозоре. Библиотекари кажу да се број посетилаца последњих година поново повећао.",
    "pl": "Stara biblioteka w centrum miasta została zbudowana ponad sto lat temu i nadal jest "
    "jednym z najczęściej odwiedzanych miejsc w regionie. Każdego ranka ludzie przychodzą tu, "
    "aby czytać gazety, wypożyczać książki dla swoich dzieci albo po prostu posiedzieć w "
    "cichej sali, do której światło wpada przez wysokie okna. Bibliotekarze mówią, że liczba "
    "odwiedzających w ostatnich latach znów wzrosła i że to ich bardzo cieszy.",
    "cs": "Stará knihovna v centru města byla postavena před více než sto lety a stále je jedním "
    "z nejnavštěvovanějších míst v regionu. Každé ráno sem lidé přicházejí, aby si přečetli "
    "noviny, půjčili knihy pro své děti nebo jen seděli v tichém sále, do kterého dopadá "
    "světlo vysokými okny. Knihovníci říkají, že počet návštěvníků v posledních letech opět "
    "vzrostl a že je to velmi těší, protože knihovna je pro ně jako domov.",
    "sk": "Stará knižnica v centre mesta bola postavená pred viac ako sto rokmi a stále je jedným "
    "z najnavštevovanejších miest v regióne. Každé ráno sem ľudia prichádzajú, aby si "
    "prečítali noviny, požičali knihy pre svoje deti alebo len sedeli v tichej sále, do "
    "ktorej dopadá svetlo vysokými oknami. Knihovníci hovoria, že počet návštevníkov sa v "
    "posledných rokoch opäť zvýšil a že ich to veľmi teší, pretože knižnica je pre nich ako "
    "domov.",
    "sv": "Det gamla biblioteket i stadens centrum byggdes för mer än hundra år sedan, och det är "
    "fortfarande en av de mest besökta platserna i regionen. Varje morgon kommer människor hit "
    "för att läsa tidningarna, låna böcker till sina barn eller bara sitta i den tysta salen "
    "där ljuset faller in genom de höga fönstren. Bibliotekarierna säger att antalet besökare "
    "har ökat igen under de senaste åren, och att de är mycket glada över det.",
    "no": "Det gamle biblioteket i sentrum av byen ble bygget for mer enn hundre år siden, og det "
    "er fortsatt et av de mest besøkte stedene i regionen. Hver morgen kommer folk hit for å "
    "lese avisene, låne bøker til barna sine eller bare sitte i den stille salen der lyset "
    "faller inn gjennom de høye vinduene. Bibliotekarene sier at antallet besøkende har økt "
    "igjen de siste årene, og at de er veldig glade for det.",
    "da": "Det gamle bibliotek i byens centrum blev bygget for mere end hundrede år siden, og det "
    "er stadig et af de mest besøgte steder i regionen. Hver morgen kommer folk hertil for at "
    "læse aviserne, låne bøger til deres børn eller bare sidde i den stille sal, hvor lyset "
    "falder ind gennem de høje vinduer. Bibliotekarerne siger, at antallet af besøgende er "
    "steget igen i de senere år, og at de er meget glade for det.",
    "fi": "Kaupungin keskustassa sijaitseva vanha kirjasto rakennettiin yli sata vuotta sitten, "
    "ja se on edelleen yksi alueen vierailluimmista paikoista. Joka aamu ihmiset tulevat "
    "lukemaan sanomalehtiä, lainaamaan kirjoja lapsilleen tai vain istumaan hiljaiseen "
    "saliin, johon valo lankeaa korkeista ikkunoista. Kirjastonhoitajat kertovat, että "
    "kävijöiden määrä on taas kasvanut viime vuosina, ja he ovat siitä hyvin iloisia.",
    "hu": "A város központjában álló régi könyvtárat több mint száz évvel ezelőtt építették, és "
    "ma is a régió egyik leglátogatottabb helye. Az emberek minden reggel eljönnek, hogy "
    "elolvassák az újságokat, könyveket kölcsönözzenek a gyerekeiknek, vagy csak üljenek a "
    "csendes teremben, ahol a magas ablakokon át süt be a fény. A könyvtárosok szerint a "
    "látogatók száma az utóbbi években ismét nőtt, és ennek nagyon örülnek.",
    "ro": "Vechea bibliotecă din centrul orașului a fost construită acum mai bine de o sută de "
    "ani și este încă unul dintre cele mai vizitate locuri din regiune. În fiecare dimineață "
    "oamenii vin aici să citească ziarele, să împrumute cărți pentru copiii lor sau pur și "
    "simplu să stea în sala liniștită în care lumina intră prin ferestrele înalte. "
    "Bibliotecarii spun că numărul vizitatorilor a crescut din nou în ultimii ani.",
    "tr": "Şehrin merkezindeki eski kütüphane yüz yıldan daha uzun bir süre önce inşa edildi ve "
    "hâlâ bölgenin en çok ziyaret edilen yerlerinden biri. Her sabah insanlar gazete okumak, "
    "çocukları için kitap ödünç almak ya da sadece ışığın yüksek pencerelerden içeri düştüğü "
    "sessiz salonda oturmak için buraya geliyor. Kütüphaneciler, son yıllarda ziyaretçi "
    "sayısının yeniden arttığını ve bundan çok memnun olduklarını söylüyor.",
    "ca": "L'antiga biblioteca del centre de la ciutat es va construir fa més de cent anys, i "
    "encara és un dels llocs més visitats de la regió. Cada matí la gent hi ve a llegir els "
    "diaris, a demanar llibres per als seus fills o simplement a seure a la sala silenciosa on "
    "la llum entra per les finestres altes. Els bibliotecaris diuen que el nombre de visitants "
    "ha tornat a créixer en els últims anys.",
    "id": "Perpustakaan tua di pusat kota dibangun lebih dari seratus tahun yang lalu, dan sampai "
    "sekarang masih menjadi salah satu tempat yang paling banyak dikunjungi di wilayah ini. "
    "Setiap pagi orang datang untuk membaca koran, meminjam buku untuk anak-anak mereka, atau "
    "sekadar duduk di ruang yang tenang tempat cahaya masuk melalui jendela yang tinggi.",
    "vi": "Thư viện cũ ở trung tâm thành phố được xây dựng cách đây hơn một trăm năm, và cho đến "
    "nay vẫn là một trong những nơi có nhiều người đến thăm nhất trong vùng. Mỗi buổi sáng, "
    "người dân đến đây để đọc báo, mượn sách cho con cái của họ, hoặc chỉ để ngồi trong căn "
    "phòng yên tĩnh.",
    "el": "Η παλιά βιβλιοθήκη στο κέντρο της πόλης χτίστηκε πριν από περισσότερα από εκατό "
    "χρόνια και εξακολουθεί να είναι ένας από τους πιο πολυσύχναστους τόπους της περιοχής. "
    "Κάθε πρωί οι άνθρωποι έρχονται να διαβάσουν εφημερίδες ή να δανειστούν βιβλία.",
    "ja": "町の中心にある古い図書館は百年以上前に建てられ、今でもこの地域で最も多くの人が訪れる"
    "場所の一つです。毎朝、人々は新聞を読んだり、子どものために本を借りたり、高い窓から光が"
    "差し込む静かなホールでただ座ったりするためにやって来ます。",
    "zh": "市中心的老图书馆建于一百多年前，至今仍是该地区游客最多的地方之一。每天早上，人们来这里"
    "看报纸，为孩子借书，或者只是坐在安静的大厅里，阳光从高高的窗户照进来。",
    "ko": "도시 중심에 있는 오래된 도서관은 백 년도 더 전에 지어졌으며, 지금도 이 지역에서 가장 "
    "많은 사람들이 찾는 곳 중 하나입니다. 매일 아침 사람들은 신문을 읽거나 아이들을 위해 책을 "
    "빌리거나, 조용한 홀에 그냥 앉아 있기 위해 이곳을 찾습니다.",
    "th": "ห้องสมุดเก่าในใจกลางเมืองสร้างขึ้นเมื่อกว่าหนึ่งร้อยปีที่แล้ว และยังคงเป็นหนึ่งในสถานที่"
    "ที่มีผู้มาเยือนมากที่สุดในภูมิภาค ทุกเช้าผู้คนมาอ่านหนังสือพิมพ์ ยืมหนังสือให้ลูก",
    "ar": "بنيت المكتبة القديمة في وسط المدينة منذ أكثر من مئة عام، ولا تزال من أكثر الأماكن "
    "زيارة في المنطقة. يأتي الناس كل صباح لقراءة الصحف واستعارة الكتب لأطفالهم، أو للجلوس "
    "ببساطة في القاعة الهادئة حيث يدخل الضوء من النوافذ العالية.",
    "fa": "کتابخانه قدیمی در مرکز شهر بیش از صد سال پیش ساخته شد و هنوز یکی از پربازدیدترین "
    "مکان‌های منطقه است. هر روز صبح مردم برای خواندن روزنامه یا امانت گرفتن کتاب برای "
    "فرزندانشان به اینجا می‌آیند.",
    "he": "הספרייה הישנה במרכז העיר נבנתה לפני יותר ממאה שנה, והיא עדיין אחד המקומות המבוקרים "
    "ביותר באזור. בכל בוקר אנשים באים לקרוא עיתונים, לשאול ספרים עבור ילדיהם או פשוט לשבת "
    "באולם השקט.",
}


@pytest.mark.parametrize("code", sorted(PARAGRAPHS))
def test_a_paragraph_is_recognised(code: str) -> None:
    assert detect_language(PARAGRAPHS[code]) == code


@pytest.mark.parametrize(
    "text", ["", "Hello world", "Bonjour à tous", "Привет, мир", "你好世界", "2024"]
)
def test_short_text_is_not_guessed(text: str) -> None:
    assert detect_language(text) is None


def test_a_language_we_do_not_know_is_not_guessed() -> None:
    # Swahili: Latin letters, none of the listed languages' common words.
    swahili = (
        "Maktaba ya zamani katikati ya mji ilijengwa zaidi ya miaka mia moja iliyopita, na bado "
        "ni mojawapo ya maeneo yanayotembelewa zaidi katika kanda hii. Kila asubuhi watu huja "
        "kusoma magazeti, kuazima vitabu kwa ajili ya watoto wao, au kuketi tu katika ukumbi."
    )
    assert detect_language(swahili) is None


def test_the_script_of_a_text() -> None:
    assert text_script(PARAGRAPHS["ru"]) == "cyrillic"
    assert text_script(PARAGRAPHS["ja"]) == "japanese"
    assert text_script(PARAGRAPHS["zh"]) == "han"
    assert text_script("ok") is None


@pytest.mark.parametrize(
    ("raw", "code"),
    [("en-US", "en"), ("pt_BR", "pt"), ("DE", "de"), ("eng", "en"), ("English", "en"),
     ("iw", "he"), ("zh-Hans-CN", "zh"), ("nb-NO", "nb"), ("x-default", None), ("und", None),
     ("", None), (None, None), ("xx", None)],
)  # fmt: skip
def test_declared_codes_are_normalised(raw: str | None, code: str | None) -> None:
    assert normalize_language(raw) == code


def test_the_declared_language_wins_when_the_text_agrees() -> None:
    assert choose_language("de", PARAGRAPHS["de"]) == "de"
    # Closely related languages never overrule a declaration: Danish and Norwegian look alike.
    assert choose_language("nb", PARAGRAPHS["no"]) == "nb"
    assert choose_language("da", PARAGRAPHS["no"]) == "da"


def test_the_declared_language_wins_without_text() -> None:
    assert choose_language("fr", "") == "fr"
    assert choose_language(None, "") is None


def test_a_declaration_in_another_script_gives_way() -> None:
    assert choose_language("en", PARAGRAPHS["ru"]) == "ru"
    assert choose_language("zh", PARAGRAPHS["ja"]) == "ja"
    assert choose_language("ja", PARAGRAPHS["zh"]) == "ja"  # kanji-only passages are Japanese too


def test_a_declaration_the_words_overwhelmingly_contradict_gives_way() -> None:
    # A German edition of an English magazine declares "de" on its English articles.
    assert choose_language("de", PARAGRAPHS["en"]) == "en"


def test_without_a_declaration_the_text_decides() -> None:
    assert choose_language(None, PARAGRAPHS["pl"]) == "pl"
