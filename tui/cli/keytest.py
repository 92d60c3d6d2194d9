"""`quadrant doctor`'s live key test: the keys Quadrant uses, pressed by the user, read as the
app reads them (the terminal in Textual's raw mode, Textual's parser: tui/ui/keyreader.py), and
what arrived shown byte by byte, with advice where it is not what the app expects.

The terminal's mode is always given back, also on Ctrl+C (which arrives as a key here, as in the
app) and on any error.
"""

from __future__ import annotations

import codecs
import os
import select
import termios
import time
import tty
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from tui.cli.doctorview import finding_lines
from tui.cli.terminalcheck import INFO, OK, WARN, Finding

IDLE_SECONDS = 30.0  # no key at all for this long ends the test
GROUP_SECONDS = 1.5  # the keys of one step arrive within this time of its first
SETTLE_SECONDS = 0.15  # quiet after the expected number of keys
SKIP, QUIT = "space", ("q", "ctrl+c")
ELSEWHERE = "something between the keyboard and the app takes or changes it: check the key "
ELSEWHERE += "bindings of your terminal, tmux or screen"


class Reader(Protocol):
    def feed(self, text: str) -> list[str]: ...
    def tick(self) -> list[str]: ...


@dataclass(frozen=True)
class Step:
    """One key to press: what Quadrant does with it, and what it means when something else
    arrives (a key name: status, meaning, advice)."""

    label: str
    expect: tuple[str, ...]
    used_for: str
    instead: str = ELSEWHERE
    merges: dict[str, tuple[str, str, str]] = field(default_factory=dict)


_SHOWS = "nothing: it shows how terminals merge keys"
_LATE_ESC = "pause a moment after Esc; in tmux: set -sg escape-time 10"
_CLOSE_BEHIND = "Esc and a key close behind it are read as one (alt+key, or the key alone)"


def _merged(byte: str, key: str, letter: str) -> tuple[str, str, str]:
    meaning = f"arrives as {key}: terminals send {byte} for ctrl+{letter}, and {byte} is "
    meaning += (
        f"read as {key} (no app can tell them apart); Quadrant binds nothing to ctrl+{letter}"
    )
    return INFO, meaning, ""


STEPS = (
    Step("/", ("slash",), "focus the search bar"),
    Step("Esc", ("escape",), "clear the search, close a dialog, go back"),
    Step("Enter", ("enter",), "open the highlighted item"),
    Step("Tab", ("tab",), "the next pane; the next mention in the reader"),
    Step(
        "Shift+Tab",
        ("shift+tab",),
        "the pane before; the mention before",
        "use 1 2 3 for the panes and p for the mention before",
    ),
    Step("Up", ("up",), "move up; an earlier search in the search bar", "use k"),
    Step("Down", ("down",), "move down", "use j"),
    Step("Page Down", ("pagedown",), "a page down", "space pages down in the reader"),
    Step("Home", ("home",), "the first row", "use g"),
    Step("End", ("end",), "the last row", "use G"),
    Step("Backspace", ("backspace",), "back, from the reader and pages", "use Esc or H"),
    Step("Ctrl+P", ("ctrl+p",), "the command palette"),
    Step(
        "Ctrl+S",
        ("ctrl+s",),
        "save a note",
        "flow control (XON/XOFF) may take Ctrl+S: stty -ixon in your shell's profile "
        "(Ctrl+Q wakes a frozen terminal)",
    ),
    Step("Ctrl+H", ("ctrl+h",), _SHOWS, merges={"backspace": _merged("^H", "backspace", "h")}),
    Step("Ctrl+I", ("ctrl+i",), _SHOWS, merges={"tab": _merged("^I", "tab", "i")}),
    Step("Ctrl+M", ("ctrl+m",), _SHOWS, merges={"enter": _merged("^M", "enter", "m")}),
    Step(
        "Esc then /",
        ("escape", "slash"),
        "leave a dialog and search at once",
        merges={
            "slash": (WARN, "the Esc is lost: " + _CLOSE_BEHIND, _LATE_ESC),
            "alt+slash": (WARN, "arrives as alt+slash: " + _CLOSE_BEHIND, _LATE_ESC),
        },
    ),
)


def _ident(step: Step) -> str:
    """`key.ctrl+h`, `key.escape+slash`: one id per step."""
    return "key." + "+".join(step.expect)


def shown_bytes(data: bytes) -> str:
    """Bytes as a person reads them: ESC, ^H, DEL, printable characters as they are."""
    names = {0x1B: "ESC", 0x7F: "DEL", 0x20: "SP"}
    return " ".join(
        names.get(byte)
        or (f"^{chr(byte + 64)}" if byte < 0x20 else chr(byte) if byte < 0x7F else f"{byte:02x}")
        for byte in data
    )


def judge(step: Step, data: bytes, keys: list[str]) -> Finding:
    """What arrived for `step`, and what it means."""
    ident, value = _ident(step), f"{shown_bytes(data)} -> {' '.join(keys)}"
    if tuple(keys) == step.expect:
        return Finding(ident, "keys", step.label, OK, value, step.used_for)
    merged = step.merges.get(" ".join(keys))
    if merged:
        status, meaning, advice = merged
        return Finding(
            ident, "keys", step.label, status, value, meaning, [advice] if advice else []
        )
    meaning = f"Quadrant expects {' '.join(step.expect)} ({step.used_for})"
    return Finding(ident, "keys", step.label, WARN, value, meaning, [step.instead])


def _skipped(step: Step) -> Finding:
    return Finding(_ident(step), "keys", step.label, INFO, "skipped", step.used_for)


def run(
    fd: int,
    write: Callable[[str], None],
    reader: Reader,
    modes: tuple[str, str] = ("", ""),
    steps: tuple[Step, ...] = STEPS,
) -> list[Finding]:
    """Ask for each key in turn on the terminal `fd`, in raw mode, and write what arrived as it
    comes; a finding for each key pressed or skipped, until q, Ctrl+C or a long silence."""
    saved = termios.tcgetattr(fd)
    found: list[Finding] = []
    try:
        _raw(fd)
        write(modes[0])
        for step in steps:
            write(f"  > press {step.label}  ({step.used_for})\r\n")
            outcome = _collect(fd, reader, step)
            if outcome is None:
                write("  (no key for a while: the test ends)\r\n")
                break
            data, keys = outcome
            if keys and keys[0] in QUIT and keys[0] not in step.expect:
                break
            if keys and keys[0] == SKIP and SKIP not in step.expect:
                found.append(_skipped(step))
            else:
                found.append(judge(step, data, keys))
            for line in finding_lines(found[-1]):
                write(line + "\r\n")
    finally:
        write(modes[1])
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    return found


def _raw(fd: int) -> None:
    """The mode Textual's driver sets: no echo, no line editing, no signals from keys, no
    flow control, CR left as CR; one byte is enough for a read."""
    mode = termios.tcgetattr(fd)
    mode[tty.LFLAG] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
    mode[tty.IFLAG] &= ~(
        termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR
    )
    mode[tty.CC][termios.VMIN] = 1
    termios.tcsetattr(fd, termios.TCSANOW, mode)


def _collect(fd: int, reader: Reader, step: Step) -> tuple[bytes, list[str]] | None:
    """The bytes and keys of one step, or None when no key came for IDLE_SECONDS."""
    decode = codecs.getincrementaldecoder("utf-8")("replace").decode
    data, keys = b"", list[str]()
    start = time.monotonic()
    first = last = 0.0
    while True:
        now = time.monotonic()
        if keys and (
            (len(keys) >= len(step.expect) and now - last >= SETTLE_SECONDS)
            or now - first >= GROUP_SECONDS
        ):
            return data, keys
        if not data and now - start >= IDLE_SECONDS:
            return None
        new: list[str] = []
        if select.select([fd], [], [], 0.02)[0]:
            chunk = os.read(fd, 1024)
            if not chunk:
                return None  # the terminal is gone
            data += chunk
            new = reader.feed(decode(chunk))
        new += reader.tick()
        if new:
            first, last = first or now, now
            keys += new
