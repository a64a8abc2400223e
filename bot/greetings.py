"""Is a typed message only a greeting? Then the bot greets back and shows the menu, rather than
searching the FAQ for "hello" and saying it has no answer. No Telegram imports.

The one place that lists greetings, per language. Serbian is listed in both scripts and Russian
is included because many Ukrainian speakers type Russian.
"""

from __future__ import annotations

import re
import unicodedata

GREETINGS: dict[str, tuple[str, ...]] = {
    "uk": (
        "привіт",
        "вітаю",
        "добрий день",
        "доброго дня",
        "добрий ранок",
        "доброго ранку",
        "добрий вечір",
        "доброго вечора",
        "здрастуйте",
        "здоровенькі були",
        "слава україні",
    ),
    "ru": (
        "привет",
        "здравствуйте",
        "здрасте",
        "добрый день",
        "доброе утро",
        "добрый вечер",
    ),
    "sr": (
        "здраво",
        "ћао",
        "добар дан",
        "добро јутро",
        "добро вече",
        "поздрав",
        "помаже бог",
        "zdravo",
        "ćao",
        "cao",
        "dobar dan",
        "dobro jutro",
        "dobro veče",
        "dobro vece",
        "pozdrav",
    ),
    "sl": (
        "živjo",
        "zivjo",
        "pozdravljeni",
        "pozdravljen",
        "dober dan",
        "dobro jutro",
        "dober večer",
        "dober vecer",
        "lep pozdrav",
        "zdravo",
        "hej",
    ),
    "en": (
        "hello",
        "hi",
        "hey",
        "hello there",
        "hi there",
        "good morning",
        "good afternoon",
        "good evening",
        "greetings",
    ),
}
# Words that may come with a greeting without making it a question ("hello bot", "hi all").
_ALSO = {"bot", "all", "everyone", "вам", "всім", "всем", "svima", "свима", "vsem", "vsi"}
_PHRASES = {phrase for phrases in GREETINGS.values() for phrase in phrases}
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().replace("’", "'")
    return " ".join(_WORDS.findall(text))


def is_greeting(text: str) -> bool:
    """True for "Привіт!", "zdravo 👋", "Dober dan, pozdravljeni": nothing but greetings."""
    words = _normalise(text).split()
    if not words or len(words) > 6:
        return False
    index = 0
    found = False
    while index < len(words):
        for size in (3, 2, 1):
            if " ".join(words[index : index + size]) in _PHRASES:
                index += size
                found = True
                break
        else:
            if words[index] not in _ALSO:
                return False
            index += 1
    return found
