"""Coordinators: Confirm / Decline from the coordinator chat, only by coordinators; the agenda with
Present / No-show; /addslot and /cancelslot; the morning agenda once a day. Messages a coordinator's
action causes reach the migrant in the migrant's language.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call
from bot.config import Settings
from bot.handlers.coordinator import send_morning_agenda
from storage.models import Attendance, Booking, DailySend, Slot
from tests.booking_support import (
    CONSULTATION,
    TZ,
    booking_settings,
    bookings_of,
    calendars_to,
    coordinator_posts,
    course_slot,
    data_of,
    events_of,
    local,
    one,
    outbox_of,
    quick_book,
    rows,
    says,
    slot_at,
    texts_to,
    vevent,
)
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness

CO = "sl"  # the coordinators' language (settings.coordinator_language)
TODAY_16 = local(2026, 12, 1, 16, 0)
THURSDAY_16 = local(2026, 12, 3, 16, 0)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


# -- local helpers ----------------------------------------------------------------------------
async def booked(bot: BotHarness, user: SimulatedUser, start: dt.datetime) -> Booking:
    slot = await slot_at(bot, CONSULTATION, start)
    await quick_book(user, slot.id or 0)
    return (await bookings_of(bot, user.user_id))[-1]


def uk_name(bot: BotHarness, service_id: str = CONSULTATION) -> str:
    service = bot.services.catalog.get(service_id)
    assert service is not None
    return service.name("uk")


def stranger_in_group(bot: BotHarness, user_id: int = 4242) -> SimulatedUser:
    return SimulatedUser(bot.app, bot.api, user_id, language_code="uk", chat_id=COORDINATOR_CHAT_ID)


def answers(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "answerCallbackQuery"]


def replies_in_group(calls: list[Call]) -> list[str]:
    return [c.text for c in calls if c.method == "sendMessage" and c.chat_id == COORDINATOR_CHAT_ID]


# -- Confirm / Decline ------------------------------------------------------------------------
async def test_confirm_tells_the_migrant_in_their_language(bot: BotHarness):
    migrant = bot.user(3001, language_code="uk")
    booking = await booked(bot, migrant, THURSDAY_16)
    (post,) = coordinator_posts(bot)
    post_id = post_message_id(bot, post)

    co = bot.coordinator(in_group=True)
    calls = await co.press(bot.t(CO, "co-confirm"), exact=True)

    assert (await one(bot, Booking, id=booking.id)).status == "confirmed"
    (told,) = [c for c in calls if c.method == "sendMessage" and c.chat_id == migrant.chat_id]
    assert says(told.text, bot, "uk", "booking-confirmed-by-centre", details="")
    assert uk_name(bot) in told.text and "16:00" in told.text
    (edit,) = [c for c in calls if c.method == "editMessageText"]
    assert (edit.chat_id, int(edit.params["message_id"])) == (COORDINATOR_CHAT_ID, post_id)
    assert bot.t(CO, "co-signed-confirmed", name="Coordinator") in edit.text, "who confirmed"
    assert "reply_markup" not in bot.api.messages[(COORDINATOR_CHAT_ID, post_id)], "buttons gone"
    assert answers(calls), "the button press is answered"
    assert len(await events_of(bot, "confirmed")) == 1

    # A second press (an old copy of the buttons) changes nothing and tells nobody again.
    calls = await co.press_data(f"co:ok:{booking.id}", post_id)
    assert not [c for c in calls if c.chat_id == migrant.chat_id]
    assert len(await events_of(bot, "confirmed")) == 1


def post_message_id(bot: BotHarness, post: Call) -> int:
    """The message id the stand-in gave a sent message (matched by its text)."""
    (message_id,) = [
        mid
        for (chat, mid), message in bot.api.messages.items()
        if chat == COORDINATOR_CHAT_ID and message.get("text") == post.text
    ]
    return message_id


async def decline(bot: BotHarness, reason: str) -> list[Call]:
    """Decline → the reason buttons → one reason, pressed by the coordinator in the group."""
    co = bot.coordinator(in_group=True)
    await co.press(bot.t(CO, "co-decline"), exact=True)
    return await co.press(bot.t(CO, f"co-reason-{reason}"), exact=True)


async def test_decline_with_a_reason_frees_the_place_and_offers_other_times(bot: BotHarness):
    migrant = bot.user(3002, language_code="uk")
    booking = await booked(bot, migrant, THURSDAY_16)
    co = bot.coordinator(in_group=True)

    calls = await co.press(bot.t(CO, "co-decline"), exact=True)
    (reasons,) = [c for c in calls if c.method == "editMessageReplyMarkup"]
    assert data_of(reasons) == [
        *(
            f"co:why:{booking.id}:{r}"
            for r in ("unavailable", "other-service", "need-documents", "duplicate", "other")
        ),
        f"co:back:{booking.id}:notice",
    ]
    assert (await one(bot, Booking, id=booking.id)).status == "pending", "no decision yet"

    calls = await co.press(bot.t(CO, "co-reason-need-documents"), exact=True)

    declined = await one(bot, Booking, id=booking.id)
    assert (declined.status, declined.decline_reason) == ("declined", "need-documents")
    assert (await one(bot, Slot, id=booking.slot_id)).booked == 0
    assert [r.status for r in await outbox_of(bot, booking.id or 0)] == ["cancelled", "cancelled"]
    assert len(await events_of(bot, "declined")) == 1
    assert bot.t("uk", "common-error") not in texts_to(calls, migrant.chat_id)
    told = [c for c in calls if c.method == "sendMessage" and c.chat_id == migrant.chat_id]
    assert len(told) == 1, "the migrant is told once"
    reason = bot.t("uk", "booking-reason-need-documents")
    assert says(told[0].text, bot, "uk", "booking-declined", details="", reason=reason)
    assert reason in told[0].text and uk_name(bot) in told[0].text
    offered = data_of(told[0])
    # Other times keep the declined booking's topic and note (book:again:<booking>:<slot>).
    assert [d for d in offered if d.startswith("book:again:")], "other times are offered"
    assert offered[-1] == f"book:svc:{CONSULTATION}"
    (edit,) = [c for c in calls if c.method == "editMessageText"]
    reason_label = bot.t(CO, "co-reason-need-documents")
    assert bot.t(CO, "co-signed-declined", name="Coordinator", reason=reason_label) in edit.text


async def test_decline_does_not_offer_the_declined_time_again(bot: BotHarness):
    migrant = bot.user(3012, language_code="uk")
    booking = await booked(bot, migrant, TODAY_16)  # the earliest free time there is

    calls = await decline(bot, "unavailable")

    told = [c for c in calls if c.method == "sendMessage" and c.chat_id == migrant.chat_id]
    assert len(told) == 1
    alternatives = [d for d in data_of(told[0]) if d.startswith("book:again:")]
    assert alternatives
    assert f"book:again:{booking.id}:{booking.slot_id}" not in alternatives, (
        "the time the centre just declined ('nobody is available then') is offered again"
    )


async def test_a_non_coordinator_in_the_group_cannot_decide(bot: BotHarness):
    migrant = bot.user(3003, language_code="uk")
    booking = await booked(bot, migrant, THURSDAY_16)
    (post,) = coordinator_posts(bot)
    post_id = post_message_id(bot, post)
    stranger = stranger_in_group(bot)
    migrant_saw = len(bot.api.outgoing(migrant.chat_id))

    for data in (
        f"co:ok:{booking.id}",
        f"co:no:{booking.id}",
        f"co:why:{booking.id}:unavailable",
        f"co:att:{booking.id}:{int(THURSDAY_16.timestamp())}:p",
    ):
        calls = await stranger.press_data(data, post_id)
        (answer,) = answers(calls)
        assert answer.params.get("show_alert") in (True, "true", "True")
        assert answer.params.get("text") == bot.t("uk", "coordinator-only"), "in their language"
        assert [c.method for c in calls] == ["answerCallbackQuery"], "nothing else happens"

    stored = await one(bot, Booking, id=booking.id)
    assert stored.status == "pending" and stored.decline_reason is None
    assert not await rows(bot, Attendance)
    assert bot.api.messages[(COORDINATOR_CHAT_ID, post_id)]["reply_markup"], "buttons unchanged"
    assert len(bot.api.outgoing(migrant.chat_id)) == migrant_saw, "the migrant is told nothing"


# -- the agenda -------------------------------------------------------------------------------
async def test_agenda_today_tomorrow_and_a_date(bot: BotHarness):
    today = bot.user(3004, language_code="uk", first_name="Olena")
    thursday = bot.user(3005, language_code="sl", first_name="Marko")
    first = await booked(bot, today, TODAY_16)
    await booked(bot, thursday, THURSDAY_16)
    co = bot.coordinator(in_group=True)

    calls = await co.send("/agenda")
    (agenda,) = [c for c in calls if c.method == "sendMessage"]
    day = bot.services.translator.format_date(TODAY_16.astimezone(TZ).date(), CO)
    assert agenda.text.startswith(bot.t(CO, "co-agenda-title", day=day, count=1))
    assert "16:00" in agenda.text and "Olena" in agenda.text and "Marko" not in agenda.text
    assert bot.t(CO, "co-attendance-open") in agenda.text
    slot = await slot_at(bot, CONSULTATION, TODAY_16)
    assert f"#{slot.id}" in agenda.text, "the slot number /cancelslot takes"
    # 09:00: the 16:00 meeting has not started, so nobody can be marked yet.
    assert data_of(agenda) == [] and bot.t(CO, "co-marks-later") in agenda.text

    bot.clock.advance(TODAY_16 - bot.clock.now() + dt.timedelta(minutes=5))
    (agenda,) = [c for c in await co.send("/agenda") if c.method == "sendMessage"]
    stamp = int(TODAY_16.timestamp())
    assert data_of(agenda) == [f"co:att:{first.id}:{stamp}:p", f"co:att:{first.id}:{stamp}:n"]
    assert agenda.button_texts() == [
        bot.t(CO, "co-mark-present", time="16:00", name="Olena"),
        bot.t(CO, "co-mark-no-show", time="16:00"),
    ]
    assert bot.t(CO, "co-confirm") not in agenda.button_texts(), "attendance is not Confirm"
    assert bot.t(CO, "co-marks-later") not in agenda.text

    (tomorrow,) = replies_in_group(await co.send("/agenda tomorrow"))
    wednesday = bot.services.translator.format_date(dt.date(2026, 12, 2), CO)
    assert tomorrow == bot.t(CO, "co-agenda-title", day=wednesday, count=0)

    (dated,) = replies_in_group(await co.send("/agenda 2026-12-03"))
    assert "Marko" in dated and "Olena" not in dated

    assert replies_in_group(await co.send("/agenda someday")) == [bot.t(CO, "co-agenda-usage")]


async def test_present_and_no_show_are_recorded(bot: BotHarness):
    migrant = bot.user(3006, language_code="uk", first_name="Olena")
    booking = await booked(bot, migrant, TODAY_16)
    co = bot.coordinator(in_group=True)
    stamp = int(TODAY_16.timestamp())

    bot.clock.advance(TODAY_16 - bot.clock.now() + dt.timedelta(minutes=10))
    await co.send("/agenda")
    calls = await co.press_data(f"co:att:{booking.id}:{stamp}:p")
    (answer,) = answers(calls)
    assert answer.params.get("text") == bot.t(CO, "co-marked")
    (mark,) = await rows(bot, Attendance, booking_id=booking.id)
    assert (mark.status, mark.session_start) == ("present", TODAY_16)
    (attended,) = await events_of(bot, "attended")
    assert attended.service_id == CONSULTATION
    (edit,) = [c for c in calls if c.method == "editMessageText"]
    assert bot.t(CO, "co-attendance-present") in edit.text

    # Changing one's mind updates the same row.
    await co.press_data(f"co:att:{booking.id}:{stamp}:n")
    (mark,) = await rows(bot, Attendance, booking_id=booking.id)
    assert mark.status == "no_show"
    assert len(await events_of(bot, "no_show")) == 1


async def test_attendance_is_marked_only_for_a_started_meeting_of_the_booking(bot: BotHarness):
    """Old or forged Present buttons: a meeting not yet begun is refused with the reason, a time
    that is no meeting of the booking changes nothing; neither writes a row or an event."""
    migrant = bot.user(3016, language_code="uk", first_name="Olena")
    booking = await booked(bot, migrant, TODAY_16)
    co = bot.coordinator(in_group=True)
    stamp = int(TODAY_16.timestamp())

    (early,) = answers(await co.press_data(f"co:att:{booking.id}:{stamp}:p"))
    assert early.params.get("text") == bot.t(CO, "co-not-started")
    assert early.params.get("show_alert") is True
    bot.clock.advance(TODAY_16 - bot.clock.now() + dt.timedelta(minutes=10))
    for forged in (stamp - 3600, stamp + 1, 0):
        (gone,) = answers(await co.press_data(f"co:att:{booking.id}:{forged}:p"))
        assert gone.params.get("text") == bot.t(CO, "co-gone"), forged
    assert await rows(bot, Attendance, booking_id=booking.id) == []
    assert await events_of(bot, "attended") == []


async def test_agenda_lists_every_session_of_a_course(bot: BotHarness):
    student = bot.user(3007, language_code="uk", first_name="Iryna")
    slot = await course_slot(bot)
    await quick_book(student, slot.id or 0)
    (booking,) = await bookings_of(bot, 3007)
    co = bot.coordinator(in_group=True)
    bot.clock.advance(local(2026, 12, 17, 18, 0) - bot.clock.now())  # both sessions started

    for day, start in (
        (dt.date(2026, 12, 15), local(2026, 12, 15, 17, 30)),
        (dt.date(2026, 12, 17), local(2026, 12, 17, 17, 30)),
    ):
        calls = await co.send(f"/agenda {day.isoformat()}")
        (agenda,) = [c for c in calls if c.method == "sendMessage"]
        assert "Iryna" in agenda.text and "17:30" in agenda.text
        stamp = int(start.timestamp())
        assert f"co:att:{booking.id}:{stamp}:p" in data_of(agenda)

    second = local(2026, 12, 17, 17, 30)
    await co.press_data(f"co:att:{booking.id}:{int(second.timestamp())}:p")
    (mark,) = await rows(bot, Attendance, booking_id=booking.id)
    assert (mark.status, mark.session_start) == ("present", second)


async def test_non_coordinators_cannot_use_coordinator_commands(bot: BotHarness):
    migrant = bot.user(3008, language_code="uk")
    slots_before = len(await rows(bot, Slot))
    for command in ("/agenda", "/addslot consultation 2026-12-05 10:00", "/cancelslot 1"):
        calls = await migrant.send(command)
        (reply,) = [c for c in calls if c.method == "sendMessage"]
        assert reply.text == bot.t("uk", "coordinator-only"), command
    assert len(await rows(bot, Slot)) == slots_before
    assert (await one(bot, Slot, id=1)).status == "open"


# -- slots from Telegram ----------------------------------------------------------------------
async def test_addslot_creates_a_bookable_slot(bot: BotHarness):
    co = bot.coordinator(in_group=True)
    saturday_10 = local(2026, 12, 5, 10, 0)

    (reply,) = replies_in_group(await co.send("/addslot consultation 2026-12-05 10:00"))
    slot = await slot_at(bot, CONSULTATION, saturday_10)
    assert (slot.origin, slot.capacity, slot.booked, slot.status) == ("coordinator", 1, 0, "open")
    assert slot.ends_at - slot.starts_at == dt.timedelta(minutes=45)
    assert f"#{slot.id}" in reply
    assert dt.date(2026, 12, 5) in await bot.services.desk.available_days(CONSULTATION)

    for command, message_id in (
        ("/addslot consultation 2026-12-05 10:00", "co-addslot-exists"),
        ("/addslot course 2026-12-05 10:00", "co-addslot-unknown-service"),
        ("/addslot nothing 2026-12-05 10:00", "co-addslot-unknown-service"),
        ("/addslot consultation 2026-11-30 10:00", "co-addslot-in-past"),
        ("/addslot consultation tomorrow", "co-addslot-usage"),
        ("/addslot", "co-addslot-usage"),
    ):
        assert replies_in_group(await co.send(command)) == [bot.t(CO, message_id)], command
    assert len(await rows(bot, Slot, origin="coordinator")) == 1


async def test_cancelslot_tells_the_booked_migrant_in_their_language(bot: BotHarness):
    co = bot.coordinator(in_group=True)
    await co.send("/addslot consultation 2026-12-05 10:00")
    slot = await slot_at(bot, CONSULTATION, local(2026, 12, 5, 10, 0))
    migrant = bot.user(3009, language_code="uk")
    await quick_book(migrant, slot.id or 0)
    (booking,) = await bookings_of(bot, 3009)

    (ask,) = [c for c in await co.send(f"/cancelslot {slot.id}") if c.method == "sendMessage"]
    # First "are you sure", naming the slot and how many people will be told.
    assert says(ask.text, bot, CO, "co-cancelslot-ask", slot=slot.id, service="", when="", count=1)
    assert data_of(ask) == [f"co:close:{slot.id}", f"co:keep:{slot.id}"]
    assert (await one(bot, Slot, id=slot.id)).status == "open", "nothing happens before Yes"

    # No: nothing changes, the buttons go.
    calls = await co.press_data(f"co:keep:{slot.id}")
    assert (await one(bot, Slot, id=slot.id)).status == "open"
    assert not [c for c in calls if c.chat_id == migrant.chat_id]
    (kept,) = [c for c in calls if c.method == "editMessageText"]
    assert kept.text == bot.t(CO, "co-slot-kept", slot=slot.id) and not kept.buttons

    await co.send(f"/cancelslot {slot.id}")
    calls = await co.press(bot.t(CO, "co-cancelslot-yes", slot=slot.id), exact=True)

    assert (await one(bot, Slot, id=slot.id)).status == "cancelled"
    stored = await one(bot, Booking, id=booking.id)
    assert (stored.status, stored.sequence) == ("cancelled", 1)
    (told,) = [c for c in calls if c.method == "sendMessage" and c.chat_id == migrant.chat_id]
    assert says(told.text, bot, "uk", "booking-slot-cancelled-by-centre", details="")
    assert uk_name(bot) in told.text and "10:00" in told.text
    assert data_of(told) == [f"book:svc:{CONSULTATION}"]
    cancel_file = calendars_to(bot, migrant.chat_id)[-1]
    assert str(cancel_file["METHOD"]) == "CANCEL" and int(vevent(cancel_file)["SEQUENCE"]) == 1
    (done,) = [c for c in calls if c.method == "editMessageText"]
    assert done.text == bot.t(CO, "co-cancelslot-ok", count=1)
    assert {r.status for r in await outbox_of(bot, booking.id or 0)} == {"cancelled"}
    assert dt.date(2026, 12, 5) not in await bot.services.desk.available_days(CONSULTATION)

    # The error names the slot, not a booking; a second Yes (an old button) tells nobody again.
    gone = bot.t(CO, "co-slot-gone", slot=slot.id)
    assert replies_in_group(await co.send(f"/cancelslot {slot.id}")) == [gone]
    calls = await co.press_data(f"co:close:{slot.id}", ask.message_id)
    assert not [c for c in calls if c.chat_id == migrant.chat_id]
    assert replies_in_group(await co.send("/cancelslot abc")) == [bot.t(CO, "co-cancelslot-usage")]


@pytest.mark.parametrize(
    "command",
    [
        "/cancelslot ²",
        "/cancelslot 99999999999999999999",
        "/cancelslot -1",
        "/addslot consultation 2026-12-05 25:00",
        "/addslot consultation 2026-12-05 10:00:99",
        "/agenda 2026-13-01",
        "/agenda " + "9" * 60,
    ],
)
async def test_coordinator_commands_with_garbage_arguments(
    bot: BotHarness, command: str, caplog: pytest.LogCaptureFixture
):
    co = bot.coordinator(in_group=True)
    slots_before = [(s.id, s.status) for s in await rows(bot, Slot)]
    with caplog.at_level(logging.ERROR):
        calls = await co.send(command)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "no exception"
    (reply,) = replies_in_group(calls)
    assert reply != bot.t(CO, "common-error")
    assert [(s.id, s.status) for s in await rows(bot, Slot)] == slots_before


# -- the morning agenda -----------------------------------------------------------------------
async def test_morning_agenda_is_sent_once_a_day(bot: BotHarness):
    migrant = bot.user(3010, language_code="uk", first_name="Olena")
    await booked(bot, migrant, TODAY_16)
    before = len(coordinator_posts(bot))

    assert await send_morning_agenda(bot.app) is True
    (agenda,) = coordinator_posts(bot)[before:]
    day = bot.services.translator.format_date(TODAY_16.astimezone(TZ).date(), CO)
    assert agenda.text.startswith(bot.t(CO, "co-agenda-title", day=day, count=1))
    assert "Olena" in agenda.text

    assert await send_morning_agenda(bot.app) is False
    bot.clock.advance(dt.timedelta(hours=6))
    assert await send_morning_agenda(bot.app) is False
    assert len(coordinator_posts(bot)) == before + 1
    assert len(await rows(bot, DailySend)) == 1

    bot.clock.advance(dt.timedelta(days=1))
    assert await send_morning_agenda(bot.app) is True
    assert len(coordinator_posts(bot)) == before + 2


async def test_the_morning_agenda_is_scheduled_at_the_configured_local_time(bot):
    """run_daily at AGENDA_TIME in the centre's time zone (07:30 Ljubljana by default)."""
    from bot.handlers.coordinator import MORNING_AGENDA_JOB

    (job,) = bot.app.job_queue.get_jobs_by_name(MORNING_AGENDA_JOB)
    next_run = job.next_t.astimezone(bot.services.settings.tz)
    assert (next_run.hour, next_run.minute) == (7, 30)
