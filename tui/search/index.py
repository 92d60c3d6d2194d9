"""Search-as-you-type over the three kinds of item, ranked, with the matched characters marked.

Ranking, per pane: an exact name, acronym or alias first; then names that start with the query;
then name words; then words in titles; then words in text (BM25 for articles); and when the name
panes together find fewer than three names, fuzzy matches on names for typos ("hegsth"). Ties go
to the shorter name, then the newer article. Entities and agreements are few and searched in
Python; articles are searched with SQLite FTS5 (`fts.py`).

An `Index` needs no `Corpus`: everything a result row shows is in the index, so a cached index
answers before the database has been read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import orjson

from tui.core.corpus import Corpus
from tui.search.fts import COUNT_MAX, COUNT_SHORT, ArticleIndex, ArticleRow, Found, Matches
from tui.search.highlight import Marker, Span
from tui.search.kept import Kept
from tui.search.names import NameIndex, NameRecord
from tui.search.query import Also, Query, parse

PANE_LIMIT = 30  # hits of each kind when no limit is given (the palette, the command line)
KINDS = ("article", "entity", "agreement")
SNIPPETS = 30  # article rows that get a snippet (about what a tall terminal shows)
NAMES = "names"  # the name records, as stored in the search cache
WORD = re.compile(r"[^\W\d_]{4,}")  # a word a first query might begin (`Index.warm_up`)
WARM_LETTERS = 8  # ... the first letters of it typed
# A search's first key: its answer is kept (`Index.search`), and made before it is typed
FIRST_KEYS = "abcdefghijklmnopqrstuvwxyz0123456789"
GUESSES = 4  # next keys answered ahead of the typing (`next_keys`)


class Hit(NamedTuple):
    """One result: what it is, how well it matched, and what to highlight when showing it. (A
    named tuple: a keystroke makes dozens, and a frozen dataclass takes four times as long.)"""

    kind: str
    id: str
    score: float
    label: str
    spans: tuple[Span, ...] = ()
    snippet: str = ""
    snippet_spans: tuple[Span, ...] = ()
    detail: str = ""  # the line under the label: date and source, kind and mentions


@dataclass(frozen=True)
class Results:
    """The hits of one query for each pane, with each pane's total before the limit."""

    query: Query
    articles: tuple[Hit, ...] = ()
    entities: tuple[Hit, ...] = ()
    agreements: tuple[Hit, ...] = ()
    totals: dict[str, int] = field(default_factory=dict)  # cap + 1: "more than the cap"
    caps: dict[str, int] = field(default_factory=dict)  # how far each was counted: COUNT_MAX

    def of(self, kind: str) -> tuple[Hit, ...]:
        return {"article": self.articles, "entity": self.entities, "agreement": self.agreements}[
            kind
        ]

    def more_than(self, kind: str) -> int | None:
        """How far the pane's total was counted, when more match (the title says "1,000+"),
        else None."""
        cap = self.caps.get(kind, COUNT_MAX)
        return cap if self.totals.get(kind, 0) > cap else None

    @property
    def rough(self) -> bool:
        """The articles were counted only part of the way while a word was typed
        (`Index.search` with `typing`): `Index.count_articles` counts them in full."""
        return (self.more_than("article") or COUNT_MAX) < COUNT_MAX

    def best(self) -> Hit | None:
        """The single best hit across panes: exact names beat everything else."""
        tops = [hits[0] for hits in (self.entities, self.agreements, self.articles) if hits]
        return max(tops, key=lambda h: h.score, default=None)


class Index:
    """Everything search needs: built once per database version (in a worker, never on the UI
    thread), or opened from the cache file a previous start wrote."""

    def __init__(self, names: NameIndex, articles: ArticleIndex | None) -> None:
        self.names = names
        self.articles = articles  # None while a cold start indexes them: names answer first
        self._kept = Kept[Results]()  # answers kept for the search bar's keys (kept.py)

    @property
    def indexing(self) -> bool:
        """The articles are still being indexed: only entities and agreements are searched."""
        return self.articles is None

    @property
    def damaged(self) -> bool:
        """A search found the cache file damaged: the index must be built again."""
        return self.articles is not None and self.articles.damaged

    @property
    def warm(self) -> bool:
        """True when the index came from the cache file instead of being built."""
        return self.articles is not None and self.articles.warm

    @classmethod
    def of(cls, corpus: Corpus, cache: Path | None = None, key: str = "") -> Index:
        """The index of a loaded corpus (the command line, the tests)."""
        records = name_records(corpus)
        rows = [ArticleRow.of(a) for a in corpus.articles.values()]
        return cls(NameIndex(records), build_articles(rows, records, cache, key))

    @classmethod
    def open(cls, cache: Path, key: str, unchecked: bool = False) -> Index | None:
        """The cached index of the database file `key` describes, or None (absent, stale or
        damaged: the caller builds it again). See ArticleIndex.open for `unchecked`."""
        articles = ArticleIndex.open(cache, key, unchecked)
        if articles is None:
            return None
        try:
            records = [
                NameRecord.from_row(row) for row in orjson.loads(articles.stored(NAMES) or b"")
            ]
        except (orjson.JSONDecodeError, TypeError, IndexError):
            articles.close()
            return None
        return cls(NameIndex(records), articles)

    def search(
        self,
        text: str | Query,
        limit: int = PANE_LIMIT,
        kinds: tuple[str, ...] = KINDS,
        also: Also | None = None,
        typing: bool = False,
    ) -> Results:
        """Rank the items of `kinds` (every kind by default: the others come back empty) for a
        query string or an already parsed query, `limit` of each. `also` holds the user's own
        matches of its tag: and note: clauses, which the caller finds (`query.overlay`).

        With `typing` (the search bar, on every key) the articles are counted only to
        COUNT_SHORT while the last word is a prefix (FTS5 counted the 9,302 matches of "defe"
        to the end on each key, the slowest part of the slowest keys): `count_articles` counts
        them in full once the typing pauses."""
        query = parse(text) if isinstance(text, str) else text
        # Typed in the search bar's first page, with nothing of the user's own to look up, a
        # query's answer is kept (kept.py): a first key's (the one after a pause, when the
        # processor is slowest to answer; see `warm_up`), any other's while it is one of the
        # last typed, so that a backspace back to it is not searched again (a millisecond of
        # the five a key took at 10k articles), and the next key's guesses' (`search_ahead`).
        # Not while the articles are indexed, nor once the cache file is found damaged: those
        # answers are not the index's. The UI thread's alone.
        if not (typing and self._keeps(query, limit, kinds, also)):
            return self._search(query, limit, kinds, also, typing)
        generation = self._generation()
        kept = self._kept.typed(query, generation)
        if kept is None:
            kept = self._search(query, limit, kinds, also, typing)
            if self.articles is None or self.damaged:
                return kept
        self._kept.keep(query, generation, kept)
        return kept

    def next_keys(self, query: Query, also: Also | None, limit: int) -> str:
        """The keys most likely typed next after `query`, being typed in the search bar, the
        most likely first: the GUESSES characters that most often follow its last word in the
        articles' words (`vocabulary.next_letters`: " " where it is a word itself). Empty for
        a query whose answer is not kept (`search`), one that does not end in a word being
        typed, or a word that begins too many to weigh in a moment."""
        if not self._keeps(query, limit, KINDS, also) or self.articles is None or self.damaged:
            return ""
        if not (query.prefix_last and query.terms and query.text[-1:].isalnum()):
            return ""
        return "".join(self.articles.next_letters(query.terms[-1], GUESSES))

    def search_ahead(self, query: Query, also: Also | None, limit: int) -> bool:
        """Answer `query`, made by one of `next_keys`, before it is typed: the next query typed
        in the search bar is given this answer if it is this query (a search is 0.5 to 1 ms
        of the 4 to 5 a key took at 10k articles). The UI thread's, while the user reads the
        answer before; the answers go with the next query typed, guessed or not. True if it
        searched (not for a query whose answer is kept already, or would not be kept)."""
        if not self._keeps(query, limit, KINDS, also) or len(query.text.strip()) < 2:
            return False  # (a first key's answer is kept already)
        generation = self._generation()
        if self.articles is None or self.damaged or self._kept.knows(query, generation):
            return False
        answer = self._search(query, limit, KINDS, None, True)
        if not self.damaged:
            self._kept.guessed(query, generation, answer)
        return True

    def _keeps(self, query: Query, limit: int, kinds: tuple[str, ...], also: Also | None) -> bool:
        """An answer to `query` typed in the search bar is kept (`search`): in its first page,
        every kind, nothing of the user's own to look up and no hint (`_plain`)."""
        return limit == self._kept.page and kinds == KINDS and _plain(query, also)

    def _generation(self) -> int:
        """Which index of the articles answers (`ArticleIndex.take` replaces one)."""
        return -1 if self.articles is None else self.articles.generation

    def _search(
        self, query: Query, limit: int, kinds: tuple[str, ...], also: Also | None, typing: bool
    ) -> Results:
        count_to = COUNT_SHORT if typing and query.prefix_last else None
        matches = (
            self._articles(query, limit, also, count_to) if "article" in kinds else Matches([], 0)
        )
        # Both name panes are searched whatever `kinds` says: together they decide whether the
        # query is a typo, and a page further down must rank as the first page did.
        named = self.names.search(
            query, {kind: limit if kind in kinds else 0 for kind in ("entity", "agreement")}, also
        )
        (entity_rows, entity_total), (agreement_rows, agreement_total) = (
            named["entity"],
            named["agreement"],
        )
        marker = Marker(query.highlight_terms, query.prefix_last)
        return Results(
            query,
            articles=tuple(self._article_hit(marker, f) for f in matches.found),
            entities=tuple(self._named_hit(marker, "entity", i, s) for i, s in entity_rows),
            agreements=tuple(self._named_hit(marker, "agreement", i, s) for i, s in agreement_rows),
            totals={"article": matches.total, "entity": entity_total, "agreement": agreement_total},
            caps={"article": matches.counted_to},
        )

    def warm_up(self, page: int = PANE_LIMIT) -> None:
        """Answer, once, the queries a first keystroke asks, so that it does not pay for them:
        SQLite prepares each shape of statement the first time a connection runs it, and
        Python specialises the code it has run a few times (the first key typed was the
        slowest of all at 10k articles, by 2 ms). The queries are the prefixes of a word in the
        newest article's title, which go each way a query can: one letter, a prefix of two
        or three, a longer one spelled out as the words it begins, a whole word.

        Then the answer to each letter and digit typed alone, `page` hits a pane (the search
        bar's first page), is made and kept, and so is any other character's once typed: a
        search's first key comes after a pause, when the processor answers two to three times
        slower than while keys follow each other, and it changes every row of every pane (the
        slowest keys of all, 1 to 1.5 ms of search at 10k articles; 36 answers, a few hundred
        kilobytes). Only at that page size: a resized terminal's first keys are searched, as
        are the pages the panes ask for next. Not a query the user's own matches or a saved
        search's hint go with (`_plain`). Run on a thread of its own once the results are
        on screen (`ArticleIndex` has its lock; the answers are kept as kept.py says a
        thread other than the UI's may). Last, a cache file opened from disk is read ahead
        (readahead.py): the searches that follow find it read. A file built just now was
        written through the system's page cache."""
        self._kept.page = page
        newest = self.search("", 1, ("article",)).articles
        words = WORD.findall(newest[0].label) if newest else []
        word = max(words, key=len, default="search").casefold()[:WARM_LETTERS]
        self._first_key(word[:1], page)  # as the search bar asks (its first key kept)
        for end in range(2, len(word) + 1):
            self._search(parse(word[:end]), page, KINDS, None, True)  # (not kept: warmed)
        for key in FIRST_KEYS.replace(word[:1], ""):
            self._first_key(key, page)
        if self.articles is not None and self.articles.warm and self.articles.complete:
            self.articles.read_ahead()  # (an incomplete one is about to be built again)

    def _first_key(self, key: str, page: int) -> None:
        """Answer `key` typed alone and keep the answer (`warm_up`'s thread)."""
        query, generation = parse(key), self._generation()
        answer = self._search(query, page, KINDS, None, True)
        if self.articles is not None and not self.damaged:  # (names alone: not the answer)
            self._kept.first(query, generation, answer)

    def count_articles(self, query: Query, also: Also | None = None) -> tuple[int, int | None]:
        """How many articles match `query`, in full (to COUNT_MAX): the total, and how far it
        was counted when more match (None: the total is exact). One statement, at most
        COUNT_MAX + 1 rows (a millisecond or two at 10k articles, 100k alike)."""
        matches = self._articles(query, 0, also, COUNT_MAX)
        more = matches.counted_to if matches.total > matches.counted_to else None
        return matches.total, more

    def _articles(
        self, query: Query, limit: int, also: Also | None, count_to: int | None = None
    ) -> Matches:
        if self.articles is None or (query.kinds and "article" not in query.kinds):
            return Matches([], 0)
        if query.parties or query.signed or query.announced or query.statuses:  # articles lack
            return Matches([], 0)
        texts = SNIPPETS if query.highlight_terms and limit else 0
        return self.articles.search(query, limit, texts, also, count_to)

    @staticmethod
    def _article_hit(marker: Marker, found: Found) -> Hit:
        excerpt, excerpt_spans = ("", []) if found.text is None else marker.snippet(found.text)
        return Hit(
            "article",
            found.id,
            found.score,
            found.title,
            tuple(marker.spans(found.title)),
            excerpt,
            tuple(excerpt_spans),
            found.summary,
        )

    def _named_hit(self, marker: Marker, kind: str, item_id: str, score: float) -> Hit:
        record = self.names.get(kind, item_id)
        assert record is not None
        return Hit(
            kind,
            item_id,
            score,
            record.label,
            tuple(marker.spans(record.label)),
            detail=record.summary,
        )


def _plain(query: Query, also: Also | None) -> bool:
    """A query with no tag: or note: of the user's to look up (their answers change with the
    user's own files), and no hint beside it (a saved search `@x` says so under the bar;
    `hints` take no part in a query's equality)."""
    return also is None and not query.hints


def name_records(corpus: Corpus) -> list[NameRecord]:
    """What the name index needs of each entity and agreement, with its number of mentions."""
    entities = [
        NameRecord.of(e, corpus.mention_count("entity", e.id)) for e in corpus.entities.values()
    ]
    return entities + [
        NameRecord.of(a, corpus.mention_count("agreement", a.id))
        for a in corpus.agreements.values()
    ]


def build_articles(
    rows: list[ArticleRow], records: list[NameRecord], cache: Path | None, key: str
) -> ArticleIndex:
    """The article index, saved to `cache` with the name records beside it."""
    return ArticleIndex.build(rows, cache, key, stored_names(records))


def stored_names(records: list[NameRecord]) -> dict[str, bytes]:
    """The name records, as the cache keeps them beside the articles."""
    return {NAMES: orjson.dumps([r.to_row() for r in records])}
