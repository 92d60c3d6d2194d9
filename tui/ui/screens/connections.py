"""How two entities are connected: each way, with the evidence to open (`c` on an entity page).

The links are worked out in a thread (an entity named in thousands of articles has many
neighbours to weigh); the page says so until they arrive.
"""

from __future__ import annotations

from textual import work
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from tui.core.corpus import Corpus
from tui.core.models import Entity
from tui.knowledge.connections import Connection, Step, connect
from tui.ui.host import host
from tui.ui.screens.ask import PickItem
from tui.ui.screens.linked import Link, LinkedScreen, Row, Section
from tui.ui.text import ELLIPSIS, MATCH_STYLE, Hanging, assemble, line_with_spans, plain

STEP_CHARACTERS = 400  # of a sentence shown as a step (it opens whole in the reader)


class ConnectionsScreen(LinkedScreen):
    """The connections of `a` and `b`: direct links first, then paths through a third entity."""

    BINDINGS = [Binding("s", "swap", "Swap sides")]
    EMPTY = "none"

    def __init__(self, a: Entity, b: Entity, corpus: Corpus) -> None:
        super().__init__()
        self.a, self.b, self.corpus = a, b, corpus
        self.found: list[Connection] | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self._find()

    @work(thread=True, exclusive=True, group="connect")
    def _find(self) -> None:
        found = connect(self.corpus, self.a, self.b)
        self.app.call_from_thread(self._show, found)

    def _show(self, found: list[Connection]) -> None:
        self.found = found
        self.refill()

    def head(self) -> list[Content]:
        title = assemble(
            plain(self.a.name, "bold"), plain("  and  ", "dim"), plain(self.b.name, "bold")
        )
        if self.found is None:
            return [title, plain("Finding the connections…", "dim")]
        direct = sum(c.hops == 1 for c in self.found)
        if not self.found:
            note = "nothing links them in this database"
        else:
            note = f"{direct} direct, {len(self.found) - direct} through a third entity"
        return [title, plain(note, "dim")]

    def sections(self) -> list[Section]:
        if not self.found:
            return []
        direct = [c for c in self.found if c.hops == 1]
        paths = [c for c in self.found if c.hops > 1]
        return [
            (f"Directly ({len(direct)})", _rows(direct)),
            (f"Through a third entity ({len(paths)})", _rows(paths)),
        ]

    def action_swap(self) -> None:
        self.a, self.b = self.b, self.a
        self.found = None
        self.refill()
        self._find()


def _rows(connections: list[Connection]) -> list[Row]:
    rows: list[Row] = []
    for connection in connections:
        rows.append((None, plain(f"{_KIND[connection.kind]}{connection.title}", "italic")))
        rows += [(Link(s.kind, s.item_id, s.mention), _step(s)) for s in connection.steps]
    return rows


_KIND = {"article": "named together in: ", "agreement": "bound by: ", "role": "", "path": ""}


def _step(step: Step) -> Hanging:
    """A step of the evidence, indented under its connection, its wrapped lines too."""
    text = step.text[:STEP_CHARACTERS]
    spans = [(s, e) for s, e in step.spans if e <= len(text)]
    cut = ELLIPSIS if len(step.text) > STEP_CHARACTERS else ""
    return Hanging(plain("  "), assemble(line_with_spans(text, spans, MATCH_STYLE), cut))


def ask_and_connect(screen: Screen, first: Entity | None = None) -> None:
    """Ask for the entities to connect (the second only, given the `first`), then show how."""
    app = host(screen)
    index, corpus = app.index, app.corpus
    if index is None or corpus is None:
        screen.notify("Still reading the database: try again in a moment", timeout=3)
        return

    def chosen(entity_id: str | None, then) -> None:
        entity = corpus.entities.get(entity_id or "")
        if entity is not None:
            then(entity)

    def second(a: Entity) -> None:
        prompt = assemble("Connect ", plain(a.name, "bold"), " with:")
        screen.app.push_screen(
            PickItem(prompt, index, "entity", a.id),
            lambda b_id: chosen(b_id, lambda b: app.open_page(ConnectionsScreen(a, b, corpus))),
        )

    if first is not None:
        second(first)
    else:
        screen.app.push_screen(
            PickItem(plain("Connect two entities; the first:"), index, "entity", ""),
            lambda a_id: chosen(a_id, second),
        )
