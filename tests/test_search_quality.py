"""Typed-question search against the real FAQ content, on the three question sets in tests/data
(see bot/faq/quality.py): in scope, one sub-question, out of scope.

The questions are written the way workers and their families type: any supported language and
Russian, Serbian in both scripts, typos, no diacritics, long stories.
`python bench/search_quality.py` prints the same numbers per language with every miss.

The issue's targets are in-scope top-1 0.85 / top-3 0.97, sub-question top-1 0.85 and 90 % of
out-of-scope questions without a topic. The thresholds below are what the search reaches today
(docs/design.md, "Search"), so that any change that makes it worse fails here. They hold on the
"base" part of each set; the "fresh" questions (`part: fresh` or `fresh2`, written later to check
that a rule generalises) are checked for form here and their figures are reported by the bench.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from bot.faq.confidence import Confidence
from bot.faq.library import FaqLibrary
from bot.faq.quality import FRESH, LANGUAGES, SETS, SetResult, evaluate, load_set
from bot.faq.search import MIN_SCORE

REPO = Path(__file__).resolve().parent.parent
# 0.858 / 0.970 once nouns stopwords-iso lists (day names, "fire", "money") count (issue #11)
IN_SCOPE_TOP1, IN_SCOPE_TOP3 = 0.85, 0.97
SPECIFIC_TOP1 = 0.94  # 0.942: Russian "выбрать", "дней", "отрабатывать" (0.932 before)
OUT_OF_SCOPE_NONE = 0.98  # 0.986 (68 of 69): everyday words, countries to go to (0.870 before)
OUT_OF_SCOPE_CONFIDENT_AT_MOST = 0.02  # given a confident answer: 1 of 69 (4 before)
RUSSIAN_TOP3 = 0.90
CYRILLIC = re.compile(r"[\u0400-\u04ff]")

QUESTIONS = {name: load_set(name, part="base") for name in SETS}
EVERY_QUESTION = {name: load_set(name) for name in SETS}  # with the fresh ones


@pytest.fixture(scope="module")
def library() -> FaqLibrary:
    library = FaqLibrary(REPO / "faq")
    result = library.reload()
    assert result.accepted and library.content.topics, [p.format() for p in result.errors]
    return library


def report(result: SetResult) -> str:
    per_language = ", ".join(
        f"{lang} {t.first}/{t.top3}/{t.asked}" for lang, t in result.per_language.items()
    )
    misses = "\n".join(result.total().misses)
    return f"{result.name}: per language first/top3/asked: {per_language}\nmisses:\n{misses}"


# -- the question sets themselves ---------------------------------------------------------------
@pytest.mark.parametrize("name", list(SETS))
def test_question_file_is_well_formed(library: FaqLibrary, name: str):
    keys = {"q", "lang"} if name == "out-of-scope" else {"q", "lang", "topic"}
    problems = []
    for index, item in enumerate(EVERY_QUESTION[name]):
        if set(item) - {"part"} != keys or item.get("part", "fresh") not in FRESH:
            problems.append(f"#{index}: keys {sorted(item)}")
        elif item["lang"] not in LANGUAGES:
            problems.append(f"#{index}: unknown lang {item['lang']!r}")
        elif "topic" in keys and item["topic"] not in library.content.topics:
            problems.append(f"#{index}: unknown topic {item['topic']!r}")
        elif not str(item["q"]).strip():
            problems.append(f"#{index}: empty question")
        elif name == "specific" and not library.content.topics[item["topic"]].parent:
            problems.append(f"#{index}: {item['topic']} is not a sub-question")
    duplicates = [q for q, n in Counter(i["q"] for i in EVERY_QUESTION[name]).items() if n > 1]
    assert not problems and not duplicates, problems + [f"duplicate: {q}" for q in duplicates]


@pytest.mark.parametrize("name", list(SETS))
def test_serbian_questions_are_in_the_script_their_language_says(name: str):
    wrong = [
        f"[{item['lang']}] {item['q']}"
        for item in EVERY_QUESTION[name]
        if (item["lang"] == "sr" and not CYRILLIC.search(item["q"]))
        or (item["lang"] == "sr-Latn" and CYRILLIC.search(item["q"]))
    ]
    assert not wrong, "sr must be Cyrillic, sr-Latn Latin:\n" + "\n".join(wrong)


def test_every_set_has_enough_questions_in_every_language():
    sizes = {"in-scope": 200, "specific": 80, "out-of-scope": 60}
    for name, items in QUESTIONS.items():
        assert len(items) >= sizes[name], f"{name}: only {len(items)} questions"
        counts = Counter(item["lang"] for item in items)
        assert set(counts) == set(LANGUAGES), f"{name}: languages {dict(counts)}"
    in_scope = Counter(item["lang"] for item in QUESTIONS["in-scope"])
    for language in ("uk", "sl", "en"):
        assert in_scope[language] >= 25, f"{language}: only {in_scope[language]} questions"
    assert in_scope["sr"] + in_scope["sr-Latn"] >= 25 and in_scope["ru"] >= 25, dict(in_scope)


def test_every_main_menu_topic_and_sub_question_is_asked_about(library: FaqLibrary):
    roots = {topic.id for topic in library.content.roots}
    subs = {t.id for t in library.content.topics.values() if t.parent}
    assert roots <= {item["topic"] for item in QUESTIONS["in-scope"]}
    assert subs <= {item["topic"] for item in QUESTIONS["specific"]}


# -- quality ----------------------------------------------------------------------------------
def run(library: FaqLibrary, name: str, items: list[dict[str, Any]] | None = None) -> SetResult:
    return evaluate(
        name, QUESTIONS[name] if items is None else items, library.index.search, library.content
    )


def test_in_scope_right_topic_comes_first_often_enough(library: FaqLibrary):
    result = run(library, "in-scope")
    top1, top3 = result.rate("first"), result.rate("top3")
    assert top1 >= IN_SCOPE_TOP1 and top3 >= IN_SCOPE_TOP3, f"{top1=:.3f} {top3=:.3f}\n" + report(
        result
    )


def test_the_one_sub_question_that_answers_comes_first(library: FaqLibrary):
    result = run(library, "specific")
    assert result.rate() >= SPECIFIC_TOP1, f"{result.rate():.3f}\n" + report(result)


def test_questions_no_topic_answers_get_no_topic(library: FaqLibrary):
    result = run(library, "out-of-scope")
    assert result.rate() >= OUT_OF_SCOPE_NONE, f"{result.rate():.3f}\n" + report(result)


def test_out_of_scope_questions_are_almost_never_answered_confidently(library: FaqLibrary):
    confident = [
        item["q"]
        for item in QUESTIONS["out-of-scope"]
        if library.index.find(item["q"]).level is Confidence.ANSWER
    ]
    share = len(confident) / len(QUESTIONS["out-of-scope"])
    assert share <= OUT_OF_SCOPE_CONFIDENT_AT_MOST, confident


def test_russian_questions_find_their_topic_nearly_as_well_as_ukrainian(library: FaqLibrary):
    russian = [item for item in QUESTIONS["in-scope"] if item["lang"] == "ru"]
    result = run(library, "in-scope", russian)
    assert result.rate("top3") >= RUSSIAN_TOP3, report(result)


@pytest.mark.parametrize("language", ("uk", "sr", "sr-Latn", "sl", "en"))
def test_a_main_topic_title_typed_as_is_finds_that_topic(library: FaqLibrary, language: str):
    """The simplest question there is: the exact words on a main-menu button."""
    content = library.content
    misses = []
    for topic in content.roots:
        title = content.translation(topic, language).title
        found = [hit.topic_id for hit in library.index.search(title)]
        if not found or not (found[0] == topic.id or topic.id in content.ancestors(found[0])):
            misses.append(f"{title!r} ({topic.id}) → {found}")
    assert not misses, f"{language}: typing a menu title does not find it:\n" + "\n".join(misses)


@pytest.mark.parametrize("word", ["permit", "дозвіл", "дозвола", "dozvola", "dovoljenje"])
def test_the_word_for_permit_alone_offers_the_residence_permit(library: FaqLibrary, word: str):
    """The one word most people type. It is in the residence-permit title and keywords in every
    language, and in most answers' bodies too, which must not make it count for nothing."""
    found = [hit.topic_id for hit in library.index.search(word)]
    family = [t for t in found if "residence-permit" in (t, *library.content.ancestors(t))]
    assert family, found


# -- greetings, junk and huge input ------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    ["hello", "привіт", "dober dan", "asdf qwer", "?", "🙂", "", "   ", "a" * 5000, "\x00"],
    ids=repr,
)
def test_greetings_and_junk_find_no_topic(library: FaqLibrary, text: str):
    assert library.index.search(text) == []


@pytest.mark.parametrize("text", ["Zdravo", "Здраво"])
def test_serbian_and_slovenian_hello_is_not_taken_for_a_health_question(
    library: FaqLibrary, text: str
):
    """Many people open a chat with "Zdravo"; it shares a stem with zdravnik, zdravstveno."""
    assert library.index.search(text) == []


def test_a_5000_character_message_is_answered():
    """A whole pasted letter: the search looks at its start and returns normally."""
    library = FaqLibrary(REPO / "faq")
    library.reload()
    letter = ("I work in a factory near Postojna and my residence permit ends in March. " * 70)[
        :5000
    ]
    assert len(letter) == 5000
    hits = library.index.search(letter)
    assert isinstance(hits, list) and len(hits) <= 3
    assert all(hit.topic_id in library.content.topics for hit in hits)


@hypothesis_settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=600))
def test_any_text_gives_at_most_three_known_topics_best_first(library: FaqLibrary, text: str):
    hits = library.index.search(text)
    assert len(hits) <= 3
    assert all(hit.topic_id in library.content.topics for hit in hits)
    assert all(hit.score >= MIN_SCORE for hit in hits)
    scores = [h.score for h in hits]
    assert scores[1:] == sorted(scores[1:], reverse=True)
    if len(hits) > 1 and hits[0].score < hits[1].score:  # a sub-question put before its parent
        assert library.content.topics[hits[0].topic_id].parent == hits[1].topic_id
    assert len({h.topic_id for h in hits}) == len(hits)
