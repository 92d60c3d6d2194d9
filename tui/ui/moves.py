"""The compositor's cursor moves, made once for each place on the screen.

Textual writes a frame as, for each line, a cursor move before each widget's part of it
(`ChopsUpdate.render_segments`), and makes each move anew through Rich (`Control.move_to`:
a Control, its codes formatted, a Segment; 2 us). A keystroke that changes the three panes
writes some eighty of them, a tenth of its frame. A move depends only on its place, and
Textual reads only its text: `cache` gives Textual's compositor a Control whose moves are
made once for each place (at most MOVES kept), and changes nothing else.

Textual's compositor module names Rich's Control (8.2); `cache` replaces that name only
when it is Rich's own, so another Textual is left as it is. test_moves.py checks that a
frame is written the same with the cache and without.
"""

from __future__ import annotations

from functools import lru_cache

from rich.control import Control
from textual import _compositor

__all__ = ["cache"]

MOVES = 8192  # places kept: a screen of 300x100 has 30,000, a frame moves to a few hundred


class CachedControl(Control):
    """Rich's Control, its cursor moves made once for each place."""

    @classmethod
    def move_to(cls, x: int, y: int) -> Control:
        return _move_to(x, y)


@lru_cache(maxsize=MOVES)
def _move_to(x: int, y: int) -> Control:
    return Control.move_to(x, y)


def cache() -> bool:
    """Give Textual's compositor the cached moves; False when it does not name Rich's Control
    (another Textual), and is left as it is."""
    if getattr(_compositor, "Control", None) is Control:
        setattr(_compositor, "Control", CachedControl)  # noqa: B010 (Textual's module: untyped)
    return getattr(_compositor, "Control", None) is CachedControl
