"""What an answer says around its body: "not legal advice" only on legal topics, source titles in
the reader's language, and a note that an answer past its review date is being re-checked (with
the weekly overdue list for coordinators)."""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from pathlib import Path

import pytest

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from bot.handlers import callback_data as cd
from bot.handlers.content import send_overdue_reviews
from bot.i18n import to_serbian_latin
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness, make_settings, start_harness
from tests.content_copy import ContentCopy, copy_content

ANSWER_METHODS = ("sendMessage", "editMessageText")


async def open_topic(user: SimulatedUser, topic_id: str) -> str:
    """The whole answer as the person sees it (one or more messages)."""
    await user.send("/start")
    calls = await user.press_data(cd.FaqOpen(topic_id).encode())
    return "\n".join(c.text for c in calls if c.method in ANSWER_METHODS)


def link_titles(answer: str) -> list[str]:
    """The titles of the official sources under an answer (not links to other topics)."""
    return re.findall(r'<a href="https?://(?![^"]*[?&]start=)[^"]*">([^<]*)</a>', answer)


# -- "not legal advice" only where it belongs ---------------------------------------------------
@pytest.mark.parametrize("topic_id", ["cv", "cv-translation", "contact", "language-course"])
@pytest.mark.parametrize("locale", ["uk", "sl"])
async def test_no_legal_disclaimer_under_cv_contact_and_courses(
    bot: BotHarness, topic_id: str, locale: str
):
    answer = await open_topic(bot.user(6000, language_code=locale), topic_id)
    assert bot.t(locale, "faq-reviewed", date="")[:8] in answer
    assert escape(bot.t(locale, "faq-disclaimer"), quote=False) not in answer


@pytest.mark.parametrize("topic_id", ["residence-permit", "job-change", "language-course-exam"])
async def test_legal_topics_keep_the_disclaimer(bot: BotHarness, topic_id: str):
    answer = await open_topic(bot.user(6001, language_code="uk"), topic_id)
    assert escape(bot.t("uk", "faq-disclaimer"), quote=False) in answer


# -- source titles per language -----------------------------------------------------------------
@pytest.fixture
def content(tmp_path: Path) -> ContentCopy:
    copy = copy_content(tmp_path / "content")
    """The first source of residence-permit written with the other syntax: a `title_uk:` line
    and a `titles:` map with only Serbian (the shipped content uses full `titles:` maps)."""
    path = copy.topic("residence-permit") / "topic.yaml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"(?m)^  - title: .*\n    titles:\n(?:      .*\n)+", text)
    assert first
    title_line = first.group(0).split("\n", 1)[0]
    text = text.replace(
        first.group(0),
        title_line
        + "\n    title_uk: Інфоточка для іноземців – єдиний дозвіл"
        + "\n    titles:\n      sr: Инфо тачка за странце – јединствена дозвола\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    return copy


@pytest.fixture
def settings(tmp_path: Path, database_url: str, content: ContentCopy) -> Settings:
    return make_settings(
        tmp_path,
        database_url,
        faq_dir=content.faq,
        locales_dir=content.locales,
        content_reload_seconds=0,
    )


async def test_source_titles_follow_the_readers_language(bot: BotHarness):
    topic = bot.services.faq.content.topics["residence-permit"]
    original = topic.sources[0].title

    uk = link_titles(await open_topic(bot.user(6100, language_code="uk"), "residence-permit"))
    sr = link_titles(await open_topic(bot.user(6101, language_code="sr"), "residence-permit"))
    latin = link_titles(await open_topic(bot.user(6102, language_code="hr"), "residence-permit"))
    sl = link_titles(await open_topic(bot.user(6103, language_code="sl"), "residence-permit"))

    assert uk[0] == "Інфоточка для іноземців – єдиний дозвіл"
    assert sr[0] == "Инфо тачка за странце – јединствена дозвола"
    assert latin[0] == to_serbian_latin("Инфо тачка за странце – јединствена дозвола")
    assert escape(sl[0], quote=False) == escape(original, quote=False), "no sl title: the original"
    # The other sources carry a full `titles:` map in the shipped content.
    for index, source in enumerate(topic.sources[1:], start=1):
        assert uk[index] == escape(source.titles["uk"], quote=False)
        assert sl[index] == escape(source.titles["sl"], quote=False)
        assert latin[index] == escape(to_serbian_latin(source.titles["sr"]), quote=False)
        assert not re.search(r"[\u0400-\u04FF]", latin[index]), "Serbian Latin has no Cyrillic"


async def test_english_readers_see_the_original_or_an_english_title(bot: BotHarness):
    en = link_titles(await open_topic(bot.user(6104, language_code="en"), "health-insurance"))
    topic = bot.services.faq.content.topics["health-insurance"]
    for title, source in zip(en, topic.sources, strict=True):
        assert title == escape(source.titles.get("en", source.title), quote=False)
    assert any("en" in s.titles for s in topic.sources), "a Slovenian title given in English"


# -- review-by ----------------------------------------------------------------------------------
async def test_an_answer_past_its_review_is_shown_with_a_re_check_note(bot: BotHarness):
    topic = bot.services.faq.content.topics["residence-permit"]
    assert topic.reviewed is not None
    user = bot.user(6200, language_code="uk")
    note = escape(bot.t("uk", "faq-review-overdue"), quote=False)

    assert note not in await open_topic(user, "residence-permit")

    # Six months (REVIEW_MONTHS) and a day later, the same answer, marked as being re-checked.
    bot.clock.set(dt.datetime.combine(topic.reviewed, dt.time(12), dt.UTC) + dt.timedelta(days=184))
    answer = await open_topic(user, "residence-permit")
    assert note in answer
    assert topic.translations["uk"].title in answer
    assert bot.t("uk", "search-ask-person") in user.last_buttons()


async def test_a_topic_may_keep_its_review_longer(tmp_path: Path, database_url: str):
    content = copy_content(tmp_path / "content")
    path = content.topic("cv") / "topic.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("reviewed:", "review_months: 24\nreviewed:"),
        "utf-8",
    )
    settings = make_settings(
        tmp_path, database_url, faq_dir=content.faq, locales_dir=content.locales
    )
    harness, running = await start_harness(settings)
    async with running:
        harness.clock.advance(dt.timedelta(days=400))
        user = harness.user(6201, language_code="sl")
        note = escape(harness.t("sl", "faq-review-overdue"), quote=False)
        assert note not in await open_topic(user, "cv")
        assert note in await open_topic(user, "residence-permit")


async def test_faqstatus_and_the_weekly_message_list_overdue_topics(bot: BotHarness):
    content = bot.services.faq.content
    assert await send_overdue_reviews(bot.app) is False, "nothing overdue: nothing sent"

    # Make one topic a year old: only it is overdue.
    topic = content.topics["job-change"]
    assert topic.reviewed is not None
    old = topic.reviewed
    topic.reviewed = old - dt.timedelta(days=365)
    due = topic.review_due(6)
    assert due is not None
    expected_line = f"job-change · {topic.reviewed.isoformat()} → {due.isoformat()}"

    coordinator = bot.coordinator(in_group=True)
    calls = await coordinator.send("/faqstatus")
    (status,) = [c.text for c in calls if c.method == "sendMessage"]
    assert bot.t("sl", "content-overdue", count=1) in status
    assert expected_line in status.splitlines()

    assert await send_overdue_reviews(bot.app) is True
    weekly = bot.api.sent("sendMessage", chat_id=COORDINATOR_CHAT_ID)[-1]
    assert weekly.text.startswith(bot.t("sl", "content-overdue-weekly", count=1))
    assert expected_line in weekly.text.splitlines()
    # A second instance (or a second run the same day) sends nothing more.
    assert await send_overdue_reviews(bot.app) is False
    assert bot.api.sent("sendMessage", chat_id=COORDINATOR_CHAT_ID)[-1] is weekly
    # The week after, it comes again.
    bot.clock.advance(dt.timedelta(days=7))
    assert await send_overdue_reviews(bot.app) is True


def test_the_weekly_overdue_list_is_scheduled_once_a_week(bot: BotHarness):
    """REVIEW_WEEKDAY 0 is Monday (PTB counts from Sunday: the conversion is easy to get wrong)."""
    (job,) = bot.app.job_queue.get_jobs_by_name("faq-overdue-weekly")
    assert str(job.trigger) == "cron[day_of_week='mon', hour='7', minute='30', second='0']"
