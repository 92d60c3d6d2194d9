"""What happened when: the dated items of a search (or of an entity), in date order, by year.

`t` opens it on the main screen's query, or on an entity page for that entity's agreements, the
articles that name it and the roles it held (or others held at it). The search runs in a thread,
as every search for a whole result set.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import work
from textual.binding import Binding
from textual.content import Content

from tui.core.corpus import Corpus
from tui.core.wording import plural
from tui.knowledge.timeline import Event, Timeline, timeline
from tui.search.index import Index
from tui.search.query import Also
from tui.ui.screens.linked import Link, LinkedScreen, Section
from tui.ui.text import Hanging, assemble, plain

SHOWN = 2000  # events at most: a timeline of every article of a large database says so
WHOLE_SET = 1_000_000  # a search limit no result set reaches: the timeline takes them all
UNDATED = (  # what would give an item its place, when none here has one
    "None of these has a date: agreements take their place by when they were signed or "
    "announced, articles by when they were published"
)
ROLES_UNDATED = ", roles by when they began and ended"
NOTHING = "Nothing to put in order here."


class TimelineScreen(LinkedScreen):
    """A timeline of `query`'s articles and agreements, or of `items` when given."""

    BINDINGS = [Binding("o", "order", "Newest first")]
    EMPTY = "nothing dated"

    def __init__(
        self,
        corpus: Corpus,
        index: Index | None,
        query: str = "",
        items: Iterable[tuple[str, str]] | None = None,
        about: str = "",
        also: Also | None = None,
        roles_of: str | None = None,
    ) -> None:
        super().__init__()
        self.corpus, self.index, self.search_text = corpus, index, query
        self.also = also  # the user's own matches of its tag: and note: clauses
        self.items = list(items) if items is not None else None
        self.roles_of = roles_of  # an entity's page: the roles it held, and held at it
        self.about = about or (f"matching {query}" if query.strip() else "everything")
        self.newest_first = False
        self.found: Timeline | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self._build()

    @work(thread=True, exclusive=True, group="timeline")
    def _build(self) -> None:
        items = self.items
        if items is None and self.search_text.strip() and self.index is not None:
            kinds = ("article", "agreement")
            results = self.index.search(self.search_text, WHOLE_SET, kinds, self.also)
            items = [(h.kind, h.id) for h in (*results.articles, *results.agreements)]
        found = timeline(self.corpus, items, self.newest_first, self.roles_of)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: Timeline) -> None:
        self.found = found
        self.refill()

    def head(self) -> list[Content]:
        title = assemble(plain("Timeline", "bold"), plain(f"  {self.about}", "dim"))
        if self.found is None:
            return [title, plain("Putting it in order…", "dim")]
        found = self.found
        note = plural(len(found.events), found.counted)
        if found.undated:
            note += f" · {found.undated} undated, not shown"
        if len(found.events) > SHOWN:
            note += f" · the first {SHOWN:,} shown: narrow the search"
        order = "newest first" if self.newest_first else "oldest first"
        head = [title, plain(f"{note} · {order}", "dim")]
        if found.undated and not found.events:  # say what would give them a place
            head.append(plain(UNDATED + (ROLES_UNDATED if found.roles else "") + ".", "dim"))
        elif not found.events:  # (the page is otherwise blank)
            head.append(plain(NOTHING, "dim"))
        return head

    def sections(self) -> list[Section]:
        if self.found is None:
            return []
        shown = 0
        sections: list[Section] = []
        for year, events in self.found.years:
            events = events[: SHOWN - shown]
            shown += len(events)
            # (counted here: a role whose organisation the database lacks is a row, no link)
            rows = [(_link(e), _event(e)) for e in events]
            sections.append((f"{year} ({len(rows)})", rows))
            if shown >= SHOWN:
                break
        return sections

    def action_order(self) -> None:
        self.newest_first = not self.newest_first
        self.found = None
        self.refill()
        self._build()


def _link(event: Event) -> Link | None:
    """Where the event's row leads: its item (a role's other side; none when the database
    lacks the organisation a role was held at)."""
    return None if event.item is None else Link(event.kind, event.item.id)


def _event(event: Event) -> Hanging:
    """Its date and what happened, a column each, then the item, its lines under its first."""
    kind = {"agreement": "agreement", "article": "article"}.get(event.kind, "role")
    head = assemble(plain(f"{event.date:<10}", "dim"), "  ", plain(f"{event.what:<9}", "dim"), " ")
    return Hanging(head, assemble(plain(event.label), plain(f"  {kind}", "dim")))
