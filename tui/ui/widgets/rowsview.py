"""A scrolling list of rows, each a line or more, with a cursor on one of them.

What a result pane is under its search results (pane.py): it holds its rows (`Lines`), moves
the cursor within them, keeps the cursor's row in view, and repaints the lines in view that
show something else than they did, and only those. It draws with the line API, through
framing.py. What a row looks like is the subclass's (`paint_line`), and so is what the cursor
means (its `watch_highlighted` calls this one's first).
"""

from __future__ import annotations

from textual import events
from textual.geometry import Region, Size
from textual.reactive import reactive

from tui.ui.text import Marked
from tui.ui.widgets.drawnow import hand_over
from tui.ui.widgets.framing import FramedView
from tui.ui.widgets.kept import KeptFrame
from tui.ui.widgets.rows import Lines, Row, runs

__all__ = ["RowsView"]


class RowsView(KeptFrame, FramedView):
    """Rows, a cursor (`highlighted`: a row's index, or None), and the lines they take."""

    highlighted: reactive[int | None] = reactive(None, init=False, repaint=False)  # _repaint

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown = Lines()  # the rows, and the lines they take
        self._drawn: list[tuple[object, ...] | None] = []  # each line in view, as last drawn

    @property
    def options(self) -> list[Row]:
        """The rows, top to bottom (OptionList's name: the tests read both alike)."""
        return self._shown.rows

    @property
    def option_count(self) -> int:
        return len(self._shown.rows)

    def get_option_at_index(self, index: int) -> Row:
        return self._shown.rows[index]

    @property
    def highlighted_option(self) -> Row | None:
        index, rows = self.highlighted, self._shown.rows
        return rows[index] if index is not None and index < len(rows) else None

    def set_rows(self, rows: list[Row], cursor: int | None = None) -> None:
        """Replace every row, and put the cursor on row `cursor`; the lines are repainted
        once, with the cursor (each repaint compares every line in view)."""
        self._shown = Lines()  # (the lines in view are kept by what they show: line_keys)
        self.set_reactive(RowsView.highlighted, None)
        self.add_rows(rows, repaint=False)
        if self.scroll_offset.y or self.scroll_target_y:  # (asked at 0, Textual works it out)
            self.scroll_to(y=0, animate=False, immediate=True)
        self.highlighted = cursor  # its watcher repaints, when it is a row the cursor takes
        if self.highlighted is None:
            self._repaint()

    def replace_rows(self, rows: list[Row]) -> None:
        """Rows as tall as those they replace, one for one (the same items, drawn otherwise):
        the cursor and the scroll stay where they are."""
        self._shown = Lines(rows)
        self._repaint()

    def send_refresh(self) -> None:
        """Give the screen the repaint now, not when this view next goes idle. Textual asks
        for each widget's once its queue is empty: the search bar's came first, was drawn
        alone, and the frame timer then held the panes back 17 to 33 ms. Given while the
        screen handles the key, all goes out in one frame (test_panes.py counts frames), and
        without a message to the screen (drawnow.py)."""
        if self.is_mounted:
            hand_over(self)
            self._check_refresh()  # a scroll, if any: Textual's own request, made now

    def add_rows(self, rows: list[Row], repaint: bool = True) -> None:
        self._shown.add(rows)
        # The new length, without laying the screen out again (setting `virtual_size` would,
        # on every keystroke: needed only if a scroll bar came or went, and none does)
        size, was = Size(self.box[1].width, len(self._shown)), self.virtual_size
        if size != was:
            self.set_reactive(RowsView.virtual_size, size)
            self._scroll_update(size)  # how far it scrolls
            self.check_thumb()  # its cells that changed
        if repaint:
            self._repaint()

    def _repaint(self) -> None:
        """Repaint the lines in view that now show something else, and only those: most keys
        leave many as they were (the blanks below a short list, a row whose marks did not
        change), and a line repainted for nothing costs its styling and its bytes."""
        drawn = self._shown.looks(self.scroll_offset.y, self.box[1].height, self.highlighted)
        old, self._drawn = self._drawn, drawn
        changed = [y for y, look in enumerate(drawn) if y >= len(old) or old[y] != look]
        if changed:  # one request for them all: each costs Textual some cache clearing
            # Each line whole, its border and padding too: Textual writes a widget's line from
            # its left edge, and cuts it (a new strip, styled again) where a repaint ends short
            # of its right edge, for every line of every key (8% of a key at 10k articles).
            left, width = self.box[0].left, self.outer_size.width
            self.refresh(*(Region(-left, a, width, b - a + 1) for a, b in runs(changed)))

    def line_keys(self, first: int, count: int) -> list[tuple[Marked, bool, bool] | None]:
        """What each line shows (`Lines.looks_of`). The next key's rows often show some of
        the same lines (a detail line, the blanks below a short list): they are not drawn
        again."""
        return self._shown.looks_of(first, count, self.highlighted)

    def _draw_afresh(self, event: events.Focus | events.Blur) -> None:
        self.forget_lines()  # the cursor's look follows the focus
        self.refresh()

    on_focus = on_blur = _draw_afresh

    def validate_highlighted(self, index: int | None) -> int | None:
        rows = self._shown.rows
        if index is None or not rows:
            return None
        index = max(0, min(index, len(rows) - 1))
        return None if rows[index].disabled else index  # a message: the cursor skips it

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._repaint()  # the two rows the cursor left and reached
        if new is None:
            return
        first, height = self._shown.first_line(new), self._shown.rows[new].height
        content = self.box[1]
        region = Region(0, first, content.width, height)
        top = self.scroll_offset.y
        if region.y < top or region.bottom > top + content.height:
            self.scroll_to_region(region, animate=False, immediate=True)  # (out of view only)
