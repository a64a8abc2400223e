"""faq/indicators.yaml: the shipped file reproduces the pilots' countable indicators; `faq check`
says what is wrong with a broken one (file, line, message); the running bot reloads it live."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.booking.catalog import load_catalog
from bot.cli import main
from bot.faq.checker import check, served_languages
from bot.handlers.base import AppContext
from bot.handlers.content import reload_content
from bot.i18n import Translator
from bot.indicators.spec import DEFINITIONS, load_indicators
from tests.conftest import COORDINATOR_CHAT_ID, REPO, BotHarness, make_settings, start_harness
from tests.content_copy import ContentCopy, copy_content, touch_later

SHIPPED = REPO / "faq" / "indicators.yaml"


def test_the_shipped_file_has_the_pilots_indicators_with_their_goals():
    catalog, _ = load_catalog(REPO / "faq" / "services.yaml")
    loaded, problems = load_indicators(
        SHIPPED, catalog=catalog, languages=served_languages(REPO / "locales")
    )
    assert problems == []
    found = {
        (i.definition, i.filters.service, i.filters.service_kind, i.goal) for i in loaded.indicators
    }
    # Bor: consultations (goal 15), language course completed (15), orientation course (20),
    # satisfaction with each service at least 75 %. Postojna: migrants engaged by region (75),
    # language course participants (50).
    assert {
        ("people_attended_consultation", None, None, 15),
        ("course_completions", "slovenian-course", None, 15),
        ("participants", "orientation-evening", None, 20),
        ("participants", "slovenian-course", None, 50),
        ("satisfied_share", "slovenian-course", None, 75),
        ("satisfied_share", None, "one-to-one", 75),
        ("satisfied_share", "orientation-evening", None, 75),
        ("people_by_region", None, None, 75),
    } <= found
    assert {i.definition for i in loaded.indicators} == set(DEFINITIONS)  # every one shown once
    names = {i.id: i.names for i in loaded.indicators}
    assert names["consultation-users"]["en"] == "Number of migrants who used consultation services"
    assert all({"en", "sl", "uk", "sr"} <= set(n) for n in names.values())


@pytest.mark.parametrize("locale", ["en", "sl", "uk", "sr"])
def test_every_definition_explains_itself_in_every_language(locale: str):
    """The report's method sheet says what each count means: a definition added without its
    `report-def-…` message would show a raw id (and log an error) in every report."""
    translator = Translator.from_dir(REPO / "locales")
    missing = [
        name
        for name in DEFINITIONS
        if "report-def-" + name.replace("_", "-") not in translator.message_ids(locale)
    ]
    assert missing == []


def test_faq_check_accepts_the_shipped_content(capsys):
    assert main(["faq", "check"]) == 0
    assert "indicators.yaml" not in capsys.readouterr().out


BROKEN = """\
indicators:
  - id: ok-one
    definition: participants
    name: { en: Participants, sl: Udeleženci }
    goal: 10
  - id: typo
    definition: peopel_by_region
    name: { en: By region, sl: Po regiji }
  - id: no-slovenian
    definition: faq_views
    name: { en: Views }
  - id: bad-service
    definition: participants
    name: { en: A, sl: A }
    filter: { service: knitting }
  - id: bad-kind
    definition: participants
    name: { en: A, sl: A }
    filter: { service_kind: sometimes }
  - id: wrong-filter
    definition: faq_views
    name: { en: A, sl: A }
    filter: { service: consultation }
  - id: group-consultation
    definition: people_attended_consultation
    name: { en: A, sl: A }
    filter: { service: slovenian-course }
  - id: bad-language
    definition: new_people
    name: { en: A, sl: A }
    filter: { language: de }
  - id: negative
    definition: participants
    name: { en: A, sl: A }
    goal: -3
  - id: too-much
    definition: satisfied_share
    name: { en: A, sl: A }
    goal: 120
  - id: words
    definition: participants
    name: { en: A, sl: A }
    goal: many
  - id: ok-one
    definition: participants
    name: { en: Again, sl: Spet }
"""


def test_faq_check_names_every_mistake_with_file_and_line(tmp_path: Path, capsys):
    path = tmp_path / "indicators.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    report, _ = check(
        REPO / "faq",
        REPO / "locales",
        today=dt.date(2026, 12, 1),
        services_file=REPO / "faq" / "services.yaml",
        indicators_file=path,
    )
    lines = [p.format() for p in report.errors if p.file == str(path)]
    expected = [
        (7, "indicator 'typo': unknown definition 'peopel_by_region'"),
        (11, "indicator 'no-slovenian': 'name' needs a line for each of: sl"),
        (15, "indicator 'bad-service': unknown service 'knitting'"),
        (19, "indicator 'bad-kind': service_kind must be 'one-to-one' or 'group'"),
        (23, "indicator 'wrong-filter': filter 'service' does not apply to faq_views"),
        (27, "people_attended_consultation counts one-to-one services; 'slovenian-course'"),
        (31, "indicator 'bad-language': language must be one of: en, sl, sr, uk"),
        (35, "indicator 'negative': goal must be a number ≥ 0"),
        (39, "indicator 'too-much': goal must be a number ≥ 0 up to 100 (a percentage)"),
        (43, "indicator 'words': goal must be a number ≥ 0, or null for no goal (found 'many')"),
        (44, "duplicate indicator id 'ok-one'"),
    ]
    for line, message in expected:
        assert any(text.startswith(f"{path}:{line}: -: ") and message in text for text in lines), (
            f"line {line}: {message!r} not in {lines}"
        )
    assert len(lines) == len(expected)
    # The same through the command line: one line per problem, exit code 1.
    assert main(["faq", "check", "--indicators-file", str(path)]) == 1
    printed = capsys.readouterr().out
    assert f"{path}:7: -: indicator 'typo': unknown definition" in printed


def test_an_unreadable_file_is_one_clear_error(tmp_path: Path):
    path = tmp_path / "indicators.yaml"
    path.write_text("indicators:\n  - id: a\n    name: [unclosed\n", encoding="utf-8")
    _, problems = load_indicators(path)
    assert len(problems) == 1 and problems[0].message.startswith("YAML syntax error")
    path.write_text("just: words\n", encoding="utf-8")
    assert load_indicators(path)[1][0].message == "expected an 'indicators:' list"
    assert load_indicators(tmp_path / "absent.yaml") == (load_indicators(tmp_path / "x")[0], [])


@pytest.fixture
async def live(tmp_path: Path, database_url: str) -> AsyncIterator[tuple[BotHarness, ContentCopy]]:
    content = copy_content(tmp_path / "content")
    settings = make_settings(
        tmp_path,
        database_url,
        faq_dir=content.faq,
        locales_dir=content.locales,
        services_file=content.services,
        indicators_file=content.faq / "indicators.yaml",
        content_reload_seconds=0,
    )
    harness, running = await start_harness(settings)
    async with running:
        yield harness, content


async def test_an_indicators_edit_goes_live_and_a_broken_one_does_not(live):
    bot, content = live
    path = content.faq / "indicators.yaml"
    goals = {i.id: i.goal for i in bot.services.indicators.indicators}
    assert goals["consultation-users"] == 15
    path.write_text(
        path.read_text(encoding="utf-8").replace("    goal: 15\n", "    goal: 40\n", 1), "utf-8"
    )
    touch_later(path)
    assert (await reload_content(AppContext(bot.app))).accepted
    goals = {i.id: i.goal for i in bot.services.indicators.indicators}
    assert goals["consultation-users"] == 40
    path.write_text(BROKEN, encoding="utf-8")
    touch_later(path)
    outcome = await reload_content(AppContext(bot.app))
    assert not outcome.accepted
    assert {i.id: i.goal for i in bot.services.indicators.indicators} == goals  # kept
    told = [c.text for c in bot.api.sent("sendMessage", chat_id=COORDINATOR_CHAT_ID)]
    assert any("indicators.yaml" in text and "peopel_by_region" in text for text in told)
