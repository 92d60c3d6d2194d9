"""The user's own notes, tags, bookmarks and saved searches on the command line:

    quadrant note ID [TEXT | -] [--clear] [--shared]    TEXT "-": read from standard input
    quadrant tag ID TAG... [--remove] [--shared]
    quadrant bookmark ID [--remove]
    quadrant bookmarks [--json]
    quadrant saved add NAME QUERY | saved list [--json] | saved rm NAME

They are the user's own (tui/storage/personal.py) and never write the database, so they work on
one opened `--read-only` or that the user cannot write. `--shared` edits the database's own
notes and tags instead, where the user may write it. An ID is checked against the database.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from tui.cli.exits import NO_RESULTS, OK, CliError
from tui.cli.yours import cli_error, item_key, personal_of
from tui.core.corpus import Corpus
from tui.core.textsafe import one_line
from tui.storage.personal import Personal, PersonalError, clean_tags
from tui.storage.store import Store, StoreError


def run(store: Store, args: argparse.Namespace) -> int:
    """The subcommand named in `args`."""
    handlers: dict[str, Callable[[Store, argparse.Namespace], int]] = {
        "note": note,
        "tag": tag,
        "bookmark": bookmark,
        "bookmarks": bookmarks,
        "saved": saved,
    }
    try:
        return handlers[args.command](store, args)
    except PersonalError as error:
        raise cli_error(error) from None


def note(store: Store, args: argparse.Namespace) -> int:
    """quadrant note ID [TEXT]: set, clear (--clear) or, with neither, print the note."""
    key = item_key(Corpus(store.load()), store, args.id)
    if args.clear and args.text is not None:
        raise CliError("note", "give the text or --clear, not both")
    if args.text is None and not args.clear:
        return _print_note(store, args, key)
    text = "" if args.clear else sys.stdin.read() if args.text == "-" else args.text
    if args.shared:
        from tui.knowledge import annotate

        kind, _, item_id = key.partition(":")
        text = annotate.set_note(_writable(store, args), kind, item_id, text)
    else:
        personal = personal_of(store)
        personal.set_note(key, text)
        text = personal.note(key)
    whose = "the database's" if args.shared else "your"
    print(f"{whose} note on {key} {'saved' if text else 'cleared'}")
    return OK


def _print_note(store: Store, args: argparse.Namespace, key: str) -> int:
    kind, _, item_id = key.partition(":")
    if args.shared:
        item = Corpus(store.load()).get(kind, item_id)
        text = item.notes if item is not None else ""
    else:
        text = personal_of(store).note(key)
    if text:
        print(one_line(text) if sys.stdout.isatty() else text)
    return OK if text else NO_RESULTS


def tag(store: Store, args: argparse.Namespace) -> int:
    """quadrant tag ID TAG...: add tags to an item, or remove them (--remove)."""
    key = item_key(Corpus(store.load()), store, args.id)
    tags = clean_tags(args.tags)
    add, remove = ((), tags) if args.remove else (tags, ())
    if args.shared:
        from tui.knowledge import annotate

        kind, _, item_id = key.partition(":")
        kept = annotate.change_tags(_writable(store, args), kind, item_id, add, remove)
    else:
        personal = personal_of(store)
        personal.remove_tags(key, remove) if args.remove else personal.add_tags(key, add)
        kept = personal.tags(key)
    whose = "the database's" if args.shared else "your"
    print(one_line(f"{whose} tags on {key}: {', '.join(kept) or 'none'}"))
    return OK


def _writable(store: Store, args: argparse.Namespace) -> Store:
    """The database opened for a --shared edit, or CliError saying why it cannot be."""
    where = store.path
    if args.read_only or where is None:
        raise CliError("--shared", "writes the database, which --read-only never does")
    if not (os.access(where, os.W_OK) and os.access(where.resolve().parent, os.W_OK)):
        raise CliError(
            where,
            "you cannot write this database, so its shared notes and tags stay as they are; "
            "without --shared, notes and tags are yours alone",
        )
    try:
        return Store.open(where, quick=True)
    except StoreError as error:
        raise CliError("--shared", str(error)) from None


def bookmark(store: Store, args: argparse.Namespace) -> int:
    """quadrant bookmark ID: bookmark an item, or remove its bookmark (--remove)."""
    personal = personal_of(store)
    try:
        key = item_key(Corpus(store.load()), store, args.id)
    except CliError:
        if not (args.remove and personal.is_bookmarked(args.id)):
            raise
        key = args.id  # an item gone from the database: its bookmark can still go
    personal.set_bookmark(key, not args.remove)
    print(f"bookmark {'removed from' if args.remove else 'on'} {key}")
    return OK


def bookmarks(store: Store, args: argparse.Namespace) -> int:
    """quadrant bookmarks: each bookmarked item with its name, the newest first."""
    from tui.cli.read import as_json, emit

    keys = personal_of(store).bookmarks()
    corpus = Corpus(store.load()) if keys else None
    for key in keys:
        kind, _, item_id = key.partition(":")
        item = corpus.get(kind, item_id) if corpus is not None else None
        label = item.label if item is not None else None
        if as_json(args):
            emit({"type": kind, "kind": kind, "id": item_id, "title": label})  # kind: as 0.1
        else:
            print(one_line(f"{key}  {label if label is not None else '(not in the database)'}"))
    return OK if keys else NO_RESULTS


def saved(store: Store, args: argparse.Namespace) -> int:
    """quadrant saved add NAME QUERY | list | rm NAME."""
    personal = personal_of(store)
    if args.saved_action == "add":
        personal.save_search(args.name, args.query)
        print(one_line(f"saved @{args.name}: {personal.saved()[args.name]}"))
    elif args.saved_action == "rm":
        personal.forget_search(args.name)
        print(one_line(f"forgot @{args.name}"))
    else:
        return _list_saved(personal, args)
    return OK


def _list_saved(personal: Personal, args: argparse.Namespace) -> int:
    from tui.cli.read import as_json, emit

    searches = personal.saved()
    for name, query in searches.items():
        if as_json(args):
            emit({"name": name, "query": query})
        else:
            print(one_line(f"@{name}  {query}"))
    return OK if searches else NO_RESULTS
