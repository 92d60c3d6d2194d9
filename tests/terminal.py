"""Run the real app in a pseudo-terminal, type into it, and keep every byte it writes."""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def interruptible() -> None:
    """Before a child process runs: Ctrl+C (SIGINT) at its default, as in a terminal's
    foreground. A test runner started in the background by a shell without job control (a CI
    script's `&`) ignores SIGINT, its children inherit that, and Python then never turns it
    into KeyboardInterrupt: a test that sends SIGINT would wait for nothing."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class PtyApp:
    """`python -m tui --db PATH` on a pty of a given size, as a terminal would run it."""

    def __init__(
        self,
        db: Path,
        size=(80, 24),
        extra=("--read-only",),
        env=None,
        program=("-m", "tui", "--db"),
    ) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        environment = dict(os.environ, TERM="xterm-256color", **(env or {}))
        environment.pop("NO_COLOR", None) if "NO_COLOR" not in (env or {}) else None
        for name in ("LINES", "COLUMNS"):  # the size is the pty's, as in a terminal (pytest-xdist's
            environment.pop(name, None)  # workers have them, and they win over the pty's)
        self.process = subprocess.Popen(
            [sys.executable, *program, str(db), *extra],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=environment,
            cwd=ROOT,
            start_new_session=True,
            preexec_fn=interruptible,
        )
        os.close(slave)
        self.output = b""
        self.closed = False

    def alive(self) -> bool:
        return self.process.poll() is None

    def read_until(self, needle: bytes, timeout: float = 20.0) -> bool:
        deadline = time.monotonic() + timeout
        while needle not in self.output and time.monotonic() < deadline:
            self.drain(0.05)
        return needle in self.output

    def drain(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        if self.closed:
            time.sleep(seconds)
            return
        while time.monotonic() < end:
            ready, _, _ = select.select([self.master], [], [], 0.02)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def type(self, text: str, pause: float = 0.05) -> None:
        for char in text:
            os.write(self.master, char.encode())
            self.drain(pause)

    def resize(self, columns: int, rows: int) -> None:
        fcntl.ioctl(self.master, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        os.killpg(self.process.pid, 28)  # SIGWINCH

    def wait(self, timeout: float) -> int | None:
        """Wait for the app to end, reading its output meanwhile as a terminal would (an app
        blocked on a full pty buffer cannot exit)."""
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.drain(0.02)
        return self.process.poll()

    def hang_up(self) -> None:
        """Close the terminal's side, as sshd does when a session drops."""
        os.close(self.master)
        self.closed = True

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self.closed:
            os.close(self.master)
            self.closed = True
