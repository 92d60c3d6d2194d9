"""The next key's answer, worked out ahead of it.

Once a query typed in the search bar is answered and its frame is out, while the user reads
it, the queries the next key most likely makes of it are answered too: its text with each of
the characters that most often follow its last word in the articles' words (`Index.next_keys`;
a space after a whole word), one search at a time, kept by the index for that key
(`Index.search_ahead`). A word typed a letter at a time is then answered before each letter
comes, unless the letter is not among the guesses, and is searched as before.

What it costs, and who waits for it:
- The guesses' searches, on the UI thread, in the pause after a key: up to four, about 1 ms in
  all at 10k articles. A guess after the first is not begun when the last one searched says it
  would take the query's guesses past BUDGET (so they pass it by one search at most): at 100k
  articles, where one takes 1 to 4 ms (7 the first time), one or two are made.
- They begin AFTER a key (20 to 40 ms, once its frame is out), each key begins that wait again
  (typing faster than that guesses nothing), and a key typed while they run ends them: it
  waits for the one search under way at most. Nothing is guessed while the focus is elsewhere
  (a key there is no query's).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.ui import collector
from tui.ui.host import host

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.search.index import Index

    # The index while the search bar has the focus (else None), its query, its page size.
    Typing = Callable[[], tuple[Index | None, str, int]]

AFTER = 0.02  # s, one to two, after a query is answered: its frame is out (3 to 5 ms)
YIELD = 0.001  # s between guesses: a key typed meanwhile reaches the search bar (0.3 ms)
BUDGET = 0.004  # s of guessing a query: the next guess is not begun if it would pass it


class Ahead:
    """A screen's guesses at its search bar's next key: `typed` after each query typed is
    shown."""

    def __init__(self, screen: Screen, typing: Typing) -> None:
        self._screen = screen
        self._typing = typing
        self._timer = screen.set_interval(AFTER, self._guess, pause=True)

    def typed(self) -> None:
        """A query typed is on its way to the screen: guess at the next key once it is out."""
        self._timer.reset()

    async def _guess(self) -> None:
        self._timer.pause()  # once a query
        index, text, limit = self._typing()
        if index is None:
            return
        yours = host(self._screen).yours
        started = time.perf_counter()
        keys = index.next_keys(*yours.query(text), limit)
        # What the next guess may cost: what the last one searched did (one answered already
        # costs nothing, and says nothing). The first is begun whatever it costs.
        spent, last = time.perf_counter() - started, 0.0
        for key in keys:
            if index.damaged or spent + last > BUDGET:
                break
            await asyncio.sleep(YIELD)  # a key typed meanwhile is read first
            if self._typing()[:2] != (index, text):
                return  # a key came (or another index): its own guesses follow
            started = time.perf_counter()
            if index.search_ahead(*yours.query(text + _as_typed(key, text)), limit):
                last = time.perf_counter() - started
            spent += time.perf_counter() - started
        if index.damaged:
            host(self._screen).rebuild_index()
            return
        await asyncio.sleep(YIELD)
        if self._typing()[:2] == (index, text):  # no key waits
            collector.tidy()  # what the guesses left, before the next key (see collector.py)


def _as_typed(key: str, text: str) -> str:
    """`key` in the case of the last character typed (an acronym typed in capitals)."""
    return key.upper() if text[-1:].isupper() else key
