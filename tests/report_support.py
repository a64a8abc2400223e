"""A realistic December at the centre, driven through Telegram updates, for the report tests.

24 people in four languages (uk, sr with one Serbian Latin reader, sl, en) and a coordinator. Two
people first wrote in November. What the bot cannot do yet on this branch (satisfaction answers,
the region profile) is written as rows, as the lead's features will write them.

The counts every test expects are worked out by hand in EXPECTED, next to the story that makes
them, so a reader can check each number against the steps below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from sqlmodel import col, select

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from storage.models import Booking, Slot, SurveyAnswer, User
from tests.booking_support import booking_settings, local, quick_book
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness, hold_the_poll

SERVICES = """
services:
  - id: consultation
    kind: one-to-one
    duration: 45
    name: { en: Consultation, sl: Svetovanje, uk: Консультація, sr: Саветовање }
    hours:
      - { day: tue, from: "16:00", to: "19:00", every: 45 }
      - { day: thu, from: "16:00", to: "19:00", every: 45 }
  - id: course
    kind: group
    capacity: 12
    duration: 90
    name:
      { en: Slovenian course, sl: Tečaj slovenščine, uk: Курс словенської, sr: Курс словеначког }
    sessions: ["2026-12-08 17:30", "2026-12-10 17:30", "2026-12-15 17:30", "2026-12-17 17:30"]
  - id: evening
    kind: group
    capacity: 25
    duration: 120
    name:
      en: Orientation evening
      sl: Orientacijski večer
      uk: Орієнтаційний вечір
      sr: Оријентационо вече
    sessions: ["2026-12-12 18:00"]
"""


def _indicator(ident: str, definition: str, goal: Any = None, **filters: str) -> str:
    lines = [
        f"  - id: {ident}",
        f"    definition: {definition}",
        f"    name: {{ en: {ident} (en), sl: {ident} (sl), uk: {ident} (uk) }}",
        f"    goal: {'null' if goal is None else goal}",
    ]
    if filters:
        inner = ", ".join(f"{k}: {v}" for k, v in filters.items())
        lines.append(f"    filter: {{ {inner} }}")
    return "\n".join(lines)


INDICATORS = "indicators:\n" + "\n".join(
    [
        _indicator("consultation-users", "people_attended_consultation", 15),
        _indicator("consultation-reached", "people_used_consultation"),
        _indicator("course-completed", "course_completions", 4, service="course"),
        _indicator("course-participants", "participants", 10, service="course"),
        _indicator("group-participants", "participants", service_kind="group"),
        _indicator("satisfaction-consultation", "satisfied_share", 75, service_kind="one-to-one"),
        _indicator("satisfaction-course", "satisfied_share", 75, service="course"),
        _indicator("by-region", "people_by_region", 20),
        _indicator("by-source", "people_by_source"),
        _indicator("faq-views", "faq_views"),
        _indicator("faq-views-uk", "faq_views", language="uk"),
        _indicator("answered", "questions_answered"),
        _indicator("unanswered", "questions_unanswered"),
        _indicator("bookings", "bookings_by_status"),
        _indicator("no-show", "no_show_rate"),
        _indicator("new-people", "new_people"),
        _indicator("new-people-sr", "new_people", language="sr"),
    ]
)

# id -> (result, breakdown), December 2026, worked out by hand from run_month below.
EXPECTED: dict[str, tuple[Any, Any]] = {
    # Present at a consultation: 5001 (twice), 5002, 5009, 5015, 5020, 5008; 5003 was a no-show.
    "consultation-users": (6, None),
    # Booked a consultation: 5001 5002 5003 5009 5015 5020 5016 (declined) 5021 (cancelled) 5012
    # (still pending) 5008; asked a person: 5008 5012 5022 → 11 people.
    "consultation-reached": (11, None),
    # Course of 4 sessions: 5004 4/4 and 5005 3/4 completed; 5010 2/4, 5011 1/4, 5017 0/4, 5018
    # unmarked did not. Six enrolled.
    "course-completed": (2, {"enrolled": 6, "completed": 2}),
    "course-participants": (4, None),  # present at least once: 5004 5005 5010 5011
    "group-participants": (8, None),  # those 4 + the evening's 5013 5014 5019 5023
    # Consultation surveys: 5, 4, 5, 3, unanswered, 2 → 3 satisfied of 5 answers, 6 asked.
    "satisfaction-consultation": (
        60.0,
        {"asked": 6, "answered": 5, "satisfied": 3, "response_rate": 83.3},
    ),
    # Course surveys: 5, 4, unanswered (the evening's answer of 1 is not the course's).
    "satisfaction-course": (
        100.0,
        {"asked": 3, "answered": 2, "satisfied": 2, "response_rate": 66.7},
    ),
    # Served in December (booked, present or asked): everyone but 5006 and 5007 → 22.
    "by-region": (
        22,
        {
            "africa": 1,
            "asia": 2,
            "balkans": 3,
            "not_given": 14,
            "other_europe": 1,
            "south_america": 1,
        },
    ),
    # Posters: factory-a 5001-5005 and 5010; library 5009 and 5010 (5023's November one is out).
    "by-source": (7, {"factory-a": 6, "library": 2}),
    # Deep links: residence-permit ×5 (uk), job-change ×2 (sr), health-insurance ×1 (sr);
    # menu presses: cv (sl), cv (en).
    "faq-views": (
        10,
        {
            "cv/en": 1,
            "cv/sl": 1,
            "health-insurance/sr": 1,
            "job-change/sr": 2,
            "residence-permit/uk": 5,
        },
    ),
    "faq-views-uk": (5, {"residence-permit/uk": 5}),
    "answered": (4, {"en": 1, "sl": 1, "sr": 1, "uk": 1}),  # 5024's November one is out
    "unanswered": (1, {"uk": 1}),  # "як справи"; "zdravo" is a greeting, answered with the menu
    # 11 consultations (8 confirmed, 1 declined, 1 cancelled, 1 pending), 6 course places
    # confirmed, 5 evening places left pending.
    "bookings": (22, {"cancelled": 1, "confirmed": 14, "declined": 1, "pending": 6}),
    # Marks: consultations 8 (1 no-show), course 20 (10 no-shows), evening 5 (1) → 12 of 33.
    "no-show": (36.4, {"marks": 33, "no_show": 12}),
    "new-people": (22, {"2026-12": 22}),  # 5023 and 5024 came in November
    "new-people-sr": (6, {"2026-12": 6}),  # 5009-5013 (sr) and 5014 (sr-Latn)
}
MONTHLY = [("2026-12", 22)]

UK, SR, SL, EN = range(5001, 5009), range(5009, 5015), range(5015, 5020), range(5020, 5025)
REGIONS = {
    5001: "asia",
    5002: "asia",
    5009: "balkans",
    5010: "balkans",
    5011: "balkans",
    5004: "other_europe",
    5015: "africa",
    5013: "south_america",
}


def report_settings(tmp_path: Path, database_url: str, **overrides: Any) -> Settings:
    services = tmp_path / "services.yaml"
    services.write_text(SERVICES, encoding="utf-8")
    indicators = tmp_path / "indicators.yaml"
    indicators.write_text(INDICATORS, encoding="utf-8")
    values: dict[str, Any] = {
        "services_file": services,
        "indicators_file": indicators,
        # The month books some people several meetings ahead at once.
        "bookings_per_service": 5,
    }
    values.update(overrides)
    return booking_settings(tmp_path, database_url, **values)


def language_of(user_id: int) -> str:
    if user_id == 5014:
        return "hr"  # a Serbian Latin reader (Croatian phone settings)
    for code, ids in (("uk", UK), ("sr", SR), ("sl", SL), ("en", EN)):
        if user_id in ids:
            return code
    raise ValueError(user_id)


def person(bot: BotHarness, user_id: int) -> SimulatedUser:
    return bot.user(user_id, language_code=language_of(user_id), first_name=f"Person{user_id}")


async def _slot(bot: BotHarness, service_id: str, starts_at: dt.datetime | None = None) -> Slot:
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


async def _book(bot: BotHarness, user_id: int, slot: Slot) -> Booking:
    await quick_book(person(bot, user_id), slot.id or 0)
    booking = await _booking(bot, user_id, slot)
    assert booking is not None, f"{user_id} could not book slot {slot.id}"
    return booking


async def _mark(co: SimulatedUser, booking: Booking, at: dt.datetime, present: bool) -> None:
    # Pressed under the chat's latest message (the agenda shows these buttons only once a
    # meeting has started, and the story marks attendance without moving the clock).
    latest = max(mid for chat, mid in co.api.messages if chat == co.chat_id)
    data = f"co:att:{booking.id}:{int(at.timestamp())}:{'p' if present else 'n'}"
    await co.press_data(data, latest)


async def run_month(bot: BotHarness) -> dict[str, Booking]:
    """The story. Returns some bookings by name for tests that look closer."""
    hold_the_poll(bot)  # a poll round meeting the clock mid-story would ask surveys early
    co = bot.coordinator(in_group=True)
    # -- November: two people find the bot early (outside the December report) ------------------
    bot.clock.set(local(2026, 11, 20, 10))
    await person(bot, 5023).send("/start faq-residence-permit--library")
    await person(bot, 5024).send("/start")
    await person(bot, 5024).send("how do I extend my residence permit")
    # -- 1 December: posters, the menu, typed questions, asking a person -----------------------
    bot.clock.set(local(2026, 12, 1, 9))
    await bot.services.desk.sync_slots()
    await bot.coordinator().send("/start")  # staff trying the bot are not counted
    for user_id in range(5001, 5006):
        await person(bot, user_id).send("/start faq-residence-permit--factory-a")
    for user_id in (5009, 5010):
        await person(bot, user_id).send("/start faq-job-change--library")
    await person(bot, 5010).send("/start faq-health-insurance--factory-a")
    for user_id in [*range(5006, 5009), *range(5011, 5025)]:
        await person(bot, user_id).send("/start")
    for user_id in (5015, 5020):
        await person(bot, user_id).press_data("faq:open:cv")
    await person(bot, 5006).send("як змінити роботу")
    await person(bot, 5011).send("дозвола боравка")
    await person(bot, 5016).send("podaljšanje dovoljenja za prebivanje")
    await person(bot, 5021).send("how do I extend my residence permit")
    await person(bot, 5007).send("як справи")
    await person(bot, 5017).send("zdravo")
    for user_id in (5008, 5012, 5022):
        migrant = person(bot, user_id)
        await migrant.send("/ask")
        await migrant.send("I need help with my papers")
    # -- bookings ------------------------------------------------------------------------------
    thu3 = [local(2026, 12, 3, 16), local(2026, 12, 3, 16, 45)]
    thu3 += [local(2026, 12, 3, 17, 30), local(2026, 12, 3, 18, 15)]
    tue8 = [local(2026, 12, 8, 16), local(2026, 12, 8, 16, 45)]
    tue8 += [local(2026, 12, 8, 17, 30), local(2026, 12, 8, 18, 15)]
    thu10 = [local(2026, 12, 10, 16), local(2026, 12, 10, 16, 45), local(2026, 12, 10, 17, 30)]
    plan = [
        ("a", 5001, thu3[0]),
        ("b", 5002, thu3[1]),
        ("c", 5003, thu3[2]),
        ("d", 5009, thu3[3]),
        ("e", 5015, tue8[0]),
        ("f", 5020, tue8[1]),
        ("declined", 5016, tue8[2]),
        ("cancelled", 5021, tue8[3]),
        ("a2", 5001, thu10[0]),
        ("pending", 5012, thu10[1]),
        ("g", 5008, thu10[2]),
    ]
    booked: dict[str, Booking] = {}
    for name, user_id, at in plan:
        booked[name] = await _book(bot, user_id, await _slot(bot, "consultation", at))
    course, evening = await _slot(bot, "course"), await _slot(bot, "evening")
    learners = (5004, 5005, 5010, 5011, 5017, 5018)
    for user_id in learners:
        booked[f"course-{user_id}"] = await _book(bot, user_id, course)
    for user_id in (5013, 5014, 5019, 5023, 5024):
        booked[f"evening-{user_id}"] = await _book(bot, user_id, evening)
    # -- the coordinator decides; one person cancels ---------------------------------------------
    for name in ("a", "b", "c", "d", "e", "f", "a2", "g", *(f"course-{u}" for u in learners)):
        await co.press_data(f"co:ok:{booked[name].id}")
    await co.press_data(f"co:why:{booked['declined'].id}:unavailable")
    bot.clock.set(local(2026, 12, 2, 12))
    canceller = person(bot, 5021)
    await canceller.send("/mybookings")
    await canceller.press_data(f"my:cancel:{booked['cancelled'].id}")
    await canceller.press_data(f"my:cancelok:{booked['cancelled'].id}")
    # -- attendance, marked as the meetings happen ------------------------------------------------
    bot.clock.set(local(2026, 12, 3, 20))
    for name, present in (("a", True), ("b", True), ("c", False), ("d", True)):
        await _mark(co, booked[name], booked_start(plan, name), present)
    bot.clock.set(local(2026, 12, 8, 20))
    for name in ("e", "f"):
        await _mark(co, booked[name], booked_start(plan, name), True)
    sessions = [local(2026, 12, d, 17, 30) for d in (8, 10, 15, 17)]
    presence = {
        5004: "pppp",
        5005: "pppn",
        5010: "pnpn",
        5011: "pnnn",
        5017: "nnnn",
    }
    for index, session_start in enumerate(sessions):
        bot.clock.set(session_start + dt.timedelta(hours=2))
        for user_id, marks in presence.items():
            await _mark(co, booked[f"course-{user_id}"], session_start, marks[index] == "p")
        if index == 1:
            for name in ("a2", "g"):
                await _mark(co, booked[name], booked_start(plan, name), True)
    bot.clock.set(local(2026, 12, 12, 21))
    for user_id in (5013, 5014, 5019, 5023, 5024):
        await _mark(co, booked[f"evening-{user_id}"], local(2026, 12, 12, 18), user_id != 5024)
    # -- what the lead's features will write: survey answers and self-reported regions -----------
    bot.clock.set(local(2026, 12, 18, 10))
    answers = [
        ("a", 5),
        ("b", 4),
        ("d", 5),
        ("e", 3),
        ("f", None),
        ("g", 2),
        ("course-5004", 5),
        ("course-5005", 4),
        ("course-5010", None),
        ("evening-5013", 1),
    ]
    async with bot.services.db.session() as session:
        for name, score in answers:
            booking = booked[name]
            session.add(
                SurveyAnswer(
                    booking_id=booking.id or 0,
                    user_id=booking.user_id,
                    service_id=booking.service_id,
                    score=score,
                    asked_at=bot.clock.now(),
                    answered_at=bot.clock.now() if score is not None else None,
                )
            )
        for telegram_id, region in REGIONS.items():
            user = (await session.exec(select(User).where(User.telegram_id == telegram_id))).one()
            user.region = region
            session.add(user)
        await session.commit()
    bot.clock.set(local(2027, 1, 2, 10))
    assert co.chat_id == COORDINATOR_CHAT_ID
    return booked


def booked_start(plan: list[tuple[str, int, dt.datetime]], name: str) -> dt.datetime:
    return next(at for key, _, at in plan if key == name)
