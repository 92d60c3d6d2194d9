"""The next key's answer worked out ahead (Index.next_keys, Index.search_ahead, ui/ahead.py):
the guesses are the letters that most often follow the word being typed in the articles'
words; a guess typed is given the answer a fresh index gives, without a search; the guesses go
with the next query typed; nothing is guessed for what the typed answers are not kept for, nor
for a query a newer key replaced, and no more than the budget is spent on a query."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import replace
from types import SimpleNamespace

import pytest

from tests.conftest import bundled_data, queries_asked
from tests.pilot import burst, pane_ids, running
from tui.core.corpus import Corpus
from tui.search import vocabulary
from tui.search.fts import ArticleIndex, ArticleRow
from tui.search.index import GUESSES, Index
from tui.search.query import parse
from tui.storage.store import Store
from tui.ui import ahead

PAGE = 12


def corpus() -> Corpus:
    return Corpus(Store.memory(bundled_data()).load())


def warmed() -> Index:
    index = Index.of(corpus())
    index.warm_up(page=PAGE)
    return index


def typed(index: Index, text: str):
    return index.search(text, PAGE, typing=True)


def guessed(index: Index, text: str) -> list[str]:
    """Answer ahead each query the next key may make of `text`; the queries."""
    queries = [text + key for key in index.next_keys(parse(text), None, PAGE)]
    for query in queries:
        index.search_ahead(parse(query), None, PAGE)
    return queries


def spied(index: Index, monkeypatch) -> list[str]:
    """The queries `index` searches from now on."""
    return queries_asked(monkeypatch, index, "_search")


@pytest.mark.parametrize("prefix", ["j", "be", "he", "jai", "ind", "defence coop", "india"])
def test_the_next_keys_follow_the_last_word_most_often_in_the_articles_words(prefix):
    index = warmed()
    assert index.articles is not None
    word = prefix.split()[-1]
    weight: Counter[str] = Counter()
    for term, articles in index.articles._conn.execute("SELECT term, articles FROM words"):
        if term.startswith(word):
            weight[term[len(word)] if term != word else " "] += articles
    expected = sorted(weight, key=lambda letter: (-weight[letter], letter))[:GUESSES]
    assert list(index.next_keys(parse(prefix), None, PAGE)) == expected
    assert expected  # each begins some word of the bundled articles


def test_a_whole_word_may_be_ended_by_a_space_and_a_capital_is_guessed_in_capitals():
    index = warmed()
    assert index.next_keys(parse("india"), None, PAGE) == " n"  # a word: a space may end it
    assert index.next_keys(parse("indi"), None, PAGE) == "ag"
    assert index.next_keys(parse("INDI"), None, PAGE) == "ag"  # (the UI types them as "A", "G")
    assert ahead._as_typed("a", "INDI") == "A" and ahead._as_typed("a", "Indi") == "a"


def test_a_word_that_begins_too_many_words_to_weigh_gets_no_guesses(monkeypatch):
    index = warmed()
    assert index.next_keys(parse("c"), None, PAGE)
    monkeypatch.setattr(vocabulary, "WEIGHED", 5)  # "c" begins more than five
    assert index.next_keys(parse("c"), None, PAGE) == ""
    assert index.next_keys(parse("beca"), None, PAGE)  # (and "beca" fewer)


@pytest.mark.parametrize("text", ["be ", '"be', "be OR", "kind:person", "-be", "be-"])
def test_no_keys_are_guessed_after_anything_but_a_word_being_typed(text):
    index = warmed()
    assert index.next_keys(parse("be"), None, PAGE)
    assert index.next_keys(parse(text), None, PAGE) == ""


def test_no_keys_are_guessed_where_answers_are_not_kept_or_the_words_are_not_listed():
    index = warmed()
    assert index.next_keys(parse("be"), None, PAGE)
    assert index.next_keys(parse("be"), None, PAGE + 1) == ""  # a resized terminal's page
    assert index.next_keys(parse("be"), {}, PAGE) == ""  # tag: and note: of the user's own
    hinted = replace(parse("be"), hints=("@x = be",))  # a saved search
    assert index.next_keys(hinted, None, PAGE) == ""
    early = Index(index.names, None)  # articles being indexed
    early.warm_up(page=PAGE)
    assert early.next_keys(parse("be"), None, PAGE) == ""
    rows = [ArticleRow.of(article) for article in corpus().articles.values()]
    quick = ArticleIndex(ArticleIndex.start(rows, prefixes=False).finish())  # no word list
    unlisted = Index(index.names, quick)
    unlisted.warm_up(page=PAGE)
    assert unlisted.next_keys(parse("be"), None, PAGE) == ""
    assert index.articles is not None
    index.articles.damaged = True
    assert index.next_keys(parse("be"), None, PAGE) == ""


def test_a_key_guessed_is_answered_as_a_fresh_index_answers_it_without_a_search(monkeypatch):
    index, fresh = warmed(), warmed()
    queries = guessed(index, "be")
    assert "bec" in queries and len(queries) == GUESSES
    searched = spied(index, monkeypatch)
    assert typed(index, "bec") == typed(fresh, "bec")
    assert typed(index, "bec").agreements[0].label.startswith("BECA")
    assert searched == []
    assert typed(index, "beca") == typed(fresh, "beca")  # not guessed: searched
    assert searched == ["beca"]


def test_the_guesses_go_with_the_next_query_typed(monkeypatch):
    index = warmed()
    guessed(index, "be")
    searched = spied(index, monkeypatch)
    typed(index, "bex")  # another key than the guesses
    typed(index, "bec")
    assert searched == ["bex", "bec"]


def test_nothing_is_answered_ahead_that_would_not_be_kept(monkeypatch):
    index = warmed()
    searched = spied(index, monkeypatch)
    index.search_ahead(parse("bec"), None, PAGE + 1)  # a resized terminal's page
    index.search_ahead(parse("bec"), {}, PAGE)  # the user's own tags and notes
    index.search_ahead(replace(parse("bec"), hints=("@x = bec",)), None, PAGE)  # saved search
    index.search_ahead(parse("b"), None, PAGE)  # a first key: kept already
    assert searched == [] and index._kept._ahead == {}
    typed(index, "bec")
    index.search_ahead(parse("bec"), None, PAGE)  # typed just now: kept already
    assert searched == ["bec"] and index._kept._ahead == {}
    early = Index(index.names, None)
    early.warm_up(page=PAGE)
    early.search_ahead(parse("bec"), None, PAGE)  # the articles being indexed
    assert early._kept._ahead == {}


def test_an_answer_from_a_damaged_cache_is_not_kept(monkeypatch):
    index = warmed()
    assert index.articles is not None
    search = index._search

    def damaged(*args):
        index.articles.damaged = True  # a search met a damaged page (it answers nothing)
        return search(*args)

    monkeypatch.setattr(index, "_search", damaged)
    index.search_ahead(parse("bec"), None, PAGE)
    assert index._kept._ahead == {}
    monkeypatch.undo()
    searched = spied(index, monkeypatch)
    index.search_ahead(parse("bed"), None, PAGE)  # found damaged already: not searched
    assert searched == []


def test_guesses_go_when_the_articles_index_is_replaced(monkeypatch):
    index = warmed()
    assert index.articles is not None
    guessed(index, "be")
    rows = [ArticleRow.of(article) for article in corpus().articles.values()]
    assert index.articles.take(ArticleIndex.start(rows))
    searched = spied(index, monkeypatch)
    typed(index, "bec")
    assert searched == ["bec"]


# -- in the app ---------------------------------------------------------------------------------


class Passes:
    """The app's passes of guessing (`Ahead._guess`), counted as they end. `after(n)` waits
    until more than `n` have ended: a loaded machine may be slow to get there, and no fixed
    pause is trusted."""

    def __init__(self, monkeypatch) -> None:
        self.count = 0
        guess = ahead.Ahead._guess

        async def counted(owner) -> None:
            try:
                await guess(owner)
            finally:
                self.count += 1

        monkeypatch.setattr(ahead.Ahead, "_guess", counted)  # before the app makes its timer

    async def after(self, count: int) -> None:
        for _ in range(1000):
            if self.count > count:
                return
            await asyncio.sleep(0.01)
        raise TimeoutError("no pass of guessing ended")


def guessing(pilot, monkeypatch) -> list[str]:
    """The queries the app answers ahead from now on."""
    return queries_asked(monkeypatch, pilot.app.screen.index, "search_ahead")


async def test_a_letter_guessed_shows_without_a_search_what_a_fresh_index_shows(monkeypatch):
    passes = Passes(monkeypatch)
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses = guessing(pilot, monkeypatch)
        done = passes.count
        await burst(pilot, "/be")
        await passes.after(done)
        assert "bec" in guesses
        searched = spied(pilot.app.screen.index, monkeypatch)
        await burst(pilot, "c")
        assert pilot.app.screen.query_text == "bec"
        assert "bec" not in searched  # (its own guesses may be searched by now)
        fresh = Index.of(corpus()).search("bec", pilot.app.screen.page(), typing=True)
        for dom_id, kind in (("articles", "article"), ("agreements", "agreement")):
            assert pane_ids(pilot, dom_id) == [hit.id for hit in fresh.of(kind)]
        assert pane_ids(pilot, "agreements")[0] == "beca"


async def test_a_query_typed_in_capitals_is_guessed_in_capitals(monkeypatch):
    passes = Passes(monkeypatch)
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses = guessing(pilot, monkeypatch)
        done = passes.count
        await burst(pilot, "/INDI")
        await passes.after(done)
        assert guesses[:2] == ["INDIA", "INDIG"]


async def test_nothing_is_guessed_while_keys_come_faster_than_the_wait(monkeypatch):
    passes = Passes(monkeypatch)
    monkeypatch.setattr(ahead, "AFTER", 1.0)
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses = guessing(pilot, monkeypatch)
        await burst(pilot, "/")
        for key in "beca":  # a key every 0.1 s: each begins the wait again
            await burst(pilot, key)
            await pilot.pause(0.1)
        assert passes.count == 0 and guesses == []
        await passes.after(0)
        assert guesses and all(query.startswith("beca") for query in guesses)


async def test_nothing_is_guessed_under_another_screen(monkeypatch):
    passes = Passes(monkeypatch)
    monkeypatch.setattr(ahead, "AFTER", 0.5)  # time to open the palette over the typing
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses = guessing(pilot, monkeypatch)
        main = pilot.app.screen
        await burst(pilot, "/be")
        pilot.app.action_command_palette()
        await pilot.pause()
        assert pilot.app.screen is not main and passes.count == 0
        await passes.after(0)
        assert guesses == []


async def test_nothing_is_guessed_once_the_focus_has_left_the_search_bar(monkeypatch):
    passes = Passes(monkeypatch)
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses = guessing(pilot, monkeypatch)
        await burst(pilot, "/be\r")  # enter: to the results
        await passes.after(0)
        assert pilot.app.screen.query_text == "be" and guesses == []


@pytest.mark.parametrize("during", ["bec", "beh"])  # the first guess of "be", the last
async def test_a_key_typed_while_guessing_ends_the_guesses_and_waits_for_nothing_else(
    monkeypatch, during
):
    passes = Passes(monkeypatch)
    tidied: list[bool] = []  # (ahead.py's own: the app tidies on its idle ticks too)
    monkeypatch.setattr(ahead, "collector", SimpleNamespace(tidy=lambda: tidied.append(True)))
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        screen = pilot.app.screen
        keys = screen.index.next_keys(parse("be"), None, screen.page())
        assert keys == "cdeh"
        guesses: list[str] = []

        def key_typed_meanwhile(query, *args):
            guesses.append(query.text)
            if query.text == during:
                screen._query = "bex"  # as the search bar's next key would
            return True

        monkeypatch.setattr(screen.index, "search_ahead", key_typed_meanwhile)
        done = passes.count
        await burst(pilot, "/be")
        await passes.after(done)
        assert guesses == ["be" + key for key in keys[: keys.index(during[-1]) + 1]]
        assert tidied == []  # the key is not kept waiting for the collector either
        await burst(pilot, "/")  # (the search bar has the focus: typed into it)
        done = passes.count
        await burst(pilot, "\x7f" * 3 + "jai")
        await passes.after(done)  # a pass no key interrupts: what it left is collected
        assert tidied


class Clock:
    """time.perf_counter for ahead.py, moved on by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def perf_counter(self) -> float:
        return self.now


@pytest.mark.parametrize(("share", "expected"), [(0.4, ["bec", "bed"]), (1.5, ["bec"])])
async def test_a_guess_is_not_begun_if_the_last_says_it_would_pass_the_budget(
    monkeypatch, share, expected
):
    passes = Passes(monkeypatch)
    clock = Clock()
    monkeypatch.setattr(ahead, "time", clock)
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses: list[str] = []

        def taking(query, *args):
            guesses.append(query.text)
            clock.now += ahead.BUDGET * share  # each guess: this share of the budget
            return True

        monkeypatch.setattr(pilot.app.screen.index, "search_ahead", taking)
        done = passes.count
        await burst(pilot, "/be")
        await passes.after(done)
        assert guesses == expected  # (0.4: a third would have taken 120%)
        done = passes.count
        await burst(pilot, "c")
        await passes.after(done)
        assert guesses[len(expected)] == "beca"  # the next query's first guess is begun


async def test_a_guess_that_finds_the_cache_damaged_has_it_built_again(monkeypatch):
    passes = Passes(monkeypatch)
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        index = pilot.app.screen.index
        rebuilt: list[bool] = []
        monkeypatch.setattr(pilot.app, "rebuild_index", lambda: rebuilt.append(True))

        def damaging(query, *args):
            index.articles.damaged = True
            return True

        monkeypatch.setattr(index, "search_ahead", damaging)
        done = passes.count
        await burst(pilot, "/be")
        await passes.after(done)
        assert rebuilt == [True]
        monkeypatch.undo()


async def test_a_cache_found_damaged_weighing_the_next_letters_is_built_again(monkeypatch):
    passes = Passes(monkeypatch)
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        articles = pilot.app.screen.index.articles
        rebuilt: list[bool] = []
        monkeypatch.setattr(pilot.app, "rebuild_index", lambda: rebuilt.append(True))

        def damaged(*args):
            articles.damaged = True
            return []

        monkeypatch.setattr(articles, "next_letters", damaged)
        done = passes.count
        await burst(pilot, "/be")
        await passes.after(done)
        assert rebuilt == [True]
