"""Issue #12 at the Telegram boundary: every date of a course (confirmation, coordinator notice,
/mybookings; only the Cancel a course has), the price (service pick, confirmation, the prices
topic search finds), the interpreter (asked after the topic, stored, seen by the coordinator and
in the agenda, exported and erased), Back on the topic step, and a new time after a decline that
keeps the topic and the note."""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal
from html import unescape
from pathlib import Path

import pytest

from bot.booking.catalog import PRICE_HELP, load_catalog
from bot.config import Settings
from storage.models import Booking
from tests.booking_support import (
    CONSULTATION,
    COURSE,
    TZ,
    booking_settings,
    bookings_of,
    coordinator_posts,
    course_slot,
    keyboard_data,
    local,
    one,
    press_offered,
    says,
    slot_at,
    texts_to,
)
from tests.conftest import REPO, BotHarness, start_harness

CO = "sl"  # the coordinators' language
THURSDAY_16 = local(2026, 12, 3, 16, 0)
TUESDAY_16 = local(2026, 12, 8, 16, 0)
COURSE_SESSIONS = [
    local(2026, 12, 15, 17, 30),
    local(2026, 12, 17, 17, 30),
    local(2027, 1, 12, 17, 30),
    local(2027, 1, 14, 17, 30),
]
# EUR 20 as each language writes money (Babel/CLDR; a no-break space before the currency).
PRICE = {"uk": "20,00\xa0EUR", "sl": "20,00\xa0€", "en": "€20.00", "sr": "20,00\xa0€"}


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return booking_settings(tmp_path, database_url)


def when(bot: BotHarness, locale: str, moment: dt.datetime) -> str:
    return bot.services.translator.format_local_datetime(moment, locale, TZ)


def name_of(bot: BotHarness, service_id: str, locale: str) -> str:
    service = bot.services.catalog.get(service_id)
    assert service is not None
    return service.name(locale)


# -- 6. a course lists every session -----------------------------------------------------------
@pytest.mark.parametrize("locale", ["uk", "sl"])
async def test_a_course_shows_every_session_and_offers_only_cancel(bot: BotHarness, locale: str):
    user = bot.user(6101, language_code=locale)
    slot = await course_slot(bot)
    await user.send("/book")
    await press_offered(user, f"book:svc:{COURSE}")
    await press_offered(user, f"book:slot:{slot.id}")

    confirm = unescape(user.last_text())
    assert all(when(bot, locale, s) in confirm for s in COURSE_SESSIONS), confirm
    assert bot.t(locale, "booking-price-line", price="") in confirm and PRICE[locale] in confirm

    calls = await press_offered(user, f"book:ok:{slot.id}:-")
    shown = texts_to(calls, user.chat_id)
    done_only = [
        t for t in shown if says(t, bot, locale, "booking-done-cancel-only", details="", cutoff=2.0)
    ]
    (done,) = done_only
    assert not [t for t in shown if says(t, bot, locale, "booking-done", details="", cutoff=2.0)], (
        "no promise to change a course"
    )
    assert all(when(bot, locale, s) in unescape(done) for s in COURSE_SESSIONS)
    (booking,) = await bookings_of(bot, 6101)
    assert keyboard_data(user)[0] == f"my:cancel:{booking.id}"
    assert not [d for d in keyboard_data(user) if d.startswith("my:move:")], "a course is not moved"

    # The coordinator notice (in the coordinators' language) lists every date too.
    (post,) = coordinator_posts(bot)
    assert all(when(bot, CO, s) in unescape(post.text) for s in COURSE_SESSIONS), post.text

    await user.send("/mybookings")
    listing = unescape(user.last_text())
    assert all(when(bot, locale, s) in listing for s in COURSE_SESSIONS), listing
    assert keyboard_data(user)[0] == f"my:cancel:{booking.id}"
    assert not [d for d in keyboard_data(user) if d.startswith("my:move:")]


# -- 7. prices -----------------------------------------------------------------------------------
@pytest.mark.parametrize("locale", ["en", "sr"])
async def test_prices_are_shown_when_picking_and_confirming(bot: BotHarness, locale: str):
    user = bot.user(6201, language_code=locale)
    await user.send("/book")
    pick = unescape(user.last_text())
    free, note = bot.t(locale, "booking-price-free"), "for all sessions" if locale == "en" else ""
    assert f"{name_of(bot, CONSULTATION, locale)} — {free}" in pick, pick
    assert f"{name_of(bot, COURSE, locale)} — {PRICE[locale]}" in pick
    assert note in pick

    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await user.press_data(f"book:slot:{slot.id}")
    await press_offered(user, f"book:tp:{slot.id}:-")
    await press_offered(user, f"book:ip:{slot.id}:-:-")
    assert bot.t(locale, "booking-price-line", price=free) in unescape(user.last_text())


@pytest.mark.parametrize(
    ("locale", "question"),
    [
        ("en", "is the course free?"),
        ("sl", "koliko stane tečaj"),
        ("uk", "скільки коштує курс"),
        ("sr", "колико кошта курс"),
    ],
)
async def test_a_price_question_finds_every_service_price(
    bot: BotHarness, locale: str, question: str
):
    user = bot.user(6202, language_code=locale)
    await user.send(question)
    assert "faq:open:contact-prices" in keyboard_data(user), user.last_text()

    await press_offered(user, "faq:open:contact-prices")
    answer = unescape(re.sub(r"<[^>]+>", "", user.last_text()))  # the text, without the bold
    assert f"{name_of(bot, CONSULTATION, locale)}: {bot.t(locale, 'booking-price-free')}" in answer
    assert f"{name_of(bot, COURSE, locale)}: {PRICE[locale]}" in answer, answer


async def test_a_service_without_a_price_says_ask_the_centre(tmp_path: Path, database_url: str):
    """The shipped services state no price (the pilot reports give none): the bot says "ask the
    centre" for each, and never makes one up."""
    shipped = booking_settings(tmp_path, database_url, services_file=REPO / "faq" / "services.yaml")
    harness, running = await start_harness(shipped)
    async with running:
        user = harness.user(6203, language_code="uk")
        await user.send("/book")
        pick = unescape(user.last_text())
        ask = harness.t("uk", "booking-price-ask")
        names = [s.name("uk") for s in harness.services.catalog.services.values()]
        assert names and all(f"{name} — {ask}" in pick for name in names), pick


def test_the_checker_explains_a_price_it_cannot_read(tmp_path: Path):
    path = tmp_path / "services.yaml"
    path.write_text(
        "services:\n"
        "  - id: a\n    kind: one-to-one\n    duration: 30\n    name: { en: A }\n"
        "    extra: ['2027-01-01 10:00']\n    price: 20\n"
        "  - id: b\n    kind: one-to-one\n    duration: 30\n    name: { en: B }\n"
        "    extra: ['2027-01-01 10:00']\n    price: gratis\n"
        "  - id: c\n    kind: one-to-one\n    duration: 30\n    name: { en: C }\n"
        "    extra: ['2027-01-01 10:00']\n    price: XYZ 5\n"
        "  - id: d\n    kind: one-to-one\n    duration: 30\n    name: { en: D }\n"
        "    extra: ['2027-01-01 10:00']\n    price: { amount: 12.50 EUR, sl: za uro }\n",
        encoding="utf-8",
    )
    catalog, problems = load_catalog(path)
    found = {(p.line, p.message) for p in problems}
    assert (7, "service 'a': price '20' has no currency: " + PRICE_HELP) in found, found
    assert (13, "service 'b': price 'gratis' is not understood: " + PRICE_HELP) in found
    assert (19, "service 'c': price 'XYZ 5': 'XYZ' is not a currency code (EUR, …)") in found
    assert len(problems) == 3
    price = catalog.services["d"].price
    assert price is not None and (price.amount, price.currency) == (Decimal("12.50"), "EUR")
    assert price.note("sl") == "za uro" and price.note("uk") == ""


# -- 10. the interpreter ---------------------------------------------------------------------
async def choose_time(user, slot_id: int) -> None:  # type: ignore[no-untyped-def]
    await user.send("/book")
    await user.press_data(f"book:slot:{slot_id}")


@pytest.mark.parametrize("locale", ["uk", "sr"])
async def test_interpreter_is_asked_stored_and_seen_by_the_coordinator(
    bot: BotHarness, locale: str
):
    user = bot.user(6301, language_code=locale, first_name="Petro")
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await choose_time(user, slot.id or 0)
    await press_offered(user, f"book:tp:{slot.id}:-")

    assert user.last_text() == bot.t(locale, "booking-interpreter-question")
    offered = keyboard_data(user)
    for code in ("-", "uk", "sr", "ru"):
        assert f"book:ip:{slot.id}:-:{code}" in offered
    assert f"book:ipo:{slot.id}:-" in offered
    assert "Русский" in user.last_buttons()

    await press_offered(user, f"book:ip:{slot.id}:-:ru")
    russian = {"uk": "російська", "sr": "руски"}[locale]
    assert bot.t(locale, "booking-interpreter-line", language=russian) in user.last_text()
    await press_offered(user, f"book:ok:{slot.id}:-:ru")

    (booking,) = await bookings_of(bot, 6301)
    assert booking.interpreter == "ru"
    (post,) = coordinator_posts(bot)
    assert bot.t(CO, "booking-interpreter-line", language="ruščina") in post.text

    # The agenda line of that day names it too.
    coordinator = bot.coordinator()
    await coordinator.send("/agenda 2026-12-03")
    assert bot.t(CO, "booking-interpreter-line", language="ruščina") in coordinator.last_text()

    # /mydata holds it; /forget erases it with the note.
    calls = await user.send("/mydata")
    ((_, raw),) = next(c for c in calls if c.method == "sendDocument").files.values()
    assert [b["interpreter"] for b in json.loads(raw)["bookings"]] == ["ru"]
    await user.send("/forget")
    await press_offered(user, "privacy:forgetok")
    assert (await one(bot, Booking, id=booking.id)).interpreter is None


async def test_another_language_is_typed_and_kept_with_the_note(bot: BotHarness):
    user = bot.user(6302, language_code="sl")
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await choose_time(user, slot.id or 0)
    await user.send("Vprašanje o dovoljenju")  # a typed note instead of a topic
    await press_offered(user, f"book:ipo:{slot.id}:-")
    assert user.last_text() == bot.t("sl", "booking-interpreter-type", limit=40)

    await user.send("Tigrinja (Eritreja) " + "zelo dolgo ime jezika " * 5)
    confirm = user.last_text()
    assert "Vprašanje o dovoljenju" in confirm and "Tigrinja (Eritreja)" in confirm
    await press_offered(user, f"book:ok:{slot.id}:-:x")

    (booking,) = await bookings_of(bot, 6302)
    assert booking.note == "Vprašanje o dovoljenju"
    assert booking.interpreter and booking.interpreter.startswith("Tigrinja (Eritreja)")
    assert len(booking.interpreter) <= 40 and booking.interpreter.endswith("…")
    assert "Tigrinja (Eritreja)" in coordinator_posts(bot)[0].text


# -- 8. Back on the topic step; a new time after a decline keeps topic and note ---------------
@pytest.mark.parametrize("locale", ["uk", "sl"])
async def test_topic_step_goes_back_to_the_times_of_that_day(bot: BotHarness, locale: str):
    user = bot.user(6401, language_code=locale)
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await choose_time(user, slot.id or 0)
    assert user.last_text() == bot.t(locale, "booking-choose-topic")

    await press_offered(user, f"book:day:{CONSULTATION}:20261203")
    assert f"book:slot:{slot.id}" in keyboard_data(user), "the times of Thursday again"


@pytest.mark.parametrize("locale", ["uk", "sr"])
async def test_a_new_time_after_a_decline_keeps_topic_note_and_interpreter(
    bot: BotHarness, locale: str
):
    """In Ukrainian the person picks a topic, in Serbian types a note; both ask for an
    interpreter. After the centre declines, a new time goes straight to the confirmation."""
    user = bot.user(6501, language_code=locale)
    slot = await slot_at(bot, CONSULTATION, THURSDAY_16)
    await choose_time(user, slot.id or 0)
    topic, note = ("residence-permit", None) if locale == "uk" else ("-", "Dozvola za boravak")
    if note:
        await user.send(note)
    else:
        await press_offered(user, f"book:tp:{slot.id}:{topic}")
    await press_offered(user, f"book:ip:{slot.id}:{topic}:uk")
    await press_offered(user, f"book:ok:{slot.id}:{topic}:uk")
    (first,) = await bookings_of(bot, 6501)

    co = bot.coordinator(in_group=True)
    await co.press(bot.t(CO, "co-decline"), exact=True)
    calls = await co.press(bot.t(CO, "co-reason-unavailable"), exact=True)
    (declined,) = [c for c in calls if c.method == "sendMessage" and c.chat_id == user.chat_id]
    again = [
        str(b["callback_data"])
        for row in declined.buttons
        for b in row
        if str(b.get("callback_data", "")).startswith(f"book:again:{first.id}:")
    ]
    assert again, declined.buttons
    new_slot_id = int(again[0].rsplit(":", 1)[1])
    assert new_slot_id != slot.id

    await user.press_data(again[0])
    confirm = user.last_text()
    assert says(confirm, bot, locale, "booking-confirm-question", details="")
    assert (
        bot.t(
            locale,
            "booking-interpreter-line",
            language={"uk": "українська", "sr": "украјински"}[locale],
        )
        in confirm
    )
    if note:
        assert note in confirm, "the note is kept"
    code = "x"  # the kept interpreter travels in the draft, like a typed one
    await press_offered(user, f"book:ok:{new_slot_id}:{topic}:{code}")

    second = (await bookings_of(bot, 6501))[-1]
    assert second.id != first.id and second.slot_id == new_slot_id
    assert (second.note, second.interpreter) == (note, "uk")
    assert second.topic_id == (None if note else topic), "the topic is not asked again"
