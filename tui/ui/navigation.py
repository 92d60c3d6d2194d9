"""The app's moves between screens: opening an item, back and forward, the keys that leave the
search bar, the dialogs it opens. `Navigation` is the app's base class (QuadrantApp, app.py, is
the rest: the data, its loads, and the app's own timers), kept apart so that each reads as one
job."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.screen import ModalScreen, Screen
from textual.widgets import Input

from tui.ui.look import TerminalApp
from tui.ui.screens.main import MainScreen
from tui.ui.widgets.searchbar import SearchBar

if TYPE_CHECKING:
    from tui.core.corpus import Corpus
    from tui.core.models import Mention
    from tui.search.index import Index
    from tui.search.threads import Loads
    from tui.storage.store import Store
    from tui.ui.history import History


class Navigation(TerminalApp):
    """Where the user goes, and what each move needs of the app: its database, the items read
    from it (None while loading: an item asked for then opens once it is read), its history of
    pages."""

    store: Store
    corpus: Corpus | None
    loads: Loads[Index]
    history: History
    pending: tuple[str, str, Mention | None] | None  # opened before the load
    _pending_from: tuple[Screen, str] | None  # where it was asked for
    _main: MainScreen

    @property
    def read_only(self) -> bool:
        """Opened read-only: the footer says so, and write keys are not offered."""
        return self.store.read_only

    def get_default_screen(self) -> Screen:
        """The main screen is the first one: nothing blank is painted before it."""
        self._main = MainScreen()
        return self._main

    @property
    def main_screen(self) -> MainScreen:
        """The first screen, under any others: kept, not looked for in the screen stack, which
        is empty while the app closes (and a timer may still tick)."""
        return self._main

    def open_item(self, kind: str, item_id: str, mention: Mention | None = None) -> None:
        """Open an article in the reader, or an entity or agreement page."""
        from tui.core.models import Article
        from tui.ui.screens.detail import DetailScreen
        from tui.ui.screens.reader import ReaderScreen

        corpus = self.corpus
        item = corpus.get(kind, item_id) if corpus is not None else None
        if item is None and self.loads.loading:  # search answered first: open it once all
            self.loads.idle.set()  # is read, and read it now
            self.pending = (kind, item_id, mention)
            self._pending_from = (self.screen, self.main_screen.query_text)
            self.notify("Still reading the database: it opens in a moment", timeout=3)
            return
        self.pending = None
        if item is None:
            self.notify(f"{kind} {item_id!r} is not in the database", severity="warning")
        elif isinstance(item, Article) and corpus is not None:  # (an item has a corpus)
            self.open_page(ReaderScreen(item, corpus, mention))
        elif corpus is not None and not isinstance(item, Article):
            self.open_page(DetailScreen(item, corpus))

    def open_page(self, screen: Screen) -> None:
        """Show a new page over this one; forward forgets what back had left."""
        self.history.open(screen)

    async def action_back(self) -> None:
        """Return to the previous screen, exactly as it was left (kept for forward)."""
        self.go_back()

    def go_back(self) -> None:
        self.history.back()

    def action_forward(self) -> None:
        """`L`: the screen back left, with its cursor and scroll as they were."""
        self.history.go_forward()

    def action_focus_search(self) -> None:
        """`/` from anywhere: back to the main screen, focus in the search bar, at once. The
        pages left are kept for forward."""
        self.history.back_to_first()
        if isinstance(self.screen, MainScreen):
            self.screen.focus_search()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Inside a text field, `/` is just a character: let the field have it."""
        in_search = isinstance(self.screen.focused, SearchBar)
        if action == "import":
            return not self.read_only
        if action == "focus_search":
            return not isinstance(self.screen.focused, Input)
        if action in ("to_results", "search_down"):
            return in_search
        if action == "back":
            return self.history.can_go_back
        if action == "forward":  # not over a dialog, nor typed in a field
            dialog = isinstance(self.screen, ModalScreen) or isinstance(self.screen.focused, Input)
            return self.history.can_go_forward and not dialog
        return True

    async def action_search_down(self) -> None:
        """`down` in the search bar: a newer search while walking the history (`up`), else
        to the results, as `enter`."""
        bar = self.screen.focused
        if not (isinstance(bar, SearchBar) and bar.newer()):
            await self.action_to_results()

    async def action_to_results(self) -> None:
        """Wait for the search bar to take the keys already sent to it, then leave it.

        The app holds later keys while this runs, so the pane it focuses receives them.
        """
        caught_up = asyncio.Event()
        (self.screen.focused or self.screen).call_later(caught_up.set)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(caught_up.wait(), timeout=1.0)
        self.main_screen.action_enter_results()

    def action_import(self) -> None:
        """`i`: the import dialog (not on a read-only database)."""
        from tui.ui.screens.importing import ImportScreen  # the readers load only when needed

        if self.store.read_only:
            self.notify("opened read-only: nothing can be imported", severity="warning")
        elif not isinstance(self.screen, ImportScreen):
            self.push_screen(ImportScreen(self.store))

    def action_help(self) -> None:
        from tui.ui.screens.help import HelpScreen, binding_reference

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(binding_reference(self.BINDINGS)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        from tui.ui.palette import quadrant_commands

        # Textual's "Keys" opens its own help panel: the `?` reference, under the same
        # name in quadrant_commands, lists more, and two entries of one name confuse.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield from quadrant_commands(self, screen)

    def go_to_pane(self, dom_id: str) -> None:
        """Back to the main screen, focus in one pane."""
        self.history.back_to_first()
        self.main_screen.action_focus_pane(dom_id)
