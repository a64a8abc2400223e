"""`<feature>:<action>[:<id>]` callback data: built and parsed only here, at most 64 bytes."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BYTES = 64


class CallbackDataTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Callback:
    feature: str
    action: str
    value: str = ""


def encode(feature: str, action: str, value: str | int = "") -> str:
    data = f"{feature}:{action}:{value}" if value != "" else f"{feature}:{action}"
    if len(data.encode()) > MAX_BYTES:
        raise CallbackDataTooLong(data)
    return data


def decode(data: str | None) -> Callback | None:
    """None for anything malformed: callback data comes from the client and is never trusted."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":", 2)
    if len(parts) < 2 or not all(parts[:2]):
        return None
    return Callback(parts[0], parts[1], parts[2] if len(parts) == 3 else "")


_ID = re.compile(r"^[0-9]{1,9}$")  # ASCII digits only ("¹".isdigit() is True), fits any int column
_STAMP = re.compile(r"^[0-9]{1,11}$")


def as_id(value: str) -> int | None:
    """A database id from callback data or a command argument; None for anything else."""
    return int(value) if _ID.match(value) else None


def as_timestamp(value: str) -> int | None:
    """Unix seconds from callback data, within what datetime accepts; None otherwise."""
    return int(value) if _STAMP.match(value) and int(value) < 253402300800 else None


def pattern(feature: str) -> str:
    return f"^{feature}:"


# The features and their actions, so a reader sees every callback the bot can receive.
FAQ = "faq"  # faq:open:<topic-id>, faq:home
LANGUAGE = "lang"  # lang:pick, lang:set:<locale>
ASK = "ask"  # ask:start, ask:reply:<relay-id> — write to the centre
BOOK = "book"  # book:start, book:svc:<service>, book:day:<service>:<yyyymmdd>, book:slot:<slot>,
# book:tp:<slot>:<topic|->, book:ok:<slot>:<topic|->, book:wait:<slot>
MY = "my"  # my:list, my:cancel:<booking>, my:cancelok:<booking>, my:move:<booking>,
# my:mday:<booking>:<yyyymmdd>, my:mto:<booking>:<slot>
OFFER = "offer"  # offer:yes:<booking>, offer:no:<booking>
COORDINATOR = "co"  # co:ok:<booking>, co:no:<booking>, co:why:<booking>:<reason>,
# co:att:<booking>:<unix start>:<p|n>, co:agenda:<yyyymmdd>
SURVEY = "survey"  # survey:score:<booking>:<1-5>, survey:skip:<booking>
PRIVACY = "privacy"  # privacy:export, privacy:forget, privacy:forgetok, privacy:region:<region>
REPORT = "report"  # report:period:<month|last-month|quarter|year|all>
NONE = "-"  # "no topic" in book:tp / book:ok
