"""The search cache file: its format, how it is built, checked, opened and removed.

One SQLite file per database (see `paths.index_cache`): the articles' texts and their FTS5
index, a small title index, an `info` table with what an article row shows, and `meta` with the
format, the key of the database version it was built from and any blobs stored beside (the
name records). A build is written under a temporary name and renamed into place, so a torn
cache never exists; its key says "unchecked" until the database it came from has passed its
check (`confirm`). The same tables, built in memory, serve when there is no cache to write.
Searching them is `fts.py`'s business.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

from tui.core.wording import article_summary
from tui.search.query import fold
from tui.search.rows import ArticleRow, newest_first, note_words, tag_column, year_of
from tui.search.threads import SqlThread

FORMAT = "quadrant-search-10"  # 10: notes (for note:); 9: name records have `announced`
_TOKENS = "tokenize='unicode61 remove_diacritics 2'"
# The two FTS5 tables index columns of ordinary tables ("external content"): the text once, in
# `texts`, and the titles from `info`. Their indexes are then built from those tables by one
# statement each (`rebuild`), which runs in C from start to end, without the GIL.
_SCHEMA = """
CREATE TABLE texts(rowid INTEGER PRIMARY KEY, title TEXT, body TEXT);
CREATE TABLE info(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, summary TEXT, year INTEGER,
                  source TEXT, tags TEXT, notes TEXT);
CREATE VIRTUAL TABLE fts USING fts5(title, body, content='texts', {tokens}{prefixes});
CREATE VIRTUAL TABLE titles USING fts5(title, content='info', {tokens}, prefix='1 2 3');
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB);
"""
COMPLETE = "complete"  # the meta row that says "yes" when the text index has prefix indexes
# The indexed words, sorted, with the number of articles that have each, for
# `fts.ArticleIndex._spelled`: listed from the index by SQLite, in one statement, since fetching
# them a row at a time would take the GIL for each.
_WORD_LIST = """
CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, fts, 'row');
CREATE TABLE words(term TEXT PRIMARY KEY, articles INTEGER) WITHOUT ROWID;
INSERT INTO words SELECT term, doc FROM temp.vocabulary;
DROP TABLE temp.vocabulary;
"""
TEXT_PREFIXES = ", prefix='2 3'"  # see fts.py on prefix indexes
BUILD_CACHE_KB = 64 * 1024  # SQLite's page cache while the index is written
# FTS5 gathers this much of new terms in memory before it writes them out as a segment. With
# its default (1 MB) a build writes hundreds of small segments and spends a quarter of its time
# merging them; this bounds what a build holds on top of the rows it indexes.
BUILD_HASH_BYTES = 64 * 1024 * 1024
UNCHECKED = "unchecked:"  # the key of a cache whose database has not passed its check yet
_TABLES = {"texts", "info", "fts", "titles", "meta"}
# SQLite's primary result codes (`sqlite3.Error.sqlite_errorcode & 0xFF`) that say the file is
# damaged or cannot be read: the cache is then built again. Any other error (SQLITE_ERROR: "fts5:
# syntax error", "no such column"...) is a bug in the SQL this program sends, and is raised.
_DAMAGED = {10: "SQLITE_IOERR", 11: "SQLITE_CORRUPT", 26: "SQLITE_NOTADB"}
# ... and those that say a cache file cannot be written here (the index is then kept in memory).
_UNWRITABLE = {
    **_DAMAGED,
    3: "SQLITE_PERM",
    5: "SQLITE_BUSY",
    6: "SQLITE_LOCKED",
    8: "SQLITE_READONLY",
    13: "SQLITE_FULL",
    14: "SQLITE_CANTOPEN",
}


class Cancelled(sqlite3.OperationalError):
    """The build was cancelled (the database failed its check, or the process is ending)."""


class Lost(sqlite3.DatabaseError):
    """The cache file written could not be opened again (another process replaced it)."""


def damaged(error: BaseException) -> bool:
    """The error says the cache file is damaged or unreadable, rather than that a statement is
    wrong: the cache is to be built again."""
    return _code(error) in _DAMAGED


def unwritable(error: BaseException) -> bool:
    """The error says a cache file cannot be written or kept here (a full disk, no permission,
    a build cancelled or replaced), rather than that a statement is wrong."""
    return isinstance(error, (OSError, Cancelled, Lost)) or _code(error) in _UNWRITABLE


def _code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)  # set on errors SQLite itself reports
    return code & 0xFF if isinstance(error, sqlite3.Error) and isinstance(code, int) else None


class Build:
    """An index being built, in the cache file or in memory (`cache` None).

    Making one writes the rows, on the caller's thread: that is quick, but it takes the GIL for
    every row, and a thread of its own would wait for it behind a busy one. Then a thread of its
    own (`threads.SqlThread`) builds the FTS5 indexes over them: seconds at 10k articles, spent
    in C without the GIL, so the caller goes on meanwhile. `finish` waits for it, stores the
    blobs it is given beside the index, and gives the index; `cancel` (or `threads.cancel_all`)
    stops it and removes what it wrote.

    In the cache file, the build is written under a temporary name and renamed into place, so
    two processes building at once, or one killed halfway, never leave a torn cache; its key is
    marked unchecked until `confirm`. Without `prefixes` the text index is built in half the
    time, and answers the same, only a query ending in a word of two or three letters is slower
    (see fts.py): a first index to search while the complete one is built (`COMPLETE` says
    which one a cache file holds).
    """

    def __init__(
        self, rows: list[ArticleRow], cache: Path | None, key: str = "", prefixes: bool = True
    ) -> None:
        self._cache = cache
        self._tmp: Path | None = None
        self.prefixes = prefixes
        if cache is None:
            self._conn = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            cache.parent.mkdir(parents=True, exist_ok=True)
            _remove_stale_builds(cache)
            handle, name = tempfile.mkstemp(
                prefix=cache.name + ".", suffix=".tmp", dir=cache.parent
            )
            os.close(handle)
            self._tmp = Path(name)
            key = UNCHECKED + key
            try:
                self._conn = sqlite3.connect(self._tmp, check_same_thread=False)
            except BaseException:
                self._tmp.unlink(missing_ok=True)
                raise
        self._key = key
        try:
            if self._tmp is not None:
                self._conn.execute("PRAGMA journal_mode=OFF")  # a torn build is never renamed in
                self._conn.execute("PRAGMA synchronous=OFF")
                self._conn.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KB}")  # merges in memory
            _write_rows(self._conn, rows, prefixes)
            self._thread = SqlThread(self._conn, _index_steps(self._conn, prefixes), self._discard)
        except BaseException:
            self._discard()
            raise

    def finish(self, stored: Mapping[str, bytes] | None = None) -> sqlite3.Connection:
        """Wait for the indexes, keep `stored` beside them; the connection to search them
        (read-only, for a cache file). Raises what the build met: sqlite3.Error or OSError (a
        full disk, say)."""
        with self._thread.finishing() as finished:
            if not finished:
                raise Cancelled("the search index build was cancelled")
            self._conn.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("format", FORMAT),
                    (COMPLETE, b"yes" if self.prefixes else b"no"),
                    *(stored or {}).items(),
                    ("key", self._key),
                ],
            )
            self._conn.commit()
            if self._cache is None:
                return self._conn
            assert self._tmp is not None
            self._conn.close()
            # A journal left beside the old cache would be rolled into the new one.
            _journal(self._cache).unlink(missing_ok=True)
            self._tmp.replace(self._cache)
            self._tmp = None
        opened = open_file(self._cache, (self._key,))
        if opened is None:
            raise Lost(f"{self._cache}: written but unreadable")
        return opened

    def cancel(self) -> None:
        """Stop the build and remove what it wrote (the database failed its check, or the
        process is ending); nothing is done to a build already finished."""
        self._thread.cancel()

    def _discard(self) -> None:
        # What went wrong is being raised already: an error closing what is thrown away would
        # only hide it.
        with contextlib.suppress(sqlite3.Error):
            self._conn.close()
        if self._tmp is not None:
            self._tmp.unlink(missing_ok=True)
            self._tmp = None


def _index_steps(conn: sqlite3.Connection, prefixes: bool) -> list[Callable[[], object]]:
    """What the build's thread runs: the FTS5 indexes of the rows `_write_rows` wrote, built by
    SQLite in one statement each, and the word list of a complete index."""
    return [
        partial(conn.execute, "INSERT INTO fts(fts) VALUES ('rebuild')"),
        partial(conn.execute, "INSERT INTO titles(titles) VALUES ('rebuild')"),
        *([partial(conn.executescript, _WORD_LIST)] if prefixes else []),
        # Written out here, beside the caller's work: in `finish` this took a tenth of a second
        # at 10k articles (60 MB of pages), with search waiting for it.
        conn.commit,
    ]


def confirm(cache: Path, key: str) -> None:
    """Mark the cache built for `key` as usable: the database it came from passed its check.
    A cache is written before that check ends: one left by a crash is used only by the app,
    which checks the file again. A cache gone, replaced by a file not ours, damaged or not
    writable is left as it is (the next start builds it again)."""
    try:
        conn = _connect(cache, "rw")  # never creates a file where the cache has gone
    except sqlite3.Error as error:
        if unwritable(error):
            return
        raise
    try:
        if _ours(conn):
            with conn:
                conn.execute(
                    "UPDATE meta SET value = ? WHERE key = 'key' AND value = ?",
                    (key, UNCHECKED + key),
                )
    except sqlite3.Error as error:
        if not unwritable(error):
            raise
    finally:
        conn.close()


def forget(cache: Path) -> None:
    """Delete the cache: the database it was built from failed its check."""
    with contextlib.suppress(OSError):
        cache.unlink(missing_ok=True)


def _write_rows(conn: sqlite3.Connection, rows: list[ArticleRow], prefixes: bool) -> None:
    """Create the tables and write the rows, numbered newest first; the FTS5 indexes are left
    to `_index_steps`, the meta rows to `Build.finish`."""
    conn.executescript(_SCHEMA.format(tokens=_TOKENS, prefixes=TEXT_PREFIXES if prefixes else ""))
    for option, value in (("hashsize", BUILD_HASH_BYTES), ("rank", "bm25(8.0, 1.0)")):
        conn.execute("INSERT INTO fts(fts, rank) VALUES (?, ?)", (option, value))
    ordered = list(enumerate(sorted(rows, key=newest_first), start=1))
    conn.executemany(
        "INSERT INTO texts VALUES (?, ?, ?)", ((n, r.title, r.text) for n, r in ordered)
    )
    conn.executemany(
        "INSERT INTO info VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                n,
                r.id,
                r.title,
                article_summary(r.published, r.source),
                year_of(r),
                fold(r.source),
                tag_column(r.tags),
                note_words(r.notes),
            )
            for n, r in ordered
        ),
    )


STALE_BUILD_SECONDS = 600  # a build file untouched this long was left by a killed process


def _remove_stale_builds(cache: Path) -> None:
    """Delete build files of this cache that a killed process left (a build under way in
    another process writes all the time, so its file is never that old)."""
    now = time.time()
    for leftover in cache.parent.glob(cache.name + ".*.tmp"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > STALE_BUILD_SECONDS:
                leftover.unlink()


_PROBES = (
    "SELECT count(*) FROM titles WHERE titles MATCH 'x*'",
    "SELECT count(*) FROM fts WHERE fts MATCH 'xx*'",
    "SELECT body FROM texts WHERE rowid = (SELECT max(rowid) FROM info)",
    "SELECT count(*) FROM info",
)


def open_file(cache: Path, keys: tuple[str, ...]) -> sqlite3.Connection | None:
    """The cache, read-only, when its format is ours and its key one of `keys`; None when it
    is absent, stale, foreign, damaged or unreadable (the caller rebuilds it). Any other
    SQLite error is a bug, and is raised."""
    if not cache.is_file():
        return None
    _roll_back(cache)
    try:
        conn = _connect(cache, "ro")
    except sqlite3.Error as error:
        if unwritable(error):  # gone meanwhile, or not ours to read
            return None
        raise
    try:
        if _ours(conn):
            meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('format', 'key')"))
            if meta.get("format") == FORMAT and meta.get("key") in keys:
                for probe in _PROBES:  # each table answers (a damaged page deeper down is
                    conn.execute(probe).fetchall()  # caught when a search reaches it)
                return conn
    except sqlite3.Error as error:
        if not damaged(error):
            conn.close()
            raise
    conn.close()  # now: in a cycle with its statement cache, it would wait for the collector
    return None


def _journal(cache: Path) -> Path:
    return cache.with_name(cache.name + "-journal")


def _roll_back(cache: Path) -> None:
    """A process ended in the middle of `confirm` leaves a hot journal beside the cache, which
    only a connection that may write can roll back (a read-only one fails with "attempt to
    write a readonly database"): roll it back now, as SQLite does on opening it to write. If it
    cannot be, the read-only open below fails, and the cache is built again."""
    if not _journal(cache).exists():
        return
    with contextlib.suppress(sqlite3.Error):
        conn = _connect(cache, "rw")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()


def _connect(cache: Path, mode: str) -> sqlite3.Connection:
    uri = f"{cache.resolve().as_uri()}?mode={mode}"  # quoted: a '#' or '?' in a name is a name
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _ours(conn: sqlite3.Connection) -> bool:
    """The file has this program's tables, and a meta table of its shape: another program's
    SQLite file, or an older format's, is not read further (where a query of it could fail
    like a wrong statement)."""
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    columns = [row[1] for row in conn.execute("PRAGMA table_info(meta)")]
    return _TABLES <= tables and columns == ["key", "value"]
