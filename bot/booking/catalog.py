"""The services file staff edit (`faq/services.yaml`): what can be booked, where, and when.

Loading never raises on bad content: problems come back with file and line, like the FAQ's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from babel.numbers import is_currency

from bot.faq.loader import Problem
from bot.i18n import to_serbian_latin
from bot.staff_yaml import read_list

ONE_TO_ONE, GROUP = "one-to-one", "group"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SERVICE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}$")


@dataclass(frozen=True)
class WeeklyHours:
    weekday: int  # Monday = 0
    start: dt.time
    end: dt.time
    every: int  # minutes between slot starts


FREE = "free"
# "EUR 20", "20 EUR", "EUR 12.50": an ISO currency code and an amount, in either order.
_AMOUNT = re.compile(
    r"^(?:([A-Za-z]{3})\s*([0-9]+(?:[.,][0-9]{1,2})?)|([0-9]+(?:[.,][0-9]{1,2})?)\s*([A-Za-z]{3}))$"
)
PRICE_HELP = "write 'free' or an amount with its currency code, like 'EUR 20'"


@dataclass(frozen=True)
class Price:
    """What a service costs: free, or an amount in a currency (formatted by Babel for display);
    `notes` is optional text per language shown after it ("for all eight sessions")."""

    amount: Decimal | None  # None: free
    currency: str = ""
    notes: dict[str, str] = field(default_factory=dict, hash=False)

    @property
    def is_free(self) -> bool:
        return self.amount is None

    def note(self, language: str) -> str:
        if language in self.notes:
            return self.notes[language]
        if language == "sr-Latn" and "sr" in self.notes:
            return to_serbian_latin(self.notes["sr"])
        return self.notes.get("en", "")


@dataclass
class Service:
    id: str
    kind: str
    duration: int  # minutes
    names: dict[str, str]
    address: str = ""
    map_url: str = ""
    staff: str = ""
    capacity: int = 1
    hours: list[WeeklyHours] = field(default_factory=list)
    extra: list[dt.datetime] = field(default_factory=list)  # naive local times
    closed: set[dt.date] = field(default_factory=set)
    sessions: list[dt.datetime] = field(default_factory=list)  # naive local times (group)
    price: Price | None = None  # None: not stated in the file, so the bot says "ask the centre"

    @property
    def is_group(self) -> bool:
        return self.kind == GROUP

    def name(self, language: str) -> str:
        if language in self.names:
            return self.names[language]
        if language == "sr-Latn" and "sr" in self.names:
            return to_serbian_latin(self.names["sr"])
        return self.names.get("en") or next(iter(self.names.values()), self.id)


@dataclass
class Catalog:
    services: dict[str, Service] = field(default_factory=dict)

    def get(self, service_id: str) -> Service | None:
        return self.services.get(service_id)


def _line(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _parse_time(value: Any) -> dt.time | None:
    if isinstance(value, int):  # YAML reads 16:00 unquoted as minutes (sexagesimal)
        return dt.time(value // 60, value % 60) if 0 <= value < 24 * 60 else None
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _parse_local(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    try:
        return dt.datetime.fromisoformat(str(value).strip()).replace(tzinfo=None)
    except ValueError:
        return None


def _parse_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _parse_amount(value: str) -> tuple[Decimal, str] | None:
    match = _AMOUNT.match(value.strip())
    if match is None:
        return None
    code = (match.group(1) or match.group(4)).upper()
    number = (match.group(2) or match.group(3)).replace(",", ".")
    try:
        return Decimal(number), code
    except InvalidOperation:
        return None


def _price(raw: Any, service_id: str, line: int, add: Any) -> Price | None:
    """`price: free`, `price: EUR 20`, or `price: { amount: EUR 20, en: …, sl: … }`.
    Problems are reported; a price staff did not write is never made up."""
    notes: dict[str, str] = {}
    value = raw
    if isinstance(raw, dict):
        value = raw.get("amount")
        for key, text in raw.items():
            if key == "amount":
                continue
            if not isinstance(text, str | int | float) or not re.match(
                r"^[a-z]{2}(-[A-Za-z]+)?$", str(key)
            ):
                add(
                    line,
                    f"service '{service_id}': under 'price' write 'amount:' and a text per"
                    f" language (en:, sl:, uk:, sr:), not '{key}:'",
                )
                return None
            notes[str(key)] = str(text).strip()
    if value is None or str(value).strip() == "":
        add(line, f"service '{service_id}': price is empty: {PRICE_HELP}, or remove the line")
        return None
    if isinstance(value, bool) or not isinstance(value, str):
        add(line, f"service '{service_id}': price '{value}' has no currency: {PRICE_HELP}")
        return None
    if value.strip().lower() == FREE:
        return Price(None, notes=notes)
    parsed = _parse_amount(value)
    if parsed is None:
        add(line, f"service '{service_id}': price '{value}' is not understood: {PRICE_HELP}")
        return None
    amount, code = parsed
    if not is_currency(code):
        add(
            line,
            f"service '{service_id}': price '{value}': '{code}' is not a currency code (EUR, …)",
        )
        return None
    if amount == 0:
        return Price(None, notes=notes)  # "EUR 0" is free, said the way people say it
    return Price(amount, code, notes)


def _service(raw: Any, text: str, path: Path, add: Any) -> Service | None:
    if not isinstance(raw, dict):
        add(1, "each service must be a block of 'key: value' lines")
        return None
    service_id = str(raw.get("id") or "").strip()
    line = _line(text, f"id: {service_id}") if service_id else 1
    if not SERVICE_ID.match(service_id):
        add(line, f"service id '{service_id}' must be lowercase letters, digits and hyphens")
        return None
    kind = str(raw.get("kind") or "")
    if kind not in (ONE_TO_ONE, GROUP):
        add(line, f"service '{service_id}': kind must be '{ONE_TO_ONE}' or '{GROUP}'")
        return None
    duration = raw.get("duration")
    if not isinstance(duration, int) or not 5 <= duration <= 600:
        add(line, f"service '{service_id}': duration must be minutes between 5 and 600")
        return None
    names = raw.get("name")
    if not isinstance(names, dict) or "en" not in names:
        add(line, f"service '{service_id}': 'name' needs at least an 'en:' line")
        return None
    place: dict[str, Any] = raw["place"] if isinstance(raw.get("place"), dict) else {}
    service = Service(
        id=service_id,
        kind=kind,
        duration=duration,
        names={str(k): str(v) for k, v in names.items()},
        address=str(place.get("address") or ""),
        map_url=str(place.get("map") or ""),
        staff=str(raw.get("staff") or ""),
    )
    if "price" in raw:
        price_line = _line(text[text.find(f"id: {service_id}") :], "price:") + line - 1
        service.price = _price(raw["price"], service_id, price_line, add)
    if kind == GROUP:
        capacity = raw.get("capacity")
        if not isinstance(capacity, int) or capacity < 1:
            add(line, f"service '{service_id}': a group needs 'capacity', a whole number ≥ 1")
            return None
        service.capacity = capacity
        for value in raw.get("sessions") or []:
            moment = _parse_local(value)
            if moment is None:
                add(_line(text, str(value)), f"session '{value}' must look like 2027-01-12 17:30")
            else:
                service.sessions.append(moment)
        service.sessions.sort()
        if not service.sessions:
            add(line, f"service '{service_id}': a group needs at least one date under 'sessions'")
            return None
        return service
    for item in raw.get("hours") or []:
        if not isinstance(item, dict):
            add(line, f"service '{service_id}': each hours line is {{ day, from, to, every }}")
            continue
        day = str(item.get("day", "")).lower()[:3]
        start, end = _parse_time(item.get("from")), _parse_time(item.get("to"))
        every = item.get("every", duration)
        if (
            day not in WEEKDAYS
            or start is None
            or end is None
            or start >= end
            or not isinstance(every, int)
            or every < 5
        ):
            add(
                _line(text, f"day: {item.get('day')}"),
                f"service '{service_id}': hours need day (mon…sun), from < to (HH:MM), every ≥ 5",
            )
            continue
        service.hours.append(WeeklyHours(WEEKDAYS.index(day), start, end, every))
    for value in raw.get("extra") or []:
        moment = _parse_local(value)
        if moment is None:
            add(_line(text, str(value)), f"extra slot '{value}' must look like 2026-12-19 10:00")
        else:
            service.extra.append(moment)
    for value in raw.get("closed") or []:
        day_off = _parse_date(value)
        if day_off is None:
            add(_line(text, str(value)), f"closed day '{value}' must look like 2026-12-24")
        else:
            service.closed.add(day_off)
    if not service.hours and not service.extra:
        add(line, f"service '{service_id}': no 'hours' and no 'extra' slots: nothing to book")
    return service


def load_catalog(path: Path) -> tuple[Catalog, list[Problem]]:
    problems: list[Problem] = []
    shown = str(path)

    def add(line: int, message: str) -> None:
        problems.append(Problem(shown, line, "-", "error", message))

    if not path.exists():
        return Catalog(), []  # booking is optional: no file, nothing to book
    read = read_list(path, "services", add)
    if read is None:
        return Catalog(), problems
    text, raw_services = read
    catalog = Catalog()
    for raw in raw_services:
        service = _service(raw, text, path, add)
        if service is None:
            continue
        if service.id in catalog.services:
            add(_line(text, f"id: {service.id}"), f"duplicate service id '{service.id}'")
            continue
        catalog.services[service.id] = service
    return catalog, problems
