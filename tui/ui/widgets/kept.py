"""A widget's lines given again, as they were drawn, until the widget is marked dirty.

Each frame, Textual asks every widget that lies under the frame's changed lines for all of its
lines: for a keystroke, the screen for its thirty lines of background, the footer for its own,
and each pane for every line in view, whether the pane changed or not. Textual's styles cache
keeps a widget's lines until the widget is marked dirty (`Widget._set_dirty`: a refresh, a
resize, a scroll, a change of style: a theme, a class, a style set in code), but works out the
widget's colours, styles and filters each time it is asked, and filters every line again: 0.06
to 0.08 ms a frame each for the screen, the footer and a pane the key did not change.

`KeptFrame` gives back the strips it gave last for the same crop, size and filters until the
widget is marked dirty, the rule Textual's own cache follows for the lines it keeps.
test_kept.py compares the screen drawn through kept lines with the screen drawn afresh, step
by step (typing, the cursor, the focus, scrolling, a theme, a resize, a style set in code).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import TYPE_CHECKING

from textual.geometry import Region
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.widget import Widget

    _Mixin = Widget
else:
    _Mixin = object

__all__ = ["KeptFrame"]


class KeptFrame(_Mixin):
    """Mixed in before the widget class whose lines it keeps (`class Pane(KeptFrame, ...)`).
    Not a Widget itself: Textual takes a class's default CSS from its first base that is one,
    and would skip the widget class after it (a Screen laid out as no screen is)."""

    _kept_frame: tuple[Hashable, list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (crop, self.region.size, tuple(self.get_line_filters()))
        kept = self._kept_frame
        if kept is not None and kept[0] == key:
            return list(kept[1])
        strips = super().render_lines(crop)
        self._kept_frame = (key, strips)
        return list(strips)

    def _set_dirty(self, *regions: Region) -> None:
        self._kept_frame = None
        super()._set_dirty(*regions)
