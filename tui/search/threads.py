"""The app's loads of its database, one daemon thread each (`loading.py` says what a load does).

A load runs in a thread of its own rather than a Textual worker: quitting must not wait for a
minute-long check of a large database to end (nothing is written by it but the search cache,
which is built under a temporary name). Loads are numbered: a load started while another runs
supersedes it, and the older one's results, which carry its number, are ignored. After a warm
start the file is read once typing has paused (`idle`), since the read shares the interpreter
with the keys (1.5 s of it at 10k articles, 20 s at 100k).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.core.corpus import Corpus
    from tui.search.index import Index
    from tui.storage.store import Store

IDLE_SECONDS = 0.8  # no change to the query for this long: a waiting load may read the file


class _Superseded(Exception):
    """A load found a newer one started while it waited: it stops without a word."""


class Loads:
    """Starts loads and keeps their numbers. The callbacks run in the load's thread, with the
    load's number: the app posts them to itself as messages."""

    def __init__(
        self,
        store: Store,
        cache: Path | None,
        *,
        on_search: Callable[[Index, int], Any],
        on_progress: Callable[[str, int], Any],
        on_corpus: Callable[[Corpus, int], Any],
        on_failed: Callable[[BaseException, int], Any],
    ) -> None:
        self.store = store
        self.cache = cache
        self._on_search, self._on_progress = on_search, on_progress
        self._on_corpus, self._on_failed = on_corpus, on_failed
        self.generation = 0  # of the latest load
        self.loading = False  # the latest load has not finished (the app says when it has)
        self.current: threading.Thread | None = None  # the thread of the latest load
        self.threads: list[threading.Thread] = []  # every load thread still running
        self.idle = threading.Event()  # no typing for IDLE_SECONDS, or an item is wanted
        self.last_typed = 0.0  # time.monotonic() of the last change to the query
        self.seen_mtime = 0  # the file's mtime when it was last read (or tried)

    def start(self, names_first: bool) -> None:
        """A new load, superseding any under way. With `names_first` (the first load), a cold
        start shows the names as soon as they answer; a reload keeps the results on screen
        until the new index is whole, rather than blank the articles pane."""
        self.generation += 1
        self.loading = True
        self.idle.clear()  # a warm reload, too, reads the file at the next pause in typing
        self.current = threading.Thread(
            target=self._run,
            args=(self.generation, names_first),
            name=f"load {self.generation}",
            daemon=True,
        )
        self.threads = [t for t in self.threads if t.is_alive()] + [self.current]
        self.current.start()

    def typed(self) -> None:
        """The query changed: a load waiting for a quiet moment waits a little longer."""
        self.last_typed = time.monotonic()
        self.idle.clear()

    def check_idle(self) -> None:
        """Called now and then once results are on screen: let a waiting load go after a pause."""
        if time.monotonic() - self.last_typed >= IDLE_SECONDS:
            self.idle.set()

    def _run(self, generation: int, names_first: bool) -> None:
        try:
            from tui.search.loading import load
            from tui.storage.paths import cache_key

            store = self.store
            self.seen_mtime = store.mtime_ns()  # before reading: a write meanwhile reloads
            key = cache_key(store.path) if self.cache and store.path else ""
            ready = partial(self._report_search, generation)
            load(
                store,
                self.cache,
                key,
                ready,
                partial(self._wait_idle, generation),
                partial(self._report_progress, generation),
                on_names=ready if names_first else lambda index: None,
                on_corpus=partial(self._report_corpus, generation),
            )
        except _Superseded:
            pass  # a newer load took over while this one waited
        except Exception as error:  # the app shows it: never swallowed
            self._on_failed(error, generation)

    def _report_search(self, generation: int, index: Index) -> None:
        self._on_search(index, generation)

    def _report_corpus(self, generation: int, corpus: Corpus) -> None:
        self._on_corpus(corpus, generation)

    def _report_progress(self, generation: int, what: str) -> None:
        self._on_progress(what, generation)

    def _wait_idle(self, generation: int) -> None:
        """In a load thread: wait for a pause in typing; give up if a newer load started."""
        self.idle.wait()
        if generation != self.generation:
            raise _Superseded
