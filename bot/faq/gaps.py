"""Questions the bot had no answer for, as staff see them: masked, then grouped by main words.

What is kept is only the masked text, its language and the time: no user key, no chat. Digits,
e-mail addresses and phone-like strings are masked before anything is stored, control characters
removed and the length capped, so a typed phone number, IBAN or document number never reaches
the database.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.faq.terms import ALL_LEMMA_LANGUAGES, content_tokens, lemma_forms
from bot.faq.words import FUNCTION_WORDS, SMALL_TALK, fold

MAX_GAP_CHARS = 200
KEEP_DAYS = 30
MAIN_WORDS = 3  # a group is named by up to this many words
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A phone number: an optional +, then digits with spaces, dots, dashes or brackets, 6+ digits.
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{4,}\d")
_DIGIT = re.compile(r"\d")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
EMAIL_MASK, PHONE_MASK, DIGIT_MASK, URL_MASK = "[email]", "[phone]", "#", "[link]"


def mask(text: str) -> str:
    """The text as it may be kept: no control characters, e-mails, links, phone numbers or
    digits, whitespace collapsed, at most MAX_GAP_CHARS characters."""
    printable = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c for c in text)
    masked = _EMAIL.sub(EMAIL_MASK, printable)
    masked = _URL.sub(URL_MASK, masked)
    masked = _PHONE.sub(
        lambda m: PHONE_MASK if len(_DIGIT.findall(m.group())) >= 6 else m.group(), masked
    )
    masked = _DIGIT.sub(DIGIT_MASK, masked)
    masked = " ".join(masked.split())
    return masked[:MAX_GAP_CHARS]


def main_words(text: str) -> tuple[str, ...]:
    """The content words of a question, lemmatised and folded the way the search does it."""
    skip = FUNCTION_WORDS | SMALL_TALK | {fold(w) for w in ("email", "phone", "link")}
    words: dict[str, None] = {}
    for token in content_tokens(text, skip=skip):
        lemmas = sorted(fold(form) for form in lemma_forms(token, ALL_LEMMA_LANGUAGES))
        # The shortest lemma is the most basic form the lemmatisers agree on.
        words[min(lemmas, key=lambda w: (len(w), w))] = None
    return tuple(words)


@dataclass
class GapGroup:
    words: tuple[str, ...]
    language: str
    count: int = 0
    examples: list[str] = field(default_factory=list)


def group_gaps(rows: Iterable[tuple[str, str]], *, examples: int = 2) -> list[GapGroup]:
    """(language, masked text) rows → groups keyed by the group's main words and language, most
    frequent first. The main words of a group are the ones its questions share most."""
    by_language: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for language, text in rows:
        by_language[language].append((text, main_words(text)))
    groups: list[GapGroup] = []
    for language, questions in by_language.items():
        frequency = Counter(word for _, words in questions for word in set(words))
        keyed: dict[tuple[str, ...], GapGroup] = {}
        for text, words in questions:
            # The question's most frequent words across all gaps name its group.
            ranked = sorted(words, key=lambda w: (-frequency[w], w))[:MAIN_WORDS]
            key = tuple(w for w in ranked if frequency[w] > 1) or tuple(ranked[:1]) or ("…",)
            group = keyed.setdefault(key, GapGroup(key, language))
            group.count += 1
            if len(group.examples) < examples and text not in group.examples:
                group.examples.append(text)
        groups.extend(keyed.values())
    return sorted(groups, key=lambda g: (-g.count, g.language, g.words))
