"""Deadline reminders' buttons (bot/handlers/deadlines.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.handlers.callback_data.core import DEADLINE, Action, register


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
