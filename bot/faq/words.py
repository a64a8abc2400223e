"""The words of a question, normalised: folding to one Latin spelling, function words, small talk.
Shared by the search index and the list of unanswered questions (bot.faq.gaps)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import stopwordsiso

from bot.i18n import to_serbian_latin

STOPWORD_LANGUAGES = ("uk", "hr", "sl", "en", "ru")  # hr: the Serbo-Croatian list, any script
_EXTRA_FOLDS = str.maketrans({"đ": "dj", "ß": "ss", "ł": "l", "ø": "o"})
# Ukrainian and Russian letters Serbian Cyrillic lacks, folded to Latin as well, so that the same
# root written in either language meets ("документи", "документы" → dokumenti; "страхування",
# "страховка" share the stem "strah"). ы→i, э→e, ё→e, ъ and ь vanish: the Russian-only letters.
_EAST_SLAVIC_FOLDS = str.maketrans(
    {
        "і": "i", "ї": "i", "є": "e", "ґ": "g", "й": "j", "щ": "sc", "ь": "", "ъ": "",
        "ы": "i", "э": "e", "ё": "e", "я": "ja", "ю": "ju", "'": "", "ʼ": "", "’": "",
    }
)  # fmt: skip


@lru_cache(maxsize=16384)  # every word of every question goes through it, several times
def fold(word: str) -> str:
    """Lowercase, Serbian Cyrillic → Latin, no diacritics: 'Дозвола' and 'dozvóla' → 'dozvola'."""
    word = to_serbian_latin(word.lower().translate(_EAST_SLAVIC_FOLDS)).translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Greetings and politeness carry no topic, and some look like topic words ("zdravo" ~ "zdravje").
def function_words() -> frozenset[str]:
    """Words that carry no topic ("how", "kako", "як", "kaj"), from stopwords-iso, folded like
    everything else; Russian too, since many Ukrainians type it. stopwords-iso's Ukrainian list
    is short (73 words), so pronouns, question words and the verbs every question has ("треба",
    "робити", "moram") are added by hand, for every language."""
    words: set[str] = {fold(w) for w in _GENERIC_WORDS.split()}
    for language in STOPWORD_LANGUAGES:
        words |= {fold(w) for w in stopwordsiso.stopwords(language)}
    return frozenset(words - {fold(w) for w in _CONTENT_WORDS.split()})


# Words stopwords-iso lists as stopwords that are the very subject of a front-desk question
# (wife, child, work, money, day names and months, open/closed, "fire"): they stay content words.
_CONTENT_WORDS = """
жена женщина муж ребенок работа работать день год дом время деньги человек люди дело место
страна город час машина улица вода война жизнь ночь утро вечер комната книга мать отец друг
вопрос дорога народ
žena mož muž dan ljudi mesto zemlja delo leto čas datum mesec danes jutri včeraj
ponedeljek torek sreda četrtek petek sobota nedelja januar februar marec april maj junij julij
avgust september oktober november december odprt odprta odprti zaprt zaprta zaprti zaprto
work year home place number help fire free room rooms test state bill date course problem
information computer group member members money
"""


_GENERIC_WORDS = """
я ти він вона воно ми ви вони мене мені мною тебе тобі його йому її їй нас нам вас вам їх їм
мій моя моє мої мого моєї моїй моїм моєму моїх твій твоя твоє твої наш наша наше наші нашої
ваш ваша ваше ваші вашої свій своя своє свої свого своєї своїй своїм себе собі хтось щось
ніхто ніщо цей ця це ці цього цієї той та те ті такий така таке такі який яка яке які якого
якій якому яких чий чия хто що шо де куди звідки коли чому навіщо як скільки чи можна треба
потрібно необхідно мушу маю має мають маємо хочу хоче хочемо хочуть можу може можемо можуть
знаю знати робити зробити роблю зробив буде будуть було був була були бути є йти піти прийти
прийду сказати каже кажуть дати дають взяти тут там тепер зараз вже ще також теж дуже більше
менше просто тільки лише потім завжди ніколи знову разом якщо бо тому але або щоб аби
нужна нужен нужны надо хочу могу можно делать сделать сейчас теперь уже еще здесь там
kakšen kakšna kakšno kakšni kakšne kakšnega kakšnem сюди сюда ovamo semkaj
noče nočem nočeš nočejo nočemo neću nećeš nećemo
treba trebam trebaju trebalo moram moraš mora mogu možeš može možemo hoću hoćeš hoće želim znam
uraditi uradim učiniti šta što gde gdje kada kad ovde ovdje sada sad već još nešto neko neki
nekog moj moja moje moji moju mog mojim mojoj mene meni naš naša vaš vaša vam vas njih
rabim moram morem lahko zdaj naredim narediti naredil potrebujem želim vem
pls plz thx need want get got make do does did please now here there someone something
"""


_SMALL_TALK_WORDS = """
zdravo hello hi hey pozdrav pozdravljeni živjo živio hvala thanks thank please molim prosim ok okay
yes no da ne ja привіт вітаю дякую здраво привет спасибо спасибі так ні
"""
# Whole messages that are pleasantries even though a word in them looks like a topic
# ("справи" and "дела" also mean "business").
_SMALL_TALK_PHRASES = """
як справи | як ти | как дела | как ты | kako si | kako ste | kako je | how are you | kako gre
"""
SMALL_TALK = frozenset(fold(word) for word in _SMALL_TALK_WORDS.split())
SMALL_TALK_PHRASES = frozenset(
    " ".join(fold(w) for w in phrase.split()) for phrase in _SMALL_TALK_PHRASES.split("|")
)
FUNCTION_WORDS = function_words()
