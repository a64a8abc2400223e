"""A change the person waits on sends its own outbox rows (bot/delivery/outbox.py `write_leased`):
the rows due now are written already claimed by the change's unit of work and sent by its handler
without a claim. Once and only once still holds: nobody else sends them while the lease runs; a
writer that dies before sending leaves them to any sender once the lease has passed; a change
refused (its unit rolled back) has nothing to send. On SQLite and on PostgreSQL (two Applications
on one database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.booking.desk_base import DeskBase
from bot.config import Settings
from bot.delivery.outbox import Delivery
from bot.handlers.booking_messages import render_notice
from bot.handlers.delivery import Outgoing, deliver_due
from storage.models import Outbox
from tests.booking_support import (
    CONSULTATION,
    booking_settings,
    coordinator_posts,
    data_of,
    db_user,
    local,
    notice_says,
    one,
    quick_book,
    rows,
    says,
    slot_at,
)
from tests.conftest import BotHarness, another_instance

THURSDAY_16 = local(2026, 12, 3, 16, 0)
LEASE_SECONDS = 120


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url, outbox_lease_seconds=LEASE_SECONDS)


def count_claims(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    claims: list[int] = []
    claim = Delivery.claim

    async def counted(self: Delivery, **kwargs: object) -> list[Outbox]:
        found = await claim(self, **kwargs)  # type: ignore[arg-type]
        claims.append(len(found))
        return found

    monkeypatch.setattr(Delivery, "claim", counted)
    return claims


async def notices(bot: BotHarness) -> list[Outbox]:
    return await rows(bot, Outbox, kind="booking_notice")


async def test_a_booking_sends_its_notice_without_a_claim(bot: BotHarness, monkeypatch):
    claims = count_claims(monkeypatch)
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)

    await quick_book(bot.user(8101, language_code="uk"), slot.id or 0)

    (notice,) = await notices(bot)
    assert (notice.status, notice.attempts, notice.lease_until) == ("sent", 1, None)
    assert len(coordinator_posts(bot)) == 1
    assert claims == [], "the handler sent the row its booking wrote"


async def test_the_coordinators_confirm_and_the_persons_cancel_send_their_own_rows(
    bot: BotHarness, monkeypatch
):
    person = bot.user(8102, language_code="sl")
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await quick_book(person, slot.id or 0)
    booking_id = (await one(bot, Outbox, kind="booking_notice")).ref_id
    claims = count_claims(monkeypatch)

    staff = bot.coordinator(in_group=True)  # presses Confirm on the notice
    await staff.press_data(f"co:ok:{booking_id}:{slot.id}")
    decision = await one(bot, Outbox, kind="decision")
    assert (decision.status, decision.attempts) == ("sent", 1)
    told = bot.api.sent("sendMessage", chat_id=person.chat_id)[-1].text
    assert says(told, bot, "sl", "booking-confirmed-by-centre", details="")

    await person.send("/mybookings")
    await person.press_data(f"my:cancel:{booking_id}")
    await person.press_data(f"my:cancelok:{booking_id}")
    _booked, cancelled = await notices(bot)  # a sent row's payload is cleared: by order
    assert (cancelled.status, cancelled.attempts) == ("sent", 1)
    assert len(coordinator_posts(bot)) == 2
    assert claims == []


async def test_nobody_else_sends_a_leased_row_and_anyone_may_once_its_lease_has_passed(
    bot: BotHarness, settings: Settings
):
    """The writer dies between its commit and its send: the row waits out its lease (the other
    instance does not take it early), then goes out exactly once, from the other instance."""
    other, running = await another_instance(settings, bot.clock)
    async with running:
        slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
        await bot.user(8103, language_code="uk").send("/start")
        person = await db_user(bot, 8103)
        # The desk's change as its handler makes it, but no send after it (the writer died).
        outcome = await bot.services.desk.book(
            user_id=person.id or 0, slot_id=slot.id or 0, sends_itself=True
        )
        (leased,) = outcome.sends
        stored = await one(bot, Outbox, id=leased.id)
        assert (stored.status, stored.attempts) == ("pending", 1)
        assert stored.lease_until is not None and stored.lease_until > bot.clock.now()

        assert await deliver_due(other.app) == 0, "leased to the writer"
        assert await deliver_due(bot.app) == 0, "and to nobody's round, its writer's neither"
        assert coordinator_posts(other) == coordinator_posts(bot) == []

        bot.clock.advance(dt.timedelta(seconds=LEASE_SECONDS + 1))
        assert await deliver_due(other.app) == 1
        assert await deliver_due(bot.app) == 0
        sent = await one(bot, Outbox, id=leased.id)
        assert (sent.status, sent.attempts) == ("sent", 2)
        assert len(coordinator_posts(other)) == 1 and coordinator_posts(bot) == []


async def test_a_refused_change_has_nothing_to_send(bot: BotHarness):
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await quick_book(bot.user(8104, language_code="uk"), slot.id or 0)
    person = await db_user(bot, 8104)
    before = await rows(bot, Outbox)

    again = await bot.services.desk.book(
        user_id=person.id or 0, slot_id=slot.id or 0, sends_itself=True
    )

    assert not again.ok and again.sends == ()
    assert len(await rows(bot, Outbox)) == len(before), "the refused unit wrote nothing"


async def test_without_sends_itself_the_rows_wait_for_a_claim(bot: BotHarness):
    """Callers that do not send (a job, `/forget`) keep the usual way: a round claims them."""
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await bot.user(8105, language_code="uk").send("/start")
    person = await db_user(bot, 8105)

    outcome = await bot.services.desk.book(user_id=person.id or 0, slot_id=slot.id or 0)

    assert outcome.ok and outcome.sends == ()
    (notice,) = await notices(bot)
    assert (notice.status, notice.attempts, notice.lease_until) == ("pending", 0, None)
    assert await deliver_due(bot.app) == 1
    assert len(coordinator_posts(bot)) == 1


async def test_a_change_makes_its_messages_from_what_it_wrote_as_a_round_would(
    bot: BotHarness, monkeypatch
):
    """The booking, the coordinator's confirm, the move and the cancel each send their message
    made from the rows their own unit of work returned (no second read of the booking); the
    notice is the very message a round makes of the same row."""
    reads: list[int] = []
    read_again = DeskBase.booking_with_person

    async def counted(self: DeskBase, booking_id: int) -> object:
        reads.append(booking_id)
        return await read_again(self, booking_id)

    monkeypatch.setattr(DeskBase, "booking_with_person", counted)
    person = bot.user(8106, language_code="uk")
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    later = await slot_at(bot, CONSULTATION, local(2026, 12, 3, 16, 45))

    await quick_book(person, slot.id or 0)
    booking_id = (await one(bot, Outbox, kind="booking_notice")).ref_id or 0
    (posted,) = coordinator_posts(bot)
    assert reads == []
    by_round = await render_notice(
        bot.services,
        Outbox(kind="booking_notice", ref_id=booking_id, payload='{"event": "co-booked"}'),
    )
    assert isinstance(by_round, Outgoing)
    assert posted.text == by_round.text
    assert data_of(posted) == [b.callback_data for row in by_round.rows for b in row]
    reads.clear()  # the round's own read, just above

    await bot.coordinator(in_group=True).press_data(f"co:ok:{booking_id}:{slot.id}")
    told = bot.api.sent("sendMessage", chat_id=person.chat_id)[-1].text
    assert says(told, bot, "uk", "booking-confirmed-by-centre", details="")

    await person.press_data(f"my:mto:{booking_id}:{later.id}")
    assert reads == [], "the decision and the move's notice made from their changes' rows"
    await person.press_data(f"my:cancel:{booking_id}")  # "are you sure?" reads it, to show
    reads.clear()
    await person.press_data(f"my:cancelok:{booking_id}")
    _booked, moved, cancelled = coordinator_posts(bot)[-3:]
    assert notice_says(moved.text, bot, "sl", "co-moved", booking_id)
    assert "co:ok" in " ".join(data_of(moved)), "a moved booking waits for a decision again"
    assert notice_says(cancelled.text, bot, "sl", "co-cancelled", booking_id)
    assert data_of(cancelled) == []
    assert reads == [], "every message made from the change's own rows"
    sent = await rows(bot, Outbox, kind="booking_notice")
    assert [(r.status, r.attempts) for r in sent] == [("sent", 1)] * 3
