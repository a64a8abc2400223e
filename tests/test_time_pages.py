"""A day with many free times pages on: at most TIMES_PER_PAGE times a screen, "Later" and
"Earlier" between pages, in the person's language; any time of any page can be booked or moved
to; no keyboard nears Telegram's limit of 100 buttons; a forged page is harmless."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from bot.handlers.booking_steps import TIMES_PER_PAGE
from storage.models import Booking
from tests.booking_support import (
    CONSULTATION,
    SERVICES_FILE,
    TZ,
    booking_settings,
    keyboard_data,
    local,
    one,
    press_offered,
    slot_at,
)
from tests.conftest import BotHarness

THURSDAY = "20261203"
FIRST, LAST = local(2026, 12, 3, 8, 0), local(2026, 12, 3, 19, 50)  # 72 times, 10 minutes apart


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    data = yaml.safe_load(SERVICES_FILE.read_text(encoding="utf-8"))
    for service in data["services"]:
        if service["id"] == CONSULTATION:
            service["duration"] = 10
            service["hours"] = [{"day": "thu", "from": "08:00", "to": "20:00", "every": 10}]
    path = tmp_path / "services-busy.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return booking_settings(tmp_path, database_url, services_file=path)


def times_on_screen(user: SimulatedUser, prefix: str) -> list[str]:
    return [d for d in keyboard_data(user) if d.startswith(prefix)]


def page_buttons(user: SimulatedUser, action: str) -> list[str]:
    return [d for d in keyboard_data(user) if d.split(":")[1] == action]


def buttons_on_screen(user: SimulatedUser) -> int:
    message = user._latest_with_keyboard()
    return sum(len(row) for row in message["reply_markup"]["inline_keyboard"])


@pytest.mark.parametrize("locale", ["uk", "sl"])
async def test_a_busy_day_pages_on_and_its_last_time_can_be_booked(
    bot: BotHarness, locale: str
) -> None:
    user = bot.user(7701, language_code=locale)
    await user.send("/book")
    await user.press_data(f"book:svc:{CONSULTATION}")
    await press_offered(user, f"book:day:{CONSULTATION}:{THURSDAY}")
    seen: list[str] = []
    pages = -(-72 // TIMES_PER_PAGE)  # 72 free times: full pages, then the rest
    for page in range(pages):
        times = times_on_screen(user, "book:slot:")
        last_page = page == pages - 1
        assert len(times) == (72 - page * TIMES_PER_PAGE if last_page else TIMES_PER_PAGE)
        assert buttons_on_screen(user) < 100
        seen += times
        labels = user._latest_with_keyboard()["reply_markup"]["inline_keyboard"]
        flat = [button["text"] for row in labels for button in row]
        earlier, later = page_buttons(user, "day"), page_buttons(user, "dayf")
        assert (bot.t(locale, "booking-earlier-times") in flat) == (page > 0)
        assert (bot.t(locale, "booking-later-times") in flat) == (not last_page)
        if not last_page:
            assert len(later) == 1 and later[0].startswith(f"book:dayf:{CONSULTATION}:{THURSDAY}:")
            await press_offered(user, later[0])
        else:
            assert later == [] and earlier == [f"book:day:{CONSULTATION}:{THURSDAY}"]
    assert len(set(seen)) == 72  # every free time once, none twice, none left out

    last = await slot_at(bot, CONSULTATION, LAST)
    await press_offered(user, f"book:slot:{last.id}")
    await press_offered(user, f"book:tp:{last.id}:-")
    if f"book:ip:{last.id}:-:-" in keyboard_data(user):  # no interpreter
        await press_offered(user, f"book:ip:{last.id}:-:-")
    confirm = next(d for d in keyboard_data(user) if d.startswith(f"book:ok:{last.id}:"))
    await press_offered(user, confirm)
    booking = await one(bot, Booking, slot_id=last.id)
    assert booking.status in ("pending", "confirmed")

    # "Earlier" from a later page shows the first page again, without the booked time's gap.
    await user.send("/book")
    await user.press_data(f"book:svc:{CONSULTATION}")
    await press_offered(user, f"book:day:{CONSULTATION}:{THURSDAY}")
    first = await slot_at(bot, CONSULTATION, FIRST)
    assert times_on_screen(user, "book:slot:")[0] == f"book:slot:{first.id}"


async def test_a_booking_moves_to_a_time_on_a_later_page(bot: BotHarness) -> None:
    user = bot.user(7702, language_code="uk")
    first = await slot_at(bot, CONSULTATION, FIRST)
    await user.send("/book")
    await user.press_data(f"book:ok:{first.id}:-")
    booking = await one(bot, Booking, slot_id=first.id)

    await user.send("/mybookings")
    await press_offered(user, f"my:move:{booking.id}")
    await press_offered(user, f"my:mday:{booking.id}:{THURSDAY}")
    assert len(times_on_screen(user, f"my:mto:{booking.id}:")) == TIMES_PER_PAGE
    while True:
        later = page_buttons(user, "mdayf")
        if not later:
            break
        assert later[0].startswith(f"my:mdayf:{booking.id}:{THURSDAY}:")
        await press_offered(user, later[0])
    last = await slot_at(bot, CONSULTATION, LAST)
    await press_offered(user, f"my:mto:{booking.id}:{last.id}")
    moved = await one(bot, Booking, id=booking.id)
    assert moved.slot_id == last.id


async def test_a_forged_page_shows_the_days_or_nothing_of_another_day(bot: BotHarness) -> None:
    user = bot.user(7703, language_code="en")
    await user.send("/book")
    await user.press_data(f"book:svc:{CONSULTATION}")
    # A start on the next day: this day has no times from there on, so the days again.
    friday = int(local(2026, 12, 4, 9, 0).timestamp())
    await user.press_data(f"book:dayf:{CONSULTATION}:{THURSDAY}:{friday}")
    assert bot.t("en", "booking-slot-taken") in user.last_text()
    assert f"book:day:{CONSULTATION}:{THURSDAY}" in keyboard_data(user)
    # A start before the day: the day's own first page, never another day's times.
    monday = int(dt.datetime(2026, 11, 30, 9, tzinfo=TZ).timestamp())
    await user.press_data(f"book:dayf:{CONSULTATION}:{THURSDAY}:{monday}")
    first = await slot_at(bot, CONSULTATION, FIRST)
    assert times_on_screen(user, "book:slot:")[0] == f"book:slot:{first.id}"
    # Not a time at all: the services, as for any malformed button.
    await user.press_data(f"book:dayf:{CONSULTATION}:{THURSDAY}:x")
    assert f"book:svc:{CONSULTATION}" in keyboard_data(user)


async def test_a_page_shared_by_two_people_is_each_ones_and_never_shows_a_taken_time(
    bot: BotHarness,
) -> None:
    """A picker page's buttons are made once and kept (`_shared_time_buttons`): the next person on
    the same page sees its times as their own language writes them, and once a time there is
    taken, the page without it."""

    async def open_first_page(user: SimulatedUser) -> tuple[list[str], list[str]]:
        await user.send("/book")
        await user.press_data(f"book:svc:{CONSULTATION}")
        await press_offered(user, f"book:day:{CONSULTATION}:{THURSDAY}")
        rows = user._latest_with_keyboard()["reply_markup"]["inline_keyboard"]
        labels = [
            b["text"] for row in rows for b in row if b["callback_data"].startswith("book:slot")
        ]
        return times_on_screen(user, "book:slot:"), labels

    english, ukrainian = bot.user(7711, language_code="en"), bot.user(7712, language_code="uk")
    times_en, labels_en = await open_first_page(english)
    times_uk, labels_uk = await open_first_page(ukrainian)
    assert times_en == times_uk and len(times_en) == TIMES_PER_PAGE
    assert labels_en[0] == bot.services.translator.format_time(FIRST, "en", TZ)
    assert labels_uk[0] == bot.services.translator.format_time(FIRST, "uk", TZ)

    await press_offered(english, times_en[0])  # the first time, booked to the end
    await press_offered(english, f"book:tp:{times_en[0].split(':')[2]}:-")
    offered = keyboard_data(english)
    first_id = times_en[0].split(":")[2]
    if f"book:ip:{first_id}:-:-" in offered:
        await press_offered(english, f"book:ip:{first_id}:-:-")
    await press_offered(
        english, next(d for d in keyboard_data(english) if d.startswith("book:ok:"))
    )

    again, _ = await open_first_page(bot.user(7713, language_code="uk"))
    assert times_en[0] not in again and again[0] == times_en[1]
