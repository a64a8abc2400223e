"""The terms a text stands for, on both sides of the search: lemmas (simplemma: uk,
Serbo-Croatian, sl, en), folded to one Latin spelling without diacritics, and prefix stems."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from simplemma import Lemmatizer
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.utils import normalize_token

from bot.faq import dictionaries
from bot.faq.words import fold
from bot.i18n import to_serbian_latin

LEMMA_LANGUAGES = {"uk": "uk", "sr": "hbs", "sr-Latn": "hbs", "sl": "sl", "en": "en"}
ALL_LEMMA_LANGUAGES = tuple(dict.fromkeys(LEMMA_LANGUAGES.values()))
# Each dictionary holds words of one script, or both (Serbo-Croatian): a Cyrillic word is not
# looked up in the Latin ones, nor a Latin word in the Cyrillic one, which changes no lemma
# (tests/test_search_scripts.py checks every word of the content and the question sets) and
# saves a third of the look-ups of a word the search has not seen before.
_SCRIPT_LANGUAGES = {"cyrillic": frozenset({"uk", "hbs"}), "latin": frozenset({"hbs", "sl", "en"})}
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z\u00c0-\u024f]", re.IGNORECASE)
STEM_LENGTH = 5
STEM_WEIGHT = 0.5
PHRASE_WORD_WEIGHT = 0.5  # a word of a multi-word keyword, relative to a one-word keyword
WORD = re.compile(r"\w+", re.UNICODE)
_ABBREVIATION = re.compile(r"\b\w(?:\.\w)+\b\.?")  # s.p. → sp, d.o.o. → doo


def script_languages(token: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages whose dictionary can hold a word written like this one."""
    cyrillic, latin = _CYRILLIC.search(token), _LATIN.search(token)
    if bool(cyrillic) == bool(latin):  # both scripts, or neither: every language
        return languages
    possible = _SCRIPT_LANGUAGES["cyrillic" if cyrillic else "latin"]
    return tuple(language for language in languages if language in possible)


class _Lemmas:
    """simplemma's lemmatiser and dictionary look-up, both on the dictionaries of
    bot/faq/dictionaries.py (tries kept on disk), made at the first word."""

    folder: Path | None = None
    tools: tuple[Lemmatizer, DictionaryLookupStrategy] | None = None


def use_dictionaries_in(folder: Path | None) -> None:
    """Where the dictionaries are kept: LEMMA_CACHE_DIR (None: the user's cache folder).
    Process-wide, as the dictionaries are; the CLI and every Services built say it. Nothing is
    read until a word is lemmatised (`db upgrade` never makes them)."""
    if folder != _Lemmas.folder:
        _Lemmas.folder, _Lemmas.tools = folder, None


def _tools() -> tuple[Lemmatizer, DictionaryLookupStrategy]:
    if _Lemmas.tools is None:
        factory = dictionaries.dictionaries(_Lemmas.folder)
        lemmatizer = Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory))
        _Lemmas.tools = lemmatizer, DictionaryLookupStrategy(factory)
    return _Lemmas.tools


def lemma_forms(token: str, languages: tuple[str, ...]) -> set[str]:
    forms = {token}
    lemmatizer, _ = _tools()
    for language in script_languages(token, languages):
        try:
            forms.add(lemmatizer.lemmatize(token, lang=language))
        except ValueError:  # a language simplemma does not have
            continue
    return forms


def content_tokens(text: str, *, skip: frozenset[str] = frozenset()) -> list[str]:
    """The words of a text that may carry meaning: no digits, no one-letter words, none in skip."""
    text = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text.lower())
    return [
        token
        for token in WORD.findall(text)
        if len(token) >= 2 and not token.isdigit() and fold(token) not in skip
    ]


def token_terms(token: str, languages: tuple[str, ...]) -> Counter[str]:
    """Folded lemmas of one word (weight 1 each) and their prefix stems."""
    return Counter(dict(_terms_of(token, languages)))


# A text repeats its words (the content's 44,000 words are ~15,000 distinct ones), and a word's
# terms depend on nothing else: each is worked out once (~6 µs) for the index, every reload and
# every question. Bounded; an entry is a word and a few short terms.
@lru_cache(maxsize=32_768)
def _terms_of(token: str, languages: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    terms: Counter[str] = Counter()
    for form in lemma_forms(token, languages):
        folded = fold(form)
        terms[folded] += 1
        if len(folded) > STEM_LENGTH:
            terms["~" + folded[:STEM_LENGTH]] += 1
    return tuple(terms.items())


def analyze(
    text: str, languages: tuple[str, ...], *, skip: frozenset[str] = frozenset()
) -> Counter[str]:
    """Weighted terms of a text: folded lemmas (weight 1) and prefix stems (STEM_WEIGHT).
    Words whose folded form is in `skip` are left out whole (no lemma, no stem)."""
    terms: Counter[str] = Counter()
    for token in content_tokens(text, skip=skip):
        for term, count in _terms_of(token, languages):
            terms[term] += count
    return terms


def keyword_terms(keywords: Sequence[str], languages: tuple[str, ...]) -> Counter[str]:
    """A word of a multi-word keyword ("trgovina" in "trgovina z ljudmi") is not the topic's
    subject on its own: it counts less than a keyword that is one word."""
    terms: Counter[str] = Counter()
    for keyword in keywords:
        weight = 1.0 if len(content_tokens(keyword)) <= 1 else PHRASE_WORD_WEIGHT
        for term, count in analyze(keyword, languages).items():
            terms[term] += weight * count  # type: ignore[assignment]  # a fractional weight
    return terms


def dictionary_knows(token: str) -> bool:
    """Whether a dictionary we lemmatise with has the word as written (Serbian in either script)."""
    _, lookup = _tools()
    forms = {normalize_token(token), normalize_token(to_serbian_latin(token))}
    return any(
        lookup.get_lemma(form, language) is not None
        for form in forms
        for language in script_languages(form, ALL_LEMMA_LANGUAGES)
    )
