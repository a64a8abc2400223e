"""A realistic December at the centre, driven through Telegram updates, for the report tests.

24 people in four languages (uk, sr with one Serbian Latin reader, sl, en) and a coordinator. Two
people first wrote in November. Everything happens through Telegram updates and explicit outbox
rounds: regions of origin are given through /privacy, the satisfaction questions go out through
the outbox after each attended meeting (a course's after its last session) and are answered by
pressing the buttons of the message each person received.

The counts every test expects are worked out by hand in EXPECTED, next to the story that makes
them, so a reader can check each number against the steps below.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bot.config import Settings
from storage.models import Booking
from tests.booking_support import booking_settings, local
from tests.conftest import COORDINATOR_CHAT_ID, BotHarness, hold_the_poll
from tests.month_actions import (
    answer,
    book,
    give_region,
    mark,
    outbox_round,
    person,
    questions,
    slot_of,
)

__all__ = ["EXPECTED", "MONTHLY", "person", "report_settings", "run_month"]

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
        _indicator("satisfaction-group", "satisfied_share", service_kind="group"),
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
    # Every booking marked Present is asked once, from the outbox, the morning after (9:00).
    # Consultations: a 5, b 4, d 5, e 3, f never answered, a2 4 (5001's second meeting), g 2;
    # c was a no-show (not asked) → 7 asked, 6 answered, 4 satisfied (a b d a2): 66.7 %.
    "satisfaction-consultation": (
        66.7,
        {"asked": 7, "answered": 6, "satisfied": 4, "response_rate": 85.7},
    ),
    # Course, asked on 18 Dec after the last session: 5004 5, 5005 4 (its second press of 1 and
    # 5002's late press do not count), 5011 3, 5010 never answers; 5017 was never present and
    # 5018 never marked → 4 asked, 3 answered, 2 satisfied. The evening's answers are not here.
    "satisfaction-course": (
        66.7,
        {"asked": 4, "answered": 3, "satisfied": 2, "response_rate": 75.0},
    ),
    # Served in December (booked, present or asked): everyone but 5006 and 5007 → 22. Regions
    # pressed in /privacy (REGIONS): 8 served people; 5003 and 5020 prefer not to say and the
    # 12 others never open it → 14 not given; 5006's "other" is not counted (not served).
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
    # Group services: the course's 4 asked (3 answered, 2 satisfied) + the evening's 4 present
    # (5013 1, 5014 5, 5023 4, 5019 never answers; 5024 was a no-show) → 8 asked, 6 answered,
    # 4 satisfied.
    "satisfaction-group": (
        66.7,
        {"asked": 8, "answered": 6, "satisfied": 4, "response_rate": 75.0},
    ),
}
MONTHLY = [("2026-12", 22)]

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
        booked[name] = await book(bot, user_id, await slot_of(bot, "consultation", at))
    course, evening = await slot_of(bot, "course"), await slot_of(bot, "evening")
    learners = (5004, 5005, 5010, 5011, 5017, 5018)
    for user_id in learners:
        booked[f"course-{user_id}"] = await book(bot, user_id, course)
    for user_id in (5013, 5014, 5019, 5023, 5024):
        booked[f"evening-{user_id}"] = await book(bot, user_id, evening)
    # -- the coordinator decides; one person cancels ---------------------------------------------
    for name in ("a", "b", "c", "d", "e", "f", "a2", "g", *(f"course-{u}" for u in learners)):
        await co.press_data(f"co:ok:{booked[name].id}")
    await co.press_data(f"co:why:{booked['declined'].id}:unavailable")
    bot.clock.set(local(2026, 12, 2, 12))
    canceller = person(bot, 5021)
    await canceller.send("/mybookings")
    await canceller.press_data(f"my:cancel:{booked['cancelled'].id}")
    await canceller.press_data(f"my:cancelok:{booked['cancelled'].id}")
    # -- regions of origin, given through /privacy (optional; some prefer not to say) -----------
    for user_id, region in REGIONS.items():
        await give_region(person(bot, user_id), region)
    for user_id in (5003, 5020):
        await give_region(person(bot, user_id), "-")
    # 5006 only reads the FAQ: a region given, but served by nothing, so not counted.
    await give_region(person(bot, 5006), "other")
    # -- attendance, marked as the meetings happen; the outbox asks how it went ------------------
    bot.clock.set(local(2026, 12, 3, 20))
    for name, present in (("a", True), ("b", True), ("c", False), ("d", True)):
        await mark(co, booked[name], booked_start(plan, name), present)
    # Marked at 20:00 + the 2 h delay is night: nothing is asked before 9:00 the next morning.
    await outbox_round(bot, local(2026, 12, 3, 23))
    assert not questions(bot, booked["a"])
    await outbox_round(bot, local(2026, 12, 4, 9))
    await answer(bot, 5001, booked["a"], 5, "Усе пояснили, дякую")
    await answer(bot, 5002, booked["b"], 4)
    await answer(bot, 5009, booked["d"], 5)
    sessions = [local(2026, 12, d, 17, 30) for d in (8, 10, 15, 17)]
    presence = {5004: "pppp", 5005: "pppn", 5010: "pnpn", 5011: "pnnn", 5017: "nnnn"}

    async def course_session(index: int) -> None:
        bot.clock.set(sessions[index] + dt.timedelta(hours=2))
        for user_id, marks in presence.items():
            await mark(co, booked[f"course-{user_id}"], sessions[index], marks[index] == "p")

    await course_session(0)
    for name in ("e", "f"):
        await mark(co, booked[name], booked_start(plan, name), True)
    await outbox_round(bot, local(2026, 12, 9, 9))
    await answer(bot, 5015, booked["e"], 3)  # 5020 never answers f
    await course_session(1)
    for name in ("a2", "g"):
        await mark(co, booked[name], booked_start(plan, name), True)
    await outbox_round(bot, local(2026, 12, 11, 9))
    await answer(bot, 5001, booked["a2"], 4)
    await answer(bot, 5008, booked["g"], 2, "I waited a long time at the door")
    bot.clock.set(local(2026, 12, 12, 21))
    for user_id in (5013, 5014, 5019, 5023, 5024):
        await mark(co, booked[f"evening-{user_id}"], local(2026, 12, 12, 18), user_id != 5024)
    await outbox_round(bot, local(2026, 12, 13, 9))
    for user_id, score in ((5013, 1), (5014, 5), (5023, 4)):  # 5019 never answers
        await answer(bot, user_id, booked[f"evening-{user_id}"], score)
    # The course is asked about only after its last session, whoever attended the first ones.
    assert not any(questions(bot, booked[f"course-{u}"]) for u in presence)
    await course_session(2)
    await course_session(3)
    await outbox_round(bot, local(2026, 12, 18, 9))
    for user_id, score in ((5004, 5), (5005, 4), (5011, 3)):  # 5010 never answers
        await answer(bot, user_id, booked[f"course-{user_id}"], score)
    # Pressed twice, and once late: the first answer stays.
    await answer(bot, 5005, booked["course-5005"], 1, counted=False)
    bot.clock.set(local(2026, 12, 28, 10))
    await answer(bot, 5002, booked["b"], 1, counted=False)
    # 5020 never answered f and finds the question after it closed (SURVEY_ANSWER_DAYS, 14).
    await answer(bot, 5020, booked["f"], 5, counted=False, refused="survey-closed")
    bot.clock.set(local(2027, 1, 2, 10))
    assert co.chat_id == COORDINATOR_CHAT_ID
    return booked


def booked_start(plan: list[tuple[str, int, dt.datetime]], name: str) -> dt.datetime:
    return next(at for key, _, at in plan if key == name)
