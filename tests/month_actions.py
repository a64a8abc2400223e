"""What the people and the coordinator of the month story (tests/report_support.py) do, as
Telegram updates: book, mark attendance, run an outbox round, answer a satisfaction question,
give a region of origin."""

from __future__ import annotations

import datetime as dt

from sqlmodel import col, select

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call
from bot.handlers.delivery import deliver_due
from storage.models import Booking, Slot, User
from tests.booking_support import data_of, quick_book, says
from tests.conftest import BotHarness

LOCALE_OF_PHONE = {"hr": "sr-Latn"}  # 5014 reads Serbian in Latin letters
UK, SR, SL, EN = range(5001, 5009), range(5009, 5015), range(5015, 5020), range(5020, 5025)


def language_of(user_id: int) -> str:
    if user_id == 5014:
        return "hr"  # a Serbian Latin reader (Croatian phone settings)
    for code, ids in (("uk", UK), ("sr", SR), ("sl", SL), ("en", EN)):
        if user_id in ids:
            return code
    raise ValueError(user_id)


def person(bot: BotHarness, user_id: int) -> SimulatedUser:
    return bot.user(user_id, language_code=language_of(user_id), first_name=f"Person{user_id}")


async def slot_of(bot: BotHarness, service_id: str, starts_at: dt.datetime | None = None) -> Slot:
    async with bot.services.db.session() as session:
        query = select(Slot).where(Slot.service_id == service_id)
        if starts_at is not None:
            query = query.where(Slot.starts_at == starts_at)
        return (await session.exec(query)).one()


async def _booking(bot: BotHarness, user_id: int, slot: Slot) -> Booking:
    async with bot.services.db.session() as session:
        query = (
            select(Booking)
            .join(User, col(User.id) == col(Booking.user_id))
            .where(User.telegram_id == user_id, Booking.slot_id == slot.id)
            .order_by(col(Booking.id).desc())
        )
        return (await session.exec(query)).first()  # type: ignore[return-value]


async def book(bot: BotHarness, user_id: int, slot: Slot) -> Booking:
    await quick_book(person(bot, user_id), slot.id or 0)
    booking = await _booking(bot, user_id, slot)
    assert booking is not None, f"{user_id} could not book slot {slot.id}"
    return booking


async def mark(co: SimulatedUser, booking: Booking, at: dt.datetime, present: bool) -> None:
    # Pressed under the chat's latest message (the agenda shows these buttons only once a
    # meeting has started, and the story marks attendance without moving the clock).
    latest = max(mid for chat, mid in co.api.messages if chat == co.chat_id)
    data = f"co:att:{booking.id}:{int(at.timestamp())}:{'p' if present else 'n'}"
    await co.press_data(data, latest)


async def outbox_round(bot: BotHarness, at: dt.datetime) -> None:
    """One explicit delivery round at this time (the story holds the scheduled poll)."""
    bot.clock.set(at)
    await deliver_due(bot.app)


def questions(bot: BotHarness, booking: Booking) -> list[int]:
    """The satisfaction questions sent about this booking (their message ids), by their buttons."""
    return [call.message_id for call in bot.api.sent("sendMessage") if _about(call, booking)]


def _about(call: Call, booking: Booking) -> bool:
    return any(data.startswith(f"survey:score:{booking.id}:") for data in data_of(call))


async def answer(
    bot: BotHarness,
    user_id: int,
    booking: Booking,
    score: int,
    comment: str | None = None,
    *,
    counted: bool = True,
    refused: str = "survey-already",
) -> None:
    """The person presses a score under the question they received, then types a comment or
    presses Skip. `counted=False`: a repeated or late press, pressed under the same question, is
    answered with `refused`."""
    migrant = person(bot, user_id)
    asked = [c for c in bot.api.sent("sendMessage", chat_id=user_id) if _about(c, booking)]
    assert len(asked) == 1, f"{user_id} was asked {len(asked)} times about booking {booking.id}"
    locale = LOCALE_OF_PHONE.get(migrant.language_code or "", migrant.language_code or "")
    assert says(asked[0].text, bot, locale, "survey-question", service=""), asked[0].text
    calls = await migrant.press_data(f"survey:score:{booking.id}:{score}", asked[0].message_id)
    shown = " ".join(c.text or "" for c in calls)
    if not counted:
        assert bot.t(locale, refused) in shown, shown
        return
    skip = [d for c in calls for d in data_of(c) if d.startswith("survey:skip:")]
    assert skip, f"{user_id}'s answer was not taken: {shown}"
    if comment is not None:
        await migrant.send(comment)
    else:
        await migrant.press_data(skip[-1])


async def give_region(migrant: SimulatedUser, region: str) -> None:
    """/privacy → "Region of origin" → a region, or "I prefer not to say" ("-"). (Consent is
    not asked in the tests' settings: tests/test_consent.py covers it.)"""
    await migrant.send("/privacy")
    await migrant.press_data(_offered(migrant, "privacy:region"))
    await migrant.press_data(_offered(migrant, f"privacy:region:{region}"))


def _offered(migrant: SimulatedUser, data: str) -> str:
    """The button's data, after checking the newest keyboard in the chat offers it."""
    offered = [
        str(b.get("callback_data"))
        for row in migrant._latest_with_keyboard()["reply_markup"]["inline_keyboard"]
        for b in row
    ]
    assert data in offered, (data, offered)
    return data
