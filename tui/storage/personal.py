"""One user's own layer over a database: notes, tags and bookmarks on items, saved searches and
the search history, and the user's settings.

They live in the user's own folders, never in the database, so they work on a database the user
cannot write and one analyst never sees another's: `<data>/personal/<identity>.json` (the data
folder is platformdirs' `user_data_path("quadrant")`, or `$QUADRANT_DATA_DIR`), made private to
the user (folder 0700, file 0600). The identity of a database is a stable id in its meta record
(`database_identity`). Every write re-reads the file under its lock and replaces it atomically, so
two instances of the app run by one user never lose each other's changes. A damaged file is set
aside (renamed `*.damaged-<time>`) and reported, never silently emptied.

Imports `tui.core` and `tui.storage` only; no Textual, no TinyDB.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.folding import fold, words_of
from tui.core.textsafe import strip_controls
from tui.storage import personalfile
from tui.storage.personalfile import Damaged, PersonalError
from tui.storage.settings import read_settings, settings_path, write_setting

if TYPE_CHECKING:
    from tui.storage.store import Store

__all__ = [
    "KINDS",
    "Personal",
    "PersonalError",
    "database_identity",
    "database_meta",
    "identity_of",
    "personal_folder",
    "read_settings",
    "settings_path",
    "write_setting",
]

APP = "quadrant"
KINDS = ("article", "entity", "agreement")
HISTORY_MAX = 200
_SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def database_identity(meta: Mapping[str, Any], path: Path | None) -> str:
    """The name under which a database's personal files are kept: its meta `id` (given by
    `quadrant init`), else a digest of when it was created and its title (neither changes on a
    write), else of its resolved path. Never writes the database."""
    ident = meta.get("id")
    if isinstance(ident, str) and ident:
        return ident if _SAFE_ID.match(ident) else _digest("id", ident)
    if meta.get("created") is not None:
        return _digest("created", str(meta["created"]), str(meta.get("title", "")))
    where = str(path.resolve()) if path is not None else "(memory)"
    return _digest("path", where)


def identity_of(store: Store) -> str:
    """The identity of an open database (`database_identity` of its meta record), read from
    the head of its file where Quadrant writes the meta record: the database is not read
    whole (and never written) for it."""
    return database_identity(database_meta(store), store.path)


# Quadrant writes the meta record first, and flat: {"meta": {"1": {"schema": 2, ...}}, ...}
_META_RECORD = re.compile(rb'\s*\{\s*"meta"\s*:\s*\{\s*"1"\s*:\s*(\{[^{}]*\})')
HEAD_BYTES = 64 * 1024


def database_meta(store: Store) -> dict[str, Any]:
    """The meta record of a database: from the head of its file when it is where Quadrant
    writes it, else from the whole document (StoreError if the file is not a database)."""
    import orjson

    from tui.core.document import check_meta

    if store.path is not None:
        try:
            with store.path.open("rb") as handle:
                found = _META_RECORD.match(handle.read(HEAD_BYTES))
            meta = orjson.loads(found[1]) if found else None
        except (OSError, orjson.JSONDecodeError):
            meta = None
        if isinstance(meta, dict) and isinstance(meta.get("schema"), int):
            return meta
    return check_meta(store.read(), store.name)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def personal_folder() -> Path:
    """Where personal files live: `$QUADRANT_DATA_DIR/personal`, else the user data folder's."""
    import platformdirs

    base = os.environ.get("QUADRANT_DATA_DIR")
    return (Path(base) if base else platformdirs.user_data_path(APP)) / "personal"


class Personal:
    """One user's own layer over one database: notes, tags and bookmarks on items (keys
    "kind:id", kind in article/entity/agreement), saved searches and the search history.

    Reads answer from what was last read (`reload` reads the file again); every write re-reads
    the file under its lock first. A damaged file raises PersonalError once, naming it and where
    it was set aside; the next open starts an empty file."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self._data = data

    @classmethod
    def open(cls, identity: str, folder: Path | None = None) -> Personal:
        """The personal layer of the database named `identity` (see `database_identity`). Reads
        the file if there is one; makes nothing until the first write."""
        if not _SAFE_ID.match(identity):
            raise PersonalError(f"{identity!r}: not a database identity")
        path = (folder if folder is not None else personal_folder()) / f"{identity}.json"
        personal = cls(path, personalfile.empty())
        personal.reload()
        return personal

    def reload(self) -> None:
        """Read the file again (another process of the same user may have written it)."""
        self._data = self._read()

    def _read(self) -> dict[str, Any]:
        """The file's content; a damaged file is set aside (under the lock, unless another
        process mended it meanwhile) and reported."""
        try:
            return personalfile.read(self.path)
        except Damaged:
            pass
        with personalfile.locked(self.path):
            try:
                return personalfile.read(self.path)
            except Damaged as damage:
                raise PersonalError(personalfile.set_aside(self.path, str(damage))) from None

    # -- notes, tags, bookmarks ---------------------------------------------------------------

    def note(self, key: str) -> str:
        return self._data["notes"].get(key, "")

    def set_note(self, key: str, text: str) -> None:
        """Set the note on an item; "" (or only spaces) clears it."""
        _check_key(key)
        text = strip_controls(text).strip()

        def change(data: dict[str, Any]) -> None:
            if text:
                data["notes"][key] = text
            else:
                data["notes"].pop(key, None)

        self._update(change)

    def tags(self, key: str) -> tuple[str, ...]:
        return tuple(self._data["tags"].get(key, ()))

    def add_tags(self, key: str, tags: Iterable[str]) -> None:
        """Add tags to an item (a tag it has, in any case, is not added again)."""
        _check_key(key)
        new = clean_tags(tags)

        def change(data: dict[str, Any]) -> None:
            have = data["tags"].setdefault(key, [])
            for tag in new:
                if fold(tag) not in {fold(t) for t in have}:
                    have.append(tag)

        self._update(change)

    def remove_tags(self, key: str, tags: Iterable[str]) -> None:
        """Remove tags from an item, in any case; tags it does not have are ignored."""
        _check_key(key)
        gone = {fold(tag) for tag in clean_tags(tags)}

        def change(data: dict[str, Any]) -> None:
            kept = [t for t in data["tags"].get(key, []) if fold(t) not in gone]
            if kept:
                data["tags"][key] = kept
            else:
                data["tags"].pop(key, None)

        self._update(change)

    def bookmarks(self) -> list[str]:
        """Bookmarked keys, the newest first."""
        return list(self._data["bookmarks"])

    def is_bookmarked(self, key: str) -> bool:
        return key in self._data["bookmarks"]

    def set_bookmark(self, key: str, on: bool) -> None:
        """Bookmark an item (it moves to the top) or remove its bookmark."""
        _check_key(key)

        def change(data: dict[str, Any]) -> None:
            rest = [k for k in data["bookmarks"] if k != key]
            data["bookmarks"] = [key, *rest] if on else rest

        self._update(change)

    def tagged(self, tag: str) -> set[str]:
        """Keys with this personal tag (case- and accent-insensitive)."""
        wanted = fold(tag)
        return {k for k, tags in self._data["tags"].items() if wanted in map(fold, tags)}

    def noted(self, words: str) -> set[str]:
        """Keys whose personal note has every word of `words` (folded, whole words)."""
        wanted = set(words_of(words))
        if not wanted:
            return set()
        return {k for k, text in self._data["notes"].items() if wanted <= set(words_of(text))}

    # -- saved searches and history -------------------------------------------------------------

    def saved(self) -> dict[str, str]:
        """Saved searches, name to query, by name."""
        return dict(sorted(self._data["saved"].items()))

    def save_search(self, name: str, query: str) -> None:
        """Save `query` under `name` (letters, digits, - and _), replacing one of that name."""
        if not _NAME.match(name):
            raise PersonalError(
                f"saved search name {name!r}: use letters, digits, - and _ only (e.g. quad-2020)"
            )
        query = strip_controls(query).strip()
        if not query:
            raise PersonalError(f"saved search {name}: the query is empty")
        self._update(lambda data: data["saved"].__setitem__(name, query))

    def forget_search(self, name: str) -> None:
        """Delete a saved search; an unknown name raises PersonalError."""

        def change(data: dict[str, Any]) -> None:
            if data["saved"].pop(name, None) is None:
                raise PersonalError(f"saved search {name!r}: no such saved search")

        self._update(change)

    def history(self) -> list[str]:
        """Queries searched, the newest first, at most HISTORY_MAX, each once."""
        return list(self._data["history"])

    def remember(self, query: str) -> None:
        """Put a query at the top of the history (once; blank queries are not kept)."""
        query = strip_controls(query).strip()
        if not query:
            return

        def change(data: dict[str, Any]) -> None:
            rest = [q for q in data["history"] if q != query]
            data["history"] = [query, *rest][:HISTORY_MAX]

        self._update(change)

    # -- the file -----------------------------------------------------------------------------

    def _update(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Read the file under its lock, apply `change`, write it back atomically."""
        with personalfile.locked(self.path):
            try:
                data = personalfile.read(self.path)
            except Damaged as damage:
                problem = personalfile.set_aside(self.path, str(damage))
                raise PersonalError(f"{problem}; nothing was written: try again") from None
            change(data)
            personalfile.write(self.path, data)
        self._data = data


def _check_key(key: str) -> None:
    kind, sep, ident = key.partition(":")
    if not (sep and kind in KINDS and ident.strip() and ident == strip_controls(ident)):
        raise PersonalError(
            f"{key!r}: not an item key (kind:id, the kind one of {', '.join(KINDS)})"
        )


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as kept: without control characters or surrounding spaces, one word each."""
    cleaned = []
    for tag in tags:
        tag = strip_controls(tag).strip()
        if not tag or any(c.isspace() for c in tag):
            raise PersonalError(f"tag {tag!r}: a tag is one word, with no spaces (e.g. to-read)")
        cleaned.append(tag)
    return cleaned
