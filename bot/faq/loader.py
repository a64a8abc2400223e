"""Read `faq/<topic>/topic.yaml` and `<lang>.md` files into FaqContent, collecting every problem.

Loading never raises on bad content: a broken file becomes a Problem with file and line, and the
topic (or translation) is left out. The checker and the live reload both build on this.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.faq.model import SERBIAN_LATIN, FaqContent, Source, Topic, Translation
from bot.i18n import to_serbian_latin
from bot.staff_yaml import safe_load

TOPIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
FRONT_MATTER_FENCE = "---"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    language: str  # "-" when the problem is not about one language
    severity: str  # "error" or "warning"
    message: str

    def format(self) -> str:
        return f"{self.file}:{self.line}: {self.language}: {self.message}"


class _Collector:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def add(
        self, path: Path, line: int, language: str, message: str, *, warning: bool = False
    ) -> None:
        try:
            shown = str(path.relative_to(self.root.parent))
        except ValueError:
            shown = str(path)
        self.problems.append(
            Problem(shown, line, language, "warning" if warning else "error", message)
        )


def _read_text(path: Path, language: str, out: _Collector) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        out.add(path, 1, language, f"cannot read the file ({exc.strerror})")
        return None
    if b"\x00" in data:
        out.add(path, 1, language, "this is not a text file (it contains binary data)")
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        out.add(path, line, language, "not UTF-8 text: save the file with UTF-8 encoding")
        return None
    return text.replace("\r\n", "\n")


def _yaml(text: str, path: Path, language: str, out: _Collector, *, line_offset: int = 0) -> Any:
    try:
        return safe_load(text)
    except RecursionError:
        out.add(path, 1 + line_offset, language, "YAML nested too deeply to read")
        return None
    except yaml.YAMLError as exc:
        line, message = explain_yaml_error(text, exc)
        out.add(path, line + line_offset, language, message)
        return None


def explain_yaml_error(text: str, exc: yaml.YAMLError) -> tuple[int, str]:
    """(line, what is wrong in plain words) for the YAML mistakes staff make; PyYAML's own
    words and line are kept for the rest. PyYAML often points at the line after the mistake
    (a missing ':' runs into the next line), so the likely line is found first."""
    lines = text.split("\n")
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if raw[:1] not in (" ", "\t", "-", "#") and stripped and ":" not in stripped:
            word = stripped.split()[0]
            return number, f"a ':' is missing after '{word}' (write '{word}: …')"
    for number, raw in enumerate(lines, start=1):
        if raw.startswith("\t") or raw.lstrip(" ").startswith("\t"):
            return number, "a tab is used to indent this line: indent with spaces"
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    problem = str(getattr(exc, "problem", None) or "cannot be read")
    context = str(getattr(exc, "context", None) or "")
    line = mark.line + 1 if mark else 1
    if "quoted scalar" in context and context_mark is not None:
        return context_mark.line + 1, "a quotation mark is opened but not closed on this line"
    if problem.startswith("mapping values are not allowed"):
        current = lines[line - 1] if 0 < line <= len(lines) else ""
        key = current.split(":", 1)[0].strip().lstrip("- ")
        return line, (
            f"the value of '{key}' contains ': ': put the whole value in quotes ({key}: \"…\")"
        )
    if "expected <block end>" in problem:
        return line, (
            "this line is indented differently from the lines above it: line up the keys "
            "of one item with the same number of spaces"
        )
    return line, f"YAML syntax error: {problem}"


def _line_of(text: str, key: str, offset: int = 0) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith(f"{key}:"):
            return number + offset
    return 1 + offset


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(k.strip() for k in value.split(",") if k.strip())
    if isinstance(value, list):
        return tuple(str(k).strip() for k in value if str(k).strip())
    return ()


def _require_review_and_sources(data: dict[str, Any], path: Path, out: _Collector) -> None:
    """For a topic.yaml that cannot become a topic: still name what legal content must have."""
    if data.get("reviewed") is None:
        out.add(path, 1, "-", "'reviewed' date is missing (YYYY-MM-DD)")
    if not data.get("sources"):
        out.add(path, 1, "-", "no official source linked (add 'sources')")


def _load_topic_yaml(folder: Path, out: _Collector) -> Topic | None:
    path = folder / "topic.yaml"
    if not path.exists():
        out.add(path, 1, "-", "topic.yaml is missing: every topic folder needs one")
        return None
    text = _read_text(path, "-", out)
    if text is None:
        return None
    problems_before = len(out.problems)
    data = _yaml(text, path, "-", out)
    if len(out.problems) > problems_before:
        return None  # a YAML syntax error, already reported with its line
    if data is None:
        # Empty, or only comments (a file cut down to its first line): every required key is
        # missing. Said explicitly, or the topic would vanish with its reviewed date and sources.
        data = {}
    if not isinstance(data, dict):
        out.add(path, 1, "-", "expected 'key: value' lines (id, parent, order, reviewed, sources)")
        return None
    topic_id = str(data.get("id") or "").strip()
    if not topic_id:
        out.add(path, 1, "-", "'id' is missing")
        _require_review_and_sources(data, path, out)
        return None
    if not TOPIC_ID.match(topic_id):
        out.add(
            path,
            _line_of(text, "id"),
            "-",
            f"id '{topic_id}' must be lowercase letters, digits and hyphens, at most 40",
        )
        return None
    if topic_id != folder.name:
        out.add(
            path,
            _line_of(text, "id"),
            "-",
            f"id '{topic_id}' must equal the folder name '{folder.name}'",
        )
    reviewed = _as_date(data.get("reviewed"))
    if data.get("reviewed") is None:
        out.add(path, 1, "-", "'reviewed' date is missing (YYYY-MM-DD)")
    elif reviewed is None:
        out.add(path, _line_of(text, "reviewed"), "-", "'reviewed' must be a date like 2026-11-20")
    order = data.get("order", 100)
    if not isinstance(order, int):
        out.add(path, _line_of(text, "order"), "-", "'order' must be a whole number")
        order = 100
    sources: list[Source] = []
    raw_sources = data.get("sources") or []
    if not isinstance(raw_sources, list):
        out.add(path, _line_of(text, "sources"), "-", "'sources' must be a list of title + url")
        raw_sources = []
    for item in raw_sources:
        url = str(item.get("url", "")).strip() if isinstance(item, dict) else ""
        if not url.startswith(("https://", "http://")):
            out.add(
                path,
                _line_of(text, "sources"),
                "-",
                "each source needs a url starting with https://",
            )
            continue
        titles = _source_titles(item, path, _line_of(text, "sources"), out)
        sources.append(Source(title=str(item.get("title") or url).strip(), url=url, titles=titles))
    if not sources:
        out.add(path, _line_of(text, "sources"), "-", "no official source linked (add 'sources')")
    legal = data.get("legal", True)
    if not isinstance(legal, bool):
        out.add(
            path,
            _line_of(text, "legal"),
            "-",
            "'legal' must be true (legal orientation: the answer ends with \"not legal "
            'advice") or false (a CV tip, an address)',
        )
        legal = True
    review_months = data.get("review_months")
    if review_months is not None and (
        isinstance(review_months, bool) or not isinstance(review_months, int) or review_months < 1
    ):
        out.add(
            path,
            _line_of(text, "review_months"),
            "-",
            "'review_months' must be a whole number of months, e.g. 6 (or leave it out for the "
            "default)",
        )
        review_months = None
    parent = data.get("parent")
    return Topic(
        id=topic_id,
        parent=str(parent).strip() if parent else None,
        order=order,
        source_language=str(data.get("source_language") or "en"),
        reviewed=reviewed,
        sources=sources,
        path=path,
        legal=legal,
        review_months=review_months,
    )


def _source_titles(item: dict[Any, Any], path: Path, line: int, out: _Collector) -> dict[str, str]:
    """A source's title per language: `title_uk: …` keys or a `titles:` map (uk: …)."""
    titles: dict[str, str] = {}
    raw = item.get("titles")
    if raw is not None and not isinstance(raw, dict):
        out.add(path, line, "-", "a source's 'titles' must be lines like 'uk: Назва сторінки'")
        raw = None
    pairs = [(str(k), v) for k, v in (raw or {}).items()]
    pairs += [(str(k)[len("title_") :], v) for k, v in item.items() if str(k).startswith("title_")]
    for language, value in pairs:
        language = language.replace("_", "-")
        if not isinstance(value, str) or not value.strip():
            out.add(path, line, language, f"the {language} title of a source is empty")
            continue
        titles[language] = value.strip()
    if "sr" in titles and SERBIAN_LATIN not in titles:
        titles[SERBIAN_LATIN] = to_serbian_latin(titles["sr"])
    return titles


def split_front_matter(text: str) -> tuple[str, str, int] | None:
    """(front matter, body, line where the body starts) or None without a front matter block."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FRONT_MATTER_FENCE:
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() == FRONT_MATTER_FENCE:
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None


def load_translation(path: Path, language: str, out: _Collector) -> Translation | None:
    text = _read_text(path, language, out)
    if text is None:
        return None
    if not text.strip():
        out.add(path, 1, language, "the file is empty")
        return None
    parts = split_front_matter(text)
    if parts is None:
        opened = text.split("\n", 1)[0].strip() == FRONT_MATTER_FENCE
        out.add(
            path,
            1,
            language,
            "the header is not closed: add a '---' line after title/keywords/updated"
            if opened
            else "the file must start with a '---' line, then title/keywords/updated, then '---'",
        )
        return None
    header_text, body, body_line = parts
    errors_before = len(out.problems)
    header = _yaml(header_text, path, language, out, line_offset=1)
    if len(out.problems) > errors_before:
        return None
    header = header if header is not None else {}  # an empty header: "title is missing" below
    if not isinstance(header, dict):
        out.add(path, 2, language, "expected 'title:', 'keywords:' and 'updated:' lines")
        return None
    title = str(header.get("title") or "").strip()
    if not title:
        out.add(path, 2, language, "'title' is missing")
        return None
    updated = _as_date(header.get("updated"))
    if updated is None:
        out.add(
            path,
            _line_of(header_text, "updated", 1),
            language,
            "'updated' must be a date like 2026-11-20",
        )
    if not body.strip():
        out.add(path, body_line, language, "the answer is empty")
        return None
    return Translation(
        language=language,
        title=title,
        keywords=_keywords(header.get("keywords")),
        updated=updated,
        body=body.strip(),
        path=path,
    )


def _derive_serbian_latin(cyrillic: Translation) -> Translation:
    return Translation(
        language=SERBIAN_LATIN,
        title=to_serbian_latin(cyrillic.title),
        keywords=tuple(to_serbian_latin(k) for k in cyrillic.keywords),
        updated=cyrillic.updated,
        body=to_serbian_latin(cyrillic.body),
        path=cyrillic.path,
        derived=True,
    )


def load_faq(faq_dir: Path, *, default_language: str = "en") -> tuple[FaqContent, list[Problem]]:
    out = _Collector(faq_dir)
    topics: dict[str, Topic] = {}
    if not faq_dir.is_dir():
        out.add(faq_dir, 1, "-", "the FAQ folder does not exist")
        return FaqContent({}, default_language), out.problems
    for folder in sorted(p for p in faq_dir.iterdir() if p.is_dir() and not p.name.startswith(".")):
        topic = _load_topic_yaml(folder, out)
        if topic is None:
            continue
        if topic.id in topics:
            out.add(folder / "topic.yaml", 1, "-", f"duplicate topic id '{topic.id}'")
            continue
        for md in sorted(folder.glob("*.md")):
            translation = load_translation(md, md.stem, out)
            if translation is not None:
                topic.translations[md.stem] = translation
        if "sr" in topic.translations and SERBIAN_LATIN not in topic.translations:
            topic.translations[SERBIAN_LATIN] = _derive_serbian_latin(topic.translations["sr"])
        if not topic.translations:
            out.add(folder / "topic.yaml", 1, "-", "no readable answer in any language")
            continue
        topics[topic.id] = topic
    for topic in topics.values():
        if topic.parent and topic.parent not in topics:
            path = topic.path or faq_dir
            line = _line_of(path.read_text(encoding="utf-8"), "parent") if topic.path else 1
            out.add(path, line, "-", f"parent '{topic.parent}' is not a known topic")
            topic.parent = None
    return FaqContent(topics, default_language), out.problems
