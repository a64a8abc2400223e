"""Close words for a typo (bot.faq.fuzzy) are exactly what rapidfuzz finds scoring every
vocabulary word: the same words, scores and order, whatever the word."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from bot.faq.fuzzy import CloseWords
from bot.faq.search import FUZZY_CUTOFF
from bot.faq.terms import WORD
from bot.faq.words import fold

REPO = Path(__file__).resolve().parent.parent


def everything_scored(term: str, vocabulary: list[str], limit: int) -> list[tuple[str, float]]:
    found = process.extract(
        term, vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=limit
    )
    return [(match, score) for match, score, _ in found]


def folded_words(text: str) -> set[str]:
    return {fold(word) for word in WORD.findall(text.lower())}


@pytest.fixture(scope="module")
def vocabulary() -> list[str]:
    """Every word of the FAQ's files, folded as the index folds them (~10,000)."""
    words: set[str] = set()
    for path in (REPO / "faq").rglob("*.md"):
        words |= folded_words(path.read_text(encoding="utf-8"))
    return sorted(words)


@pytest.fixture(scope="module")
def close_words(vocabulary: list[str]) -> CloseWords:
    return CloseWords(vocabulary, FUZZY_CUTOFF)


def question_words() -> list[str]:
    words: set[str] = set()
    for name in ("search_questions", "search_questions_specific", "search_questions_out_of_scope"):
        entries = yaml.safe_load((REPO / "tests" / "data" / f"{name}.yaml").read_text("utf-8"))
        for entry in entries:
            words |= folded_words(entry["q"])
    return sorted(words)


def test_every_word_of_the_question_sets_finds_what_scoring_everything_finds(
    vocabulary: list[str], close_words: CloseWords
):
    words = question_words()
    assert len(words) > 1000 and len(vocabulary) > 5000
    found_any = 0
    for word in words:
        expected = everything_scored(word, vocabulary, 3)
        assert close_words.find(word, limit=3) == expected, word
        found_any += bool(expected)
    assert found_any > 500  # the comparison is about real matches, not empty lists


LETTERS = "abcdefghijklmnoprstuvzjy"


@st.composite
def typos(draw: st.DrawFn, words: st.SearchStrategy[str], letters: str = LETTERS) -> str:
    """A word with up to three letters inserted, dropped or changed."""
    word = list(draw(words))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(word)))
        edit = draw(st.sampled_from(["insert", "drop", "change"]))
        if edit == "insert":
            word.insert(at, draw(st.sampled_from(letters)))
        elif word:
            at = min(at, len(word) - 1)
            word[at : at + 1] = [] if edit == "drop" else [draw(st.sampled_from(letters))]
    return "".join(word)


@hypothesis_settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_a_typo_of_a_vocabulary_word_finds_what_scoring_everything_finds(
    vocabulary: list[str], close_words: CloseWords, data: st.DataObject
):
    word = data.draw(typos(st.sampled_from(vocabulary)))
    limit = data.draw(st.sampled_from([1, 3, 10]))
    assert close_words.find(word, limit=limit) == everything_scored(word, vocabulary, limit)


def test_a_letter_pair_is_counted_as_often_as_both_words_hold_it():
    """ "aaaaaabaab" and "aaaaaaabaab" share 3 distinct pairs (aa, ab, ba) but 8 with repeats;
    a word this close (95) must share at least 4, so counting each pair once would drop it."""
    vocabulary = ["aaaaaaabaab", "bbbb"]
    assert CloseWords(vocabulary, FUZZY_CUTOFF).find("aaaaaabaab", limit=3) == [
        ("aaaaaaabaab", pytest.approx(95.238, abs=0.001))
    ]


@hypothesis_settings(max_examples=500, deadline=None)
@given(data=st.data(), term=st.text("ab", max_size=14))
def test_words_that_repeat_their_letter_pairs_find_what_scoring_everything_finds(
    data: st.DataObject, term: str
):
    """A two-letter alphabet makes every word repeat pairs, and the typos of the term are close."""
    close = st.lists(typos(st.just(term), "ab"), max_size=20)
    others = st.lists(st.text("ab", min_size=1, max_size=14), max_size=20)
    vocabulary = sorted(set(data.draw(close)) | set(data.draw(others)))
    found = CloseWords(vocabulary, FUZZY_CUTOFF).find(term, limit=5)
    assert found == everything_scored(term, vocabulary, 5)


def test_a_word_no_vocabulary_word_comes_near_finds_nothing(close_words: CloseWords):
    assert close_words.find("qqqqqqqqqq", limit=3) == []
    assert close_words.find("", limit=3) == []
    assert close_words.find("x" * 500, limit=3) == []
