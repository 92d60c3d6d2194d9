"""The keys that act on one item, on any screen that shows one: the user's own note (`w`),
tags (`#`) and bookmark (`b`) on it, a menu of what to copy of it (`y`), and the bookmarks
(`B`). A page of one item acts on its item (item.py); the main screen on the row highlighted
in the focused pane (main.py). The screens these open are imported when a key asks for them:
the main screen's module is on the way to the first frame."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from tui.ui.screens.copy import Copyable


class ItemKeys(Screen):
    """A screen whose item keys act on `keyed_item`, and copy from `copyables`."""

    def keyed_item(self) -> tuple[str, str] | None:
        """The key (`annotate.key_of`) and label of the item the keys act on; None: none."""
        raise NotImplementedError

    def copyables(self) -> list[Copyable]:
        """What `y` offers to copy."""
        raise NotImplementedError

    def action_note(self) -> None:
        from tui.ui.screens import annotate

        self._annotate(annotate.edit_note)

    def action_tags(self) -> None:
        from tui.ui.screens import annotate

        self._annotate(annotate.edit_tags)

    def action_bookmark(self) -> None:
        from tui.ui.screens import annotate

        self._annotate(annotate.toggle_bookmark)

    def action_bookmarks(self) -> None:
        from tui.ui.screens.bookmarks import open_bookmarks

        open_bookmarks(self)

    def action_copy(self) -> None:
        """`y`: a menu of what to copy (the id, title and URL; a sentence where one is read)."""
        from tui.ui.screens.copy import ask_and_copy

        ask_and_copy(self, self.copyables())

    def _annotate(self, flow: Callable[[Screen, str, str], None]) -> None:
        found = self.keyed_item()
        if found is not None:
            flow(self, *found)
