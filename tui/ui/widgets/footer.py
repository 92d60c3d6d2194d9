"""The footer of every screen: its keys, and a marker when the database is opened read-only."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer, Label

READ_ONLY = "read-only"


class QuadrantFooter(Footer):
    """Textual's footer, with "read-only" at its right end when the app says so (write keys
    are then not offered at all: see the screens' `check_action`)."""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        if getattr(self.app, "read_only", False):
            # The last cell of the footer's grid of keys, left of the palette's key.
            self.styles.grid_size_columns = (self.styles.grid_size_columns or 0) + 1
            yield Label(READ_ONLY, classes="read-only-mark")
