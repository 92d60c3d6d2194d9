"""The next key's answer worked out ahead (Index.next_keys, Index.search_ahead, ui/ahead.py):
the guesses are the letters that most often follow the word being typed in the articles'
words; a guess typed is given the answer a fresh index gives, without a search; the guesses go
with the next query typed; nothing is guessed for what the typed answers are not kept for, nor
for a query a newer key replaced, and no more than the budget is spent on a query."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace

import pytest

from tests.conftest import bundled_data
from tests.pilot import burst, pane_ids, running
from tui.core.corpus import Corpus
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
    queries = [text + key for key in index.next_keys(parse(text))]
    for query in queries:
        index.search_ahead(parse(query), PAGE)
    return queries


def spied(index: Index, monkeypatch) -> list[str]:
    """The queries `index` searches from now on."""
    searched: list[str] = []
    search = index._search

    def recorded(query, *args):
        searched.append(query.text)
        return search(query, *args)

    monkeypatch.setattr(index, "_search", recorded)
    return searched


@pytest.mark.parametrize("prefix", ["j", "be", "he", "jai", "ind", "defence coop"])
def test_the_next_keys_follow_the_last_word_most_often_in_the_articles_words(prefix):
    index = Index.of(corpus())
    assert index.articles is not None
    word = prefix.split()[-1]
    weight: Counter[str] = Counter()
    for term, articles in index.articles._conn.execute("SELECT term, articles FROM words"):
        if term.startswith(word) and term != word:
            weight[term[len(word)]] += articles
    expected = sorted(weight, key=lambda letter: (-weight[letter], letter))[:GUESSES]
    assert list(index.next_keys(parse(prefix))) == expected
    assert expected  # each begins some word of the bundled articles


@pytest.mark.parametrize(
    "text", ["quad ", '"quad', "india-", "kind:person", "-india", "(quad", "quad OR"]
)
def test_no_keys_are_guessed_after_anything_but_a_word_being_typed(text):
    assert Index.of(corpus()).next_keys(parse(text)) == ""


def test_no_keys_are_guessed_where_answers_are_not_kept_or_the_words_are_not_listed():
    index = Index.of(corpus())
    assert index.next_keys(parse("be"))
    assert index.next_keys(parse("be"), also={}) == ""  # tag: and note: of the user's own
    assert index.next_keys(replace(parse("be"), hints=("@x = be",))) == ""  # a saved search
    assert Index(index.names, None).next_keys(parse("be")) == ""  # articles being indexed
    rows = [ArticleRow.of(article) for article in corpus().articles.values()]
    quick = ArticleIndex(ArticleIndex.start(rows, prefixes=False).finish())  # no word list
    assert Index(index.names, quick).next_keys(parse("be")) == ""
    assert index.articles is not None
    index.articles.damaged = True
    assert index.next_keys(parse("be")) == ""


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
    index.search_ahead(parse("bec"), PAGE + 1)  # a resized terminal's page
    index.search_ahead(parse("bec"), PAGE, also={})  # the user's own tags and notes
    index.search_ahead(replace(parse("bec"), hints=("@x = bec",)), PAGE)  # a saved search
    index.search_ahead(parse("b"), PAGE)  # a first key: kept already
    assert searched == [] and index._ahead == {}
    typed(index, "bec")
    index.search_ahead(parse("bec"), PAGE)  # typed just now: kept already
    assert searched == ["bec"] and index._ahead == {}
    early = Index(index.names, None)
    early.warm_up(page=PAGE)
    early.search_ahead(parse("bec"), PAGE)  # the articles being indexed
    assert early._ahead == {}


def test_an_answer_from_a_damaged_cache_is_not_kept(monkeypatch):
    index = warmed()
    assert index.articles is not None
    search = index._search

    def damaged(*args):
        index.articles.damaged = True  # a search met a damaged page (it answers nothing)
        return search(*args)

    monkeypatch.setattr(index, "_search", damaged)
    index.search_ahead(parse("bec"), PAGE)
    assert index._ahead == {}


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


def guessing(pilot, monkeypatch) -> list[str]:
    """The queries the app answers ahead from now on."""
    index = pilot.app.screen.index
    queries: list[str] = []
    search_ahead = index.search_ahead

    def recorded(query, *args):
        queries.append(query.text)
        return search_ahead(query, *args)

    monkeypatch.setattr(index, "search_ahead", recorded)
    return queries


async def test_a_letter_guessed_shows_without_a_search_what_a_fresh_index_shows(monkeypatch):
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses = guessing(pilot, monkeypatch)
        await burst(pilot, "/be")
        await pilot.pause(2 * ahead.AFTER + 0.1)
        assert "bec" in guesses
        searched = spied(pilot.app.screen.index, monkeypatch)
        await burst(pilot, "c")
        assert pilot.app.screen.query_text == "bec"
        assert "bec" not in searched  # (its own guesses may be searched by now)
        fresh = Index.of(corpus()).search("bec", pilot.app.screen.page(), typing=True)
        for dom_id, kind in (("articles", "article"), ("agreements", "agreement")):
            assert pane_ids(pilot, dom_id) == [hit.id for hit in fresh.of(kind)]
        assert pane_ids(pilot, "agreements")[0] == "beca"


async def test_nothing_is_guessed_for_a_query_a_newer_key_replaced(monkeypatch):
    monkeypatch.setattr(ahead, "AFTER", 0.3)  # longer than the test takes to type "c"
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses = guessing(pilot, monkeypatch)
        await burst(pilot, "/be")
        assert pilot.app.screen.query_text == "be"
        await burst(pilot, "c")
        await pilot.pause(2 * ahead.AFTER + 0.2)  # (a reset timer waits one to two AFTERs)
        assert guesses and all(query.startswith("bec") for query in guesses)


async def test_a_key_typed_while_guessing_ends_the_guesses(monkeypatch):
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        screen = pilot.app.screen
        index = screen.index
        guesses: list[str] = []

        def key_typed_meanwhile(query, *args):
            guesses.append(query.text)
            screen._query = "bex"  # as the search bar's next key would

        monkeypatch.setattr(index, "search_ahead", key_typed_meanwhile)
        await burst(pilot, "/be")
        await pilot.pause(2 * ahead.AFTER + 0.1)
        assert len(index.next_keys(parse("be"))) > 1
        assert guesses == ["bec"]


async def test_no_more_than_the_budget_is_spent_guessing_a_query(monkeypatch):
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        guesses: list[str] = []

        def slow(query, *args):
            guesses.append(query.text)
            time.sleep(ahead.BUDGET / 2 + 0.001)

        monkeypatch.setattr(pilot.app.screen.index, "search_ahead", slow)
        await burst(pilot, "/be")
        await pilot.pause(2 * ahead.AFTER + 0.1)
        assert guesses == ["bec", "bed"]  # the second passed the budget: no third
