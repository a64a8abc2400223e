"""The FAQ through buttons, in every language: reachability, in-place edits, deep links."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.handlers import callback_data as cd
from storage.models import Event
from tests.conftest import BotHarness

LANGUAGES = ["uk", "sr", "sr-Latn", "sl", "en"]


@pytest.mark.parametrize("locale", LANGUAGES)
async def test_every_topic_and_sub_question_is_reachable_by_buttons(bot: BotHarness, locale: str):
    content = bot.services.faq.content
    user = bot.user(2000, language_code=locale)
    await user.send("/start")
    seen: set[str] = set()
    frontier = [t.id for t in content.roots]
    while frontier:
        topic_id = frontier.pop()
        data = cd.FaqOpen(topic_id).encode()
        calls = await user.press_data(data)
        edit = [c for c in calls if c.method == "editMessageText"]
        assert edit, f"pressing {topic_id} did not edit the message in place"
        title = content.translation(content.topics[topic_id], locale).title
        assert title.replace("&", "&amp;") in user.last_text() or title in edit[0].text
        seen.add(topic_id)
        frontier += [child.id for child in content.children(topic_id)]
        # Every child of this topic is a button on the message now shown.
        for child in content.children(topic_id):
            child_title = content.translation(child, locale).title
            assert child_title in user.last_buttons()
    assert seen == set(content.topics)


async def test_navigation_edits_one_message_instead_of_flooding(bot: BotHarness):
    user = bot.user(2001)
    await user.send("/start")
    first_root = bot.services.faq.content.roots[0]
    title = bot.services.faq.content.translation(first_root, "en").title
    calls = await user.press(title)
    assert [c.method for c in calls if c.method != "answerCallbackQuery"] == ["editMessageText"]
    calls = await user.press("Home")
    assert [c.method for c in calls if c.method != "answerCallbackQuery"] == ["editMessageText"]
    assert "Choose a topic" in user.last_text()


async def test_answer_shows_reviewed_date_sources_and_back_home(bot: BotHarness):
    user = bot.user(2002, language_code="sl")
    await user.send("/start faq-residence-permit")
    text = user.last_text()
    topic = bot.services.faq.content.topics["residence-permit"]
    assert bot.t("sl", "faq-reviewed", date="").split(":")[0] in text
    assert topic.sources[0].url in text
    buttons = user.last_buttons()
    assert bot.t("sl", "faq-back") in buttons and bot.t("sl", "faq-home") in buttons


async def test_deep_link_opens_topic_and_records_source(bot: BotHarness):
    user = bot.user(2003, language_code="uk")
    await user.send("/start faq-job-change--factory-a")
    title = bot.services.faq.content.translation(
        bot.services.faq.content.topics["job-change"], "uk"
    ).title
    assert title in user.last_text()
    async with bot.services.db.session() as session:
        events = (await session.exec(select(Event).where(Event.kind == "start"))).all()
    assert [(e.topic_id, e.source, e.language) for e in events] == [
        ("job-change", "factory-a", "uk")
    ]


async def test_deep_link_to_unknown_topic_falls_back_to_menu(bot: BotHarness):
    user = bot.user(2004)
    await user.send("/start faq-no-such-topic")
    assert bot.t("en", "faq-topic-missing") in user.last_text()
    assert bot.t("en", "menu-language-button") in user.last_buttons()


async def test_old_button_for_removed_topic_answers_politely(bot: BotHarness):
    user = bot.user(2005)
    await user.send("/start")
    await user.press_data("faq:open:topic-that-was-deleted")
    assert bot.t("en", "faq-topic-missing") in user.last_text()


async def test_a_link_to_another_topic_opens_it_through_a_deep_link(tmp_path, database_url):
    import shutil

    from tests.conftest import REPO, make_settings, start_harness

    faq = tmp_path / "faq"
    shutil.copytree(REPO / "faq", faq)
    answer = faq / "cv" / "en.md"
    answer.write_text(
        answer.read_text(encoding="utf-8")
        + "\n\nSee also [changing employer](topic:job-change).\n",
        encoding="utf-8",
    )
    harness, running = await start_harness(make_settings(tmp_path, database_url, faq_dir=faq))
    async with running:
        user = harness.user(2006)
        await user.send("/start faq-cv")
        link = '<a href="https://t.me/arrival_desk_bot?start=faq-job-change">changing employer</a>'
        assert link in user.last_text()
