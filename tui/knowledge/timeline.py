"""What happened when: agreements by the date they were signed (or, if never signed, announced)
and articles by publication, in date order, grouped by year.

Undated items have no place on a timeline: `Timeline.undated` counts them, so a view can say how
many were left out. Which items are on it is the caller's choice (a search's results, or all).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from tui.core.corpus import Corpus
from tui.core.models import Agreement, Article
from tui.search.query import fold


@dataclass(frozen=True)
class Event:
    """One dated item: `what` happened on `date` (ISO, to the day, month or year)."""

    date: str
    what: str  # "signed", "announced" or "published"
    kind: str  # "agreement" or "article"
    item: Agreement | Article

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def label(self) -> str:
        item = self.item
        return item.label if isinstance(item, Agreement) else item.title


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]
    undated: int = 0
    years: tuple[tuple[str, tuple[Event, ...]], ...] = field(init=False)

    def __post_init__(self) -> None:
        grouped = tuple(
            (year, tuple(group)) for year, group in groupby(self.events, key=lambda e: e.year)
        )
        object.__setattr__(self, "years", grouped)


def timeline(
    corpus: Corpus,
    items: Iterable[tuple[str, str]] | None = None,
    newest_first: bool = False,
) -> Timeline:
    """The timeline of `items` (kind and id pairs; entities are skipped), or of every article
    and agreement; oldest first unless `newest_first`."""
    if items is None:
        chosen: list[Agreement | Article] = [
            *corpus.agreements.values(),
            *corpus.articles.values(),
        ]
    else:
        chosen = []
        for kind, item_id in dict.fromkeys(items):
            item = corpus.get(kind, item_id) if kind in ("agreement", "article") else None
            if isinstance(item, Agreement | Article):
                chosen.append(item)
    events = [e for e in map(_event, chosen) if e is not None]
    # By date, either way; on one date agreements before articles, then by name, either way
    # (a stable sort keeps the second order among equal dates, also when reversed).
    events.sort(key=lambda e: (e.kind, fold(e.label)))
    events.sort(key=lambda e: e.date, reverse=newest_first)
    return Timeline(tuple(events), undated=len(chosen) - len(events))


def _event(item: Agreement | Article) -> Event | None:
    if isinstance(item, Article):
        return Event(item.published, "published", "article", item) if item.published else None
    if item.signed:
        return Event(item.signed, "signed", "agreement", item)
    if item.announced:
        return Event(item.announced, "announced", "agreement", item)
    return None
