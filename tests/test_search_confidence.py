"""The search knows what it does not know: a confident answer, "maybe one of these", or nothing,
decided by how much of the question the topics cover, not by a bare score."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.faq.confidence import Confidence, confidence
from bot.faq.countries import NAMES_FILE, country_name, names_from_cldr, names_module
from bot.faq.everyday import is_everyday
from bot.faq.library import FaqLibrary
from bot.faq.words import fold
from tests.conftest import BotHarness

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def library() -> FaqLibrary:
    library = FaqLibrary(REPO / "faq")
    library.reload()
    return library


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("how do I choose a family doctor", "health-insurance-doctor"),
        ("як подати заяву на словенське громадянство", "citizenship-apply"),
        ("kje dobim kartico zdravstvenega zavarovanja", "health-insurance-card"),
    ],
)
def test_a_question_the_topic_covers_is_answered(library: FaqLibrary, question: str, topic: str):
    result = library.index.find(question)
    assert result.level is Confidence.ANSWER, result
    assert result.hits[0].topic_id == topic


@pytest.mark.parametrize(
    "question",
    [
        "what's the weather like tomorrow",
        "tell me a joke",
        "розкажи анекдот",
        "кто выиграл матч Олимпии вчера",
        "gde je najbliza benzinska pumpa",
        "koji telefon da kupim do 300 evra",
    ],
)
def test_a_question_no_topic_covers_gets_nothing(library: FaqLibrary, question: str):
    """Even when one word is in some topic (a phone number is in the contact topic)."""
    result = library.index.find(question)
    assert result.level is Confidence.NONE and result.hits == (), result
    assert library.index.search(question) == []


@pytest.mark.parametrize(
    "question", ["pekara u Postojni", "koliko košta pekara", "weather in Postojna"]
)
def test_a_correct_word_that_only_looks_like_a_topic_word_is_not_a_match(
    library: FaqLibrary, question: str
):
    """ "pekara" (bakery) is one letter from "lekara" (doctor's), "weather" from "whether": words
    a dictionary knows are not typos, so such look-alikes count as words no topic has."""
    result = library.index.find(question)
    assert result.level is Confidence.NONE and result.hits == (), result


@pytest.mark.parametrize(
    "question",
    [
        "до скольки открыт магазин в субботу",
        "when is the supermarket open on Saturday",
        "recept za palačinke",
        "kje je popravilo za prenosnik",
    ],
)
def test_a_question_about_everyday_life_gets_nothing_though_a_word_is_in_a_topic(
    library: FaqLibrary, question: str
):
    """ "Saturday" is in the opening hours, "recept" in the doctor topic: a word of everyday life
    (shop, pancakes, laptop) weighs as a word no topic has, unless the topic names it."""
    result = library.index.find(question)
    assert result.level is Confidence.NONE and result.hits == (), result


@pytest.mark.parametrize(
    ("question", "topic"),
    [("lekar mi ne da recept", "health-insurance-doctor"), ("are you open on Saturday", "contact")],
)
def test_an_everyday_word_the_topic_names_still_finds_it(
    library: FaqLibrary, question: str, topic: str
):
    hits = library.index.search(question)
    assert hits and hits[0].topic_id == topic, hits


@pytest.mark.parametrize(
    "question",
    ["працюю в магазині, не платять зарплату", "radim u restoranu, gazda ne plaća prekovremeni"],
)
def test_where_someone_works_is_not_an_everyday_question(library: FaqLibrary, question: str):
    """A shop or a restaurant after "I work" is the workplace, and the question is about work."""
    hits = library.index.search(question)
    assert hits and hits[0].topic_id.startswith("work-rights"), hits


def test_a_shop_that_works_on_saturday_is_still_a_shop(library: FaqLibrary):
    assert library.index.search("do koliko radi prodavnica u subotu") == []


@pytest.mark.parametrize(
    ("word", "everyday"),
    [("погоду", True), ("pljeskavicu", True), ("Хофер", True), ("pogodba", False),
     ("salary", False), ("sinu", False), ("pisni", False), ("lekar", False)],
)  # fmt: skip
def test_everyday_words_are_told_from_front_desk_words(word: str, everyday: bool):
    assert is_everyday(word) is everyday


@pytest.mark.parametrize(
    "question",
    ["treba mi viza za Kanadu", "visa for Canada", "виза в Англию", "visa for America",
     "треба ли ми виза за Енглеску", "віза до Великобританії"],
)  # fmt: skip
def test_a_visa_for_another_country_is_not_the_slovenian_permit(library: FaqLibrary, question: str):
    """ "Kanadu" is in no topic and no dictionary: as a country's name (CLDR, via Babel) it weighs
    as a word no topic has, so "visa" alone does not make the match."""
    result = library.index.find(question)
    assert result.level is Confidence.NONE and result.hits == (), result


@pytest.mark.parametrize(
    "question",
    ["I live in Slovenia, how do I extend my permit", "я з України, як продовжити дозвіл",
     "CV na engleskom jeziku"],
)  # fmt: skip
def test_a_country_or_language_a_topic_names_is_not_foreign(library: FaqLibrary, question: str):
    """Slovenia and Ukraine are named by topics; "engleski" (English) is not "Engleska"."""
    assert library.index.search(question), question


def test_the_country_someone_comes_from_does_not_hide_the_permit_they_ask_about(
    library: FaqLibrary,
):
    """ "Permit" and "residence" are in nearly every answer, "India" in none; the words still
    weigh as the subject of the residence-permit family."""
    result = library.index.find("I am from India, how do I get a residence permit")
    assert result.level is not Confidence.NONE, result
    assert any(hit.topic_id.startswith("residence-permit") for hit in result.hits), result


def test_of_sub_questions_scored_alike_the_one_whose_title_names_the_question_goes_first(
    library: FaqLibrary,
):
    """ "Extend" and "permanent" residence score within a hair of each other for this question
    (both pages speak of extending); the one whose own title names it is the answer."""
    result = library.index.find("how do I extend my residence permit")
    assert result.hits[0].topic_id == "residence-permit-extend", result


@pytest.mark.parametrize(
    "question",
    [
        "do I need a visa to go to the USA",
        "treba li mi viza za Ameriku",
        "чи потрібна віза в Англію",
    ],
)
def test_a_visa_to_go_elsewhere_is_not_offered_the_slovenian_permit_however_worded(
    library: FaqLibrary, question: str
):
    """Function words lengthen the question, and length lowers the share "maybe" needs; a
    country named as where to go (not "from India") takes that slack away."""
    assert library.index.search(question) == []


def test_where_someone_comes_from_still_finds_the_permit(library: FaqLibrary):
    hits = library.index.search("I am from Moldova, how do I get a residence permit")
    assert hits and hits[0].topic_id.startswith("residence-permit"), hits


@pytest.mark.parametrize(
    ("word", "name"),
    [("Kanadu", "kanada"), ("Австрию", "avstrija"), ("USA", "usa"), ("Avstralijo", "avstralija"),
     ("Великобританию", "velikobritanija"), ("Англію", "angliju"), ("Englesku", "englesku")],
)  # fmt: skip
def test_country_names_are_recognised_in_their_inflected_forms(word: str, name: str):
    assert country_name(fold(word)) == name


def test_the_country_names_are_cldrs_as_babel_has_them():
    """bot/faq/country_names.py is written from Babel; a Babel upgrade shows here."""
    assert NAMES_FILE.read_text(encoding="utf-8") == names_module(names_from_cldr()), (
        "run: python -m bot.faq.countries"
    )


@pytest.mark.parametrize(
    "word",
    ["kamera", "velika", "children", "košta", "mali", "stanovanje", "engleski", "англійську"],
)
def test_ordinary_words_that_begin_like_a_country_are_not_countries(word: str):
    assert country_name(fold(word)) is None


def test_a_typo_still_finds_its_topic(library: FaqLibrary):
    result = library.index.find("how to get helth insurence")
    assert result.level is Confidence.ANSWER, result
    assert result.hits[0].topic_id.startswith("health-insurance")


def test_a_partly_covered_long_question_is_a_maybe_not_an_answer(library: FaqLibrary):
    question = "дитина захворіла вночі, куди їхати, в нас ще нема страховки"
    result = library.index.find(question)
    assert result.level is Confidence.MAYBE, result
    # Medical care without insurance (a topic since 2026-11-30), or health insurance.
    assert result.hits[0].topic_id.startswith(("health-insurance", "help-no-insurance"))


def test_the_share_needed_falls_with_the_length_of_the_question():
    assert confidence(0.45, 0.45, 2) is Confidence.NONE
    assert confidence(0.6, 0.6, 2) is Confidence.NONE  # two words: "maybe" needs 0.65
    assert confidence(0.35, 0.35, 6) is Confidence.MAYBE  # six: 0.65 - 4 × 0.08
    assert confidence(0.45, 0.45, 8) is not Confidence.NONE  # six more words, less needed
    assert confidence(0.9, 0.9, 1) is Confidence.ANSWER
    assert confidence(0.3, 0.7, 2) is Confidence.MAYBE  # the offered topics together cover it
    assert confidence(0.0, 0.0, 40) is Confidence.NONE


def test_a_short_question_with_an_everyday_word_no_topic_names_gets_no_length_slack():
    assert confidence(0.35, 0.35, 6, everyday_left=True, content=3) is Confidence.NONE
    assert confidence(0.35, 0.7, 6, everyday_left=True, content=3) is Confidence.MAYBE
    # a long story may mention the shop in passing
    assert confidence(0.35, 0.35, 9, everyday_left=True, content=7) is Confidence.MAYBE


def test_russian_letters_fold_to_the_ukrainian_spelling():
    assert fold("документы") == fold("документи")
    assert fold("объявление") == "objavlenie" and fold("ещё") == "esce"
    assert fold("їжа") == fold("іжа")


@pytest.mark.parametrize(
    ("question", "family"),
    [
        ("меня уволили с завода", "job-change"),
        ("как продлить разрешение на проживание", "residence-permit"),
        ("где сдать экзамен по словенскому языку", "language-course"),
    ],
)
def test_russian_questions_find_the_ukrainian_content(
    library: FaqLibrary, question: str, family: str
):
    hits = library.index.search(question)
    assert hits, question
    assert family in (hits[0].topic_id, *library.content.ancestors(hits[0].topic_id))


# -- at the Telegram boundary -----------------------------------------------------------------
async def test_an_uncertain_match_says_maybe_with_the_buttons(bot: BotHarness):
    user = bot.user(5100, language_code="uk")
    calls = await user.send("дитина захворіла вночі, куди їхати, в нас ще нема страховки")
    [reply] = [c for c in calls if c.method == "sendMessage" and c.chat_id == user.chat_id]
    topics = [b for row in reply.buttons for b in row if b["callback_data"].startswith("faq:open")]
    assert reply.text == bot.t("uk", "search-maybe", count=len(topics))
    assert topics and reply.button_texts().count(bot.t("uk", "search-ask-person")) == 1


async def test_a_confident_match_says_it_found_the_topic(bot: BotHarness):
    user = bot.user(5101, language_code="en")
    calls = await user.send("how do I choose a family doctor")
    [reply] = [c for c in calls if c.method == "sendMessage" and c.chat_id == user.chat_id]
    topics = [b for row in reply.buttons for b in row if b["callback_data"].startswith("faq:open")]
    assert reply.text == bot.t("en", "search-results", count=len(topics))


# -- the CLI ------------------------------------------------------------------------------------
def search_json(*words: str) -> list[dict[str, object]]:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "faq",
            "search",
            "--faq-dir",
            str(REPO / "faq"),
            "--json",
            *list(words),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_cli_json_is_empty_for_a_question_no_topic_answers_and_carries_the_level():
    assert search_json("what's", "the", "weather", "like", "tomorrow") == []
    answered = search_json("how", "do", "I", "choose", "a", "family", "doctor")
    assert answered[0]["topic"] == "health-insurance-doctor"
    assert {hit["level"] for hit in answered} == {"answer"}
    maybe = search_json("дитина захворіла вночі, куди їхати, в нас ще нема страховки")
    assert maybe and {hit["level"] for hit in maybe} == {"maybe"}
