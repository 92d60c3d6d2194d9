"""The search language: words, "phrases", a OR b, -exclusions and field:value filters.

    lemoa                    plain words; the last one is a prefix while typing
    "make in india"          an exact phrase
    lemoa OR beca            either word (or phrase): OR in capitals, as search engines have it
    -russia  -"south china"  leave out items containing the word, or the phrase
    kind:person              entity kind, or kind:article / kind:agreement
    party:india              agreements with that party
    party:india party:japan  agreements with both (a repeated party: requires each)
    year:2016  year:2016..2020   article publication and agreement dates (signed, else announced)
    signed:2016  signed:2016..   agreements signed in those years (not those only announced)
    announced:2023  announced:..2020   agreements announced in those years
    tag:founding  source:hindu   status:candidate
    note:annex  note:"two words" items whose notes have these words

Words and phrases must all match (`a b`), except those joined by OR, which binds tighter: `quad
lemoa OR beca` is quad AND (lemoa OR beca). Filters of different fields all apply; the ranges of
one field narrow each other (`year:2016.. year:..2020`), and `kind:` values are alternatives.
A filter's value may be quoted (`note:"two words"`, `source:"the hindu"`). `tag:` and `note:`
match the database's tags and notes, or the user's own when the caller passes them (`Also`).
`parse` never raises: what it cannot use becomes a `hint` shown under the search bar.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import NamedTuple

from tui.core.folding import fold
from tui.core.folding import words_of as words
from tui.core.models import ENTITY_KINDS

__all__ = ["FIELDS", "Also", "Match", "Query", "clause", "fold", "overlay", "parse", "words"]

FIELDS = ("kind", "party", "year", "signed", "announced", "tag", "note", "source", "status")
KIND_VALUES = ("article", "entity", "agreement", *ENTITY_KINDS)
OR = "OR"
READINGS_MAX = 32  # ways of reading a query with many ORs that are scored as whole names
# A quoted phrase; or a plain token, which may be a field with a quoted value (note:"a b").
_TOKEN = re.compile(r'(-?)"([^"]*)("?)|([A-Za-z]+:"[^"]*"?|\S+)')
_YEAR = re.compile(r"^(\d{4})(?:\.\.(\d{4})?)?$|^\.\.(\d{4})$")


Also = Mapping[str, AbstractSet[str]]
"""The user's own matches of the query's `tag:` and `note:` clauses, which the caller finds (the
search layer never reads the user's files): for each clause, as `clause("tag", value)` names it,
the keys ("kind:id") of the items it matches besides those the database's tags and notes match.
`overlay` makes one."""


def clause(name: str, value: str) -> str:
    """The key of a `tag:` or `note:` clause in an `Also` (the value as the query holds it)."""
    return f"{name}:{value}"


def overlay(
    query: Query,
    tagged: Callable[[str], AbstractSet[str]],
    noted: Callable[[str], AbstractSet[str]],
) -> dict[str, AbstractSet[str]]:
    """The `Also` of a query: the items `tagged(tag)` and `noted(words)` (e.g. a user's
    `Personal.tagged` and `Personal.noted`) find for each of its tag: and note: clauses."""
    found = {clause("tag", tag): tagged(tag) for tag in query.tags}
    return found | {clause("note", text): noted(text) for text in query.notes}


class Match(NamedTuple):
    """One word or phrase an item must have (or one of the alternatives of an OR)."""

    text: str  # a folded word, or a folded phrase
    phrase: bool = False
    prefix: bool = False  # the last word of the query, still being typed


@dataclass(frozen=True)
class Query:
    """A parsed query. Every group of `groups` must match, by any one of its matches (more than
    one: they were joined by OR). `excluded` holds folded words and phrases (words joined by
    single spaces); `prefix_last`: the last word is a prefix (the last of `terms`)."""

    text: str = ""
    groups: tuple[tuple[Match, ...], ...] = ()
    prefix_last: bool = False
    excluded: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    signed: tuple[int, int] | None = None
    announced: tuple[int, int] | None = None
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # each the folded words of one note: clause, joined by spaces
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    hints: tuple[str, ...] = field(default=(), compare=False)

    @property
    def terms(self) -> tuple[str, ...]:
        """Every word, in order (the prefix, if any, last)."""
        return tuple(m.text for group in self.groups for m in group if not m.phrase)

    @property
    def phrases(self) -> tuple[str, ...]:
        return tuple(m.text for group in self.groups for m in group if m.phrase)

    @property
    def has_or(self) -> bool:
        return any(len(group) > 1 for group in self.groups)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.kinds
            or self.parties
            or self.years
            or self.signed
            or self.announced
            or self.tags
            or self.notes
            or self.sources
            or self.statuses
        )

    @property
    def has_words(self) -> bool:
        return bool(self.groups)

    @property
    def hint(self) -> str:
        return "; ".join(self.hints)

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """Words to mark in results: each word of each phrase, then the terms (the last of
        them the prefix, as `highlight.Marker` takes it)."""
        return (*(w for p in self.phrases for w in words(p)), *self.terms)

    def readings(self) -> list[tuple[tuple[str, ...], bool]]:
        """The words of each way of reading the query, one alternative of every OR taken (at
        most READINGS_MAX), and whether the last of them is a prefix; phrases are left out.
        A query without OR has one reading: its terms."""
        found = []
        for choice in itertools.islice(itertools.product(*self.groups), READINGS_MAX):
            chosen = tuple(m for m in choice if not m.phrase)
            if chosen:
                found.append((tuple(m.text for m in chosen), chosen[-1].prefix))
        return found


def parse(text: str) -> Query:
    """Parse a query string; unknown fields and bad values become hints, never exceptions."""
    state = _Parse()
    tokens = list(_TOKEN.finditer(text))
    for number, match in enumerate(tokens):
        negated, phrase, closed, plain = match.groups()
        if plain is None:
            state.phrase(negated, phrase, closed)
        elif plain == OR:
            state.either(last=number == len(tokens) - 1)
        else:
            typing = number == len(tokens) - 1 and not text[-1:].isspace()
            state.plain(plain, typing)
    filters = state.filters
    hints = state.hints
    years = _years(filters["year"], "year", hints)
    signed = _years(filters["signed"], "signed", hints)
    announced = _years(filters["announced"], "announced", hints)
    kinds = _checked(filters["kind"], KIND_VALUES, "kind", hints)
    groups = tuple(tuple(group) for group in state.groups)
    return Query(
        text=text,
        groups=groups,
        prefix_last=bool(groups) and groups[-1][-1].prefix,
        excluded=tuple(state.excluded),
        kinds=tuple(kinds),
        parties=tuple(fold(p) for p in filters["party"]),
        years=years,
        signed=signed,
        announced=announced,
        tags=tuple(fold(t) for t in filters["tag"]),
        notes=_notes(filters["note"], hints),
        sources=tuple(fold(s) for s in filters["source"]),
        statuses=tuple(fold(s) for s in filters["status"]),
        hints=tuple(hints),
    )


class _Parse:
    """What `parse` has gathered so far, token by token."""

    def __init__(self) -> None:
        self.groups: list[list[Match]] = []
        self.excluded: list[str] = []
        self.hints: list[str] = []
        self.filters: dict[str, list[str]] = {name: [] for name in FIELDS}
        self._joinable = False  # the last token was a word or phrase: an OR may follow
        self._pending = False  # an OR was read: the next word or phrase joins the last group
        self._last_filter = ""  # the field of the last token, when it was a filter
        self._or_filter = ""  # an OR followed a filter of this field

    def either(self, last: bool) -> None:
        if self._last_filter and not last:  # kind:country OR kind:person: one field, either
            self._or_filter, self._last_filter = self._last_filter, ""
            return
        if self._joinable and not last:
            self._pending = True
        elif not last:  # a trailing OR is being typed: the next word decides
            self._hint_or()
        self._joinable = False

    def phrase(self, negated: str, phrase: str, closed: str) -> None:
        if not closed:
            self.hints.append("close the quote to search for the exact phrase")
        if not words(phrase):
            self._not_joinable()
        elif negated:
            self._not_joinable()
            self.excluded.append(" ".join(words(phrase)))
        else:
            self._add(Match(fold(phrase).strip(), phrase=True))

    def plain(self, token: str, typing: bool) -> None:
        name, sep, value = token.partition(":")
        if sep and name.lower() in FIELDS:
            field_name, joined = name.lower(), self._or_filter
            self._or_filter = ""
            if joined and joined != field_name:
                self._hint_or()
            elif joined and field_name != "kind":  # kind: values are either one; these all apply
                self._hint_all_apply(field_name)
            self._not_joinable()
            self._last_filter = field_name
            value = _unquoted(name, value, self.hints)
            if value:
                self.filters[field_name].append(value)
            else:
                self.hints.append(f"{name}: needs a value, e.g. {_example(name.lower())}")
        elif sep and name.isalpha() and value:
            self._not_joinable()
            self.hints.append(f"unknown field '{name}:'; try {', '.join(f + ':' for f in FIELDS)}")
        elif token.startswith("-") and len(token) > 1:
            self._not_joinable()
            if words(token[1:]):  # "-u.s." leaves out "U.S.", not every "s"
                self.excluded.append(" ".join(words(token[1:])))
        else:
            found = words(token)
            # "10:30" or 'abc"' being typed: whole words, as the old rule had it
            prefix = typing and not sep and not token.endswith('"')
            for number, word in enumerate(found):
                self._add(Match(word, prefix=prefix and number == len(found) - 1))

    def _add(self, match: Match) -> None:
        self._after_or_filter()
        if self._pending and self.groups:
            self.groups[-1].append(match)
        else:
            self.groups.append([match])
        self._pending = False
        self._joinable = True

    def _not_joinable(self) -> None:
        self._after_or_filter()
        if self._pending:
            self._hint_or()
        self._pending = self._joinable = False

    def _after_or_filter(self) -> None:
        """A token other than a filter of the same field after `filter OR`: say how OR works."""
        if self._or_filter:
            self._hint_or()
        self._or_filter = self._last_filter = ""

    def _hint_all_apply(self, field_name: str) -> None:
        hint = (
            f"every {field_name}: applies (party:india party:japan: agreements with both), "
            "so OR between two of them joins nothing"
        )
        if hint not in self.hints:
            self.hints.append(hint)

    def _hint_or(self) -> None:
        hint = (
            "OR goes between two words or phrases (lemoa OR beca), or two values of one "
            "filter (kind:country OR kind:person)"
        )
        if hint not in self.hints:
            self.hints.append(hint)


def _example(name: str) -> str:
    examples = {
        "kind": "kind:person",
        "party": "party:india",
        "year": "year:2016..2020",
        "signed": "signed:2016..2020",
        "announced": "announced:2023",
        "tag": "tag:founding",
        "note": "note:annex",
        "source": "source:hindu",
        "status": "status:candidate",
    }
    return examples[name]


def _unquoted(name: str, value: str, hints: list[str]) -> str:
    """A filter's value without its quotes (`note:"two words"`)."""
    if not value.startswith('"'):
        return value
    if len(value) == 1 or not value.endswith('"'):
        hints.append(f"close the quote after {name}:")
    return value.strip('"').strip()


def _notes(values: list[str], hints: list[str]) -> tuple[str, ...]:
    """Each note: value as the folded words it asks for."""
    found = []
    for value in values:
        if words(value):
            found.append(" ".join(words(value)))
        else:
            hints.append(f"note:{value} has no words; try note:annex")
    return tuple(found)


def _checked(values: list[str], allowed: tuple[str, ...], name: str, hints: list[str]) -> list:
    good = [v.lower() for v in values if v.lower() in allowed]
    for bad in (v for v in values if v.lower() not in allowed):
        hints.append(f"unknown {name} '{bad}'; try {', '.join(allowed)}")
    return good


def _years(values: list[str], name: str, hints: list[str]) -> tuple[int, int] | None:
    span: tuple[int, int] | None = None
    for value in values:
        match = _YEAR.match(value)
        if not match:
            hints.append(
                f"{name}:{value} is not a year or range; try {name}:2016 or {name}:2016..2020"
            )
            continue
        first, last, upto = match.groups()
        low = int(first) if first else 0
        high = int(upto or last or (9999 if value.endswith("..") else first))
        if low > high:
            hints.append(f"{name}:{value} runs backwards; try {name}:{high}..{low}")
            continue
        span = (low, high) if span is None else (max(span[0], low), min(span[1], high))
    return span
