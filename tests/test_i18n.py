"""Interface texts: every language says the same things, ids used in code exist, plurals follow
CLDR, Serbian Latin is really Latin, and Telegram language codes map onto the right locale."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime, time
from itertools import combinations
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_time
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.app import COMMANDS
from bot.config import SUPPORTED_LANGUAGES
from bot.faq.loader import load_faq
from bot.i18n import (
    IDENTIFIERS,
    SERBIAN_LATIN,
    Translator,
    babel_locale,
    build_catalog,
    read_locale_sources,
)
from tests.conftest import REPO

LOCALES_DIR = REPO / "locales"
SOURCE_LOCALE = "en"
# Languages written by people (sr-Latn is derived from sr, its folder only overrides messages).
WRITTEN_LOCALES = sorted(
    {code for code in SUPPORTED_LANGUAGES if code not in (SOURCE_LOCALE, SERBIAN_LATIN)}
    | {p.name for p in LOCALES_DIR.iterdir() if p.is_dir()} - {SOURCE_LOCALE, SERBIAN_LATIN}
)
CYRILLIC = re.compile(r"[\u0400-\u04FF\u0500-\u052F]")


# -- reading .ftl files ------------------------------------------------------------------------
class _References(Visitor):  # type: ignore[misc]
    def __init__(self) -> None:
        super().__init__()
        self.variables: set[str] = set()
        self.terms: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.variables.add(node.id.name)

    def visit_TermReference(self, node: ast.TermReference) -> None:
        self.terms.add(node.id.name)


def _references(node: ast.BaseNode) -> _References:
    found = _References()
    found.visit(node)
    return found


def parse_locale(files: dict[str, str]) -> list[ast.Resource]:
    parser = FluentParser(with_spans=True)
    return [parser.parse(text) for text in files.values()]


def messages(resources: list[ast.Resource]) -> dict[str, ast.Message]:
    return {
        entry.id.name: entry
        for resource in resources
        for entry in resource.body
        if isinstance(entry, ast.Message)
    }


def message_variables(resources: list[ast.Resource]) -> dict[str, set[str]]:
    return {name: _references(node).variables for name, node in messages(resources).items()}


def folder_sources(locale: str) -> dict[str, str]:
    folder = LOCALES_DIR / locale
    return {f.name: f.read_text(encoding="utf-8") for f in sorted(folder.glob("*.ftl"))}


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator.from_dir(LOCALES_DIR, default_locale="en")


# -- parity with English ------------------------------------------------------------------------
def test_every_supported_language_has_a_locale_folder():
    missing = [code for code in WRITTEN_LOCALES if not (LOCALES_DIR / code).is_dir()]
    assert missing == [], f"locales/<code>/ missing for {missing}"


@pytest.mark.parametrize("locale", [SOURCE_LOCALE, *WRITTEN_LOCALES, SERBIAN_LATIN])
def test_ftl_files_have_no_syntax_errors(locale: str):
    if not (LOCALES_DIR / locale).is_dir():
        pytest.skip(f"no locales/{locale}/ folder (sr-Latn overrides are optional)")
    for name, text in folder_sources(locale).items():
        junk = [entry for entry in FluentParser().parse(text).body if isinstance(entry, ast.Junk)]
        assert junk == [], f"locales/{locale}/{name}: {[j.annotations[0].message for j in junk]}"


@pytest.mark.parametrize("locale", WRITTEN_LOCALES)
def test_locale_has_the_same_message_ids_and_variables_as_english(locale: str):
    assert (LOCALES_DIR / locale).is_dir(), f"locales/{locale}/ does not exist yet"
    english = message_variables(parse_locale(folder_sources(SOURCE_LOCALE)))
    translated = message_variables(parse_locale(folder_sources(locale)))

    untranslated = sorted(set(english) - set(translated))
    assert not untranslated, f"{locale}: not translated yet: {', '.join(untranslated)}"
    unknown = sorted(set(translated) - set(english))
    assert not unknown, f"{locale}: messages English does not have: {', '.join(unknown)}"
    different = {
        message_id: (english[message_id], translated[message_id])
        for message_id in english
        if english[message_id] != translated[message_id]
    }
    assert different == {}, f"{locale}: variables differ (english, {locale})"


def test_serbian_latin_overrides_only_known_messages_with_the_same_variables():
    if not (LOCALES_DIR / SERBIAN_LATIN).is_dir():
        pytest.skip("no locales/sr-Latn/ overrides")
    english = message_variables(parse_locale(folder_sources(SOURCE_LOCALE)))
    overrides = message_variables(parse_locale(folder_sources(SERBIAN_LATIN)))
    assert set(overrides) <= set(english)
    assert {k: v for k, v in overrides.items() if english[k] != v} == {}


@pytest.mark.parametrize("locale", [SOURCE_LOCALE, *WRITTEN_LOCALES])
def test_every_term_a_locale_uses_is_defined_in_that_locale(locale: str):
    resources = parse_locale(folder_sources(locale))
    defined = {e.id.name for r in resources for e in r.body if isinstance(e, ast.Term)}
    used: set[str] = set()
    for resource in resources:
        used |= _references(resource).terms
    assert used <= defined, f"{locale}: undefined terms {sorted(used - defined)}"


# -- ids used in code ------------------------------------------------------------------------------
_ID_IN_CODE = [
    re.compile(r"""\bt\(\s*f?["']([a-z0-9-]+)"""),  # context.t("id", …)
    re.compile(r"""\.t\(\s*[\w.]+\s*,\s*f?["']([a-z0-9-]+)"""),  # translator.t(locale, "id", …)
]


def message_ids_used_in_code() -> set[str]:
    """Ids written in bot/; one ending in "-" is the fixed start of a computed id
    (`t("content-state-" + state)`, `t(f"command-{name}")`)."""
    used = {f"command-{name}" for name in COMMANDS}
    for path in (REPO / "bot").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for pattern in _ID_IN_CODE:
            used |= set(pattern.findall(source))
    return used


def test_the_id_scan_finds_the_ids_the_handlers_use():
    # Guards the regexes: if they stopped matching, the next test would pass vacuously.
    used = message_ids_used_in_code()
    assert {"start-welcome", "menu-title", "common-error", "common-date-at-time"} <= used
    assert {"command-start", "command-help", "command-language", "command-"} <= used


def test_every_message_id_used_in_code_exists_in_english():
    english = set(messages(parse_locale(folder_sources(SOURCE_LOCALE))))
    used = message_ids_used_in_code()
    missing = {i for i in used if not i.endswith("-") and i not in english}
    unmatched_prefixes = {
        prefix
        for prefix in used
        if prefix.endswith("-") and not any(e.startswith(prefix) for e in english)
    }
    assert sorted(missing | unmatched_prefixes) == []


# -- plurals ----------------------------------------------------------------------------------
COUNTS = (1, 2, 3, 5, 11, 21, 22, 25, 101, 102)
# CLDR cardinal categories for whole numbers (https://cldr.unicode.org/ plural rules).
EXPECTED_CATEGORY = {
    "uk": {
        1: "one",
        2: "few",
        3: "few",
        5: "many",
        11: "many",
        21: "one",
        22: "few",
        25: "many",
        101: "one",
        102: "few",
    },
    "sr": {
        1: "one",
        2: "few",
        3: "few",
        5: "other",
        11: "other",
        21: "one",
        22: "few",
        25: "other",
        101: "one",
        102: "few",
    },
    # Slovenian looks at the last two digits: 1/101 one, 2/102 two, 3-4 few, and 21 is "other".
    "sl": {
        1: "one",
        2: "two",
        3: "few",
        5: "other",
        11: "other",
        21: "other",
        22: "other",
        25: "other",
        101: "one",
        102: "two",
    },
    "en": {n: "one" if n == 1 else "other" for n in COUNTS},
}
EXPECTED_CATEGORY[SERBIAN_LATIN] = EXPECTED_CATEGORY["sr"]
PLURAL_LOCALES = list(EXPECTED_CATEGORY)

# For "N more questions", the categories whose wording must differ. Ukrainian writes 1 and 2-4 the
# same ("питання") and Serbian 2-4 and 5+ the same ("питања"); every other pair needs its own words.
MUST_DIFFER = {
    "uk": [("one", "many"), ("few", "many")],
    "sr": [("one", "few"), ("one", "other")],
    SERBIAN_LATIN: [("one", "few"), ("one", "other")],
    "sl": list(combinations(["one", "two", "few", "other"], 2)),
    "en": [("one", "other")],
}

PROBE = """
test-plural-probe =
    { $count ->
        [zero] zero
        [one] one
        [two] two
        [few] few
        [many] many
       *[other] other
    }
"""


@pytest.fixture(scope="module")
def probing_translator(tmp_path_factory: pytest.TempPathFactory) -> Translator:
    """The real locales plus one message per folder that names the category Fluent picked."""
    locales = tmp_path_factory.mktemp("locales")
    shutil.copytree(LOCALES_DIR, locales, dirs_exist_ok=True)
    for folder in (p for p in locales.iterdir() if p.is_dir()):
        (folder / "zz-test-probe.ftl").write_text(PROBE, encoding="utf-8")
    return Translator.from_dir(locales)


@pytest.mark.parametrize("locale", PLURAL_LOCALES)
def test_translator_picks_the_cldr_plural_category(probing_translator: Translator, locale: str):
    assert locale in probing_translator.locales
    picked = {n: probing_translator.t(locale, "test-plural-probe", count=n) for n in COUNTS}
    assert picked == EXPECTED_CATEGORY[locale]


def _more_questions_select(locale: str) -> ast.SelectExpression:
    resources = parse_locale(read_locale_sources(LOCALES_DIR)[locale])
    message = messages(resources)["faq-more-questions"]
    selects = [
        element.expression
        for element in message.value.elements
        if isinstance(element, ast.Placeable)
        and isinstance(element.expression, ast.SelectExpression)
    ]
    assert len(selects) == 1, f"{locale}: faq-more-questions should be one select on $count"
    return selects[0]


@pytest.mark.parametrize("locale", PLURAL_LOCALES)
def test_more_questions_has_a_variant_for_every_category_of_the_language(
    translator: Translator, locale: str
):
    assert locale in translator.locales, f"{locale} is not loaded"
    select = _more_questions_select(locale)
    keys = {v.key.name for v in select.variants if isinstance(v.key, ast.Identifier)}
    default = next(v.key.name for v in select.variants if v.default)
    needed = set(EXPECTED_CATEGORY[locale].values())
    assert needed - keys - {default} == set(), f"{locale}: no variant for these categories"
    assert keys - needed - {"zero", "other"} == set(), f"{locale}: variants the language never uses"


@pytest.mark.parametrize("locale", PLURAL_LOCALES)
def test_more_questions_wording_follows_the_plural_category(translator: Translator, locale: str):
    assert locale in translator.locales, f"{locale} is not loaded"
    rendered = {n: translator.t(locale, "faq-more-questions", count=n) for n in COUNTS}
    # Only count 1 may be written as a word ("One more question"): 21, 101, 102 share its variant
    # in some languages, so every other count must show the number itself.
    assert [n for n in COUNTS if n != 1 and str(n) not in rendered[n]] == []

    wording: dict[str, set[str]] = {}
    for n, text in rendered.items():
        wording.setdefault(EXPECTED_CATEGORY[locale][n], set()).add(text.replace(str(n), "#"))
    assert {c: w for c, w in wording.items() if len(w) != 1} == {}, "one category, two wordings"
    same = [(a, b) for a, b in MUST_DIFFER[locale] if wording[a] == wording[b]]
    assert same == [], f"{locale}: these categories should read differently"
    if locale != SOURCE_LOCALE:
        assert rendered[5] != translator.t(SOURCE_LOCALE, "faq-more-questions", count=5)


# -- Serbian Latin ------------------------------------------------------------------------------
def _dummy_args(resources: list[ast.Resource], message_id: str, count: int) -> dict[str, int]:
    return {name: count for name in message_variables(resources).get(message_id, set())}


@pytest.mark.parametrize("locale", sorted({SOURCE_LOCALE, *WRITTEN_LOCALES, SERBIAN_LATIN}))
def test_booking_and_slot_numbers_are_never_grouped(translator: Translator, locale: str):
    """A booking or slot number is read out and typed back (`/cancelslot 12345`): "#12.345"
    (a decimal in Slovenian) or "#12 345" would not work; a count is still grouped."""
    variables = message_variables(parse_locale(folder_sources(SOURCE_LOCALE)))
    naming = {m: v for m, v in variables.items() if v & IDENTIFIERS}
    assert {"co-booked", "co-pending-confirm", "co-cancelslot-yes"} <= set(naming)
    for message_id, names in naming.items():
        args = {name: 12345 if name in IDENTIFIERS else 2 for name in names}
        text = translator.t(locale, message_id, **args)
        assert "12345" in text, (message_id, text)
    assert "12345" not in translator.t(locale, "booking-my-title", count=12345)  # grouped


def test_serbian_latin_messages_contain_no_cyrillic(translator: Translator):
    assert SERBIAN_LATIN in translator.locales, "sr-Latn is not built (is locales/sr/ missing?)"
    english = parse_locale(folder_sources(SOURCE_LOCALE))
    leftovers = {}
    for message_id in sorted(translator.message_ids(SERBIAN_LATIN)):
        for count in (1, 2, 5):  # reach every plural variant
            args = _dummy_args(english, message_id, count)
            text = translator.t(SERBIAN_LATIN, message_id, **args)
            if CYRILLIC.search(text):
                leftovers[message_id] = text
    assert leftovers == {}


def test_serbian_latin_sources_contain_no_cyrillic_text():
    """Every variant, not just the ones a dummy count reaches (comments may stay Cyrillic)."""
    sources = read_locale_sources(LOCALES_DIR)
    assert SERBIAN_LATIN in sources
    texts: list[str] = []

    class _Text(Visitor):  # type: ignore[misc]
        def visit_TextElement(self, node: ast.TextElement) -> None:
            texts.append(node.value)

        def visit_StringLiteral(self, node: ast.StringLiteral) -> None:
            texts.append(node.value)

    for resource in parse_locale(sources[SERBIAN_LATIN]):
        _Text().visit(resource)
    assert texts, "no sr-Latn text found"
    assert [t for t in texts if CYRILLIC.search(t)] == []


def test_serbian_latin_faq_contains_no_cyrillic():
    content, _ = load_faq(REPO / "faq")
    serbian = [topic for topic in content.topics.values() if "sr" in topic.translations]
    assert serbian, "no Serbian FAQ translations found"
    leftovers = []
    for topic in serbian:
        latin = topic.translations.get(SERBIAN_LATIN)
        assert latin is not None, f"{topic.id}: no sr-Latn translation derived"
        for field, text in [
            ("title", latin.title),
            ("body", latin.body),
            *(("keywords", k) for k in latin.keywords),
        ]:
            if CYRILLIC.search(text):
                leftovers.append((topic.id, field, CYRILLIC.findall(text)[:5]))
    assert leftovers == []


# -- negotiation ------------------------------------------------------------------------------
DEFAULT = "default"
NEGOTIATION = [
    ("uk", "uk"),
    ("sr", "sr"),
    ("sr-Latn", SERBIAN_LATIN),
    ("hr", SERBIAN_LATIN),
    ("bs", SERBIAN_LATIN),
    ("cnr", SERBIAN_LATIN),
    ("sl", "sl"),
    ("en-GB", "en"),
    ("ru", "uk"),
    ("be", "uk"),
    (None, DEFAULT),
    ("de", DEFAULT),
]


@pytest.mark.parametrize("default_locale", ["en", "sl"])
@pytest.mark.parametrize(("language_code", "expected"), NEGOTIATION)
def test_telegram_language_code_is_negotiated(
    language_code: str | None, expected: str, default_locale: str
):
    # Two defaults, so "en-GB → en" and "sl → sl" cannot pass merely by being the default.
    translator = Translator.from_dir(LOCALES_DIR, default_locale=default_locale)
    wanted = default_locale if expected == DEFAULT else expected
    assert translator.negotiate(language_code) == wanted


def test_negotiation_only_returns_served_locales(tmp_path: Path):
    """With only English installed, nothing may negotiate to a locale that has no catalogue."""
    shutil.copytree(LOCALES_DIR / "en", tmp_path / "en")
    translator = Translator.from_dir(tmp_path, default_locale="en")
    codes = [code for code, _ in NEGOTIATION if code]
    assert {code: translator.negotiate(code) for code in codes} == {code: "en" for code in codes}


def test_messages_without_arguments_are_formatted_once_per_catalogue(tmp_path: Path):
    def catalogue(text: str) -> Translator:
        folder = tmp_path / text / "en"
        folder.mkdir(parents=True)
        (folder / "main.ftl").write_text(f"greeting = {text}\nnamed = {text}, {{ $name }}\n")
        return Translator(build_catalog(folder.parent))

    before, after = catalogue("Hello"), catalogue("Hi")  # a reload builds a new catalogue
    assert before.t("en", "greeting") == before.t("en", "greeting") == "Hello"
    assert after.t("en", "greeting") == "Hi"
    assert before.t("en", "named", name="Ana") == "Hello, Ana"  # with arguments: each time
    assert before.t("en", "no-such-message") == "no-such-message"
    assert list(before.catalog.plain.values()) == ["Hello"]  # a missing id is not kept


@pytest.mark.parametrize("locale", sorted(SUPPORTED_LANGUAGES))
def test_clock_times_are_what_babel_writes_for_every_minute(translator: Translator, locale: str):
    """The picker's times use the locale's short pattern looked up once (`_format_clock`): the
    same text as babel's own `format_time`, every minute of the day, summer and winter."""
    zone = ZoneInfo("Europe/Ljubljana")
    for day in (datetime(2026, 1, 15, tzinfo=UTC), datetime(2026, 7, 15, tzinfo=UTC)):
        for minute in range(24 * 60):
            moment = day.replace(hour=minute // 60, minute=minute % 60)
            local = moment.astimezone(zone)
            expected = format_time(
                time(local.hour, local.minute), format="short", locale=babel_locale(locale)
            )
            assert translator.format_time(moment, locale, zone) == expected
