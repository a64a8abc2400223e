"""The interface speaks with one voice: formal address everywhere (no "ти/ti" forms), the centre
as "we" (never "I"), Serbian quotation marks „…“, language names in sentences as each language
writes them ("Мова: українська"). Word lists, so a later edit cannot slip back unnoticed."""

from __future__ import annotations

import re

import pytest
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from tests.conftest import REPO, BotHarness

LOCALES = REPO / "locales"

# Informal "you" and informal imperatives of the verbs the interface uses. Slovenian "ti"/"te" are
# left out on purpose: they are also "these" ("Ti termini", "te rezervacije").
INFORMAL = {
    "uk": r"ти|твій|твоя|твоє|твої|твого|твоєї|твою|тебе|тобі|тобою|обери|напиши|натисни"
    r"|спробуй|запитай|скасуй|відповідай|візьми",
    "sr": r"ти|твој|твоја|твоје|твоју|твог|твоји|тебе|теби|тобом|изабери|напиши|питај|пробај"
    r"|покушај|додирни|откажи|понеси",
    "sl": r"tvoj|tvoja|tvoje|tvojo|tvojega|tvoji|tebe|tebi|izberi|napiši|vprašaj|poskusi"
    r"|pritisni|prekliči|odpovej|prinesi|si\s+že",
}
# Left out because they are also other words: "odgovori"/"одговори" (answers), "промени"/
# "spremeni"/"preveri" (3rd person), "зміни" (changes), "meni"/"мени" (menu).
# The bot speaks as the centre: "we". The person's own voice on buttons ("Yes, I take it") is
# theirs, so only pronouns and the bot's own first-person verbs are listed.
FIRST_PERSON_SINGULAR = {
    "en": r"I|I'm|I'll|I've|me",
    "uk": r"я|мене|мені|мною|напишу|писатиму|знайшов|знайшла",
    "sr": r"ја|мене|мном|пишем|јавићу|немам|нашао|нашла",
    "sl": r"jaz|mene|menoj|pišem|sporočim|nimam|našel|našla",
}


class _Texts(Visitor):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def visit_TextElement(self, node: ast.TextElement) -> None:
        self.parts.append(node.value)


def interface_texts(locale: str) -> dict[str, str]:
    """message id -> its visible text (variables and selectors left out)."""
    texts: dict[str, str] = {}
    for path in sorted((LOCALES / locale).glob("*.ftl")):
        for entry in FluentParser().parse(path.read_text(encoding="utf-8")).body:
            if isinstance(entry, ast.Message):
                visitor = _Texts()
                visitor.visit(entry)
                texts[f"{path.name}:{entry.id.name}"] = " ".join(visitor.parts)
    return texts


def offenders(locale: str, words: str) -> dict[str, list[str]]:
    flags = 0 if locale == "en" else re.IGNORECASE  # English "I" is only ever upper case
    pattern = re.compile(rf"(?<![\w’'])(?:{words})(?![\w’'])", flags)
    found = {key: pattern.findall(text) for key, text in interface_texts(locale).items()}
    return {key: hits for key, hits in found.items() if hits}


@pytest.mark.parametrize("locale", sorted(INFORMAL))
def test_people_are_addressed_formally(locale: str):
    assert offenders(locale, INFORMAL[locale]) == {}


@pytest.mark.parametrize("locale", sorted(FIRST_PERSON_SINGULAR))
def test_the_bot_speaks_as_we_not_i(locale: str):
    found = offenders(locale, FIRST_PERSON_SINGULAR[locale])
    if locale == "en":  # the person's own answer on a button ("Yes, I take it") is theirs
        for theirs in (
            "booking.ftl:booking-offer-accept",
            "privacy.ftl:consent-yes",
            "privacy.ftl:privacy-region-skip",
        ):
            found.pop(theirs, None)
    assert found == {}


def test_the_word_lists_catch_what_they_are_for():
    """Guards the patterns: a test that finds nothing must be able to find something."""
    assert re.search(rf"(?<!\w)(?:{INFORMAL['uk']})(?!\w)", "Обери свою мову", re.IGNORECASE)
    assert re.search(rf"(?<!\w)(?:{INFORMAL['sr']})(?!\w)", "Изабери свој језик", re.IGNORECASE)
    assert re.search(rf"(?<!\w)(?:{INFORMAL['sl']})(?!\w)", "Izberi svoj jezik", re.IGNORECASE)
    assert re.search(rf"(?<!\w)(?:{FIRST_PERSON_SINGULAR['sl']})(?!\w)", "Na to nimam odgovora")
    assert interface_texts("uk")["common.ftl:menu-title"]


def test_serbian_uses_serbian_quotation_marks():
    texts = interface_texts("sr")
    wrong = {k: t for k, t in texts.items() if "”" in t or '"' in t or "«" in t or "»" in t}
    assert wrong == {}
    unpaired = {k: t for k, t in texts.items() if t.count("„") != t.count("“")}
    assert unpaired == {}


def _faq_texts(locale: str) -> dict[str, str]:
    return {
        str(path.relative_to(REPO)): path.read_text(encoding="utf-8")
        for path in sorted((REPO / "faq").glob(f"**/{locale}.md"))
    }


def test_ukrainian_writes_one_apostrophe():
    """’ (U+2019) inside words everywhere, interface and answers: a typed ' or ʼ still finds
    them (search folds all three)."""
    texts = {**interface_texts("uk"), **_faq_texts("uk")}
    other = re.compile(r"(?<=[а-яіїєґ])['ʼ`](?=[а-яіїєґ])", re.IGNORECASE)
    wrong = {key: other.findall(text) for key, text in texts.items() if other.search(text)}
    assert wrong == {}
    assert any("’" in text for text in texts.values())


def test_serbian_answers_use_the_interfaces_quotation_marks():
    texts = _faq_texts("sr")
    wrong = [key for key, text in texts.items() if "”" in text or "«" in text or "»" in text]
    assert wrong == []
    unpaired = [key for key, text in texts.items() if text.count("„") != text.count("“")]
    assert unpaired == []


@pytest.mark.parametrize(
    ("locale", "label", "name"),
    [("uk", "Мова:", "українська"), ("sr", "Језик:", "српски"), ("sl", "Jezik:", "slovenščina")],
)
async def test_language_names_after_the_label_are_lower_case(
    bot: BotHarness, locale: str, label: str, name: str
):
    user = bot.user(7000, language_code=locale)
    await user.send("/start")
    assert f"{label} {name}." in user.last_text()


@pytest.mark.parametrize("locale", ["uk", "sr"])
def test_the_polite_you_is_written_with_a_capital_letter(locale: str):
    """Ukrainian and Serbian write the respectful "you" to one person as "Ви"/"Вам"/"Ваш":
    one form everywhere, not "ви" in one message and "Ви" in the next."""
    lower = re.compile(r"(?<![\w’'])(?:ви|вас|вам|вами|ваш\w*)(?![\w’'])")
    found = {key: lower.findall(text) for key, text in interface_texts(locale).items()}
    assert {key: hits for key, hits in found.items() if hits} == {}
