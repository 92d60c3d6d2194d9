"""Loading a database for the app: search first, everything else after.

The app shows results as soon as search can answer, and opens items once the whole database is
read and checked. In order:

1. The search cache of this very file (`Index.open`) answers at once, before the database is
   read at all. Without one, the file is parsed and the index built from its records as stored:
   - the articles are indexed as soon as they are parsed (the store writes them first), on a
     thread of their own and without prefix indexes, while the rest is parsed;
   - the entities and agreements are checked and answer first (`on_names`), then the first
     article index is done and search answers everywhere (`on_search`);
   - the complete index is built next, beside step 2, and takes over when done. Each is
     written to the cache file in turn: an app closed before the complete one is done starts
     warm the next time, and builds it then.
   The articles are indexed as they are (a malformed one only fails the check in step 2, which
   names it).
2. The whole document is checked and turned into a `Corpus` (`on_corpus`: items open).
3. The complete index takes over the search, and the cache is confirmed.

The indexes are built by FTS5 in C, which lets go of the GIL, so they take the second core
while this thread parses and checks (see `cachefile.Build`).
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from tui.core.corpus import Corpus
from tui.core.document import records
from tui.search import cachefile, typos
from tui.search.cachefile import Build
from tui.search.fts import ArticleIndex, ArticleRow
from tui.search.index import Index, stored_names
from tui.search.names import NameIndex, NameRecord
from tui.storage.paths import cache_key
from tui.storage.store import Store, StoreError

COUNT_CHUNK = 20_000  # mentions counted per call: the app's keys wait while C code runs


def load(
    store: Store,
    cache: Path | None,
    key: str,
    on_search: Callable[[Index], None],
    when_idle: Callable[[], None] = lambda: None,
    on_progress: Callable[[str], None] = lambda text: None,
    on_names: Callable[[Index], None] = lambda index: None,
    on_corpus: Callable[[Corpus], None] = lambda corpus: None,
    first_index: bool = True,
) -> Corpus:
    """Read the database behind `store`: `on_search` gets the search index as soon as it is
    ready, `on_corpus` the corpus as soon as the file is checked, and the corpus is returned
    once the search cache is complete too. `key` (see `paths.cache_key`) names the file's
    version in the cache; without a key or a cache the index is built in memory. `when_idle`
    returns when the app can spare a stretch without the GIL; `on_progress` is told what a cold
    start is doing, in two short lines (it can take a minute at 100k); `on_names`, on a cold
    start, gets an index that searches the entities and agreements while the articles are
    indexed (`Index.indexing`). Without `first_index` (a command that waits for the end), a
    cold start builds the complete index straight away."""
    gc.disable()  # millions of small objects: collecting while building them only costs
    cache = cache if key else None
    try:
        # A cache whose database is still unchecked (the app was closed before the check
        # ended) is used too: the check below runs again, and removes it if the file fails.
        index = Index.open(cache, key, unchecked=True) if cache is not None else None
        if index is not None and index.articles is not None:
            on_search(index)
            # Reading and checking the file takes the interpreter, shared with the keys, for a
            # while (1.5 s at 10k articles, 20 s at 100k): wait until the user stops typing,
            # or asks to open something (with the collector on: the app makes garbage meanwhile).
            gc.enable()
            when_idle()
            gc.disable()
            typos.load()
            if index.articles.complete:
                return _checked(store, None, cache, key, index, on_corpus)
            # The first start was closed before the cache was complete: complete it now, from
            # the version of the file it was built from (a write meanwhile reloads anyway).
            document = store.read()
            if store.path is None or cache_key(store.path) != key:
                return _checked(store, document, None, key, index, on_corpus)
            rows = _article_rows(_table(document, "articles"))
            stored = stored_names(name_records(document, store.name))
            return _checked(
                store,
                document,
                cache,
                key,
                index,
                on_corpus,
                _Completion(ArticleIndex.start(rows, cache, key), stored),
            )
        on_progress(f"Reading the database…\n{_size(store)}")
        early = _EarlyIndex(cache, key, first_index)
        building: Build | None = None
        try:
            document = store.read(on_table=early.table_read)
            named = name_records(document, store.name)
            names = NameIndex(named)
            on_names(Index(names, None))  # while the first article index is finished
            rows, building = early.of(document)
            on_progress(
                f"Indexing {len(rows):,} articles…\nfor search, once per version of the file"
            )
            stored = stored_names(named)
        except BaseException:
            early.cancel()
            if building is not None:
                building.cancel()
            raise
        index = Index(names, ArticleIndex.finished(building, rows, stored))
        del building
        on_search(index)
        typos.load()  # the first keys wait for the articles' index anyway
        # The complete index, with prefix indexes: built beside the check, on the other core.
        complete = (
            _Completion(ArticleIndex.start(rows, cache, key), stored) if first_index else None
        )
        del rows
        return _checked(store, document, cache, key, index, on_corpus, complete)
    finally:
        # The corpus lives for the session: out of the collector's reach before it runs again
        # (enabled first, it could sweep millions of new objects at once, holding the GIL).
        gc.freeze()
        gc.enable()
        _give_back_memory()


def _empty(document: dict) -> None:
    """Free the records of a parsed file one at a time. Freed at once, when the last reference
    goes, its hundreds of thousands of records are deallocated by one call, in C, that holds the
    interpreter throughout: 45 ms at 10k articles, half a second at 100k, with no key read and
    no frame drawn meanwhile. One at a time, the other threads get their turn every
    millisecond."""
    for table in document.values():
        if isinstance(table, dict):
            while table:
                table.popitem()
    document.clear()


def _give_back_memory() -> None:
    """Hand the memory the parsed file took back to the system: the C library keeps freed
    heap for reuse, about 60 MB after reading a 86 MB file (glibc's malloc_trim; elsewhere
    nothing is done)."""
    import ctypes  # only here: a load ends once per file version

    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):  # no such function; no C library by None
        return
    trim(0)


@dataclass(frozen=True)
class _Completion:
    """The complete index being built, and the blobs to keep beside it."""

    building: Build
    stored: Mapping[str, bytes]


def _checked(
    store: Store,
    document: dict | None,
    cache: Path | None,
    key: str,
    index: Index,
    on_corpus: Callable[[Corpus], None],
    complete: _Completion | None = None,
) -> Corpus:
    """The whole database checked and linked, and handed to `on_corpus`; then the `complete`
    index takes over the search when it is done, and the cache is confirmed, or removed if
    the file failed its check or a search found the cache damaged meanwhile. A document parsed
    from the file (here, when not given) is emptied once checked (see `_empty`)."""
    try:
        document = store.read() if document is None else document
        corpus = Corpus(store.load(document))
        if store.path is not None:  # parsed from the file for this load (a memory store's own
            _empty(document)  # document is the store itself)
    except BaseException as error:
        if complete is not None:
            complete.building.cancel()
        if cache is not None and isinstance(error, StoreError):
            cachefile.forget(cache)
        raise
    on_corpus(corpus)  # items open now, without waiting for the complete index
    if complete is not None and index.articles is not None:
        index.articles.take(complete.building, complete.stored)
    elif complete is not None:
        complete.building.cancel()
    if cache is not None:
        if index.damaged:
            cachefile.forget(cache)
        else:
            cachefile.confirm(cache, key)
    return corpus


class _EarlyIndex:
    """A first article index, started as soon as the articles are parsed, while the rest of the
    file is (the store writes them first): built without prefix indexes, in half the time of the
    complete one, it lets search answer a second sooner at 10k articles. It is written to the
    cache file, so an app closed before the complete index is done still starts warm next time
    (and builds the complete one then). Without `first` (a command that waits for the end), the
    complete one is started here instead."""

    def __init__(self, cache: Path | None, key: str, first: bool = True) -> None:
        self._cache, self._key, self._first = cache, key, first
        self._table: dict | None = None
        self._rows: list[ArticleRow] = []
        self._build: Build | None = None

    def table_read(self, name: str, table: object) -> None:
        if name == "articles" and isinstance(table, dict):
            self._table, self._rows = table, _article_rows(table)
            self._build = self._start(self._rows)

    def of(self, document: dict) -> tuple[list[ArticleRow], Build]:
        """The rows of the document's articles and their index, started now if the table was
        not seen on its own (a file parsed whole) or turned out not to be the one that counts."""
        if self._build is not None and _table(document, "articles") is self._table:
            rows, build = self._rows, self._build  # the caller's now: nothing kept here
            self._table, self._rows, self._build = None, [], None
            return rows, build
        self.cancel()
        rows = _article_rows(_table(document, "articles"))
        return rows, self._start(rows)

    def _start(self, rows: list[ArticleRow]) -> Build:
        return ArticleIndex.start(rows, self._cache, self._key, prefixes=not self._first)

    def cancel(self) -> None:
        if self._build is not None:
            self._build.cancel()
            self._build = None


def _article_rows(table: dict) -> list[ArticleRow]:
    """By id, the last record winning, as in Corpus: two records with one id are one item."""
    return list({row.id: row for row in map(ArticleRow.from_dict, table.values())}.values())


def search_index(store: Store, cache: Path | None) -> Index:
    """The search index alone (the `search` command): from the cache when it is current."""
    key = cache_key(store.path) if store.path is not None and cache is not None else ""
    index = Index.open(cache, key) if cache is not None and key else None
    if index is None:
        found: list[Index] = []
        load(store, cache, key, found.append, first_index=False)
        index = found[0]
    return index


def name_records(document: dict, name: str) -> list[NameRecord]:
    """The name index's records, straight from a document: its entities and agreements are
    checked here; its mentions are only counted (a mention the check will reject later, or that
    `Corpus` drops because its article is gone, may count here: the count is for ranking)."""
    entities = {e.id: e for e in records(document, "entities", name)}.values()
    agreements = {a.id: a for a in records(document, "agreements", name)}.values()
    mentions = list(_table(document, "mentions").values())
    counts: Counter = Counter()
    try:  # the fast way, in C: every mention as stored has both fields
        for start in range(0, len(mentions), COUNT_CHUNK):  # in C the GIL is held throughout
            counts.update(
                map(itemgetter("target_kind", "target"), mentions[start : start + COUNT_CHUNK])
            )
    except (KeyError, TypeError):
        counts = Counter(
            (m.get("target_kind"), m.get("target")) for m in mentions if isinstance(m, dict)
        )
    return [NameRecord.of(e, counts[("entity", e.id)]) for e in entities] + [
        NameRecord.of(a, counts[("agreement", a.id)]) for a in agreements
    ]


def _size(store: Store) -> str:
    """The file's name and size, for a progress line ("db.json, 86 MB")."""
    if store.path is None:
        return "the database"
    try:
        megabytes = store.path.stat().st_size / 1e6
    except OSError:
        return store.path.name
    return f"{store.path.name}, {megabytes:,.0f} MB" if megabytes >= 1 else store.path.name


def _table(document: dict, table: str) -> dict:
    value = document.get(table, {})
    return value if isinstance(value, dict) else {}
