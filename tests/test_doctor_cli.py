"""quadrant doctor as a user runs it: through a pipe, with --json, and on a terminal (a pty)
with the live key test, which must give the terminal its mode back."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import termios
import time

import pytest

from tests.terminal import ROOT, interruptible

BASE = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/")}


def doctor(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "doctor", *args],
        capture_output=True,
        text=True,
        env=BASE | env,
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_doctor_reports_and_exits_0_even_with_problems():
    done = doctor(TERM="xterm", LANG="C", NO_COLOR="1", SSH_CONNECTION="10.0.0.9 1 10.0.0.1 22")
    assert done.returncode == 0 and done.stderr == ""
    out = done.stdout
    for heading in ("Terminal and colours", "Encoding", "tmux, screen, SSH, size"):
        assert heading in out
    assert "!!  colours          16" in out
    assert "quadrant --ascii" in out and "SendEnv COLORTERM" in out
    assert "problems found" in out and "press /" not in out  # no terminal: no key test
    assert all(len(line) <= 80 and line.isascii() for line in out.splitlines())


def test_doctor_json_is_one_object_with_the_documented_fields():
    done = doctor("--json", TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8")
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert report["doctor"] == 1
    assert (report["term"], report["colors"], report["utf8"]) == (
        "xterm-256color",
        "truecolor",
        True,
    )
    for field in ("colorterm", "color_system", "no_color", "escape_delay_ms", "locale", "encoding"):
        assert field in report
    for field in ("tmux", "screen", "ssh", "columns", "rows", "problems", "checks"):
        assert field in report
    assert {check["status"] for check in report["checks"]} <= {"ok", "warn", "info"}


def test_control_characters_from_the_environment_never_reach_the_output():
    done = doctor(TERM="xterm\x1b]52;c;b3duZWQ=\x07", COLORTERM="\x9b31m")
    assert done.returncode == 0
    assert "\x1b" not in done.stdout and "\x9b" not in done.stdout and "\x07" not in done.stdout


# -- the live key test on a terminal -----------------------------------------------------------


class Terminal:
    """`quadrant doctor` on a pty whose slave side we keep, to read its mode afterwards."""

    def __init__(self) -> None:
        self.master, self.slave = os.openpty()
        self.before = termios.tcgetattr(self.slave)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "doctor"],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=BASE | {"TERM": "xterm-256color", "LANG": "C.UTF-8"},
            cwd=ROOT,
            start_new_session=True,
            preexec_fn=interruptible,
        )
        self.output = b""

    def read_until(self, needle: bytes, timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while needle not in self.output and time.monotonic() < deadline:
            if select.select([self.master], [], [], 0.05)[0]:
                self.output += os.read(self.master, 65536)
        return needle in self.output

    def press(self, prompt: str, key: bytes) -> None:
        assert self.read_until(f"press {prompt}  (".encode()), self.output[-400:]
        os.write(self.master, key)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.master)
        os.close(self.slave)


@pytest.mark.slow
def test_the_key_test_shows_ctrl_h_and_tab_and_gives_the_terminal_back():
    term = Terminal()
    try:
        term.press("/", b"/")
        term.press("Esc", b" ")  # skipped
        term.press("Enter", b" ")
        term.press("Tab", b"\t")
        for prompt in ("Shift+Tab", "Up", "Down", "Page Down", "Home", "End", "Backspace"):
            term.press(prompt, b" ")
        term.press("Ctrl+P", b"\x10")
        term.press("Ctrl+S", b" ")
        term.press("Ctrl+H", b"\x08")
        term.press("Ctrl+I", b"q")  # stops the test
        deadline = time.monotonic() + 20
        while term.process.poll() is None and time.monotonic() < deadline:
            term.read_until(b"\0", 0.1)
        term.read_until(b"\0", 0.2)
        assert term.process.returncode == 0
        out = term.output.decode()
        assert "ok  Tab              ^I -> tab" in out
        assert "--  Ctrl+H           ^H -> backspace - arrives as backspace" in out
        assert "ok  Ctrl+P           ^P -> ctrl+p" in out
        assert "--  Esc              skipped" in out
        assert "\x1b[>25u" in out and out.rindex("\x1b[<u") > out.rindex("press Ctrl+I")
        assert termios.tcgetattr(term.slave) == term.before  # echo, lines and signals again
    finally:
        term.close()


@pytest.mark.slow
def test_the_terminal_mode_comes_back_when_doctor_is_interrupted():
    term = Terminal()
    try:
        term.press("/", b"/")
        assert term.read_until(b"press Esc")
        assert termios.tcgetattr(term.slave) != term.before  # raw while it asks
        term.process.send_signal(2)  # SIGINT, as a kill -INT would
        assert term.process.wait(20) == 130
        assert termios.tcgetattr(term.slave) == term.before
    finally:
        term.close()
