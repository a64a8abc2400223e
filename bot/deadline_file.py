"""`faq/deadlines.yaml`: per kind of deadline, when to remind (days before) and which list of
which FAQ answer is the person's checklist. Staff edit it; `arrival-desk faq check` checks it
(`check_deadlines`), and the bot reads it again when it changes. No Telegram imports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from bot.faq.loader import Problem
from bot.faq.model import FaqContent
from bot.faq.render import TopicUrl, markdown_to_html
from bot.staff_yaml import Report, read_list

FILE_NAME = "deadlines.yaml"
KINDS = ("permit", "protection", "employment", "appointment", "other")
MAX_OFFSET_DAYS = 5 * 366  # a deadline is at most ~5 years ahead
MAX_OFFSETS = 8  # more reminders than this for one deadline would be noise
MAX_STEPS = 12  # checklist buttons under one message
_LISTS = ("bullet_list_open", "ordered_list_open")
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False})


@dataclass(frozen=True)
class KindRule:
    kind: str
    offsets: tuple[int, ...]  # days before the deadline, largest first
    steps_topic: str | None = None  # the FAQ answer whose list is the checklist
    steps_list: int = 1  # which list in that answer, counted from the top
    topics: tuple[str, ...] = ()  # FAQ answers that show "remind me" for this kind


@dataclass(frozen=True)
class DeadlineRules:
    kinds: dict[str, KindRule] = field(default_factory=dict)

    def rule(self, kind: str) -> KindRule:
        return self.kinds.get(kind) or KindRule(kind, ())

    def kind_for_topic(self, topic_id: str) -> str | None:
        for rule in self.kinds.values():
            if topic_id in rule.topics:
                return rule.kind
        return None


def list_items(markdown: str, number: int) -> list[str]:
    """The items (raw Markdown, first paragraph) of the `number`-th top-level list."""
    seen, inside = 0, False
    items: list[str] = []
    for token in _markdown.parse(markdown):
        if token.type in _LISTS and token.level == 0:
            seen += 1
            inside = seen == number
        elif token.type in ("bullet_list_close", "ordered_list_close") and token.level == 0:
            if inside:
                return items
        elif inside and token.type == "inline" and token.level == 3:
            items.append(token.content)
    return items


def checklist(
    content: FaqContent, rule: KindRule, locale: str, topic_url: TopicUrl | None = None
) -> list[str]:
    """The steps for a kind in the reader's language, as Telegram HTML (empty: no checklist)."""
    topic = content.get(rule.steps_topic or "")
    if topic is None or not topic.translations:
        return []
    body = content.translation(topic, locale).body
    items = list_items(body, rule.steps_list)[:MAX_STEPS]
    return [markdown_to_html(item, topic_url) for item in items]


def load_deadline_rules(path: Path) -> tuple[DeadlineRules, list[Problem]]:
    """The rules, and what is wrong with the file (an absent file: no reminders, no problem)."""
    problems: list[Problem] = []
    if not path.is_file():
        return DeadlineRules(), problems

    def add(line: int, message: str) -> None:
        problems.append(Problem(str(path), line, "-", "error", message))

    read = read_list(path, "kinds", add)
    if read is None:
        return DeadlineRules(), problems
    text, items = read
    kinds: dict[str, KindRule] = {}
    for index, raw in enumerate(items):
        rule = _rule(raw, index, text, add)
        if rule is None:
            continue
        if rule.kind in kinds:
            add(_line(text, f"kind: {rule.kind}"), f"kind '{rule.kind}' is listed twice")
            continue
        kinds[rule.kind] = rule
    return DeadlineRules(kinds), problems


def _rule(raw: object, index: int, text: str, report: Report) -> KindRule | None:
    if not isinstance(raw, dict):
        report(1, f"entry {index + 1} of 'kinds:' is not a 'kind: …' block")
        return None
    kind = str(raw.get("kind", ""))
    line = _line(text, f"kind: {kind}") if kind else 1
    if kind not in KINDS:
        report(line, f"unknown kind '{kind}' (one of: {', '.join(KINDS)})")
        return None
    offsets = raw.get("offsets")
    if not isinstance(offsets, list) or not offsets:
        report(line, f"{kind}: 'offsets' must be a list of days, e.g. [90, 60, 30, 7]")
        return None
    bad = [o for o in offsets if not isinstance(o, int) or isinstance(o, bool) or o < 0]
    if bad or any(o > MAX_OFFSET_DAYS for o in offsets):
        report(
            _line(text, "offsets", after=line),
            f"{kind}: each offset is a whole number of days from 0 to {MAX_OFFSET_DAYS}",
        )
        return None
    if len(offsets) > MAX_OFFSETS or len(set(offsets)) != len(offsets):
        report(
            _line(text, "offsets", after=line),
            f"{kind}: at most {MAX_OFFSETS} offsets, each once",
        )
        return None
    steps_list = raw.get("steps_list", 1)
    if not isinstance(steps_list, int) or isinstance(steps_list, bool) or steps_list < 1:
        report(_line(text, "steps_list", after=line), f"{kind}: 'steps_list' is 1, 2, 3…")
        return None
    topics = raw.get("topics") or []
    if not isinstance(topics, list):
        report(_line(text, "topics", after=line), f"{kind}: 'topics' must be a list of topic ids")
        return None
    steps_topic = raw.get("steps_topic")
    return KindRule(
        kind=kind,
        offsets=tuple(sorted(set(offsets), reverse=True)),
        steps_topic=str(steps_topic) if steps_topic else None,
        steps_list=steps_list,
        topics=tuple(str(t) for t in topics),
    )


def _line(text: str, needle: str, after: int = 1) -> int:
    """The first line at or after `after` that contains `needle` (1-based)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if number >= after and needle in line:
            return number
    return after


def check_deadlines(path: Path, content: FaqContent, languages: list[str]) -> list[Problem]:
    """The file's own problems, then topics that do not exist and checklists that are missing
    or differ in length between languages (ticks are kept by step number)."""
    rules, problems = load_deadline_rules(path)
    if problems or not path.is_file():
        return problems
    text = path.read_text(encoding="utf-8-sig")

    def add(line: int, language: str, message: str) -> None:
        problems.append(Problem(str(path), line, language, "error", message))

    for rule in rules.kinds.values():
        line = _line(text, f"kind: {rule.kind}")
        for topic_id in rule.topics:
            if content.get(topic_id) is None:
                add(_line(text, topic_id, after=line), "-", f"{rule.kind}: no topic '{topic_id}'")
        if rule.steps_topic is None:
            continue
        topic = content.get(rule.steps_topic)
        where = _line(text, "steps_topic", after=line)
        if topic is None:
            add(where, "-", f"{rule.kind}: no topic '{rule.steps_topic}' for the steps")
            continue
        counts: dict[str, int] = {}
        for language in languages:
            translation = topic.translations.get(language)
            if translation is None or translation.derived:
                continue
            counts[language] = len(list_items(translation.body, rule.steps_list))
            if counts[language] == 0:
                add(
                    where,
                    language,
                    f"{rule.kind}: '{rule.steps_topic}' has no list number {rule.steps_list}"
                    " (a list of lines starting with '- ' or '1. ')",
                )
        if len({n for n in counts.values() if n}) > 1:
            found = ", ".join(f"{lang} {n}" for lang, n in sorted(counts.items()))
            add(
                where,
                "-",
                f"{rule.kind}: the steps of '{rule.steps_topic}' differ in number between"
                f" languages ({found}); ticks are kept by step number",
            )
    return problems
