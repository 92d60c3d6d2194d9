"""A scroll thumb in the view's own lines, not a scroll bar widget beside them.

Textual's vertical bar is a widget of its own: each frame draws it again, and the compositor
cuts every line of the view at its two edges, a fifth of a keystroke's frame at 10k articles.
A `ThumbView` draws no bar (`scrollbar-size-vertical: 0`) and says, for each line in view,
what the first cell of its right padding shows: the cells Textual's bar would draw there
(`ScrollBar.renderer`, so ASCII mode's whole cells too), in the bar's colours for the mouse's
state. Whoever draws the lines puts them in (framing.py). The mouse's ways are the bar's:
each cell says what a press on it does, as Textual's do (scroll a page up or down, or grab
the thumb, which a drag then moves); the wheel scrolls the view as before.
"""

from __future__ import annotations

from collections.abc import Hashable
from math import ceil

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Region, Size, Spacing
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar

__all__ = ["ThumbView"]


class ThumbView(ScrollView):
    """A scrolling view whose thumb is drawn in its lines. A subclass puts `_thumb_cells()`
    in its lines, calls `check_thumb` when its length changes and `forget_thumb` when its
    look does."""

    DEFAULT_CSS = """
    ThumbView {
        overflow-y: scroll;  /* always there: one that came and went laid the screen out */
        scrollbar-size-vertical: 0;  /* no bar: the thumb is drawn in the lines, */
        padding-right: 2;  /* in the first cell of the padding */
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # What the cells were drawn for, each line's cell, and what a press on it does.
        self._thumb: tuple[Hashable, tuple[Segment, ...], tuple[str | None, ...]]
        self._thumb = (None, (), ())
        self._thumb_drawn: tuple[Segment, ...] = ()  # the cells last asked to be repainted
        self._thumb_state = ""  # "", "hover" or "grab": the bar's colours follow the mouse
        self._grabbed = (0, 0.0)  # where a drag of the thumb began: screen y, scroll y

    # Whole repaints and style updates so far: what the view's box and look were worked out for
    restyles = 0
    _box: tuple[Hashable, Spacing, Size, int | None] = (None, Spacing(), Size(), None)

    def _set_dirty(self, *regions: Region) -> None:
        if not regions:  # a resize, the focus, a style of its own or above it: all of it
            self.restyles += 1
        super()._set_dirty(*regions)

    def notify_style_update(self) -> None:
        self.restyles += 1
        super().notify_style_update()

    @property
    def box(self) -> tuple[Spacing, Size]:
        """The gutter (border and padding) and the size of the scrollable content, worked out
        once for each size and style. Textual works them out from the styles each time it is
        asked (`styles.gutter`, `scrollable_content_region`: 10 to 20 us), and a keystroke
        asked a dozen times a pane. What they follow (a style, the widget's or one above it,
        a scroll bar coming or going) comes with a style update or a whole repaint."""
        return self._measured()[1:3]

    def _thumb_column(self) -> int | None:
        """The thumb's column in the widget (the first cell of the right padding), or None
        where Textual draws a scroll bar, or there is no scrolling or no padding to draw in."""
        return self._measured()[3]

    @property
    def sized_and_styled(self) -> Hashable:
        """What the view's box and look follow: its size, its whole repaints and style
        updates, and a count Textual keeps of changes to its styles (a style set or cleared
        in code: clearing one updates nothing else)."""
        styles = self.styles
        return (self.outer_size, self.restyles, getattr(styles, "_cache_key", object()))

    def _measured(self) -> tuple[Hashable, Spacing, Size, int | None]:
        key = self.sized_and_styled
        if self._box[0] != key:
            styles = self.styles
            gutter, size = styles.gutter, self.scrollable_content_region.size
            column: int | None = gutter.left + size.width
            if styles.scrollbar_size_vertical or not self.show_vertical_scrollbar:
                column = None
            elif styles.padding.right < 1:
                column = None
            self._box = (key, gutter, size, column)
        return self._box

    def forget_thumb(self) -> None:
        """Draw the cells afresh (a new look: colours, size), and check them all next time."""
        self._thumb, self._thumb_drawn = (None, (), ()), ()

    def on_thumb_column(self, x: int) -> bool:
        """Whether column `x` of the widget (a mouse event's) is the thumb's."""
        return x == self._thumb_column()

    def _thumb_cells(self) -> tuple[Segment, ...]:
        """Each content line's thumb cell, top to bottom, as Textual's bar draws them, in the
        bar's colours for the mouse's state; () where no thumb is drawn."""
        if self._thumb_column() is None:
            return ()
        height, virtual = self.box[1].height, self.virtual_size.height
        # A view its lines do not overflow has no thumb, however many lines: the same cells
        # (typing changes the number of rows on most keys, and drew them again each time).
        scrolled = (virtual, self.scroll_y) if height < virtual else (0, 0.0)
        key = (height, *scrolled, self._thumb_state, ScrollBar.renderer)
        if key != self._thumb[0]:
            back, bar = self._thumb_colors()
            drawn = ScrollBar.renderer.render_bar(
                size=height,
                virtual_size=ceil(virtual),
                window_size=height if height < virtual else 0,
                position=int(self.scroll_y * 8) / 8,  # in eighths of a cell, as the bar's
                back_color=back.rich_color,
                bar_color=bar.rich_color,
            )
            # A bar is a widget in the pane: the pane's colours under its own (not asked of
            # Textual's bar, which asking would make and start, in the middle of a frame).
            # The mouse's actions leave the cells: the view takes them (`_on_mouse_down`).
            base, styles = self.rich_style, [cell.style or Style.null() for cell in drawn.segments]
            cells = tuple(
                Segment(cell.text, base + style.clear_meta_and_links())
                for cell, style in zip(drawn.segments, styles, strict=True)
            )
            actions = tuple(style.meta.get("@mouse.down") for style in styles)
            self._thumb = (key, cells, actions)
        return self._thumb[1]

    def _thumb_colors(self) -> tuple[Color, Color]:
        """The bar's background and thumb colours, as Textual's ScrollBar takes them."""
        styles = self.styles
        if self._thumb_state == "grab":
            background, color = styles.scrollbar_background_active, styles.scrollbar_color_active
        elif self._thumb_state == "hover":
            background, color = styles.scrollbar_background_hover, styles.scrollbar_color_hover
        else:
            background, color = styles.scrollbar_background, styles.scrollbar_color
        if background.a < 1:
            background = self.background_colors[0] + background
        return background, background + color

    def check_thumb(self) -> None:
        """Repaint the thumb's cells that changed (the view's length, its scroll, the mouse):
        those alone, and not the lines beside them."""
        column = self._thumb_column()
        cells = self._thumb_cells()
        old, self._thumb_drawn = self._thumb_drawn, cells
        if column is None or old == cells:
            return
        x = column - self.box[0].left  # in the content's coordinates, as refresh takes
        changed = [y for y, cell in enumerate(cells) if y >= len(old) or old[y] != cell]
        if changed:
            self.refresh(Region(x, changed[0], 1, changed[-1] - changed[0] + 1))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)  # (Textual repaints the content only)
        self.check_thumb()

    def _set_thumb_state(self, state: str) -> None:
        if state != self._thumb_state:
            self._thumb_state = state
            self.check_thumb()

    async def _on_mouse_down(self, event: events.MouseDown) -> None:
        if not self.on_thumb_column(event.x):
            return
        event.stop()  # the bar's own: no row is clicked
        self._thumb_cells()
        line, actions = event.y - self.box[0].top, self._thumb[2]
        action = actions[line] if 0 <= line < len(actions) else None
        if action == "scroll_up":
            self.scroll_page_up()
        elif action == "scroll_down":
            self.scroll_page_down()
        elif action == "grab":
            self._grabbed = (event.screen_y, self.scroll_y)
            self.capture_mouse()
            self._set_thumb_state("grab")

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        if self._thumb_state == "grab":
            height = self.box[1].height
            start, scrolled = self._grabbed
            if height:
                ratio = self.virtual_size.height / height
                self.scroll_to(y=scrolled + (event.screen_y - start) * ratio, animate=False)
            event.stop()
        else:
            self._set_thumb_state("hover" if self.on_thumb_column(event.x) else "")

    async def _on_mouse_up(self, event: events.MouseUp) -> None:
        if self._thumb_state == "grab":
            self.release_mouse()
            event.stop()

    def _on_mouse_release(self, event: events.MouseRelease) -> None:
        self._set_thumb_state("")

    def _on_leave(self, event: events.Leave) -> None:
        if self._thumb_state == "hover":
            self._set_thumb_state("")
