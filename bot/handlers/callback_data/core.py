"""The core of callback data: one small frozen type per button action,
`<feature>:<action>[:<field>…]`, at most 64 bytes, built and parsed only in this package (each
feature's actions live in a module of their own beside this one). A handler gets a typed value
(`BookDay(service, day)`) or None, never a string to split. Everything from a client is
untrusted: ids are ASCII digits that fit a column, days are real dates, words are short plain
tokens; anything else parses to None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from typing import Any, ClassVar, TypeVar, get_type_hints

MAX_BYTES = 64

_ID = re.compile(r"^[0-9]{1,9}$")  # ASCII digits only ("¹".isdigit() is True), fits any int column
_STAMP = re.compile(r"^[0-9]{1,11}$")
_WORD = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")  # ids of topics, services, locales, reasons
_DAY = re.compile(r"^[0-9]{8}$")


class CallbackDataTooLong(ValueError):
    pass


def as_id(value: str) -> int | None:
    """A database id from callback data or a command argument; None for anything else."""
    return int(value) if _ID.match(value) else None


def as_timestamp(value: str) -> int | None:
    """Unix seconds from callback data, within what datetime accepts; None otherwise."""
    return int(value) if _STAMP.match(value) and int(value) < 253402300800 else None


def _as_day(value: str) -> dt.date | None:
    if not _DAY.match(value):
        return None
    try:  # eight digits: strptime would parse the same, ten times slower
        return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:  # no such day (20261301, 00000101)
        return None


class Stamp(int):
    """Unix seconds (a meeting's start) in callback data."""

    @classmethod
    def of(cls, moment: dt.datetime) -> Stamp:
        return cls(int(moment.timestamp()))

    def moment(self) -> dt.datetime:
        return dt.datetime.fromtimestamp(self, tz=dt.UTC)


_PARSERS: dict[Any, Any] = {
    int: as_id,
    Stamp: lambda v: Stamp(s) if (s := as_timestamp(v)) is not None else None,
    str: lambda v: v if _WORD.match(v) else None,
    dt.date: _as_day,
}


def _dump(value: Any) -> str:
    if isinstance(value, dt.date):  # as "%Y%m%d" would, without strftime (a day picker has 35)
        return f"{value.year:04d}{value.month:02d}{value.day:02d}"
    return str(value)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """An action's fields in order, looked up once per class (a picker encodes dozens)."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


class Action:
    """A button's meaning. Subclasses are frozen dataclasses declared with their feature and
    action: `class BookDay(Action, feature=BOOK, action="day")`."""

    FEATURE: ClassVar[str]
    ACTION: ClassVar[str]
    _known: ClassVar[dict[tuple[str, str, int], type[Action]]] = {}

    def __init_subclass__(cls, *, feature: str, action: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.FEATURE, cls.ACTION = feature, action

    def encode(self) -> str:
        values = [_dump(getattr(self, name)) for name in _field_names(type(self))]
        data = ":".join([self.FEATURE, self.ACTION, *values])
        if len(data.encode()) > MAX_BYTES:
            raise CallbackDataTooLong(data)
        return data


A = TypeVar("A", bound=Action)


def register(cls: type[A]) -> type[A]:
    """Make a declared action parseable (the number of fields tells `faq:home` from
    `faq:open:<topic>` and `privacy:region` from `privacy:region:<region>`)."""
    Action._known[(cls.FEATURE, cls.ACTION, len(fields(cls)))] = cls  # type: ignore[arg-type]
    return cls


def parse(data: str | None) -> Action | None:
    """The typed action, or None for anything malformed, unknown or out of range."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    feature, _, rest = data.partition(":")
    action, _, values = rest.partition(":")
    parts = values.split(":") if values else []
    cls = Action._known.get((feature, action, len(parts)))
    if cls is None:
        return None
    parsed = {}
    for (name, kind), raw in zip(_field_types(cls), parts, strict=True):
        value = _PARSERS[kind](raw)
        if value is None:
            return None
        parsed[name] = value
    return cls(**parsed)


_FIELD_TYPES: dict[type[Action], tuple[tuple[str, Any], ...]] = {}


def _field_types(cls: type[Action]) -> tuple[tuple[str, Any], ...]:
    """Each field's name and type, worked out once per action: `get_type_hints` evaluates the
    annotations every time, and `parse` runs on every button press."""
    found = _FIELD_TYPES.get(cls)
    if found is None:
        hints = get_type_hints(cls)
        found = tuple((f.name, hints[f.name]) for f in fields(cls))  # type: ignore[arg-type]
        _FIELD_TYPES[cls] = found
    return found


@dataclass(frozen=True)
class Malformed(Action, feature="", action=""):
    """What a press whose data does not parse gets: the handler shows its starting point."""


def pattern(feature: str) -> str:
    return f"^{feature}:"


# The features: every callback's first word, in one place so that no two collide.
FAQ = "faq"
LANGUAGE = "lang"
ASK = "ask"
BOOK = "book"
MY = "my"
OFFER = "offer"
COORDINATOR = "co"
SURVEY = "survey"
PRIVACY = "privacy"
REPORT = "report"
DEADLINE = "dl"
COURSE = "course"
SUBSCRIBE = "sub"
ANNOUNCE = "ann"
NONE = "-"  # "no topic" in BookTopic / BookConfirm, "no interpreter" in BookInterpreter
TYPED = "x"  # the interpreter's language was typed: the booking draft holds it
