"""`quadrant serve`: its parser, and the command that each browser session runs.

The parser is built at every start of the app, so this module imports nothing heavy: the server
(tui/ui/serve.py, aiohttp and textual-serve) is imported only when `serve` runs.
"""

from __future__ import annotations

import argparse
import errno
import shlex
import sys
from pathlib import Path

from tui.cli.exits import OK, CliError
from tui.storage.store import Store


def _port(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, not {text!r}")
    return number


def _url(text: str) -> str:
    if not text.startswith(("http://", "https://")) or len(text) <= len("https://"):
        raise argparse.ArgumentTypeError(f"must start with http:// or https://, not {text!r}")
    return text.rstrip("/")


def add_command(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """The `serve` subcommand's parser (it then takes --db and --read-only as every one does)."""
    serve = commands.add_parser(
        "serve", help="the app in a browser, for whoever has the link it prints"
    )
    serve.add_argument(
        "--host", default="127.0.0.1", help="listen on this address (default 127.0.0.1)"
    )
    serve.add_argument("--port", type=_port, default=8000, help="and this port (default 8000)")
    serve.add_argument(
        "--public-url",
        type=_url,
        metavar="URL",
        help="the address browsers reach the server at, if not http://HOST:PORT "
        "(a proxy, a tunnel)",
    )
    return serve


def app_command(db: Path, read_only: bool) -> str:
    """The shell command each browser session runs: this same Quadrant, on the same database,
    read-only if the server is. `exec`, so that the process the server started is the app;
    `--no-ascii`, as the page's terminal shows UTF-8 whatever the server's locale."""
    words = [sys.executable, "-m", "tui", "--db", str(db.resolve()), "--no-ascii"]
    if read_only:
        words.append("--read-only")
    return "exec " + shlex.join(words)


def run(store: Store, args: argparse.Namespace) -> int:
    """Serve until Ctrl+C; a port taken or an address not ours is one line and ERROR."""
    from tui.ui.serve import serve

    assert store.path is not None
    mode = " (read-only)" if args.read_only else ""

    def announce(link: str) -> None:
        print(
            f"Quadrant on {store.path}{mode}, in a browser at\n\n    {link}\n\n"
            "Anyone with this link can use the app as you do: give it only to whom you would "
            "lend your terminal. Ctrl+C stops the server and every session.",
            flush=True,
        )

    try:
        serve(
            app_command(store.path, args.read_only),
            host=args.host,
            port=args.port,
            public_url=args.public_url,
            announce=announce,
        )
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise CliError(f"--port {args.port}", "already in use (choose another)") from None
        raise CliError(f"--host {args.host} --port {args.port}", _why(error)) from None
    return OK


def _why(error: OSError) -> str:
    return f"cannot listen there ({error.strerror or error})"
