"""Coordinators working together (issue 12, items 11-14): the shared /pending view with Confirm /
Decline, decisions signed with a first name (a second press hears who decided first, also across
two instances), declining with Back, a typed reason or closing the slot, the answered-by line under
a relayed question, the move notice with old and new time, and one language rule for staff
output (the coordinator chat's language there, the coordinator's own in their private chat).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call
from bot.config import Settings
from bot.handlers.coordinator import send_morning_agenda
from bot.handlers.coordinator_desk import REASON_LIMIT
from storage.models import Booking, Outbox, Relay, Slot
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    bookings_of,
    coordinator_posts,
    course_slot,
    data_of,
    events_of,
    local,
    one,
    rows,
    says,
    slot_at,
    texts_to,
)
from tests.conftest import (
    COORDINATOR_CHAT_ID,
    BotHarness,
    hold_the_poll,
    start_harness,
)

CO = "sl"  # COORDINATOR_LANGUAGE
ANA, BOJAN = 9001, 9002  # two coordinators
TODAY_16 = local(2026, 12, 1, 16, 0)
THURSDAY_16 = local(2026, 12, 3, 16, 0)
THURSDAY_16_45 = local(2026, 12, 3, 16, 45)
TOPIC = "citizenship"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url, coordinator_ids=frozenset({ANA, BOJAN}))


def coordinator(bot: BotHarness, user_id: int = ANA, *, private: bool = False, lang: str = "sl"):
    name = {ANA: "Ana", BOJAN: "Bojan"}[user_id]
    chat = None if private else COORDINATOR_CHAT_ID
    return SimulatedUser(
        bot.app, bot.api, user_id, language_code=lang, first_name=name, chat_id=chat
    )


async def book(
    user: SimulatedUser, slot_id: int, *, topic: str = "-", note: str | None = None
) -> None:
    """/book, optionally a typed note at the topic step, then Confirm."""
    await user.send("/book")
    if note is not None:
        await user.press_data(f"book:slot:{slot_id}")
        await user.send(note)
    await user.press_data(f"book:ok:{slot_id}:{topic}")


async def booked(bot: BotHarness, user: SimulatedUser, start: dt.datetime, **kw) -> Booking:
    slot = await slot_at(bot, CONSULTATION, start)
    await book(user, slot.id or 0, **kw)
    return (await bookings_of(bot, user.user_id))[-1]


def sent_to_group(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.chat_id == COORDINATOR_CHAT_ID]


def edits(calls: list[Call]) -> list[Call]:
    return [c for c in calls if c.method == "editMessageText"]


def alerts(calls: list[Call]) -> list[str]:
    return [
        str(c.params.get("text"))
        for c in calls
        if c.method == "answerCallbackQuery" and c.params.get("text")
    ]


def told(calls: list[Call], user: SimulatedUser) -> list[Call]:
    return [c for c in calls if c.method == "sendMessage" and c.chat_id == user.chat_id]


# -- item 11: the shared view ------------------------------------------------------------------
async def test_pending_lists_what_waits_and_confirms_from_there_once(bot: BotHarness):
    hold_the_poll(bot)
    olena = bot.user(5001, language_code="uk", first_name="Olena")
    marko = bot.user(5002, language_code="sr", first_name="Marko")
    later = await booked(bot, olena, THURSDAY_16, topic=TOPIC, note="Treba mi <prevod>")
    sooner = await booked(bot, marko, TODAY_16)
    ana, bojan = coordinator(bot), coordinator(bot, BOJAN)

    (view,) = sent_to_group(await ana.send("/pending"))
    assert view.text.startswith(bot.t(CO, "co-pending-title", count=2))
    assert view.text.index("Marko") < view.text.index("Olena"), "soonest first"
    for booking in (later, sooner):
        assert f"#{booking.id}" in view.text and f"#{booking.slot_id}" in view.text
    topic = bot.services.faq.content.get(TOPIC)
    assert topic is not None
    assert bot.services.faq.content.translation(topic, CO).title in view.text
    assert "Treba mi &lt;prevod&gt;" in view.text, "the note, escaped"
    assert data_of(view) == [
        f"co:lok:{sooner.id}",
        f"co:lno:{sooner.id}",
        f"co:lok:{later.id}",
        f"co:lno:{later.id}",
        "co:list",
    ]

    calls = await ana.press_data(f"co:lok:{later.id}", view.message_id)

    stored = await one(bot, Booking, id=later.id)
    assert (stored.status, stored.decided_by) == ("confirmed", "Ana")
    (to_olena,) = told(calls, olena)
    assert says(to_olena.text, bot, "uk", "booking-confirmed-by-centre", details="")
    redrawn, notice = sorted(edits(calls), key=lambda c: c.message_id != view.message_id)
    assert redrawn.text.startswith(bot.t(CO, "co-pending-title", count=1))
    assert "Olena" not in redrawn.text and data_of(redrawn)[0] == f"co:lok:{sooner.id}"
    # The booking's notice in the chat shows who confirmed it and loses its buttons.
    assert notice.message_id == stored.notice_message_id
    assert bot.t(CO, "co-signed-confirmed", name="Ana") in notice.text
    assert "reply_markup" not in bot.api.messages[(COORDINATOR_CHAT_ID, notice.message_id)]

    # Bojan presses Confirm on the list he opened before: told who did it, nothing twice.
    calls = await bojan.press_data(f"co:lok:{later.id}", view.message_id)
    assert alerts(calls) == [bot.t(CO, "co-already-confirmed", name="Ana")]
    assert not told(calls, olena)
    assert len(await events_of(bot, "confirmed")) == 1
    assert (await one(bot, Booking, id=later.id)).decided_by == "Ana"


async def test_two_coordinators_confirm_at_once_on_two_instances(pair):
    a, b = pair
    hold_the_poll(a, b)
    migrant = a.user(5003, language_code="uk")
    booking = await booked(a, migrant, THURSDAY_16)
    ana, bojan = coordinator(a, ANA), coordinator(b, BOJAN)
    await ana.send("/pending")
    message = ana._latest_with_keyboard()

    data = f"co:lok:{booking.id}"
    results = await asyncio.gather(
        ana.feed(ana.callback_payload(data, message)),
        bojan.feed(bojan.callback_payload(data, message)),
    )

    stored = await one(a, Booking, id=booking.id)
    assert stored.status == "confirmed" and stored.decided_by in ("Ana", "Bojan")
    loser = [calls for calls in results if alerts(calls)]
    assert len(loser) == 1, "exactly one of them hears that it was done already"
    assert alerts(loser[0]) == [a.t(CO, "co-already-confirmed", name=stored.decided_by)]
    assert len(await events_of(a, "confirmed")) == 1
    assert len(await rows(a, Outbox, kind="decision", ref_id=booking.id)) == 1
    sent = [c for h in (a, b) for c in h.api.sent("sendMessage", chat_id=migrant.chat_id)]
    assert (
        len([c for c in sent if says(c.text, a, "uk", "booking-confirmed-by-centre", details="")])
        == 1
    )


# -- item 13: declining ------------------------------------------------------------------------
async def test_decline_from_pending_back_then_nobody_available_closes_the_slot(bot: BotHarness):
    hold_the_poll(bot)
    slot = await course_slot(bot)
    first, second = bot.user(5004, language_code="uk"), bot.user(5005, language_code="sl")
    await book(first, slot.id or 0)
    await book(second, slot.id or 0)
    (declined,) = await bookings_of(bot, first.user_id)
    (other,) = await bookings_of(bot, second.user_id)
    ana = coordinator(bot)
    await ana.send("/pending")

    calls = await ana.press_data(f"co:lno:{declined.id}")
    (reasons,) = edits(calls)
    assert reasons.text.startswith(bot.t(CO, "co-pending-choose-reason", booking=declined.id))
    assert data_of(reasons)[-2:] == [f"co:lwhy:{declined.id}:other", f"co:back:{declined.id}:list"]
    (back,) = edits(await ana.press(bot.t(CO, "co-reasons-back"), exact=True))
    assert back.text.startswith(bot.t(CO, "co-pending-title", count=2)), "Back: the list again"
    assert (await one(bot, Booking, id=declined.id)).status == "pending"

    await ana.press_data(f"co:lno:{declined.id}")
    calls = await ana.press(bot.t(CO, "co-reason-unavailable"), exact=True)

    assert (await one(bot, Booking, id=declined.id)).status == "declined"
    (ask,) = sent_to_group(calls)
    assert says(ask.text, bot, CO, "co-close-slot-ask", slot=slot.id, when="", count=1)
    assert data_of(ask) == [f"co:close:{slot.id}", f"co:keep:{slot.id}"]
    assert not told(calls, second), "nobody else is told before Yes"

    calls = await ana.press(bot.t(CO, "co-close-slot-yes", slot=slot.id), exact=True)
    assert (await one(bot, Slot, id=slot.id)).status == "cancelled"
    assert (await one(bot, Booking, id=other.id)).status == "cancelled"
    (to_second,) = told(calls, second)
    assert says(to_second.text, bot, "sl", "booking-slot-cancelled-by-centre", details="")
    (done,) = edits(calls)
    assert done.text == bot.t(CO, "co-cancelslot-ok", count=1) and not done.buttons


async def test_other_reason_is_typed_length_limited_and_escaped(bot: BotHarness):
    hold_the_poll(bot)
    migrant = bot.user(5006, language_code="uk")
    booking = await booked(bot, migrant, THURSDAY_16)
    ana = coordinator(bot)
    await ana.press(bot.t(CO, "co-decline"), exact=True)

    calls = await ana.press(bot.t(CO, "co-reason-other"), exact=True)
    (prompt,) = sent_to_group(calls)
    assert says(
        prompt.text,
        bot,
        CO,
        "co-reason-prompt",
        booking=booking.id,
        language="",
        limit=REASON_LIMIT,
    )
    assert prompt.params["reply_markup"]["force_reply"] is True

    # Too long (a plain message in the chat): said so, and the bot still waits for it.
    calls = await ana.send("x" * (REASON_LIMIT + 1))
    (too_long,) = sent_to_group(calls)
    assert too_long.text == bot.t(
        CO, "co-reason-too-long", length=REASON_LIMIT + 1, limit=REASON_LIMIT
    )
    assert (await one(bot, Booking, id=booking.id)).status == "pending"

    reason = "Zaprto zaradi <praznika>"
    calls = await ana.send(reason, reply_to=prompt.message_id)  # as a reply to the prompt

    stored = await one(bot, Booking, id=booking.id)
    assert (stored.status, stored.decline_reason, stored.decline_note) == (
        "declined",
        "other",
        reason,
    )
    (to_migrant,) = told(calls, migrant)
    assert "Zaprto zaradi &lt;praznika&gt;" in to_migrant.text
    assert says(to_migrant.text, bot, "uk", "booking-reason-other", text="")
    (notice,) = [c for c in edits(calls) if c.message_id == stored.notice_message_id]
    assert "❌" in notice.text and "Ana" in notice.text and "&lt;praznika&gt;" in notice.text
    assert "reply_markup" not in bot.api.messages[(COORDINATOR_CHAT_ID, notice.message_id)]
    # The next plain message is just a message.
    assert not sent_to_group(await ana.send("hvala"))
    # The typed reason is about the person: /forget erases it with their notes.
    await migrant.send("/forget")
    await migrant.press_data("privacy:forgetok")
    assert (await one(bot, Booking, id=booking.id)).decline_note is None


async def test_bring_documents_offers_no_other_time_for_a_one_off_group(bot: BotHarness):
    hold_the_poll(bot)
    slot = await course_slot(bot)
    migrant = bot.user(5007, language_code="sr")
    await book(migrant, slot.id or 0)
    ana = coordinator(bot)
    await ana.press(bot.t(CO, "co-decline"), exact=True)

    calls = await ana.press(bot.t(CO, "co-reason-need-documents"), exact=True)

    (to_migrant,) = told(calls, migrant)
    reason = bot.t("sr", "booking-reason-need-documents")
    assert says(to_migrant.text, bot, "sr", "booking-declined-final", details="", reason=reason)
    assert not [d for d in data_of(to_migrant) if d.startswith("book:")], "no time to pick"
    assert not sent_to_group(calls), "no 'close the slot?' for this reason"


# -- item 12: who handled what -----------------------------------------------------------------
async def test_an_answered_question_says_who_answered(bot: BotHarness):
    hold_the_poll(bot)
    migrant = bot.user(5008, language_code="uk", first_name="Olena")
    await migrant.send("/ask")
    await migrant.send("Чи потрібен переклад договору?")
    post = coordinator_posts(bot)[-1]
    bojan = coordinator(bot, BOJAN)

    calls = await bojan.send("Da, overjen prevod.", reply_to=post.message_id)

    (line,) = sent_to_group(calls)
    assert line.text == bot.t(CO, "co-question-answered", name="Bojan")
    assert int(line.params["reply_parameters"]["message_id"]) == post.message_id
    questions = [r for r in await rows(bot, Relay) if r.user_message_id is None]
    assert [r.answered_by for r in questions] == ["Bojan"]
    assert texts_to(calls, migrant.chat_id), "the answer reached the person"


async def test_a_move_notice_shows_the_old_and_new_time_and_the_note(bot: BotHarness):
    hold_the_poll(bot)
    migrant = bot.user(5009, language_code="uk", first_name="Olena")
    booking = await booked(bot, migrant, THURSDAY_16, note="Prinesem pogodbo")
    new_slot = await slot_at(bot, CONSULTATION, THURSDAY_16_45)

    await migrant.send("/mybookings")
    await migrant.press_data(f"my:move:{booking.id}")
    await migrant.press_data(f"my:mday:{booking.id}:20261203")
    calls = await migrant.press_data(f"my:mto:{booking.id}:{new_slot.id}")

    (notice,) = sent_to_group(calls)
    assert says(
        notice.text,
        bot,
        CO,
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
    assert notice.text.index("16:00") < notice.text.index("16:45"), "old → new"
    assert "Prinesem pogodbo" in notice.text


async def test_a_confirm_on_the_notice_from_before_a_move_confirms_nothing(bot: BotHarness):
    """The first notice showed 16:00; the person has moved to 16:45 since. Its Confirm must not
    confirm a time the coordinator did not see: the alert names the new time, the old notice
    loses its buttons, nobody is told anything, and the newer notice's Confirm confirms."""
    hold_the_poll(bot)
    migrant = bot.user(5011, language_code="uk")
    booking = await booked(bot, migrant, THURSDAY_16)
    first = coordinator_posts(bot)[-1]
    old_slot = booking.slot_id
    assert f"co:ok:{booking.id}:{old_slot}" in data_of(first)
    new_slot = await slot_at(bot, CONSULTATION, THURSDAY_16_45)
    await migrant.send("/mybookings")
    await migrant.press_data(f"my:move:{booking.id}")
    await migrant.press_data(f"my:mday:{booking.id}:20261203")
    await migrant.press_data(f"my:mto:{booking.id}:{new_slot.id}")
    newer = coordinator_posts(bot)[-1]
    assert f"co:ok:{booking.id}:{new_slot.id}" in data_of(newer)
    ana = coordinator(bot, ANA)

    calls = await ana.press_data(f"co:ok:{booking.id}:{old_slot}", first.message_id)

    assert (await one(bot, Booking, id=booking.id)).status == "pending"
    (alert,) = [c for c in calls if c.method == "answerCallbackQuery"]
    assert alert.params.get("show_alert") and "16:45" in alert.text
    assert says(alert.text, bot, CO, "co-notice-moved", when="")
    (edit,) = [c for c in calls if c.method == "editMessageReplyMarkup"]
    assert int(edit.params["message_id"]) == first.message_id
    assert not edit.params.get("reply_markup")
    assert texts_to(calls, migrant.chat_id) == []

    await ana.press_data(f"co:ok:{booking.id}:{new_slot.id}", newer.message_id)
    assert (await one(bot, Booking, id=booking.id)).status == "confirmed"


async def test_a_confirm_that_finds_the_booking_pending_only_on_its_second_look_confirms_it(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
):
    """The conditional UPDATE of a Confirm can miss a booking that is pending again a moment
    later (a move puts a confirmed booking back to pending). The press then reads the booking
    under its lock: it confirms what is pending, and never takes the decline path."""
    hold_the_poll(bot)
    migrant = bot.user(5012, language_code="uk")
    booking = await booked(bot, migrant, THURSDAY_16)
    desk = type(bot.services.desk)
    real_confirm = desk._confirm
    looks: list[int] = []

    def first_look_misses(self, connection, **params):  # the moment it was not pending
        looks.append(params["booking_id"])
        return None if len(looks) == 1 else real_confirm(self, connection, **params)

    monkeypatch.setattr(desk, "_confirm", first_look_misses)
    await coordinator(bot, ANA).press_data(f"co:ok:{booking.id}:{booking.slot_id}")

    assert looks == [booking.id, booking.id]
    stored = await one(bot, Booking, id=booking.id)
    assert (stored.status, stored.decided_by, stored.decline_reason) == ("confirmed", "Ana", None)
    assert (await one(bot, Slot, id=booking.slot_id)).booked == 1
    assert [e.kind for e in await events_of(bot, "declined")] == []


async def test_booking_and_slot_numbers_past_a_thousand_are_shown_as_typed_back(bot: BotHarness):
    """/pending names a booking and its slot by the numbers /cancelslot and people use:
    "#43210", never grouped as a count is in the chat's language ("#43.210" in Slovenian reads
    as a decimal)."""
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    async with bot.services.db.session() as session:  # a centre's year of slots
        await session.exec(update(Slot).where(col(Slot.id) == slot.id).values(id=43210))
        await session.commit()
    await book(bot.user(5013, language_code="uk"), 43210)
    (booking,) = await bookings_of(bot, 5013)
    async with bot.services.db.session() as session:  # and of bookings
        await session.exec(update(Booking).where(col(Booking.id) == booking.id).values(id=12345))
        await session.commit()

    calls = await coordinator(bot, ANA).send("/pending")

    (listing,) = sent_to_group(calls)
    assert "#12345" in listing.text and "#43210" in listing.text
    assert not any(grouped in listing.text for grouped in ("12.345", "43.210"))
    assert "co:lok:12345" in data_of(listing)


# -- item 14: one language for the coordinator chat ----------------------------------------------
async def test_staff_output_language_group_versus_private_chat(bot: BotHarness):
    hold_the_poll(bot)
    migrant = bot.user(5010, language_code="uk")
    await booked(bot, migrant, THURSDAY_16)
    group = coordinator(bot, lang="uk")  # a Ukrainian-speaking coordinator
    private = coordinator(bot, private=True, lang="uk")

    # In the coordinator chat: COORDINATOR_LANGUAGE, whoever asks.
    (in_group,) = sent_to_group(await group.send("/pending"))
    assert in_group.text.startswith(bot.t(CO, "co-pending-title", count=1))
    (agenda,) = sent_to_group(await group.send("/agenda"))
    assert (
        bot.t(
            CO,
            "co-agenda-title",
            day=bot.services.translator.format_date(dt.date(2026, 12, 1), CO),
            count=0,
        )
        == agenda.text
    )
    (help_group,) = sent_to_group(await group.send("/help"))
    assert help_group.text == bot.t(CO, "co-help")

    # In the coordinator's own chat: their language, for every command.
    def reply(calls: list[Call]) -> str:
        (call,) = [c for c in calls if c.method == "sendMessage" and c.chat_id == ANA]
        return call.text

    assert reply(await private.send("/pending")).startswith(
        bot.t("uk", "co-pending-title", count=1)
    )
    uk_day = bot.services.translator.format_date(dt.date(2026, 12, 1), "uk")
    assert reply(await private.send("/agenda")) == bot.t(
        "uk", "co-agenda-title", day=uk_day, count=0
    )
    assert reply(await private.send("/cancelslot 999999")) == bot.t(
        "uk", "co-slot-gone", slot=999999
    )
    status_prefix = bot.t("uk", "content-status", complete=0, total=0).split("0")[0]
    assert reply(await private.send("/faqstatus")).startswith(status_prefix)
    assert reply(await private.send("/gaps")) == bot.t("uk", "search-gaps-empty", days=30)
    help_private = reply(await private.send("/help"))
    assert bot.t("uk", "co-help") in help_private and "/pending" in help_private

    # A migrant's /help lists only their own commands.
    help_migrant = [c.text for c in await migrant.send("/help") if c.method == "sendMessage"]
    assert help_migrant and all(
        "/pending" not in text and "/cancelslot" not in text for text in help_migrant
    )


async def test_every_post_to_the_coordinator_chat_uses_coordinator_language(
    tmp_path: Path, database_url: str
):
    settings = booking_settings(tmp_path, database_url, coordinator_language="uk")
    harness, running = await start_harness(settings)
    async with running:
        hold_the_poll(harness)
        migrant = harness.user(5011, language_code="sr", first_name="Marko")
        await booked(harness, migrant, TODAY_16)
        await migrant.send("/ask")
        await migrant.send("Treba mi pomoć")
        assert await send_morning_agenda(harness.app)
        notice, question, agenda = coordinator_posts(harness)
        assert says(
            notice.text,
            harness,
            "uk",
            "co-booked",
            name="",
            language="",
            service="",
            when="",
            topic="",
            note="",
            booking=1,
        )
        assert says(question.text, harness, "uk", "co-question", name="", language="", text="")
        day = harness.services.translator.format_date(dt.date(2026, 12, 1), "uk")
        assert agenda.text.startswith(harness.t("uk", "co-agenda-title", day=day, count=1))
        assert data_of(notice) and notice.button_texts() == [
            harness.t("uk", "co-confirm"),
            harness.t("uk", "co-decline"),
        ]
