"""The front desk's buttons: the FAQ menu, the language picker, "Ask a person"."""

from __future__ import annotations

from dataclasses import dataclass

from bot.handlers.callback_data.core import ASK, FAQ, LANGUAGE, Action, register


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
