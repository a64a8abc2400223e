"""A migrant's booking buttons: the booking steps, their own bookings, a held place's
offer, and the survey after a meeting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.handlers.callback_data.core import BOOK, MY, OFFER, SURVEY, Action, Stamp, register


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
class BookServiceFrom(Action, feature=BOOK, action="svcf"):
    """The service's days from `day` on: the next page of the day picker."""

    service: str
    day: dt.date


@register
@dataclass(frozen=True)
class BookDay(Action, feature=BOOK, action="day"):
    service: str
    day: dt.date


@register
@dataclass(frozen=True)
class BookDayFrom(Action, feature=BOOK, action="dayf"):
    """A day's free times from `start` on: the next page of a full day."""

    service: str
    day: dt.date
    start: Stamp


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
class MyMoveFrom(Action, feature=MY, action="movef"):
    """`BookServiceFrom` while moving a booking."""

    booking_id: int
    day: dt.date


@register
@dataclass(frozen=True)
class MyMoveDay(Action, feature=MY, action="mday"):
    booking_id: int
    day: dt.date


@register
@dataclass(frozen=True)
class MyMoveDayFrom(Action, feature=MY, action="mdayf"):
    """`BookDayFrom` while moving a booking."""

    booking_id: int
    day: dt.date
    start: Stamp


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
class SurveyScore(Action, feature=SURVEY, action="score"):
    booking_id: int
    score: int


@register
@dataclass(frozen=True)
class SurveySkip(Action, feature=SURVEY, action="skip"):
    booking_id: int
