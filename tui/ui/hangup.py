"""Leave promptly when the terminal has gone: an SSH session dropped, tmux killed, SIGHUP, SIGTERM.

A process left behind by a dropped session holds its memory until someone finds it, so every way
out here works without the terminal and without the event loop:

- `DEPARTURE` records, once for the process, that it is to end. It starts a watchdog thread that
  ends the process `GRACE_SECONDS` later whatever the event loop is doing (after letting a
  database write under way finish), while the app exits the ordinary way meanwhile.
- `on_signals` installs plain signal handlers, not the event loop's: a Python handler runs in
  the main thread even while it waits on a lock, where a loop's handler would wait for the
  loop. A second SIGTERM ends the process at once.
- `watch_input` polls the input for POLLHUP (which needs no read, so it never takes a key):
  Textual's input thread spins on a terminal that has hung up rather than say so.
- `Driver` is Textual's Linux driver with the two ways it can wait on a dead terminal closed
  (see its docstring).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import queue
import select
import signal
import sys
import threading
from collections.abc import Callable

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

from tui.storage import files

GRACE_SECONDS = 0.8  # from the hang-up to the end of the process, at the latest
# How long a database write under way may still take: a relink of a large database rewrites
# every mention. Past it the write is taken for stuck (a hung network disk).
WRITE_SECONDS = 300.0
HANGUP_CODE = 129  # 128 + SIGHUP, as a shell reports a hung-up process
_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


class Departure:
    """The process is to end: its terminal has gone, or it was told to stop.

    `begin` runs inside signal handlers, where a second signal may interrupt the first: it
    takes no lock and starts no thread. It only sets a flag and writes a byte to a pipe that a
    watchdog thread, started by `arm` beforehand, waits on.
    """

    def __init__(self) -> None:
        self.gone = False  # set once, never cleared: read by the driver and the writers
        self._wake: tuple[int, int] | None = None

    def arm(self) -> None:
        """Start the watchdog (once): it waits for `begin`, then ends the process."""
        if self._wake is not None:
            return
        self._wake = os.pipe()
        threading.Thread(
            target=self._watchdog, args=(self._wake[0],), name="quadrant-departure", daemon=True
        ).start()

    def begin(self) -> bool:
        """Begin the departure; False when it had already begun."""
        if self.gone:
            return False
        self.gone = True
        if self._wake is not None:
            os.write(self._wake[1], b"!")  # safe in a signal handler, unlike a lock
        return True

    def _watchdog(self, wake: int) -> None:
        os.read(wake, 1)
        threading.Event().wait(GRACE_SECONDS)
        self.leave(HANGUP_CODE)

    def leave(self, code: int) -> None:
        """End the process now, once any database write under way has finished (no new one
        may start), without flushing anything to the terminal (there is none) or tearing
        down the interpreter under threads that are still reading."""
        files.refuse_writes()
        files.wait_for_writes(WRITE_SECONDS)
        from tui.search.threads import cancel_all

        # A search index half built leaves its temporary file; cancelling joins its thread,
        # which stops between two statements: give it a moment, not the whole grace.
        cancelling = threading.Thread(target=cancel_all, daemon=True)
        cancelling.start()
        cancelling.join(0.2)
        os._exit(code)


DEPARTURE = Departure()


def finish_and_exit(app: App, writers: tuple[str, ...]) -> None:
    """The terminal is gone: let a write under way (a worker of a group in `writers`) finish,
    then have the app exit."""
    writing = [w for w in app.workers if w.group in writers and w.is_running]
    if writing:
        app.run_worker(_exit_after(app, writing), group="exit", exclusive=True)
    else:
        app.exit(return_code=HANGUP_CODE)


async def _exit_after(app: App, writing: list) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(app.workers.wait_for_complete(writing), timeout=GRACE_SECONDS)
    app.exit(return_code=HANGUP_CODE)


def on_signals(callback: Callable[[], None], loop) -> None:
    """SIGHUP and SIGTERM begin the departure and ask the event loop to run `callback` (the
    app's orderly exit). A second SIGTERM ends the process at once; SIGHUP often comes twice
    (from the terminal's owner and from the kernel), so a second one changes nothing."""

    def handle(number: int, _frame) -> None:
        if not DEPARTURE.begin():
            if number == signal.SIGTERM:
                os._exit(128 + number)
            return
        loop.call_soon_threadsafe(callback)

    if threading.current_thread() is not threading.main_thread():
        return  # only the main thread may set handlers (tests run apps elsewhere)
    DEPARTURE.arm()
    for number in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(number, handle)


def watch_input(callback: Callable[[], None], loop, fd: int | None = None) -> bool:
    """Once the input is hung up or closed, begin the departure and ask the event loop to run
    `callback`. False when there is no real input to watch (tests, embedded use)."""
    try:
        fd = (sys.__stdin__ or sys.stdin).fileno() if fd is None else fd
    except (AttributeError, ValueError, OSError):
        return False
    poller = select.poll()
    poller.register(fd, _GONE)
    DEPARTURE.arm()

    def watch() -> None:
        while not any(mask & _GONE for _, mask in poller.poll(250)):
            pass
        if DEPARTURE.begin():
            loop.call_soon_threadsafe(callback)

    threading.Thread(target=watch, name="quadrant-hangup", daemon=True).start()
    return True


class Driver(LinuxDriver):
    """Textual's Linux driver, kept from waiting on a terminal that has gone.

    Two ways it could (Textual 8.2), both seen as processes left behind by dropped sessions:
    - Its writer thread ends on the first failed write (EIO from a hung-up terminal), and the
      driver goes on putting writes into the thread's queue of 30: the 31st waits forever.
      Here a write to a writer that has stopped, or after the departure began, is dropped.
    - On SIGCONT it starts application mode again, with a new writer thread. The kernel sends
      SIGCONT right after SIGHUP when a terminal hangs up, so the restart meets the dead
      terminal, its new writer stops at once, and the shutdown then waits on it. Here SIGCONT
      resumes only a driver that SIGTSTP suspended, and never after the departure began.
    """

    def __init__(self, *args, **kwargs) -> None:
        self._suspended = False
        super().__init__(*args, **kwargs)

    def _sigtstp_application(self, *args) -> None:
        self._suspended = True
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args) -> None:
        if self._suspended and not DEPARTURE.gone:
            self._suspended = False
            super()._sigcont_application(*args)

    def write(self, data: str) -> None:
        self._put(data)

    def close(self) -> None:
        writer = self._writer_thread
        if self._put(None):  # the writer's signal to flush and stop: wait for it, as Textual
            assert writer is not None  # does (a slow link still gets the terminal restored),
            while writer.is_alive() and not DEPARTURE.gone:  # unless the terminal has gone
                writer.join(0.1)

    def _put(self, item: str | None) -> bool:
        """Queue `item` for the writer thread; False when it was dropped. A terminal that is
        slow to take output (flow control, a slow link) is still waited for."""
        writer = self._writer_thread
        while writer is not None and not DEPARTURE.gone and writer.is_alive():
            try:
                writer._queue.put(item, timeout=0.1)  # the queue Textual's `write` uses
                return True
            except queue.Full:
                continue
        return False
