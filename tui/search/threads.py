"""The threads Quadrant runs its own work on, beside Textual's workers, and why each is not one.

Two kinds, both daemon threads, both started only here:

- `Loads`: the app's loads of its database, one thread each (`loading.load` says what a load
  does). Not a Textual worker: a thread worker runs in the event loop's executor, whose threads
  the exit waits for, and a load can take a minute (the check of a 100k-article database), which
  quitting must not wait for. Letting it die with the process loses nothing, since a load
  writes nothing but the search cache, and that under a temporary name (below). Loads are
  numbered: a load started while another runs supersedes it, and the older one's results, which
  carry its number, are ignored. After a warm start the file is read once typing has paused
  (`idle`), since the read shares the interpreter with the keys (1.5 s of it at 10k articles,
  20 s at 100k).
- `SqlThread`: SQL statements on one connection, the FTS5 index builds of `cachefile.Build`.
  FTS5's `rebuild` runs in C from start to end without the GIL, so on a thread of its own it
  takes the second core while the load's thread parses and checks the file (seconds at 10k
  articles). Builds run in the `search` and `import` commands too, where there is no app to own
  a worker. A build can be cancelled (the file failed its check, the process is ending): it is
  stopped between two statements, and interrupted in one (SQLite drops an interrupt that comes
  between statements), and its temporary file removed. `cancel_all` does that to every build
  under way when the process ends, by the app, the hang-up handler and the commands: a daemon
  thread killed with the process would leave its temporary file behind.

The other threads are the hang-up handler's (`tui/ui/hangup.py`), which only watch the terminal
and end the process. The app imports this module before its first frame, so it imports nothing
else at load time: the app hands `Loads` a function that gives the load function (`loading.py`
imports the cache file, which imports this module), and `sqlite3` is named for the type checker
only.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import sqlite3

    from tui.core.corpus import Corpus
    from tui.storage.store import Store

IDLE_SECONDS = 0.8  # no change to the query for this long: a waiting load may read the file
# The search index a load hands over (`tui.search.index.Index`, which cannot be named here:
# it imports this module, through the cache file).
IndexT = TypeVar("IndexT")


class _Superseded(Exception):
    """A load found a newer one started while it waited: it stops without a word."""


class Loads(Generic[IndexT]):
    """Starts loads and keeps their numbers. The callbacks run in the load's thread, with the
    load's number: the app posts them to itself as messages."""

    def __init__(
        self,
        store: Store,
        cache: Path | None,
        *,
        on_search: Callable[[IndexT, int], Any],
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

    def start(self, loader: Callable[[], Callable[..., object]], names_first: bool) -> None:
        """A new load, superseding any under way, by the function `loader` gives
        (`loading.load`), which it is asked for in the load's thread: importing it the first
        time is work the UI thread need not wait for. With `names_first` (the first load), a
        cold start shows the names as soon as they answer; a reload keeps the results on
        screen until the new index is whole, rather than blank the articles pane."""
        self.generation += 1
        self.loading = True
        self.idle.clear()  # a warm reload, too, reads the file at the next pause in typing
        self.current = threading.Thread(
            target=self._run,
            args=(loader, self.generation, names_first),
            name=f"load {self.generation}",
            daemon=True,
        )
        self.threads = [t for t in self.threads if t.is_alive()] + [self.current]
        self.current.start()

    def typed(self) -> None:
        """The query changed: a load waiting for a quiet moment waits a little longer."""
        self.last_typed = time.monotonic()
        self.idle.clear()

    def check_idle(self) -> bool:
        """Called now and then once results are on screen: let a waiting load go after a
        pause. True while the user pauses."""
        if time.monotonic() - self.last_typed >= IDLE_SECONDS:
            self.idle.set()
            return True
        return False

    def _run(
        self, loader: Callable[[], Callable[..., object]], generation: int, names_first: bool
    ) -> None:
        try:
            from tui.storage.paths import cache_key

            load = loader()
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

    def _report_search(self, generation: int, index: IndexT) -> None:
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


class SqlThread:
    """SQL run on one connection in a daemon thread of its own, to be waited for or cancelled.

    `steps` are calls on the connection, run in turn; `discard` throws away what they wrote
    (closes the connection, removes its file), and is called when the thread is cancelled or
    what it did fails. `finishing` and `cancel` may come from two threads: the first to come
    decides, and the other then does nothing.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        steps: Sequence[Callable[[], object]],
        discard: Callable[[], None],
        name: str = "search index",
    ) -> None:
        self._conn, self._discard = conn, discard
        self._error: BaseException | None = None
        self._ending = threading.Lock()  # `finishing` and `cancel`
        self._ended = False
        self._stop = threading.Event()  # `cancel` asks the thread to stop
        self._thread = threading.Thread(target=self._run, args=(steps,), name=name, daemon=True)
        self._thread.start()
        _UNDER_WAY.add(self)

    def _run(self, steps: Sequence[Callable[[], object]]) -> None:
        try:
            for step in steps:
                if self._stop.is_set():  # SQLite drops an interrupt between statements
                    return
                step()
        except BaseException as error:  # raised to the caller by `finishing`
            self._error = error

    @contextlib.contextmanager
    def finishing(self) -> Iterator[bool]:
        """Wait for the steps to end; then the caller's block has the connection, with
        `cancel` held off (closing the connection under it would crash), and True; False when
        the thread was cancelled first. What a step raised is raised here, and what the block
        raises goes on up, both after `discard`."""
        self._thread.join()
        with self._ending:
            _UNDER_WAY.discard(self)
            if self._ended:
                yield False
                return
            self._ended = True
            try:
                if self._error is not None:
                    raise self._error
                yield True
            except BaseException:
                self._discard()
                raise

    def cancel(self) -> None:
        """Stop the steps, wait for the thread and `discard` what it wrote; nothing is done
        once `finishing` has had the connection."""
        with self._ending:
            _UNDER_WAY.discard(self)
            if self._ended:
                return
            self._ended = True
            self._stop.set()
            self._conn.interrupt()
            self._thread.join()
            self._discard()


_UNDER_WAY: set[SqlThread] = set()  # SQL threads not yet finished or cancelled


def cancel_all() -> None:
    """Cancel every SQL thread under way: the process is ending, and a build's thread dies with
    it, which would leave the build's temporary file behind."""
    for thread in list(_UNDER_WAY):
        thread.cancel()
