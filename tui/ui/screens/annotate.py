"""Annotating an item from a page, the reader or a pane: the user's own note (`w`), tags (`#`)
and bookmark (`b`), kept in their own files (ui/yours.py); and, where the database may be
written, the database's own note and tags, which everyone sees (`S`). Saving and forgetting a
search by name, from the palette, too.

Every change is written in a worker; a toast says what was done or why not.
"""

from __future__ import annotations

import re
from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label

from tui.core.corpus import Item
from tui.storage.personal import Personal
from tui.ui.host import host
from tui.ui.screens.ask import AskText
from tui.ui.screens.note import NoteEditor
from tui.ui.text import assemble, plain

TAGS_HINT = "tags to add, -tag to remove, separated by spaces or commas"
_TAG_SPLIT = re.compile(r"[\s,]+")


def key_of(kind: str, item_id: str) -> str:
    """The key of an item in the user's own files."""
    return f"{kind}:{item_id}"


def parse_tags(text: str) -> tuple[list[str], list[str]]:
    """Tags to add and to remove, from `to-read, -old logistics` (a leading + adds too)."""
    words = [w for w in _TAG_SPLIT.split(text.strip()) if w.strip("+-")]
    add = [w.lstrip("+") for w in words if not w.startswith("-")]
    return add, [w[1:] for w in words if w.startswith("-")]


def edit_note(screen: Screen, key: str, label: str) -> None:
    """`w`: the user's own note on an item, in the note editor."""
    yours = host(screen).yours
    prompt = assemble("Your note on ", plain(label, "bold"), ("  (only you see it)", "dim"))

    def save(personal: Personal, text: str) -> str:
        personal.set_note(key, text)
        return f"Your note on {label} saved" if text.strip() else f"Your note on {label} removed"

    screen.app.push_screen(
        NoteEditor(prompt, yours.note(key)),
        lambda text: yours.write(partial(save, text=text)) if text is not None else None,
    )


def edit_tags(screen: Screen, key: str, label: str) -> None:
    """`#`: add and remove the user's own tags on an item."""
    yours = host(screen).yours
    now = ", ".join(yours.tags(key)) or "none yet"
    prompt = assemble(
        "Your tags on ", plain(label, "bold"), plain(f" (now: {now})"), (f"\n{TAGS_HINT}", "dim")
    )

    def save(personal: Personal, text: str) -> str:
        add, remove = parse_tags(text)
        personal.add_tags(key, add)
        personal.remove_tags(key, remove)
        return f"Your tags on {label}: {', '.join(personal.tags(key)) or 'none'}"

    screen.app.push_screen(
        AskText(prompt), lambda text: yours.write(partial(save, text=text)) if text else None
    )


def toggle_bookmark(screen: Screen, key: str, label: str) -> None:
    """`b`: bookmark the item, or remove its bookmark."""
    yours = host(screen).yours
    on = not yours.is_bookmarked(key)

    def save(personal: Personal) -> str:
        personal.set_bookmark(key, on)
        return f"Bookmarked: {label}" if on else f"Bookmark removed: {label}"

    yours.write(save)


def save_search(screen: Screen, query: str) -> None:
    """Ask for a name, then keep `query` under it: `@name` in the search bar runs it."""
    yours = host(screen).yours
    prompt = assemble(
        "Save the search ",
        plain(query, "bold"),
        " as (letters, digits, - and _; @name in the search bar runs it):",
    )

    def save(personal: Personal, name: str) -> str:
        personal.save_search(name, query)
        return f"Saved @{name}: {query}"

    screen.app.push_screen(
        AskText(prompt), lambda name: yours.write(partial(save, name=name)) if name else None
    )


def forget_search(screen: Screen, name: str) -> None:
    def forget(personal: Personal) -> str:
        personal.forget_search(name)
        return f"Forgot @{name}"

    host(screen).yours.write(forget)


def edit_shared(screen: Screen, kind: str, item: Item) -> None:
    """`S`: the database's own note or tags on the item (a menu of the two), for everyone."""
    screen.app.push_screen(
        SharedMenu(item.label), lambda what: _shared(screen, kind, item, what) if what else None
    )


def _shared(screen: Screen, kind: str, item: Item, what: str) -> None:
    label = plain(item.label, "bold")
    if what == "note":
        prompt = assemble("The database's note on ", label, ("  (everyone sees it)", "dim"))
        screen.app.push_screen(
            NoteEditor(prompt, item.notes),
            lambda text: _write_shared(screen, kind, item, note=text) if text is not None else None,
        )
    else:
        now = ", ".join(item.tags) or "none yet"
        prompt = assemble(
            "The database's tags on ", label, plain(f" (now: {now})"), (f"\n{TAGS_HINT}", "dim")
        )
        screen.app.push_screen(
            AskText(prompt),
            lambda text: _write_shared(screen, kind, item, tags=text) if text else None,
        )


def _write_shared(
    screen: Screen, kind: str, item: Item, note: str | None = None, tags: str | None = None
) -> None:
    """Write to the database in a worker (its errors reach the app's error display), then
    load it again and reopen the item, as the review keys do."""
    app = host(screen)

    def write() -> None:
        from tui.knowledge import annotate

        if note is not None:
            annotate.set_note(app.store, kind, item.id, note)
            done = f"The database's note on {item.label} saved"
        else:
            add, remove = parse_tags(tags or "")
            kept = annotate.change_tags(app.store, kind, item.id, add, remove)
            done = f"The database's tags on {item.label}: {', '.join(kept) or 'none'}"
        screen.app.call_from_thread(_written, screen, done, (kind, item.id))

    screen.app.run_worker(write, thread=True, group="write", exclusive=True, exit_on_error=False)


def _written(screen: Screen, done: str, reopen: tuple[str, str]) -> None:
    screen.app.notify(done, timeout=4)
    host(screen).reload(reopen)


class SharedMenu(ModalScreen[str | None]):
    """Which of the database's own to edit: `w` its note, `#` its tags; `esc` neither."""

    BINDINGS = [
        Binding("w", "pick('note')", "Note"),
        Binding("number_sign", "pick('tags')", "Tags", key_display="#"),
        Binding("escape", "pick('')", "Cancel"),
    ]

    def __init__(self, label: str) -> None:
        super().__init__(classes="ask")
        self.label = label

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body"):
            yield Label(
                assemble(
                    "The database's own, on ",
                    plain(self.label, "bold"),
                    ", which everyone who opens it sees:\n",
                    ("  w", "bold"),
                    "  its note\n",
                    ("  #", "bold"),
                    "  its tags",
                )
            )

    def action_pick(self, what: str) -> None:
        self.dismiss(what or None)
