"""The terminal's writer (tui/ui/writer.py): a frame is written at once when nothing waits, never
waiting on the terminal, and the order of writes is kept whatever the thread still holds."""

from __future__ import annotations

import os
import select
import signal
import threading
import time
import tty

import pytest

from tests.terminal import PtyApp
from tui.ui import hangup
from tui.ui.writer import NOW_MAX, Writer

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")

ENDS = 10.0


def terminal() -> tuple[int, int]:
    """A pseudo-terminal in raw mode (bytes pass as they are): its two ends."""
    master, slave = os.openpty()
    tty.setraw(slave)
    return master, slave


@pytest.fixture
def pty_writer():
    """A writer on a terminal nobody reads yet, and the end to read it from."""
    master, slave = terminal()
    writer = Writer(os.fdopen(slave, "w"))
    writer.start()
    yield writer, master
    reading = threading.Thread(target=read_all, args=(master, 1 << 30, 1.0), daemon=True)
    reading.start()  # (stopping flushes what is left)
    if writer.is_alive():
        writer.stop()
    writer._file.close()
    reading.join(ENDS)
    os.close(master)


def read_all(fd: int, wanted: int, quiet: float = 0.3) -> bytes:
    """What `fd` gives until `wanted` bytes or `quiet` seconds of nothing."""
    got = b""
    while len(got) < wanted:
        if not select.select([fd], [], [], quiet)[0]:
            break
        try:
            got += os.read(fd, 65536)
        except OSError:
            break
    return got


def test_a_frame_is_written_before_write_now_returns(pty_writer):
    writer, master = pty_writer
    assert writer.write_now("frame ─ é") is True
    assert select.select([master], [], [], 0)[0], "not written yet: left to the thread"
    assert read_all(master, 12) == "frame ─ é".encode()


class SlowFile:
    """A terminal's file whose writes take a while (a slow link)."""

    def __init__(self, fd: int) -> None:
        self._file = os.fdopen(fd, "w")
        self.encoding, self.errors = self._file.encoding, self._file.errors
        self.buffer = self._file.buffer

    def write(self, text: str) -> int:
        time.sleep(0.2)
        return self._file.write(text)

    def flush(self) -> None:
        self._file.flush()

    def fileno(self) -> int:
        return self._file.fileno()


def test_nothing_is_written_at_once_while_the_thread_holds_something():
    """Order is kept: while the thread writes "A" (slowly), the terminal takes output, but
    "B" is not written ahead of it: it is queued after it."""
    master, slave = terminal()
    writer = Writer(SlowFile(slave))  # type: ignore[arg-type]
    writer.start()
    try:
        writer.write("A")
        time.sleep(0.05)  # the thread has taken "A" and is writing it
        assert writer.write_now("B") is False
        writer.write("B")
        assert read_all(master, 2, 2.0) == b"AB"
        deadline = time.monotonic() + ENDS
        while writer._pending and time.monotonic() < deadline:
            time.sleep(0.01)
        assert writer.write_now("C") is True  # nothing left: at once again
        assert read_all(master, 1) == b"C"
    finally:
        writer.stop()
        os.close(master)


def test_a_terminal_that_takes_nothing_is_never_waited_for(pty_writer):
    """Nobody reads (flow control, a stalled link): a write at once takes what fits and
    leaves the rest to the thread, without waiting; all of it arrives, in order, once read."""
    writer, master = pty_writer
    frames = [f"<{n}:" + "x" * 9_000 + ">" for n in range(40)]  # far more than a pty holds
    started = time.monotonic()
    for frame in frames:  # at once, or queued while the queue has room (the driver waits)
        if not writer.write_now(frame) and writer._queue.qsize() < 25:
            writer.put(frame)
    took = time.monotonic() - started
    assert took < 1.0, f"waited {took:.1f} s on a terminal that took nothing"
    got = read_all(master, 1 << 30, 1.0).decode()
    marks = [int(part.split(":")[0]) for part in got.split("<")[1:]]
    assert marks == sorted(marks) and marks[0] == 0, marks  # in order, from the first
    assert got.startswith(frames[0])


def test_a_whole_screen_and_a_pipe_go_to_the_thread(pty_writer):
    writer, master = pty_writer
    assert writer.write_now("x" * (NOW_MAX + 1)) is False
    read_end, write_end = os.pipe()
    piped = Writer(os.fdopen(write_end, "w"))
    piped.start()
    try:
        assert piped.write_now("frame") is False  # not a terminal: as Textual writes
    finally:
        piped.stop()
        piped._file.close()
        os.close(read_end)


def test_a_failed_write_drops_the_frame_and_marks_the_writer(pty_writer, monkeypatch):
    """A hung-up terminal (EIO): nothing is raised into the app; later frames go to the
    thread, which ends on its first failed write as Textual's does."""
    writer, master = pty_writer

    def hung_up(fd, data):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "write", hung_up)
    assert writer.write_now("frame") is True
    assert writer.failed
    assert writer.write_now("next") is False


@pytest.fixture
async def driver():
    saved = {n: signal.getsignal(n) for n in (signal.SIGTSTP, signal.SIGCONT)}
    made = hangup.Driver(app=None, debug=False, mouse=False)  # type: ignore[arg-type]
    yield made
    for number, handler in saved.items():
        signal.signal(number, handler)


async def test_the_driver_writes_a_frame_at_once_and_restores_the_terminal_last(driver):
    master, slave = terminal()
    writer = Writer(os.fdopen(slave, "w"))
    writer.start()
    driver._writer_thread = writer
    driver.write("frame")
    assert select.select([master], [], [], 0)[0]
    assert read_all(master, 5) == b"frame"
    got = bytearray()

    def slow_reader() -> None:  # a slow link: the terminal drains a little at a time
        while not got.endswith(b"RESTORED"):
            if select.select([master], [], [], 2.0)[0]:
                got.extend(os.read(master, 512))
                time.sleep(0.001)
            else:
                return

    reader = threading.Thread(target=slow_reader, daemon=True)
    reader.start()
    for _ in range(100):  # more than the terminal and the queue hold: some at once, some queued
        driver.write("x" * 1000)
    driver.write("RESTORED")
    driver.close()
    reader.join(ENDS)
    assert not writer.is_alive()
    assert bytes(got) == b"x" * 100_000 + b"RESTORED"
    writer._file.close()
    os.close(master)


@pytest.mark.slow
def test_the_app_in_a_terminal_writes_through_the_writer_and_restores_the_screen(tmp_path):
    """The real driver swaps Textual's thread for the Writer: a query's results reach the
    terminal, and quitting leaves the alternate screen last."""
    from tests.conftest import BUNDLED, write_db

    db = write_db(tmp_path / "db.json", BUNDLED.read_bytes())
    app = PtyApp(db, size=(100, 30))
    try:
        assert app.read_until(b"Articles ", 60), app.output[-2000:]
        app.drain(1.0)
        app.type("/lemoa")
        assert app.read_until(b"LEMOA", 20), app.output[-2000:]
        app.type("\x1b")
        app.drain(0.3)
        app.type("q")
        deadline = time.monotonic() + ENDS
        while app.alive() and time.monotonic() < deadline:
            app.drain(0.05)
        app.drain(0.2)
        assert not app.alive()
        assert app.process.returncode == 0
        left = app.output.rfind(b"\x1b[?1049l")  # the alternate screen left
        assert left > app.output.rfind(b"LEMOA") > 0
        assert b"\x1b[?25h" in app.output[left:]  # the cursor shown again, after it
    finally:
        if app.alive():
            app.process.kill()
