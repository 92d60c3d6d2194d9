"""The preview beside the panes: what the highlighted item is, drawn as a pane's lines are.

At 120 columns and more the preview follows the best hit while the user types. It was a
Static in a VerticalScroll: each new item changed the Static's height, so Textual laid the
screen out again, the scroll bar came or went and the screen was laid out once more, each
after a wait for the screen's frame timer: two or three layouts and frames, a key settling in
30 to 65 ms at 130 columns where the panes alone took 5. Each frame then styled every line
of the box through Textual's styles cache, and drew its scroll bar again.

Here the text is made into lines at the preview's width once for each item, its scroll
length is set without a layout (as a pane's is, rowsview.py), and the lines are drawn whole
between edges taken once, the scroll thumb in them (framing.py, thumb.py). The repaint goes
to the screen with the key's own (drawnow.py): a new item is drawn in the key's frame.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.strip import Strip
from textual.visual import Visual

from tui.ui.text import plain
from tui.ui.widgets.drawnow import hand_over
from tui.ui.widgets.framing import FramedView
from tui.ui.widgets.kept import KeptFrame

__all__ = ["Preview"]


class Preview(KeptFrame, FramedView, can_focus=True):
    """A box of text that scrolls, shown anew with `show`; focused (tab), the keys scroll it,
    as Textual's scrolling container's do."""

    BINDINGS = [
        Binding("up,k", "scroll_up", "Scroll up", show=False),
        Binding("down,j", "scroll_down", "Scroll down", show=False),
        Binding("home,g", "scroll_home", "Top", show=False),
        Binding("end,G", "scroll_end", "Bottom", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = plain("")
        self._text_lines: list[Strip] = []  # (framing.py keeps `_lines`: those drawn)
        self._made = 0  # how many times lines were made: their keys (`line_keys`)

    @property
    def text(self) -> str:
        """What it shows, as plain text."""
        return self._content.plain

    def show(self, content: Content) -> None:
        """Show `content` from its top, in the next frame (the key's, while typing)."""
        self._content = content
        self._make_lines()
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        hand_over(self)

    def _make_lines(self) -> None:
        """The content's lines at the width there is, and the scroll length they make."""
        width = self.box[1].width
        style = self.visual_style
        self._text_lines = (
            Visual.to_strips(self, self._content, width, None, style) if width else []
        )
        self._made += 1
        self.forget_lines()
        size = Size(width, len(self._text_lines))
        if size != self.virtual_size:
            self.set_reactive(Preview.virtual_size, size)  # no layout: the box keeps its size
            self._scroll_update(size)
            self.check_thumb()

    def on_resize(self) -> None:
        self._make_lines()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._make_lines()  # a theme: the text's colours

    def line_keys(self, first: int, count: int) -> list[tuple[int, int] | None]:
        lines = len(self._text_lines)
        return [(self._made, n) if n < lines else None for n in range(first, first + count)]

    def paint_line(self, number: int, width: int) -> list[Segment]:
        if number >= len(self._text_lines):
            return self.blank(width)
        line = self._text_lines[number].extend_cell_length(width, self.visual_style.rich_style)
        return [
            Segment(text, self.restyled((style,))[0] if style else style)
            for text, style, _ in line.crop(0, width)
        ]
