"""Typed callback data: every action round-trips, and nothing a client can send parses into
something out of range (hypothesis feeds arbitrary strings)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from bot.handlers import callback_data as cd

EXAMPLES = [
    cd.FaqHome(),
    cd.FaqOpen("job-change"),
    cd.BookDay("consultation", dt.date(2026, 12, 3)),
    cd.BookConfirm(12, cd.NONE),
    cd.MyMoveTo(3, 44),
    cd.CoMark(7, cd.Stamp(1764777600), "p"),
    cd.ConsentYes("book"),
    cd.ConsentNo(),
    cd.PrivacyRegionMenu(),
    cd.PrivacyRegion("other_europe"),
    cd.SurveyScore(9, 5),
    cd.ReportPeriod("last-month"),
]


def test_every_action_round_trips_within_64_bytes():
    for action in EXAMPLES:
        data = action.encode()
        assert len(data.encode()) <= cd.MAX_BYTES
        assert cd.parse(data) == action


def test_out_of_range_and_foreign_values_parse_to_nothing():
    for data in (
        "book:day:consultation:20261340",  # no such date
        "book:day:consultation:20261301",  # no such month
        "book:day:consultation:00001201",  # no year 0
        "book:day:consultation:20270229",  # not a leap year
        "my:cancel:¹",  # a digit that is not ASCII
        "my:cancel:9999999999",  # does not fit a column
        "co:att:1:999999999999:p",  # past what datetime holds
        "faq:open:<b>x</b>",
        "book:slot",  # a field missing
        "book:slot:1:2",  # a field too many
        "nothing:here",
        "",
    ):
        assert cd.parse(data) is None, data


@given(st.text(max_size=80))
def test_anything_a_client_sends_is_an_action_that_round_trips_or_nothing(data: str):
    action = cd.parse(data)
    if action is not None:
        assert cd.parse(action.encode()) == action
