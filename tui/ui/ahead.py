"""The next key's answer, worked out ahead of it.

Once a query typed in the search bar is answered and its frame is out, while the user reads
it, the queries the next key most likely makes of it are answered too: its text with each of
the letters that most often follow its last word in the articles' words (`Index.next_keys`),
one search at a time, kept by the index for that key (`Index.search_ahead`). A word typed
letter by letter is then answered before each letter comes, unless the letter is not among
the guesses; a letter typed is searched as before when it is not.

The cost is the guesses' searches, in the pause after a key: up to four, 0.6 to 4 ms in all
at 10k articles, and no more than BUDGET (past it, the next guess is dropped; at 100k articles,
"quad su" would take 18 ms for four). They wait until a key's frame is out (AFTER), each key
starts that wait again (typing faster than that guesses nothing), and a key typed while they
run ends them: it waits for the one search under way at most.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.ui.host import host

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.search.index import Index

    Typed = Callable[[], tuple[Index | None, str, int]]  # the index, the query, the page size

AFTER = 0.02  # s (one to two) after a query is answered: its frame is out (3 to 5 ms)
YIELD = 0.001  # s between guesses: a key typed meanwhile reaches the search bar (0.3 ms)
BUDGET = 0.004  # s of guesses' searches a query, at most (and the one that passes it)


class Ahead:
    """A screen's guesses at the search bar's next key: `typed` after each query typed is
    shown."""

    def __init__(self, screen: Screen, typed: Typed) -> None:
        self._screen = screen
        self._typed = typed  # what the search bar's query is, and how it is answered
        self._timer = screen.set_interval(AFTER, self._guess, pause=True)

    def typed(self) -> None:
        """A query typed is on its way to the screen: guess at the next key once it is out."""
        self._timer.reset()

    async def _guess(self) -> None:
        self._timer.pause()  # once a query
        index, text, limit = self._typed()
        if index is None or self._screen.app.screen is not self._screen:
            return
        yours = host(self._screen).yours
        spent = 0.0
        for key in index.next_keys(*yours.query(text)):
            await asyncio.sleep(YIELD)  # a key typed meanwhile is read first
            if self._typed()[:2] != (index, text) or spent >= BUDGET:
                return  # a key came (or another index): its own guesses follow
            started = time.perf_counter()
            query, also = yours.query(text + key)
            index.search_ahead(query, limit, also)
            spent += time.perf_counter() - started
