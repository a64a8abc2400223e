"""The migrant's booking flow end to end, in Ukrainian and Slovenian: /book → service → day → time
→ topic (or a typed note) → confirm, the .ics file, the coordinator notification, /mybookings with
move and cancel, and the cancel cutoff. Real Application, real database, stand-in Bot API.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from storage.models import Booking, Slot
from tests.booking_support import (
    ADDRESS,
    CONSULTATION,
    TZ,
    booking_settings,
    bookings_of,
    calendars_to,
    coordinator_posts,
    data_of,
    events_of,
    keyboard_data,
    local,
    one,
    outbox_of,
    press_offered,
    quick_book,
    says,
    slot_at,
    texts_to,
    vevent,
)
from tests.conftest import BotHarness

THURSDAY_16 = local(2026, 12, 3, 16, 0)  # 15:00 UTC, two days after the clock's start
TUESDAY_17_30 = local(2026, 12, 8, 17, 30)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


# -- local helpers ----------------------------------------------------------------------------
def hhmm(bot: BotHarness, locale: str, moment: dt.datetime) -> str:
    return bot.services.translator.format_time(moment, locale, TZ)


def service_name(bot: BotHarness, locale: str, service_id: str = CONSULTATION) -> str:
    service = bot.services.catalog.get(service_id)
    assert service is not None
    return service.name(locale)


async def choose_time(
    bot: BotHarness, user: SimulatedUser, locale: str, start: dt.datetime
) -> Slot:
    """/book → service → day → time, pressing the buttons a person would press."""
    await user.send("/book")
    await user.press(service_name(bot, locale), exact=True)
    await press_offered(user, f"book:day:{CONSULTATION}:{start.astimezone(TZ):%Y%m%d}")
    slot = await slot_at(bot, CONSULTATION, start)
    message, data = user.find_button(hhmm(bot, locale, start), exact=True)
    assert data == f"book:slot:{slot.id}"
    await user.press_data(data, message["message_id"])
    return slot


def first_topic_button(user: SimulatedUser, slot: Slot) -> str:
    topics = [
        d
        for d in keyboard_data(user)
        if d.startswith(f"book:tp:{slot.id}:") and not d.endswith(":-")
    ]
    assert topics, "the topic step offers FAQ topics"
    return topics[0]


async def my_booking(bot: BotHarness, telegram_id: int) -> Booking:
    (booking,) = await bookings_of(bot, telegram_id)
    return booking


# -- the flow ---------------------------------------------------------------------------------
@pytest.mark.parametrize("locale", ["uk", "sl"])
async def test_book_a_consultation_with_a_topic(bot: BotHarness, locale: str):
    user = bot.user(2001, language_code=locale, first_name="Olena")
    slot = await choose_time(bot, user, locale, THURSDAY_16)

    # The topic step: FAQ topics and Skip; choose a topic.
    topic_data = first_topic_button(user, slot)
    assert f"book:tp:{slot.id}:-" in keyboard_data(user)
    topic_id = topic_data.rsplit(":", 1)[1]
    await press_offered(user, topic_data)
    # The interpreter step (after the topic): no interpreter needed.
    await press_offered(user, f"book:ip:{slot.id}:{topic_id}:-")

    # The confirm screen shows what, when (local time in the person's locale) and where.
    confirm_text = user.last_text()
    assert says(confirm_text, bot, locale, "booking-confirm-question", details="")
    assert service_name(bot, locale) in confirm_text
    assert hhmm(bot, locale, THURSDAY_16) == "16:00"
    assert "16:00" in confirm_text and ADDRESS in confirm_text
    assert not await bookings_of(bot, 2001), "nothing is stored before Confirm"

    calls = await press_offered(user, f"book:ok:{slot.id}:{topic_id}")

    # The person: the booking-done text and a calendar file.
    (done,) = [t for t in texts_to(calls, user.chat_id) if "16:00" in t]
    assert says(done, bot, locale, "booking-done", details="", cutoff=2.0)
    assert ADDRESS in done and service_name(bot, locale) in done
    when = bot.services.translator.format_local_datetime(THURSDAY_16, locale, TZ)
    assert when in done, "the date and time as the person's locale writes them"
    booking = await my_booking(bot, 2001)
    assert (booking.status, booking.slot_id, booking.service_id) == (
        "pending",
        slot.id,
        CONSULTATION,
    )
    assert booking.topic_id == topic_id
    assert (await one(bot, Slot, id=slot.id)).booked == 1

    (calendar,) = calendars_to(bot, user.chat_id)
    event = vevent(calendar)
    assert str(calendar["METHOD"]) == "REQUEST"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["UID"]) and str(booking.id) in str(event["UID"])
    assert event["DTSTART"].params["TZID"] == "Europe/Ljubljana"
    assert event.decoded("DTSTART") == THURSDAY_16
    assert event.decoded("DTSTART").astimezone(TZ).hour == 16
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=45)
    assert str(event["LOCATION"]) == ADDRESS
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Ljubljana"]

    # The coordinator chat: exactly one message, with Confirm and Decline for this booking.
    (post,) = coordinator_posts(bot)
    assert data_of(post) == [f"co:ok:{booking.id}:{booking.slot_id}", f"co:no:{booking.id}"]
    assert post.button_texts() == [bot.t("sl", "co-confirm"), bot.t("sl", "co-decline")]
    assert f"#{booking.id}" in post.text and "Olena" in post.text

    # The log: one 'booked' event naming the service, in the person's language.
    (booked,) = await events_of(bot, "booked")
    assert (booked.service_id, booked.language) == (CONSULTATION, locale)


@pytest.mark.parametrize("locale", ["uk", "sl"])
async def test_my_bookings_move_then_cancel(bot: BotHarness, locale: str):
    user = bot.user(2002, language_code=locale)
    old_slot = await choose_time(bot, user, locale, THURSDAY_16)
    await press_offered(user, f"book:tp:{old_slot.id}:-")
    await press_offered(user, f"book:ip:{old_slot.id}:-:-")
    await press_offered(user, f"book:ok:{old_slot.id}:-")
    booking = await my_booking(bot, 2002)
    uid = str(vevent(calendars_to(bot, user.chat_id)[0])["UID"])

    # /mybookings lists it with Cancel and Move.
    await user.send("/mybookings")
    listing = user.last_text()
    assert says(listing, bot, locale, "booking-my-title", count=1)
    assert service_name(bot, locale) in listing and "16:00" in listing
    assert keyboard_data(user)[:2] == [f"my:cancel:{booking.id}", f"my:move:{booking.id}"]
    cancel_label, move_label = user.last_buttons()[:2]
    assert cancel_label.startswith(bot.t(locale, "booking-cancel"))
    assert move_label.startswith(bot.t(locale, "booking-move"))

    # Move: day → time; the same booking moves to the new slot.
    await press_offered(user, f"my:move:{booking.id}")
    await press_offered(user, f"my:mday:{booking.id}:{TUESDAY_17_30.astimezone(TZ):%Y%m%d}")
    new_slot = await slot_at(bot, CONSULTATION, TUESDAY_17_30)
    calls = await press_offered(user, f"my:mto:{booking.id}:{new_slot.id}")
    assert any(
        says(t, bot, locale, "booking-moved", details="") for t in texts_to(calls, user.chat_id)
    )

    moved = await one(bot, Booking, id=booking.id)
    assert (moved.slot_id, moved.status, moved.sequence) == (new_slot.id, "pending", 1)
    assert len(await bookings_of(bot, 2002)) == 1, "a move keeps one booking"
    assert (await one(bot, Slot, id=old_slot.id)).booked == 0
    assert (await one(bot, Slot, id=new_slot.id)).booked == 1
    second = calendars_to(bot, user.chat_id)[1]
    assert str(second["METHOD"]) == "REQUEST"
    assert (str(vevent(second)["UID"]), int(vevent(second)["SEQUENCE"])) == (uid, 1)
    assert vevent(second).decoded("DTSTART") == TUESDAY_17_30
    moved_post = coordinator_posts(bot)[-1]
    assert len(coordinator_posts(bot)) == 2
    assert says(
        moved_post.text,
        bot,
        "sl",
        "co-moved",
        booking=booking.id,
        name="",
        language="",
        service="",
        old="",
        when="",
        topic="",
        note="",
    )
    assert len(await events_of(bot, "moved")) == 1
    pending_reminders = [r for r in await outbox_of(bot, booking.id or 0) if r.status == "pending"]
    assert pending_reminders and all(r.due_at < TUESDAY_17_30 for r in pending_reminders)
    assert all(r.due_at > THURSDAY_16 for r in pending_reminders), "no reminder for the old time"

    # Cancel: a question first, then the booking is cancelled and the place is free again.
    await user.send("/mybookings")
    await press_offered(user, f"my:cancel:{booking.id}")
    assert says(user.last_text(), bot, locale, "booking-cancel-question", details="")
    assert (await one(bot, Booking, id=booking.id)).status == "pending", "asking changes nothing"
    calls = await press_offered(user, f"my:cancelok:{booking.id}")
    assert bot.t(locale, "booking-cancelled") in texts_to(calls, user.chat_id)

    cancelled = await one(bot, Booking, id=booking.id)
    assert (cancelled.status, cancelled.sequence) == ("cancelled", 2)
    assert (await one(bot, Slot, id=new_slot.id)).booked == 0
    third = calendars_to(bot, user.chat_id)[2]
    assert str(third["METHOD"]) == "CANCEL"
    assert (str(vevent(third)["UID"]), int(vevent(third)["SEQUENCE"])) == (uid, 2)
    assert len(coordinator_posts(bot)) == 3
    cancel_post = coordinator_posts(bot)[-1]
    assert f"#{booking.id}" in cancel_post.text and cancel_post.buttons == []
    assert len(await events_of(bot, "cancelled")) == 1
    assert {r.status for r in await outbox_of(bot, booking.id or 0)} <= {"cancelled"}

    # The freed time can be booked again, and /mybookings is empty.
    free = await bot.services.desk.free_slots(CONSULTATION, TUESDAY_17_30.astimezone(TZ).date())
    assert new_slot.id in [s.id for s in free]
    await user.send("/mybookings")
    assert user.last_text() == bot.t(locale, "booking-my-none")


async def test_typed_note_is_shown_and_stored(bot: BotHarness):
    user = bot.user(2003, language_code="uk")
    slot = await choose_time(bot, user, "uk", THURSDAY_16)
    note = "Потрібна допомога із заявою на дозвіл"
    await user.send(note)
    # The note is shown with the interpreter question; then the confirm screen keeps it.
    assert bot.t("uk", "booking-note-line", note=note) in user.last_text()
    await press_offered(user, f"book:ip:{slot.id}:-:-")

    confirm_text = user.last_text()
    assert says(confirm_text, bot, "uk", "booking-confirm-question", details="")
    assert bot.t("uk", "booking-note-line", note=note) in confirm_text
    await press_offered(user, f"book:ok:{slot.id}:-")

    booking = await my_booking(bot, 2003)
    assert booking.note == note and booking.topic_id is None
    (post,) = coordinator_posts(bot)
    assert note in post.text


@pytest.mark.parametrize(
    ("before_start", "allowed"),
    [
        (dt.timedelta(hours=1), False),
        (dt.timedelta(minutes=119), False),
        (dt.timedelta(minutes=121), True),
    ],
    ids=["1h-before", "1h59-before", "2h01-before"],
)
async def test_cancel_cutoff(bot: BotHarness, before_start: dt.timedelta, allowed: bool):
    user = bot.user(2004, language_code="uk")
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await quick_book(user, slot.id or 0)
    booking = await my_booking(bot, 2004)
    bot.clock.set(THURSDAY_16 - before_start)

    await user.send("/mybookings")
    await press_offered(user, f"my:cancel:{booking.id}")
    calls = await press_offered(user, f"my:cancelok:{booking.id}")
    shown = texts_to(calls, user.chat_id)
    stored = await one(bot, Booking, id=booking.id)
    if allowed:
        assert stored.status == "cancelled"
        assert bot.t("uk", "booking-cancelled") in shown
        return
    assert shown == [bot.t("uk", "booking-too-late", cutoff=2.0)]
    assert (stored.status, stored.sequence) == ("pending", 0)
    assert (await one(bot, Slot, id=slot.id)).booked == 1
    assert len(calendars_to(bot, user.chat_id)) == 1, "no CANCEL calendar file"
    assert len(coordinator_posts(bot)) == 1, "the coordinators hear of no cancellation"
    assert not await events_of(bot, "cancelled")

    # Moving is refused the same way, even with a forged "move to" button.
    other = await slot_at(bot, CONSULTATION, TUESDAY_17_30)
    calls = await user.press_data(f"my:mto:{booking.id}:{other.id}")
    assert texts_to(calls, user.chat_id) == [bot.t("uk", "booking-too-late", cutoff=2.0)]
    assert (await one(bot, Booking, id=booking.id)).slot_id == slot.id
    assert (await one(bot, Slot, id=other.id)).booked == 0
