"""What happened when: agreements by the date they were signed (or, if never signed, announced),
articles by publication and, on an entity's own timeline, the roles it held (or others held at
it) by when each began and ended; in date order, grouped by year.

Undated items have no place on a timeline: `Timeline.undated` counts them, so a view can say how
many were left out. Which items are on it is the caller's choice (a search's results, or all).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from tui.core.corpus import Corpus
from tui.core.models import Agreement, Article, Entity
from tui.knowledge.relations import Held, relations
from tui.search.query import fold


@dataclass(frozen=True)
class Event:
    """One dated item: `what` happened on `date` (ISO, to the day, month or year). A role's
    event holds the role (`held`), says it in `role`, and links to its other side: the
    organisation held at, or the one who held it there (None: the database lacks it)."""

    date: str
    what: str  # "signed", "announced", "published"; a role "began" or "ended"
    kind: str  # the kind of `item`: "agreement", "article" or "entity" (a role's)
    item: Agreement | Article | Entity | None
    role: str = ""  # "External Affairs Minister, Government of India"
    held: Held | None = None

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def label(self) -> str:
        item = self.item
        if self.held is not None or item is None:
            return self.role
        return item.title if isinstance(item, Article) else item.label


@dataclass(frozen=True)
class Timeline:
    events: tuple[Event, ...]
    undated: int = 0
    roles: bool = False  # an entity's own: its roles are on it (a role with both dates, twice)
    years: tuple[tuple[str, tuple[Event, ...]], ...] = field(init=False)

    @property
    def counted(self) -> str:
        """What its events are counted as: an item each, or, with roles, an event each."""
        return "dated event" if self.roles else "dated item"

    def __post_init__(self) -> None:
        grouped = tuple(
            (year, tuple(group)) for year, group in groupby(self.events, key=lambda e: e.year)
        )
        object.__setattr__(self, "years", grouped)


def timeline(
    corpus: Corpus,
    items: Iterable[tuple[str, str]] | None = None,
    newest_first: bool = False,
    roles_of: str | None = None,
) -> Timeline:
    """The timeline of `items` (kind and id pairs; entities are skipped), or of every article
    and agreement; with `roles_of` (an entity's id), the roles that entity held and those held
    at it too; oldest first unless `newest_first`."""
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
    undated = len(chosen) - len(events)
    if roles_of is not None:
        held = relations(corpus)
        roles = [(h, h.organization, True) for h in held.roles(roles_of)]
        roles += [(h, h.holder, False) for h in held.members(roles_of)]  # (not its own)
        for holding, other, own in roles:
            dated = _role_events(holding, other, own)
            events += dated
            undated += not dated
    # By date, either way; on one date agreements, articles, then roles (a post left before
    # one taken up), then by name, either way (a stable sort keeps the second order among
    # equal dates, also when reversed).
    events.sort(key=lambda e: (e.kind, e.what == "began", fold(e.label)))
    events.sort(key=lambda e: e.date, reverse=newest_first)
    return Timeline(tuple(events), undated=undated, roles=roles_of is not None)


def entity_items(corpus: Corpus, entity_id: str) -> list[tuple[str, str]]:
    """What an entity's own timeline holds besides its roles: the agreements it signed or is
    party to, and the articles that name it."""
    items = [("agreement", a) for a in relations(corpus).bound_by(entity_id)]
    return items + [("article", m.article) for m in corpus.by_target.get(("entity", entity_id), ())]


def _role_events(held: Held, other: Entity | None, own: bool) -> list[Event]:
    """When a role began and ended, as far as the database knows. On the holder's timeline
    (`own`) it reads "title, organisation" and links to the organisation (to nothing when the
    database lacks it); on the organisation's, "holder: title", linking to the holder."""
    role = held.role
    if own:
        said = role.post(other.name if other is not None else "")
    else:
        said = f"{held.holder.name}: {role.title}" if role.title else held.holder.name
    return [
        Event(date, what, "entity", other, said, held)
        for date, what in ((role.start, "began"), (role.end, "ended"))
        if date
    ]


def _event(item: Agreement | Article) -> Event | None:
    if isinstance(item, Article):
        return Event(item.published, "published", "article", item) if item.published else None
    if item.signed:
        return Event(item.signed, "signed", "agreement", item)
    if item.announced:
        return Event(item.announced, "announced", "agreement", item)
    return None
