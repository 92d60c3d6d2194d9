"""What a result pane shows: its rows, made from search hits, and its title.

Kept apart from the widget (pane.py), which only draws and moves the cursor: a row is data
(the item it stands for and its content), so two rows can be compared without drawing them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.content import Content

from tui.ui.text import MATCH_STYLE, assemble, line_with_spans, plain

if TYPE_CHECKING:
    from tui.search.index import Hit

TITLES = {"article": "Articles", "entity": "Entities", "agreement": "Agreements"}


class Row(NamedTuple):
    """One row of a pane: the item it stands for (None: a message, which the cursor skips) and
    what it shows, on one line or more."""

    id: str | None
    prompt: Content
    disabled: bool = False

    @property
    def height(self) -> int:
        return self.prompt.plain.count("\n") + 1

    @property
    def look(self) -> tuple[object, ...]:
        """What decides how the row is drawn: two rows with the same look draw the same.
        (Content's own `==` compares the text only, not its styles.)"""
        return (self.prompt.plain, tuple(self.prompt.spans), self.disabled)


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
        """What each line from `top` on shows: its row's look, which of its lines, whether the
        cursor is on it, and the scroll (None: a blank line). Equal looks draw the same."""
        shown: list[tuple[object, ...] | None] = []
        for number in range(top, top + height):
            index, line = self._lines[number] if number < len(self._lines) else (-1, 0)
            shown.append(None if index < 0 else (self.rows[index].look, line, index == cursor, top))
        return shown


def hit_row(hit: Hit, width: int) -> Row:
    """A hit's row: its label and, dimmed, its snippet or detail, each cut to `width`, the
    matched characters marked."""
    label = line_with_spans(hit.label, hit.spans, MATCH_STYLE, width)
    if hit.snippet:
        detail = line_with_spans(hit.snippet, hit.snippet_spans, MATCH_STYLE, width)
    else:
        detail = plain(hit.detail[:width])
    return Row(hit.id, assemble(label, "\n", detail.stylize("dim")))


def title(kind: str, total: int, counted_to: int | None = None) -> str:
    """The name and the number of hits: all of them, however many are loaded so far (the
    rows load as the cursor goes down; the scroll bar shows where it is)."""
    count = f"{counted_to:,}+" if counted_to is not None else f"{total:,}"
    return f"{TITLES[kind]} {count}"


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for number in numbers:
        if runs and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number)
        else:
            runs.append((number, number))
    return runs
