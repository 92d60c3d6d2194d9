"""How a `quadrant` command ends: its exit statuses, and the error that main() makes one line.

A module of its own so that the subcommands (report.py, curate.py) can use them without
importing cli.py, which imports the subcommands.
"""

from __future__ import annotations

OK, NO_RESULTS, ERROR = 0, 1, 2
INTERRUPTED = 130


class CliError(Exception):
    """A bad argument or an unusable file: main() prints `quadrant: WHERE: PROBLEM` on stderr,
    as one line, and exits with ERROR. `where` names the argument or the file."""

    def __init__(self, where: object, problem: str) -> None:
        super().__init__(f"{where}: {problem}")
