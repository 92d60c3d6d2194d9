"""The result pane: one class for the articles, the entities and the agreements.

It shows ranked hits with the matched characters highlighted and its count in its title, and
announces what the user highlights and opens. Rows are built as `Content` from cleaned text, so a
title can neither style the screen nor reach the terminal as a control sequence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.ui.text import MATCH_STYLE, assemble, block, line_with_spans, plain

if TYPE_CHECKING:
    from textual.visual import RulesMap

    from tui.search.index import Hit

TITLES = {"article": "Articles", "entity": "Entities", "agreement": "Agreements"}
PAGE = 30  # rows loaded when the cursor reaches the last one
CUT_MARGIN = 2  # characters kept past the pane's width, so the row still ends in an ellipsis
LAST_REACH = 2000  # rows `G` loads at most in one press, so it never freezes the screen


class _Row(Content):
    """A row's two lines. The panes never wrap them (`text-wrap: nowrap` in app.tcss), so the
    height is the number of lines: OptionList asks it of every row it is given, and Content
    would lay the text out to answer (a quarter of a pane's refill on each keystroke)."""

    __slots__ = ()

    def get_height(self, rules: RulesMap, width: int) -> int:
        if rules.get("text_wrap", "wrap") == "nowrap":
            return self.plain.count("\n") + 1
        return super().get_height(rules, width)


class Pane(OptionList):
    """A ranked list of one kind of item."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("enter", "select", "Open"),
    ]

    @dataclass
    class Opened(Message):
        """The user pressed enter on an item."""

        pane: Pane
        kind: str
        item_id: str

        @property
        def control(self) -> Pane:
            return self.pane

    @dataclass
    class MoreWanted(Message):
        """The cursor reached the last row and more hits exist: load the next page."""

        pane: Pane
        kind: str
        loaded: int
        wanted: int  # how many rows the pane should hold afterwards

        @property
        def control(self) -> Pane:
            return self.pane

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another item (or to none)."""

        pane: Pane
        kind: str
        item_id: str | None

        @property
        def control(self) -> Pane:
            return self.pane

    def __init__(self, kind: str, key: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.total = 0
        self._hits: tuple[Hit, ...] = ()
        self._cut = 0  # the width rows were cut to
        self._to_last = False
        self._empty = ""  # what the pane says while it has no hits
        self.border_title = TITLES[kind]
        self.border_subtitle = key

    def show_loading(self, what: str = "Loading…") -> None:
        """Until the first results: a line saying so, and what is being done (a text, not an
        animated indicator: it is drawn in the first frame, and costs nothing meanwhile)."""
        self._empty, self._hits = "", ()  # whatever comes next replaces this line
        self.set_options([Option(block(what, "dim italic"), disabled=True)])

    def show(
        self,
        hits: tuple[Hit, ...],
        total: int,
        keep: bool = False,
        counted_to: int | None = None,
        empty: str = "nothing here",
    ) -> None:
        """Replace the rows with `hits`: the cursor goes to the best hit, or, with `keep`
        (the same query over reloaded data), stays on the item it was on. `counted_to`: the
        matches were only counted that far (the title says "10,000+"). Without hits the pane
        says `empty` (why it is empty), on a row the cursor cannot take."""
        if not hits:
            self._show_empty(empty)
            return
        if hits == self._hits and self._cut == self._width() and total == self.total:
            if hits and not keep:  # the same rows (the next letter often changes one pane
                self.highlighted = 0  # only): keep them, and only put the cursor back on top
            return
        current = self.current_id if keep else None
        if not self._hits:
            self.refresh_bindings()  # "open" is offered again
        self._hits, self._cut = hits, self._width()
        self.set_options(Option(self._row(hit, self._cut), id=hit.id) for hit in hits)
        self.total = total
        self.border_title = self._title(total, counted_to)
        self.set_class(False, "-empty")
        ids = [hit.id for hit in hits]
        self.highlighted = ids.index(current) if current in ids else 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            return bool(self._hits)  # "open" is not offered on an empty pane
        return True

    def _show_empty(self, empty: str) -> None:
        if not self._hits and self.total == 0 and self._empty == empty:
            return
        if self._hits:
            self.refresh_bindings()
        self._hits, self.total, self._empty = (), 0, empty
        self.set_options([Option(plain(empty, "dim italic"), disabled=True)])
        self.border_title = self._title(0)
        self.set_class(True, "-empty")
        self.post_message(self.Highlighted(self, self.kind, None))

    def extend(self, hits: tuple[Hit, ...]) -> None:
        """Append the next page of hits (those past the rows already shown)."""
        self._hits += hits
        self.add_options(Option(self._row(hit, self._cut), id=hit.id) for hit in hits)
        if self._to_last:
            self._to_last = False
            self.highlighted = self.option_count - 1

    def _title(self, total: int, counted_to: int | None = None) -> str:
        """The name and the number of hits: all of them, however many are loaded so far (the
        rows load as the cursor goes down; the scroll bar shows where it is)."""
        count = f"{counted_to:,}+" if counted_to is not None else f"{total:,}"
        return f"{TITLES[self.kind]} {count}"

    def _width(self) -> int:
        return max(self.size.width, self.app.size.width // 2) + CUT_MARGIN

    def on_resize(self) -> None:
        """Wider than the rows were cut for: cut them again, keeping the cursor."""
        if self._width() > self._cut and self._hits:
            highlighted = self.highlighted
            self._cut = self._width()
            self.set_options(Option(self._row(hit, self._cut), id=hit.id) for hit in self._hits)
            self.highlighted = highlighted

    @property
    def rows_shown(self) -> int:
        """How many hits fit in the pane (two lines each), and one more, so the cursor can reach
        the last one shown before the next page is asked for: the first page of a search. A
        row not shown costs a keystroke as much as one shown (a snippet, highlights)."""
        height = self.size.height or self.app.size.height  # not laid out yet: at most that
        return max(4, height // 2 + 1)

    @staticmethod
    def _row(hit: Hit, width: int) -> Content:
        label = line_with_spans(hit.label, hit.spans, MATCH_STYLE, width)
        if hit.snippet:
            detail = line_with_spans(hit.snippet, hit.snippet_spans, MATCH_STYLE, width)
        else:
            detail = plain(hit.detail[:width])
        row = assemble(label, "\n", detail.stylize("dim"))
        return _Row(row.plain, list(row.spans), row.cell_length)

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Opened(self, self.kind, event.option.id))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.post_message(self.Highlighted(self, self.kind, event.option.id))
        if event.option_index == self.option_count - 1 and self.total > self.option_count:
            loaded = self.option_count
            self.post_message(self.MoreWanted(self, self.kind, loaded, loaded + PAGE))

    def action_last(self) -> None:
        """`G`/`end`: the last row; with more hits than shown, up to LAST_REACH rows further."""
        if self.total > self.option_count:
            self._to_last = True
            loaded = self.option_count
            wanted = min(self.total, loaded + LAST_REACH)
            self.post_message(self.MoreWanted(self, self.kind, loaded, wanted))
        else:
            super().action_last()
