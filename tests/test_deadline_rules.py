"""The pure deadline rules (no bot, no database): when reminders fall, how typed dates are read
in each language, and what `faq check` says about a broken faq/deadlines.yaml."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.deadline_file import check_deadlines, list_items, load_deadline_rules
from bot.deadlines import date_example, date_problem, parse_typed_date, plan
from bot.faq.loader import load_faq

TZ = ZoneInfo("Europe/Ljubljana")
REPO = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.UTC)  # 09:00 in Ljubljana


def test_each_offset_at_ten_local_and_the_passed_ones_collapsed_into_one_due_now():
    planned = plan(dt.date(2026, 12, 25), (90, 60, 30, 7), now=NOW, tz=TZ)
    assert [p.offsets for p in planned] == [(90, 60, 30), (7,)]
    assert planned[0].due_at == NOW
    assert planned[1].due_at == dt.datetime(2026, 12, 18, 10, 0, tzinfo=TZ)


def test_a_reminder_due_later_today_waits_for_ten_and_one_due_earlier_is_now():
    later = plan(dt.date(2026, 12, 8), (7,), now=NOW, tz=TZ)  # today, 10:00 is still ahead
    assert [(p.due_at, p.offsets) for p in later] == [
        (dt.datetime(2026, 12, 1, 10, tzinfo=TZ), (7,))
    ]
    after_ten = NOW + dt.timedelta(hours=2)
    assert [p.due_at for p in plan(dt.date(2026, 12, 8), (7,), now=after_ten, tz=TZ)] == [after_ten]


def test_no_reminder_when_there_are_no_offsets():
    assert plan(dt.date(2027, 1, 10), (), now=NOW, tz=TZ) == []


@settings(max_examples=40, deadline=None)
@given(
    days=st.integers(min_value=0, max_value=1800),
    offsets=st.lists(st.integers(min_value=0, max_value=400), min_size=1, max_size=6, unique=True),
)
def test_at_most_one_message_is_due_now_and_the_rest_are_at_ten(days: int, offsets: list[int]):
    due_on = NOW.astimezone(TZ).date() + dt.timedelta(days=days)
    planned = plan(due_on, tuple(offsets), now=NOW, tz=TZ)
    assert sorted(o for p in planned for o in p.offsets) == sorted(offsets)
    assert sum(1 for p in planned if p.due_at == NOW) <= 1
    for p in planned:
        assert p.due_at == NOW or p.due_at.astimezone(TZ).time() == dt.time(10, 0)


@pytest.mark.parametrize("locale", ["en", "sl", "uk", "sr", "sr-Latn"])
def test_the_example_shown_to_a_person_is_read_back_in_their_language(locale: str):
    day = dt.date(2027, 3, 5)
    example = date_example(day, locale)
    assert "2027" in example
    assert parse_typed_date(example, locale) == day


@pytest.mark.parametrize(
    ("locale", "typed", "expected"),
    [
        ("uk", "05.03.2027", dt.date(2027, 3, 5)),
        ("uk", "5.3.27", dt.date(2027, 3, 5)),
        ("sr", "5. 3. 2027.", dt.date(2027, 3, 5)),
        ("sl", "5. 3. 2027", dt.date(2027, 3, 5)),
        ("en", "05/03/2027", dt.date(2027, 3, 5)),  # day first, as in Slovenia
        ("en", "2027-03-05", dt.date(2027, 3, 5)),
        ("en", "31/02/2027", None),
        ("uk", "наступного тижня", None),
        ("en", "12", None),
        ("en", "1" * 60, None),
    ],
)
def test_typed_dates(locale: str, typed: str, expected: dt.date | None):
    assert parse_typed_date(typed, locale) == expected


def test_past_and_far_dates_are_refused():
    today = dt.date(2026, 12, 1)
    assert date_problem(dt.date(2026, 11, 30), today) == "past"
    assert date_problem(today, today) is None
    assert date_problem(dt.date(2031, 12, 1), today) is None
    assert date_problem(dt.date(2031, 12, 2), today) == "far"


def test_the_checklist_is_the_numbered_list_of_the_answer():
    body = "Intro\n\n- a\n- b\n\nSteps:\n\n1. one\n2. **two**\n\n- c"
    assert list_items(body, 1) == ["a", "b"]
    assert list_items(body, 2) == ["one", "**two**"]
    assert list_items(body, 4) == []


def test_the_shipped_file_is_valid():
    content, _ = load_faq(REPO / "faq")
    path = REPO / "faq" / "deadlines.yaml"
    assert check_deadlines(path, content, ["en", "sl", "uk", "sr"]) == []
    rules, _ = load_deadline_rules(path)
    assert rules.rule("permit").offsets == (90, 60, 30, 7)
    assert rules.kind_for_topic("temporary-protection") == "protection"


def test_faq_check_names_the_line_and_the_mistake(tmp_path: Path):
    content, _ = load_faq(REPO / "faq")
    path = tmp_path / "deadlines.yaml"
    path.write_text(
        "kinds:\n"
        "  - kind: permit\n"
        "    offsets: [90, -1]\n"
        "  - kind: visa\n"
        "    offsets: [7]\n"
        "  - kind: other\n"
        "    offsets: [7]\n"
        "    steps_topic: no-such-topic\n"
        "  - kind: employment\n"
        "    offsets: [7]\n"
        "    steps_topic: job-change\n"
        "    steps_list: 9\n",
        encoding="utf-8",
    )
    lines = [p.format() for p in check_deadlines(path, content, ["en", "sl"])]
    assert f"{path}:3: -: permit: each offset is a whole number of days from 0 to 1830" in lines
    assert (
        f"{path}:4: -: unknown kind 'visa'"
        " (one of: permit, protection, employment, appointment, other)" in lines
    )
    # The file's own mistakes come first; once they are fixed, the topics are checked.
    path.write_text(
        "kinds:\n"
        "  - kind: other\n"
        "    offsets: [7]\n"
        "    steps_topic: no-such-topic\n"
        "  - kind: employment\n"
        "    offsets: [7]\n"
        "    steps_topic: job-change\n"
        "    steps_list: 9\n",
        encoding="utf-8",
    )
    lines = [p.format() for p in check_deadlines(path, content, ["en", "sl"])]
    assert f"{path}:4: -: other: no topic 'no-such-topic' for the steps" in lines
    assert any(
        line.startswith(f"{path}:7: en: employment: 'job-change' has no list number 9")
        for line in lines
    )


def test_a_yaml_syntax_error_is_one_line(tmp_path: Path):
    path = tmp_path / "deadlines.yaml"
    path.write_text("kinds:\n  - kind: permit\n    offsets: [90, 60\n", encoding="utf-8")
    rules, problems = load_deadline_rules(path)
    assert rules.kinds == {} and len(problems) == 1
    assert "YAML syntax error" in problems[0].message
