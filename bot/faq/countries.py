"""Names of countries, as words no topic has: "a visa for Canada" is not a question about the
Slovenian permit that mentions a visa. The names come from CLDR (Babel's territory names) in the
languages people write in, Russian and Croatian included, so no list is kept by hand.
An inflected form ("Канаду", "Avstralijo") meets its name when it differs only in the ending."""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from babel import Locale

from bot.faq.words import fold

NAME_LANGUAGES = ("en", "sl", "uk", "sr", "sr_Latn", "hr", "ru")
MIN_NAME = 5  # shorter names ("Mali", "Kina", "Peru") are ordinary words too
# Short forms CLDR writes out in full ("Združene države Amerike").
ABBREVIATIONS = ("usa", "zda", "сша", "uae", "оае")


@lru_cache(maxsize=1)
def country_names() -> dict[str, frozenset[str]]:
    """Folded one-word country names by their first MIN_NAME letters."""
    names: dict[str, set[str]] = defaultdict(set)
    for language in NAME_LANGUAGES:
        for code, name in Locale.parse(language).territories.items():
            words = name.split()
            # Regions ("001") and names of several words ("United States": "united" and
            # "states" are ordinary words) are left out.
            if code.isalpha() and len(words) == 1 and len(fold(words[0])) >= MIN_NAME:
                folded = fold(words[0])
                names[folded[:MIN_NAME]].add(folded)
    return {start: frozenset(group) for start, group in names.items()}


def country_name(folded: str) -> str | None:
    """The country name a folded word is a form of ("kanadu" → "kanada"), if any."""
    if folded in {fold(a) for a in ABBREVIATIONS}:
        return folded
    for name in country_names().get(folded[:MIN_NAME], ()):
        # The same word but for its ending: one letter of a short name, two of a long one
        # ("kamera" is not "Kamerun", "velika" not "Velikobritanija").
        stem = len(name) - (1 if len(name) <= 7 else 2)
        same_start = folded[: max(stem, MIN_NAME)] == name[: max(stem, MIN_NAME)]
        if same_start and len(folded) <= len(name) + 3:
            return name
    return None
