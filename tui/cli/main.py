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
import sys
from collections.abc import Sequence

from tui.cli.exits import ERROR, INTERRUPTED, NO_RESULTS, OK, CliError
from tui.cli.parser import build_parser
from tui.storage.store import Store, StoreError

__all__ = ["ERROR", "NO_RESULTS", "OK", "build_parser", "main"]


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
