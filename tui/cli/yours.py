"""The user's own layer as the command line reaches it: opened for a database, and shown beside
the database's own notes and tags by `show` (the "yours" of a record)."""

from __future__ import annotations

import sys
from typing import Any

from tui.cli.exits import CliError
from tui.core.corpus import Corpus
from tui.search.query import Also, Query, overlay
from tui.storage.personal import Personal, PersonalError, identity_of
from tui.storage.store import Store


def personal_of(store: Store) -> Personal:
    """The user's own layer over this database, or CliError naming the file and the problem."""
    try:
        return Personal.open(identity_of(store))
    except PersonalError as error:
        raise cli_error(error) from None


def cli_error(error: PersonalError) -> CliError:
    """A PersonalError as the command line ends with it: its message names the file or the
    value, then the problem."""
    where, _, problem = str(error).partition(": ")
    return CliError(where, problem) if problem else CliError("your notes", where)


def personal_or_none(store: Store) -> Personal | None:
    """The same, for a command that works without it: a problem is one line on stderr."""
    try:
        return Personal.open(identity_of(store))
    except PersonalError as error:
        print(f"quadrant: your notes are left out: {error}", file=sys.stderr)
        return None


def item_key(corpus: Corpus, store: Store, given: str) -> str:
    """The key ("kind:id") of the item an ID names: a bare id as `show` takes it, or kind:id
    (an id two kinds share). CliError when the database has no such item."""
    kind, sep, item_id = given.partition(":")
    if sep and kind in ("article", "entity", "agreement") and corpus.get(kind, item_id):
        return given
    found = corpus.find(given)
    if found is None:
        raise CliError(store.name, f"no article, entity or agreement has the id {given!r}")
    return f"{found[0]}:{given}"


def yours(personal: Personal | None, key: str) -> dict[str, Any]:
    """The user's own note, tags and bookmark on an item, for `show`."""
    if personal is None:
        return {"note": "", "tags": [], "bookmarked": False}
    return {
        "note": personal.note(key),
        "tags": list(personal.tags(key)),
        "bookmarked": personal.is_bookmarked(key),
    }


def yours_lines(mine: dict[str, Any]) -> list[str]:
    """The same as lines to read (not yet cleaned: the caller shows them)."""
    lines = ["bookmarked"] if mine["bookmarked"] else []
    if mine["tags"]:
        lines.append(f"tags: {', '.join(mine['tags'])}")
    if mine["note"]:
        lines.append(f"note: {mine['note']}")
    return lines


def saved_query(store: Store, text: str) -> str:
    """The query `text` stands for: a saved search's when it is `@name`, else itself."""
    if not text.startswith("@"):
        return text
    name = text[1:].strip()
    saved = personal_of(store).saved()
    if name not in saved:
        known = f"; yours: {', '.join('@' + n for n in saved)}" if saved else ""
        raise CliError(f"@{name}", f"no saved search of that name{known}")
    return saved[name]


def also_for(store: Store, query: Query) -> Also | None:
    """The user's own matches of the query's tag: and note: clauses (None when it has none)."""
    if not (query.tags or query.notes):
        return None
    personal = personal_or_none(store)
    return None if personal is None else overlay(query, personal.tagged, personal.noted)
