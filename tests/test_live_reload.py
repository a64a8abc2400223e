"""Live content: edits to a copy of faq/ and locales/ go live without a restart; a broken edit
never does, the bot keeps serving the last good version, and the coordinator chat hears about each
broken version once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest

from bot.handlers import callback_data as cd
from bot.handlers.base import AppContext
from bot.handlers.content import ReloadOutcome, reload_content
from bot.handlers.delivery import wait_for_deliveries
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness, make_settings, start_harness
from tests.content_copy import ContentCopy, copy_content, set_front_matter, touch_later

ROOT = "residence-permit"


@asynccontextmanager
async def live_bot(
    tmp_path: Path, database_url: str, *, services_file: Path | None = None
) -> AsyncIterator[tuple[BotHarness, ContentCopy]]:
    content = copy_content(tmp_path / "content")
    settings = make_settings(
        tmp_path,
        database_url,
        faq_dir=content.faq,
        locales_dir=content.locales,
        services_file=services_file or content.services,
        content_reload_seconds=0,
    )
    harness, running = await start_harness(settings)
    async with running:
        yield harness, content


@pytest.fixture
async def live(tmp_path: Path, database_url: str) -> AsyncIterator[tuple[BotHarness, ContentCopy]]:
    async with live_bot(tmp_path, database_url) as pair:
        yield pair


async def reload(bot: BotHarness) -> ReloadOutcome:
    outcome = await reload_content(AppContext(bot.app))
    # The outbox poll may have taken the alert's row first and be sending it in the background.
    await wait_for_deliveries(bot.app)
    return outcome


def title(bot: BotHarness, topic_id: str, locale: str) -> str:
    content = bot.services.faq.content
    return content.translation(content.topics[topic_id], locale).title


def coordinator_messages(bot: BotHarness) -> list[str]:
    return [c.text for c in bot.api.sent("sendMessage", chat_id=COORDINATOR_CHAT_ID)]


async def menu_buttons(
    bot: BotHarness, user_id: int = 4000, language_code: str = "en"
) -> list[str]:
    user = bot.user(user_id, language_code=language_code)
    calls = await user.send("/start")
    # The welcome with the menu comes first (a guessed language, "hr", then gets the picker).
    return next(c for c in calls if c.method == "sendMessage").button_texts()


def write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    touch_later(path)


def break_title(path: Path, text: str = "Residence permit: the card") -> None:
    """An unquoted colon in the title: a YAML error on line 2."""
    set_front_matter(path, "title", text)


@pytest.mark.parametrize("services", ["copy", "missing"])
async def test_a_title_edit_goes_live_without_a_restart(
    tmp_path: Path, database_url: str, services: str
):
    missing = tmp_path / "no-services.yaml" if services == "missing" else None
    async with live_bot(tmp_path, database_url, services_file=missing) as (bot, content):
        old = title(bot, ROOT, "en")
        assert old in await menu_buttons(bot)

        set_front_matter(content.topic(ROOT) / "en.md", "title", "Residence and work permit")
        outcome = await reload(bot)

        assert outcome.changed and outcome.accepted, outcome.error_lines
        buttons = await menu_buttons(bot, 4001)
        assert "Residence and work permit" in buttons and old not in buttons
        assert coordinator_messages(bot) == []


async def test_an_answer_seen_before_an_edit_shows_the_edit_after_the_reload(live):
    """Answers and keyboards are built once per content version: a reload must drop them."""
    bot, content = live
    user = bot.user(4010, language_code="en")
    await user.send("/start")
    before = await user.press_data(cd.FaqOpen(ROOT).encode())
    assert "Quadcopter licence office" not in " ".join(c.text for c in before)

    page = content.topic(ROOT) / "en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nQuadcopter licence office.\n", "utf-8")
    touch_later(page)
    assert (await reload(bot)).accepted

    after = await user.press_data(cd.FaqOpen(ROOT).encode())
    assert "Quadcopter licence office" in " ".join(c.text for c in after)
    assert any(c.button_texts() for c in after)  # its keyboard still comes with it


async def test_nothing_changed_means_nothing_reloaded(live):
    bot, _ = live
    outcome = await reload(bot)
    assert not outcome.changed and coordinator_messages(bot) == []


async def test_a_broken_edit_keeps_the_last_good_version_and_is_reported_once(live):
    bot, content = live
    en = content.topic(ROOT) / "en.md"
    set_front_matter(en, "title", "Residence and work permit")
    assert (await reload(bot)).accepted

    break_title(en)
    outcome = await reload(bot)

    assert outcome.changed and not outcome.accepted
    assert (
        f"faq/{ROOT}/en.md:2: en: the value of 'title' contains ': ': put the whole value in "
        'quotes (title: "…")' in outcome.error_lines
    )
    assert "Residence and work permit" in await menu_buttons(bot, 4010)
    messages = coordinator_messages(bot)
    assert len(messages) == 1 and f"faq/{ROOT}/en.md" in messages[0]

    # Asked again with nothing changed, or the same broken file saved again: no new message.
    assert not (await reload(bot)).changed
    touch_later(en)
    again = await reload(bot)
    assert again.changed and not again.accepted
    assert len(coordinator_messages(bot)) == 1

    # A different mistake is a new broken version: one more message, naming the new file.
    uk = content.topic("job-change") / "uk.md"
    uk_good = uk.read_text(encoding="utf-8")
    write(uk, "---\ntitle: Зміна роботодавця\nkeywords: робота\n")
    assert not (await reload(bot)).accepted
    messages = coordinator_messages(bot)
    assert len(messages) == 2 and "faq/job-change/uk.md" in messages[1]
    assert "Residence and work permit" in await menu_buttons(bot, 4011)

    # Fixed: accepted again, and the fixed title is what people see.
    set_front_matter(en, "title", "Residence permit (single permit)")
    write(uk, uk_good)
    outcome = await reload(bot)
    assert outcome.accepted, outcome.error_lines
    assert "Residence permit (single permit)" in await menu_buttons(bot, 4012)
    assert len(coordinator_messages(bot)) == 2


async def test_the_same_mistake_after_a_fix_is_reported_again(live):
    """Monday: a colon in a title, reported, fixed. Thursday: the same colon again. The bot keeps
    the old text either way, so staff must hear about Thursday's edit too."""
    bot, content = live
    en = content.topic(ROOT) / "en.md"
    good = en.read_text(encoding="utf-8")

    break_title(en)
    assert not (await reload(bot)).accepted
    write(en, good)
    assert (await reload(bot)).accepted
    break_title(en)
    assert not (await reload(bot)).accepted

    assert len(coordinator_messages(bot)) == 2, coordinator_messages(bot)


async def test_a_broken_locale_file_keeps_the_old_interface_texts(live):
    bot, content = live
    path = content.locales / "uk" / "common.ftl"
    old = bot.t("uk", "menu-title")
    text = path.read_text(encoding="utf-8")
    write(path, text.replace("menu-title =", "menu-title", 1))

    outcome = await reload(bot)

    assert not outcome.accepted
    messages = coordinator_messages(bot)
    assert len(messages) == 1 and "locales/uk/common.ftl" in messages[0]
    user = bot.user(4020, language_code="uk")
    await user.send("/start")
    await user.press_data(cd.FaqHome().encode())
    assert user.last_text() == old


async def test_an_interface_text_edit_is_picked_up(live):
    bot, content = live
    user = bot.user(4030, language_code="en")
    await user.send("/start")
    await user.press_data(cd.FaqHome().encode())
    assert user.last_text() == bot.t("en", "menu-title")

    path = content.locales / "en" / "common.ftl"
    text = path.read_text(encoding="utf-8")
    assert "menu-title = Choose a topic, or simply type your question:" in text
    write(
        path,
        text.replace(
            "menu-title = Choose a topic, or simply type your question:",
            "menu-title = Pick a topic or write your question:",
        ),
    )
    outcome = await reload(bot)

    assert outcome.accepted, outcome.error_lines
    await user.press_data(cd.FaqHome().encode())
    assert user.last_text() == "Pick a topic or write your question:"


async def test_a_keyword_edit_reaches_the_search(live):
    bot, content = live
    user = bot.user(4040, language_code="sl")
    await user.send("kvadrokopter")
    assert user.last_text() == bot.t("sl", "search-nothing")

    path = content.topic(ROOT) / "sl.md"
    text = path.read_text(encoding="utf-8")
    keywords = next(line for line in text.splitlines() if line.startswith("keywords:"))
    set_front_matter(
        path, "keywords", keywords.removeprefix("keywords:").strip() + ", kvadrokopter"
    )
    assert (await reload(bot)).accepted

    await user.send("kvadrokopter")
    assert user.last_text() == bot.t("sl", "search-results", count=len(user.last_buttons()) - 2)
    assert user.last_buttons()[0] == title(bot, ROOT, "sl")


async def test_a_serbian_edit_shows_in_both_scripts(live):
    bot, content = live
    set_front_matter(content.topic(ROOT) / "sr.md", "title", "Дозвола за боравак и рад")
    assert (await reload(bot)).accepted

    assert "Дозвола за боравак и рад" in await menu_buttons(bot, 4050, "sr")
    assert "Dozvola za boravak i rad" in await menu_buttons(bot, 4051, "hr")


async def test_a_services_file_edit_goes_live(live):
    """Staff add a one-off consultation slot: after the reload it can be booked, no restart."""
    bot, content = live
    extra = "2026-12-05 10:00"  # a Saturday: no weekly hours then
    text = content.services.read_text(encoding="utf-8")
    write(content.services, text.replace("extra: []", f'extra: ["{extra}"]', 1))
    outcome = await reload(bot)
    assert outcome.accepted
    days = await bot.services.desk.available_days("consultation")
    assert any(day.isoformat() == extra[:10] for day in days)


async def test_a_broken_services_file_keeps_the_old_services(live):
    bot, content = live
    before = set(bot.services.catalog.services)
    write(content.services, "services:\n  - id: consultation\n    kind: somewhere\n")
    outcome = await reload(bot)
    assert not outcome.accepted
    assert set(bot.services.catalog.services) == before
    assert any("services.yaml" in text for text in coordinator_messages(bot))


async def test_a_topic_yaml_cut_to_a_comment_is_refused_and_the_topic_keeps_its_sources(live):
    """Issue #8: a topic.yaml left with its first comment line used to pass, and the topic went
    live without its reviewed date and official sources."""
    bot, content = live
    path = content.topic(ROOT) / "topic.yaml"
    write(path, "# reviewed by the centre; sources below\n")

    outcome = await reload(bot)

    assert outcome.changed and not outcome.accepted
    (notice,) = coordinator_messages(bot)
    assert "topic.yaml:1" in notice and "sources" in notice and "reviewed" in notice
    topic = bot.services.faq.content.topics[ROOT]
    assert topic.reviewed is not None and topic.sources, "the last good version is still served"


async def test_a_deadlines_file_edit_goes_live_with_the_content_and_a_broken_one_never(live):
    """faq/deadlines.yaml is read at start and again by the content reload: "Remind me" under an
    answer follows an accepted edit, and a broken edit keeps the last good rules."""
    bot, content = live
    path = content.faq / "deadlines.yaml"
    good = path.read_text(encoding="utf-8")
    user = bot.user(4060, language_code="en")
    await user.send("/start")
    remind = cd.DlKind("permit").encode()

    async def remind_under_the_answer() -> bool:
        calls = await user.press_data(cd.FaqOpen(ROOT).encode())
        shown = next(c for c in calls if c.method in ("editMessageText", "sendMessage"))
        return remind in [b["callback_data"] for row in shown.buttons for b in row]

    assert await remind_under_the_answer()
    write(path, good.replace("topics: [residence-permit, ", "topics: [", 1))
    assert (await reload(bot)).accepted
    assert not await remind_under_the_answer()

    write(path, good.replace("offsets: [90, 60, 30, 7]", "offsets: [90, -1]", 1))
    outcome = await reload(bot)
    assert not outcome.accepted and any("deadlines.yaml" in e for e in outcome.error_lines)
    assert not await remind_under_the_answer()  # still the last good rules
    assert bot.services.deadlines.rules().rule("permit").offsets == (90, 60, 30, 7)
