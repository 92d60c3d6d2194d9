"""Answers kept while typing (Index.search): a backspace back to one of the last queries typed
is given the answer it had, which is what a fresh index answers; what the user's own files,
a saved search's hint, another page or a half-built index would change is searched each time."""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import bundled_data
from tests.pilot import burst, pane_ids, running
from tui.core.corpus import Corpus
from tui.search.index import RECENT_KEPT, Index
from tui.search.query import parse
from tui.storage.store import Store

PAGE = 12


def built() -> Index:
    return Index.of(Corpus(Store.memory(bundled_data()).load()))


def warmed() -> Index:
    index = built()
    index.warm_up(page=PAGE)
    return index


def typed(index: Index, query):
    return index.search(query, PAGE, typing=True)


def test_a_backspace_back_to_a_query_typed_is_not_searched_again(monkeypatch):
    index, fresh = warmed(), built()
    answers = {query: typed(index, query) for query in ("be", "bec", "beca")}
    assert answers == {query: typed(fresh, query) for query in answers}
    assert answers["beca"].agreements[0].label.startswith("BECA · Basic Exchange")

    def searched(*args):
        raise AssertionError("searched again")

    monkeypatch.setattr(index, "_search", searched)
    for query in ("bec", "be", "bec", "beca"):  # erased, then typed again
        assert typed(index, query) is answers[query]


def test_only_the_last_queries_typed_are_kept():
    index = warmed()
    first = typed(index, "india")
    for number in range(RECENT_KEPT - 1):
        typed(index, f"india {number}")
    assert typed(index, "india") is first  # fifteen others since: kept (and now the newest)
    for number in range(RECENT_KEPT):
        typed(index, f"quad {number}")
    again = typed(index, "india")
    assert again is not first and again == first
    assert len(index._recent) == RECENT_KEPT


def test_what_the_user_s_files_a_hint_or_another_page_change_is_searched_each_time():
    index = warmed()
    plain = typed(index, "in")
    hinted = replace(parse("in"), hints=("@x = in",))
    for args, kwargs in [
        (("in", PAGE + 1), {"typing": True}),  # a resized terminal, the next page
        (("in", PAGE, ("article",)), {"typing": True}),
        (("in", PAGE), {}),  # not typed: the palette, the command line
        ((parse("in"), PAGE), {"also": {}, "typing": True}),  # tag: and note: looked up
        ((hinted, PAGE), {"typing": True}),
    ]:
        first, second = index.search(*args, **kwargs), index.search(*args, **kwargs)
        assert first is not second and first is not plain
    assert typed(index, hinted).query.hint == "@x = in"
    assert typed(index, "in") is plain and not plain.query.hint


def test_nothing_is_kept_while_the_articles_are_indexed_or_once_the_cache_is_damaged():
    early = Index(built().names, None)  # a cold start: names answer before articles
    early.warm_up(page=PAGE)
    assert typed(early, "india") is not typed(early, "india")
    assert not typed(early, "india").articles
    damaged = warmed()
    assert damaged.articles is not None
    damaged.articles.damaged = True
    assert typed(damaged, "india") is not typed(damaged, "india")


def test_warming_up_keeps_the_first_keys_alone():
    index = warmed()
    assert index._recent == {}
    assert index._first and all(len(query.text) == 1 for query in index._first)


async def test_the_panes_show_after_a_backspace_what_they_showed_before_it():
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        panes = ("articles", "entities", "agreements")
        await burst(pilot, "/bec")
        before = {pane: pane_ids(pilot, pane) for pane in panes}
        await burst(pilot, "a")
        after_a = {pane: pane_ids(pilot, pane) for pane in panes}
        await pilot.press("backspace")
        await pilot.pause()
        assert pilot.app.screen.query_text == "bec"
        assert {pane: pane_ids(pilot, pane) for pane in panes} == before != after_a
