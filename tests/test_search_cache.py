"""The search cache and loading: a cache is trusted only once its database passed its check,
anything stale or damaged is rebuilt, and an item opened before the database is read opens once
it is."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import orjson
import pytest

from tests.conftest import bundled_data, small_data, write_db
from tests.pilot import held_load, loaded
from tui.core.corpus import Corpus
from tui.core.document import empty_database
from tui.core.models import Article
from tui.core.wording import summary
from tui.search import cachefile
from tui.search.fts import ArticleIndex, ArticleRow
from tui.search.index import NAMES, Index
from tui.search.loading import load, name_records, search_index
from tui.search.names import NameRecord
from tui.search.query import parse as parse_query
from tui.storage.paths import cache_key
from tui.storage.store import Store, StoreError

QUERIES = [
    "lemoa",
    "hegseth",
    "kind:person",
    "party:india year:2016..2020",
    "l",
    "",
    '"defence ties"',
    "-india",
    "india",
    "interoperability",
    "Pete Heg",
    "hegsth",
]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(Store.memory(bundled_data()).load())


@pytest.fixture(scope="module")
def fresh(corpus) -> Index:
    return Index.of(corpus)


def _db(tmp_path: Path, data: dict | None = None) -> tuple[Store, Path, str]:
    """A database file (the bundled data by default), opened the way the app opens it, with
    the path of its search cache and its cache key."""
    path = write_db(tmp_path / "db.json", bundled_data() if data is None else data)
    return Store.open(path, quick=True), tmp_path / "cache" / "db.fts", cache_key(path)


def _hits(results) -> dict:
    """Everything a pane shows of each hit, pane by pane."""
    return {
        kind: [
            (h.id, h.label, h.detail, h.spans, h.snippet, h.snippet_spans) for h in results.of(kind)
        ]
        for kind in ("article", "entity", "agreement")
    }


def _same_results(index: Index, other: Index, queries=QUERIES) -> None:
    for query in queries:
        ours, theirs = index.search(query), other.search(query)
        assert _hits(ours) == _hits(theirs), query
        assert ours.totals == theirs.totals, query
        assert ours == theirs, query  # scores and the parsed query too


# -- 1. the round trip ------------------------------------------------------------------------


def test_a_cache_is_trusted_only_once_confirmed_and_answers_like_a_fresh_index(
    tmp_path, corpus, fresh
):
    cache = tmp_path / "search.fts"
    built = Index.of(corpus, cache=cache, key="k")
    assert cache.is_file()
    assert not built.warm
    assert Index.open(cache, "k") is None  # written, but its database is not checked yet
    _same_results(built, fresh)

    cachefile.confirm(cache, "k")
    warm = Index.open(cache, "k")
    assert warm is not None and warm.warm
    _same_results(warm, fresh)
    # The queries really find something: equal empty results would prove nothing.
    assert warm.search("lemoa").agreements[0].id == "lemoa"
    assert warm.search("hegseth").entities[0].id == "pete-hegseth"
    assert warm.search("hegseth").entities[0].detail
    assert warm.search("").totals == {"article": 1, "entity": 95, "agreement": 30}
    assert warm.search("interoperability").articles[0].snippet_spans
    # Each row's line under the label comes from the cache alone, and says the right thing.
    article = next(iter(corpus.articles.values()))
    assert [h.detail for h in warm.search("").articles] == [summary(article)]
    hegseth = corpus.entities["pete-hegseth"]
    assert warm.search("hegseth").entities[0].detail == summary(
        hegseth, corpus.mention_count("entity", hegseth.id)
    )
    assert warm.search("lemoa").agreements[0].detail == summary(
        corpus.agreements["lemoa"], corpus.mention_count("agreement", "lemoa")
    )


def test_confirm_for_another_key_confirms_nothing(tmp_path, corpus):
    cache = tmp_path / "search.fts"
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "other")
    assert Index.open(cache, "k") is None
    assert Index.open(cache, "other") is None


def test_name_records_survive_the_cache_row_format(corpus):
    records = name_records(Store.memory(bundled_data()).read(), "(memory)")
    assert records
    again = [
        NameRecord.from_row(row)
        for row in orjson.loads(orjson.dumps([r.to_row() for r in records]))
    ]
    assert again == records


def test_malformed_article_records_become_empty_rows():
    assert ArticleRow.from_dict(5) == ArticleRow("", "", "", None, "", "", ())
    row = ArticleRow.from_dict(
        {
            "id": "x",
            "title": 3,
            "text": "words",
            "tags": ["a", 1, None],
            "published": 2020,
            "source": ["s"],
        }
    )
    assert row == ArticleRow("x", "", "words", None, "", "", ("a",))
    assert ArticleRow.from_dict({"id": "y", "tags": "a,b"}).tags == ()


# -- 2. stale and damaged caches -----------------------------------------------------------------


def test_a_cache_of_another_version_of_the_file_is_not_used(tmp_path, corpus):
    cache = tmp_path / "search.fts"
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "k")
    assert Index.open(cache, "k") is not None
    assert Index.open(cache, "k2") is None
    assert Index.open(cache, "") is None
    assert Index.open(tmp_path / "absent.fts", "k") is None


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB)")
        conn.execute("INSERT INTO meta VALUES ('format', 'quadrant-search-2'), ('key', 'k')")
        conn.execute("CREATE TABLE notes(body TEXT)")
    conn.close()


def _unrelated_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE people(name TEXT)")
    conn.close()


def _foreign_meta(path: Path) -> None:
    """Another program's file with tables of our names, its meta table of another shape (where
    reading our meta rows would fail with "no such column")."""
    conn = sqlite3.connect(path)
    with conn:
        for table in ("texts", "info", "fts", "titles"):
            conn.execute(f"CREATE TABLE {table}(x)")
        conn.execute("CREATE TABLE meta(name TEXT, data BLOB)")
    conn.close()


def _damage(kind: str, cache: Path, valid: bytes) -> None:
    cache.parent.mkdir(parents=True, exist_ok=True)
    if kind == "garbage":
        cache.write_bytes(b"\x00\xffnot a database at all\n" * 500)
    elif kind == "empty":
        cache.write_bytes(b"")
    elif kind == "truncated":
        cache.write_bytes(valid[: len(valid) // 2])
    elif kind == "header only":
        cache.write_bytes(valid[:100])
    elif kind == "older format":
        _foreign_sqlite(cache)
    elif kind == "unrelated sqlite":
        _unrelated_sqlite(cache)
    elif kind == "foreign meta":
        _foreign_meta(cache)
    else:
        raise AssertionError(kind)


DAMAGE = [
    "garbage",
    "empty",
    "truncated",
    "header only",
    "older format",
    "unrelated sqlite",
    "foreign meta",
]


@pytest.fixture(scope="module")
def valid_cache(tmp_path_factory, corpus) -> bytes:
    """The bytes of a confirmed cache of the bundled data for key 'k'."""
    cache = tmp_path_factory.mktemp("valid") / "search.fts"
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "k")
    assert Index.open(cache, "k") is not None
    return cache.read_bytes()


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_cache_is_not_opened(tmp_path, valid_cache, kind):
    cache = tmp_path / "search.fts"
    _damage(kind, cache, valid_cache)
    assert Index.open(cache, "k") is None


@pytest.mark.parametrize("kind", DAMAGE)
def test_load_rebuilds_a_damaged_cache(tmp_path, fresh, valid_cache, kind):
    store, cache, key = _db(tmp_path)
    _damage(kind, cache, valid_cache)
    if kind == "older format":  # the right key, so only the format tells it apart
        conn = sqlite3.connect(cache)
        with conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'key'", (key,))
        conn.close()
    assert Index.open(cache, key) is None

    found: list[Index] = []
    corpus = load(store, cache, key, found.append)
    assert len(found) == 1 and not found[0].warm
    assert corpus.counts()["entities"] == 95
    _same_results(found[0], fresh)

    rebuilt = Index.open(cache, key)
    assert rebuilt is not None and rebuilt.warm
    _same_results(rebuilt, fresh)


def test_a_folder_where_the_cache_should_be_falls_back_to_memory(tmp_path, fresh):
    store, cache, key = _db(tmp_path)
    cache.mkdir(parents=True)
    found: list[Index] = []
    corpus = load(store, cache, key, found.append)
    assert len(found) == 1 and not found[0].warm
    assert len(corpus.articles) == 1
    _same_results(found[0], fresh, ["lemoa", "l", ""])
    assert cache.is_dir() and Index.open(cache, key) is None


# -- 3. loading a database file ----------------------------------------------------------------


def test_load_answers_search_first_then_warm_from_the_cache(tmp_path, fresh):
    data = bundled_data()
    store, cache, key = _db(tmp_path, data)
    events: list = []

    def on_search(index: Index) -> None:
        # Cold: the cache is written but not trusted until the file passed its check.
        events.append(("search", index.warm, Index.open(cache, key) is None))

    corpus = load(store, cache, key, on_search)
    events.append("returned")
    assert events == [("search", False, True), "returned"]
    expected = {
        "articles": len(data["articles"]),
        "entities": len(data["entities"]),
        "agreements": len(data["agreements"]),
        "mentions": len(data["mentions"]),
    }
    assert (
        corpus.counts()
        == expected
        == {"articles": 1, "entities": 95, "agreements": 30, "mentions": 56}
    )
    confirmed = Index.open(cache, key)
    assert confirmed is not None and confirmed.warm

    found: list[Index] = []
    again = load(
        Store.open(store.path, quick=True),
        cache,
        key,
        lambda index: found.append((index, len(found))),
    )
    assert len(found) == 1
    index, _ = found[0]
    assert index.warm
    assert again.counts() == expected
    _same_results(index, fresh)


def test_load_without_a_key_or_cache_writes_nothing(tmp_path):
    store, cache, key = _db(tmp_path)
    for where, name in ((cache, ""), (None, key)):
        found: list[Index] = []
        corpus = load(store, where, name, found.append)
        assert len(found) == 1 and not found[0].warm
        assert found[0].search("lemoa").agreements[0].id == "lemoa"
        assert len(corpus.agreements) == 30
    assert not cache.exists() and not cache.parent.exists()


def test_a_changed_file_is_indexed_again(tmp_path):
    store, cache, key = _db(tmp_path, small_data())
    load(store, cache, key, lambda index: None)
    assert Index.open(cache, key) is not None

    data = small_data()
    data["articles"]["9"] = Article(
        "zz", "Zanzibar talks", "Zanzibar hosted talks.", published="2026-01-02"
    ).to_dict()
    write_db(store.path, data)
    new_key = cache_key(store.path)
    assert new_key != key
    found: list[Index] = []
    load(Store.open(store.path, quick=True), cache, new_key, found.append)
    assert not found[0].warm
    assert [h.id for h in found[0].search("zanzibar").articles] == ["zz"]
    assert Index.open(cache, key) is None  # the old version's cache is gone
    warm = Index.open(cache, new_key)
    assert warm is not None and [h.id for h in warm.search("zanzibar").articles] == ["zz"]


def test_search_index_builds_then_reuses_the_cache(tmp_path):
    store, cache, _key = _db(tmp_path)
    first = search_index(store, cache)
    assert not first.warm
    second = search_index(Store.open(store.path, quick=True), cache)
    assert second.warm
    _same_results(second, first)


# -- 4. a malformed record ---------------------------------------------------------------------


def test_a_malformed_article_fails_the_load_and_its_cache_is_never_trusted(tmp_path):
    data = small_data()
    number = next(iter(data["articles"]))
    data["articles"][number]["text"] = 5
    store, cache, key = _db(tmp_path, data)

    found: list[Index] = []
    with pytest.raises(StoreError) as raised:
        load(store, cache, key, found.append)
    message = str(raised.value)
    assert f"articles record {number}" in message and "'text'" in message
    assert str(store.path) in message
    assert len(found) == 1  # search answered from the records as stored
    assert not cache.exists()  # and the cache of a file that failed its check is gone
    assert Index.open(cache, key, unchecked=True) is None

    # The next start does not trust it either: it reads the file again and fails again.
    found.clear()
    with pytest.raises(StoreError):
        load(Store.open(store.path, quick=True), cache, key, found.append)
    assert len(found) == 1 and not found[0].warm
    assert Index.open(cache, key) is None


def test_an_unchecked_cache_answers_the_next_start_and_is_then_confirmed(tmp_path, corpus):
    """An app closed before its first check ended leaves an unchecked cache: the next start
    uses it at once (a 100k database takes a minute to check) and confirms it after."""
    store, cache, key = _db(tmp_path)
    Index.of(corpus, cache=cache, key=key)  # built, never confirmed: as if killed mid-check
    assert Index.open(cache, key) is None
    found: list[Index] = []
    load(Store.open(store.path, quick=True), cache, key, found.append)
    assert len(found) == 1 and found[0].warm
    assert Index.open(cache, key) is not None  # confirmed once the file passed


def test_a_malformed_entity_fails_before_anything_is_cached(tmp_path):
    data = small_data()
    number = next(iter(data["entities"]))
    data["entities"][number]["kind"] = "planet"
    store, cache, key = _db(tmp_path, data)
    found: list[Index] = []
    with pytest.raises(StoreError, match=f"entities record {number}"):
        load(store, cache, key, found.append)
    assert found == []
    assert Index.open(cache, key) is None


# -- 5. mention counts -------------------------------------------------------------------------


def test_name_records_count_mentions_as_the_corpus_does(corpus):
    store = Store.memory(bundled_data())
    records = name_records(store.read(), store.name)
    assert len(records) == len(corpus.entities) + len(corpus.agreements)
    counts = {(r.kind, r.id): r.mentions for r in records}
    assert counts == {
        (kind, item_id): corpus.mention_count(kind, item_id)
        for kind, table in (("entity", corpus.entities), ("agreement", corpus.agreements))
        for item_id in table
    }
    assert sum(counts.values()) == corpus.counts()["mentions"] == 56
    assert counts[("entity", "pete-hegseth")] > 0


# -- 6. one-letter prefixes --------------------------------------------------------------------


@pytest.fixture(scope="module")
def letters() -> Index:
    texts = {
        "t1": ("Logistics pact signed", "Nothing else to add.", "2024-01-01"),
        "t2": ("Quad meets", "The leaders discussed logistics.", "2024-01-02"),
        "t3": ("Hello world", "Lemons and limes.", "2024-01-03"),
        "t4": ("The long road", "Quad ministers spoke.", "2024-01-04"),
        "t5": ("Ålesund lights", "Harbour news.", "2024-01-05"),
    }
    data = empty_database("Letters")
    data["articles"] = {
        str(n): Article(i, t, x, published=d).to_dict()
        for n, (i, (t, x, d)) in enumerate(texts.items(), start=1)
    }
    return Index.of(Corpus(Store.memory(data).load()))


def _articles(index: Index, query: str) -> set[str]:
    results = index.search(query)
    ids = {h.id for h in results.articles}
    assert results.totals["article"] == len(ids), query
    return ids


def test_a_one_letter_word_matches_the_start_of_title_words_only(letters):
    assert _articles(letters, "l") == {"t1", "t4", "t5"}  # not "Hello", not text words
    assert _articles(letters, "L") == {"t1", "t4", "t5"}
    assert _articles(letters, "h") == {"t3"}  # "Harbour" is only in t5's text
    assert _articles(letters, "x") == set()
    assert _articles(letters, "-quad l") == {"t1", "t5"}  # t4's text names the Quad
    assert _articles(letters, "year:2024 l") == {"t1", "t4", "t5"}
    assert _articles(letters, "year:2025 l") == set()


def test_a_two_letter_word_matches_text_too(letters):
    assert _articles(letters, "lo") == {"t1", "t2", "t4"}  # t2: "logistics" in its text
    assert _articles(letters, "le") == {"t2", "t3"}  # "leaders", "Lemons": text only
    assert _articles(letters, "li") == {"t3", "t5"}  # "limes" in text, "lights" in title
    assert _articles(letters, "ha") == {"t5"}


def test_a_finished_one_letter_word_is_a_whole_word(letters):
    assert _articles(letters, "l ") == set()  # the word "l" itself, in no article


def test_one_letter_title_prefix_marks_the_title(letters):
    hit = next(h for h in letters.search("l").articles if h.id == "t4")
    assert [hit.label[s:e] for s, e in hit.spans] == ["l"]


# -- 7. an item opened before the database is read --------------------------------------------


@pytest.mark.parametrize(
    ("keys", "screen", "kind", "item_id"),
    [
        (("slash", *"hegseth", "enter", "enter"), "DetailScreen", "entity", "pete-hegseth"),
        (("slash", *"comcasa", "enter", "enter"), "DetailScreen", "agreement", "comcasa"),
        (("1", "enter"), "ReaderScreen", "article", None),
    ],
)
async def test_an_item_opened_before_the_corpus_arrives_opens_when_it_does(
    monkeypatch, keys, screen, kind, item_id
):
    from tui.ui.screens.detail import DetailScreen
    from tui.ui.screens.main import MainScreen
    from tui.ui.screens.reader import ReaderScreen

    store = Store.memory(bundled_data())
    async with held_load(monkeypatch, store) as (pilot, release, corpus, loads):
        app = pilot.app
        item_id = item_id or next(iter(corpus.articles))
        await pilot.press(*keys)
        for _ in range(250):  # the search of the typed query comes back, then enter asks
            if app.pending is not None:
                break
            await pilot.pause(0.02)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)  # nothing to open yet
        assert app.pending == (kind, item_id, None)

        release.set()
        await loaded(app)
        await pilot.pause()
        await pilot.pause()
        opened = app.screen
        expected = {"DetailScreen": DetailScreen, "ReaderScreen": ReaderScreen}[screen]
        assert isinstance(opened, expected)
        assert (opened.article if kind == "article" else opened.item).id == item_id
        assert app.pending is None and app.corpus is corpus
        assert loads == ["load"]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


# -- bugs found while writing these tests (see the report) -------------------------------------


def _page_size(cache: Path) -> int:
    conn = sqlite3.connect(cache)
    try:
        return conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()


def _overwrite_page(cache: Path, offset: int) -> None:
    size = _page_size(cache)
    data = bytearray(cache.read_bytes())
    start = offset - offset % size
    data[start : start + size] = b"\xff" * size
    cache.write_bytes(bytes(data))


def test_a_damaged_name_record_page_is_rebuilt_not_raised(tmp_path, corpus):
    store, cache, key = _db(tmp_path)
    load(store, cache, key, lambda index: None)
    blob = ArticleIndex.open(cache, key).stored(NAMES)
    middle = blob[len(blob) // 2 : len(blob) // 2 + 24]  # far into the blob: an overflow page
    offset = cache.read_bytes().find(middle)
    assert offset > 0
    _overwrite_page(cache, offset)

    assert Index.open(cache, key) is None
    found: list[Index] = []
    load(Store.open(store.path, quick=True), cache, key, found.append)
    assert not found[0].warm


def test_a_cache_with_a_damaged_text_index_is_not_opened(tmp_path, corpus):
    cache = tmp_path / "search.fts"
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "k")
    conn = sqlite3.connect(cache)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'fts_data'").fetchone()[0]
    conn.close()
    _overwrite_page(cache, (root - 1) * _page_size(cache))

    index = Index.open(cache, "k")
    if index is not None:  # opened: then it must answer, or say it must be built again
        results = index.search("india")
        assert index.damaged or results.totals["article"] > 0


@pytest.mark.parametrize("name", ["db#2.fts", "what?.fts", "100%25.fts"])
def test_a_cache_path_with_uri_characters_is_opened(tmp_path, corpus, name):
    cache = tmp_path / name
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "k")
    assert Index.open(cache, "k") is not None
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no stray file beside it


def test_counts_stop_at_the_cap_and_the_pane_says_so(monkeypatch, corpus):
    """Counting every match of a common word at 100k costs more than the rest of a keystroke:
    counts stop past COUNT_MAX, and the pane title then says "N+"."""
    from tui.ui.widgets.rows import title

    index = Index.of(corpus)
    exact = index.search("", 5)
    assert exact.totals["entity"] == 95 and exact.more_than("entity") is None
    monkeypatch.setattr("tui.search.fts.COUNT_MAX", 2)
    monkeypatch.setattr("tui.search.index.COUNT_MAX", 2)
    many = Index.of(Corpus(Store.memory(_many_articles(5)).load()))
    capped = many.search("", 10)
    assert capped.totals["article"] == 3 and capped.more_than("article") == 2
    assert len(capped.articles) == 5  # the rows are all there; only the count stopped
    assert title("article", 3, 2) == "Articles 2+"
    assert title("article", 3) == "Articles 3"


def _many_articles(count: int) -> dict:
    data = small_data()
    data["articles"] = {
        str(n): Article(f"m{n}", f"Note {n}", "Quad text.", published="2020-01-01").to_dict()
        for n in range(1, count + 1)
    }
    data["mentions"] = {}
    return data


# -- 8. the first index, and the one kept ------------------------------------------------------

SHORT_PREFIXES = [
    "in",
    "ind",
    "de",
    "def",
    "l",
    "lo",
    "le",
    "q",
    "qu",
    "quad",
    "india de",
    "pentagon",
    '"defence ties"',
    "-india",
    "year:2020..2025 co",
    "",
]


def test_an_index_without_prefix_indexes_answers_as_the_cached_one(corpus, fresh):
    rows = [ArticleRow.of(a) for a in corpus.articles.values()]
    quick = Index(fresh.names, ArticleIndex(ArticleIndex.start(rows, prefixes=False).finish()))
    _same_results(quick, fresh, QUERIES + SHORT_PREFIXES)


def test_a_cancelled_build_leaves_nothing_behind(tmp_path, corpus):
    cache = tmp_path / "cache" / "search.fts"
    rows = [ArticleRow.of(a) for a in corpus.articles.values()]
    ArticleIndex.start(rows, cache, "k").cancel()
    assert list(cache.parent.iterdir()) == []


def _stored_layout(path: Path, data: dict, tail: bytes = b"") -> Path:
    """`data` written as the store writes it (indented: read a table at a time), with `tail`
    added as further tables."""
    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2)
    path.write_bytes(payload[:-2] + tail + payload[-2:])
    return path


@pytest.fixture
def pieces(monkeypatch):
    """Files are read in pieces of 4 KB, so the bundled database is read a table at a time."""
    from tui.storage import jsonparts

    monkeypatch.setattr(jsonparts, "PIECE", 4096)


def _spied(monkeypatch) -> list:
    """The order in which indexes are started and the file's reading ends."""
    events: list = []
    start, read = ArticleIndex.start, Store.read

    def spy_start(rows, cache=None, key="", prefixes=True):
        events.append("quick index" if not prefixes else "cached index")
        return start(rows, cache, key, prefixes)

    def spy_read(self, on_table=None):
        document = read(self, on_table)
        events.append("read")
        return document

    monkeypatch.setattr(ArticleIndex, "start", staticmethod(spy_start))
    monkeypatch.setattr(Store, "read", spy_read)
    return events


@pytest.mark.parametrize("layout", ["as stored", "compact"])
def test_a_cold_load_indexes_the_articles_while_the_rest_is_read(
    tmp_path, monkeypatch, pieces, fresh, layout
):
    path = tmp_path / "db.json"
    _stored_layout(path, bundled_data()) if layout == "as stored" else write_db(
        path, bundled_data()
    )
    cache, key = tmp_path / "c.fts", cache_key(path)
    events = _spied(monkeypatch)

    def on_search(index: Index) -> None:  # the first index, without prefix indexes
        events.append("search")
        _same_results(index, fresh, QUERIES + SHORT_PREFIXES)
        first = Index.open(cache, key, unchecked=True)  # already in the cache: a start that
        assert first is not None and not first.articles.complete  # ends now is warm next time

    found: list[Index] = []
    load(
        Store.open(path, quick=True),
        cache,
        key,
        lambda index: (on_search(index), found.append(index)),
    )
    first = ["quick index", "read"] if layout == "as stored" else ["read", "quick index"]
    assert events == [*first, "search", "cached index"]
    _same_results(found[0], fresh, QUERIES + SHORT_PREFIXES)  # now from the cache file
    warm = Index.open(cache, key)
    assert warm is not None
    _same_results(warm, fresh, QUERIES + SHORT_PREFIXES)
    assert list(tmp_path.glob("*.tmp")) == []


def test_an_articles_table_stored_twice_is_indexed_as_the_whole_parse_reads_it(
    tmp_path, monkeypatch, pieces
):
    """A second "articles" key further on: the table read early is not the one that counts
    (orjson keeps the last), so the first index is started again from the right one."""
    data = bundled_data()
    number, article = next(iter(data["articles"].items()))
    again = {**data["articles"], number: {**article, "title": "Retitled in the second table"}}
    tail = orjson.dumps({"articles": again}, option=orjson.OPT_INDENT_2)[1:-2]
    path = _stored_layout(tmp_path / "db.json", data, b"," + tail)
    cache, key = tmp_path / "c.fts", cache_key(path)
    events = _spied(monkeypatch)
    found: list[Index] = []
    load(Store.open(path, quick=True), cache, key, found.append)
    assert events == ["quick index", "read", "quick index", "cached index"]
    assert [h.label for h in found[0].search("retitled").articles] == [
        "Retitled in the second table"
    ]
    assert article["title"] not in {h.label for h in found[0].search("").articles}


# -- 9. long prefixes, spelled out -------------------------------------------------------------


@pytest.fixture(scope="module")
def exchanges() -> Corpus:
    """Articles with a family of words that share a beginning, and a larger one."""
    words = ["exchange", "exchanges", "exchanged", "exchequer", "exclave"]
    words += [f"exotic{n}" for n in range(20)]  # more than EXPAND_MAX words begin "exot"
    data = empty_database("Exchanges")
    data["articles"] = {
        str(n): Article(
            f"a{n}",
            f"Note {n} on {words[n % len(words)]}",
            f"The {words[n % 7]} and the {words[(n * 3) % len(words)]} of India.",
            published=f"2024-01-{n % 28 + 1:02d}",
        ).to_dict()
        for n in range(60)
    }
    return Corpus(Store.memory(data).load())


@pytest.mark.parametrize(
    ("rank_max", "count_max"),
    [
        (500, 10_000),  # ranked by BM25
        (0, 10_000),  # newest first
        (500, 3),  # counted only so far: "3+", whether the word list or FTS5 counts
    ],
)
def test_a_long_prefix_spelled_out_answers_as_the_prefix_does(
    exchanges, monkeypatch, rank_max, count_max
):
    from tui.search import fts

    monkeypatch.setattr(fts, "RANK_MAX", rank_max)
    monkeypatch.setattr(fts, "COUNT_MAX", count_max)
    spelled = Index.of(exchanges)
    rows = [ArticleRow.of(a) for a in exchanges.articles.values()]
    prefixed = Index(spelled.names, ArticleIndex(ArticleIndex.start(rows, prefixes=False).finish()))
    queries = [
        "exch",
        "excha",
        "exchange",
        "exchanges",
        "exot",
        "exotic1",
        "excl",
        "zzzz",
        "india exch",
        "-exchequer exch",
        "year:2024 exch",
        '"the exchange" exch',
        "ex",
        # a prefix of one word only ("exclave"), after other words, filters, phrases
        "india excl",
        "-note excl",
        "year:2024 excl",
        '"the exchange" excl',
    ]
    _same_results(spelled, prefixed, queries)
    assert spelled.search("exch", 100).totals["article"] > 0
    assert spelled.search("zzzz").totals["article"] == 0


def test_which_prefixes_are_spelled_out(exchanges):
    from tui.search.query import parse

    articles = Index.of(exchanges).articles
    assert articles._spelled(parse("india excha"), '"india" AND "excha"*') == (
        '"india" AND ("exchange" OR "exchanged" OR "exchanges")',
        None,
    )
    assert articles._spelled(parse("zzzz"), '"zzzz"*') == (None, None)  # begins no word
    assert articles._spelled(parse("exot"), '"exot"*') == ('"exot"*', None)  # too many words
    assert articles._spelled(parse("exc"), '"exc"*') == ('"exc"*', None)  # a prefix index has it
    assert articles._spelled(parse("exchange "), '"exchange"') == ('"exchange"', None)  # whole
    # A prefix of one word only: with the number of articles that have it, for the count.
    exchequer = sum("exchequer" in f"{a.title} {a.text}" for a in exchanges.articles.values())
    assert exchequer > 0
    assert articles._spelled(parse("excheq"), '"excheq"*') == ('("exchequer")', exchequer)


def test_every_article_is_read_a_chunk_at_a_time_the_first_with_their_texts(exchanges, monkeypatch):
    """An export asks for every article; only the rows a pane shows need their text."""
    from tui.search import fts
    from tui.search.query import parse

    articles = Index.of(exchanges).articles
    expected, total, _ = articles.search(parse("india"), 100, texts=5)
    assert total == len(expected) == 60
    assert [f.text is not None for f in expected] == [True] * 5 + [False] * 55
    monkeypatch.setattr(fts, "ID_CHUNK", 7)  # the rest in chunks, none a multiple of 7
    assert articles.search(parse("india"), 100, texts=5)[:2] == (expected, total)
    by_id = {a.id: a for a in exchanges.articles.values()}
    assert all(f.text == by_id[f.id].text for f in expected[:5])


def counts_of(monkeypatch) -> list[str]:
    """The statements that count articles from now on (ArticleIndex._count), one by one."""
    from tui.search import fts

    counted: list[str] = []
    real = fts.ArticleIndex._count
    monkeypatch.setattr(
        fts.ArticleIndex,
        "_count",
        lambda self, sql, params, cap: counted.append(sql) or real(self, sql, params, cap),
    )
    return counted


def test_a_lone_word_is_counted_from_the_word_list(exchanges, monkeypatch):
    """The word list's count stands in for FTS5's only for one word with nothing else."""
    index = Index.of(exchanges)
    counted = counts_of(monkeypatch)
    assert index.search("exchequ").totals["article"] > 0
    assert counted == []
    for query in (
        "india exchequ",
        "-note exchequ",
        "year:2024 exchequ",
        '"the" exchequ',
        "exchang",
    ):  # other words, a filter, or a prefix of three words: FTS5 counts
        index.search(query)
        assert counted, query
        counted.clear()


def test_every_article_is_counted_once(exchanges, monkeypatch):
    """The empty query (every article, newest first: the list each time the search bar is
    cleared) counts the articles once for each cap; a filter counts its matches each time."""
    from tui.search import fts

    index = Index.of(exchanges)
    counted = counts_of(monkeypatch)
    for _ in range(3):
        results = index.search("")
        assert results.totals["article"] == 60 and results.more_than("article") is None
    assert len(counted) == 1
    for _ in range(2):
        assert index.search("year:2024").totals["article"] == 60
    assert len(counted) == 3
    assert index.count_articles(parse_query(""), None) == (60, None) and len(counted) == 3
    monkeypatch.setattr(fts, "COUNT_MAX", 7)  # another cap: counted to it
    assert index.search("").totals["article"] == 8 and len(counted) == 4


def test_a_word_of_one_to_three_letters_being_typed_is_counted_only_so_far(exchanges, monkeypatch):
    """While the last word is a prefix of one to three letters ("n", "in", "ind", which begin
    a word of nearly every article), articles are counted up to COUNT_SHORT and the pane says
    "N+"; a longer or a whole word is counted up to COUNT_MAX, as before. The rows are the
    same either way."""
    from tui.search import fts
    from tui.ui.widgets.rows import title

    index = Index.of(exchanges)  # 60 articles, every one "of India"
    queries = ("n", "in", "ind", "indi", "india ")  # "n": a lone letter begins a title word
    whole = {query: index.search(query, 100) for query in queries}
    monkeypatch.setattr(fts, "COUNT_SHORT", 3)
    for query, before in whole.items():
        results = index.search(query, 100)
        assert results.articles == before.articles, query
        if len(query) < fts.EXPAND_FROM:  # typing: "Articles 3+"
            assert results.totals["article"] == 4 and results.more_than("article") == 3, query
        else:
            assert results.totals["article"] == before.totals["article"] > 3, query
            assert results.more_than("article") is None, query
    assert title("article", 4, 3) == "Articles 3+"
    named = index.search("in", 100)  # the name panes count as before
    assert named.more_than("entity") is None and named.more_than("agreement") is None


def test_a_word_being_typed_is_counted_so_far_and_in_full_once_asked(exchanges, monkeypatch):
    """The search bar (`typing`) counts the articles only to COUNT_SHORT while the last word
    is a prefix of any length ("exch" begins four words: FTS5 counted every match on every
    key); `count_articles`, once the typing pauses, counts them in full, a one-letter prefix
    too. A finished word, or a prefix that begins one word only (the word list knows how
    many articles have it), is counted in full at once. The rows are the same either way."""
    index = Index.of(exchanges)
    queries = ("e", "ex", "exch", "excha", "exchange", "exchange ", "india", "the exch")
    whole = {query: index.search(query, 100) for query in queries}
    monkeypatch.setattr("tui.search.fts.COUNT_SHORT", 3)
    monkeypatch.setattr("tui.search.index.COUNT_SHORT", 3)
    rough = set()
    for query, before in whole.items():
        typed = index.search(query, 100, typing=True)
        assert typed.articles == before.articles, query
        assert before.totals["article"] > 3, query
        if typed.rough:
            rough.add(query)
            assert typed.totals["article"] == 4 and typed.more_than("article") == 3, query
        else:
            assert typed.totals == before.totals and typed.more_than("article") is None, query
        # In full: what a search that is not typed counts past a short prefix.
        full = index.count_articles(parse_query(query))
        assert full == (len([a for a in exchanges.articles.values() if _has(a, query)]), None)
    # "exchange" begins three words and is counted so far; "india" begins one (the word list
    # counts it), and "exchange " is a whole word
    assert rough == {"e", "ex", "exch", "excha", "exchange", "the exch"}
    assert not index.search("exchange ", 100, typing=True).rough


def _has(article, query: str) -> bool:
    """Whether an article of `exchanges` has every word of `query`, the last one as a prefix."""
    words = re.findall(r"\w+", f"{article.title} {article.text}".casefold())
    *whole, last = query.split()
    prefix = not query.endswith(" ")
    return all(w in words for w in whole) and any(
        w.startswith(last) if prefix else w == last for w in words
    )


def test_the_first_index_is_closed_when_the_kept_one_takes_over(corpus, fresh):
    """A connection is in a cycle with its statement cache, and a load freezes the collector's
    objects at its end: one left open would hold its memory for the session."""
    rows = [ArticleRow.of(a) for a in corpus.articles.values()]
    first = ArticleIndex.start(rows, prefixes=False).finish()
    articles = ArticleIndex(first)
    assert articles.take(ArticleIndex.start(rows))
    with pytest.raises(sqlite3.ProgrammingError):
        first.execute("SELECT 1")
    _same_results(Index(fresh.names, articles), fresh)


def test_searches_go_on_while_the_kept_index_takes_over(corpus, fresh):
    import threading

    rows = [ArticleRow.of(a) for a in corpus.articles.values()]
    index = Index(fresh.names, ArticleIndex(ArticleIndex.start(rows, prefixes=False).finish()))
    expected = {q: fresh.search(q) for q in QUERIES}
    seen: list = []
    stop = threading.Event()

    def search() -> None:
        while not stop.is_set():
            seen.extend((index.search(q), expected[q]) for q in QUERIES)

    searcher = threading.Thread(target=search)
    searcher.start()
    try:
        for _ in range(8):  # a connection closed under a search would crash the interpreter
            assert index.articles.take(ArticleIndex.start(rows))
            seen.extend((index.search(q), expected[q]) for q in QUERIES[:3])
    finally:
        stop.set()
        searcher.join()
    assert seen and all(ours == theirs for ours, theirs in seen)
    assert not index.damaged


def test_a_start_closed_before_the_complete_index_was_cached_completes_it_the_next_time(
    tmp_path, corpus, fresh
):
    store, cache, key = _db(tmp_path)
    rows = [ArticleRow.of(a) for a in corpus.articles.values()]
    from tui.search.index import stored_names

    ArticleIndex.finished(
        ArticleIndex.start(rows, cache, key, prefixes=False),
        rows,
        stored_names(name_records(store.read(), store.name)),
    )
    first = Index.open(cache, key, unchecked=True)
    assert first is not None and not first.articles.complete

    found: list[Index] = []
    load(Store.open(store.path, quick=True), cache, key, found.append)
    assert len(found) == 1 and found[0].warm  # answered from the first index at once
    _same_results(found[0], fresh, QUERIES + SHORT_PREFIXES)
    assert found[0].articles.complete  # and the complete one took over
    cached = Index.open(cache, key)  # confirmed, complete, and answering the same
    assert cached is not None and cached.articles.complete
    _same_results(cached, fresh, QUERIES + SHORT_PREFIXES)


def test_builds_under_way_are_cancelled_when_the_process_ends(tmp_path, corpus):
    from tui.search import threads

    rows = [ArticleRow.of(a) for a in corpus.articles.values()]
    done = ArticleIndex.start(rows, tmp_path / "done.fts", "k")
    searching = ArticleIndex(done.finish())
    ArticleIndex.start(rows, tmp_path / "half.fts", "k")
    threads.cancel_all()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["done.fts"]  # no temporary file
    assert not threads._UNDER_WAY
    done.cancel()  # finished: nothing to undo
    assert searching.search(parse_query("lemoa"), 5)[1] == 1


def test_the_corpus_comes_before_the_complete_index_takes_over(tmp_path):
    store, cache, key = _db(tmp_path)
    found: list[Index] = []
    complete_when_checked: list[bool] = []
    load(
        store,
        cache,
        key,
        found.append,
        on_corpus=lambda corpus: complete_when_checked.append(found[0].articles.complete),
    )
    assert complete_when_checked == [False]  # items could open while it was being built
    assert found[0].articles.complete


def test_a_first_index_is_not_completed_from_a_file_changed_since(tmp_path, corpus):
    """The cache of version A, incomplete; the file is now version B: completing A's cache from
    B's rows would number them otherwise. It is left as it is (the app reloads B anyway)."""
    store, cache, key = _db(tmp_path)
    rows = [ArticleRow.of(a) for a in corpus.articles.values()]
    from tui.search.index import stored_names

    ArticleIndex.finished(
        ArticleIndex.start(rows, cache, key, prefixes=False),
        rows,
        stored_names(name_records(store.read(), store.name)),
    )
    write_db(store.path, small_data())  # version B
    found: list[Index] = []
    load(Store.open(store.path, quick=True), cache, key, found.append)
    assert found[0].warm and not found[0].articles.complete
    first = Index.open(cache, key, unchecked=True)
    assert first is not None and not first.articles.complete
    assert Index.open(cache, key) is None  # and not confirmed for a file it was not built from
    assert list(cache.parent.glob("*.tmp")) == []


# -- 10. which SQLite errors mean a damaged cache ----------------------------------------------


def test_a_wrong_statement_is_raised_not_taken_for_a_damaged_cache(tmp_path, corpus, monkeypatch):
    """A syntax error in a generated MATCH expression is a bug: it must surface (in tests),
    not show as empty results and a rebuild."""
    from tui.search import fts

    cache = tmp_path / "search.fts"
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "k")
    index = Index.open(cache, "k")
    monkeypatch.setattr(fts, "_match_expressions", lambda query, last=None: ('"india" AND', None))
    with pytest.raises(sqlite3.OperationalError, match="fts5: syntax error"):
        index.search("india")
    assert not index.damaged
    monkeypatch.setattr(fts, "_info_filters", lambda query, also: ("i.nope = ?", [1]))
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        index.search("kind:article")
    assert not index.damaged and Index.open(cache, "k") is not None  # nothing to rebuild


def test_a_wrong_statement_opening_a_cache_is_raised(tmp_path, corpus, monkeypatch):
    cache = tmp_path / "search.fts"
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "k")
    monkeypatch.setattr(cachefile, "_PROBES", (*cachefile._PROBES, "SELECT nope FROM info"))
    with pytest.raises(sqlite3.OperationalError, match="no such column"):
        Index.open(cache, "k")


def _many_articles_corpus(count: int) -> Corpus:
    data = empty_database("Many")
    data["articles"] = {
        str(n): Article(
            f"m{n}", f"Note {n}", " ".join([f"zq{n}x"] * 80), published=f"2020-01-{n % 28 + 1:02d}"
        ).to_dict()
        for n in range(count)
    }
    return Corpus(Store.memory(data).load())


def test_a_damaged_page_a_search_meets_marks_the_cache_for_a_rebuild(tmp_path):
    """A page no check at opening reads (the text of one article, for its snippet): the search
    that meets it says the cache is damaged, and answers nothing rather than raise."""
    cache = tmp_path / "search.fts"
    Index.of(_many_articles_corpus(300), cache=cache, key="k")
    cachefile.confirm(cache, "k")
    offset = cache.read_bytes().find(b"zq150x zq150x zq150x")
    assert offset > 0
    _overwrite_page(cache, offset)
    index = Index.open(cache, "k")
    assert index is not None and not index.damaged  # the checks at opening pass it by
    assert index.search("zq7x").articles  # elsewhere it answers
    results = index.search("zq150x")
    assert index.damaged and results.articles == () and results.totals["article"] == 0


def test_confirming_a_cache_that_is_gone_makes_no_file(tmp_path):
    cache = tmp_path / "gone.fts"
    cachefile.confirm(cache, "k")
    assert not cache.exists()
    _unrelated_sqlite(cache)  # another program's file: left as it is
    before = cache.read_bytes()
    cachefile.confirm(cache, "k")
    assert cache.read_bytes() == before


# -- 11. the key names one version of the file -------------------------------------------------


def test_a_copy_with_the_size_and_time_of_the_cached_version_is_indexed_again(
    tmp_path, monkeypatch
):
    """`cp -p` of an older version (or a coarse clock): same size, same time, same inode. Its
    revision, written by the store at the head of the file, tells it from the cached one, even
    where the edit is in neither end the key samples (made short here to show it)."""
    import os
    import shutil

    monkeypatch.setattr("tui.storage.paths.SAMPLE_BYTES", 256)
    path = write_db(tmp_path / "db.json", small_data())
    store = Store.open(path)
    with store.transaction() as tx:  # version A, as Quadrant writes it
        tx.put(Article("zz", "Zanzibar talks", "Zanzibar hosted talks.", published="2026-01-02"))
    older = shutil.copy2(path, tmp_path / "older.json")
    with store.transaction() as tx:  # version B: one letter changed, the same size
        tx.put(Article("zz", "Zanzibor talks", "Zanzibor hosted talks.", published="2026-01-02"))
    edit = path.read_bytes().find(b"Zanzibor")
    assert 256 < edit < path.stat().st_size - 256  # in neither sample
    cache = tmp_path / "c.fts"
    assert [
        h.id for h in search_index(Store.open(path, quick=True), cache).search("zanzibor").articles
    ] == ["zz"]
    b_stat = path.stat()
    shutil.copyfile(older, path)  # into the same file, as cp does, then B's time kept
    os.utime(path, ns=(b_stat.st_atime_ns, b_stat.st_mtime_ns))
    a_stat = path.stat()
    assert (a_stat.st_size, a_stat.st_mtime_ns, a_stat.st_ino) == (
        b_stat.st_size,
        b_stat.st_mtime_ns,
        b_stat.st_ino,
    )

    index = search_index(Store.open(path, quick=True), cache)  # as `quadrant search` does
    assert not index.warm
    assert [h.id for h in index.search("zanzibar").articles] == ["zz"]
    assert index.search("zanzibor").articles == ()


@pytest.mark.parametrize("where", ["head", "tail"])
def test_an_edit_by_another_tool_that_keeps_size_and_time_changes_the_key(tmp_path, where):
    import os

    from tui.storage.paths import SAMPLE_BYTES

    path = write_db(tmp_path / "db.json", orjson.dumps(bundled_data(), option=orjson.OPT_INDENT_2))
    assert path.stat().st_size > 2 * SAMPLE_BYTES  # the two ends are sampled apart
    key, before = cache_key(path), path.stat()
    data = bytearray(path.read_bytes())
    at = data.find(b'"title"') if where == "head" else data.rfind(b'"id"')
    data[at + 1] = ord("T")  # a key renamed in place: one byte, the size kept
    with path.open("r+b") as handle:
        handle.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_ino) == (before.st_size, before.st_ino)
    assert cache_key(path) != key
