"""The footer of every screen: its keys, and a marker when the database is opened read-only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Label
from textual.widgets._footer import FooterKey

from tui.ui.glyphs import fold
from tui.ui.widgets.kept import KeptFrame

READ_ONLY = "read-only"


class QuadrantFooter(KeptFrame, Footer):
    """Textual's footer, with "read-only" at its right end when the app says so (write keys
    are then not offered at all: see the screens' `check_action`)."""

    _shown: tuple | None = None  # what the keys were last composed from

    def _keys(self) -> tuple:
        """What the footer shows: every active binding's key, words, state and tooltip."""
        return tuple(
            (b.key, b.description, b.action, b.show, enabled, tooltip)
            for _, b, enabled, tooltip in self.screen.active_bindings.values()
        )

    def bindings_changed(self, screen: Screen) -> None:
        """Textual rebuilds the footer (every key unmounted and mounted again) whenever a
        screen's bindings may have changed: after most keys, while typing too. Rebuild only
        when what it shows did change."""
        if self.is_attached and screen is self.screen and self._keys() == self._shown:
            return
        super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        if self._bindings_ready:
            self._shown = self._keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey):  # "Merge into..." in ASCII mode (glyphs.py)
                widget.description = fold(widget.description)
            yield widget
        if getattr(self.app, "read_only", False):
            # The last cell of the footer's grid of keys, left of the palette's key.
            self.styles.grid_size_columns = (self.styles.grid_size_columns or 0) + 1
            yield Label(READ_ONLY, classes="read-only-mark")
