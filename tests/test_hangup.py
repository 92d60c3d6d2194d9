"""A dropped session never leaves a process behind (issue 19): hang-ups and signals at any moment.

The app runs in a real pseudo-terminal. Hang-ups come three ways, as on a server: the terminal
closed (sshd or tmux going away), SIGHUP, SIGTERM. How fast the process ends is a figure for
benchmarks/hangup_tally.py; here every trial must end, and leave the database and its search
cache whole.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from textual.drivers._writer_thread import WriterThread

from tests.conftest import BUNDLED, write_db
from tests.terminal import PtyApp
from tui.storage import files
from tui.storage.paths import index_cache
from tui.ui import hangup

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal"),
]

ENDS = 10.0  # seconds to wait for a process to end before calling it left behind
HOWS = ("close", "sighup", "sigterm")


def _hang_up(app: PtyApp, how: str) -> None:
    if how == "close":
        app.hang_up()
    else:
        os.kill(app.process.pid, signal.SIGHUP if how == "sighup" else signal.SIGTERM)


def _wait_for(condition, timeout: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    return condition()


def _wedged(db: Path, mode: str) -> PtyApp:
    app = PtyApp(db, program=("tests/wedged_app.py",), extra=(mode,))
    assert _wait_for(lambda: Path(f"{db}.wedged").exists() or not app.alive()), "never wedged"
    assert app.alive(), app.output[-2000:]
    return app


@pytest.fixture
def copy_of_bundled(tmp_path) -> Path:
    return write_db(tmp_path / "db.json", BUNDLED.read_bytes())


@pytest.mark.parametrize("how", HOWS)
def test_a_wedged_event_loop_still_ends_when_the_terminal_goes(copy_of_bundled, how):
    app = _wedged(copy_of_bundled, "loop")
    try:
        _hang_up(app, how)
        assert app.wait(ENDS) == hangup.HANGUP_CODE
    finally:
        app.close()


def test_a_write_under_way_is_waited_for_and_a_second_sigterm_ends_at_once(copy_of_bundled):
    app = _wedged(copy_of_bundled, "write")
    try:
        os.kill(app.process.pid, signal.SIGTERM)
        app.wait(hangup.GRACE_SECONDS * 3)
        assert app.alive(), "ended in the middle of a database write"
        os.kill(app.process.pid, signal.SIGTERM)
        assert app.wait(ENDS) == 128 + signal.SIGTERM
    finally:
        app.close()


def test_the_process_ends_once_the_write_under_way_has_finished(copy_of_bundled):
    app = _wedged(copy_of_bundled, "brief-write")
    try:
        os.kill(app.process.pid, signal.SIGTERM)
        app.wait(hangup.GRACE_SECONDS * 3)
        assert app.alive(), "ended in the middle of a database write"
        Path(f"{copy_of_bundled}.release").touch()  # the write ends
        assert app.wait(ENDS) == hangup.HANGUP_CODE
    finally:
        app.close()


def _cache_is_whole(cache: Path) -> None:
    """The cache file, if there is one, is a whole SQLite database (a build cut short leaves
    at most a temporary file, which the next build removes)."""
    if cache.exists():
        # As the app opens it: a hot journal (a hang-up during `confirm`) is rolled back first.
        conn = sqlite3.connect(f"file:{cache}?mode=rw", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()


@pytest.mark.parametrize("size", ["bundled", "large"])
def test_hang_ups_at_every_moment_of_a_load_leave_no_process(tmp_path, size, large_db):
    source = BUNDLED if size == "bundled" else large_db
    original = source.read_bytes()
    db = write_db(tmp_path / "db.json", original)
    cache = index_cache(db)
    left = []
    moments = (0.0, 0.05, 0.15, 0.3, 0.6, 1.0)
    for trial, moment in enumerate(moments * 2):
        how = HOWS[trial % len(HOWS)]
        if trial % 2 == 0:  # cold: no search cache yet
            cache.unlink(missing_ok=True)
        app = PtyApp(db, size=(100, 30))
        try:
            assert app.read_until(b"Articles"), app.output[-2000:]
            app.drain(moment)
            _hang_up(app, how)
            if app.wait(ENDS) is None:
                left.append((how, moment, trial % 2 == 0))
        finally:
            app.close()
        assert db.read_bytes() == original
        _cache_is_whole(cache)
    assert left == [], f"processes left behind (how, moment, cold): {left}"


# -- the driver, without a terminal -----------------------------------------------------------


@pytest.fixture
async def driver():
    saved = {n: signal.getsignal(n) for n in (signal.SIGTSTP, signal.SIGCONT)}
    made = hangup.Driver(app=None, debug=False, mouse=False)  # type: ignore[arg-type]
    yield made
    for number, handler in saved.items():
        signal.signal(number, handler)


def _dead_writer() -> WriterThread:
    read_end, write_end = os.pipe()
    os.close(read_end)
    writer = WriterThread(os.fdopen(write_end, "w"))
    writer.start()
    writer.write("x" * 100_000)  # more than a pipe holds: the write fails, the thread ends
    writer.join(ENDS)
    assert not writer.is_alive()
    return writer


@pytest.mark.filterwarnings("ignore::pytest.PytestUnhandledThreadExceptionWarning")
async def test_writes_to_a_writer_that_stopped_are_dropped_not_waited_for(driver):
    previous = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    try:
        driver._writer_thread = _dead_writer()
        done = threading.Event()

        def write_many() -> None:
            for _ in range(200):  # far more than the writer's queue of 30 holds
                driver.write("frame")
            driver.close()
            done.set()

        threading.Thread(target=write_many, daemon=True).start()
        assert done.wait(ENDS), "a write waited on a writer thread that had stopped"
    finally:
        signal.signal(signal.SIGPIPE, previous)


async def test_sigcont_restarts_only_a_driver_that_sigtstp_suspended(driver, monkeypatch):
    restarts = []
    monkeypatch.setattr(driver, "resume_application_mode", lambda: restarts.append(1))
    monkeypatch.setattr(driver, "suspend_application_mode", lambda: None)
    monkeypatch.setattr(os, "kill", lambda pid, number: None)  # no real SIGSTOP
    driver._sigcont_application()  # as the kernel sends it after a hang-up
    assert restarts == []
    driver._sigtstp_application()  # ctrl+z
    driver._sigcont_application()  # fg
    assert restarts == [1]


def test_the_departure_waits_for_writes_under_way():
    finished = threading.Event()
    ready = threading.Event()

    def write() -> None:
        with files.writing():
            ready.set()
            finished.wait()

    threading.Thread(target=write, daemon=True).start()
    ready.wait()
    assert files.wait_for_writes(0.05) is False
    finished.set()
    assert files.wait_for_writes(ENDS) is True


def test_no_write_starts_once_the_process_is_ending(monkeypatch, store):
    from tui.core.models import Entity
    from tui.storage.store import StoreError

    monkeypatch.setattr(files, "_refused", False)
    files.refuse_writes()
    if store.path is None:
        pytest.skip("a store in memory writes no file")
    with pytest.raises(StoreError, match="the program is ending"):
        with store.transaction() as tx:
            tx.put(Entity("japan", "Japan", "country"))


async def test_a_normal_close_waits_for_the_writer_to_restore_the_terminal(driver):
    """Without a hang-up, close waits for everything queued to be written, however slow the
    terminal: the restore sequences are last."""
    read_end, write_end = os.pipe()
    written = bytearray()
    writer = WriterThread(os.fdopen(write_end, "w"))
    writer.start()
    driver._writer_thread = writer
    for _ in range(40):
        driver.write("x" * 1000)
    driver.write("RESTORED")

    def slow_reader() -> None:  # a slow link: the pipe drains a little at a time
        while chunk := os.read(read_end, 512):
            written.extend(chunk)
            time.sleep(0.001)

    reader = threading.Thread(target=slow_reader, daemon=True)
    reader.start()
    driver.close()
    assert not writer.is_alive()
    writer._file.close()  # the reader sees the end
    reader.join(ENDS)
    assert written.endswith(b"RESTORED")
