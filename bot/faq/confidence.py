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
# A question of at most this many content words is short: with a word of everyday life no offered
# topic names (bot.faq.everyday) or another country to go to, "maybe" needs MAYBE_SHARE, without
# the length slack.
SHORT_QUESTION = 5


class Confidence(enum.Enum):
    """answer: the first topic answers the question; maybe: plausible, say we are not sure;
    none: no topic answers it (offer a person instead)."""

    ANSWER = "answer"
    MAYBE = "maybe"
    NONE = "none"


def confidence(
    share: float, offered: float, words: int, *, everyday_left: bool = False, content: int = 0
) -> Confidence:
    """How sure a match is, from the share of the query's meaning the best topic covers.
    Long questions carry incidental words (where someone works, since when), so the share needed
    falls with length, down to a floor. Not for a short question with a word of everyday life
    no offered topic names ("when does the shop close on Saturday") or a country to go to ("do I
    need a visa for the USA"): that slack is for long stories ("… and at the shop")."""
    beyond_two = max(words - 2, 0)
    if share >= max(ANSWER_SHARE - LENGTH_SLACK * beyond_two, ANSWER_FLOOR):
        return Confidence.ANSWER
    maybe = max(MAYBE_SHARE - MAYBE_SLACK * beyond_two, MAYBE_FLOOR)
    if everyday_left and content <= SHORT_QUESTION:
        maybe = MAYBE_SHARE
    return Confidence.MAYBE if offered >= maybe else Confidence.NONE
