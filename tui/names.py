"""Search over entities and agreements by name, alias, acronym and description.

These tables hold hundreds to a few thousand records, so a Python index is small and exact:
whole names, name words (with prefix look-up through a sorted vocabulary), description words,
and rapidfuzz over names for typos.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass

from tui.corpus import Corpus
from tui.models import Agreement, Entity
from tui.query import Query, fold, words

EXACT_NAME = 1000.0
NAME_PREFIX = 300.0
WORD_SCORES = {"name": (60.0, 40.0), "text": (8.0, 5.0)}  # (whole word, prefix)
FUZZY_CUTOFF = 75.0
FUZZY_WHEN_FEWER = 3


@dataclass
class _Named:
    kind: str
    item: Entity | Agreement
    names: tuple[tuple[str, ...], ...]  # the words of each name
    text: frozenset[str]
    default_rank: tuple


class _Vocabulary:
    """Words to item numbers, with prefix look-up."""

    def __init__(self) -> None:
        self.postings: dict[str, set[int]] = defaultdict(set)
        self.sorted: list[str] = []

    def add(self, word: str, item: int) -> None:
        self.postings[word].add(item)

    def freeze(self) -> None:
        self.sorted = sorted(self.postings)

    def expand(self, term: str, prefix: bool) -> list[tuple[str, bool]]:
        """(word, is_whole_word) for the term, and every word it begins when `prefix`."""
        if not prefix:
            return [(term, True)] if term in self.postings else []
        found = []
        for word in self.sorted[bisect_left(self.sorted, term):]:
            if not word.startswith(term):
                break
            found.append((word, word == term))
        return found


class NameIndex:
    """Ranked look-up of entities and agreements."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.items = [self._entry("entity", e) for e in corpus.entities.values()]
        self.items += [self._entry("agreement", a) for a in corpus.agreements.values()]
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.vocab = {"name": _Vocabulary(), "text": _Vocabulary()}
        self.fuzzy_choices: list[str] = []
        self.fuzzy_items: list[int] = []
        self._parties: dict[str, set[str]] = {}
        for number, entry in enumerate(self.items):
            self._add(number, entry)
        for vocabulary in self.vocab.values():
            vocabulary.freeze()
        # Each kind's items in their order without a query, computed once.
        self.by_kind = {
            kind: sorted((n for n, e in enumerate(self.items) if e.kind == kind),
                         key=lambda n: self.items[n].default_rank)
            for kind in ("entity", "agreement")
        }

    def _entry(self, kind: str, item: Entity | Agreement) -> _Named:
        names = tuple(tuple(words(n)) for n in item.names if words(n))
        if isinstance(item, Entity):
            text = f"{item.kind} {item.description} " + " ".join(r.title for r in item.roles)
            year = 0
        else:
            text = f"{item.kind} {item.summary} {' '.join(item.domains)} {item.status}"
            year = item.year or 0
        mentions = self.corpus.mention_count(kind, item.id)
        rank = (-mentions, -year, len(item.label), fold(item.label))
        return _Named(kind, item, names, frozenset(words(text)), rank)

    def _add(self, number: int, entry: _Named) -> None:
        for name in entry.names:
            self.exact[" ".join(name)].add(number)
            for word in name:
                self.vocab["name"].add(word, number)
            self._add_fuzzy(" ".join(name), number)
            for word in name:
                if len(word) >= 4:
                    self._add_fuzzy(word, number)
        for word in entry.text:
            self.vocab["text"].add(word, number)

    def _add_fuzzy(self, choice: str, number: int) -> None:
        self.fuzzy_choices.append(choice)
        self.fuzzy_items.append(number)

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: Query, kind: str, limit: int) -> tuple[list[tuple[str, float]], int]:
        """(id, score) of the best `limit` items of one kind, and how many matched in all."""
        allowed = self.by_kind[kind]
        if query.has_filters:
            allowed = [n for n in allowed if self._passes(self.items[n], query)]
        if not query.has_words:
            return [(self.items[n].item.id, 0.0) for n in allowed[:limit]], len(allowed)
        scores = self._scores(query, set(allowed))
        if len(scores) < FUZZY_WHEN_FEWER and query.terms and not query.phrases:
            for number, score in self._fuzzy(query, set(allowed)).items():
                scores.setdefault(number, score)
        ranked = sorted(scores, key=lambda n: (-scores[n], self.items[n].default_rank[2:]))
        return [(self.items[n].item.id, scores[n]) for n in ranked[:limit]], len(ranked)

    def _scores(self, query: Query, allowed: set[int]) -> dict[int, float]:
        scores: dict[int, float] | None = None
        last = len(query.terms) - 1
        for position, term in enumerate(query.terms):
            term_scores = self._term(term, query.prefix_last and position == last)
            if scores is None:
                scores = {n: s for n, s in term_scores.items() if n in allowed}
            else:
                scores = {n: s + term_scores[n] for n, s in scores.items() if n in term_scores}
        if scores is None:  # phrases only
            scores = dict.fromkeys(allowed, 0.0)
        for phrase in query.phrases:
            scores = {n: s + 50.0 for n, s in scores.items() if self._has_phrase(n, phrase)}
        for word in query.excluded:
            scores = {n: s for n, s in scores.items() if not self._has_word(n, word)}
        return {n: s + self._whole_name_bonus(n, query) for n, s in scores.items()}

    def _term(self, term: str, prefix: bool) -> dict[int, float]:
        """The best score each item earns for one query word, over names and text."""
        best: dict[int, float] = {}
        for field_name, vocabulary in self.vocab.items():
            whole, partial = WORD_SCORES[field_name]
            for word, is_whole in vocabulary.expand(term, prefix):
                score = whole if is_whole else partial
                for number in vocabulary.postings[word]:
                    if best.get(number, 0.0) < score:
                        best[number] = score
        return best

    def _whole_name_bonus(self, number: int, query: Query) -> float:
        terms = query.terms
        if not terms:
            return 0.0
        if number in self.exact.get(" ".join(terms), ()):
            return EXACT_NAME
        for name in self.items[number].names:
            if _starts_with(name, terms, query.prefix_last):
                return NAME_PREFIX
        return 0.0

    def _has_phrase(self, number: int, phrase: str) -> bool:
        entry = self.items[number]
        haystack = [" ".join(n) for n in entry.names]
        target = " ".join(words(phrase))
        item = entry.item
        body = item.description if isinstance(item, Entity) else item.summary
        return any(target in h for h in haystack) or target in " ".join(words(body))

    def _has_word(self, number: int, word: str) -> bool:
        entry = self.items[number]
        return word in entry.text or any(word in name for name in entry.names)

    def _fuzzy(self, query: Query, allowed: set[int]) -> dict[int, float]:
        """Names within a typo or two of the query, scored below every exact match."""
        from rapidfuzz import fuzz, process  # loaded at the first typo, not at start-up

        found: dict[int, float] = {}
        text = " ".join(query.terms)
        if len(text) < 4:
            return found
        matches = process.extract(text, self.fuzzy_choices, scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF, limit=20)
        for _choice, similarity, position in matches:
            number = self.fuzzy_items[position]
            if number in allowed:
                found[number] = max(found.get(number, 0.0), similarity / 10.0)
        return found

    def _passes(self, entry: _Named, query: Query) -> bool:
        return all(check(self, entry, query) for check in _FILTERS)

    def party_ids(self, value: str) -> set[str]:
        """Entity ids a party:value filter names: by id, whole name or alias, else name prefix."""
        if value not in self._parties:
            self._parties[value] = self._find_parties(value)
        return self._parties[value]

    def _find_parties(self, value: str) -> set[str]:
        entities = self.corpus.entities.values()
        exact = {e.id for e in entities if value == e.id or any(value == fold(n) for n in e.names)}
        if exact:
            return exact
        return {e.id for e in entities if any(fold(n).startswith(value) for n in e.names)}


def _starts_with(name: tuple[str, ...], terms: tuple[str, ...], prefix_last: bool) -> bool:
    if len(name) < len(terms):
        return False
    head, last = terms[:-1], terms[-1]
    if tuple(name[: len(head)]) != head:
        return False
    word = name[len(head)]
    return word.startswith(last) if prefix_last else word == last


def _kind_ok(index: NameIndex, entry: _Named, query: Query) -> bool:
    if not query.kinds:
        return True
    own = entry.item.kind if isinstance(entry.item, Entity) else "agreement"
    return entry.kind in query.kinds or own in query.kinds


def _party_ok(index: NameIndex, entry: _Named, query: Query) -> bool:
    if not query.parties:
        return True
    if not isinstance(entry.item, Agreement):
        return False
    parties = set(entry.item.parties)
    return all(parties & index.party_ids(p) for p in query.parties)


def _year_ok(index: NameIndex, entry: _Named, query: Query) -> bool:
    if not query.years:
        return True
    year = entry.item.year if isinstance(entry.item, Agreement) else None
    return year is not None and query.years[0] <= year <= query.years[1]


def _tag_ok(index: NameIndex, entry: _Named, query: Query) -> bool:
    tags = {fold(t) for t in entry.item.tags}
    return all(t in tags for t in query.tags)


def _status_ok(index: NameIndex, entry: _Named, query: Query) -> bool:
    item = entry.item
    review = item.status if isinstance(item, Entity) else item.review
    standing = "" if isinstance(item, Entity) else fold(item.status)
    return all(s == review or (s and s in standing) for s in query.statuses)


def _source_ok(index: NameIndex, entry: _Named, query: Query) -> bool:
    return not query.sources


_FILTERS = (_kind_ok, _party_ok, _year_ok, _tag_ok, _status_ok, _source_ok)
