"""Search over entities and agreements by name, alias, acronym and description.

These tables hold hundreds to a few thousand records, so a Python index is small and exact:
whole names, name words (with prefix look-up through a sorted vocabulary), description words,
and names within a typo (typos.py). It is built from `NameRecord`s, which hold only what search
needs, so the on-disk search cache can rebuild it without reading the database.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from operator import itemgetter, neg

from tui.search import typos
from tui.search.query import Also, Match, Query, clause, fold, words
from tui.search.rows import NameRecord
from tui.search.typos import Typos

EXACT_NAME = 1000.0
NAME_PREFIX = 300.0
PHRASE = 50.0  # a phrase found in a name or description
WORD_SCORES = {"name": (60.0, 40.0), "text": (8.0, 5.0)}  # (whole word, prefix)
FUZZY_WHEN_FEWER = 3
TEXT_PREFIX = 3  # a word being typed matches descriptions once it has this many letters


@dataclass
class _Named:
    record: NameRecord
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
        for word in self.sorted[bisect_left(self.sorted, term) :]:
            if not word.startswith(term):
                break
            found.append((word, word == term))
        return found


class NameIndex:
    """Ranked look-up of entities and agreements."""

    def __init__(self, records: list[NameRecord]) -> None:
        self.items = [self._entry(r) for r in records]
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.vocab = {"name": _Vocabulary(), "text": _Vocabulary()}
        self.typos = Typos()  # the strings a typo is compared with
        self._parties: dict[str, set[str]] = {}
        for number, entry in enumerate(self.items):
            self._add(number, entry)
        for vocabulary in self.vocab.values():
            vocabulary.freeze()
        self.typos.freeze()
        # Each kind's items in their order without a query, computed once.
        self.by_kind = {
            kind: sorted(
                (n for n, e in enumerate(self.items) if e.record.kind == kind),
                key=lambda n: self.items[n].default_rank,
            )
            for kind in ("entity", "agreement")
        }
        self.kind_sets = {kind: frozenset(numbers) for kind, numbers in self.by_kind.items()}
        self.everyone = frozenset(range(len(self.items)))
        # How equal scores are ordered (the shorter name, then by name), as each item's place:
        # ranking compares numbers, not tuples made for each item it ranks (see _ranked).
        self._tie = [0] * len(self.items)
        ties = sorted(range(len(self.items)), key=lambda n: self.items[n].default_rank[2:])
        for place, number in enumerate(ties):
            self._tie[number] = place
        # The first word of every name, and its item, sorted by word: see _names_beginning.
        first_words = sorted(
            {(name[0], n) for n, entry in enumerate(self.items) for name in entry.names}
        )
        self.first_words = [word for word, _ in first_words]
        self.first_items = [number for _, number in first_words]
        self.by_id = {(e.record.kind, e.record.id): e.record for e in self.items}

    @staticmethod
    def _entry(record: NameRecord) -> _Named:
        names = tuple(tuple(w) for w in map(words, record.names) if w)
        rank = (-record.mentions, -(record.year or 0), len(record.label), fold(record.label))
        return _Named(record, names, frozenset(words(f"{record.text} {record.body}")), rank)

    def _add(self, number: int, entry: _Named) -> None:
        for name in entry.names:
            self.exact[" ".join(name)].add(number)
            for word in name:
                self.vocab["name"].add(word, number)
            self.typos.add(entry.record.kind, " ".join(name), number)
            for word in name:
                if len(word) >= typos.SHORTEST:
                    self.typos.add(entry.record.kind, word, number)
        for word in entry.text:
            self.vocab["text"].add(word, number)

    def get(self, kind: str, item_id: str) -> NameRecord | None:
        return self.by_id.get((kind, item_id))

    # -- searching ---------------------------------------------------------------------------

    def search(
        self, query: Query, limits: Mapping[str, int], also: Also | None = None
    ) -> dict[str, tuple[list[tuple[str, float]], int]]:
        """For each kind in `limits`: (id, score) of its best `limit` items, and how many
        matched in all. When the kinds together match fewer than FUZZY_WHEN_FEWER items, names
        within a typo fill in ("hegsth"): ask for every kind the query may be meant for, with a
        limit of 0 for those whose rows are not wanted, so they still count. `also`: the
        user's own matches of tag: and note: clauses (see query.Also)."""
        allowed, sets = self._allowed(query, limits, also or {})
        if not query.has_words:
            return {
                kind: (
                    [(self.items[n].record.id, 0.0) for n in numbers[: limits[kind]]],
                    len(numbers),
                )
                for kind, numbers in allowed.items()
            }
        pool = self.everyone if sets == self.kind_sets else frozenset().union(*sets.values())
        everything = self._scores(query, pool)
        scores = {kind: _scores_of(everything, self.kind_sets[kind]) for kind in limits}
        if len(everything) < FUZZY_WHEN_FEWER and query.terms and not query.phrases:
            for text in typos.typo_texts(query):
                for kind, found in scores.items():
                    for number, score in self.typos.near(text, kind, sets[kind]).items():
                        found.setdefault(number, score)
        return {kind: self._ranked(found, limits[kind]) for kind, found in scores.items()}

    def _allowed(
        self, query: Query, kinds: Iterable[str], also: Also
    ) -> tuple[dict[str, list[int]], dict[str, AbstractSet[int]]]:
        """The items of each kind that pass the query's filters and have none of its excluded
        words or phrases in a name, in their order without a query, as lists and as sets."""
        if not (query.has_filters or query.excluded):  # every item: made once, in __init__
            return (
                {kind: self.by_kind[kind] for kind in kinds},
                {kind: self.kind_sets[kind] for kind in kinds},
            )
        excluded = self._excluded(query.excluded)
        if query.has_filters:
            allowed = {
                kind: [
                    n
                    for n in self.by_kind[kind]
                    if n not in excluded and self._passes(self.items[n].record, query, also)
                ]
                for kind in kinds
            }
        else:
            allowed = {kind: [n for n in self.by_kind[kind] if n not in excluded] for kind in kinds}
        return allowed, {kind: frozenset(numbers) for kind, numbers in allowed.items()}

    def _excluded(self, excluded: tuple[str, ...]) -> set[int]:
        """The items with any of these words or phrases in a name (a name, alias, acronym or
        full name): `-india` hides India and Make in India, not every item whose description
        mentions India (the Quad, the United States...)."""
        found: set[int] = set()
        postings = self.vocab["name"].postings
        for entry in excluded:
            having = [set(postings.get(word, ())) for word in entry.split()]
            if len(having) == 1:
                found |= having[0]
            elif having:
                target = f" {entry} "
                found |= {
                    n
                    for n in set.intersection(*having)
                    if any(target in f" {' '.join(name)} " for name in self.items[n].names)
                }
        return found

    def _ranked(self, scores: dict[int, float], limit: int) -> tuple[list[tuple[str, float]], int]:
        """The best `limit` items, the higher score first, then the shorter name. A word
        begun matches thousands of items at 100k: the best few are picked (nsmallest) from
        (-score, place, item) made by iterators, not sorted through a key per item."""
        places = map(self._tie.__getitem__, scores)
        keys = zip(map(neg, scores.values()), places, scores, strict=True)
        best = heapq.nsmallest(limit, keys)
        return [(self.items[n].record.id, -score) for score, _, n in best], len(scores)

    def _scores(self, query: Query, allowed: AbstractSet[int]) -> dict[int, float]:
        """Each allowed item that matches every group of the query, with its score: the sum,
        over the groups, of the best its alternatives earn. Groups of words come first, so a
        phrase is looked for only in the items they leave."""
        scores: dict[int, float] | None = None
        for group in sorted(query.groups, key=lambda g: any(m.phrase for m in g)):
            found = self._either(group, allowed if scores is None else scores.keys())
            if scores is None:
                scores = found
            else:
                scores = {n: s + found[n] for n, s in scores.items() if n in found}
        readings = query.readings()
        exact = set().union(*(self.exact.get(" ".join(terms), ()) for terms, _ in readings))
        begun = self._names_beginning(readings)
        scored = dict(scores or {})  # the bonuses go to the few items that earn one
        for number in exact & scored.keys():
            scored[number] += EXACT_NAME
        for number in (begun - exact) & scored.keys():
            scored[number] += NAME_PREFIX
        return scored

    def _names_beginning(self, readings: list[tuple[tuple[str, ...], bool]]) -> set[int]:
        """The items with a name that starts with the words of a reading of the query (one
        alternative of each OR), the last of them a prefix if it is one. Looked up from the
        names' first words, sorted: a query of one letter begins a name of thousands of items
        at 100k, which a check of each took 10 ms."""
        found: set[int] = set()
        words_, items = self.first_words, self.first_items
        for terms, prefix in readings:
            first, alone = terms[0], len(terms) == 1
            at = bisect_left(words_, first)
            if prefix and alone:  # every first word that starts with it
                end = bisect_left(words_, first + "\U0010ffff", at)
                while end < len(words_) and words_[end].startswith(first):
                    end += 1  # a word that goes on with the last code point itself
            else:  # the first word whole
                end = bisect_right(words_, first, at)
            if alone:
                found.update(items[at:end])
                continue
            for number in items[at:end]:
                if any(_starts_with(name, terms, prefix) for name in self.items[number].names):
                    found.add(number)
        return found

    def _either(self, group: tuple[Match, ...], pool: AbstractSet[int]) -> dict[int, float]:
        """The items of `pool` that match any of a group's alternatives, with the best score
        one earns them. (Every item is in the pool of a query without filters: at 100k a
        word begun matches thousands, and each pass over them is felt in a keystroke.)"""
        best: dict[int, float] = {}
        for match in group:
            if match.phrase:
                found = {n: PHRASE for n in pool if self._has_phrase(n, match.text)}
            else:
                found = self._term(match.text, match.prefix)
                if pool is not self.everyone:
                    found = {n: score for n, score in found.items() if n in pool}
            if not best:
                best = found
                continue
            for number, score in found.items():
                if best.get(number, -1.0) < score:
                    best[number] = score
        return best

    def _term(self, term: str, prefix: bool) -> dict[int, float]:
        """The best score each item earns for one query word, over names and text. A prefix
        of one or two letters being typed is looked up in names only: in descriptions it stands
        for thousands of words ("pe": people, personnel, period...) and narrows nothing. The
        words' items are laid down the lowest score first, so the best one an item earns is
        the one left (in C, not a comparison per item)."""
        scored: list[tuple[float, AbstractSet[int]]] = []
        for field_name, vocabulary in self.vocab.items():
            if prefix and len(term) < TEXT_PREFIX and field_name == "text":
                continue
            whole, partial = WORD_SCORES[field_name]
            for word, is_whole in vocabulary.expand(term, prefix):
                scored.append((whole if is_whole else partial, vocabulary.postings[word]))
        best: dict[int, float] = {}
        for score, numbers in sorted(scored, key=itemgetter(0)):
            best.update(dict.fromkeys(numbers, score))
        return best

    def _has_phrase(self, number: int, phrase: str) -> bool:
        """The phrase's words, in order, in a name or the description."""
        entry = self.items[number]
        target = f" {' '.join(words(phrase))} "
        return (
            any(target in f" {' '.join(name)} " for name in entry.names)
            or target in f" {' '.join(words(entry.record.body))} "
        )

    def _passes(self, record: NameRecord, query: Query, also: Also) -> bool:
        """The record passes every filter. A filter on what a kind of item does not have
        (an entity's party, year or signing; a source) lets none of that kind through."""
        if query.kinds and record.kind not in query.kinds and record.own_kind not in query.kinds:
            return False
        if query.parties and not (
            record.kind == "agreement"
            and all(set(record.parties) & self.party_ids(p) for p in query.parties)
        ):
            return False
        if not (
            _within(record.year, query.years)
            and _within(record.signed, query.signed)
            and _within(record.announced, query.announced)
        ):
            return False
        if not _own(record, query, also):
            return False
        if not all(s == record.review or (s and s in record.standing) for s in query.statuses):
            return False
        return not query.sources  # only articles have sources

    def party_ids(self, value: str) -> set[str]:
        """Entity ids a party:value filter names: by id, whole name or alias, else name prefix."""
        if value not in self._parties:
            self._parties[value] = self._find_parties(value)
        return self._parties[value]

    def _find_parties(self, value: str) -> set[str]:
        entities = [e.record for e in self.items if e.record.kind == "entity"]
        exact = {e.id for e in entities if value == e.id or any(value == fold(n) for n in e.names)}
        if exact:
            return exact
        return {e.id for e in entities if any(fold(n).startswith(value) for n in e.names)}


def _own(record: NameRecord, query: Query, also: Also) -> bool:
    """The record has every tag: and note: of the query, in the database or (`also`) the user's."""
    key = f"{record.kind}:{record.id}"
    return all(
        t in record.tags or key in also.get(clause("tag", t), ()) for t in query.tags
    ) and all(
        all(f" {w} " in record.notes for w in n.split()) or key in also.get(clause("note", n), ())
        for n in query.notes
    )


def _within(year: int | None, span: tuple[int, int] | None) -> bool:
    return span is None or (year is not None and span[0] <= year <= span[1])


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def _scores_of(scores: dict[int, float], numbers: AbstractSet[int]) -> dict[int, float]:
    """The scores of the items in `numbers` (made in C: thousands at 100k, each key)."""
    kept = scores.keys() & numbers
    return dict(zip(kept, map(scores.__getitem__, kept), strict=True))


def _starts_with(name: tuple[str, ...], terms: tuple[str, ...], prefix_last: bool) -> bool:
    if len(name) < len(terms):
        return False
    head, last = terms[:-1], terms[-1]
    if tuple(name[: len(head)]) != head:
        return False
    word = name[len(head)]
    return word.startswith(last) if prefix_last else word == last
