"""The sender with a rate limiter (as in production): rows to different chats go out side by side,
each exactly once, and a 429 for one chat sends only that row back for Telegram's retry_after."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from sqlmodel import select

from bot.app import build_application, build_services
from bot.botapi.standin import Call, StandinBotApi
from bot.clock import ManualClock
from bot.handlers.delivery import deliver_due, wait_for_deliveries
from bot.runtime import running
from bot.services import Services
from storage.models import Booking, Event, Outbox, Slot, User
from tests.conftest import START_TIME, empty_database, make_settings

PEOPLE = 30
CHAT0 = 880_000


async def due_reminders(services: Services, count: int) -> None:
    async with services.db.session() as session:
        for n in range(count):
            user = User(telegram_id=CHAT0 + n, user_key=f"conc-{n}", language="uk")
            starts = START_TIME + dt.timedelta(days=2, minutes=45 * n)
            slot = Slot(
                service_id="consultation",
                starts_at=starts,
                ends_at=starts + dt.timedelta(minutes=45),
                booked=1,
                origin="coordinator",
            )
            session.add_all([user, slot])
            await session.flush()
            booking = Booking(
                user_id=user.id or 0,
                slot_id=slot.id or 0,
                service_id="consultation",
                status="confirmed",
            )
            session.add(booking)
            await session.flush()
            session.add(
                Outbox(
                    kind="reminder",
                    user_id=user.id,
                    ref_id=booking.id,
                    due_at=START_TIME - dt.timedelta(minutes=1),
                )
            )
        await session.commit()


async def test_due_reminders_go_out_side_by_side_once_each_and_a_429_waits_alone(
    tmp_path: Path, database_url: str
):
    settings = make_settings(tmp_path, database_url, telegram_messages_per_second=1000)
    await empty_database(settings.effective_database_url)
    clock = ManualClock(START_TIME)
    api = StandinBotApi()
    services = build_services(settings, clock=clock)
    app = build_application(settings, request=api, services=services)  # with its rate limiter
    in_flight, most = 0, 0

    async def count_in_flight(call: Call) -> None:
        nonlocal in_flight, most
        if call.method == "sendMessage":
            in_flight += 1
            most = max(most, in_flight)
            await asyncio.sleep(0.001)  # the network: other sends may start meanwhile
            in_flight -= 1

    # Everything is in place before the bot starts: its scheduled round (a second after the
    # start) may take some of the rows, and its sends are counted like the others.
    await due_reminders(services, PEOPLE)
    api.before_call = count_in_flight
    refused = CHAT0 + 7
    api.fail_next("retry_after", chat_id=refused, retry_after=30)
    async with running(app):
        await deliver_due(app)
        await wait_for_deliveries(app)  # the scheduled round may have taken some of the rows

        chats = [c.chat_id for c in api.sent("sendMessage")]
        assert sorted(chats) == [CHAT0 + n for n in range(PEOPLE) if CHAT0 + n != refused]
        assert most > 1, "sends to different chats overlap"
        async with services.db.session() as session:
            (waiting,) = (await session.exec(select(Outbox).where(Outbox.status != "sent"))).all()
        assert waiting.status == "pending" and waiting.result == "retry_after"
        assert waiting.lease_until is not None
        assert waiting.lease_until >= clock.now() + dt.timedelta(seconds=30)

        clock.advance(dt.timedelta(seconds=31))
        await deliver_due(app)
        await wait_for_deliveries(app)
        chats = [c.chat_id for c in api.sent("sendMessage")]
        assert sorted(chats) == [CHAT0 + n for n in range(PEOPLE)], "each exactly once"
        async with services.db.session() as session:
            statuses = (await session.exec(select(Outbox.status))).all()
            sent_events = (
                await session.exec(select(Event).where(Event.kind == "reminder_sent"))
            ).all()
        assert set(statuses) == {"sent"}
        assert len(sent_events) == PEOPLE
