"""Callback data: one small frozen type per button action, `<feature>:<action>[:<field>…]`,
at most 64 bytes, built and parsed only here. A handler gets a typed value (`BookDay(service,
day)`) or None, never a string to split. Everything from a client is untrusted: ids are ASCII
digits that fit a column, days are real dates, words are short plain tokens; anything else
parses to None.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from functools import cache
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
    try:
        return dt.datetime.strptime(value, "%Y%m%d").date()
    except ValueError:
        return None


class Stamp(int):
    """Unix seconds (a meeting's start) in callback data."""


_PARSERS: dict[Any, Any] = {
    int: as_id,
    Stamp: lambda v: Stamp(s) if (s := as_timestamp(v)) is not None else None,
    str: lambda v: v if _WORD.match(v) else None,
    dt.date: _as_day,
}


def _dump(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%Y%m%d}"
    return str(value)


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
        values = [_dump(getattr(self, f.name)) for f in fields(self)]  # type: ignore[arg-type]
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


@cache
def _field_types(cls: type[Action]) -> tuple[tuple[str, Any], ...]:
    """Each field's name and type, worked out once per action: `get_type_hints` evaluates the
    annotations every time, and `parse` runs on every button press."""
    hints = get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in fields(cls))  # type: ignore[arg-type]


@dataclass(frozen=True)
class Malformed(Action, feature="", action=""):
    """What a press whose data does not parse gets: the handler shows its starting point."""


def pattern(feature: str) -> str:
    return f"^{feature}:"


# The features, and every callback the bot can receive.
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
NONE = "-"  # "no topic" in BookTopic / BookConfirm, "no interpreter" in BookInterpreter
TYPED = "x"  # the interpreter's language was typed: the booking draft holds it


# -- the actions, per feature ----------------------------------------------------------------


@register
@dataclass(frozen=True)
class FaqHome(Action, feature=FAQ, action="home"):
    pass


@register
@dataclass(frozen=True)
class FaqOpen(Action, feature=FAQ, action="open"):
    topic: str


@register
@dataclass(frozen=True)
class LangPick(Action, feature=LANGUAGE, action="pick"):
    pass


@register
@dataclass(frozen=True)
class LangSet(Action, feature=LANGUAGE, action="set"):
    locale: str


@register
@dataclass(frozen=True)
class AskStart(Action, feature=ASK, action="start"):
    pass


@register
@dataclass(frozen=True)
class AskReply(Action, feature=ASK, action="reply"):
    relay_id: int


@register
@dataclass(frozen=True)
class BookStart(Action, feature=BOOK, action="start"):
    pass


@register
@dataclass(frozen=True)
class BookService(Action, feature=BOOK, action="svc"):
    service: str


@register
@dataclass(frozen=True)
class BookDay(Action, feature=BOOK, action="day"):
    service: str
    day: dt.date


@register
@dataclass(frozen=True)
class BookSlot(Action, feature=BOOK, action="slot"):
    slot_id: int


@register
@dataclass(frozen=True)
class BookTopic(Action, feature=BOOK, action="tp"):
    slot_id: int
    topic: str


@register
@dataclass(frozen=True)
class BookConfirm(Action, feature=BOOK, action="ok"):
    slot_id: int
    topic: str


@register
@dataclass(frozen=True)
class BookConfirmWith(Action, feature=BOOK, action="ok"):
    """Confirm with an interpreter: a language code, or TYPED (the draft holds the text)."""

    slot_id: int
    topic: str
    interpreter: str


@register
@dataclass(frozen=True)
class BookInterpreter(Action, feature=BOOK, action="ip"):
    """The interpreter step's answer: NONE, a language code, or TYPED; then the confirm screen."""

    slot_id: int
    topic: str
    interpreter: str


@register
@dataclass(frozen=True)
class BookInterpreterOther(Action, feature=BOOK, action="ipo"):
    """Another language: the person types its name."""

    slot_id: int
    topic: str


@register
@dataclass(frozen=True)
class BookAgain(Action, feature=BOOK, action="again"):
    """A new time after the centre declined a booking: its topic, note and interpreter stay."""

    booking_id: int
    slot_id: int


@register
@dataclass(frozen=True)
class BookWait(Action, feature=BOOK, action="wait"):
    slot_id: int


@register
@dataclass(frozen=True)
class MyList(Action, feature=MY, action="list"):
    pass


@register
@dataclass(frozen=True)
class MyCancel(Action, feature=MY, action="cancel"):
    booking_id: int


@register
@dataclass(frozen=True)
class MyCancelConfirm(Action, feature=MY, action="cancelok"):
    booking_id: int


@register
@dataclass(frozen=True)
class MyMove(Action, feature=MY, action="move"):
    booking_id: int


@register
@dataclass(frozen=True)
class MyMoveDay(Action, feature=MY, action="mday"):
    booking_id: int
    day: dt.date


@register
@dataclass(frozen=True)
class MyMoveTo(Action, feature=MY, action="mto"):
    booking_id: int
    slot_id: int


@register
@dataclass(frozen=True)
class MyLeave(Action, feature=MY, action="leave"):
    waiting_id: int


@register
@dataclass(frozen=True)
class OfferYes(Action, feature=OFFER, action="yes"):
    booking_id: int


@register
@dataclass(frozen=True)
class OfferNo(Action, feature=OFFER, action="no"):
    booking_id: int


@register
@dataclass(frozen=True)
class CoConfirm(Action, feature=COORDINATOR, action="ok"):
    booking_id: int


@register
@dataclass(frozen=True)
class CoDecline(Action, feature=COORDINATOR, action="no"):
    booking_id: int


@register
@dataclass(frozen=True)
class CoReason(Action, feature=COORDINATOR, action="why"):
    booking_id: int
    reason: str


@register
@dataclass(frozen=True)
class CoMark(Action, feature=COORDINATOR, action="att"):
    booking_id: int
    starts: Stamp
    mark: str


# The /pending list: the same decisions as a notice's buttons, made from the shared view.
@register
@dataclass(frozen=True)
class CoList(Action, feature=COORDINATOR, action="list"):
    pass


@register
@dataclass(frozen=True)
class CoListConfirm(Action, feature=COORDINATOR, action="lok"):
    booking_id: int


@register
@dataclass(frozen=True)
class CoListDecline(Action, feature=COORDINATOR, action="lno"):
    booking_id: int


@register
@dataclass(frozen=True)
class CoListReason(Action, feature=COORDINATOR, action="lwhy"):
    booking_id: int
    reason: str


@register
@dataclass(frozen=True)
class CoReasonsBack(Action, feature=COORDINATOR, action="back"):
    booking_id: int
    view: str  # "notice" or "list": where the reasons were shown


@register
@dataclass(frozen=True)
class CoCloseSlot(Action, feature=COORDINATOR, action="close"):
    slot_id: int


@register
@dataclass(frozen=True)
class CoKeepSlot(Action, feature=COORDINATOR, action="keep"):
    slot_id: int


@register
@dataclass(frozen=True)
class SurveyScore(Action, feature=SURVEY, action="score"):
    booking_id: int
    score: int


@register
@dataclass(frozen=True)
class SurveySkip(Action, feature=SURVEY, action="skip"):
    booking_id: int


@register
@dataclass(frozen=True)
class PrivacyExport(Action, feature=PRIVACY, action="export"):
    pass


@register
@dataclass(frozen=True)
class PrivacyForget(Action, feature=PRIVACY, action="forget"):
    pass


@register
@dataclass(frozen=True)
class PrivacyForgetConfirm(Action, feature=PRIVACY, action="forgetok"):
    pass


@register
@dataclass(frozen=True)
class PrivacyKeep(Action, feature=PRIVACY, action="keep"):
    pass


@register
@dataclass(frozen=True)
class PrivacyAbout(Action, feature=PRIVACY, action="about"):
    pass


@register
@dataclass(frozen=True)
class PrivacyRegionMenu(Action, feature=PRIVACY, action="region"):
    pass


@register
@dataclass(frozen=True)
class PrivacyRegion(Action, feature=PRIVACY, action="region"):
    region: str


@register
@dataclass(frozen=True)
class ConsentYes(Action, feature=PRIVACY, action="agree"):
    step: str  # where the person was going: continued after they agree


@register
@dataclass(frozen=True)
class ConsentNo(Action, feature=PRIVACY, action="refuse"):
    pass


@register
@dataclass(frozen=True)
class ReportPeriod(Action, feature=REPORT, action="period"):
    code: str


# -- deadlines (bot/handlers/deadlines.py) ---------------------------------------------------
DEADLINE = "dl"


@register
@dataclass(frozen=True)
class DlList(Action, feature=DEADLINE, action="list"):
    pass


@register
@dataclass(frozen=True)
class DlNew(Action, feature=DEADLINE, action="new"):
    pass


@register
@dataclass(frozen=True)
class DlKind(Action, feature=DEADLINE, action="kind"):
    kind: str


@register
@dataclass(frozen=True)
class DlYear(Action, feature=DEADLINE, action="y"):
    deadline_id: int
    year: int


@register
@dataclass(frozen=True)
class DlMonth(Action, feature=DEADLINE, action="m"):
    deadline_id: int
    year: int
    month: int


@register
@dataclass(frozen=True)
class DlDay(Action, feature=DEADLINE, action="d"):
    deadline_id: int
    day: dt.date


@register
@dataclass(frozen=True)
class DlOpen(Action, feature=DEADLINE, action="open"):
    deadline_id: int


@register
@dataclass(frozen=True)
class DlEdit(Action, feature=DEADLINE, action="edit"):
    deadline_id: int


@register
@dataclass(frozen=True)
class DlDelete(Action, feature=DEADLINE, action="del"):
    deadline_id: int


@register
@dataclass(frozen=True)
class DlDeleteOk(Action, feature=DEADLINE, action="delok"):
    deadline_id: int


@register
@dataclass(frozen=True)
class DlTick(Action, feature=DEADLINE, action="tick"):
    deadline_id: int
    step: int


# -- course follow-up and announcements (issue 14) ---------------------------------------------
COURSE = "course"
SUBSCRIBE = "sub"
ANNOUNCE = "ann"


@register
@dataclass(frozen=True)
class CourseCome(Action, feature=COURSE, action="come"):
    booking_id: int


@register
@dataclass(frozen=True)
class CourseStop(Action, feature=COURSE, action="stop"):
    booking_id: int


@register
@dataclass(frozen=True)
class SubToggle(Action, feature=SUBSCRIBE, action="t"):
    topic: str


@register
@dataclass(frozen=True)
class SubOff(Action, feature=SUBSCRIBE, action="off"):
    """The one-tap unsubscribe under an announcement."""

    topic: str


@register
@dataclass(frozen=True)
class AnnSkip(Action, feature=ANNOUNCE, action="skip"):
    announcement_id: int
    language: str


@register
@dataclass(frozen=True)
class AnnTopic(Action, feature=ANNOUNCE, action="topic"):
    announcement_id: int
    topic: str


@register
@dataclass(frozen=True)
class AnnSlots(Action, feature=ANNOUNCE, action="slots"):
    announcement_id: int


@register
@dataclass(frozen=True)
class AnnSlot(Action, feature=ANNOUNCE, action="slot"):
    announcement_id: int
    slot_id: int


@register
@dataclass(frozen=True)
class AnnSend(Action, feature=ANNOUNCE, action="send"):
    announcement_id: int


@register
@dataclass(frozen=True)
class AnnStop(Action, feature=ANNOUNCE, action="stop"):
    announcement_id: int


@register
@dataclass(frozen=True)
class AnnRegister(Action, feature=ANNOUNCE, action="reg"):
    """ "Register" under an event's announcement (a person's button)."""

    announcement_id: int
