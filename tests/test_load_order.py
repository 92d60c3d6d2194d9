"""The order things load in, and what happens when loads overlap or data is odd.

Search answers first and the corpus comes later, so: a load superseded by a newer one must not
show old data; an item asked for before the corpus came opens only if the user is still waiting
for it; records that share an id are one item everywhere; a cache found damaged, or built from a
file that fails its check, is removed rather than confirmed.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable

import pytest

from tests.conftest import bundled_data, small_data, write_db
from tests.pilot import held_load, loaded, pane_ids, running
from tui.core.corpus import Corpus
from tui.search.index import Index
from tui.search.loading import load
from tui.storage.paths import cache_key
from tui.storage.store import Store, StoreError
from tui.ui.screens.main import MainScreen


async def _until(pilot, condition: Callable[[], object], attempts: int = 500) -> None:
    """Let the app run until `condition` holds (in steps of 20 ms, up to `attempts` of them):
    a wait for what a test means, not for a length of time that is usually enough."""
    for _ in range(attempts):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the condition never held")


def _twice_the_same_ids() -> dict:
    """The small database with its first article and first entity stored twice under one id
    (the second copy retitled): the check allows it, and the last copy wins, as in Corpus."""
    data = small_data()
    article_key, article = next(iter(data["articles"].items()))
    entity_key, entity = next(iter(data["entities"].items()))
    data["articles"]["999"] = {**copy.deepcopy(article), "title": "The second copy"}
    data["entities"]["999"] = {**copy.deepcopy(entity), "description": "The second copy."}
    return data


async def test_records_that_share_an_id_are_one_row(tmp_path):
    path = write_db(tmp_path / "db.json", _twice_the_same_ids())
    async with running(Store.open(path, quick=True)) as pilot:
        app = pilot.app
        assert app.return_code is None and app.corpus is not None
        for pane in ("articles", "entities"):
            ids = pane_ids(pilot, pane)
            assert len(ids) == len(set(ids)), pane
        titles = [o.prompt.plain for o in app.screen.query_one("#articles").options]
        assert any("The second copy" in t for t in titles)
        assert len(app.corpus.articles) == len(set(pane_ids(pilot, "articles")))


def test_the_cold_index_keeps_the_last_of_records_that_share_an_id(tmp_path):
    data = _twice_the_same_ids()
    path = write_db(tmp_path / "db.json", data)
    found: list[Index] = []
    corpus = load(Store.open(path, quick=True), tmp_path / "c.fts", cache_key(path), found.append)
    cold = found[0].search("", 50)
    assert [h.id for h in cold.articles] == [h.id for h in Index.of(corpus).search("", 50).articles]
    assert cold.totals == Index.of(corpus).search("", 50).totals
    assert "The second copy" in {h.label for h in cold.articles}


def test_a_warm_cache_of_a_file_that_fails_its_check_is_removed(tmp_path):
    data = small_data()
    path = write_db(tmp_path / "db.json", data)
    cache = tmp_path / "c.fts"
    Index.of(Corpus(Store.memory(data).load()), cache=cache, key=cache_key(path))  # unchecked
    bad = copy.deepcopy(data)
    next(iter(bad["mentions"].values()))["start"] = "x"  # the check fails on a mention
    write_db(path, bad)
    key = cache_key(path)
    Index.of(Corpus(Store.memory(data).load()), cache=cache, key=key)  # as a killed start left
    found: list[Index] = []
    with pytest.raises(StoreError, match="mentions record"):
        load(Store.open(path, quick=True), cache, key, found.append)
    assert len(found) == 1 and found[0].warm  # search answered from the cache first
    assert not cache.exists()


def test_a_cache_found_damaged_during_the_load_is_removed_not_confirmed(tmp_path):
    path = write_db(tmp_path / "db.json", small_data())
    cache, key = tmp_path / "c.fts", cache_key(path)

    def damaged(index: Index) -> None:
        index.articles.damaged = True  # as a search that met a damaged page would set it

    load(Store.open(path, quick=True), cache, key, lambda index: None)  # cold: cached
    load(Store.open(path, quick=True), cache, key, damaged)  # warm, and the cache is damaged
    assert not cache.exists()
    load(Store.open(path, quick=True), cache, key, lambda index: None)
    assert Index.open(cache, key) is not None  # built again, checked, confirmed


def test_damage_found_in_the_first_index_goes_with_it(tmp_path):
    """A cold start: the complete index, built anew, takes over from a first index a search
    found damaged, and is confirmed."""
    path = write_db(tmp_path / "db.json", small_data())
    cache, key = tmp_path / "c.fts", cache_key(path)

    def damaged(index: Index) -> None:
        index.articles.damaged = True

    found: list[Index] = []
    load(
        Store.open(path, quick=True),
        cache,
        key,
        lambda index: (damaged(index), found.append(index)),
    )
    assert not found[0].damaged
    assert Index.open(cache, key) is not None


def test_row_look_ups_are_chunked(monkeypatch):
    """An export asks for every article: more row numbers than SQLite takes at once."""
    index = Index.of(Corpus(Store.memory(bundled_data()).load()))
    expected = index.search("", 100)
    monkeypatch.setattr("tui.search.fts.ID_CHUNK", 2)
    chunked = index.search("", 100)
    assert chunked == expected and len(chunked.entities) > 2


def test_searching_one_kind_ranks_it_as_the_full_search_does():
    index = Index.of(Corpus(Store.memory(bundled_data()).load()))
    for query in ("quad", "india", "hegsth", "kind:person", ""):
        full = index.search(query, 40)
        for kind in ("article", "entity", "agreement"):
            alone = index.search(query, 40, kinds=(kind,))
            assert alone.of(kind) == full.of(kind), (query, kind)
            assert alone.totals[kind] == full.totals[kind], (query, kind)
            others = [k for k in ("article", "entity", "agreement") if k != kind]
            assert not any(alone.of(k) for k in others)


# -- overlapping loads and early opens ---------------------------------------------------------


async def test_messages_of_a_superseded_load_are_ignored():
    store = Store.memory(bundled_data())
    async with running(store) as pilot:
        app = pilot.app
        index, corpus = app.index, app.corpus
        other = Corpus(Store.memory(small_data()).load())
        app.post_message(app.SearchReady(Index.of(other), app.loads.generation - 1))
        app.post_message(app.CorpusReady(other, app.loads.generation - 1))
        await pilot.pause()
        assert app.index is index and app.corpus is corpus
        app.post_message(app.CorpusReady(other, app.loads.generation))
        await pilot.pause()
        assert app.corpus is other


async def test_an_early_enter_is_dropped_once_the_user_has_moved_on(monkeypatch):
    async with held_load(monkeypatch, Store.memory(bundled_data())) as (pilot, release, _, _loads):
        app = pilot.app
        await pilot.press("slash", *"lemoa", "enter", "enter")
        await _until(pilot, lambda: app.pending is not None)
        await pilot.press("slash", *"quad")  # on to something else before the data came
        await _until(pilot, lambda: app.main_screen.query_text == "quad")
        release.set()
        await loaded(app)
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.pending is None


async def test_quitting_does_not_wait_for_a_load_under_way(monkeypatch):
    """A 100k database takes a minute to check: `q` must not wait for it. The load here goes on
    until it is let go, which happens only once the app has ended: an app that waited for it
    would have ended after it (when its wait for being let go gave up), never before."""
    from tui.ui.app import QuadrantApp

    store = Store.memory(bundled_data())
    corpus = Corpus(store.load())
    let_go = threading.Event()
    outcome: list[bool] = []

    def held(store, cache, key, on_search, *args, **kwargs):
        on_search(Index.of(corpus))
        outcome.append(let_go.wait(timeout=60))
        return corpus

    monkeypatch.setattr("tui.search.loading.load", held)
    app = QuadrantApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await _until(pilot, lambda: app.index is not None)
            load_thread = app.loads.current
            assert app.loads.loading and load_thread is not None and load_thread.daemon
            await pilot.press("q")
            await _until(pilot, lambda: app.return_code is not None)
            assert app.return_code == 0
        assert load_thread.is_alive() and outcome == []  # the app has ended; the load has not
    finally:
        let_go.set()
    load_thread.join(timeout=60)
    assert outcome == [True]  # it went on until let go: the app neither waited nor stopped it


def test_a_warm_start_reads_the_database_only_once_the_app_is_idle(tmp_path):
    """Parsing the file holds the GIL for seconds at 100k: after a warm start it waits for a
    pause in typing (the app's `when_idle`), results already on screen."""
    path = write_db(tmp_path / "db.json", small_data())
    cache, key = tmp_path / "c.fts", cache_key(path)
    load(Store.open(path, quick=True), cache, key, lambda index: None)  # cold: builds the cache
    events: list[str] = []
    corpus = load(
        Store.open(path, quick=True),
        cache,
        key,
        lambda index: events.append("search warm" if index.warm else "search cold"),
        lambda: events.append("idle"),
    )
    events.append("corpus")
    assert events == ["search warm", "idle", "corpus"] and corpus.articles


async def test_typing_holds_the_read_back_until_a_pause():
    async with running(Store.memory(small_data())) as pilot:
        app = pilot.app
        assert app.index is not None
        app.loads.typed()
        assert not app.loads.idle.is_set()
        app._check_idle()
        assert not app.loads.idle.is_set()  # typed just now
        app.loads.last_typed -= 5
        app._check_idle()
        assert app.loads.idle.is_set()


def test_a_cold_start_says_what_it_is_doing(tmp_path):
    path = write_db(tmp_path / "db.json", small_data())
    cache, key = tmp_path / "c.fts", cache_key(path)
    events: list[str] = []
    names: list[Index] = []

    def on_names(index: Index) -> None:
        events.append("names")
        names.append(index)

    load(
        Store.open(path, quick=True),
        cache,
        key,
        lambda index: events.append("search"),
        on_progress=events.append,
        on_names=on_names,
    )
    assert events == [
        "Reading the database…\ndb.json",
        "names",
        "Indexing 3 articles…\nfor search, once per version of the file",
        "search",
    ]
    # The names answer while the articles are indexed; the articles wait.
    early = names[0].search("lemoa")
    assert names[0].indexing and [h.id for h in early.agreements] == ["lemoa"]
    assert early.articles == () and early.totals["article"] == 0
    events.clear()
    load(
        Store.open(path, quick=True),
        cache,
        key,
        lambda index: events.append("search"),
        on_progress=events.append,
        on_names=on_names,
    )
    assert events == ["search"]  # warm: nothing to wait for, nothing to say


def names_then_articles(
    corpus: Corpus, release: threading.Event, waiting: threading.Event | None = None
):
    """A stand-in for loading.load on a cold start: names at once, the articles once `release`
    is set (`waiting` is set when it has got that far)."""

    def cold(
        store,
        cache,
        key,
        on_search,
        when_idle=None,
        on_progress=None,
        on_names=None,
        on_corpus=None,
    ):
        on_names(Index(Index.of(corpus).names, None))
        on_progress("Indexing 3 articles…\nfor search")
        if waiting is not None:
            waiting.set()
        release.wait(timeout=30)
        on_search(Index.of(corpus))
        on_corpus(corpus)
        return corpus

    return cold


async def test_the_articles_pane_shows_the_progress_of_a_cold_start(monkeypatch):
    store = Store.memory(small_data())
    corpus = Corpus(store.load())
    release = threading.Event()
    monkeypatch.setattr("tui.search.loading.load", names_then_articles(corpus, release))
    from tui.ui.app import QuadrantApp

    app = QuadrantApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            pane = app.screen.query_one("#articles")
            for _ in range(250):
                if "Indexing" in pane.get_option_at_index(0).prompt.plain:
                    break
                await pilot.pause(0.02)
            assert pane.get_option_at_index(0).prompt.plain == "Indexing 3 articles…\nfor search"
            # Meanwhile the names answer, and typing does not disturb the articles pane.
            assert pane_ids(pilot, "entities")
            await pilot.press("slash", *"lemoa")
            await pilot.pause()
            assert pane_ids(pilot, "agreements") == ["lemoa"]
            assert pane.get_option_at_index(0).prompt.plain == "Indexing 3 articles…\nfor search"
            release.set()
            await loaded(app)
            await pilot.pause()
            assert pane_ids(pilot, "articles") == [
                h.id for h in Index.of(corpus).search("lemoa").articles
            ]
            assert "Indexing" not in pane.get_option_at_index(0).prompt.plain
    finally:
        release.set()


async def test_a_warm_start_in_the_app_reads_the_file_after_typing_pauses(tmp_path, monkeypatch):
    """With a current cache, results come at once; the file is read only once the query has
    been still for IDLE_SECONDS: typing keeps it waiting, and a pause lets it go. (No pause is
    long enough here until the time of the last key is moved back: the test waits for what
    happens, not for a length of time.)"""
    from tui.search import threads
    from tui.ui.app import QuadrantApp

    path = write_db(tmp_path / "db.json", bundled_data())
    cache = tmp_path / "cache.fts"
    first = QuadrantApp(Store.open(path, quick=True), cache=cache)
    async with first.run_test(size=(80, 24)) as pilot:
        await loaded(first)
    for thread in first.loads.threads:  # items opened: the complete index comes after
        thread.join(timeout=30)
    assert Index.open(cache, cache_key(path)) is not None  # built and checked

    monkeypatch.setattr(threads, "IDLE_SECONDS", 3600.0)
    app = QuadrantApp(Store.open(path, quick=True), cache=cache)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: app.index is not None)
        assert app.index.warm
        await pilot.press("slash", *"quad-at-sea")
        await _until(pilot, lambda: app.main_screen.query_text == "quad-at-sea")
        assert app.corpus is None and not app.loads.idle.is_set()  # typing: the file waits
        app.loads.last_typed -= 2 * threads.IDLE_SECONDS  # the last key, long ago
        await loaded(app, timeout=30)
        assert app.corpus is not None


async def test_a_reload_keeps_the_articles_on_screen_while_it_indexes(monkeypatch):
    """Only the first load shows names before articles: after an edit, the panes keep the
    old results until the new index is whole, rather than blank the articles pane."""
    store = Store.memory(small_data())
    corpus = Corpus(store.load())
    release, waiting = threading.Event(), threading.Event()
    cold = names_then_articles(corpus, release, waiting)
    async with held_load(monkeypatch, store) as (pilot, first_release, _corpus, _loads):
        app = pilot.app
        first_release.set()
        await loaded(app)
        before = pane_ids(pilot, "articles")
        assert before
        monkeypatch.setattr("tui.search.loading.load", cold)
        try:
            app.reload()
            await _until(pilot, waiting.is_set)  # names and progress sent, articles held
            await pilot.pause()
            assert not app.index.indexing and pane_ids(pilot, "articles") == before
            release.set()
            await loaded(app)
        finally:
            release.set()


def test_a_load_ends_well_where_the_c_library_cannot_give_memory_back(tmp_path, monkeypatch):
    """malloc_trim is glibc's: elsewhere (musl, macOS, Windows) there is nothing to call."""
    import ctypes

    def no_library(name, *args, **kwargs):
        raise TypeError("no library by None here")

    monkeypatch.setattr(ctypes, "CDLL", no_library)
    path = write_db(tmp_path / "db.json", small_data())
    corpus = load(
        Store.open(path, quick=True), tmp_path / "c.fts", cache_key(path), lambda index: None
    )
    assert len(corpus.articles) == 3


def test_a_checked_document_is_emptied_a_record_at_a_time(tmp_path):
    """Freed at once, a parsed file's records go in one deallocation that holds the interpreter
    (half a second at 100k articles, with no key read): the load empties it a record at a time
    once it is checked, and what it checked is all in the corpus. A memory store's document is
    the store itself: it is left alone."""
    from tui.search import loading

    store = Store.open(write_db(tmp_path / "db.json", bundled_data()))
    document = store.read()
    tables = [table for table in document.values() if isinstance(table, dict)]
    counts = {name: len(document[name]) for name in ("articles", "entities", "mentions")}
    index = Index.of(Corpus(store.load()))
    corpus = loading._checked(store, document, None, "", index, lambda _corpus: None)
    assert document == {} and all(table == {} for table in tables)
    assert (len(corpus.articles), len(corpus.entities)) == (counts["articles"], counts["entities"])
    memory = Store.memory(bundled_data())
    loading._checked(memory, None, None, "", index, lambda _corpus: None)
    assert len(memory.read()["articles"]) == counts["articles"]


async def test_enter_typed_before_search_can_answer_is_kept_until_it_can(monkeypatch):
    """Over a slow link the first keys can come before the first results: "beca, enter,
    enter" then opens BECA once search answers, rather than losing both enters."""
    from tui.ui.app import QuadrantApp
    from tui.ui.screens.detail import DetailScreen

    store = Store.memory(bundled_data())
    corpus = Corpus(store.load())
    release = threading.Event()

    def held(store, cache, key, on_search, *args, on_corpus=lambda c: None, **kwargs):
        release.wait(timeout=30)
        on_search(Index.of(corpus))
        on_corpus(corpus)
        return corpus

    monkeypatch.setattr("tui.search.loading.load", held)
    app = QuadrantApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("slash", *"beca", "enter", "enter")
            assert app.index is None and isinstance(app.screen, MainScreen)
            release.set()
            await _until(pilot, lambda: isinstance(app.screen, DetailScreen))
            assert app.screen.item.id == "beca"
    finally:
        release.set()


async def test_the_first_key_s_searches_are_warmed_on_a_thread_once_results_show(monkeypatch):
    """Once the index's results are on screen, its warm-up runs, away from the UI thread (a key
    typed meanwhile waits for one search at most, behind the index's lock)."""
    happened: list[tuple[str, Index, bool]] = []
    set_index = MainScreen.set_index

    def showing(screen, index):
        set_index(screen, index)
        happened.append(("shown", index, threading.current_thread() is threading.main_thread()))

    pages: list[int] = []

    def warming(index, page):
        pages.append(page)
        happened.append(("warmed", index, threading.current_thread() is threading.main_thread()))

    monkeypatch.setattr(MainScreen, "set_index", showing)
    monkeypatch.setattr(Index, "warm_up", warming)
    async with running(Store.memory(small_data())) as pilot:
        await _until(pilot, lambda: any(what == "warmed" for what, _, _ in happened))
        await pilot.pause(0.1)
        index = pilot.app.index
        assert happened[-2:] == [("shown", index, True), ("warmed", index, False)]
        assert [what for what, _, _ in happened].count("warmed") == 1  # not the names' alone
        assert pages == [pilot.app.main_screen.page()]  # the first keys' answers, as asked
