"""Typed questions → the best topics: BM25 over lemmatised, script- and accent-folded tokens.

The way migrants write is the design input: any supported language whatever their chosen one,
Serbian in either script, no diacritics, inflected forms, small typos. So:
- every token is lemmatised (simplemma: uk, Serbo-Croatian, sl, en) and also kept as written;
- Serbian Cyrillic is folded to Latin and diacritics are dropped (č→c, đ→dj), on both sides;
- a 5-letter prefix stem catches inflections the lemmatiser does not know;
- a query word the index has never seen is matched to close index words (rapidfuzz) for typos.
The index is built once per content load; a query costs a few dictionary look-ups and one pass
over the postings of its words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

import simplemma
import stopwordsiso
from rapidfuzz import fuzz, process

from bot.faq.model import FaqContent
from bot.i18n import to_serbian_latin

LEMMA_LANGUAGES = {"uk": "uk", "sr": "hbs", "sr-Latn": "hbs", "sl": "sl", "en": "en"}
ALL_LEMMA_LANGUAGES = tuple(dict.fromkeys(LEMMA_LANGUAGES.values()))
# Fields scored together (each group is its own BM25, so short titles are not drowned by long
# bodies) and how much each group counts.
FIELD_GROUPS = {"meta": (("title", "keywords"), 2.0), "body": (("body", "children"), 1.0)}
STEM_LENGTH = 5
STEM_WEIGHT = 0.5
FUZZY_CUTOFF = 82
FUZZY_WEIGHT = 0.7
K1, B = 1.2, 0.5
MIN_SCORE = 10.0  # below this the best topic is a guess (greetings, "ok"), and we say so
MAX_QUERY_CHARS = 500
STOPWORD_LANGUAGES = ("uk", "hr", "sl", "en", "ru")  # hr: the Serbo-Croatian list, any script
_WORD = re.compile(r"\w+", re.UNICODE)
_ABBREVIATION = re.compile(r"\b\w(?:\.\w)+\b\.?")  # s.p. → sp, d.o.o. → doo
COMMON_SHARE = 0.7  # a word in over 70 % of one language's topics carries no meaning (how, what)
_EXTRA_FOLDS = str.maketrans({"đ": "dj", "ß": "ss", "ł": "l", "ø": "o"})


@dataclass(frozen=True)
class SearchHit:
    topic_id: str
    score: float


def fold(word: str) -> str:
    """Lowercase, Serbian Cyrillic → Latin, no diacritics: 'Дозвола' and 'dozvóla' → 'dozvola'."""
    word = to_serbian_latin(word.lower()).translate(_EXTRA_FOLDS)
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Greetings and politeness carry no topic, and some look like topic words ("zdravo" ~ "zdravje").
def function_words() -> frozenset[str]:
    """Words that carry no topic ("how", "kako", "як", "kaj"), from stopwords-iso, folded like
    everything else; Russian too, since many Ukrainians type it."""
    words: set[str] = set()
    for language in STOPWORD_LANGUAGES:
        words |= {fold(w) for w in stopwordsiso.stopwords(language)}
    return frozenset(words)


_SMALL_TALK_WORDS = """
zdravo hello hi hey pozdrav pozdravljeni živjo živio hvala thanks thank please molim prosim ok okay
yes no da ne ja привіт вітаю дякую здраво привет спасибо спасибі так ні
"""
# Whole messages that are pleasantries even though a word in them looks like a topic
# ("справи" and "дела" also mean "business").
_SMALL_TALK_PHRASES = """
як справи | як ти | как дела | как ты | kako si | kako ste | kako je | how are you | kako gre
"""
SMALL_TALK = frozenset(fold(word) for word in _SMALL_TALK_WORDS.split())
SMALL_TALK_PHRASES = frozenset(
    " ".join(fold(w) for w in phrase.split()) for phrase in _SMALL_TALK_PHRASES.split("|")
)
FUNCTION_WORDS = function_words()


def _lemmas(token: str, languages: tuple[str, ...]) -> set[str]:
    forms = {token}
    for language in languages:
        try:
            forms.add(simplemma.lemmatize(token, lang=language))
        except ValueError:  # a language simplemma does not have
            continue
    return forms


def analyze(
    text: str, languages: tuple[str, ...], *, skip: frozenset[str] = frozenset()
) -> Counter[str]:
    """Weighted terms of a text: folded lemmas (weight 1) and prefix stems (STEM_WEIGHT).
    Words whose folded form is in `skip` are left out whole (no lemma, no stem)."""
    terms: Counter[str] = Counter()
    text = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", ""), text.lower())
    for token in _WORD.findall(text):
        if len(token) < 2 or token.isdigit() or fold(token) in skip:
            continue
        for form in _lemmas(token, languages):
            folded = fold(form)
            terms[folded] += 1
            if len(folded) > STEM_LENGTH:
                terms["~" + folded[:STEM_LENGTH]] += 1
    return terms


class _Bm25:
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


class SearchIndex:
    def __init__(self, content: FaqContent) -> None:
        self._topics: list[str] = []
        keyword_words: set[str] = set()
        self._languages: list[str] = []
        groups: dict[str, list[Counter[str]]] = {name: [] for name in FIELD_GROUPS}
        for topic in content.topics.values():
            children = content.children(topic.id)
            for language, translation in topic.translations.items():
                if translation.derived:
                    continue  # sr-Latn made from sr folds to the very same terms
                languages = (LEMMA_LANGUAGES.get(language, "en"),)
                fields = {
                    "title": translation.title,
                    "keywords": " ".join(translation.keywords),
                    "children": " ".join(content.translation(c, language).title for c in children),
                    "body": translation.body,
                }
                keyword_words |= {fold(w) for w in _WORD.findall(fields["keywords"].lower())}
                self._topics.append(topic.id)
                self._languages.append(language)
                for group, (names, _) in FIELD_GROUPS.items():
                    terms: Counter[str] = Counter()
                    for name in names:
                        terms.update(analyze(fields[name], languages))
                    groups[group].append(terms)
        self._groups = {name: _Bm25(documents) for name, documents in groups.items()}
        known: set[str] = set()
        for bm25 in self._groups.values():
            known |= set(bm25.idf)
        self._known = known
        self._vocabulary = sorted(t for t in known if not t.startswith("~"))
        self._common = self._common_terms(groups["body"])
        # A function word staff chose as a keyword ("work" in "work permit") still counts.
        self._skip = (FUNCTION_WORDS - keyword_words) | SMALL_TALK

    def _common_terms(self, documents: list[Counter[str]]) -> set[str]:
        per_language: dict[str, list[Counter[str]]] = defaultdict(list)
        for language, document in zip(self._languages, documents, strict=True):
            per_language[language].append(document)
        common: set[str] = set()
        for docs in per_language.values():
            counts = Counter(term for d in docs for term in d)
            common |= {t for t, n in counts.items() if n > COMMON_SHARE * len(docs)}
        return common

    def _query_terms(self, query: str) -> dict[str, float]:
        weights: dict[str, float] = {}
        for term in analyze(query[:MAX_QUERY_CHARS], ALL_LEMMA_LANGUAGES, skip=self._skip):
            weight = STEM_WEIGHT if term.startswith("~") else 1.0
            if term in self._known:
                weights[term] = max(weights.get(term, 0), weight)
            elif not term.startswith("~") and len(term) >= 4:
                for match, similarity, _ in process.extract(
                    term, self._vocabulary, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=3
                ):
                    fuzzy = FUZZY_WEIGHT * similarity / 100
                    weights[match] = max(weights.get(match, 0), fuzzy)
        return weights

    def search(
        self, query: str, *, limit: int = 3, min_score: float = MIN_SCORE
    ) -> list[SearchHit]:
        words = [fold(w) for w in _WORD.findall(query[:MAX_QUERY_CHARS].lower())]
        if " ".join(w for w in words if w not in SMALL_TALK) in SMALL_TALK_PHRASES:
            return []
        terms = self._query_terms(query)
        scores: dict[int, float] = defaultdict(float)
        for group, (_, group_weight) in FIELD_GROUPS.items():
            group_scores: dict[int, float] = defaultdict(float)
            for term, weight in terms.items():
                # A word in most answers says nothing about which answer, but the same word in a
                # title or keywords ("dozvola" in the permit topic) still does.
                if group == "body" and term in self._common:
                    continue
                self._groups[group].add_scores(term, weight, group_scores)
            for index, score in group_scores.items():
                scores[index] += group_weight * score
        best: dict[str, float] = {}
        for index, score in scores.items():
            topic_id = self._topics[index]
            best[topic_id] = max(best.get(topic_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))
        return [SearchHit(t, round(s, 3)) for t, s in ranked[:limit] if s >= min_score]
