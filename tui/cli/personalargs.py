"""The parsers of the user's own commands (note, tag, bookmark, bookmarks, saved): apart from
the commands themselves (personal.py) so that building the parser, which every start of the
app does, imports nothing more."""

from __future__ import annotations

import argparse

COMMANDS = ("note", "tag", "bookmark", "bookmarks", "saved")


def add_commands(commands: argparse._SubParsersAction) -> list[argparse.ArgumentParser]:
    """The subcommands' parsers (each then takes --db and --read-only)."""
    note = commands.add_parser("note", help="your note on an item (--shared: the database's)")
    note.add_argument("id", help="an article, entity or agreement id (or kind:id)")
    note.add_argument("text", nargs="?", help="the note (- reads it from standard input)")
    note.add_argument("--clear", action="store_true", help="remove the note")
    note.add_argument("--shared", action="store_true", help="the database's own note")
    tag = commands.add_parser("tag", help="tag an item for yourself (--shared: in the database)")
    tag.add_argument("id", help="an article, entity or agreement id (or kind:id)")
    tag.add_argument("tags", nargs="+", metavar="TAG")
    tag.add_argument("--remove", action="store_true", help="remove these tags")
    tag.add_argument("--shared", action="store_true", help="the database's own tags")
    bookmark = commands.add_parser("bookmark", help="bookmark an item (--remove: unmark it)")
    bookmark.add_argument("id", help="an article, entity or agreement id (or kind:id)")
    bookmark.add_argument("--remove", action="store_true")
    bookmarks = commands.add_parser("bookmarks", help="your bookmarks, the newest first")
    bookmarks.add_argument("--json", action="store_true")
    saved = commands.add_parser("saved", help="your saved searches: add, list, rm")
    actions = saved.add_subparsers(dest="saved_action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="save QUERY as NAME (run it: quadrant search @NAME)")
    add.add_argument("name", help="letters, digits, - and _")
    add.add_argument("query")
    listing = actions.add_parser("list", help="every saved search")
    listing.add_argument("--json", action="store_true")
    rm = actions.add_parser("rm", help="forget a saved search")
    rm.add_argument("name")
    return [note, tag, bookmark, bookmarks, add, listing, rm]
