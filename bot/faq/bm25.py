"""Okapi BM25, small enough to read: one index per group of fields of every (topic, language)
document (see `bot/faq/search.py`)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict

K1, B = 1.2, 0.5


class Bm25:
    """Okapi BM25 over one group of fields of every (topic, language) document."""

    def __init__(self, documents: list[Counter[str]]) -> None:
        self.documents = documents
        self.lengths = [sum(d.values()) for d in documents]
        self.average = (sum(self.lengths) / len(documents)) if documents else 1.0
        frequency: Counter[str] = Counter(term for d in documents for term in d)
        self.postings: dict[str, list[int]] = defaultdict(list)
        for index, document in enumerate(documents):
            for term in document:
                self.postings[term].append(index)
        total = len(documents)
        self.idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}

    def add_scores(self, term: str, weight: float, scores: dict[int, float]) -> None:
        idf = self.idf.get(term)
        if idf is None:
            return
        for index in self.postings[term]:
            tf = self.documents[index][term]
            norm = K1 * (1 - B + B * self.lengths[index] / self.average)
            scores[index] += weight * idf * tf * (K1 + 1) / (tf + norm)
