"""Answers kept for the search bar's keys (`Index.search` with `typing`): what a keystroke can
be given without a search.

Each is the answer to a query typed in the search bar's first page (`page`), with nothing of
the user's own to look up; the index decides which (`Index._keeps`). Three stores:
- first keys: a character typed alone, answered by `Index.warm_up` on its thread (every letter
  and digit) or once typed, for as long as the index lasts;
- recent: the last RECENT_KEPT queries typed, so that a backspace back to one is not searched
  again;
- ahead: the answers to the next key's guesses (`Index.search_ahead`, ui/ahead.py), until the
  next query is typed, guessed or not.

Each answer is kept with the generation of the articles' index that made it: a cold start's
quick first index, replaced by the complete one (`ArticleIndex.take`), counts a word being
typed otherwise, and its answers are not given once it is gone. Only the UI thread reads
anything here or changes recent and ahead; `warm_up`'s thread only sets `page`, before it keeps
anything, and adds first keys (`first`), each a single dict assignment.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from tui.search.query import Query

Answer = TypeVar("Answer")  # what a search answers (index.py's Results)

FIRST_KEPT = 512  # answers to a character typed alone, at most (one a character)
RECENT_KEPT = 16  # answers to the last queries typed, kept for a backspace back to them


class Kept(Generic[Answer]):
    """The answers kept for the search bar; see the module. Each with the generation of the
    articles' index that made it."""

    def __init__(self) -> None:
        self.page: int | None = None  # the search bar's first page: answers at this size only
        self._first: dict[Query, tuple[int, Answer]] = {}
        self._recent: dict[Query, tuple[int, Answer]] = {}  # the oldest first
        self._ahead: dict[Query, tuple[int, Answer]] = {}

    def typed(self, query: Query, generation: int) -> Answer | None:
        """The answer kept for `query`, typed now, made by the index of `generation`; None if
        there is none. The guesses made after the query before go (`ahead`)."""
        ahead, self._ahead = self._ahead, {}
        if _first_key(query):
            return _made_by(generation, self._first.get(query))
        return _made_by(generation, self._recent.pop(query, None), ahead.get(query))

    def keep(self, query: Query, generation: int, answer: Answer) -> None:
        """Keep the answer to `query`, typed now: the newest of the recent ones."""
        if not _first_key(query):
            self._recent[query] = (generation, answer)
            if len(self._recent) > RECENT_KEPT:
                del self._recent[next(iter(self._recent))]
            return
        if len(self._first) >= FIRST_KEPT and query not in self._first:
            self._first.clear()
        self.first(query, generation, answer)

    def first(self, query: Query, generation: int, answer: Answer) -> None:
        """Keep the answer to a character typed alone (`warm_up`'s thread too)."""
        self._first[query] = (generation, answer)

    def guessed(self, query: Query, generation: int, answer: Answer) -> None:
        """Keep the answer to one of the next key's guesses, until the next query typed."""
        self._ahead[query] = (generation, answer)

    def knows(self, query: Query, generation: int) -> bool:
        """An answer to `query` by the index of `generation` is kept."""
        stores = (self._ahead, self._recent, self._first)
        return _made_by(generation, *(store.get(query) for store in stores)) is not None


def _first_key(query: Query) -> bool:
    return len(query.text.strip()) == 1


def _made_by(generation: int, *found: tuple[int, Answer] | None) -> Answer | None:
    """The first of the answers `found` that the index of `generation` made."""
    return next((answer for made, answer in filter(None, found) if made == generation), None)
