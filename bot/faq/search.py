"""Typed questions → the best topics: BM25 over lemmatised, script- and accent-folded tokens.

Migrants write in any supported language and Russian, Serbian in either script, without
diacritics, inflected, with typos. So every token is lemmatised (simplemma: uk, Serbo-Croatian,
sl, en) and kept as written; Cyrillic is folded to Latin, diacritics dropped (bot.faq.words);
Russian words the content says in Ukrainian get the Ukrainian word (bot.faq.russian); a 5-letter
prefix stem catches other inflections; an unseen word meets close index words (bot.faq.fuzzy), but a
word a dictionary knows only looks like another root ("пекара" bakery ~ "lekara" doctor): it ranks
and covers nothing. Built once per content load (bot.faq.terms). `find` also says how sure it is
(bot.faq.confidence), from how much of the question the topics cover; words no topic has, other
countries (bot.faq.countries), everyday life (bot.faq.everyday) count against a match.
"""

from __future__ import annotations

import math
import weakref
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.faq.confidence import Confidence, confidence
from bot.faq.countries import EXACT_FORMS, country_name, going_elsewhere
from bot.faq.everyday import is_everyday, workplaces
from bot.faq.fuzzy import CloseWords
from bot.faq.model import FaqContent
from bot.faq.russian import ukrainian_for
from bot.faq.terms import (
    ALL_LEMMA_LANGUAGES,
    LEMMA_LANGUAGES,
    STEM_WEIGHT,
    WORD,
    analyze,
    content_tokens,
    dictionary_knows,
    keyword_terms,
    token_terms,
)
from bot.faq.words import FUNCTION_WORDS, SMALL_TALK, SMALL_TALK_PHRASES, fold

# Fields scored together (each group is its own BM25, so short titles are not drowned by long
# bodies) and how much each group counts.
FIELD_GROUPS = {"meta": (("title", "keywords"), 2.0), "body": (("body", "children"), 1.0)}
FUZZY_CUTOFF = 82
FUZZY_WEIGHT = 0.7
KNOWN_FUZZY_PREFIX = 4  # a correctly spelled word meets a close index word only on its root
K1, B = 1.2, 0.5
MIN_SCORE = 10.0  # below this the best topic is a guess (greetings, "ok"), and we say so
CHILD_RATIO = 0.6  # a sub-question this close behind its own parent goes first
NEAR_TIE = 0.98  # sub-questions this close are told apart by what their own titles name
CHILD_WINDOW = 3  # looked for among the topics offered
UNRECOGNISED_WEIGHT = 0.3  # a word no topic has and no dictionary knows, relative to a real one
STEM_COVER, FUZZY_COVER = 1.0, 0.8  # how much of a word a stem or a typo match covers
MAX_QUERY_CHARS = 500
COMMON_SHARE = 0.7  # a word in over 70 % of one language's topics carries no meaning (how, what)


@dataclass(frozen=True)
class SearchHit:
    topic_id: str
    score: float


@dataclass(frozen=True)
class QueryWord:
    """One content word of a query: the index terms it stands for (weighted; none if no topic)."""

    terms: dict[str, float]
    function: bool = False
    real: bool = True  # a word some dictionary we lemmatise with knows (not a typo, not Russian)
    # Terms that only look like the word: a correctly spelled word near an index word of another
    # root ("пекара" bakery ~ "lekara" doctor). They rank, but say little about being covered.
    loose: frozenset[str] = frozenset()
    foreign: bool = False  # another country's name: no topic is about it, whatever it resembles
    everyday: bool = False  # weather, shops… (bot.faq.everyday): only a topic naming it covers it


@dataclass(frozen=True)
class SearchResult:
    level: Confidence
    hits: tuple[SearchHit, ...]
    coverage: float = 0.0  # share of the query's meaning the first topic covers


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
        if (idf := self.idf.get(term)) is None:
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
                keyword_words |= {fold(w) for w in WORD.findall(fields["keywords"].lower())}
                self._topics.append(topic.id)
                self._languages.append(language)
                for group, (names, _) in FIELD_GROUPS.items():
                    terms: Counter[str] = Counter()
                    for name in names:
                        if name == "keywords":
                            terms.update(keyword_terms(translation.keywords, languages))
                        else:
                            terms.update(analyze(fields[name], languages))
                    groups[group].append(terms)
        self._groups = {name: _Bm25(documents) for name, documents in groups.items()}
        self._known: set[str] = set().union(*(bm25.idf for bm25 in self._groups.values()))
        self._vocabulary = sorted(t for t in self._known if not t.startswith("~"))
        # By whole names ("Velikobritanija"'s stem is in every "velik", big).
        self._named_countries = {n for t in self._vocabulary if (n := country_name(t))}
        self._close = CloseWords(self._vocabulary, FUZZY_CUTOFF)  # typos → index words
        # Questions repeat words: what a word stands for is worked out once per index. The cache
        # holds the index weakly (no cycle), so a replaced index goes at once (tests/test_heap.py).
        this = weakref.proxy(self)
        self._query_word = lru_cache(maxsize=8192)(lambda word: this._make_query_word(word))
        self._common = self._common_terms(groups["body"])
        # Which topics hold a term (any language, any field): for coverage and word weights.
        self._topic_terms: dict[str, set[str]] = defaultdict(set)
        for group_documents in groups.values():
            for topic_id, document in zip(self._topics, group_documents, strict=True):
                self._topic_terms[topic_id] |= set(document)
        # Word weights count main-menu families, not topics: a word all of one family's
        # sub-questions share ("citizenship") still says which family.
        self._parent = {t.id: t.parent for t in content.topics.values() if t.parent}
        self._term_topics: dict[str, set[str]] = defaultdict(set)
        for topic_id, topic_terms in self._topic_terms.items():
            family = ([topic_id, *content.ancestors(topic_id)])[-1]
            for term in topic_terms:
                self._term_topics[term].add(family)
        # The families whose titles and keywords hold a term: what the term is the subject of.
        self._subject_families: dict[str, set[str]] = defaultdict(set)
        for topic_id, document in zip(self._topics, groups["meta"], strict=True):
            family = ([topic_id, *content.ancestors(topic_id)])[-1]
            for term in document:
                self._subject_families[term].add(family)
        self._families = len({topics for family in self._term_topics.values() for topics in family})
        # What a topic is about, for coverage: all its own words, and the titles and keywords of
        # its family (a question may name the parent's subject and the sub-question's detail).
        meta: dict[str, set[str]] = defaultdict(set)
        for topic_id, document in zip(self._topics, groups["meta"], strict=True):
            meta[topic_id] |= set(document)
        self._own_meta = {topic_id: set(terms) for topic_id, terms in meta.items()}
        self._topic_meta: dict[str, set[str]] = {}
        for topic_id in meta:
            relatives = [topic_id, *content.ancestors(topic_id)]
            relatives += [child.id for child in content.children(topic_id)]
            self._topic_meta[topic_id] = set().union(*(meta.get(t, set()) for t in relatives))
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

    def _word_terms(self, token: str, known: bool) -> tuple[dict[str, float], frozenset[str]]:
        """One query word → the index terms it stands for, with weights: its lemmas and stem as
        they are, or (for a word the index has never seen) close index words, for typos."""
        weights: dict[str, float] = {}
        # A word a dictionary knows (`known`) is spelled right: a close index word is then
        # another word ("пекара" bakery, "lekara" doctor), unless it is a form of the same root.
        prefix = KNOWN_FUZZY_PREFIX if known else 0
        rooted: set[str] = set()  # fuzzy matches that share the word's root
        terms = token_terms(token, ALL_LEMMA_LANGUAGES)
        ukrainian = ukrainian_for(token)  # a Russian word the content says in Ukrainian
        if ukrainian:
            terms.update(token_terms(ukrainian, ALL_LEMMA_LANGUAGES))
        for term in terms:
            weight = STEM_WEIGHT if term.startswith("~") else 1.0
            if term in self._known:
                weights[term] = max(weights.get(term, 0), weight)
            elif not term.startswith("~") and len(term) >= 4:
                for match, similarity in self._close.find(term, limit=3):
                    if match[:prefix] == term[:prefix]:
                        rooted.add(match)
                    fuzzy = FUZZY_WEIGHT * similarity / 100
                    weights[match] = max(weights.get(match, 0), fuzzy)
        loose = {t for t, w in weights.items() if w < 1.0 and not t.startswith("~")} - rooted
        return weights, frozenset(loose)

    def _make_query_word(self, token: str) -> QueryWord:
        folded = fold(token)
        known = dictionary_knows(token)  # ~15 µs a dictionary: asked once per word
        terms, loose = self._word_terms(token, known)
        real = bool(terms) or known
        function, foreign = folded in FUNCTION_WORDS, self._foreign(folded, terms)
        everyday = not function and is_everyday(token)
        return QueryWord(terms, function, real, loose, foreign, everyday)

    def _foreign(self, folded: str, terms: dict[str, float]) -> bool:
        """A country's name that no topic names (Slovenia, Ukraine and Bosnia are named)."""
        name, exact = country_name(folded), any(_kind(t, w) == _EXACT for t, w in terms.items())
        if name is None or (exact and folded not in EXACT_FORMS):
            return False
        return name not in self._named_countries

    def _query_words(self, query: str, tokens: list[str]) -> list[QueryWord]:
        """Every distinct content word of the query, in order, with what it matched. Where someone
        works ("I work in a shop") is not a word of everyday life there."""
        words: dict[str, QueryWord] = {}
        at_work = workplaces(tokens)
        for token in content_tokens(query[:MAX_QUERY_CHARS], skip=self._skip):
            if (folded := fold(token)) not in words:
                word = self._query_word(token)
                words[folded] = replace(word, everyday=False) if folded in at_work else word
        return list(words.values())

    def _rank(self, terms: dict[str, float]) -> list[tuple[str, float]]:
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
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))

    def _prefer_sub_question(
        self, ranked: list[tuple[str, float]], terms: dict[str, float]
    ) -> list[tuple[str, float]]:
        """A main topic first and its own sub-questions close behind: a sub-question is the more
        precise answer (its parent's page only lists it), so one goes first. Of those scored
        alike, the one whose own title and keywords name the question's words (by weight)."""
        if not ranked:
            return ranked
        first, score = ranked[0]
        close = [
            (index, topic_id, child_score)
            for index, (topic_id, child_score) in enumerate(ranked[1:CHILD_WINDOW], start=1)
            if self._parent.get(topic_id) == first and child_score >= CHILD_RATIO * score
        ]
        if not close:
            return ranked

        def named(topic_id: str) -> float:
            own, subjects = self._own_meta.get(topic_id, set()), self._subject_families
            return sum(self._idf(len(subjects.get(term, ()))) for term in terms if term in own)

        best = max(score for _, _, score in close)
        tied = [c for c in close if c[2] >= NEAR_TIE * best]  # scores say nothing between these
        index = max(tied, key=lambda c: (named(c[1]), c[2]))[0]
        return [ranked[index], *ranked[:index], *ranked[index + 1 :]]

    def _word_weight(self, word: QueryWord) -> float:
        """How much a query word says: the IDF over families of what it matched. A word found in
        no topic at all weighs most, so it counts against any match (weather, Canada). "Permit" is
        in nearly every answer but the subject (title, keywords) of few: its weight is the mean of
        the two IDFs, so "I am from India" does not drown "residence permit"."""
        if word.foreign or word.everyday:
            return self._idf(0)
        for kind in (_EXACT, _STEM, _FUZZY):
            topics: set[str] = set()
            subject: set[str] = set()
            for term, weight in word.terms.items():
                if _kind(term, weight) == kind and term not in word.loose:
                    topics |= self._term_topics.get(term, set())
                    subject |= self._subject_families.get(term, set())
            if topics:
                return (self._idf(len(subject or topics)) + self._idf(len(topics))) / 2
        if word.loose:
            # Only look-alikes: maybe a cognate, maybe a word no topic has; halfway between.
            topics = set().union(*(self._term_topics.get(term, set()) for term in word.loose))
            return (self._idf(len(topics)) + self._idf(0)) / 2
        return self._idf(0) * (1.0 if word.real else UNRECOGNISED_WEIGHT)

    def _idf(self, topics: int) -> float:
        total = self._families
        return math.log(1 + (total - topics + 0.5) / (topics + 0.5))

    def coverage(self, words: list[QueryWord], topic_ids: list[str]) -> float:
        """Share of the query's meaning (IDF-weighted content words) that the topics contain.
        Function words staff made keywords ("when" for opening hours) help ranking, not here."""
        said = covered = 0.0
        # A question made only of such words ("kje ste?") is judged by them after all.
        meaningful = [word for word in words if not word.function] or words
        for word in meaningful:
            hit = max((self._hit(word, topic_id) for topic_id in topic_ids), default=0.0)
            weight = self._word_weight(word)
            said += weight
            covered += weight * hit
        return covered / said if said else 0.0

    def _hit(self, word: QueryWord, topic_id: str) -> float:
        if word.foreign:
            return 0.0
        about = self._topic_meta.get(topic_id, set())
        own = set() if word.everyday else self._topic_terms.get(topic_id, set())
        hit = 0.0
        for term, term_weight in word.terms.items():
            kind = _kind(term, term_weight)
            if word.everyday and kind != _EXACT:
                continue  # "pogoda" (weather) is not "pogodba" (contract) by its stem
            if (term in about or term in own) and term not in word.loose:
                hit = max(hit, COVER_BY_KIND[kind])
        return hit

    def find(self, query: str, *, limit: int = 3) -> SearchResult:
        """The best topics for a typed question and how sure the search is (see `Confidence`)."""
        tokens = WORD.findall(query[:MAX_QUERY_CHARS].lower())
        if " ".join(w for w in map(fold, tokens) if w not in SMALL_TALK) in SMALL_TALK_PHRASES:
            return SearchResult(Confidence.NONE, ())
        query_words = self._query_words(query, tokens)
        terms: dict[str, float] = {}
        for word in query_words:
            for term, weight in word.terms.items():
                terms[term] = max(terms.get(term, 0), weight)
        ranked = self._prefer_sub_question(self._rank(terms), terms)
        ranked = [(t, s) for t, s in ranked[:limit] if s >= MIN_SCORE]
        if not ranked:
            return SearchResult(Confidence.NONE, ())
        # The first topic must cover the question to be the answer; for "maybe", those offered.
        share = self.coverage(query_words, [ranked[0][0]])
        offered = self.coverage(query_words, [topic for topic, _ in ranked])
        left = any(w.everyday and not any(self._hit(w, t) for t, _ in ranked) for w in query_words)
        left = left or going_elsewhere(tokens, lambda token: self._query_word(token).foreign)
        content = sum(not w.function for w in query_words)
        level = confidence(share, offered, len(query_words), everyday_left=left, content=content)
        if level is Confidence.NONE:
            return SearchResult(level, (), round(share, 3))
        hits = tuple(SearchHit(t, round(s, 3)) for t, s in ranked)
        return SearchResult(level, hits, round(share, 3))

    def search(self, query: str, *, limit: int = 3) -> list[SearchHit]:
        """The topics to offer for a typed question, best first; [] when none fits."""
        return list(self.find(query, limit=limit).hits)


_EXACT, _STEM, _FUZZY = "exact", "stem", "fuzzy"
COVER_BY_KIND = {_EXACT: 1.0, _STEM: STEM_COVER, _FUZZY: FUZZY_COVER}


def _kind(term: str, weight: float) -> str:
    if term.startswith("~"):
        return _STEM
    return _EXACT if weight >= 1.0 else _FUZZY
