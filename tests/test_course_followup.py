"""Course follow-up at the Telegram boundary: two absences in a row give one friendly nudge in
the person's language with the next session; "Cannot continue" frees the place, which is offered
to the first person waiting; "Will be there" keeps it; coordinators see who is on track."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from bot.course_followup import standing, two_absences_in_a_row
from bot.handlers.delivery import deliver_due
from storage.models import Booking, Outbox
from tests.booking_support import (
    booking_settings,
    bookings_of,
    course_slot,
    events_of,
    local,
    quick_book,
    rows,
    says,
    texts_to,
)
from tests.conftest import BotHarness

S1, S2, S3, S4 = (
    local(2026, 12, 15, 17, 30),
    local(2026, 12, 17, 17, 30),
    local(2027, 1, 12, 17, 30),
    local(2027, 1, 14, 17, 30),
)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


async def enrol(bot: BotHarness, user: SimulatedUser) -> Booking:
    slot = await course_slot(bot)
    await quick_book(user, slot.id or 0)
    (booking,) = await bookings_of(bot, user.user_id)
    return booking


async def mark(co: SimulatedUser, booking: Booking, at: dt.datetime, *, present: bool) -> None:
    await co.press_data(f"co:att:{booking.id}:{int(at.timestamp())}:{'p' if present else 'n'}")


def nudges_to(bot: BotHarness, user: SimulatedUser, locale: str) -> list[str]:
    return [
        c.text
        for c in bot.api.sent("sendMessage", chat_id=user.chat_id)
        if says(c.text, bot, locale, "course-nudge", course="", when="")
    ]


def test_the_rule_needs_two_consecutive_absences():
    starts = [S1, S2, S3, S4]
    assert two_absences_in_a_row(starts, {S1: "no_show", S2: "no_show"})
    assert two_absences_in_a_row(starts, {S3: "no_show", S2: "no_show"})  # marked out of order
    assert not two_absences_in_a_row(starts, {S1: "no_show", S3: "no_show", S2: "present"})
    # On track: what was attended plus what is still ahead is more than half of all sessions.
    assert standing("A", starts, {S1: "no_show", S2: "no_show"}, S2).on_track is False
    assert standing("B", starts, {S1: "present", S2: "no_show"}, S2).on_track is True


async def test_two_absences_nudge_once_and_cannot_continue_offers_the_place(bot: BotHarness):
    olena, marko, waiting = (
        bot.user(501, language_code="uk", first_name="Olena Petrenko"),
        bot.user(502, language_code="sl", first_name="Marko"),
        bot.user(503, language_code="sr", first_name="Jovana"),
    )
    co = bot.coordinator(in_group=True)
    olenas, markos = await enrol(bot, olena), await enrol(bot, marko)
    await waiting.send("/book")
    await waiting.press_data(f"book:wait:{(await course_slot(bot)).id}")

    bot.clock.set(S1 + dt.timedelta(hours=2))
    await mark(co, olenas, S1, present=False)
    await mark(co, markos, S1, present=True)
    await deliver_due(bot.app)
    assert nudges_to(bot, olena, "uk") == [], "one absence is not yet a pattern"

    bot.clock.set(S2 + dt.timedelta(hours=2))
    await mark(co, olenas, S2, present=False)
    await mark(co, olenas, S2, present=False)  # a double tap, or a second coordinator
    await mark(co, markos, S2, present=False)
    await deliver_due(bot.app)
    (nudge,) = nudges_to(bot, olena, "uk")
    assert bot.services.translator.format_local_datetime(S3, "uk", bot.services.settings.tz) in (
        nudge
    ), "the next session's date and time, in her language"
    assert nudges_to(bot, marko, "sl") == [], "absent once after being present: no nudge"
    assert len(await events_of(bot, "nudge_sent")) == 1

    # /course: first names only, Olena at risk (0 present + 2 ahead of 4 is not more than half)
    coordinator_locale = bot.services.settings.coordinator_language
    calls = await co.send("/course")
    (view,) = [c.text for c in calls if c.method == "sendMessage"]
    at_risk = view.split(bot.t(coordinator_locale, "course-view-at-risk").split(">")[1][:10])[1]
    assert "Olena" in at_risk and "Petrenko" not in view and "Marko" not in at_risk

    await olena.press(bot.t("uk", "course-nudge-stop"), exact=True)
    await deliver_due(bot.app)
    assert olena.last_text() == bot.t("uk", "course-nudge-stopped")
    (cancelled,) = await rows(bot, Booking, id=olenas.id)
    assert cancelled.status == "cancelled"
    offers = [
        c
        for c in bot.api.sent("sendMessage", chat_id=waiting.chat_id)
        if says(c.text, bot, "sr", "booking-offer", details="", until="")
    ]
    assert len(offers) == 1, "the freed place is offered to the person waiting"
    (offered,) = [b for b in await bookings_of(bot, waiting.user_id) if b.status == "offered"]
    assert offered.offer_expires_at is not None and offered.offer_expires_at > bot.clock.now()
    assert len(await events_of(bot, "nudge_stop")) == 1

    # A later absence, an old button pressed again: nothing more is sent or cancelled.
    again = await olena.press_data(f"course:stop:{olenas.id}")
    assert bot.t("uk", "course-nudge-gone") in texts_to(again, olena.chat_id)
    nudges = await rows(bot, Outbox, kind="course_nudge")
    assert len(nudges) == 1


async def test_will_be_there_keeps_the_place(bot: BotHarness):
    ivan = bot.user(601, language_code="sr", first_name="Ivan")
    co = bot.coordinator(in_group=True)
    booking = await enrol(bot, ivan)
    bot.clock.set(S2 + dt.timedelta(hours=2))
    await mark(co, booking, S1, present=False)
    await mark(co, booking, S2, present=False)
    await deliver_due(bot.app)
    assert len(nudges_to(bot, ivan, "sr")) == 1
    await ivan.press(bot.t("sr", "course-nudge-come"), exact=True)
    assert ivan.last_text() == bot.t("sr", "course-nudge-see-you")
    (kept,) = await rows(bot, Booking, id=booking.id)
    assert kept.status in ("pending", "confirmed")
    assert len(await events_of(bot, "nudge_come")) == 1
