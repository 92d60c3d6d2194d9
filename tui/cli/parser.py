"""The `quadrant` command line's arguments: each command, its options, and argparse's errors
made one-line CliErrors like every other error of the command line (main.py runs them)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.cli.exits import CliError

__all__ = ["build_parser"]


class _Parser(argparse.ArgumentParser):
    """argparse, with its errors raised as one-line CliErrors (instead of the usage and the
    message over several lines) so that every error of the command line ends the same way."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.partition(" ")[2]  # "search" in "quadrant search"; "" at the top
        for pattern, problem in (
            (r"argument (.+?): (.*)", r"\2"),
            (
                r"the following arguments are required: (.*)",
                rf"required by {self.prog} (one that starts with - goes "
                rf"after --: {self.prog} -- -word)",
            ),
            (r"unrecognized arguments: (.*)", r"not understood (see --help)"),
        ):
            found = re.fullmatch(pattern, message, re.DOTALL)
            if found:
                raise CliError(found[1], found.expand(problem))
        raise CliError(command or "arguments", message)


def _at_least_one(text: str) -> int:
    """A --limit: 0 or -1 would otherwise be taken, and quietly mean something else."""
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {text!r}")
    return number


def _database_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        type=Path,
        default=default,
        metavar="PATH",
        help="database file (default: $QUADRANT_DB or the bundled db.json)",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="never write to the database",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="quadrant", description="Explore articles and the entities and agreements they name."
    )
    parser.add_argument("--version", action="version", version=f"quadrant {__version__}")
    _database_options(parser, suppress=False)
    parser.add_argument(
        "--ascii",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="draw the app in ASCII only (default: when the locale is not UTF-8)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    search = commands.add_parser("search", help="ranked search, as in the app")
    search.add_argument(
        "query",
        help='words, "phrases", -word, kind:, party:, year:, signed:, announced:, tag:, '
        "note:; or @NAME, a saved search",
    )
    search.add_argument("--kind", choices=("article", "entity", "agreement"))
    search.add_argument(
        "--limit",
        type=_at_least_one,
        default=20,
        metavar="N",
        help="this many hits at most, best first (default 20)",
    )
    search.add_argument("--json", action="store_true", help="JSON lines (default when piped)")
    show = commands.add_parser("show", help="one article, entity or agreement, with its links")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")
    stats = commands.add_parser("stats", help="counts of everything in the database")
    stats.add_argument("--json", action="store_true")
    connect = commands.add_parser("connect", help="every way two entities are linked")
    connect.add_argument("a", metavar="A", help="an entity: its id, or its exact name or alias")
    connect.add_argument("b", metavar="B", help="another entity, given as A")
    connect.add_argument("--json", action="store_true")
    timeline = commands.add_parser("timeline", help="dated items (and roles) by year")
    timeline.add_argument("query", nargs="?", default="", help="as for search; empty: everything")
    timeline.add_argument("--of", metavar="ENTITY", help="an entity's own, roles too: id or name")
    timeline.add_argument("--newest-first", action="store_true")
    timeline.add_argument("--json", action="store_true")
    _commands_without_database(commands)
    imports = commands.add_parser("import", help="add articles from files, folders or - (stdin)")
    imports.add_argument("paths", nargs="+", metavar="PATH")
    imports.add_argument("--tag", help="add this tag to every imported article")
    imports.add_argument("--dry-run", action="store_true", help="read and report; write nothing")
    imports.add_argument(
        "--no-index",
        action="store_true",
        help="leave the search index to the next start (many imports in a row)",
    )
    export = commands.add_parser("export", help="search results (or everything) as a file")
    export.add_argument("query", nargs="?", default="", help="as for search; empty: everything")
    export.add_argument(
        "--format",
        choices=("json", "csv", "md"),
        default="json",
        help="json lines, csv, or a Markdown briefing",
    )
    export.add_argument("--kind", choices=("article", "entity", "agreement"))
    export.add_argument(
        "--output",
        "-o",
        type=Path,
        metavar="FILE",
        help="write here instead of stdout (- for stdout)",
    )
    relink = commands.add_parser("relink", help="find every mention again with the known names")
    review = _review_parser(commands)
    from tui.cli.personalargs import add_commands
    from tui.cli.serve import add_command as add_serve

    reading_writing = (search, show, stats, connect, timeline, export, imports, relink, review)
    for sub in (*reading_writing, add_serve(commands), *add_commands(commands)):
        _database_options(sub, suppress=True)
    return parser


def _review_parser(commands) -> argparse.ArgumentParser:
    """quadrant review ACTION [ID] [VALUE]: the candidates (list), a decision on one, an
    article's date, a signer."""
    review = commands.add_parser(
        "review", help="accept, reject or merge a candidate; date an article; record a signer"
    )
    review.add_argument(
        "action",
        choices=(
            "list",
            "accept",
            "reject",
            "merge",
            "alias",
            "kind",
            "date",
            "signer",
            "drop-signer",
        ),
    )
    review.add_argument(
        "id",
        nargs="?",
        help="the entity or agreement (date: the article; signer: the agreement)",
    )
    review.add_argument(
        "value",
        nargs="?",
        help="merge: the id to merge into; alias: the name; kind: person, organization, country, "
        "group, initiative, system, place or event; date: 2025-07-01, 2025-07, 2025, "
        "or none to clear it; signer, drop-signer: the entity who signed",
    )
    review.add_argument(
        "--side", metavar="PARTY", help="signer: the party signed for (an entity id)"
    )
    _review_list_options(review)
    return review


def _review_list_options(review: argparse.ArgumentParser) -> None:
    """review list: the candidates, the most named first (tui/cli/queue.py)."""
    from tui.core.models import ENTITY_KINDS

    review.add_argument(
        "--kind",
        choices=("entity", "agreement", *ENTITY_KINDS),
        help="list: only entities, only agreements, or entities of one kind",
    )
    review.add_argument("--limit", type=_at_least_one, metavar="N", help="list: this many at most")
    review.add_argument("--json", action="store_true", help="list: JSON lines")


def _commands_without_database(commands: argparse._SubParsersAction[_Parser]) -> None:
    """init, which makes a database, and doctor (tui/cli/doctor.py), which needs none: neither
    takes the database options."""
    init = commands.add_parser("init", help="create a new, empty database")
    init.add_argument("path", type=Path)
    init.add_argument("--title", default="Quadrant")
    doctor = commands.add_parser(
        "doctor", help="what the app sees of the terminal and what it means, with advice"
    )
    doctor.add_argument("--json", action="store_true", help="one JSON object; no key test")
    doctor.add_argument("--no-keys", action="store_true", help="leave out the live key test")
