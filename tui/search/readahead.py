"""The search cache read ahead: once the first results of a session are on screen, the system
is asked to read the whole cache file into its page cache, so that the searches that follow do
not wait for its pages one disk read at a time.

Without it, a session's first searches read their pages from disk as they meet them: on this
machine the first round of the keystroke benchmark at 10k articles read 256 pages (1 MB) of the
78 MB cache, a millisecond or two more a key for its first letters, and the first round was the
slowest of three. The system reads the file itself (posix_fadvise), on its own time and into its
own page cache, which it takes back under memory pressure as it does any file's; this process
holds none of it. At 100k articles that is 867 MB of disk reads, once per session; an index
built just now was written through the page cache, and is not read again (`Index.warm_up`).
"""

from __future__ import annotations

import os
import sqlite3

# The most Linux reads for one call: the larger of the disk's read_ahead_kb and max_sectors_kb,
# 128 KB and more (8 MB on this machine's disk). A call for more reads that much and stops.
CHUNK = 128 * 1024


def file_of(conn: sqlite3.Connection) -> str:
    """The file `conn` answers from; "" for a database in memory."""
    return str(conn.execute("PRAGMA database_list").fetchone()[2] or "")


def read_ahead(file: str) -> None:
    """Ask the system to read all of `file` into its page cache, a CHUNK a call: 26 ms of calls
    at 10k articles when none of it is in memory (1.3 ms when all is), 231 ms at 100k (13):
    a thread's work, which waits for the disk without the GIL. Advice
    only: where the system has no posix_fadvise (macOS, Windows), the file has gone meanwhile
    (a cache built again), or the system refuses, nothing is done, and search reads the file
    as before."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None or not file:
        return
    try:
        fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK)  # (something not a file: no wait)
    except OSError:
        return
    try:
        for start in range(0, os.fstat(fd).st_size, CHUNK):
            advise(fd, start, CHUNK, os.POSIX_FADV_WILLNEED)
    except OSError:  # refused (not a file after all): the pages are read when met, as before
        pass
    finally:
        os.close(fd)
