"""The terminal's writer: Textual's writer thread, and a frame written at once when nothing waits.

Textual hands every write to a thread of its own, so that a terminal slow to take output never
holds the event loop. That thread must be woken for each frame, and a woken thread starts here
some 0.1 to 0.2 ms later, while the event loop goes on with what the key left to do: the last
byte of a key's frame reached the terminal 0.2 ms after the frame was made (a key at 10k
articles is about 5 ms in all, benchmarks/bench_keys.py).

`Writer` is that thread, with `write_now`: the calling thread writes the text itself when nothing
is queued or being written (so the order of writes is kept) and the text is a frame's size, not
a whole screen's. It writes without ever waiting: through a second, non-blocking descriptor of
the same terminal (its device opened again, so the shared one is left blocking, as the shell
expects it), and what the terminal does not take at once is queued for the thread, in order. Not
a terminal (a pipe, a file): everything goes to the thread, as Textual does it. The driver
(hangup.py) tries `write_now` first.
"""

from __future__ import annotations

import os
import threading
from typing import IO

from textual.drivers._writer_thread import WriterThread

__all__ = ["NOW_MAX", "Writer"]

NOW_MAX = 32_768  # characters written at once at most: a keystroke's frame is 3 to 16 KB at
# 100x30; a whole screen of a large terminal goes to the thread


class Writer(WriterThread):
    """Textual's writer thread (its queue, its order, its end on the first failed write), which
    counts what it has still to write, so that the caller may write when it has nothing."""

    def __init__(self, file: IO[str]) -> None:
        super().__init__(file)
        self._lock = threading.Lock()  # taken to write, and to count
        self._pending = 0  # texts queued, or taken and not yet written
        self.failed = False  # a write now failed: the terminal is gone
        self._now = _nonblocking(file)  # the descriptor written at once, or None
        self._encoding = (
            getattr(file, "encoding", None) or "utf-8",
            getattr(file, "errors", None) or "strict",
        )

    def put(self, text: str | None, timeout: float | None = None) -> None:
        """Queue `text` for the thread (None: flush and stop); queue.Full after `timeout`."""
        with self._lock:
            self._pending += 1
        try:
            self._queue.put(text, timeout=timeout)
        except BaseException:
            with self._lock:
                self._pending -= 1
            raise

    def write(self, text: str) -> None:
        self.put(text)

    def stop(self) -> None:
        self.put(None)
        self.join()

    def write_now(self, text: str) -> bool:
        """Write `text` on this thread, now, when the thread has nothing to write; what the
        terminal does not take at once is queued for the thread. False when nothing was
        written (queue it all). A failed write marks the writer failed and drops the text: the
        terminal has gone, which the app learns from its hang-up (hangup.py), and the thread
        ends on its next write, as Textual's does."""
        if self._now is None or len(text) > NOW_MAX or self.failed:
            return False
        if not self._lock.acquire(blocking=False):
            return False
        try:
            now = self._now
            if now is None or self._pending or not self.is_alive():
                return False
            try:
                data = text.encode(*self._encoding)
            except UnicodeEncodeError:
                return False  # the thread's file says how it is written
            try:
                written = os.write(now, data)
            except BlockingIOError:
                return False  # it takes nothing now: all of it to the thread
            except OSError:  # EIO, EPIPE: hung up
                self.failed = True
                return True
            if written < len(data):  # the rest after it, by the thread (a slow terminal), as
                self._pending += 1  # bytes: the cut may be within a character
                self._queue.put_nowait(data[written:])  # type: ignore[arg-type]  # (empty: none pending)
            return True
        finally:
            self._lock.release()

    def close_now(self) -> None:
        """Close the descriptor written at once (the thread's file is the driver's)."""
        with self._lock:
            now, self._now = self._now, None
        if now is not None:
            os.close(now)

    def run(self) -> None:
        file, get, queued = self._file, self._queue.get, self._queue.qsize
        try:
            while True:
                text: str | bytes | None = get()
                try:
                    if text is None:
                        break
                    if isinstance(text, bytes):  # the rest of a write made at once
                        file.flush()
                        file.buffer.write(text)  # type: ignore[attr-defined]
                    else:
                        file.write(text)
                    if queued() == 0:
                        file.flush()
                finally:
                    with self._lock:
                        self._pending -= 1
            file.flush()
        finally:
            self.close_now()


def _nonblocking(file: IO[str]) -> int | None:
    """A descriptor of `file`'s terminal of its own, which never waits to write; None when it
    is not a terminal or cannot be opened again."""
    try:
        fd = file.fileno()
        if not os.isatty(fd):
            return None
        return os.open(os.ttyname(fd), os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except (OSError, ValueError, AttributeError):
        return None
