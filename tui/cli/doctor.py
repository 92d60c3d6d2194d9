"""`quadrant doctor [--json] [--no-keys]`: what the app sees of the terminal and what it means,
with advice for each problem; then, on a terminal, a live test of the keys Quadrant uses.
Always exits 0: finding problems is its job, not a failure.

The checks are pure (terminalcheck.py, sessioncheck.py), the view is doctorview.py, the key
test keytest.py; this module gathers what they need from the process and the system.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Mapping

from tui.cli import doctorview, keytest
from tui.cli.exits import OK
from tui.cli.sessioncheck import screen_findings, size_findings, ssh_findings, tmux_findings
from tui.cli.terminalcheck import (
    Finding,
    Runner,
    colour_system,
    colours,
    encoding_findings,
    escape_delay_ms,
    escape_finding,
    one_line,
    terminal_findings,
    utf8,
)
from tui.core.terminal import charset_locale

TMUX_TIMEOUT = 2.0  # seconds: a tmux server that does not answer must not hang doctor


def examine(
    env: Mapping[str, str],
    stdout_encoding: str | None,
    size: tuple[int, int] | None,
    run: Runner,
) -> list[Finding]:
    """Every check but the keys, in the order they are shown."""
    return [
        *terminal_findings(env),
        escape_finding(env),
        *encoding_findings(env, stdout_encoding),
        *tmux_findings(env, run),
        *screen_findings(env),
        *ssh_findings(env),
        *size_findings(size),
    ]


def facts(
    env: Mapping[str, str], stdout_encoding: str | None, size: tuple[int, int] | None
) -> dict[str, object]:
    """The top-level fields of --json: what was seen, before any judgement."""

    def value(name: str) -> str | None:
        return one_line(env[name]) if name in env else None

    return {
        "term": value("TERM"),
        "colorterm": value("COLORTERM"),
        "colors": colours(env),
        "color_system": colour_system(env),
        "no_color": "NO_COLOR" in env,
        "escape_delay_ms": escape_delay_ms(env),
        "locale": one_line(charset_locale(env)),
        "encoding": stdout_encoding,
        "utf8": utf8(env, stdout_encoding),
        "tmux": bool(env.get("TMUX")),
        "screen": bool(env.get("STY")),
        "ssh": bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY")),
        "columns": size[0] if size else None,
        "rows": size[1] if size else None,
    }


def run(args: argparse.Namespace) -> int:
    env, encoding, size = dict(os.environ), sys.stdout.encoding, terminal_size()
    findings = examine(env, encoding, size, tmux)
    if args.json:
        report = doctorview.as_json(findings, facts(env, encoding, size))
        print(json.dumps(report, indent=2))
        return OK
    print("quadrant doctor: what the app sees of this terminal, and what it means")
    for line in doctorview.text(findings):
        print(_printable(line))
    if not args.no_keys and sys.stdin.isatty() and sys.stdout.isatty():
        _key_test()
    return OK


def terminal_size() -> tuple[int, int] | None:
    """The terminal's size, from whichever of stdout, stderr and stdin is one."""
    for fd in (1, 2, 0):
        try:
            columns, rows = os.get_terminal_size(fd)
        except OSError:
            continue
        return columns, rows
    return None


def tmux(command: list[str]) -> str | None:
    """What a tmux command prints, or None if it fails or takes too long."""
    try:
        done = subprocess.run(
            command,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TMUX_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _printable(line: str) -> str:
    """`line` as stdout can write it (a value from the environment may not encode)."""
    encoding = sys.stdout.encoding or "ascii"
    return line.encode(encoding, "backslashreplace").decode(encoding)


def _key_test() -> None:
    from tui.ui.keyreader import KeyReader, keyboard_modes

    print()
    print("Keys: press each key asked for. Space skips one, q stops.")
    sys.stdout.flush()

    def write(text: str) -> None:
        sys.stdout.write(_printable(text))
        sys.stdout.flush()

    found = keytest.run(sys.stdin.fileno(), write, KeyReader(), keyboard_modes())
    print()
    print(doctorview.summary(found) if found else "No key was tested.")
