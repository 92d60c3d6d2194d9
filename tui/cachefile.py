"""The search cache file: its format, how it is built, checked, opened and removed.

One SQLite file per database (see `paths.index_cache`): the FTS5 index of the articles, a small
title index, an `info` table with what an article row shows, and `meta` with the format, the key
of the database version it was built from and any blobs stored beside (the name records). A build
is written under a temporary name and renamed into place, so a torn cache never exists; its key
says "unchecked" until the database it came from has passed its check (`confirm`). Searching the
file is `fts.py`'s business.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.models import Article
from tui.query import fold
from tui.wording import article_summary

FORMAT = "quadrant-search-4"
_TOKENS = "tokenize='unicode61 remove_diacritics 2'"
_SCHEMA = f"""
CREATE VIRTUAL TABLE fts USING fts5(title, body, {_TOKENS}, prefix='2 3');
CREATE VIRTUAL TABLE titles USING fts5(title, {_TOKENS}, prefix='1 2 3');
CREATE TABLE info(rowid INTEGER PRIMARY KEY, id TEXT, title TEXT, summary TEXT, year INTEGER,
                  source TEXT, tags TEXT);
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB);
"""
BUILD_CACHE_KB = 64 * 1024  # SQLite's page cache while the index is written
# FTS5 gathers this much of new terms in memory before it writes them out as a segment. With
# its default (1 MB) a build writes hundreds of small segments and spends a quarter of its time
# merging them; this bounds what a build holds on top of the rows it indexes.
BUILD_HASH_BYTES = 64 * 1024 * 1024
UNCHECKED = "unchecked:"  # the key of a cache whose database has not passed its check yet


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the search cache keeps of an article."""

    id: str
    title: str
    text: str
    published: str | None
    added: str
    source: str
    tags: tuple[str, ...]

    @classmethod
    def of(cls, article: Article) -> ArticleRow:
        return cls(article.id, article.title, article.text, article.published, article.added,
                   article.source, article.tags)

    @classmethod
    def from_dict(cls, doc: Any) -> ArticleRow:
        """From a record as stored, before it is validated: anything malformed becomes empty
        (validation then rejects the file, naming the record)."""
        doc = doc if isinstance(doc, dict) else {}
        tags = doc.get("tags")
        return cls(_str(doc, "id"), _str(doc, "title"), _str(doc, "text"),
                   _str(doc, "published") or None, _str(doc, "added"), _str(doc, "source"),
                   tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else ())


def build_memory(rows: list[ArticleRow], key: str,
                 stored: Mapping[str, bytes]) -> sqlite3.Connection:
    """The index of `rows` in memory (no cache folder, or one that cannot be written)."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(conn, rows, key, stored)
    return conn


def build_file(rows: list[ArticleRow], cache: Path, key: str,
               stored: Mapping[str, bytes]) -> sqlite3.Connection:
    """Build beside the cache under a temporary name, then rename it into place, so two
    processes building at once, or one killed halfway, never leave a torn cache. The key is
    marked unchecked until `confirm`."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(cache)
    handle, name = tempfile.mkstemp(prefix=cache.name + ".", suffix=".tmp", dir=cache.parent)
    os.close(handle)
    tmp = Path(name)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode=OFF")  # a torn build is never renamed in
            conn.execute("PRAGMA synchronous=OFF")
            conn.execute(f"PRAGMA cache_size=-{BUILD_CACHE_KB}")  # merges stay in memory
            _fill(conn, rows, UNCHECKED + key, stored)
        finally:
            conn.close()
        tmp.replace(cache)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    opened = open_file(cache, (UNCHECKED + key,))
    if opened is None:
        raise sqlite3.DatabaseError(f"{cache}: written but unreadable")
    return opened


def confirm(cache: Path, key: str) -> None:
    """Mark the cache built for `key` as usable: the database it came from passed its check.
    A cache is written before that check ends: one left by a crash is used only by the app,
    which checks the file again."""
    with contextlib.suppress(OSError, sqlite3.Error):
        conn = sqlite3.connect(cache)
        try:
            with conn:
                conn.execute("UPDATE meta SET value = ? WHERE key = 'key' AND value = ?",
                             (key, UNCHECKED + key))
        finally:
            conn.close()


def forget(cache: Path) -> None:
    """Delete the cache: the database it was built from failed its check."""
    with contextlib.suppress(OSError):
        cache.unlink(missing_ok=True)


def _fill(conn: sqlite3.Connection, rows: list[ArticleRow], key: str,
          stored: Mapping[str, bytes]) -> None:
    """Create the tables and index the rows, numbered newest first."""
    conn.executescript(_SCHEMA)
    conn.execute("INSERT INTO fts(fts, rank) VALUES ('hashsize', ?)", (BUILD_HASH_BYTES,))
    ordered = list(enumerate(sorted(rows, key=_newest_first), start=1))
    conn.executemany("INSERT INTO fts(rowid, title, body) VALUES (?, ?, ?)",
                     ((n, r.title, r.text) for n, r in ordered))
    conn.executemany("INSERT INTO titles(rowid, title) VALUES (?, ?)",
                     ((n, r.title) for n, r in ordered))
    conn.executemany("INSERT INTO info VALUES (?, ?, ?, ?, ?, ?, ?)",
                     ((n, r.id, r.title, article_summary(r.published, r.source), _year(r),
                       fold(r.source), _tags(r.tags)) for n, r in ordered))
    conn.execute("INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25(8.0, 1.0)')")
    conn.executemany("INSERT INTO meta VALUES (?, ?)",
                     [("format", FORMAT), *stored.items(), ("key", key)])
    conn.commit()


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
    "SELECT c1 FROM fts_content WHERE id = (SELECT max(rowid) FROM info)",
    "SELECT count(*) FROM info",
)


def open_file(cache: Path, keys: tuple[str, ...]) -> sqlite3.Connection | None:
    """The cache, read-only, when its format is ours and its key one of `keys`; None when it
    is absent, stale, foreign or damaged (the caller rebuilds it)."""
    if not cache.is_file():
        return None
    try:
        uri = cache.resolve().as_uri() + "?mode=ro"  # quoted: a '#' or '?' in a name is a name
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('format', 'key')"))
        if meta.get("format") == FORMAT and meta.get("key") in keys:
            for probe in _PROBES:  # each table answers (a damaged page deeper down is caught
                conn.execute(probe).fetchall()  # when a search reaches it: see `damaged`)
            return conn
        conn.close()
    except sqlite3.Error:
        pass  # damaged or foreign: the caller rebuilds it
    return None


def _newest_first(row: ArticleRow) -> tuple[bool, str, str]:
    """Sort key: published articles newest first, then undated ones by when they were added."""
    return (row.published is None, _invert(row.published or ""), _invert(row.added))


def _invert(value: str) -> str:
    return value.translate(_INVERT)


_INVERT = str.maketrans("0123456789", "9876543210")


def _year(row: ArticleRow) -> int | None:
    head = (row.published or "")[:4]
    return int(head) if head.isdigit() else None


def _tags(tags: tuple[str, ...]) -> str:
    return "|" + "|".join(fold(t) for t in tags) + "|"


def _str(doc: dict, key: str) -> str:
    value = doc.get(key)
    return value if isinstance(value, str) else ""
