"""Full-text search over articles with SQLite FTS5, in the search cache file.

Article text is most of a database, so its index is the one that must scale: FTS5 keeps the
postings and BM25 ranking in C and answers a keystroke in milliseconds at 100k articles. The
index lives in a cache file (`cachefile.py`: its format, building, checking and opening),
together with the rows the name index is built from and each article's title and summary line,
so a second start answers searches before it has read the database at all.

Prefix search: the text index keeps prefix indexes for two and three letters, where a prefix
stands for thousands of words ("in" for "india", "information", ...); longer ones are looked up
in the term list. A one-letter prefix index would double the time to build the index again for
nothing: every article has words that start with "l". So a query of one letter matches the start
of title words, through a small title index that has one; after other words, one letter waits
for the next. The prefix indexes double the time to build; a cold start first builds an index
without them, which answers the same (a short prefix then costs 15 ms instead of 1 at 10k
articles), and searches it while the one with them is built (`loading.py`).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from tui.search import cachefile, readahead, vocabulary
from tui.search.articlefilters import info_filters as _info_filters
from tui.search.articlefilters import match_expressions as _match_expressions
from tui.search.articlefilters import quote as _quote
from tui.search.query import Also, Query
from tui.search.rows import ArticleRow

__all__ = ["COUNT_MAX", "COUNT_SHORT", "ArticleIndex", "ArticleRow", "Found", "Matches"]

_COLUMNS = "i.id, i.title, i.summary, i.rowid"
RANK_MAX = 500  # more matches than this are listed newest first: BM25 costs ~3 ms a thousand
TITLE_TIER = 50  # how many title matches (the newest) are lifted above text matches
ID_CHUNK = 500  # row numbers per look-up of their info rows
COUNT_MAX = 10_000  # matches are counted up to this; past it a pane says "10,000+"
# ... and only up to this while the last word is a prefix of one to three letters, being typed:
# "de" begins a word of nearly every article, and counting them all took a tenth of a key.
COUNT_SHORT = 1_000  # (more than RANK_MAX: a count that stopped still says "too many to rank")
TITLE_BONUS = 100.0
EXPAND_FROM = 4  # a last word this long is beyond the prefix indexes: spelled out (`_spelled`)
EXPAND_MAX = 16  # ... when it begins no more words than this


class Matches(NamedTuple):
    """The best articles, best first, and how many match: `total` is `counted_to` + 1 when
    they were counted only that far (more match)."""

    found: list[Found]
    total: int
    counted_to: int = COUNT_MAX


class Found(NamedTuple):
    """One article hit: enough to show its row without reading the database."""

    id: str
    title: str
    summary: str
    score: float
    row: int  # the article's number in the index
    text: str | None = None  # for a snippet: given to the first hits a search is asked for


class ArticleIndex:
    """Ranked article search: FTS5 for words, a side table for filters, order and rows."""

    def __init__(self, conn: sqlite3.Connection, warm: bool = False) -> None:
        self._conn = conn
        self._lock = threading.RLock()  # a search, or the change to another connection
        self.warm = warm
        self.damaged = False  # a search hit a damaged page of the cache: build it again
        self._words: bool | None = None  # the file lists its words (asked once)
        self._all: dict[int, int] = {}  # how many articles there are, counted to a cap
        self.generation = 0  # how many times it took another index (`take`): answers made
        # before may differ (a quick first index counts words being typed only so far)

    @staticmethod
    def start(
        rows: Iterable[ArticleRow], cache: Path | None = None, key: str = "", prefixes: bool = True
    ) -> cachefile.Build:
        """Start indexing `rows` on a thread of its own (see cachefile.Build): in the cache file
        when `cache` is given and can be written, in memory otherwise."""
        rows = list(rows)
        if cache is not None:
            try:
                return cachefile.Build(rows, cache, key, prefixes)
            except (OSError, sqlite3.Error) as error:
                if not cachefile.unwritable(error):
                    raise
        return cachefile.Build(rows, None, key, prefixes)  # nothing to confirm

    @classmethod
    def finished(
        cls,
        building: cachefile.Build,
        rows: list[ArticleRow],
        stored: Mapping[str, bytes] | None = None,
    ) -> ArticleIndex:
        """The index `building` makes of `rows`, with `stored` blobs beside it: in memory, made
        now, if the cache file failed at the end (a full disk, a folder in its place)."""
        try:
            return cls(building.finish(stored))
        except (OSError, sqlite3.Error) as error:
            if not cachefile.unwritable(error):
                raise
            return cls(cachefile.Build(rows, None, prefixes=building.prefixes).finish(stored))

    @classmethod
    def build(
        cls,
        rows: Iterable[ArticleRow],
        cache: Path | None = None,
        key: str = "",
        stored: Mapping[str, bytes] | None = None,
    ) -> ArticleIndex:
        """Index `rows` and wait for it (see `start`)."""
        rows = list(rows)
        return cls.finished(cls.start(rows, cache, key), rows, stored)

    @property
    def complete(self) -> bool:
        """The index has its prefix indexes (False: a first start was closed before the cache
        had them, see `cachefile.Build`)."""
        return self.stored(cachefile.COMPLETE) == b"yes"

    def take(self, building: cachefile.Build, stored: Mapping[str, bytes] | None = None) -> bool:
        """Answer from the index `building` makes (with `stored` beside it), once it is done,
        instead of this one; False when that build failed, and this index goes on answering.
        Both index the same rows, numbered alike: a row number means the same article in
        either."""
        try:
            conn = building.finish(stored)
        except (OSError, sqlite3.Error) as error:
            if not cachefile.unwritable(error):
                raise
            return False
        with self._lock:  # not in the middle of a search
            old, self._conn, self._words = self._conn, conn, None
            self.generation += 1
            self.damaged = False  # a damaged page of the old file is no concern of the new one
            old.close()  # now: it is in a cycle with its statement cache, and loads freeze those
        return True

    def read_ahead(self) -> None:
        """See readahead.py: this index's file."""
        with self._lock:  # not while `take` changes the connection
            file = readahead.file_of(self._conn)
        readahead.read_ahead(file)

    def next_letters(self, prefix: str, count: int) -> list[str]:
        """See vocabulary.next_letters; none without the word list, or from a damaged cache."""
        try:
            with self._lock:
                return vocabulary.next_letters(self._conn, prefix, count) if self._listed() else []
        except sqlite3.Error as error:
            if not cachefile.damaged(error):
                raise
            self.damaged = True
            return []

    def close(self) -> None:
        """Close the cache file (an index that will not be used)."""
        with self._lock:
            self._conn.close()

    @classmethod
    def open(cls, cache: Path, key: str, unchecked: bool = False) -> ArticleIndex | None:
        """The cached index when it exists and was built from the file `key` describes, and
        that file passed its check (or, with `unchecked`, may still be checked: the app shows
        results at once and checks the file while they are on screen)."""
        keys = (key, cachefile.UNCHECKED + key) if unchecked else (key,)
        conn = cachefile.open_file(cache, keys)
        return None if conn is None else cls(conn, warm=True)

    def stored(self, name: str) -> bytes | None:
        """A blob kept beside the index; None when it is missing or on a damaged page."""
        try:
            with self._lock:
                row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        except sqlite3.Error as error:
            if not cachefile.damaged(error):
                raise
            return None
        return None if row is None else bytes(row[0])

    # -- searching ---------------------------------------------------------------------------

    def search(
        self,
        query: Query,
        limit: int,
        texts: int = 0,
        also: Also | None = None,
        count_to: int | None = None,
    ) -> Matches:
        """The best `limit` articles, best first, the first `texts` of them with their text,
        and the total number of matches (none, with `damaged` set, when the cache file turns
        out to be damaged); `also`: the user's own tag: and note: matches. Any other SQLite
        error is a bug, and is raised.

        The matches are counted up to `count_to`; by default to COUNT_SHORT while the last
        word is a prefix of one to three letters, else to COUNT_MAX. (A word whose articles
        the word list gives is counted in full whatever `count_to` says: it costs nothing.)"""
        try:
            with self._lock:
                return self._search(query, limit, texts, also, count_to)
        except sqlite3.Error as error:
            if not cachefile.damaged(error):
                raise
            self.damaged = True
            return Matches([], 0)

    def _search(
        self, query: Query, limit: int, texts: int, also: Also | None, count_to: int | None
    ) -> Matches:
        body, title_prefix = _match_expressions(query)
        info, params = _info_filters(query, also)
        sets: list[tuple[str, str]] = []  # (condition on {rowid}, its parameter)
        if title_prefix is not None:
            if not info and not query.excluded:
                return self._titles_only(title_prefix, limit, texts, count_to or COUNT_SHORT)
            sets.append(
                ("{rowid} IN (SELECT rowid FROM titles WHERE titles MATCH ?)", title_prefix)
            )
        if query.excluded and body is None:
            sets.append(
                (
                    "{rowid} NOT IN (SELECT rowid FROM fts WHERE fts MATCH ?)",
                    " OR ".join(_quote(w) for w in query.excluded),
                )
            )
        params += [value for _, value in sets]
        if body is None:  # newest first
            where = " AND ".join([info or "1", *(c.format(rowid="i.rowid") for c, _ in sets)])
            cap = count_to or COUNT_MAX
            if where == "1":  # every article: counted once (1.3 ms at 10k, each time the
                total = self._all.get(cap)  # query was cleared)
                if total is None:
                    total = self._all[cap] = self._count("SELECT rowid FROM info", [], cap)
            else:
                total = self._count(f"SELECT rowid FROM info i WHERE {where}", params, cap)
            rows = self._conn.execute(
                f"SELECT rowid FROM info i WHERE {where} ORDER BY i.rowid LIMIT ?", [*params, limit]
            )
            return Matches(self._found({row: 0.0 for (row,) in rows}, texts), total, cap)
        # `+rowid`: SQLite would otherwise hand FTS5 each row number to match one by one.
        conditions = [f"+rowid IN (SELECT rowid FROM info i WHERE {info})"] if info else []
        conditions += [c.format(rowid="+rowid") for c, _ in sets]
        cond = "".join(f" AND {c}" for c in conditions)
        spelled, articles = self._spelled(query, body)
        if spelled is None:
            return Matches([], 0)
        # One word, nothing else: the word list says how many articles have it. Else FTS5
        # counts them, only so far while the last word is a short prefix being typed.
        short = query.prefix_last and bool(query.terms) and len(query.terms[-1]) < EXPAND_FROM
        cap = count_to or (COUNT_SHORT if short else COUNT_MAX)
        if (
            len(query.terms) == 1
            and articles is not None
            and not (query.phrases or query.excluded or cond)
        ):
            total, cap = min(articles, COUNT_MAX + 1), COUNT_MAX
        else:
            total = self._count(
                f"SELECT rowid FROM fts WHERE fts MATCH ?{cond}", [spelled, *params], cap
            )
        # A prefix that begins one word only is that word, for BM25 too.
        ranked_by = spelled if articles is not None else body
        excludes = bool(query.excluded)
        return self._ranked(ranked_by, spelled, excludes, cond, params, limit, texts, total, cap)

    def _titles_only(self, prefix: str, limit: int, texts: int, cap: int) -> Matches:
        """A lone letter: titles with a word starting with it, newest first (counted to
        `cap`)."""
        sql = "SELECT rowid FROM titles WHERE titles MATCH ?"
        total = self._count(sql, [prefix], cap)
        rows = self._conn.execute(f"{sql} ORDER BY rowid LIMIT ?", [prefix, limit])
        return Matches(self._found({row: 0.0 for (row,) in rows}, texts), total, cap)

    def _ranked(
        self,
        match: str,
        spelled: str,
        excludes: bool,
        cond: str,
        params: list,
        limit: int,
        texts: int,
        total: int,
        cap: int,
    ) -> Matches:
        """Title matches first (newest first), then the rest: by BM25 when the matches are few
        enough to rank within a keystroke, newest first otherwise.

        Each step asks one FTS5 table alone and sorts there (`ORDER BY rank` is sorted inside
        FTS5, `ORDER BY rowid` stops at the limit); the info rows are read for the chosen row
        numbers only. `spelled` matches what `match` does, faster (see `_spelled`); only BM25,
        which scores a prefix as one phrase, is given `match`. `total`: the number of matches,
        counted up to `cap`.
        """
        if not total:
            return Matches([], 0)
        if not limit:  # a count (see Index.count_articles)
            return Matches([], total, cap)
        in_text = " AND +rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)" if excludes else ""
        scores = {
            row: TITLE_BONUS
            for (row,) in self._conn.execute(
                f"SELECT rowid FROM titles WHERE titles MATCH ?{cond}{in_text} ORDER BY rowid "
                "LIMIT ?",
                [spelled, *params, *([spelled] if excludes else []), TITLE_TIER],
            )
        }
        titled = len(scores)
        if titled >= limit:  # the page is all title matches: ranking the text would not show
            return Matches(self._found(dict(list(scores.items())[:limit]), texts), total, cap)
        # Newest first selects no score: BM25 of a prefix needs the number of documents with
        # any word it begins, which FTS5 counts by reading every match (40 ms at 100k).
        ranked = total <= RANK_MAX
        score, order, by = ("-rank", "rank", match) if ranked else ("0", "rowid", spelled)
        for row, value in self._conn.execute(
            f"SELECT rowid, {score} FROM fts WHERE fts MATCH ?{cond} ORDER BY {order} LIMIT ?",
            [by, *params, limit],
        ):
            scores.setdefault(row, float(value))
        # Title matches stay first, in their order, whatever BM25 gives the rest.
        rest = sorted(list(scores)[titled:], key=lambda row: (-scores[row], row))
        best = [*list(scores)[:titled], *rest][:limit]
        return Matches(self._found({row: scores[row] for row in best}, texts), total, cap)

    def _spelled(self, query: Query, match: str) -> tuple[str | None, int | None]:
        """`match` with its last word, a prefix of EXPAND_FROM letters or more, spelled out as
        the indexed words it begins ("exchange" OR "exchanges"); None when it begins none. With
        it, how many articles have that word when it begins one only (else None).

        FTS5 answers a prefix past its prefix indexes by merging the lists of every word it
        begins, positions and all, before the first row comes out, and again for each statement:
        1 ms for "exchange"* at 10k articles, where the words one by one take 0.03 ms. The words
        are those a complete cache lists (`cachefile._WORD_LIST`); without the list, or for a
        prefix of many words or of characters FTS5 may split otherwise, `match` is left as it is.
        """
        if not query.prefix_last or not query.terms:
            return match, None
        prefix = query.terms[-1]
        if len(prefix) < EXPAND_FROM or not (prefix.isascii() and prefix.isalnum()):
            return match, None
        if not self._listed():
            return match, None
        words = vocabulary.begun(self._conn, prefix, EXPAND_MAX + 1)
        if len(words) > EXPAND_MAX:
            return match, None
        if not words:  # it begins no word: nothing matches, unless OR gives another way
            either = any(len(group) > 1 and group[-1].prefix for group in query.groups)
            return (match, None) if either else (None, None)
        spelled = "(" + " OR ".join(_quote(word) for word, _ in words) + ")"
        return _match_expressions(query, spelled)[0], words[0][1] if len(words) == 1 else None

    def _listed(self) -> bool:
        """The file lists its words (asked once)."""
        if self._words is None:
            self._words = vocabulary.listed(self._conn)
        return self._words

    def _found(self, scores: dict[int, float], texts: int = 0) -> list[Found]:
        """The info rows of the chosen row numbers, in the order given, the first `texts` with
        their text; the rest are asked for a few hundred at a time (an export asks for every
        article, past SQLite's limit on parameters)."""
        rows, info = list(scores), dict[int, tuple]()
        chunks = [(rows[:texts], "(SELECT body FROM texts t WHERE t.rowid = i.rowid)")]
        chunks += [
            (rows[start : start + ID_CHUNK], "NULL") for start in range(texts, len(rows), ID_CHUNK)
        ]
        for chunk, text in chunks:
            if chunk:
                sql = (
                    f"SELECT {_COLUMNS}, {text} FROM info i "
                    f"WHERE i.rowid IN ({','.join('?' * len(chunk))})"
                )
                info.update((row[3], row) for row in self._conn.execute(sql, chunk))
        return [_found(info[row], score, row) for row, score in scores.items()]

    def _count(self, rows_sql: str, params: list, cap: int) -> int:
        """How many rows `rows_sql` gives, counted up to `cap` + 1 (a count stops there:
        counting 70,000 matches of "india" would cost more than the rest of the keystroke)."""
        sql = f"SELECT count(*) FROM ({rows_sql} LIMIT {cap + 1})"
        return int(self._conn.execute(sql, params).fetchone()[0])


def _found(info: tuple, score: float, row: int) -> Found:
    """A hit from its info row (id, title, summary, row number, text)."""
    return Found(info[0], info[1], info[2], score, row, info[4])
