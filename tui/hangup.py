"""Notice that the terminal has gone (an SSH session dropped, input closed).

Textual's input thread spins on a terminal that has hung up, so a watcher polls the input for
POLLHUP (which needs no read, so it never takes a key) and the signals SIGHUP and SIGTERM, and
calls back once. The app then finishes any write under way and exits.
"""

from __future__ import annotations

import select
import signal
import sys
import threading
from collections.abc import Callable

_GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def watch_input(callback: Callable[[], None], fd: int | None = None) -> threading.Thread | None:
    """Call `callback` (from a daemon thread) once the input is hung up or closed."""
    try:
        fd = sys.__stdin__.fileno() if fd is None else fd  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return None  # no real input to watch (tests, embedded use)
    poller = select.poll()
    poller.register(fd, _GONE)

    def watch() -> None:
        while True:
            if any(mask & _GONE for _, mask in poller.poll(250)):
                callback()
                return

    thread = threading.Thread(target=watch, name="quadrant-hangup", daemon=True)
    thread.start()
    return thread


def on_signals(loop, callback: Callable[[], None]) -> None:
    """Treat SIGHUP and SIGTERM as a hang-up (the asyncio loop runs `callback`)."""
    for number in (signal.SIGHUP, signal.SIGTERM):
        try:
            loop.add_signal_handler(number, callback)
        except (NotImplementedError, RuntimeError, ValueError):
            return  # not the main thread (tests) or not a Unix loop
