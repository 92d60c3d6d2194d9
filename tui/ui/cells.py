"""How many cells a string takes in a terminal, as Rich counts them, fast for typeset text.

Rich measures a string in C when all of its characters are in a set it knows to take one cell
each (ASCII, Latin, Greek, Cyrillic, box drawing); any other character sends the whole string
through Python, a character at a time, and cutting it through its grapheme splitter. Typeset
text is full of others: the ellipsis around every snippet, curly quotes, dashes. Cutting a
snippet to a pane's width took 20 us that way, some thirty times a keystroke.

Where each character takes one cell, Rich's count is the string's length and its cut a
slice: a character of width one that is not a joiner or a variation selector is a grapheme of
its own (zero-width marks join the character before them). The characters met are sorted
once into those that take one cell and those that do not; a string with any of the latter
is left to Rich. tests/test_cells.py compares both with Rich's.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size, set_cell_size

__all__ = ["cell_width", "sized"]

_ONE: set[str] = {chr(code) for code in range(0x20, 0x7F)}  # one cell each, on their own
_OTHER: set[str] = set()  # wider, narrower, or joined to their neighbours


def _one_cell_each(text: str) -> bool:
    if _ONE.issuperset(text):
        return True
    for char in set(text).difference(_ONE):
        if char in _OTHER:
            return False
        if get_character_cell_size(char) != 1:  # (joiners and selectors have none)
            _OTHER.add(char)
            return False
        _ONE.add(char)
    return True


def cell_width(text: str) -> int:
    """The cells `text` takes: Rich's `cell_len`."""
    return len(text) if _one_cell_each(text) else cell_len(text)


def sized(text: str, cells: int) -> str:
    """`text` cut or padded with spaces to exactly `cells` cells: Rich's `set_cell_size`."""
    if not _one_cell_each(text):
        return set_cell_size(text, cells)
    if len(text) >= cells:
        return text[: max(cells, 0)]
    return text + " " * (cells - len(text))
