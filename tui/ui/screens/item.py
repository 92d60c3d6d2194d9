"""What every page of one item offers, the reader's and the entity and agreement pages' alike:
export it (`e`) and copy its id, title, URL or the sentence under the cursor (`y`)."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen

from tui.core.corpus import Item
from tui.ui.screens.copy import Copyable, ask_and_copy, copyables


class ItemScreen(Screen):
    """A screen showing one item. Subclasses say which (`shown_item`) and which sentence the
    cursor is on, if any (`current_sentence`)."""

    BINDINGS = [
        Binding("e", "export", "Export", show=False),
        Binding("y", "copy", "Copy…", show=False),
    ]

    @property
    def shown_item(self) -> Item:
        raise NotImplementedError

    def current_sentence(self) -> str | None:
        return None

    def copyables(self) -> list[Copyable]:
        """What `y` offers to copy here."""
        return copyables(self.shown_item, self.current_sentence())

    def action_copy(self) -> None:
        """`y`: a menu of what to copy (id, title, URL, the sentence under the cursor)."""
        ask_and_copy(self, self.copyables())

    def action_export(self) -> None:
        """`e`: this item, its links and the sentences naming it, to a file."""
        from tui.ui.screens.export import export_item

        export_item(self, self.shown_item)
