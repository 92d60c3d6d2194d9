"""The user's bookmarks (`B`): each bookmarked item, the newest first, with the user's own tags
and the start of their note; `enter` opens one, `b` removes the bookmark under the cursor."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen

from tui.core.corpus import Corpus
from tui.ui.host import host
from tui.ui.screens import annotate
from tui.ui.screens.linked import Link, LinkedScreen, Row, Section, two_lines
from tui.ui.text import plain

KINDS = ("article", "entity", "agreement")
NOTE_SHOWN = 80  # characters of the user's note under a bookmark


class BookmarksScreen(LinkedScreen):
    """A page of the user's bookmarks, kept up to date as they change."""

    BINDINGS = [Binding("b", "unmark", "Remove bookmark")]
    EMPTY = "none yet: b on a page, in the reader or on a pane's item bookmarks it"
    STARS = False  # every row is one
    MINE = True  # the user's tags and note under each

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def head(self) -> list[Content]:
        return [
            plain("Your bookmarks", "bold"),
            plain("the newest first · only you see them · enter opens · b removes", "dim"),
        ]

    def sections(self) -> list[Section]:
        return [("Bookmarks", [self._row(key) for key in host(self).yours.bookmarks()])]

    def _row(self, key: str) -> Row:
        kind, _, item_id = key.partition(":")
        item = self.corpus.get(kind, item_id) if kind in KINDS else None
        if item is None:
            return None, two_lines(item_id, f"{kind} · no longer in this database")
        yours = host(self).yours
        about = [kind, *(f"#{tag}" for tag in yours.tags(key))]
        note = " ".join(yours.note(key).split())
        if note:
            about.append(note if len(note) <= NOTE_SHOWN else note[: NOTE_SHOWN - 1] + "…")
        return Link(kind, item_id), two_lines(item.label, " · ".join(about))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unmark":
            return self.is_mounted and self.current_link is not None
        return True

    def action_unmark(self) -> None:
        link = self.current_link
        if link is not None:
            item = self.corpus.get(link.kind, link.item_id)
            label = item.label if item is not None else link.item_id
            annotate.toggle_bookmark(self, annotate.key_of(link.kind, link.item_id), label)


def open_bookmarks(screen: Screen) -> None:
    """Show the bookmarks (once the database is read: they open items)."""
    corpus = host(screen).corpus
    if corpus is None:
        screen.notify("Still reading the database: try again in a moment", timeout=3)
    elif not isinstance(screen, BookmarksScreen):
        host(screen).open_page(BookmarksScreen(corpus))
