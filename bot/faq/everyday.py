"""Words of everyday life a front desk does not answer about: weather, food and cooking, shops,
sport, films and music, phones and computers and their repair, tickets and travel, jokes, dating.

Why: such a question still shares a word or two with some topic ("shop ... on Saturday" with the
opening hours, "recept" with the doctor's prescription, "phone" with the contact page), and a
topic covering those is offered. A word of these domains is evidence that the question is about
everyday life, so it weighs as much as a word no topic has and is covered only by a topic that
names it in its own title or keywords (the contact page names "phone"; the doctor topic names
"recept"). The lists are written by domain, in en, sl, Serbian (Latin; Cyrillic folds to it),
Croatian, Ukrainian and Russian (folded: "погода" → "pogoda"), not from any question set.
A word ending in "-" is a prefix (for inflected forms); the others must equal the word or its
lemma. Words a front-desk question uses in its own sense are left out on purpose: "vreme"
(Serbian working hours), "karta" (a card in uk/ru), "dopust" (leave), "kurs" (a course),
"buy", "cheap", "computer", "date", "more" (sea in sr/uk, and English "more"), and where
people work ("restaurant", "hotel", "cook", "lunch" break, "holiday" and "vacation" as leave).
"""

from __future__ import annotations

from functools import lru_cache

from bot.faq.terms import ALL_LEMMA_LANGUAGES, lemma_forms
from bot.faq.words import fold

_DOMAINS = {
    "weather": """
        weather forecast rain raining rainy snow snowing sunny storm
        dež dežuje deževalo deževno sneg sneži snežilo sončno nevihta
        kiša kiše kišu kišovito sunčano prognoza oluja
        погода погоду дощ дощу сніг снігу сонячно прогноз
        дождь дождя снег снега солнечно
    """,
    "food": """
        recipe recipes cooking bake baking soup pizza cake dinner breakfast pancake-
        kuhati skuhati skuham speči juha torta večerja zajtrk palačink-
        recept- kuvati skuvati supa čorba kolač večera doručak kafan-
        pekar- burek- sarm- ćevap- pljeskavic- gibanic- potic- golaž gulaš
        рецепт- варити зварити приготувати приготовить суп борщ- вареник- пельмен- плов торт-
        піца пицц- кафе вечеря сніданок ужин завтрак блин- млинц-
    """,
    "shops": """
        shop shops shopping store stores supermarket mall mercator merkator spar interspar lidl
        hofer eurospin aldi ikea jysk trgovin- nakupovanje prodavnic- supermarket- market magazin-
        shoes clothes čevlji oblačila obleko patike cipele odeća garderob- одяг одежд- взуття
        обувь кросівки кроссовки
    """,
    "sport": """
        football soccer basketball volleyball tennis gym fitness swimming pool sport sports match
        nogomet- košark- odbojk- tenis fitnes bazen telovadnic- tekm- fudbal teretan- utakmic-
        футбол баскетбол волейбол теніс теннис спортзал- тренажер- басейн- бассейн- матч-
        спорт рибалк- рыбалк- ribolov
    """,
    "entertainment": """
        film films movie movies cinema series netflix concert music song songs game games
        kino serij- koncert- glasb- pesem bioskop muzik- pesm- фільм- фильм- кіно кино серіал-
        сериал- концерт- музик- музык- пісня песн-
    """,
    "devices": """
        laptop laptops screen charger wifi router printer television camera iphone samsung
        smartphone headphones repair repairs internet tarif-
        prenosnik- polnilec zaslon ekran- televizor-
        kamer- fotoaparat- punjač- slušalk- slušalic- mobitel- ноутбук- зарядк- екран- экран-
        телевізор- телевизор- фотоапарат- фотоаппарат- айфон- смартфон- навушник- наушник-
        полагодити починить servis- сервіс- сервис-
    """,
    "travel": """
        bus train flight flights airport taxi ticket tickets petrol beach secondhand
        avtobus- vlak vlakom vozovnic- letalo letališč- bencinsk- plaž-
        autobus- voz vozom aerodrom- avion- letovanj- polovan polovn- rabljen-
        потяг- поїзд- поезд- квиток- квитк- билет- літак- самолет- аеропорт- аэропорт-
        таксі такси пляж-
    """,
    "talk": """
        joke jokes funny anecdote dating tinder hairdresser haircut barber šala šalo šale šalu
        vic vica vicev zmenk- frizer- анекдот- жарт- шутка шутку знайомств- знакомств-
        перукар- парикмахер- стрижк-
    """,
}  # fmt: skip

MIN_PREFIX = 3
# "I work in a shop", "працюю в магазині": where someone works is no everyday question, and
# workers' rights are asked about from shops, restaurants and hotels. First person only: "ради
# Хофер у суботу", "работает Лидл" are a shop's opening hours.
_WORK_VERBS = """
    work working worked delam delamo delal delala radim radimo радим радимо радио радила
    працюю працюємо працював працювала работаю работаем работал работала
"""
WORK_VERBS = frozenset(fold(word) for word in _WORK_VERBS.split())
WORKPLACE_REACH = 2  # "work in a shop": the place is at most this many words after the verb


def _entries() -> tuple[frozenset[str], tuple[str, ...]]:
    words: set[str] = set()
    prefixes: set[str] = set()
    for text in _DOMAINS.values():
        for entry in text.split():
            if entry.endswith("-"):
                prefixes.add(fold(entry[:-1]))
            else:
                words.add(fold(entry))
    return frozenset(words), tuple(sorted(p for p in prefixes if len(p) >= MIN_PREFIX))


EVERYDAY_WORDS, EVERYDAY_PREFIXES = _entries()


def workplaces(tokens: list[str]) -> set[str]:
    """The folded words of a question that say where someone works (just after a work verb)."""
    folded = [fold(token) for token in tokens]
    return {
        word
        for index, word in enumerate(folded)
        if WORK_VERBS & set(folded[max(index - WORKPLACE_REACH, 0) : index])
    }


@lru_cache(maxsize=8192)
def is_everyday(token: str) -> bool:
    """Whether a word (as typed, or its lemma) belongs to everyday life (see the module doc)."""
    forms = {fold(form) for form in lemma_forms(token.lower(), ALL_LEMMA_LANGUAGES)}
    forms.add(fold(token))
    return any(form in EVERYDAY_WORDS or form.startswith(EVERYDAY_PREFIXES) for form in forms)
