"""Names of countries, as words no topic has: "a visa for Canada" is not a question about the
Slovenian permit that mentions a visa. The names are CLDR's (Babel's territory names) in the
languages people write in, Russian and Croatian included, so no list is kept by hand; they are
copied, folded, into bot/faq/country_names.py (`python -m bot.faq.countries` writes it; a test
checks it), because Babel's data for seven locales costs about 13 MB of memory, the names 50 kB.
An inflected form ("Канаду", "Avstralijo") meets its name when it differs only in the ending."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from bot.faq.country_names import COUNTRY_NAMES
from bot.faq.words import fold

NAMES_FILE = Path(__file__).with_name("country_names.py")
NAME_LANGUAGES = ("en", "sl", "uk", "sr", "sr_Latn", "hr", "ru")
MIN_NAME = 5  # shorter names ("Mali", "Kina", "Peru") are ordinary words too
# Short forms CLDR writes out in full ("Združene države Amerike"), and the everyday names CLDR
# does not have (it says "United Kingdom", "Велика Британія", "Сједињене Државе"), in the forms
# people write them: as whole words, since "engleski", "англійська" (English) are topic words.
_EXACT_FORMS = """
    usa zda сша uae оае оаэ uk
    england britain america holland emirates
    anglija anglijo angliji amerika ameriko ameriki britanija britanijo nizozemsko holandijo
    енглеска енглеску енглеској енглеске америка америку америци америке британија британију
    холандија холандију холандији емирати емирате
    англія англію англії америку америки америці британія британію британії голландія голландію
    голландії емірати англия англию англии америке британия британию британии голландия
    голландию голландии эмираты
"""
EXACT_FORMS = frozenset(fold(form) for form in _EXACT_FORMS.split())
# "from India" is where someone comes from, which our topics are about whoever asks; a country
# after other words ("a visa for the USA", "віза в Англію", "viza za Ameriku") is somewhere else
# to go, which no topic is about (bot.faq.confidence treats it like a word of everyday life).
_ORIGIN_WORDS = "from iz из з із зі od"
ORIGIN_WORDS = frozenset(fold(word) for word in _ORIGIN_WORDS.split())


def names_from_cldr() -> list[str]:
    """The folded one-word country names of CLDR in NAME_LANGUAGES, sorted."""
    from babel import Locale  # only to write the file

    names: set[str] = set()
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            words = name.split()
            # Regions ("001") and names of several words ("United States": "united" and
            # "states" are ordinary words) are left out.
            if code.isalpha() and len(words) == 1 and len(fold(words[0])) >= MIN_NAME:
                names.add(fold(words[0]))
    return sorted(names)


@lru_cache(maxsize=1)
def country_names() -> dict[str, frozenset[str]]:
    """Folded one-word country names by their first MIN_NAME letters."""
    names: dict[str, set[str]] = defaultdict(set)
    for name in COUNTRY_NAMES.split():
        names[name[:MIN_NAME]].add(name)
    return {start: frozenset(group) for start, group in names.items()}


def country_name(folded: str) -> str | None:
    """The country name a folded word is a form of ("kanadu" → "kanada"), if any."""
    if folded in EXACT_FORMS:
        return folded
    for name in country_names().get(folded[:MIN_NAME], ()):
        # The same word but for its ending: one letter of a short name, two of a long one
        # ("kamera" is not "Kamerun", "velika" not "Velikobritanija").
        stem = len(name) - (1 if len(name) <= 7 else 2)
        same_start = folded[: max(stem, MIN_NAME)] == name[: max(stem, MIN_NAME)]
        if same_start and len(folded) <= len(name) + 3:
            return name
    return None


def going_elsewhere(tokens: list[str], foreign: Callable[[str], bool]) -> bool:
    """Whether a question names a country no topic names (`foreign`) other than as where someone
    comes from ("a visa for the USA", not "I am from India")."""
    return any(
        country_name(fold(token)) is not None and foreign(token)
        for before, token in zip(["", *tokens[:-1]], tokens, strict=True)
        if fold(before) not in ORIGIN_WORDS
    )


def names_module(names: list[str]) -> str:
    """The text of bot/faq/country_names.py for these names."""
    lines, line = [], ""
    for name in names:
        if line and len(line) + len(name) + 1 > 99:
            lines.append(line)
            line = ""
        line = f"{line} {name}" if line else name
    body = "\n".join([*lines, line])
    header = '"""Written by `python -m bot.faq.countries` from CLDR (Babel); do not edit."""'
    return f'{header}\n\nCOUNTRY_NAMES = """\n{body}\n"""\n'


if __name__ == "__main__":
    NAMES_FILE.write_text(names_module(names_from_cldr()), encoding="utf-8")
