"""QuadrantApp: a thin shell that loads the data off the UI thread; its moves between screens
are its base class's (navigation.py)."""

from __future__ import annotations

import asyncio
import gc
import sys
import time
from dataclasses import dataclass
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.events import AppBlur
from textual.message import Message

from tui.search.threads import IDLE_SECONDS, Loads
from tui.storage.store import Store, StoreError
from tui.ui import collector, hangup, moves
from tui.ui.history import History
from tui.ui.look import UNICODE, Look
from tui.ui.navigation import Navigation
from tui.ui.settings import Settings
from tui.ui.yours import Yours

if TYPE_CHECKING:
    from tui.core.corpus import Corpus
    from tui.search.index import Index

# Before the first frame only the main screen is imported; the rest when first used.

SWITCH_SECONDS = 0.001
TIDY_AFTER = 0.03  # after a change to the query: its frame is out (collector.tidy)
RECOUNT_AFTER = 0.3  # no change to the query for this long: the typing paused (recount)
# The groups of the workers that write: a hang-up lets them finish.
WRITERS = ("write", "import", "export", "personal", "settings")


def _item_commands():
    from tui.ui.palette import ItemCommands

    return ItemCommands


class QuadrantApp(Navigation):
    """Browse and search a Quadrant database. Given its store (and whether to draw in ASCII);
    never opens files itself."""

    CSS_PATH = "app.tcss"
    TITLE = "Quadrant"
    COMMANDS = App.COMMANDS | {_item_commands}
    BINDINGS = [
        Binding("slash", "focus_search", "Search", priority=True),
        # Leaving the search bar is handled here, before the next key is dispatched, so that
        # "lemoa, enter, enter" typed at full speed opens LEMOA instead of losing a key.
        Binding("enter", "to_results", "To results", priority=True, show=False),
        Binding("down", "search_down", "Later search, or to results", priority=True, show=False),
        Binding("question_mark", "help", "Keys"),
        Binding("i", "import", "Import"),
        # H and L, as in ranger, qutebrowser and vimium: plain letters, which no terminal,
        # tmux or SSH takes for itself (alt+left is a prefix, "[" begins escape sequences).
        Binding("H", "back", "Back", show=False),
        Binding("L", "forward", "Forward"),
        Binding("q", "quit", "Quit"),
    ]
    WATCH_SECONDS = 2.0  # how often to look for changes written by other processes

    @dataclass
    class SearchReady(Message):
        """Search can answer (the database may still be loading)."""

        index: Index
        generation: int  # which load: a superseded one's messages are ignored

    @dataclass
    class CorpusReady(Message):
        """The whole database is loaded: items can be opened."""

        corpus: Corpus
        generation: int

    @dataclass
    class LoadProgress(Message):
        """What the load is doing (only a cold start says: it can take a minute)."""

        what: str
        generation: int

    @dataclass
    class LoadFailed(Message):
        """A load could not read or check the database."""

        error: BaseException
        generation: int

    def __init__(self, store: Store, cache: Path | None = None, look: Look = UNICODE) -> None:
        super().__init__(look)
        moves.cache()  # a frame's cursor moves made once for each place
        self.store = store
        self.cache = cache
        self.index: Index | None = None
        self.corpus: Corpus | None = None
        self.pending = None
        self._pending_from = None
        self.loads: Loads[Index] = Loads(  # each load's messages carry its number
            store,
            cache,
            on_search=lambda index, n: self.post_message(self.SearchReady(index, n)),
            on_progress=lambda what, n: self.post_message(self.LoadProgress(what, n)),
            on_corpus=lambda corpus, n: self.post_message(self.CorpusReady(corpus, n)),
            on_failed=lambda error, n: self.post_message(self.LoadFailed(error, n)),
        )
        self._rebuild_after_load = False
        self.fatal: str | None = None  # why the database could not be opened at all
        self.reopen: tuple[str, str] | None = None
        self.history = History(self)
        self.settings = Settings(self)
        self.yours = Yours(self, store, self.history)

    def on_app_blur(self, event: AppBlur) -> None:
        """Keep the focus when the terminal says it lost it. Textual drops it (and the
        footer's keys) until the terminal says it is back, and over SSH and in tmux that
        report often never comes, or comes before the first screen: the keys then did
        nothing."""
        event.prevent_default()

    def get_driver_class(self) -> type[Driver]:
        """Textual's own driver, on Linux one that never waits on a terminal that has gone
        (see hangup.Driver); a driver named in TEXTUAL_DRIVER (the browser's) as it is."""
        driver = super().get_driver_class()
        return hangup.Driver if driver is LinuxDriver else driver

    def on_mount(self) -> None:
        # The load thread runs Python for seconds on a large database; switching threads
        # every millisecond instead of every five keeps frames and keys flowing.
        sys.setswitchinterval(SWITCH_SECONDS)
        # Paint first, footer included (it fills in a frame after the rest): loading holds
        # the GIL, and would hold those frames back.
        self.call_after_refresh(self.call_after_refresh, self.load)
        self.settings.start()
        self.yours.start()
        self.set_interval(self.WATCH_SECONDS, self._watch_file)
        self.set_interval(IDLE_SECONDS / 8, self._check_idle)
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            hangup.watch_input(self.hang_up, loop)
            hangup.on_signals(self.hang_up, loop)

    def on_ready(self) -> None:
        """The first frame is out: the collector, off while `quadrant` started (see cli.main),
        is on again; or, when a load is already under way, once it ends (loading.load keeps it
        off while it builds millions of objects, and turns it on at its end)."""
        collector.tune()
        if not any(thread.is_alive() for thread in self.loads.threads):
            gc.enable()

    def hang_up(self) -> None:
        """The terminal is gone: let a write under way finish, then exit. (Should this not
        come to pass, hangup.DEPARTURE ends the process anyway.)"""
        hangup.finish_and_exit(self, WRITERS)

    def load(self) -> None:
        """Read the database and build the search index, away from the UI thread: results show
        as soon as search is ready, items open once everything is read (see threads.py and
        loading.py). Names show first only on the first load."""
        # loading.py is imported in the load's thread, where its 50 ms keep no key waiting
        self.loads.start(lambda: import_module("tui.search.loading").load, self.index is None)

    def _check_idle(self) -> None:
        # Not before the first results are on screen: their arrival starts the countdown.
        if self.index is None:
            return
        if time.monotonic() - self.loads.last_typed >= RECOUNT_AFTER:
            self.main_screen.recount()
        if self.loads.check_idle():
            collector.sweep()  # a pause in the typing: the collector's slow part, unseen
        elif time.monotonic() - self.loads.last_typed >= TIDY_AFTER:
            collector.tidy()  # the last key's frame is out: what it left, before the next

    def rebuild_index(self) -> None:
        """The search cache turned out damaged: delete it and build it again (once the load
        under way, if any, has finished: it would only confirm the damaged file)."""
        from tui.search import cachefile

        if self.cache is None:
            return
        if self.loads.loading:
            self._rebuild_after_load = True
            return
        cachefile.forget(self.cache)
        self.notify("The search index was damaged; rebuilding it", severity="warning")
        self.load()

    def reload(self, reopen: tuple[str, str] | None = None) -> None:
        """Load the database again (after a write), then open `reopen` if given."""
        self.reopen = reopen
        self.history.clear()  # pages kept for forward show the data before the write
        self.load()

    def _watch_file(self) -> None:
        """Another process (an import, a colleague) changed the file: show the new data.
        Likewise the user's own files (another Quadrant of theirs, the command line)."""
        self.yours.check()
        if self.corpus is not None and self.store.path and self.store.path.exists():
            if self.store.mtime_ns() != self.loads.seen_mtime and not self.loads.loading:
                self.load()

    def on_quadrant_app_load_progress(self, message: LoadProgress) -> None:
        if message.generation == self.loads.generation:
            self.main_screen.show_progress(message.what)

    def on_quadrant_app_search_ready(self, message: SearchReady) -> None:
        if message.generation != self.loads.generation:
            return  # a superseded load
        self.index = message.index
        self.main_screen.set_index(message.index)
        self.loads.typed()  # the results are new: give the user a moment to start typing
        if not message.index.indexing:  # once they are on screen, the first key's searches
            warm_up = partial(message.index.warm_up, self.main_screen.page())
            self.call_after_refresh(self.run_worker, warm_up, thread=True)

    def on_quadrant_app_corpus_ready(self, message: CorpusReady) -> None:
        if message.generation != self.loads.generation:
            return
        self.loads.loading = False
        self.corpus = message.corpus
        self.main_screen.set_corpus(message.corpus)
        if self._rebuild_after_load:
            self._rebuild_after_load = False
            self.rebuild_index()
        if self.reopen is not None:
            kind, item_id = self.reopen
            self.reopen = None
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.open_item(kind, item_id)
        elif self.pending is not None:
            if self._pending_from == (self.screen, self.main_screen.query_text):
                self.open_item(*self.pending)
            else:  # the user has moved on since: opening it now would only surprise them
                self.pending = None

    def on_quadrant_app_load_failed(self, message: LoadFailed) -> None:
        if message.generation != self.loads.generation:
            return  # a superseded load failed: the latest one decides
        self.loads.loading = False
        error = message.error
        reason = str(error) if isinstance(error, StoreError) else repr(error)
        if self.corpus is None:
            self.fatal = reason  # nothing to show: leave, and let the command say why
            self.exit(return_code=2)
        else:
            self.notify(reason, title="Could not load the database", severity="error", timeout=30)

    def on_worker_state_changed(self, event) -> None:
        """Errors of any worker are shown, never swallowed."""
        error = event.worker.error
        if error is not None:
            reason = str(error) if isinstance(error, StoreError) else repr(error)
            self.notify(reason, title="Failed", severity="error", timeout=30)
