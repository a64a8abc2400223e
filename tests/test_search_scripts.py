"""Shortcuts in the search's word analysis give the same terms as the long way: a word is
looked up only in the dictionaries of its script, in simplemma's tries kept on disk
(bot/faq/dictionaries.py) rather than its stream dictionaries, and a Russian word's Ukrainian by
stem length. Checked on every word of the FAQ content and of the question sets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import simplemma

from bot.faq.quality import SETS, load_set
from bot.faq.russian import LEXICON, ukrainian_for
from bot.faq.terms import (
    ALL_LEMMA_LANGUAGES,
    STEM_LENGTH,
    analyze,
    content_tokens,
    dictionary_knows,
    lemma_forms,
    script_languages,
    token_terms,
)
from bot.faq.words import fold
from bot.i18n import to_serbian_latin

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def words() -> list[str]:
    texts = [q["q"] for name in SETS for q in load_set(name)]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "faq").rglob("*.md"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "faq").rglob("*.yaml"))]
    found = sorted({t for text in texts for t in content_tokens(text)})
    assert len(found) > 5000  # the content and the sets, not an empty folder
    return found


def test_a_word_is_looked_up_in_its_scripts_dictionaries_only() -> None:
    assert script_languages("дозвіл", ALL_LEMMA_LANGUAGES) == ("uk", "hbs")
    assert script_languages("дозвола", ALL_LEMMA_LANGUAGES) == ("uk", "hbs")
    assert script_languages("dovoljenje", ALL_LEMMA_LANGUAGES) == ("hbs", "sl", "en")
    assert script_languages("čakalna", ALL_LEMMA_LANGUAGES) == ("hbs", "sl", "en")
    assert script_languages("a1", ALL_LEMMA_LANGUAGES) == ("hbs", "sl", "en")
    assert script_languages("2024", ALL_LEMMA_LANGUAGES) == ALL_LEMMA_LANGUAGES
    assert script_languages("visaвіза", ALL_LEMMA_LANGUAGES) == ALL_LEMMA_LANGUAGES


def test_the_shortcuts_change_no_lemma_and_no_known_word(words: list[str]) -> None:
    # The long way: every language, simplemma's own stream dictionaries (its `low_memory`).
    def every_lemma(token: str) -> set[str]:
        return {token} | {
            simplemma.lemmatize(token, lang=language, low_memory=True)
            for language in ALL_LEMMA_LANGUAGES
        }

    def known_anywhere(token: str) -> bool:
        return any(
            simplemma.is_known(form, lang=language, low_memory=True)
            for form in {token, to_serbian_latin(token)}
            for language in ALL_LEMMA_LANGUAGES
        )

    differ = [w for w in words if lemma_forms(w, ALL_LEMMA_LANGUAGES) != every_lemma(w)]
    assert differ == []
    assert [w for w in words if dictionary_knows(w) != known_anywhere(w)] == []


def test_russian_words_find_the_longest_stem(words: list[str]) -> None:
    by_length = sorted(LEXICON, key=len, reverse=True)

    def longest(token: str) -> str | None:
        if len(token) < 3:
            return None
        return next((LEXICON[s] for s in by_length if token.startswith(s)), None)

    samples = [*words, *LEXICON, *(stem + "ами" for stem in LEXICON), "ра", "работа", "x"]
    assert [w for w in samples if ukrainian_for(w) != longest(w)] == []
    assert ukrainian_for("работаю") is not None


def test_a_words_terms_are_worked_out_once_and_never_shared() -> None:
    """`analyze` and `token_terms` read each word's terms from one bounded cache: the same
    terms as the long way, and a caller that adds to its counter changes nobody else's."""
    languages = ("uk",)
    first = token_terms("дозволу", languages)
    long_way: Counter[str] = Counter()
    for form in lemma_forms("дозволу", languages):
        long_way[fold(form)] += 1
        if len(fold(form)) > STEM_LENGTH:
            long_way["~" + fold(form)[:STEM_LENGTH]] += 1
    assert first == long_way
    first["extra"] += 5  # the search adds a Russian word's Ukrainian terms this way
    assert "extra" not in token_terms("дозволу", languages)
    assert analyze("дозволу дозволу", languages) == Counter({t: 2 * n for t, n in long_way.items()})
