"""Course follow-up, subscriptions and announcements' buttons (issue 14)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.handlers.callback_data.core import ANNOUNCE, COURSE, SUBSCRIBE, Action, register


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
