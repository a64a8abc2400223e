"""Shared helpers for the booking tests: our own services file, database reads, buttons, .ics.

The booking tests use tests/data/services_test.yaml (not the shipped schedule):
- `consultation`: one-to-one, Tue and Thu 16:00–19:00 local, every 45 minutes, 45 minutes long;
- `course`: a group of 2 places, sessions from Tue 2026-12-15 17:30 local.
The harness clock starts on Tue 2026-12-01 08:00 UTC (09:00 in Ljubljana).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import icalendar
import yaml
from sqlmodel import SQLModel, col, select

from bot.botapi.simulator import SimulatedUser
from bot.botapi.standin import Call
from bot.config import Settings
from storage.models import Booking, Event, Outbox, Slot, User
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness, make_settings

SERVICES_FILE = Path(__file__).resolve().parent / "data" / "services_test.yaml"
TZ = ZoneInfo("Europe/Ljubljana")
ADDRESS = "Testna ulica 1, Postojna"
CONSULTATION, COURSE = "consultation", "course"

M = TypeVar("M", bound=SQLModel)


def booking_settings(tmp_path: Path, database_url: str, **overrides: Any) -> Settings:
    """Our services file; the periodic jobs (outbox poll, content reload) kept out of the way,
    so a test decides when `deliver_due` runs (the `bot` fixture also puts off the start-up
    round; other harnesses call `hold_the_poll`)."""
    values: dict[str, Any] = {
        "services_file": SERVICES_FILE,
        "outbox_poll_seconds": 3600,
        "content_reload_seconds": 0,
    }
    values.update(overrides)
    return make_settings(tmp_path, database_url, **values)


def roomy_course(tmp_path: Path, capacity: int) -> Path:
    """Our services file with a bigger course, for tests that need many people in one group."""
    data = yaml.safe_load(SERVICES_FILE.read_text(encoding="utf-8"))
    for service in data["services"]:
        if service["id"] == COURSE:
            service["capacity"] = capacity
    path = tmp_path / "services-roomy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A wall-clock time in Ljubljana as an aware UTC datetime."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=TZ).astimezone(dt.UTC)


# -- the database ------------------------------------------------------------------------------
async def rows(bot: BotHarness, model: type[M], **where: Any) -> list[M]:
    async with bot.services.db.session() as session:
        query = select(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        result = await session.exec(query.order_by(col(model.id)))  # type: ignore[attr-defined]
        return list(result.all())


async def one(bot: BotHarness, model: type[M], **where: Any) -> M:
    found = await rows(bot, model, **where)
    assert len(found) == 1, f"expected one {model.__name__} with {where}, found {len(found)}"
    return found[0]


async def db_user(bot: BotHarness, telegram_id: int) -> User:
    return await one(bot, User, telegram_id=telegram_id)


async def slot_at(bot: BotHarness, service_id: str, starts_at: dt.datetime) -> Slot:
    return await one(bot, Slot, service_id=service_id, starts_at=starts_at)


async def course_slot(bot: BotHarness) -> Slot:
    return await one(bot, Slot, service_id=COURSE)


async def bookings_of(bot: BotHarness, telegram_id: int) -> list[Booking]:
    user = await db_user(bot, telegram_id)
    return await rows(bot, Booking, user_id=user.id)


async def events_of(bot: BotHarness, kind: str) -> list[Event]:
    return await rows(bot, Event, kind=kind)


async def outbox_of(bot: BotHarness, booking_id: int, kind: str = "reminder") -> list[Outbox]:
    return await rows(bot, Outbox, ref_id=booking_id, kind=kind)


# -- buttons and messages ----------------------------------------------------------------------
def keyboard_data(user: SimulatedUser) -> list[str]:
    """The callback data of every button on the newest message with buttons in this chat."""
    message = user._latest_with_keyboard()
    return [
        str(button["callback_data"])
        for row in message["reply_markup"]["inline_keyboard"]
        for button in row
        if "callback_data" in button
    ]


async def press_offered(user: SimulatedUser, data: str) -> list[Call]:
    """Press a button by its callback data, after checking the bot really offers it."""
    offered = keyboard_data(user)
    assert data in offered, f"{data!r} is not offered; buttons: {offered}"
    return await user.press_data(data)


def texts_to(calls: list[Call], chat_id: int) -> list[str]:
    """What a chat saw in these calls: sent or edited texts, captions."""
    return [
        c.text
        for c in calls
        if c.chat_id == chat_id and c.method in ("sendMessage", "editMessageText", "sendDocument")
    ]


def coordinator_posts(bot: BotHarness) -> list[Call]:
    return bot.api.sent("sendMessage", chat_id=COORDINATOR_CHAT_ID)


def data_of(call: Call) -> list[str]:
    return [str(b["callback_data"]) for row in call.buttons for b in row if "callback_data" in b]


MARK = "\u2983VAR\u2984"


def fragments(bot: BotHarness, locale: str, message_id: str, /, **args: Any) -> list[str]:
    """The fixed parts of a message in a locale: each string argument is replaced by a marker and
    the text around the markers is returned, so a test can check a message was used without
    repeating its wording (and without knowing whether a translation exists yet)."""
    marked = {k: (MARK if isinstance(v, str) else v) for k, v in args.items()}
    text = bot.t(locale, message_id, **marked)
    return [part.strip() for part in text.split(MARK) if part.strip()]


def says(shown: str, bot: BotHarness, locale: str, message_id: str, /, **args: Any) -> bool:
    """Whether `shown` is this message in this locale, whatever the string arguments were."""
    parts = fragments(bot, locale, message_id, **args)
    return bool(parts) and all(part in shown for part in parts)


def notice_says(shown: str, bot: BotHarness, locale: str, event: str, booking: int) -> bool:
    """Whether `shown` is the coordinators' notice of this event (`co-booked`, `co-moved`,
    `co-cancelled`) about this booking, whoever and whenever it is about."""
    blanks = dict.fromkeys(("old", "name", "language", "service", "when", "topic", "note"), "")
    return says(shown, bot, locale, event, **blanks, booking=booking)


# -- calendar files ----------------------------------------------------------------------------
def calendars_to(bot: BotHarness, chat_id: int) -> list[icalendar.Calendar]:
    found = []
    for call in bot.api.sent("sendDocument", chat_id=chat_id):
        ((filename, raw),) = call.files.values()
        assert filename.endswith(".ics"), filename
        found.append(icalendar.Calendar.from_ical(raw))
    return found


def vevent(calendar: icalendar.Calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


# -- a booking without the whole dialogue ------------------------------------------------------
async def quick_book(user: SimulatedUser, slot_id: int) -> list[Call]:
    """Open /book and press a Confirm button for the slot (the last step of the flow)."""
    await user.send("/book")
    return await user.press_data(f"book:ok:{slot_id}:-")


async def everything_stored(bot: BotHarness) -> str:
    """Every value of every row of every table, as text (to search for a person's traces)."""
    values = []
    async with bot.services.db.engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in (await connection.execute(table.select())).all():
                values.extend(str(v) for v in row)
    return "\n".join(values)


async def full_course_with_a_waiter(
    bot: BotHarness, *, first_id: int
) -> tuple[list[SimulatedUser], SimulatedUser]:
    """The course of 2 taken by two people (uk, sl), a third (sr) waiting; Telegram ids from
    `first_id` on."""
    slot = await course_slot(bot)
    holders = [
        bot.user(first_id, language_code="uk"),
        bot.user(first_id + 1, language_code="sl"),
    ]
    for holder in holders:
        await quick_book(holder, slot.id or 0)
    waiter = bot.user(first_id + 2, language_code="sr")
    await waiter.send("/start")
    waiter_id = (await one(bot, User, telegram_id=waiter.user_id)).id or 0
    assert (await bot.services.desk.join_waitlist(user_id=waiter_id, slot_id=slot.id or 0)).ok
    return holders, waiter
