"""The result pane: one class for the articles, the entities and the agreements.

It shows ranked hits with the matched characters highlighted and its count in its title, and
announces what the user highlights and opens. Rows are lines of cleaned text (text.marked), so a
title can neither style the screen nor reach the terminal as a control sequence.

It draws as `Log` does, with Textual's line API, and past it (framing.py): each line in view is
made once, whole, for what it shows (its text and marks, the cursor on it or not), and a
keystroke repaints, edge to edge, only the lines in view that show something else, in the same
frame as the search bar (rowsview.py: the rows, the cursor, the repaints).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region
from textual.message import Message

from tui.core.textsafe import one_line
from tui.ui.text import plain
from tui.ui.widgets.rows import (
    TITLES,
    Row,
    fitted,
    hit_rows,
    line_styles,
    message_row,
    paint,
    title,
)
from tui.ui.widgets.rowsview import RowsView

if TYPE_CHECKING:
    from tui.search.index import Hit

__all__ = ["Pane", "Row"]

PAGE = 30  # rows loaded when the cursor reaches the last one
CUT_MARGIN = 2  # characters kept past the pane's width, so the row still ends in an ellipsis
EMPTY_TITLE = "not bold dim"  # the title of a pane with nothing in it
LAST_REACH = 2000  # rows `G` loads at most in one press, so it never freezes the screen


class Pane(RowsView, can_focus=True):
    """A ranked list of one kind of item."""

    COMPONENT_CLASSES = {"pane--cursor", "pane--message"}
    DEFAULT_CSS = """
    Pane {
        padding: 0 2 0 1;  /* the scroll thumb in the first cell on the right (framing.py) */
        color: $foreground;
        background: $surface;
        overflow-x: hidden;
        & > .pane--message { color: $text-disabled; }
        & > .pane--cursor {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .pane--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """
    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open"),
    ]

    @dataclass
    class Said(Message):
        """What a pane tells its screen: which pane, of which kind."""

        pane: Pane
        kind: str

        @property
        def control(self) -> Pane:
            return self.pane

    @dataclass
    class Opened(Said):
        """The user pressed enter on an item."""

        item_id: str

    @dataclass
    class MoreWanted(Said):
        """The cursor reached the last row and more hits exist: load the next page."""

        loaded: int
        wanted: int  # how many rows the pane should hold afterwards

    @dataclass
    class Highlighted(Said):
        """The cursor moved to another item (or to none)."""

        item_id: str | None

    def __init__(self, kind: str, key: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.kind = kind
        self.total = 0
        self._hits: tuple[Hit, ...] = ()
        self._flagged: frozenset[str] = frozenset()  # ids of the user's bookmarks
        self._cut = 0  # the width rows were cut to
        self._to_last = False
        self._announced: str | None = None  # the item the last Highlighted was about
        self._empty = ""  # what the pane says while it has no hits
        self.border_title = TITLES[kind]
        self._title, self._title_room = (TITLES[kind], ""), 0  # its text and style; its cells
        self.border_subtitle = key

    def show_loading(self, what: str = "Loading…") -> None:
        """Until the first results: a line saying so and what is being done (not an animated
        indicator: it is in the first frame, and costs nothing meanwhile)."""
        self._empty, self._hits = "", ()  # whatever comes next replaces this line
        self.set_rows([message_row(what)])

    def show(
        self,
        hits: tuple[Hit, ...],
        total: int,
        keep: bool = False,
        counted_to: int | None = None,
        empty: str = "nothing here",
        flagged: frozenset[str] = frozenset(),
    ) -> None:
        """Replace the rows with `hits`: the cursor goes to the best hit, or, with `keep`
        (the same query over reloaded data), stays on the item it was on. `counted_to`: the
        matches were only counted that far (the title says "10,000+"). Without hits the pane
        says `empty` (why it is empty), on a row the cursor cannot take. The rows of the
        items in `flagged` (the user's bookmarks) carry a star."""
        if not hits:
            self._show_empty(empty)
            return
        same = hits == self._hits and flagged == self._flagged
        if same and self._cut == self._width() and total == self.total:
            if hits and not keep:  # the same rows (the next letter often changes one pane
                self.highlighted = 0  # only): keep them, and only put the cursor back on top
            return
        current = self.current_id if keep else None
        if not self._hits and self.has_focus:
            self.refresh_bindings()  # "open" is offered again (the footer shows only the
            # focused pane's keys: the others' are asked again when they get the focus)
        self._hits, self._cut, self._flagged = hits, self._width(), flagged
        ids = [hit.id for hit in hits]
        cursor = ids.index(current) if current in ids else 0
        self.set_rows(hit_rows(hits, self._cut, flagged), cursor)
        self.set_total(total, counted_to)

    def set_total(self, total: int, counted_to: int | None = None) -> None:
        """How many hits there are (see `show` for `counted_to`), and the title says so: for
        the hits shown, or the same hits counted further once the typing paused."""
        if self._hits:
            self.total = total
            self._set_title(title(self.kind, total, counted_to))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            return bool(self._hits)  # "open" is not offered on an empty pane
        return True

    def _show_empty(self, empty: str) -> None:
        if not self._hits and self.total == 0 and self._empty == empty:
            return
        if self._hits and self.has_focus:
            self.refresh_bindings()  # a footer rebuilds itself on this: only when it shows
        self._hits, self.total, self._empty = (), 0, empty
        self.set_rows([message_row(one_line(empty))])
        self._set_title(title(self.kind, 0), EMPTY_TITLE)
        self._announce(None)

    def extend(self, hits: tuple[Hit, ...]) -> None:
        """Append the next page of hits (those past the rows already shown)."""
        self._hits += hits
        self.add_rows(hit_rows(hits, self._cut, self._flagged))
        if self._to_last:
            self._to_last = False
            self.highlighted = self.option_count - 1

    def flag(self, flagged: frozenset[str]) -> None:
        """Star the rows of the items in `flagged` (bookmarked, or no longer), where they are:
        the cursor and the scroll stay (a star changes no row's height)."""
        if flagged != self._flagged:
            self._flagged = flagged
            if self._hits:
                self.replace_rows(hit_rows(self._hits, self._cut, flagged))

    def _width(self) -> int:  # what rows are cut to
        return max(self.size.width, self.app.size.width // 2) + CUT_MARGIN

    def on_resize(self) -> None:
        """Wider than the rows were cut for: cut them again, keeping the cursor. Taller than
        the rows loaded fill: load the hits that now fit. And the title, cut to its width."""
        self._set_title(*self._title)
        if self._width() > self._cut and self._hits:
            self._cut = self._width()
            self.set_rows(hit_rows(self._hits, self._cut, self._flagged), self.highlighted)
        if self._hits and len(self.options) < min(self.total, self.rows_shown):
            self._want_rows(self.rows_shown)

    @property
    def rows_shown(self) -> int:
        """How many hits fit in the pane (two lines each), and one more, so the cursor reaches
        the last one shown before the next page is asked for: a search's first page (a row
        not shown costs a key as much as one shown)."""
        height = self.size.height or self.app.size.height  # not laid out yet: at most that
        return max(4, height // 2 + 1)

    @property
    def title_text(self) -> str:
        """The title as it reads: the kind and the count."""
        return self._title[0]

    @property
    def is_empty(self) -> bool:
        """Whether the pane says why it has nothing to show."""
        return self._title[1] == EMPTY_TITLE

    @property
    def current_id(self) -> str | None:
        option = self.highlighted_option
        return option.id if option is not None else None

    @property
    def current_label(self) -> str | None:
        """The name or title of the item under the cursor, as search knows it (whole)."""
        index = self.highlighted
        return self._hits[index].label if index is not None and index < len(self._hits) else None

    # -- drawing ---------------------------------------------------------------------------

    def _set_title(self, text: str, style: str = "") -> None:
        """A new count repaints the top border alone (`border_title` repainted the pane; an
        empty pane's title is dimmed by style, not by a class, which restyles the pane). Cut
        to the words that fit with the count: the width less the corners, rules and spaces."""
        room = self.outer_size.width - 6
        if (self._title, self._title_room) == ((text, style), room):
            return
        self._title, self._title_room = (text, style), room
        self._border_title = plain(fitted(text, room), style)  # Textual's `border_title`
        gutter = self.box[0]
        self.refresh(Region(-gutter.left, -gutter.top, self.outer_size.width, 1))

    def paint_line(self, number: int, width: int) -> list[Segment]:
        """The segments of line `number`, in the look of its row (cursor, message or not)."""
        if number >= len(self._shown):
            return self.blank(width)
        index, line = self._shown.at(number)
        row = self.options[index]
        marked = row.lines[line]
        role = "message" if row.disabled else "cursor" if index == self.highlighted else ""
        drawing = self.drawing  # (the styles of each kind of line, once a drawing)
        styles = drawing.get((role, marked.style)) if drawing is not None else None
        if styles is None:
            style = self.get_visual_style(f"pane--{role}") if role else self.visual_style
            styles = self.restyled(line_styles(style, marked.style))
            if drawing is not None:
                drawing[role, marked.style] = styles
        return paint(marked, width, styles)

    def _want_rows(self, wanted: int) -> None:
        """Ask the screen for the hits after those loaded, up to `wanted` rows in all."""
        self.post_message(self.MoreWanted(self, self.kind, len(self.options), wanted))

    # -- the cursor ------------------------------------------------------------------------

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        super().watch_highlighted(old, new)  # repainted, and in view
        if new is None:
            return
        self._announce(self.options[new].id)
        if new == len(self.options) - 1 and self.total > len(self.options):
            self._want_rows(len(self.options) + PAGE)

    def _announce(self, item_id: str | None) -> None:
        """Say that the cursor is on another item, when the pane has the focus: the screen
        previews the focused pane's item (while the user types, the best hit of all), and each
        key moves the cursors of the panes without it, which saying so cost a keystroke up to
        three messages, each handled by the pane, its container and the screen. The next
        letter, too, often leaves a pane's best hit where it was."""
        if not self.has_focus:
            self._announced = None  # said again once it has the focus, whatever the item
            return
        if item_id != self._announced:
            self._announced = item_id
            self.post_message(self.Highlighted(self, self.kind, item_id))

    def action_cursor_down(self) -> None:
        if self.highlighted is None:
            self.highlighted = 0
        elif self.highlighted < len(self.options) - 1:
            self.highlighted += 1

    def action_cursor_up(self) -> None:
        if self.highlighted is not None and self.highlighted > 0:
            self.highlighted -= 1

    def action_first(self) -> None:
        self.highlighted = 0

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        rows = max(1, self.box[1].height // 2)
        current = self.highlighted if self.highlighted is not None else 0
        self.highlighted = current + direction * rows

    def action_select(self) -> None:
        row = self.highlighted_option
        if row is not None and row.id is not None:
            self.post_message(self.Opened(self, self.kind, row.id))

    async def _on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the row; a click on the row under the cursor opens it.
        (One on the scroll thumb's column is the thumb's: framing.py.)"""
        if self.on_thumb_column(event.x):
            return
        number = self.scroll_offset.y + event.y
        if 0 <= number < len(self._shown):
            index = self._shown.at(number)[0]
            if index == self.highlighted:
                self.action_select()
            else:
                self.highlighted = index

    def action_last(self) -> None:
        """`G`/`end`: the last row; with more hits than shown, up to LAST_REACH rows further."""
        if self.total > self.option_count:
            self._to_last = True
            self._want_rows(min(self.total, self.option_count + LAST_REACH))
        else:
            self.highlighted = len(self.options) - 1
