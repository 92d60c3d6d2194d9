"""The search language: words, "phrases", -exclusions and field:value filters.

    lemoa                    plain words; the last one is a prefix while typing
    "make in india"          an exact phrase
    -russia                  leave out items containing the word
    kind:person              entity kind, or kind:article / kind:agreement
    party:india              agreements with that party
    year:2016  year:2016..2020   article publication and agreement dates
    tag:founding  source:hindu   status:candidate

`parse` never raises: what it cannot use becomes a `hint` shown under the search bar.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from tui.models import ENTITY_KINDS

FIELDS = ("kind", "party", "year", "tag", "source", "status")
KIND_VALUES = ("article", "entity", "agreement", *ENTITY_KINDS)
_TOKEN = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
_WORD = re.compile(r"[^\W_]+")
_YEAR = re.compile(r"^(\d{4})(?:\.\.(\d{4})?)?$|^\.\.(\d{4})$")


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every comparison in search."""
    if text.isascii():  # the same answer, without a Python step per character
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The searchable words of a text, folded."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Query:
    """A parsed query. `terms` are folded words; the last is a prefix when `prefix_last`."""

    text: str = ""
    terms: tuple[str, ...] = ()
    prefix_last: bool = False
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    hints: tuple[str, ...] = field(default=(), compare=False)

    @property
    def has_filters(self) -> bool:
        return bool(
            self.kinds or self.parties or self.years or self.tags or self.sources or self.statuses
        )

    @property
    def has_words(self) -> bool:
        return bool(self.terms or self.phrases)

    @property
    def hint(self) -> str:
        return "; ".join(self.hints)

    @property
    def highlight_terms(self) -> tuple[str, ...]:
        """Words to mark in results: the terms and each word of each phrase."""
        return (*self.terms, *(w for p in self.phrases for w in words(p)))


def parse(text: str) -> Query:
    """Parse a query string; unknown fields and bad values become hints, never exceptions."""
    parts: dict[str, list] = {name: [] for name in ("terms", "phrases", "excluded", "hints")}
    filters: dict[str, list[str]] = {name: [] for name in FIELDS}
    for match in _TOKEN.finditer(text):
        negated, phrase, closed, plain = match.groups()
        if plain is None:
            _add_phrase(parts, negated, phrase, closed)
        else:
            _add_plain(parts, filters, plain)
    years = _years(filters["year"], parts["hints"])
    kinds = _checked(filters["kind"], KIND_VALUES, "kind", parts["hints"])
    prefix_last = bool(parts["terms"]) and not text[-1:].isspace() and _ends_with_word(text)
    return Query(
        text=text,
        terms=tuple(parts["terms"]),
        prefix_last=prefix_last,
        phrases=tuple(parts["phrases"]),
        excluded=tuple(parts["excluded"]),
        kinds=tuple(kinds),
        parties=tuple(fold(p) for p in filters["party"]),
        years=years,
        tags=tuple(fold(t) for t in filters["tag"]),
        sources=tuple(fold(s) for s in filters["source"]),
        statuses=tuple(fold(s) for s in filters["status"]),
        hints=tuple(parts["hints"]),
    )


def _ends_with_word(text: str) -> bool:
    last = text.split()[-1] if text.split() else ""
    return ":" not in last and not last.startswith("-") and not last.endswith('"')


def _add_phrase(parts: dict, negated: str, phrase: str, closed: str) -> None:
    if not closed:
        parts["hints"].append('close the quote to search for the exact phrase')
    target = "excluded" if negated else "phrases"
    if words(phrase):
        parts[target].append(fold(phrase).strip())


def _add_plain(parts: dict, filters: dict[str, list[str]], token: str) -> None:
    name, sep, value = token.partition(":")
    if sep and name.lower() in FIELDS:
        if value:
            filters[name.lower()].append(value)
        else:
            parts["hints"].append(f"{name}: needs a value, e.g. {_example(name.lower())}")
    elif sep and name.isalpha() and value:
        parts["hints"].append(f"unknown field '{name}:'; try {', '.join(f + ':' for f in FIELDS)}")
    elif token.startswith("-") and len(token) > 1:
        parts["excluded"].extend(words(token[1:]))
    else:
        parts["terms"].extend(words(token))


def _example(name: str) -> str:
    examples = {"kind": "kind:person", "party": "party:india", "year": "year:2016..2020",
                "tag": "tag:founding", "source": "source:hindu", "status": "status:candidate"}
    return examples[name]


def _checked(values: list[str], allowed: tuple[str, ...], name: str, hints: list[str]) -> list:
    good = [v.lower() for v in values if v.lower() in allowed]
    for bad in (v for v in values if v.lower() not in allowed):
        hints.append(f"unknown {name} '{bad}'; try {', '.join(allowed)}")
    return good


def _years(values: list[str], hints: list[str]) -> tuple[int, int] | None:
    span: tuple[int, int] | None = None
    for value in values:
        match = _YEAR.match(value)
        if not match:
            hints.append(f"year:{value} is not a year or range; try year:2016 or year:2016..2020")
            continue
        first, last, upto = match.groups()
        low = int(first) if first else 0
        high = int(upto or last or (9999 if value.endswith("..") else first))
        if low > high:
            hints.append(f"year:{value} runs backwards; try year:{high}..{low}")
            continue
        span = (low, high) if span is None else (max(span[0], low), min(span[1], high))
    return span
