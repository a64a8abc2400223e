"""Privacy buttons: what is stored, forgetting, the region of origin and consent."""

from __future__ import annotations

from dataclasses import dataclass

from bot.handlers.callback_data.core import PRIVACY, Action, register


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
