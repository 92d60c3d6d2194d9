"""A checkbox whose state reads without colour."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox

from tui.ui.text import plain


class Toggle(Checkbox):
    """Textual's Checkbox shows the same mark on and off and tells them apart by colour, which
    NO_COLOR and some 16-colour palettes take away. This one shows `[x]` or `[ ]`."""

    @property
    def _button(self) -> Content:
        return plain("[x]" if self.value else "[ ]", "bold")
