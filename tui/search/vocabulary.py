"""The words a complete search cache lists (`cachefile._WORD_LIST`: each word of the articles'
text index, with how many articles have it), asked two ways, on an `ArticleIndex`'s connection
and under its lock: the words a prefix begins (a long prefix is searched as them, see
`ArticleIndex._spelled`), and the letters that most often come after a prefix (the next key's
guesses, see `Index.guesses`)."""

from __future__ import annotations

import sqlite3


def listed(conn: sqlite3.Connection) -> bool:
    """The file lists its words (a first index, built quickly, does not)."""
    sql = "SELECT 1 FROM sqlite_master WHERE name = 'words'"
    return conn.execute(sql).fetchone() is not None


def begun(conn: sqlite3.Connection, prefix: str, most: int) -> list[tuple[str, int]]:
    """The words `prefix` begins, in order, `most` at most, with how many articles have each."""
    sql = "SELECT term, articles FROM words WHERE term >= ? AND term < ? LIMIT ?"
    return conn.execute(sql, (prefix, _past(prefix), most)).fetchall()


def next_letters(conn: sqlite3.Connection, prefix: str, count: int) -> list[str]:
    """The `count` characters that most often come after `prefix` in the listed words, by how
    many articles have the words each begins, the most first (then in order). One statement
    over the words `prefix` begins: 0.1 ms for one letter at 10k articles, 0.5 at 100k."""
    sql = (
        "SELECT substr(term, ?, 1) AS letter FROM words WHERE term > ? AND term < ? "
        "GROUP BY letter ORDER BY sum(articles) DESC, letter LIMIT ?"
    )
    return [
        letter for (letter,) in conn.execute(sql, (len(prefix) + 1, prefix, _past(prefix), count))
    ]


def _past(prefix: str) -> str:
    """The first string past all those `prefix` begins."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
