"""The command palette: every action (`quadrant_commands`), and every article, entity and
agreement by name (`ItemCommands`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import partial

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.screen import Screen

from tui.core.models import Entity
from tui.ui.glyphs import fold
from tui.ui.host import host
from tui.ui.screens.connections import ask_and_connect
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.text import MATCH_STYLE, assemble, flagged, line_with_spans
from tui.ui.widgets.reader import Reader

PER_KIND = 8
SAVED_NAME = re.compile(r"^[A-Za-z0-9_-]+$")  # as Personal.save_search allows


class ItemCommands(Provider):
    """Searches the same index as the search bar; choosing a hit opens the item."""

    def _open(self, kind: str, item_id: str) -> None:
        host(self.screen).open_item(kind, item_id)

    def _index(self):
        return getattr(self.app, "index", None)

    async def search(self, query: str) -> Hits:
        index = self._index()
        if index is None or not query.strip():
            return
        results = index.search(query, limit=PER_KIND)
        stars = host(self.screen).yours.bookmarked()
        best = max((h.score for h in (*results.entities, *results.agreements)), default=1.0)
        for kind in ("entity", "agreement", "article"):
            for rank, hit in enumerate(results.of(kind)):
                display = self._display(hit.label, hit.spans, hit.kind)
                score = max(0.05, min(1.0, hit.score / max(best, 1.0))) - rank * 0.001
                yield Hit(
                    score,
                    _starred(display, hit.id in stars.get(kind, ())),
                    partial(self._open, hit.kind, hit.id),
                    text=display.plain,
                    help=f"open this {hit.kind}",
                )

    async def discover(self) -> Hits:
        index = self._index()
        if index is None:
            return
        results = index.search("", limit=PER_KIND)
        stars = host(self.screen).yours.bookmarked()
        for kind in ("entity", "agreement", "article"):
            for hit in results.of(kind):
                display = self._display(hit.label, (), hit.kind)
                yield DiscoveryHit(
                    _starred(display, hit.id in stars.get(kind, ())),
                    partial(self._open, hit.kind, hit.id),
                    text=display.plain,
                    help=f"open this {hit.kind}",
                )

    @staticmethod
    def _display(label: str, spans, kind: str) -> Content:
        name = line_with_spans(label, spans, MATCH_STYLE)
        return assemble(name, (f"  {kind}", "dim"))


def _starred(display: Content, bookmarked: bool) -> Content:
    """The bookmark's star before an item the user bookmarked, as in every list."""
    return flagged(display) if bookmarked else display


def quadrant_commands(app, screen: Screen) -> Iterable[SystemCommand]:
    """Quadrant's commands (written with ASCII marks in ASCII mode: glyphs.py)."""
    for command in _commands(app, screen):
        yield command._replace(title=fold(command.title), help=fold(command.help))


def _commands(app, screen: Screen) -> Iterable[SystemCommand]:
    """Every action of Quadrant for the palette: the app's, and the current screen's."""
    yield SystemCommand("Search", "Focus the search bar", app.action_focus_search)
    yield SystemCommand(
        "Keys", "List every key binding and the search language (?)", app.action_help
    )
    if not app.read_only:
        yield SystemCommand(
            "Import articles", "Add files or folders of articles (i)", app.action_import
        )
    if app.history.can_go_back:
        yield SystemCommand("Back", "Return to the previous screen (esc, H)", app.action_back)
    if app.history.can_go_forward:
        yield SystemCommand("Forward", "The screen back left, as it was (L)", app.action_forward)
    yield SystemCommand(
        "Connect two entities…",
        "How two people, bodies or countries are linked",
        lambda: ask_and_connect(screen),
    )
    yield SystemCommand(
        "Timeline",
        "The search's articles and agreements in date order (t)",
        app.main_screen.action_timeline,
    )
    yield SystemCommand(
        "Review candidates",
        "The queue of what imports proposed, the most named first (r)",
        app.main_screen.action_review,
    )
    yield SystemCommand(
        "Export the results…",
        "The search's hits (everything, without one) to Markdown, CSV or JSON lines (e)",
        app.main_screen.action_export,
    )
    yield from _screen_commands(app, screen)
    yield from _copy_commands(app, screen)
    yield from _yours_commands(app, screen)
    for number, (name, dom_id) in enumerate(
        (("Articles", "articles"), ("Entities", "entities"), ("Agreements", "agreements")),
        start=1,
    ):
        yield SystemCommand(
            f"Go to {name}",
            f"Focus the {name.lower()} pane ({number})",
            lambda dom_id=dom_id: app.go_to_pane(dom_id),
        )


def _yours_commands(app, screen: Screen) -> Iterable[SystemCommand]:
    """The user's own: bookmarks, saved searches, and a note, tags and a bookmark on the item
    shown (and the database's own note and tags, where it may be written)."""
    from tui.ui.screens import annotate
    from tui.ui.screens.bookmarks import open_bookmarks
    from tui.ui.screens.item import ItemScreen

    yours = app.yours
    yield SystemCommand(
        "Bookmarks", "Your bookmarks, the newest first (B)", partial(open_bookmarks, screen)
    )
    query = app.main_screen.query_text.strip()
    if query:
        yield SystemCommand(
            "Save this search…",
            "Keep the search under a name: @name in the search bar runs it",
            partial(annotate.save_search, screen, query),
        )
    # The palette reads a command's text as markup: the query, which the user typed, stays out
    # of it, and only a name of the characters save_search allows goes in.
    for name in filter(SAVED_NAME.match, yours.saved()):
        yield SystemCommand(
            f"Search @{name}", "Run this saved search", partial(_run_saved, app, name)
        )
        yield SystemCommand(
            f"Forget @{name}",
            "Delete this saved search",
            partial(annotate.forget_search, screen, name),
        )
    if isinstance(screen, ItemScreen):
        marked = yours.is_bookmarked(screen.key)
        yield SystemCommand("Your note…", "Only you see it (w)", screen.action_note)
        yield SystemCommand("Your tags…", "Add or remove your own tags (#)", screen.action_tags)
        yield SystemCommand(
            "Remove bookmark" if marked else "Bookmark",
            "Your bookmarks: B (b)",
            screen.action_bookmark,
        )
        if not app.read_only:
            yield SystemCommand(
                "The database's note or tags…", "Everyone sees them (S)", screen.action_shared
            )


def _run_saved(app, name: str) -> None:
    """A saved search, on the main screen (the pages left are kept for forward)."""
    app.history.back_to_first()
    app.main_screen.run_saved(name)


def _copy_commands(app, screen: Screen) -> Iterable[SystemCommand]:
    """ "Copy id", "Copy title", … of the item shown or highlighted (the `y` menu)."""
    from tui.ui.screens.copy import copy
    from tui.ui.screens.item import ItemScreen
    from tui.ui.screens.main import MainScreen

    if isinstance(screen, ItemScreen | MainScreen):
        for choice in screen.copyables():
            yield SystemCommand(
                f"Copy {choice.what}",
                f"To the clipboard, through the terminal (y {choice.key})",
                partial(copy, app, choice),
            )


def _screen_commands(app, screen: Screen) -> Iterable[SystemCommand]:
    """The actions of the reader and of item pages, so the palette reaches them too."""
    if isinstance(screen, ReaderScreen):
        reader = screen.query_one(Reader)
        yield SystemCommand(
            "Next mention", "Highlight the next mention (n)", reader.action_next_mention
        )
        yield SystemCommand(
            "Previous mention", "Highlight the previous mention (p)", reader.action_previous_mention
        )
        if not app.read_only:
            yield SystemCommand(
                "Set publication date…", "Date this article (D)", screen.action_set_date
            )
    if isinstance(screen, DetailScreen | ReaderScreen):
        yield SystemCommand(
            "Export this item…",
            "With its links and the sentences naming it, to Markdown, CSV or JSON lines (e)",
            screen.action_export,
        )
    if isinstance(screen, DetailScreen) and not app.read_only:
        if screen.is_candidate:
            yield SystemCommand(
                "Accept candidate", "Confirm this item (a)", lambda: screen.action_review("accept")
            )
            yield SystemCommand(
                "Reject candidate",
                "Remove it; never propose it again (x)",
                lambda: screen.action_review("reject"),
            )
        yield SystemCommand("Merge into…", "Fold this item into another (m)", screen.action_merge)
    if isinstance(screen, DetailScreen):
        if isinstance(screen.item, Entity):
            yield SystemCommand(
                "Connect with…", "How this entity is linked to another (c)", screen.action_connect
            )
        yield SystemCommand(
            "Timeline of this item",
            "Its agreements and articles in date order (t)",
            screen.action_timeline,
        )
        yield SystemCommand(
            "Add alias", "Another name, linked in every article (+)", screen.action_alias
        )
