"""The keys for the analyst's own work on an item, shared by the main screen (on the
highlighted row) and the item screens: here, in a module that imports nothing heavy, so the
main screen can have them before the first frame."""

from __future__ import annotations

from textual.binding import Binding

ITEM_BINDINGS = [
    Binding("e", "export", "Export", show=False),
    Binding("y", "copy", "Copy…", show=False),
    Binding("w", "note", "Your note", show=False),
    Binding("number_sign", "tags", "Your tags", show=False, key_display="#"),
    Binding("b", "bookmark", "Bookmark", show=False),
    Binding("B", "bookmarks", "Bookmarks", show=False),
]
