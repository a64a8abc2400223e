"""/privacy, /mydata, /forget and the retention purge: a person sees what is stored and nothing
about anyone else; erasure removes what identifies them, keeps every count, and tells the centre
about cancelled bookings; a returning person starts afresh."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import pytest

from bot.config import Settings
from bot.handlers.privacy import purge_inactive
from bot.people import user_key
from storage.models import Booking, Event, EventKind, Region, User
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    bookings_of,
    coordinator_posts,
    course_slot,
    db_user,
    everything_stored,
    local,
    one,
    quick_book,
    rows,
    says,
    slot_at,
)
from tests.conftest import BotHarness, another_instance

NAME, NOTE = "Oksana Testenko", "Pytanny pro dozvil 0641234567"
SECRET = "test-only-secret"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


async def book_with_note(bot: BotHarness, telegram_id: int, start: dt.datetime) -> Booking:
    person = bot.user(telegram_id, language_code="uk", first_name=NAME)
    slot = await slot_at(bot, CONSULTATION, start)
    await person.send("/book")
    await person.press_data(f"book:slot:{slot.id}")
    await person.send(NOTE)  # typed instead of picking a topic: the booking's note
    await person.press_data(f"book:ok:{slot.id}:-")
    (booking,) = await bookings_of(bot, telegram_id)
    return booking


async def test_mydata_holds_the_persons_data_and_no_one_elses(bot: BotHarness):
    booking = await book_with_note(bot, 9101, local(2026, 12, 3, 16, 0))
    other = bot.user(9102, language_code="sl", first_name="Someone Else")
    await quick_book(other, (await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16, 45))).id or 0)
    person = bot.user(9101, language_code="uk", first_name=NAME)
    await person.send("/subscriptions")
    await person.press_data("sub:t:courses")

    calls = await person.send("/mydata")

    ((filename, raw),) = next(c for c in calls if c.method == "sendDocument").files.values()
    data = json.loads(raw)
    assert filename == "my-data.json"
    assert data["person"]["telegram_id"] == 9101 and data["person"]["name"] == NAME
    assert [b["note"] for b in data["bookings"]] == [NOTE]
    assert booking.service_id == data["bookings"][0]["service"]
    assert [s["topic"] for s in data["announcement_topics"]] == ["courses"]
    assert "Someone Else" not in raw.decode() and "9102" not in raw.decode()


async def test_forget_erases_the_person_keeps_the_counts_and_tells_the_centre(bot: BotHarness):
    await book_with_note(bot, 9201, local(2026, 12, 3, 16, 0))
    course = await course_slot(bot)
    person = bot.user(9201, language_code="uk", first_name=NAME)
    await quick_book(person, course.id or 0)
    await quick_book(bot.user(9202, language_code="sl"), course.id or 0)  # the course is full
    waiter = bot.user(9203, language_code="sr")
    await waiter.send("/start")
    await bot.services.desk.join_waitlist(
        user_id=(await db_user(bot, 9203)).id or 0, slot_id=course.id or 0
    )
    await person.send("/privacy")
    await person.press_data("privacy:region")
    await person.press_data(f"privacy:region:{Region.OTHER_EUROPE.value}")
    old_key = user_key(SECRET, 9201)
    counted_before = len([e for e in await rows(bot, Event) if e.user_key == old_key])
    posts_before = len(coordinator_posts(bot))

    await person.send("/forget")
    calls = await person.press_data("privacy:forgetok")

    assert any(c.text == bot.t("uk", "privacy-forgotten", count=2) for c in calls)
    stored = await everything_stored(bot)
    for trace in (NAME, NOTE, "9201", old_key):
        assert trace not in stored
    anonymous = await one(bot, User, forgotten_at=bot.clock.now())
    assert anonymous.telegram_id is None and anonymous.region == Region.OTHER_EUROPE
    kept = [e for e in await rows(bot, Event) if e.user_key == anonymous.user_key]
    # The same history, plus the two cancellations the erasure made and "forgotten".
    assert len(kept) == counted_before + 3
    assert [e.kind for e in kept[-3:]] == ["cancelled", "cancelled", EventKind.FORGOTTEN]
    assert {b.status for b in await rows(bot, Booking, user_id=anonymous.id)} == {"cancelled"}
    assert len(coordinator_posts(bot)) == posts_before + 2  # two cancellations
    assert any(
        says(c.text, bot, "sr", "booking-offer", details="", until="")
        for c in bot.api.sent("sendMessage", chat_id=waiter.chat_id)
    )
    # Coming back: a new person, with nothing of the old one.
    again = await person.send("/start")
    assert again
    (returned,) = [u for u in await rows(bot, User) if u.telegram_id == 9201]
    assert returned.id != anonymous.id and await bookings_of(bot, 9201) == []


async def test_retention_purges_people_not_seen_for_long(bot: BotHarness):
    await book_with_note(bot, 9301, local(2026, 12, 3, 16, 0))
    fresh = bot.user(9302, language_code="sl", first_name="Recent Person")
    await fresh.send("/start")
    days = bot.services.settings.retention_days
    bot.clock.advance(dt.timedelta(days=days - 1))
    await fresh.send("/help")  # seen recently
    bot.clock.advance(dt.timedelta(days=2))

    assert await purge_inactive(bot.app) == 1
    assert await purge_inactive(bot.app) == 0  # once a day, across instances

    stored = await everything_stored(bot)
    assert NAME not in stored and NOTE not in stored
    assert "Recent Person" in stored


async def test_privacy_explains_in_the_persons_language(bot: BotHarness):
    person = bot.user(9401, language_code="sl")
    calls = await person.send("/privacy")
    days = bot.services.settings.retention_days
    assert any(c.text == bot.t("sl", "privacy-text", days=days) for c in calls)


async def test_forget_erases_a_note_typed_for_a_booking_not_yet_confirmed(bot: BotHarness):
    person = bot.user(9501, language_code="uk", first_name=NAME)
    slot = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16, 0))
    await person.send("/book")
    await person.press_data(f"book:slot:{slot.id}")
    await person.send(NOTE)  # kept as a draft until the booking is confirmed
    exported = await person.send("/mydata")
    ((_name, raw),) = next(c for c in exported if c.method == "sendDocument").files.values()
    assert NOTE in raw.decode(), "the draft is stored, so /mydata shows it"

    await person.send("/forget")
    await person.press_data("privacy:forgetok")

    stored = await everything_stored(bot)
    for trace in (NAME, NOTE, "9501"):
        assert trace not in stored


async def test_the_retention_purge_runs_once_across_instances(bot: BotHarness, settings: Settings):
    days = settings.retention_days
    bot.clock.set(local(2026, 12, 1, 8))
    for telegram_id in (9601, 9602):
        await bot.user(telegram_id, language_code="sl").send("/start")
    bot.clock.set(local(2026, 12, 1, 10))
    await bot.user(9603, language_code="sl").send("/start")
    bot.clock.set(local(2026, 12, 1, 9) + dt.timedelta(days=days))  # 9603 is still recent
    other, running = await another_instance(settings, bot.clock)
    async with running:  # both instances' daily jobs fire at the same time
        erased = await asyncio.gather(purge_inactive(bot.app), purge_inactive(other.app))
        # Later that day 9603 is inactive too, but the day's purge has run: on no instance again.
        bot.clock.set(local(2026, 12, 1, 11) + dt.timedelta(days=days))
        assert [await purge_inactive(bot.app), await purge_inactive(other.app)] == [0, 0]

    assert sorted(erased) == [0, 2], "one instance claims the day and erases both"
    forgotten = [e for e in await rows(bot, Event) if e.kind == EventKind.FORGOTTEN]
    assert len(forgotten) == 2
    assert [u.telegram_id for u in await rows(bot, User) if u.telegram_id] == [9603]


async def test_the_region_is_one_of_the_six_of_the_seed_reports_or_not_given(bot: BotHarness):
    person = bot.user(9701, language_code="uk")
    await person.send("/privacy")
    await person.press_data("privacy:region")
    assert person.last_text() == bot.t("uk", "privacy-region-question")  # says why it is asked
    labels = ["asia", "africa", "balkans", "other-europe", "south-america", "other"]
    expected = [bot.t("uk", f"region-{r}") for r in labels] + [bot.t("uk", "privacy-region-skip")]
    assert person.last_buttons() == expected
    await person.press_data("privacy:region:religion")  # forged: nothing else is ever stored
    assert (await db_user(bot, 9701)).region is None
    await person.press_data("privacy:region:balkans")
    assert (await db_user(bot, 9701)).region == "balkans"
    await person.send("/privacy")
    await person.press_data("privacy:region")
    await person.press_data("privacy:region:-")  # changed their mind: not given any more
    assert (await db_user(bot, 9701)).region is None
