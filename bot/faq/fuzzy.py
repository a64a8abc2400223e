"""Close vocabulary words for a typo: what `rapidfuzz.process.extract` with `fuzz.ratio` finds
over the whole vocabulary, found without scoring every word.

Scoring each of the ~5,600 words whose length can reach the cutoff took ~250 µs a word, a third
of a typed question's cost (bench/README.md). A word that can reach the cutoff shares enough
letter pairs (bigrams) with the typo: `fuzz.ratio` is 100·(1 − D/(a+b)) for lengths a, b and
InDel distance D, so the cutoff bounds D; D edits leave at least max(a, b) − 1 − 2·D of a word's
bigrams intact (the q-gram lemma: an edit touches at most two of them), and an InDel distance is
never below the edit distance. Words are kept by that count, exactly (a pair that occurs twice
counts twice), and only the ~130 left are scored, in vocabulary order: the same matches, scores
and ties as scoring everything (`tests/test_fuzzy.py`), ~5× faster.

The counting is on bit sets held as Python integers (a bit per vocabulary word), so it runs in
C: "in at least k of these sets" is a running OR/AND per pair and per k."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process


def _pairs(word: str) -> list[tuple[str, int]]:
    """The word's bigrams, each with its occurrence number (`("an", 2)` is the second "an"),
    so that sets of them meet as multisets do."""
    seen: dict[str, int] = {}
    pairs = []
    for i in range(len(word) - 1):
        pair = word[i : i + 2]
        seen[pair] = seen.get(pair, 0) + 1
        pairs.append((pair, seen[pair]))
    return pairs


class CloseWords:
    def __init__(self, vocabulary: Sequence[str], cutoff: float) -> None:
        self._words = list(vocabulary)
        self._cutoff = cutoff
        size = len(self._words)
        width = (size + 7) // 8
        # Word i is bit (size − 1 − i): written out in binary, a set reads in vocabulary order.
        holders: defaultdict[tuple[str, int], bytearray] = defaultdict(lambda: bytearray(width))
        by_length: defaultdict[int, bytearray] = defaultdict(lambda: bytearray(width))
        for i, word in enumerate(self._words):
            bit = size - 1 - i
            byte, flag = bit >> 3, 1 << (bit & 7)
            by_length[len(word)][byte] |= flag
            for pair in _pairs(word):
                holders[pair][byte] |= flag
        self._holders = {key: int.from_bytes(b, "little") for key, b in holders.items()}
        self._by_length = {key: int.from_bytes(b, "little") for key, b in by_length.items()}
        self._everyone = (1 << size) - 1
        self._plans: dict[int, dict[int, int]] = {}

    def find(self, term: str, limit: int) -> list[tuple[str, float]]:
        """Up to `limit` vocabulary words scoring at least the cutoff against `term`, best first
        (ties in vocabulary order), with their scores."""
        candidates = self._candidates(term)
        return [
            (match, score)
            for match, score, _ in process.extract(
                term, candidates, scorer=fuzz.ratio, score_cutoff=self._cutoff, limit=limit
            )
        ]

    def _candidates(self, term: str) -> list[str]:
        needs = self._needs(len(term))
        # at_least[k]: the words sharing at least k of the term's pairs so far (every word at 0)
        at_least = [self._everyone] + [0] * max(needs.values(), default=0)
        for pair in _pairs(term):
            holders = self._holders.get(pair)
            if holders is not None:
                for k in range(len(at_least) - 1, 0, -1):
                    at_least[k] |= at_least[k - 1] & holders
        kept = 0
        for length, need in needs.items():
            kept |= at_least[need] & self._by_length[length]
        bits = f"{kept:0{len(self._words)}b}"
        found, at = [], bits.find("1")
        while at >= 0:
            found.append(self._words[at])
            at = bits.find("1", at + 1)
        return found

    def _needs(self, length: int) -> dict[int, int]:
        """For a term of `length`: each vocabulary word length that can reach the cutoff at all,
        with how many pairs a word of that length must share (0: the bound says nothing)."""
        needs = self._plans.get(length)
        if needs is None:
            needs = {}
            for other in self._by_length:
                # fuzz.ratio ≤ 200·min/(a+b); the slack keeps float rounding out of it
                if abs(other - length) <= (100 - self._cutoff + 1) / 100 * (other + length):
                    most_edits = math.floor((100 - self._cutoff) / 100 * (length + other) + 1e-6)
                    needs[other] = max(0, max(length, other) - 1 - 2 * most_edits)
            self._plans[length] = needs
        return needs
