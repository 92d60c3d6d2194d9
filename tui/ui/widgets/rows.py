"""What a result pane shows: its rows, made from search hits, and its title.

Kept apart from the widget (pane.py), which only draws and moves the cursor: a row is data
(the item it stands for and its content), so two rows can be compared without drawing them.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content
from textual.style import Style

from tui.ui.cells import cell_width, sized
from tui.ui.text import FLAG, LEAD_STYLE, MATCH_STYLE, Marked, marked, marked_lines
from tui.ui.text import lines as text_lines

if TYPE_CHECKING:
    from tui.search.index import Hit

TITLES = {"article": "Articles", "entity": "Entities", "agreement": "Agreements"}


class Row(NamedTuple):
    """One row of a pane: the item it stands for (None: a message, which the cursor skips) and
    what it shows, a line each."""

    id: str | None
    lines: tuple[Marked, ...]
    disabled: bool = False

    @property
    def height(self) -> int:
        return len(self.lines)

    @property
    def prompt(self) -> Content:
        """What the row shows, as Content."""
        return text_lines([line.content for line in self.lines])


class Lines:
    """A pane's rows and the lines they take, top to bottom: line `number` is line `at(number)[1]`
    of row `at(number)[0]`."""

    def __init__(self, rows: list[Row] | None = None) -> None:
        self.rows: list[Row] = []
        self._lines: list[tuple[int, int]] = []
        self.add(rows or [])

    def __len__(self) -> int:
        return len(self._lines)

    def add(self, rows: list[Row]) -> None:
        for row in rows:
            number = len(self.rows)
            self.rows.append(row)
            self._lines += [(number, line) for line in range(row.height)]

    def at(self, number: int) -> tuple[int, int]:
        return self._lines[number]

    def first_line(self, index: int) -> int:
        """The line row `index` starts on."""
        return next(n for n, (row, _) in enumerate(self._lines) if row == index)

    def looks(self, top: int, height: int, cursor: int | None) -> list[tuple[object, ...] | None]:
        """What each line from `top` on shows, and the scroll (None: a blank line). Equal
        looks draw the same."""
        return [
            None if look is None else (*look, top) for look in self.looks_of(top, height, cursor)
        ]

    def looks_of(
        self, first: int, count: int, cursor: int | None
    ) -> list[tuple[Marked, bool, bool] | None]:
        """What each of `count` lines from line `first` on shows (`look`; None: a blank)."""
        size = len(self._lines)
        return [self.look(n, cursor) if n < size else None for n in range(first, first + count)]

    def look(self, number: int, cursor: int | None) -> tuple[Marked, bool, bool]:
        """What line `number` shows: its text and marks, whether its row is a message, and
        whether the cursor is on its row. The same line of another row draws the same."""
        index, line = self._lines[number]
        row = self.rows[index]
        return row.lines[line], row.disabled, index == cursor


def hit_rows(hits: Iterable[Hit], width: int, flagged: Container[str]) -> list[Row]:
    """The rows of `hits`, cut to `width`, those in `flagged` (the user's bookmarks) flagged."""
    return [hit_row(hit, width, hit.id in flagged) for hit in hits]


def hit_row(hit: Hit, width: int, flagged: bool = False) -> Row:
    """A hit's row: its label and, dimmed, its snippet or detail, each cut to `width`, the
    matched characters marked; a star before the label when `flagged`."""
    label = marked(hit.label, hit.spans, width, lead=FLAG if flagged else "")
    if hit.snippet:
        detail = marked(hit.snippet, hit.snippet_spans, width, "dim")
    else:
        detail = marked(hit.detail, (), width, "dim")
    return Row(hit.id, (label, detail))


def message_row(text: str) -> Row:
    """A row that says something (why the pane is empty, what is loading): dimmed, in italics,
    and skipped by the cursor."""
    return Row(None, marked_lines(text, "dim italic"), True)


class LineStyles(NamedTuple):
    """The Rich styles a line is drawn in: its text, its marked characters, its lead, and the
    cells after the text."""

    own: RichStyle
    mark: RichStyle
    lead: RichStyle
    pad: RichStyle


@lru_cache(maxsize=256)
def line_styles(base: Style, style: str) -> LineStyles:
    """The styles of a line in its own `style` ("dim": a detail) over `base` (the pane's, or
    its cursor's)."""
    own = base + Style.parse(style) if style else base
    marked, lead = (own + Style.parse(extra) for extra in (MATCH_STYLE, LEAD_STYLE))
    return LineStyles(own.rich_style, marked.rich_style, lead.rich_style, base.rich_style)


def paint(line: Marked, width: int, styles: tuple[RichStyle, ...]) -> list[Segment]:
    """The segments of `line` in `width` cells, in `styles` (`line_styles`: own, mark, lead,
    pad), as Textual
    draws Content (cut with an ellipsis, padded in the base style), without making one: a
    pane draws some eighty new lines a keystroke."""
    own, mark, lead, pad = styles
    text = line.lead + line.text
    length = cell_width(text)
    if length > width:
        text, length = (sized(text, width - 1) + "…" if width else ""), width
    shift = len(line.lead)
    spans = [(0, shift, lead)] if shift else []
    spans += [(start + shift, end + shift, mark) for start, end in line.marks]
    segments: list[Segment] = []
    at = 0
    for start, end, style in spans:
        if start >= len(text):
            break
        if start > at:
            segments.append(Segment(text[at:start], own))
        at = min(end, len(text))
        segments.append(Segment(text[start:at], style))
    if at < len(text):
        segments.append(Segment(text[at:], own))
    if length < width:
        if at < len(text) and own == pad:  # one segment: one style to write, not two
            segments[-1] = Segment(text[at:] + " " * (width - length), own)
        else:
            segments.append(Segment(" " * (width - length), pad))
    return segments


def title(kind: str, total: int, counted_to: int | None = None) -> str:
    """The name and the number of hits: all of them, however many are loaded so far (the
    rows load as the cursor goes down; the scroll bar shows where it is)."""
    count = f"{counted_to:,}+" if counted_to is not None else f"{total:,}"
    return f"{TITLES[kind]} {count}"


def fitted(text: str, room: int) -> str:
    """A pane's title in `room` cells: "Entities 95", or "Ent 95", "E 95", or "95" alone, the
    count kept as long as it fits (at 40 columns a pane is 11 wide, and Textual's cut read
    "Enti…", the count gone). No room known (not laid out): the whole title."""
    name, _, count = text.rpartition(" ")
    if room <= 0 or len(text) <= room or not name:
        return text
    for short in (name[:3], name[:1]):
        if len(short) + 1 + len(count) <= room:
            return f"{short} {count}"
    return count


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs
