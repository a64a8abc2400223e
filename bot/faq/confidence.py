"""How sure a search match is: a confident answer, "maybe one of these", or none, from the share
of the question's meaning (IDF-weighted content words) the topics cover (bot.faq.search computes
the shares). The constants were calibrated on the "tune" part of the question sets in tests/data
(`bench/search_quality.py --part tune`) and checked on the held-out part; see docs/design.md."""

from __future__ import annotations

import enum

ANSWER_SHARE, ANSWER_FLOOR = 0.7, 0.4  # the first topic covers this much: the answer
MAYBE_SHARE, MAYBE_FLOOR = 0.65, 0.05  # the offered topics cover this much: "maybe"; less: none
LENGTH_SLACK = 0.04  # per content word beyond two, the share needed for "answer" falls by this
MAYBE_SLACK = 0.08  # and the share needed for "maybe" by this


class Confidence(enum.Enum):
    """answer: the first topic answers the question; maybe: plausible, say we are not sure;
    none: no topic answers it (offer a person instead)."""

    ANSWER = "answer"
    MAYBE = "maybe"
    NONE = "none"


def confidence(share: float, offered: float, words: int) -> Confidence:
    """How sure a match is, from the share of the query's meaning the best topic covers.
    Long questions carry incidental words (where someone works, since when), so the share needed
    falls with length, down to a floor."""
    beyond_two = max(words - 2, 0)
    if share >= max(ANSWER_SHARE - LENGTH_SLACK * beyond_two, ANSWER_FLOOR):
        return Confidence.ANSWER
    if offered >= max(MAYBE_SHARE - MAYBE_SLACK * beyond_two, MAYBE_FLOOR):
        return Confidence.MAYBE
    return Confidence.NONE
