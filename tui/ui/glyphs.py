"""Every glyph Quadrant draws, in Unicode or in ASCII: one table, one switch.

ASCII mode (`quadrant --ascii`, or a terminal without UTF-8: tui/core/terminal.py) is ours to
build: Textual has none (Textualize/textual#3086). It is chosen once, as the app starts (`use`),
and then:

- the app's own words are written with ASCII marks: `fold` ("Loading..." for "Loading…", " | "
  for " · ", "->" for "→"), which text.py applies to every string it builds;
- text fields, buttons and dialogs, whose Textual borders are made of half blocks, get an ASCII
  border from app.tcss (`App.-ascii ...`), the class `use_in` puts on the app;
- scroll bars draw their thumb in whole cells (`AsciiScrollBarRender`), not eighths of one;
- and `AsciiFilter`, a line filter on everything drawn, replaces what is left cell for cell:
  Textual's borders ("+", "-", "|"; a heavy line, a focused pane's, as "="), its ellipsis
  when it cuts a line ("~"), its key arrows, and the letters of the documents ("é" as "e", "–"
  as "-"), so that nothing but ASCII reaches the terminal.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len
from rich.segment import Segment
from textual.color import Color
from textual.dom import DOMNode
from textual.filter import LineFilter
from textual.scrollbar import ScrollBar, ScrollBarRender

# The app's own marks, and what they become in ASCII (the length may change).
WORDS = {
    "…": "...",
    "·": "|",
    "→": "->",
    "←": "<-",
    "↑": "up",
    "↓": "down",
    "⏎": "enter",
    "•": "*",
    "★": "*",
    "—": "--",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "«": "<<",
    "»": ">>",
    "×": "x",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ı": "i",
}
# One cell for one cell: what is drawn where layout has already been done.
CELLS = {
    "…": "~",  # Textual's mark of a cut line: "..." would not fit in its one cell
    "·": "|",
    "→": ">",
    "←": "<",
    "↑": "^",
    "↓": "v",
    "▶": ">",
    "▼": "v",
    "▲": "^",
    "◀": "<",
    "•": "*",
    "★": "*",
    "●": "*",
    "⭘": "o",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "✘": "x",
    "█": "#",
    "▌": "|",
    "▐": "|",
    "🔎": "> ",
    "⏎": "<",
    "⌫": "<",
    "⇥": ">",
}
UNKNOWN = "?"

_ascii = False


def use(ascii_only: bool) -> None:
    """Draw in ASCII from now on (or in Unicode again: tests run both in one process)."""
    global _ascii
    _ascii = ascii_only
    ScrollBar.renderer = AsciiScrollBarRender if ascii_only else ScrollBarRender


def use_in(node: DOMNode, ascii_only: bool) -> None:
    """`use`, and the `-ascii` class on the app, which app.tcss gives ASCII borders."""
    use(ascii_only)
    node.set_class(ascii_only, "-ascii")


def in_ascii() -> bool:
    return _ascii


def fold(text: str) -> str:
    """The app's own text, in ASCII when the app draws in ASCII (`WORDS`, then the letter
    without its accent, then `?`); otherwise `text` as it is."""
    if not _ascii or text.isascii():
        return text
    return "".join(_word(char) for char in text)


def fold_spans(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """`fold`, with spans of `text` moved to where their characters are in the folded text."""
    if not _ascii or text.isascii():
        return text, spans
    starts = [0]
    parts = [_word(char) for char in text]
    for part in parts:
        starts.append(starts[-1] + len(part))
    return "".join(parts), [(starts[s], starts[min(e, len(text))]) for s, e in spans]


@lru_cache(maxsize=4096)
def _word(char: str) -> str:
    if char.isascii():
        return char
    if char in WORDS:
        return WORDS[char]
    return _plain_letters(char) or UNKNOWN * max(1, cell_len(char))


def _plain_letters(char: str) -> str:
    """The ASCII of its compatibility decomposition: "é" as "e", "ﬁ" as "fi", "–" as "-"."""
    if unicodedata.category(char) == "Pd":
        return "-"
    if unicodedata.category(char) == "Zs":
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if c.isascii() and c.isprintable())


@lru_cache(maxsize=4096)
def cell(char: str) -> str:
    """One character as drawn in ASCII, as many cells wide as it was (none for a combining
    accent: the letter before it stands alone)."""
    width = cell_len(char)
    if char.isascii() or width == 0:
        return char if char.isascii() else ""
    glyph = CELLS.get(char) or _box(char) or _plain_letters(char)[:width]
    return (glyph or UNKNOWN).ljust(width)[:width]


def _box(char: str) -> str:
    """Box drawing as "+", "-" and "|" (heavy and double lines "="); block elements as blanks
    (the half-block frames of Textual's text fields and its scroll bars' ends)."""
    code = ord(char)
    if 0x2580 <= code <= 0x259F:
        return " "
    if not 0x2500 <= code <= 0x257F:
        return ""
    name = unicodedata.name(char, "")
    if "HORIZONTAL" in name and "VERTICAL" not in name and "AND" not in name:
        return "=" if "HEAVY" in name or "DOUBLE" in name else "-"
    if "VERTICAL" in name and "AND" not in name:
        return "|"
    return "+"


def cells(text: str) -> str:
    """`text` as drawn in ASCII, cell for cell."""
    return text if text.isascii() else "".join(cell(char) for char in text)


class AsciiFilter(LineFilter):
    """Whatever was drawn, drawn in ASCII, taking the same cells."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [
            segment if segment.text.isascii() else segment._replace(text=cells(segment.text))
            for segment in segments
        ]


class AsciiScrollBarRender(ScrollBarRender):
    """A scroll bar whose thumb is drawn in whole cells: Textual draws its ends in eighths of
    a cell with block elements, which ASCII has not."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8
