"""Search over entities and agreements by name, alias, acronym and description.

These tables hold hundreds to a few thousand records, so a Python index is small and exact:
whole names, name words (with prefix look-up through a sorted vocabulary), description words,
and rapidfuzz over names for typos. It is built from `NameRecord`s, which hold only what search
needs, so the on-disk search cache can rebuild it without reading the database.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import astuple, dataclass

from tui.models import Agreement, Entity
from tui.query import Query, fold, words
from tui.wording import summary

EXACT_NAME = 1000.0
NAME_PREFIX = 300.0
WORD_SCORES = {"name": (60.0, 40.0), "text": (8.0, 5.0)}  # (whole word, prefix)
FUZZY_CUTOFF = 75.0
FUZZY_WHEN_FEWER = 3
TEXT_PREFIX = 3  # a word being typed matches descriptions once it has this many letters


@dataclass(frozen=True, slots=True)
class NameRecord:
    """What search knows of an entity or agreement."""

    kind: str  # "entity" or "agreement"
    id: str
    label: str
    summary: str  # the line under the label in a pane
    names: tuple[str, ...]
    own_kind: str  # "person", "country", ... for entities; "agreement" for agreements
    body: str  # description or summary: searched for phrases
    text: str  # every other searchable word: kind, roles, domains, standing
    year: int | None
    tags: tuple[str, ...]  # folded
    review: str  # "confirmed" or "candidate"
    standing: str  # an agreement's folded status ("in force"); "" for entities
    parties: tuple[str, ...]
    mentions: int

    @classmethod
    def of(cls, item: Entity | Agreement, mentions: int) -> NameRecord:
        tags = tuple(fold(t) for t in item.tags)
        if isinstance(item, Entity):
            roles = " ".join(r.title for r in item.roles)
            return cls("entity", item.id, item.label, summary(item, mentions), item.names,
                       item.kind, item.description, f"{item.kind} {roles}", None, tags,
                       item.status, "", (), mentions)
        text = f"{item.kind} {' '.join(item.domains)} {item.status}"
        return cls("agreement", item.id, item.label, summary(item, mentions), item.names,
                   "agreement", item.summary, text, item.year, tags, item.review,
                   fold(item.status), item.parties, mentions)

    def to_row(self) -> list:
        return list(astuple(self))

    @classmethod
    def from_row(cls, row: list) -> NameRecord:
        names, tags, parties = (tuple(row[i]) for i in (4, 9, 12))
        return cls(*row[:4], names, *row[5:9], tags, *row[10:12], parties, row[13])


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
        for word in self.sorted[bisect_left(self.sorted, term):]:
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
        # Per kind: the strings rapidfuzz compares a typo with, and the item of each.
        self.fuzzy: dict[str, tuple[list[str], list[int]]] = {
            "entity": ([], []), "agreement": ([], [])}
        self._parties: dict[str, set[str]] = {}
        for number, entry in enumerate(self.items):
            self._add(number, entry)
        for vocabulary in self.vocab.values():
            vocabulary.freeze()
        for kind, (choices, items) in self.fuzzy.items():  # by length: see _fuzzy
            order = sorted(range(len(choices)), key=lambda n: len(choices[n]))
            self.fuzzy[kind] = ([choices[n] for n in order], [items[n] for n in order])
        self._fuzzy_lengths = {kind: [len(c) for c in choices]
                               for kind, (choices, _) in self.fuzzy.items()}
        # Each kind's items in their order without a query, computed once.
        self.by_kind = {
            kind: sorted((n for n, e in enumerate(self.items) if e.record.kind == kind),
                         key=lambda n: self.items[n].default_rank)
            for kind in ("entity", "agreement")
        }
        self.kind_sets = {kind: frozenset(numbers) for kind, numbers in self.by_kind.items()}
        self.everyone = frozenset(range(len(self.items)))
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
            self._add_fuzzy(" ".join(name), number)
            for word in name:
                if len(word) >= 4:
                    self._add_fuzzy(word, number)
        for word in entry.text:
            self.vocab["text"].add(word, number)

    def _add_fuzzy(self, choice: str, number: int) -> None:
        choices, items = self.fuzzy[self.items[number].record.kind]
        choices.append(choice)
        items.append(number)

    def get(self, kind: str, item_id: str) -> NameRecord | None:
        return self.by_id.get((kind, item_id))

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: Query, limits: Mapping[str, int]
               ) -> dict[str, tuple[list[tuple[str, float]], int]]:
        """For each kind in `limits`: (id, score) of its best `limit` items, and how many
        matched in all. When the kinds together match fewer than FUZZY_WHEN_FEWER items, names
        within a typo fill in ("hegsth"): ask for every kind the query may be meant for, with a
        limit of 0 for those whose rows are not wanted, so they still count."""
        if query.has_filters:
            allowed = {kind: [n for n in self.by_kind[kind]
                              if self._passes(self.items[n].record, query)] for kind in limits}
            sets: dict[str, AbstractSet[int]] = {k: frozenset(n) for k, n in allowed.items()}
        else:  # every item of each kind: its list and its set are made once
            allowed = {kind: self.by_kind[kind] for kind in limits}
            sets = {kind: self.kind_sets[kind] for kind in limits}
        if not query.has_words:
            return {kind: ([(self.items[n].record.id, 0.0) for n in numbers[:limits[kind]]],
                           len(numbers)) for kind, numbers in allowed.items()}
        pool = self.everyone if sets == self.kind_sets else frozenset().union(*sets.values())
        everything = self._scores(query, pool)
        scores: dict[str, dict[int, float]] = {kind: {} for kind in limits}
        for number, score in everything.items():
            scores[self.items[number].record.kind][number] = score
        if len(everything) < FUZZY_WHEN_FEWER and query.terms and not query.phrases:
            for kind, found in scores.items():
                for number, score in self._fuzzy(query, kind, sets[kind]).items():
                    found.setdefault(number, score)
        return {kind: self._ranked(found, limits[kind]) for kind, found in scores.items()}

    def _ranked(self, scores: dict[int, float], limit: int
                ) -> tuple[list[tuple[str, float]], int]:
        ranked = sorted(scores, key=lambda n: (-scores[n], self.items[n].default_rank[2:]))
        return [(self.items[n].record.id, scores[n]) for n in ranked[:limit]], len(ranked)

    def _scores(self, query: Query, allowed: AbstractSet[int]) -> dict[int, float]:
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
        """The best score each item earns for one query word, over names and text. A prefix
        of one or two letters being typed is looked up in names only: in descriptions it stands
        for thousands of words ("pe": people, personnel, period...) and narrows nothing."""
        best: dict[int, float] = {}
        for field_name, vocabulary in self.vocab.items():
            if prefix and len(term) < TEXT_PREFIX and field_name == "text":
                continue
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
        return any(target in h for h in haystack) or target in " ".join(words(entry.record.body))

    def _has_word(self, number: int, word: str) -> bool:
        entry = self.items[number]
        return word in entry.text or any(word in name for name in entry.names)

    def _fuzzy(self, query: Query, kind: str, allowed: AbstractSet[int]) -> dict[int, float]:
        """Names within a typo or two of the query, scored below every exact match."""
        from rapidfuzz import fuzz, process  # loaded at the first typo, not at start-up

        found: dict[int, float] = {}
        text = " ".join(query.terms)
        if len(text) < 4:
            return found
        # fuzz.ratio is 100 * (1 - distance / (len(a) + len(b))), and the distance is at least
        # the difference in length: reaching the cutoff needs lengths within this ratio of each
        # other, so only that slice of the choices (sorted by length) is scored.
        slack = (100 - FUZZY_CUTOFF) / 100
        low = len(text) * (1 - slack) / (1 + slack)
        high = len(text) * (1 + slack) / (1 - slack)
        lengths = self._fuzzy_lengths[kind]
        first = bisect_left(lengths, math.ceil(low - 1e-9))
        last = bisect_right(lengths, math.floor(high + 1e-9))
        choices, items = self.fuzzy[kind]
        matches = process.extract(text, choices[first:last], scorer=fuzz.ratio,
                                  score_cutoff=FUZZY_CUTOFF, limit=20)
        for _choice, similarity, position in matches:
            number = items[first + position]
            if number in allowed:
                found[number] = max(found.get(number, 0.0), similarity / 10.0)
        return found

    def _passes(self, record: NameRecord, query: Query) -> bool:
        if query.kinds and record.kind not in query.kinds and record.own_kind not in query.kinds:
            return False
        if query.parties and not (record.kind == "agreement" and all(
                set(record.parties) & self.party_ids(p) for p in query.parties)):
            return False
        if query.years and not (record.year is not None
                                and query.years[0] <= record.year <= query.years[1]):
            return False
        if not all(t in record.tags for t in query.tags):
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


def _starts_with(name: tuple[str, ...], terms: tuple[str, ...], prefix_last: bool) -> bool:
    if len(name) < len(terms):
        return False
    head, last = terms[:-1], terms[-1]
    if tuple(name[: len(head)]) != head:
        return False
    word = name[len(head)]
    return word.startswith(last) if prefix_last else word == last
