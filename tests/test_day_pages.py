"""A bookable window with a free time every day pages its days: at most DAYS_PER_PAGE days a
screen, "Later" and "Earlier" between pages in the person's language, every day on exactly one
page and in order, a day of a later page bookable and a booking movable to it; a forged page
is harmless. One screen then costs the same however many days are free (issue #13)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.botapi.simulator import SimulatedUser
from bot.config import Settings
from bot.handlers.booking_steps import DAYS_PER_PAGE
from storage.models import Booking
from tests.booking_support import (
    CONSULTATION,
    SERVICES_FILE,
    booking_settings,
    keyboard_data,
    one,
    press_offered,
)
from tests.conftest import BotHarness

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    data = yaml.safe_load(SERVICES_FILE.read_text(encoding="utf-8"))
    for service in data["services"]:
        if service["id"] == CONSULTATION:
            service["hours"] = [
                {"day": d, "from": "09:00", "to": "12:00", "every": 60} for d in DAYS
            ]
            service["closed"] = []
    path = tmp_path / "services-daily.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return booking_settings(tmp_path, database_url, services_file=path)


def _days(user: SimulatedUser, prefix: str) -> list[str]:
    return [d for d in keyboard_data(user) if d.startswith(prefix)]


def _labels(user: SimulatedUser) -> list[str]:
    rows = user._latest_with_keyboard()["reply_markup"]["inline_keyboard"]
    return [button["text"] for row in rows for button in row]


async def _walk(
    bot: BotHarness, user: SimulatedUser, locale: str, day: str, later: str
) -> list[str]:
    """Every page from the first on, checking each; the days seen, in order."""
    seen: list[str] = []
    page = 0
    while True:
        days, following = _days(user, day), _days(user, later)
        labels = _labels(user)
        assert (bot.t(locale, "booking-earlier-times") in labels) == (page > 0)
        assert (bot.t(locale, "booking-later-times") in labels) == bool(following)
        assert len(days) == DAYS_PER_PAGE if following else 0 < len(days) <= DAYS_PER_PAGE
        seen += days
        if not following:
            return seen
        assert len(following) == 1
        await press_offered(user, following[0])
        page += 1


@pytest.mark.parametrize("locale", ["uk", "sl"])
async def test_the_days_page_on_and_a_day_of_a_later_page_can_be_booked(
    bot: BotHarness, locale: str
) -> None:
    user = bot.user(7801, language_code=locale)
    await user.send("/book")
    await user.press_data(f"book:svc:{CONSULTATION}")
    seen = await _walk(bot, user, locale, f"book:day:{CONSULTATION}:", "book:svcf:")
    free = await bot.services.desk.available_days(CONSULTATION)
    assert len(free) > DAYS_PER_PAGE  # the window holds more than one page
    assert seen == [f"book:day:{CONSULTATION}:{d:%Y%m%d}" for d in free]  # each once, in order

    await press_offered(user, seen[-1])  # the window's last day, from the last page
    slot = next(d for d in keyboard_data(user) if d.startswith("book:slot:"))
    assert slot

    # "Earlier" shows the first page again.
    earlier = [d for d in keyboard_data(user) if d == f"book:svc:{CONSULTATION}"]
    assert earlier  # the time picker's "Back" is the first page of days too
    await press_offered(user, earlier[0])
    assert _days(user, f"book:day:{CONSULTATION}:") == seen[:DAYS_PER_PAGE]


async def test_a_booking_moves_to_a_day_of_a_later_page(bot: BotHarness) -> None:
    user = bot.user(7802, language_code="en")
    first_day = (await bot.services.desk.available_days(CONSULTATION))[0]
    first = (await bot.services.desk.free_slots(CONSULTATION, first_day))[0]
    await user.send("/book")
    await user.press_data(f"book:ok:{first.id}:-")
    booking = await one(bot, Booking, slot_id=first.id)

    await user.send("/mybookings")
    await press_offered(user, f"my:move:{booking.id}")
    seen = await _walk(bot, user, "en", f"my:mday:{booking.id}:", f"my:movef:{booking.id}:")
    assert len(seen) > DAYS_PER_PAGE
    await press_offered(user, seen[-1])
    target = next(d for d in keyboard_data(user) if d.startswith(f"my:mto:{booking.id}:"))
    await press_offered(user, target)
    moved = await one(bot, Booking, id=booking.id)
    assert moved.slot_id == int(target.rsplit(":", 1)[1])


async def test_a_forged_page_shows_the_first_page(bot: BotHarness) -> None:
    user = bot.user(7803, language_code="en")
    await user.send("/book")
    await user.press_data(f"book:svc:{CONSULTATION}")
    first_page = _days(user, f"book:day:{CONSULTATION}:")
    await user.press_data(f"book:svcf:{CONSULTATION}:20991231")  # past the window: no days
    assert _days(user, f"book:day:{CONSULTATION}:") == first_page
    await user.press_data(f"book:svcf:{CONSULTATION}:20000101")  # before it: from its start
    assert _days(user, f"book:day:{CONSULTATION}:") == first_page
    await user.press_data(f"book:svcf:{CONSULTATION}:x")  # not a day: the services
    assert f"book:svc:{CONSULTATION}" in keyboard_data(user)
