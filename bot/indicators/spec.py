"""The indicators file staff edit (`faq/indicators.yaml`): which numbers the funder's report shows,
under which names, with which goals. The definitions themselves are code (see DEFINITIONS).

Loading never raises on bad content: problems come back with file and line, like the FAQ's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.booking.catalog import GROUP, ONE_TO_ONE, Catalog
from bot.faq.loader import Problem
from bot.i18n import to_serbian_latin
from bot.staff_yaml import read_list

INDICATOR_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
REQUIRED_NAMES = ("en", "sl")
FILTER_KEYS = ("service", "service_kind", "language")
PERCENT, PEOPLE, COUNT = "percent", "people", "count"


@dataclass(frozen=True)
class Definition:
    name: str
    unit: str
    filters: tuple[str, ...]  # the filters that make sense for it
    kind: str | None = None  # the service kind it is about, when fixed


_ALL_SERVICE = ("service", "service_kind", "language")
DEFINITIONS: dict[str, Definition] = {
    d.name: d
    for d in (
        Definition("people_attended_consultation", PEOPLE, ("service", "language"), ONE_TO_ONE),
        Definition("people_used_consultation", PEOPLE, ("service", "language"), ONE_TO_ONE),
        Definition("course_completions", PEOPLE, ("service", "language"), GROUP),
        Definition("participants", PEOPLE, _ALL_SERVICE),
        Definition("satisfied_share", PERCENT, _ALL_SERVICE),
        Definition("people_by_region", PEOPLE, _ALL_SERVICE),
        Definition("people_by_source", PEOPLE, ("language",)),
        Definition("faq_views", COUNT, ("language",)),
        Definition("questions_answered", COUNT, ("language",)),
        Definition("questions_unanswered", COUNT, ("language",)),
        Definition("bookings_by_status", COUNT, _ALL_SERVICE),
        Definition("no_show_rate", PERCENT, _ALL_SERVICE),
        Definition("new_people", PEOPLE, ("language",)),
        Definition("people_reminded_of_deadline", PEOPLE, ("language",)),
        Definition("course_nudges", COUNT, ("language",)),
        Definition("announcements_delivered", COUNT, ("language",)),
        Definition("announcement_registrations", COUNT, ("language",)),
        Definition("unsubscribes", COUNT, ("language",)),
    )
}


@dataclass(frozen=True)
class Filters:
    service: str | None = None
    service_kind: str | None = None
    language: str | None = None


@dataclass
class IndicatorSpec:
    id: str
    definition: str
    names: dict[str, str]
    filters: Filters = field(default_factory=Filters)
    goal: float | None = None
    comments: dict[str, str] = field(default_factory=dict)

    def name(self, language: str) -> str:
        return _pick(self.names, language) or self.id

    def comment(self, language: str) -> str:
        return _pick(self.comments, language)

    @property
    def unit(self) -> str:
        return DEFINITIONS[self.definition].unit


def _pick(texts: dict[str, str], language: str) -> str:
    if language in texts:
        return texts[language]
    if language == "sr-Latn" and "sr" in texts:
        return to_serbian_latin(texts["sr"])
    return texts.get("en", "")


@dataclass
class IndicatorFile:
    indicators: list[IndicatorSpec] = field(default_factory=list)


def _line(text: str, needle: str, after: int = 1) -> int:
    lines = text.splitlines()
    for number in range(max(after, 1), len(lines) + 1):
        if needle in lines[number - 1]:
            return number
    return after


def _texts(value: Any) -> dict[str, str] | None:
    if not isinstance(value, dict):
        return None
    return {str(k): str(v).strip() for k, v in value.items() if v is not None and str(v).strip()}


def _indicator(
    raw: Any, text: str, add: Any, catalog: Catalog | None, languages: list[str]
) -> IndicatorSpec | None:
    if not isinstance(raw, dict):
        add(1, "each indicator must be a block of 'key: value' lines")
        return None
    indicator_id = str(raw.get("id") or "").strip()
    line = _line(text, f"id: {indicator_id}") if indicator_id else 1
    if not INDICATOR_ID.match(indicator_id):
        add(line, f"indicator id '{indicator_id}' must be lowercase letters, digits and hyphens")
        return None
    where = f"indicator '{indicator_id}'"
    definition = str(raw.get("definition") or "").strip()
    if definition not in DEFINITIONS:
        add(
            _line(text, "definition:", line),
            f"{where}: unknown definition '{definition}' (one of: {', '.join(DEFINITIONS)})",
        )
        return None
    names = _texts(raw.get("name"))
    missing = [lang for lang in REQUIRED_NAMES if not names or lang not in names]
    if names is None or missing:
        add(
            _line(text, "name:", line),
            f"{where}: 'name' needs a line for each of: {', '.join(missing or REQUIRED_NAMES)}",
        )
        return None
    filters = _filters(raw.get("filter"), DEFINITIONS[definition], where, text, line, add)
    filters = _check_filter_values(filters, definition, where, text, line, add, catalog, languages)
    goal_raw = raw.get("goal")
    goal: float | None = None
    if goal_raw is not None:
        valid = isinstance(goal_raw, int | float) and not isinstance(goal_raw, bool)
        if (
            not valid
            or goal_raw < 0
            or (DEFINITIONS[definition].unit == PERCENT and goal_raw > 100)
        ):
            limit = " up to 100 (a percentage)" if DEFINITIONS[definition].unit == PERCENT else ""
            add(
                _line(text, "goal:", line),
                f"{where}: goal must be a number ≥ 0{limit}, or null for no goal "
                f"(found '{goal_raw}')",
            )
        else:
            goal = float(goal_raw)
    comments = _texts(raw.get("comment")) if raw.get("comment") is not None else {}
    if comments is None:
        add(_line(text, "comment:", line), f"{where}: 'comment' must be one line per language")
        comments = {}
    if filters is None:
        return None
    return IndicatorSpec(indicator_id, definition, names, filters, goal, comments)


def _filters(
    raw: Any, definition: Definition, where: str, text: str, line: int, add: Any
) -> Filters | None:
    if raw is None:
        return Filters()
    at = _line(text, "filter:", line)
    if not isinstance(raw, dict):
        add(at, f"{where}: 'filter' must be lines like 'service: consultation'")
        return None
    ok = True
    for key in raw:
        if key not in FILTER_KEYS:
            add(at, f"{where}: unknown filter '{key}' (one of: {', '.join(FILTER_KEYS)})")
            ok = False
        elif key not in definition.filters:
            add(at, f"{where}: filter '{key}' does not apply to {definition.name}")
            ok = False
    if not ok:
        return None
    values = {k: (str(v).strip() if v is not None else None) for k, v in raw.items()}
    return Filters(**values)


def _check_filter_values(
    filters: Filters | None,
    definition: str,
    where: str,
    text: str,
    line: int,
    add: Any,
    catalog: Catalog | None,
    languages: list[str],
) -> Filters | None:
    if filters is None:
        return None
    at = _line(text, "filter:", line)
    ok = True
    fixed_kind = DEFINITIONS[definition].kind
    if filters.service_kind is not None and filters.service_kind not in (ONE_TO_ONE, GROUP):
        add(at, f"{where}: service_kind must be '{ONE_TO_ONE}' or '{GROUP}'")
        ok = False
    if filters.service is not None and catalog is not None and catalog.services:
        service = catalog.get(filters.service)
        if service is None:
            known = ", ".join(catalog.services)
            add(at, f"{where}: unknown service '{filters.service}' (services.yaml has: {known})")
            ok = False
        elif fixed_kind is not None and service.kind != fixed_kind:
            add(at, f"{where}: {definition} counts {fixed_kind} services; '{service.id}' is not")
            ok = False
    if filters.language is not None and languages and filters.language not in languages:
        add(at, f"{where}: language must be one of: {', '.join(languages)}")
        ok = False
    return filters if ok else None


def load_indicators(
    path: Path, *, catalog: Catalog | None = None, languages: list[str] | None = None
) -> tuple[IndicatorFile, list[Problem]]:
    """The indicators in `path` (none when the file does not exist) and what is wrong with it."""
    problems: list[Problem] = []
    shown = str(path)

    def add(line: int, message: str) -> None:
        problems.append(Problem(shown, line, "-", "error", message))

    if not path.exists():
        return IndicatorFile(), []
    read = read_list(path, "indicators", add)
    if read is None:
        return IndicatorFile(), problems
    text, raw_list = read
    loaded = IndicatorFile()
    seen: set[str] = set()
    for raw in raw_list:
        spec = _indicator(raw, text, add, catalog, languages or [])
        if spec is None:
            continue
        if spec.id in seen:
            first = _line(text, f"id: {spec.id}")
            add(_line(text, f"id: {spec.id}", first + 1), f"duplicate indicator id '{spec.id}'")
            continue
        seen.add(spec.id)
        loaded.indicators.append(spec)
    return loaded, problems
