"""`arrival-desk faq check`: what staff can get wrong in `faq/` and `locales/`, with file and line.

Errors stop a reload from going live (the bot keeps the last good content); warnings do not.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel import Locale, UnknownLocaleError
from fluent.syntax import FluentParser, ast
from fluent.syntax.visitor import Visitor

from bot.booking.catalog import load_catalog
from bot.deadline_file import FILE_NAME as DEADLINES_FILE
from bot.deadline_file import check_deadlines
from bot.faq.figures import changed_figures
from bot.faq.loader import Problem, load_faq
from bot.faq.model import SERBIAN_LATIN, FaqContent, Topic
from bot.faq.render import TELEGRAM_LIMIT, markdown_to_html
from bot.indicators.spec import load_indicators

CALLBACK_LIMIT = 64
CALLBACK_PREFIX = "faq:open:"  # the longest FAQ callback data is this plus the topic id
LONG_ANSWER = 3500
TITLE_LIMIT = 60
DEFAULT_REVIEW_MONTHS = 6  # REVIEW_MONTHS in the settings
FALLBACK = "en"
_TOPIC_LINK = re.compile(r"\]\(topic:([^)\s]*)\)")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def lines(self) -> list[str]:
        ordered = sorted(self.errors, key=_order) + sorted(self.warnings, key=_order)
        return [p.format() for p in ordered]

    def summary(self) -> str:
        return f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"


def _order(problem: Problem) -> tuple[str, int, str]:
    return (problem.file, problem.line, problem.message)


def served_languages(locales_dir: Path) -> list[str]:
    """The languages the bot serves, read from `locales/` (sr-Latn is derived from sr)."""
    if not locales_dir.is_dir():
        return [FALLBACK]
    found = {p.name for p in locales_dir.iterdir() if p.is_dir()}
    found.discard(SERBIAN_LATIN)
    return sorted(found)


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _line_containing(path: Path, needle: str) -> int:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if needle in line:
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def check_content(
    content: FaqContent,
    faq_dir: Path,
    languages: list[str],
    *,
    today: dt.date,
    review_months: int = DEFAULT_REVIEW_MONTHS,
) -> list[Problem]:
    problems: list[Problem] = []

    def add(path: Path, line: int, language: str, message: str, *, warning: bool = False) -> None:
        problems.append(
            Problem(
                _shown(path, faq_dir), line, language, "warning" if warning else "error", message
            )
        )

    for folder in sorted(p for p in faq_dir.iterdir() if p.is_dir()) if faq_dir.is_dir() else []:
        for md in sorted(folder.glob("*.md")):
            if md.stem not in languages and md.stem != SERBIAN_LATIN:
                add(
                    md,
                    1,
                    md.stem,
                    f"'{md.stem}' is not a served language "
                    f"(expected one of: {', '.join(languages)}); check the file name",
                )
    for topic in content.topics.values():
        yaml_path = topic.path or faq_dir
        if "--" in topic.id:
            add(yaml_path, 1, "-", "a topic id must not contain '--' (it separates deep-link tags)")
        if len((CALLBACK_PREFIX + topic.id).encode()) > CALLBACK_LIMIT:
            add(yaml_path, 1, "-", f"id too long for a Telegram button ({CALLBACK_LIMIT} bytes)")
        due = topic.review_due(review_months)
        if topic.reviewed and due and today > due:
            add(
                yaml_path,
                _line_containing(yaml_path, "reviewed"),
                "-",
                f"review overdue since {due.isoformat()} (reviewed {topic.reviewed.isoformat()}, "
                f"a review holds {topic.review_months or review_months} months): the bot shows "
                "the answer with a note that it is being re-checked; check the sources and "
                "update 'reviewed'",
                warning=True,
            )
        for link in topic.sources:
            for language in sorted(set(link.titles) - set(languages) - {SERBIAN_LATIN}):
                add(
                    yaml_path,
                    _line_containing(yaml_path, link.url),
                    language,
                    f"a source title for '{language}', which is not a served language "
                    f"(expected one of: {', '.join(languages)})",
                    warning=True,
                )
        if topic.parent and _has_cycle(content, topic.id):
            add(
                yaml_path,
                _line_containing(yaml_path, "parent"),
                "-",
                f"parent chain loops back to '{topic.id}'",
            )
        source = topic.translations.get(topic.source_language)
        if source is None and not (yaml_path.parent / f"{topic.source_language}.md").exists():
            add(
                yaml_path,
                1,
                topic.source_language,
                f"the source language file {topic.source_language}.md is missing",
            )
        for language in languages:
            translation = topic.translations.get(language)
            if translation is None:
                add(
                    yaml_path.parent / f"{language}.md",
                    1,
                    language,
                    _missing_translation(content, topic, language),
                    warning=True,
                )
                continue
            if topic.is_stale(language) and source is not None and source.updated:
                add(
                    translation.path,
                    _line_containing(translation.path, "updated"),
                    language,
                    f"stale: updated {translation.updated}, but the "
                    f"{topic.source_language} text changed on {source.updated.isoformat()}",
                    warning=True,
                )
        for language, translation in topic.translations.items():
            if translation.derived:
                continue
            if len(translation.title) > TITLE_LIMIT:
                add(
                    translation.path,
                    2,
                    language,
                    f"title is {len(translation.title)} characters; keep it under {TITLE_LIMIT} "
                    "for a button",
                    warning=True,
                )
            html_length = len(markdown_to_html(translation.body))
            if html_length > TELEGRAM_LIMIT:
                add(
                    translation.path,
                    1,
                    language,
                    f"answer too long ({html_length} characters): it will be split into several "
                    "messages; shorten it or make sub-questions",
                    warning=True,
                )
            elif len(translation.body) > LONG_ANSWER:
                add(
                    translation.path,
                    1,
                    language,
                    f"long answer ({len(translation.body)} characters): hard to read on a phone",
                    warning=True,
                )
            for target in _TOPIC_LINK.findall(translation.body):
                if target not in content.topics:
                    add(
                        translation.path,
                        _line_containing(translation.path, f"topic:{target}"),
                        language,
                        f"link to unknown topic '{target}'",
                    )
    return problems


def _missing_translation(content: FaqContent, topic: Topic, language: str) -> str:
    """What the running bot does for this reader, asked of the same lookup it uses."""
    shown = content.translation(topic, language)
    readers = _english_name(language) + (" (Cyrillic and Latin)" if language == "sr" else "")
    name = _english_name(shown.language)
    return (
        f"translation missing: {readers} readers see the {name} answer ({shown.path.name}) "
        f"instead, with its {name} title on the menu button"
    )


def _english_name(language: str) -> str:
    try:
        return str(Locale.parse(language.replace("-", "_")).get_display_name("en"))
    except (UnknownLocaleError, ValueError):
        return language


def _has_cycle(content: FaqContent, topic_id: str) -> bool:
    seen = {topic_id}
    current = content.topics[topic_id].parent
    while current:
        if current in seen:
            return True
        seen.add(current)
        parent = content.topics.get(current)
        current = parent.parent if parent else None
    return False


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: ast.VariableReference) -> None:
        self.names.add(node.id.name)


def _ftl_entries(
    path: Path, language: str, problems: list[Problem], root: Path
) -> dict[str, tuple[set[str], int]]:
    shown = _shown(path, root)
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        problems.append(Problem(shown, 1, language, "error", "not a readable UTF-8 text file"))
        return {}
    if "\x00" in text:
        problems.append(Problem(shown, 1, language, "error", "this is not a text file"))
        return {}
    entries: dict[str, tuple[set[str], int]] = {}
    resource = FluentParser(with_spans=True).parse(text)
    for entry in resource.body:
        line = text.count("\n", 0, entry.span.start) + 1 if entry.span else 1
        if isinstance(entry, ast.Junk):
            message = entry.annotations[0].message if entry.annotations else "cannot be read"
            problems.append(
                Problem(shown, line, language, "error", f"Fluent syntax error: {message}")
            )
        elif isinstance(entry, ast.Message | ast.Term):
            key = ("-" if isinstance(entry, ast.Term) else "") + entry.id.name
            visitor = _Variables()
            visitor.visit(entry)
            entries[key] = (visitor.names, line)
    return entries


def check_locales(locales_dir: Path) -> list[Problem]:
    problems: list[Problem] = []
    if not (locales_dir / FALLBACK).is_dir():
        return [
            Problem(str(locales_dir), 1, FALLBACK, "error", "the English locale folder is missing")
        ]
    catalogues: dict[str, dict[str, tuple[set[str], int, Path]]] = {}
    for folder in sorted(p for p in locales_dir.iterdir() if p.is_dir()):
        merged: dict[str, tuple[set[str], int, Path]] = {}
        for path in sorted(folder.glob("*.ftl")):
            for key, (names, line) in _ftl_entries(
                path, folder.name, problems, locales_dir
            ).items():
                merged[key] = (names, line, path)
        catalogues[folder.name] = merged
    english = catalogues[FALLBACK]
    for language, messages in catalogues.items():
        if language in (FALLBACK, SERBIAN_LATIN):
            continue  # sr-Latn only overrides single messages of sr
        folder = locales_dir / language
        for key, (names, _line, path) in english.items():
            if key not in messages:
                problems.append(
                    Problem(
                        _shown(folder / path.name, locales_dir),
                        1,
                        language,
                        "error",
                        f"message '{key}' is missing",
                    )
                )
            elif messages[key][0] != names:
                own_names, own_line, own_path = messages[key]
                problems.append(
                    Problem(
                        _shown(own_path, locales_dir),
                        own_line,
                        language,
                        "error",
                        f"message '{key}' uses variables {sorted(own_names)}, English uses "
                        f"{sorted(names)}",
                    )
                )
        for key, (_, line, path) in messages.items():
            if key not in english:
                problems.append(
                    Problem(
                        _shown(path, locales_dir),
                        line,
                        language,
                        "warning",
                        f"message '{key}' is not in English (unused?)",
                    )
                )
    return problems


def check(
    faq_dir: Path,
    locales_dir: Path,
    *,
    today: dt.date,
    services_file: Path | None = None,
    default_language: str = FALLBACK,
    review_months: int = DEFAULT_REVIEW_MONTHS,
    compare_figures: bool = False,
    indicators_file: Path | None = None,
) -> tuple[Report, FaqContent]:
    """Everything staff can get wrong. `default_language` is the bot's DEFAULT_LANGUAGE, so a
    missing translation is described as the bot serves it; `compare_figures` compares amounts
    and deadlines with the last committed version (see bot/faq/figures.py)."""
    content, problems = load_faq(faq_dir, default_language=default_language)
    report = Report(problems)
    catalog = None
    if services_file is not None:
        catalog, service_problems = load_catalog(services_file)
        report.problems += service_problems
    languages = served_languages(locales_dir)
    if indicators_file is not None:
        report.problems += load_indicators(indicators_file, catalog=catalog, languages=languages)[1]
    report.problems += check_content(
        content, faq_dir, languages, today=today, review_months=review_months
    )
    report.problems += check_deadlines(faq_dir / DEADLINES_FILE, content, languages)
    if compare_figures:
        report.problems += changed_figures(content, faq_dir)
    report.problems += check_locales(locales_dir)
    return report, content
