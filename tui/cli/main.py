"""The `quadrant` command: open the app, or search, show and count from scripts.

    quadrant [--db PATH] [--read-only] [--ascii]  the app (--ascii: drawn in ASCII only)
    quadrant search QUERY [--kind K] [--limit N] [--json]
    quadrant show ID [--json]
    quadrant stats [--json]
    quadrant connect A B [--json]                 every way two entities are linked
    quadrant timeline [QUERY | --of ENTITY] [--newest-first] [--json]   dated items, by year
    quadrant export [QUERY] [--format json|csv|md] [--kind K] [-o FILE]
    quadrant init PATH                            a new, empty database
    quadrant import PATH... [--tag T] [--dry-run] [--no-index]  files, folders, or - (stdin)
    quadrant relink                               find every mention again
    quadrant review list [--kind K] [--limit N] [--json]   the candidates, most named first
    quadrant review accept|reject|merge|alias ID [VALUE]
    quadrant review kind ID KIND                  an entity's kind, set by hand (person, place, ...)
    quadrant review date ID DATE                  an article's date: 2025-07-01, 2025-07, 2025, none
    quadrant review signer|drop-signer AGREEMENT ENTITY [--side PARTY]   who signed it
    quadrant note ID TEXT | tag ID TAG... | bookmark ID | bookmarks | saved add|list|rm
                                                  your own (tui/cli/personal.py)
    quadrant serve [--host H] [--port N] [--public-url URL]   the app in a browser, by token
    quadrant doctor [--json] [--no-keys]          what the app sees of the terminal, and advice

Every subcommand also takes --db PATH (and --read-only) after its own name. Exit status: 0 with
results, 1 with none, 2 on an error: a bad argument or an unusable file is one line on stderr,
`quadrant: <argument or file>: <problem>`, never a traceback. A reader that stops early
(`| head -1`) ends the command quietly, with the status it would have had.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from tui import __version__
from tui.cli.exits import ERROR, INTERRUPTED, NO_RESULTS, OK, CliError
from tui.storage.store import Store, StoreError

__all__ = ["ERROR", "NO_RESULTS", "OK", "build_parser", "main"]


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


def main(argv: Sequence[str] | None = None) -> int:
    # The collector is off while the modules load: they make some 60,000 objects that live
    # as long as the process, and collecting among them took 25 ms of the 300 to the app's
    # first frame. It is on again once a command has its modules, or the app its first frame
    # (QuadrantApp.on_ready), and in any case when this returns.
    gc.disable()
    try:
        args = _parse(argv)
        code = args if isinstance(args, int) else _dispatch(args)
    except BrokenPipeError:
        return _reader_gone(OK)  # cut short while printing results
    except (CliError, StoreError) as error:
        code = _fail(str(error))
    except OSError as error:  # what is left: the output itself (a full disk, a dead terminal)
        code = _output_failed(error)
    except KeyboardInterrupt:
        from tui.search.threads import cancel_all

        cancel_all()  # a search index half built: its temporary file goes
        code = _fail("interrupted", INTERRUPTED)
    finally:
        gc.enable()
    return _flushed(code)


def _parse(argv: Sequence[str] | None) -> argparse.Namespace | int:
    """The arguments, or the status of --help or --version, which end here."""
    try:
        return build_parser().parse_args(argv)
    except SystemExit as done:  # argument errors are CliErrors: only --help and --version
        return int(done.code or OK)


def _flushed(code: int) -> int:
    """`code`, once stdout is flushed: a reader gone (`| head -1`) shows here rather than as a
    traceback in the interpreter's own last flush."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return _reader_gone(code)
    except OSError as error:
        return _output_failed(error)
    return code


def _output_failed(error: OSError) -> int:
    """Writing the output failed (`> /dev/full`, a terminal gone): say so in one line, and
    send what is still buffered nowhere, so the interpreter's last flush raises nothing."""
    where = error.filename or "standard output"
    code = _fail(f"{where}: cannot write ({error.strerror or error})")
    _reader_gone(code)
    return code


def _reader_gone(code: int) -> int:
    """The reader of our output has closed it, as `head -1` does once it has its line: end
    quietly, like any Unix filter, and with the status the command had (never 141: a
    `set -o pipefail` script that takes the first line has not failed). stdout (and stderr, which
    may be the same pipe) now go to /dev/null, so the interpreter's last flush of what is still
    buffered raises nothing."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        for stream in (sys.stdout, sys.stderr):
            try:
                os.dup2(devnull, stream.fileno())
            except (AttributeError, OSError, ValueError):
                pass  # not a file descriptor (a test's captured output): nothing to flush later
    finally:
        os.close(devnull)
    return code


def _fail(problem: str, code: int = ERROR) -> int:
    """The one way an error leaves: `quadrant: PROBLEM` as one line on stderr, and `code`.
    (A file name may hold a line break or a terminal escape: they are shown, not obeyed.)"""
    from tui.core.textsafe import one_line

    try:
        print(f"quadrant: {one_line(problem)}", file=sys.stderr, flush=True)
    except BrokenPipeError:
        return _reader_gone(code)
    return code


def _dispatch(args: argparse.Namespace) -> int:
    if args.command == "doctor":
        from tui.cli import doctor

        gc.enable()
        return doctor.run(args)
    if args.command == "init":
        store = Store.create(args.path, title=args.title)
        print(f"created {store.name}")
        return OK
    from tui.storage.paths import default_db

    path = args.db or default_db()
    writes = args.command in (None, "import", "relink", "review")
    writes = writes and getattr(args, "action", None) != "list"  # review list only reads
    # The app paints first and reads the rest in a worker; search answers from a search cache
    # built from this very version of the file once it passed its check, and checks the file
    # itself when there is none: neither needs the whole file read up front.
    # connect and timeline read the file once, checking it then.
    from tui.cli.personalargs import COMMANDS as YOURS  # the user's own: never write the db

    quick = args.command in (None, "search", "connect", "timeline", "serve", *YOURS)
    store = Store.open(path, read_only=args.read_only or not writes, quick=quick)
    if args.command is None:
        return _run_app(store, args.ascii)
    from tui.cli import personal, relate, serve
    from tui.cli import read as report
    from tui.cli import write as curate

    gc.enable()
    handler = {
        "search": report.search,
        "show": report.show,
        "stats": report.stats,
        "connect": relate.connect,
        "timeline": relate.timeline,
        "export": report.export,
        "import": curate.run_import,
        "relink": curate.relink,
        "review": curate.review,
        "serve": serve.run,
        **dict.fromkeys(YOURS, personal.run),
    }
    return handler[args.command](store, args)


def _run_app(store: Store, ascii_only: bool | None = None) -> int:
    """The app; drawn in ASCII if asked, or, when not told either way, if the terminal cannot
    show UTF-8 (see tui/core/terminal.py); in the terminal's own colours if it has 16."""
    from tui.core.terminal import wants_ascii
    from tui.storage.paths import index_cache
    from tui.ui import hangup
    from tui.ui.app import QuadrantApp
    from tui.ui.look import Look

    assert store.path is not None
    if ascii_only is None:
        ascii_only = wants_ascii(os.environ, getattr(sys.__stdout__, "encoding", None))
    look = Look(ascii_only=ascii_only, follow_colours=True)
    app = QuadrantApp(store, cache=index_cache(store.path), look=look)
    app.run()
    if hangup.DEPARTURE.gone:  # no terminal to tell, nothing to tidy for anyone
        hangup.DEPARTURE.leave(app.return_code or hangup.HANGUP_CODE)
    if app.fatal:
        print(f"quadrant: {app.fatal}", file=sys.stderr)
    code = app.return_code or OK
    if any(thread.is_alive() for thread in app.loads.threads):
        from tui.search.threads import cancel_all

        cancel_all()  # a search index half built: its temporary file goes
        # Quit while a large database was still being checked: leave now, without letting
        # the interpreter tear down under the (read-only) loading thread.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
