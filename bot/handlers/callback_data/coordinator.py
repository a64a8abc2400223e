"""Coordinators' buttons: decisions on a notice or the /pending list, attendance, slots, reports."""

from __future__ import annotations

from dataclasses import dataclass

from bot.handlers.callback_data.core import COORDINATOR, REPORT, Action, Stamp, register


@register
@dataclass(frozen=True)
class CoConfirm(Action, feature=COORDINATOR, action="ok"):
    booking_id: int


@register
@dataclass(frozen=True)
class CoConfirmAt(Action, feature=COORDINATOR, action="ok"):
    """Confirm on a notice, naming the slot the notice showed: a booking moved since then is
    not confirmed at a time the coordinator did not see (`CoConfirm`: notices from before)."""

    booking_id: int
    slot_id: int


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
class ReportPeriod(Action, feature=REPORT, action="period"):
    code: str
