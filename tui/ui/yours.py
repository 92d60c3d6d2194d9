"""The user's own layer as the app holds it (tui/storage/personal.py): notes, tags and
bookmarks on items, saved searches and the search history.

It is opened in a worker at start (finding the database's identity may read its file), read on
the UI thread (what was last read is in memory), and written in workers, a toast saying what was
done or why not. It works on a read-only database: nothing of it is in the database. Until it is
open, or when it cannot be (a damaged file is set aside and named), the app works without it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

if TYPE_CHECKING:  # imported when first used: not before the first frame
    from tui.search.query import Also, Query
    from tui.storage.personal import Personal
    from tui.storage.store import Store
    from tui.ui.history import History

HISTORY_SHOWN = 200


class Yours:
    """The app's side of the user's own layer; `personal` is None until it is open."""

    def __init__(self, app: App, store: Store, history: History) -> None:
        self.app = app
        self.store = store
        self.navigation = history  # the screens kept for forward, which show it too
        self.personal: Personal | None = None
        self.problem: str | None = None  # why it could not be opened
        self._seen: int | None = None  # the file's modification time when last read or written

    def start(self) -> None:
        self.app.run_worker(self._open, thread=True, group="personal", exit_on_error=False)

    def _open(self) -> None:
        from tui.storage.personal import Personal, PersonalError, identity_of

        try:
            personal = Personal.open(identity_of(self.store))
        except (PersonalError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
        else:
            self.app.call_from_thread(self._opened, personal)

    def _opened(self, personal: Personal) -> None:
        self.personal = personal
        self._seen = _mtime(personal)
        self._changed()

    def check(self) -> None:
        """Read the file again if someone else wrote it since (another Quadrant of the same
        user, or `quadrant note` on the command line): called every few seconds."""
        if self.personal is not None:
            self.app.run_worker(
                partial(self._check, self.personal),
                thread=True,
                group="personal-check",
                exclusive=True,
                exit_on_error=False,
            )

    def _check(self, personal: Personal) -> None:
        from tui.storage.personal import PersonalError

        seen = _mtime(personal)
        if seen == self._seen:
            return
        try:
            personal.reload()
        except (PersonalError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self._seen = seen
        self.app.call_from_thread(self._changed)

    def _changed(self) -> None:
        """Every screen kept, on the stack or for forward, shows the user's layer again."""
        for screen in (*self.app.screen_stack, *self.navigation.forward):
            screen.post_message(YoursChanged())

    def _failed(self, problem: str) -> None:
        self.problem = problem
        self.app.notify(problem, title="Your notes are unavailable", severity="warning", timeout=15)

    # -- reading (from memory) -----------------------------------------------------------------

    def note(self, key: str) -> str:
        return self.personal.note(key) if self.personal else ""

    def tags(self, key: str) -> tuple[str, ...]:
        return self.personal.tags(key) if self.personal else ()

    def is_bookmarked(self, key: str) -> bool:
        return self.personal.is_bookmarked(key) if self.personal else False

    def bookmarks(self) -> list[str]:
        return self.personal.bookmarks() if self.personal else []

    def bookmarked(self) -> dict[str, frozenset[str]]:
        """The ids of the bookmarked items, by kind ("article", "entity", "agreement")."""
        ids: dict[str, set[str]] = {}
        for key in self.bookmarks():
            kind, _, item_id = key.partition(":")
            ids.setdefault(kind, set()).add(item_id)
        return {kind: frozenset(found) for kind, found in ids.items()}

    def saved(self) -> dict[str, str]:
        return self.personal.saved() if self.personal else {}

    def history(self) -> list[str]:
        return self.personal.history()[:HISTORY_SHOWN] if self.personal else []

    # -- searching -----------------------------------------------------------------------------

    def query(self, text: str) -> tuple[Query, Also | None]:
        """The query `text` asks for: `@name` (and words after it) stands for a saved search,
        which the hint under the search bar spells out; `tag:` and `note:` also find the
        user's own tags and notes."""
        from tui.search.query import overlay, parse

        expanded, hint = self.expand(text)
        query = parse(expanded)
        if hint:
            query = replace(query, hints=(hint, *query.hints))
        if self.personal is None or not (query.tags or query.notes):
            return query, None
        return query, overlay(query, self.personal.tagged, self.personal.noted)

    def expand(self, text: str) -> tuple[str, str]:
        """`@name rest` as the saved search's query and `rest`, with a hint saying so."""
        stripped = text.strip()
        if not stripped.startswith("@") or len(stripped) < 2:
            return text, ""
        name, _, rest = stripped[1:].partition(" ")
        saved = self.saved()
        if name not in saved:
            known = ", ".join(f"@{n}" for n in saved) or "none yet"
            return text, f"no saved search @{name} (yours: {known})"
        return f"{saved[name]} {rest}".strip(), f"@{name} = {saved[name]}"

    # -- writing (in a worker) -------------------------------------------------------------------

    def write(self, change: Callable[[Personal], str]) -> None:
        """Apply `change` to the user's file in a worker; then say what it returns (what was
        done; "" says nothing) or why it failed, and have the screens show the change."""
        if self.personal is None:
            why = self.problem or "still being read: try again in a moment"
            self.app.notify(f"Your notes are unavailable: {why}", severity="warning")
            return
        self.app.run_worker(
            partial(self._write, self.personal, change),
            thread=True,
            group="personal",
            exit_on_error=False,
        )

    def _write(self, personal: Personal, change: Callable[[Personal], str]) -> None:
        from tui.storage.personal import PersonalError

        try:
            done = change(personal)
            self._seen = _mtime(personal)  # this write is not someone else's
        except (PersonalError, OSError) as error:
            self.app.call_from_thread(
                self.app.notify, str(error), title="Not saved", severity="error", timeout=15
            )
            return
        self.app.call_from_thread(self._written, done)

    def _written(self, done: str) -> None:
        if done:
            self.app.notify(done, timeout=4)
        self._changed()

    def remember(self, text: str) -> None:
        """Put a query at the top of the history (said only if it fails)."""
        personal = self.personal
        if personal is None or not text.strip():
            return
        history = personal.history()
        if not history or history[0] != text.strip():
            self.write(partial(_remember, text=text))


class YoursChanged(Message):
    """The user's own layer was opened or written: show it again."""


def _mtime(personal: Personal) -> int | None:
    try:
        return personal.path.stat().st_mtime_ns
    except OSError:
        return None


def _remember(personal: Personal, text: str) -> str:
    personal.remember(text)
    return ""
