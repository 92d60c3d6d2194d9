"""What `quadrant doctor` finds about the session around the app: tmux and its options, GNU
screen, SSH, the terminal's size. Pure checks, like terminalcheck.py: tmux is asked through a
runner the caller gives (tests give a fake one)."""

from __future__ import annotations

from collections.abc import Mapping

from tui.cli.terminalcheck import (
    ESCAPE_TIME_MAX,
    GOOD_TMUX_TERMS,
    INFO,
    OK,
    WARN,
    Finding,
    Runner,
    shown,
)

MIN_SIZE = (80, 24)
TMUX_CONF = "in ~/.tmux.conf, then tmux source-file ~/.tmux.conf"


def tmux_findings(env: Mapping[str, str], run: Runner) -> list[Finding]:
    if not env.get("TMUX"):
        return [Finding("tmux", "session", "tmux", OK, "no", "not inside tmux (TMUX not set)")]
    options = {
        name: run(["tmux", "show-options", "-gv", name])
        for name in ("escape-time", "default-terminal", "set-clipboard")
    }
    found = [Finding("tmux", "session", "tmux", OK, "yes", "inside tmux (TMUX is set)")]
    if all(value is None for value in options.values()):
        return [
            Finding(
                "tmux",
                "session",
                "tmux",
                WARN,
                "yes",
                "inside tmux, but tmux show-options did not answer",
                ["look by hand: tmux show-options -g escape-time (and the others)"],
            )
        ]
    found.append(_escape_time(options["escape-time"]))
    found.append(_default_terminal(options["default-terminal"]))
    found.append(_set_clipboard(options["set-clipboard"]))
    return found


def _value(raw: str | None) -> str:
    return shown(raw.strip()) if raw is not None else "(no answer)"


def _escape_time(raw: str | None) -> Finding:
    value = _value(raw)
    try:
        ms = int(value)
    except ValueError:
        return Finding("tmux.escape-time", "session", "escape-time", INFO, value, "unknown")
    if ms <= ESCAPE_TIME_MAX:
        return Finding("tmux.escape-time", "session", "escape-time", OK, f"{ms} ms", "Esc is quick")
    return Finding(
        "tmux.escape-time",
        "session",
        "escape-time",
        WARN,
        f"{ms} ms",
        f"tmux holds Esc back {ms} ms before passing it on, and Esc then a key within "
        "that time reaches the app as alt+key",
        [f"set -sg escape-time 10  {TMUX_CONF}"],
    )


def _default_terminal(raw: str | None) -> Finding:
    value = _value(raw)
    if value in GOOD_TMUX_TERMS:
        return Finding(
            "tmux.default-terminal", "session", "default-terminal", OK, value, "256 colours"
        )
    return Finding(
        "tmux.default-terminal",
        "session",
        "default-terminal",
        WARN,
        value,
        "the TERM programs inside tmux see; without -256color they get 16 colours",
        [f'set -g default-terminal "tmux-256color"  {TMUX_CONF} (screen-256color on old systems)'],
    )


def _set_clipboard(raw: str | None) -> Finding:
    value = _value(raw)
    if value == "on":
        return Finding(
            "tmux.set-clipboard",
            "session",
            "set-clipboard",
            OK,
            value,
            "y (copy) reaches your clipboard through OSC 52",
        )
    return Finding(
        "tmux.set-clipboard",
        "session",
        "set-clipboard",
        WARN,
        value,
        "tmux keeps OSC 52 from programs to itself: y (copy) cannot reach your clipboard",
        [f"set -g set-clipboard on  {TMUX_CONF}"],
    )


def screen_findings(env: Mapping[str, str]) -> list[Finding]:
    if not env.get("STY"):
        return [Finding("screen", "session", "GNU screen", OK, "no", "not inside screen")]
    return [
        Finding(
            "screen",
            "session",
            "GNU screen",
            INFO,
            "yes",
            "inside GNU screen (STY is set): it holds Esc back, and announces 16 colours",
            [
                "in ~/.screenrc: maptimeout 10, and term screen-256color",
                "screen does not pass OSC 52 on: y (copy) may not reach your clipboard",
            ],
        )
    ]


def ssh_findings(env: Mapping[str, str]) -> list[Finding]:
    connection, tty = env.get("SSH_CONNECTION"), env.get("SSH_TTY")
    if not (connection or tty):
        return [Finding("ssh", "session", "SSH", OK, "no", "a local session")]
    client = connection.split()[0] if connection and connection.split() else "?"
    found = [
        Finding(
            "ssh",
            "session",
            "SSH",
            INFO,
            f"yes, from {shown(client)}",
            "ssh sends TERM and LANG, but not COLORTERM or NO_COLOR",
            [],
        )
    ]
    if "COLORTERM" not in env:
        found.append(
            Finding(
                "ssh.env",
                "session",
                "over SSH",
                WARN,
                "COLORTERM not set",
                "your terminal's COLORTERM, if it has one, stayed behind",
                [
                    "if your terminal shows 24-bit colour: export COLORTERM=truecolor in the "
                    "remote shell's profile, or SendEnv COLORTERM NO_COLOR in ~/.ssh/config "
                    "with AcceptEnv COLORTERM NO_COLOR in the server's sshd_config",
                ],
            )
        )
    return found


def size_findings(size: tuple[int, int] | None) -> list[Finding]:
    if size is None:
        return [
            Finding("size", "session", "size", INFO, "unknown", "standard output is no terminal")
        ]
    columns, rows = size
    value = f"{columns}x{rows}"
    if columns < MIN_SIZE[0] or rows < MIN_SIZE[1]:
        return [
            Finding(
                "size",
                "session",
                "size",
                WARN,
                value,
                "smaller than 80x24, the size Quadrant is laid out for: panes get cramped",
                ["make the window at least 80 columns by 24 rows"],
            )
        ]
    wide = " (and 120 or more: the preview shows)" if columns >= 120 else ""
    return [Finding("size", "session", "size", OK, value, f"80x24 or more{wide}")]
