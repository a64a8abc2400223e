"""Amounts of money and deadlines in answers, compared with the last committed version.

A changed figure ("30 days" → "15 days", "€ 65" → "€ 75") in an answer whose topic.yaml
`reviewed` date did not change is worth a second look: someone edited a fact without saying that
it was checked against the source. The baseline is the last commit (`git show HEAD:<file>`,
read-only, nothing written next to the content); outside a git checkout, or for a topic not yet
committed, there is nothing to compare and nothing is reported.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from bot.faq.loader import Problem, split_front_matter
from bot.faq.model import FaqContent

_NUMBER = r"\d+(?:[.,]\d+)*"
_SPACE = r"[\s\u00a0\u202f]*"
_MONEY_WORD = r"(?:€|eur\b|euro\w*|evr\w*|євро|евр\w*)"
# Days, weeks, months, years and hours in en, sl, uk, sr (both scripts) and ru.
_TIME_WORD = (
    r"(?:day|dan|dne|dni|днів|дні|день|дня|дан|дней|week|ted[ne]|тиж|недељ|nedelj|недел"
    r"|month|mesec|місяц|месец|месяц|year|let[ao]?\b|rok\w*|леть|років|рік|роки|год|годин"
    r"|godin|hour|ur[ae]?\b|сат|sat|час)\w*"
)
FIGURE = re.compile(
    rf"(?:€{_SPACE}(?P<lead>{_NUMBER}))|(?P<number>{_NUMBER}){_SPACE}(?P<unit>{_MONEY_WORD}"
    rf"|{_TIME_WORD})",
    re.IGNORECASE,
)


def figures(text: str, surface: dict[str, str] | None = None) -> Counter[str]:
    """Every amount or duration as "65 €" / "30 time", ignoring the unit's grammatical form;
    `surface` collects how each was written ("30 days") for the message to staff."""
    found: Counter[str] = Counter()
    for match in FIGURE.finditer(text):
        if match.group("lead"):
            key = f"{match.group('lead')} €"
        else:
            unit = match.group("unit").lower()
            kind = "€" if re.fullmatch(_MONEY_WORD, unit, re.IGNORECASE) else "time"
            key = f"{match.group('number')} {kind}"
        found[key] += 1
        if surface is not None:
            surface.setdefault(key, " ".join(match.group(0).split()))
    return found


def _git(args: list[str], cwd: Path, stdin: bytes | None = None) -> bytes | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, input=stdin, capture_output=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def committed_texts(root: Path, paths: list[Path]) -> dict[Path, str]:
    """The HEAD version of each file that has one, read with one `git cat-file --batch`."""
    top = _git(["rev-parse", "--show-toplevel"], root)
    if not top or not paths:
        return {}
    top_dir = Path(top.decode().strip()).resolve()
    names = []
    for path in paths:
        try:
            names.append(path.resolve().relative_to(top_dir).as_posix())
        except ValueError:
            return {}
    request = "".join(f"HEAD:{name}\n" for name in names).encode()
    data = _git(["cat-file", "--batch"], top_dir, request)
    if data is None:
        return {}
    texts: dict[Path, str] = {}
    position = 0
    for path in paths:
        end = data.index(b"\n", position)
        header = data[position:end].decode().split()
        position = end + 1
        if len(header) != 3 or header[1] != "blob":
            continue  # "<name> missing": not committed yet
        size = int(header[2])
        texts[path] = data[position : position + size].decode("utf-8", errors="replace")
        position += size + 1
    return texts


def _reviewed(text: str) -> Any:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    value = data.get("reviewed") if isinstance(data, dict) else None
    return value.isoformat() if isinstance(value, dt.date) else value


def _body(text: str) -> str:
    parts = split_front_matter(text.replace("\r\n", "\n"))
    return parts[1] if parts else text


def changed_figures(content: FaqContent, faq_dir: Path) -> list[Problem]:
    topics = [t for t in content.topics.values() if t.path is not None]
    files: list[Path] = []
    for topic in topics:
        assert topic.path is not None
        files.append(topic.path)
        files += [t.path for t in topic.translations.values() if not t.derived]
    old = committed_texts(faq_dir, files)
    problems: list[Problem] = []
    for topic in topics:
        assert topic.path is not None
        if topic.path not in old:
            continue
        now_reviewed = topic.reviewed.isoformat() if topic.reviewed else None
        if _reviewed(old[topic.path]) != now_reviewed:
            continue  # reviewed again: the new figures were checked
        for language, translation in sorted(topic.translations.items()):
            if translation.derived or translation.path not in old:
                continue
            written: dict[str, str] = {}
            before = figures(_body(old[translation.path]), written)
            after = figures(translation.body, written)
            if before == after:
                continue
            gone = ", ".join(written[k] for k in sorted((before - after).elements())) or "—"
            new = ", ".join(written[k] for k in sorted((after - before).elements())) or "—"
            problems.append(
                Problem(
                    _shown(translation.path, faq_dir),
                    _first_line_with(translation.path, after - before),
                    language,
                    "warning",
                    f"a figure changed ({gone} → {new}) but 'reviewed' in topic.yaml did not: "
                    "check it against the source and update 'reviewed'",
                )
            )
    return problems


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return str(path)


def _first_line_with(path: Path, added: Counter[str]) -> int:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    for number, line in enumerate(lines, start=1):
        if any(figure in added for figure in figures(line)):
            return number
    return 1
