"""`faq check` for staff who are not programmers: a header mistake on its own line in plain words,
a missing translation described as the running bot serves it, and a changed amount or deadline
without a new `reviewed` date (compared with the last git commit)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path

import pytest

from bot.cli import main
from bot.faq.checker import check
from tests.content_copy import ContentCopy, copy_content

LEAF = "cv-translation"
TOPIC = "residence-permit-extend"  # an answer with deadlines in it


@pytest.fixture
def content(tmp_path: Path) -> ContentCopy:
    return copy_content(tmp_path / "content")


def run_check(content: ContentCopy, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(
        [
            "faq",
            "check",
            "--faq-dir",
            str(content.faq),
            "--locales-dir",
            str(content.locales),
            "--services-file",
            str(content.services),
        ]
    )
    return code, capsys.readouterr().out.splitlines()


def test_a_missing_colon_in_a_header_names_the_line_and_the_key(capsys, content):
    path = content.topic(LEAF) / "uk.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: ", "title ", 1), "utf-8")
    code, lines = run_check(content, capsys)
    assert code == 1
    assert f"faq/{LEAF}/uk.md:2: uk: a ':' is missing after 'title' (write 'title: …')" in lines


def test_an_unclosed_quote_in_a_header_is_named(capsys, content):
    path = content.topic(LEAF) / "sl.md"
    lines_before = path.read_text(encoding="utf-8").splitlines()
    title_line = next(n for n, line in enumerate(lines_before, 1) if line.startswith("title:"))
    lines_before[title_line - 1] = lines_before[title_line - 1].replace("title: ", 'title: "', 1)
    path.write_text("\n".join(lines_before) + "\n", "utf-8")
    code, lines = run_check(content, capsys)
    assert code == 1
    assert (
        f"faq/{LEAF}/sl.md:{title_line}: sl: a quotation mark is opened but not closed on this line"
        in lines
    )


def test_a_missing_translation_says_what_the_bot_shows_with_its_default_language(content):
    (content.topic(LEAF) / "uk.md").unlink()
    (content.topic(LEAF) / "sr.md").unlink()
    today = dt.date(2026, 11, 30)
    report, _ = check(content.faq, content.locales, today=today, default_language="sl")
    messages = {
        p.language: p.message for p in report.warnings if "translation missing" in p.message
    }
    assert messages == {
        "uk": "translation missing: Ukrainian readers see the Slovenian answer (sl.md) instead, "
        "with its Slovenian title on the menu button",
        "sr": "translation missing: Serbian (Cyrillic and Latin) readers see the Slovenian answer "
        "(sl.md) instead, with its Slovenian title on the menu button",
    }


# -- changed figures ------------------------------------------------------------------------------
def git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def committed(content: ContentCopy) -> ContentCopy:
    git(content.root, "init", "-q")
    git(content.root, "add", "-A")
    git(content.root, "commit", "-q", "-m", "content")
    return content


def change_first_figure(path: Path) -> tuple[int, str, str]:
    """Change the first "<n> days"-like figure; (line, old, new)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    pattern = re.compile(r"\b(\d+)(\s*(?:days|dni|днів|дана|дан|дні))")
    for number, line in enumerate(lines, start=1):
        match = pattern.search(line)
        if match and number > 4:
            new = str(int(match.group(1)) + 7)
            lines[number - 1] = line[: match.start()] + new + match.group(2) + line[match.end() :]
            path.write_text("\n".join(lines) + "\n", "utf-8")
            return number, match.group(0), new + match.group(2)
    raise AssertionError(f"no figure in {path}")


def test_a_changed_deadline_without_a_new_review_date_is_a_warning(capsys, committed):
    path = committed.topic(TOPIC) / "en.md"
    line, old, new = change_first_figure(path)
    code, lines = run_check(committed, capsys)
    assert code == 0, "a warning, not an error"
    assert (
        f"faq/{TOPIC}/en.md:{line}: en: a figure changed ({old} → {new}) but 'reviewed' in "
        "topic.yaml did not: check it against the source and update 'reviewed'"
    ) in lines


def test_a_changed_amount_of_money_is_a_warning_in_any_language(capsys, committed):
    path = committed.topic(LEAF) / "uk.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n\nПереклад коштує приблизно 30 євро.\n", "utf-8")
    _, lines = run_check(committed, capsys)
    assert [line for line in lines if "a figure changed" in line] == [
        f"faq/{LEAF}/uk.md:{len(text.rstrip().splitlines()) + 2}: uk: a figure changed "
        "(— → 30 євро) but 'reviewed' in topic.yaml did not: check it against the source and "
        "update 'reviewed'"
    ]


def test_updating_reviewed_clears_the_figure_warning(capsys, committed):
    change_first_figure(committed.topic(TOPIC) / "en.md")
    yaml_path = committed.topic(TOPIC) / "topic.yaml"
    yaml_path.write_text(
        re.sub(r"(?m)^reviewed: .*$", "reviewed: 2026-11-29", yaml_path.read_text("utf-8")),
        "utf-8",
    )
    _, lines = run_check(committed, capsys)
    assert not [line for line in lines if "a figure changed" in line]


def test_words_around_figures_may_change_freely(capsys, committed):
    path = committed.topic(TOPIC) / "en.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("the", "THE"), "utf-8")
    _, lines = run_check(committed, capsys)
    assert not [line for line in lines if "a figure changed" in line]


def test_without_git_there_is_no_baseline_and_no_warning(capsys, content):
    change_first_figure(content.topic(TOPIC) / "en.md")
    code, lines = run_check(content, capsys)
    assert code == 0 and lines[-1].startswith("OK")
    assert not [line for line in lines if "a figure changed" in line]


# -- faq status lists overdue topics -------------------------------------------------------------
def test_status_lists_topics_overdue_for_review(capsys, content):
    path = content.topic(LEAF) / "topic.yaml"
    old = dt.date.today() - dt.timedelta(days=400)
    path.write_text(
        re.sub(r"(?m)^reviewed: .*$", f"reviewed: {old.isoformat()}", path.read_text("utf-8")),
        "utf-8",
    )
    code = main(
        ["faq", "status", "--faq-dir", str(content.faq), "--locales-dir", str(content.locales)]
    )
    lines = capsys.readouterr().out.splitlines()
    assert code == 0
    overdue_header = next(i for i, line in enumerate(lines) if "overdue for review" in line)
    assert lines[overdue_header].startswith("1 overdue for review")
    assert lines[overdue_header + 1].strip().startswith(f"{LEAF} · {old.isoformat()} → ")
