"""The words a complete search cache lists (`cachefile._WORD_LIST`: each word of the articles'
text index, with how many articles have it), asked two ways, on an `ArticleIndex`'s connection
and under its lock: the words a prefix begins (a long prefix is searched as them, see
`ArticleIndex._spelled`), and the letters that most often come after a prefix (the next key's
guesses, see `Index.next_keys`)."""

from __future__ import annotations

import sqlite3

WEIGHED = 2_000  # words a prefix begins, at most, for the letters after it (`next_letters`)


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
    many articles have the words each begins, the most first (then in order); " " for the word
    `prefix` itself, which a space would end. Empty when `prefix` begins more than WEIGHED
    words: weighing them would hold the typing up (a real vocabulary has hundreds of
    thousands; one letter begins some 5% of them), and the next letters decide less there."""
    sql = (
        "SELECT substr(term, ?, 1) AS letter, sum(articles), count(*) FROM "
        "(SELECT term, articles FROM words WHERE term >= ? AND term < ? LIMIT ?) GROUP BY letter"
    )
    rows = conn.execute(sql, (len(prefix) + 1, prefix, _past(prefix), WEIGHED + 1)).fetchall()
    if sum(words for _, _, words in rows) > WEIGHED:
        return []
    rows.sort(key=lambda row: (-row[1], row[0]))
    return [letter or " " for letter, _, _ in rows[:count]]


def _past(prefix: str) -> str:
    """The first string past all those `prefix` begins."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)
