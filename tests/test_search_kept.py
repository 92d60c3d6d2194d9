"""Answers kept while typing (Index.search): a backspace back to one of the last queries typed
is given the answer it had, which is what a fresh index answers; what the user's own files,
a saved search's hint, another page or a half-built index would change is searched each time."""

from __future__ import annotations

from dataclasses import replace

from tests.conftest import bundled_data, queries_asked
from tests.pilot import burst, pane_ids, running
from tui.core.corpus import Corpus
from tui.search.fts import ArticleIndex, ArticleRow
from tui.search.index import Index
from tui.search.kept import RECENT_KEPT
from tui.search.query import parse
from tui.storage.store import Store
from tui.ui import ahead

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
    others = {f"india {n}": typed(index, f"india {n}") for n in range(RECENT_KEPT - 1)}
    assert typed(index, "india") is first  # fifteen others since: kept, and now the newest
    typed(index, "quad")  # one more: the oldest of the others goes, not "india" typed again
    assert typed(index, "india 1") is others["india 1"]
    assert typed(index, "india 0") is not others["india 0"]
    assert typed(index, "india") is first
    for number in range(RECENT_KEPT):
        typed(index, f"quad {number}")
    again = typed(index, "india")
    assert again is not first and again == first
    assert len(index._kept._recent) == RECENT_KEPT


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


def test_answers_kept_go_when_the_articles_index_is_replaced():
    """A cold start answers from a quick first index of the articles, which counts a word
    being typed only so far, until the complete one replaces it (`ArticleIndex.take`): what the
    quick one answered is not given again."""
    index = warmed()
    assert index.articles is not None
    kept = typed(index, "beca")
    assert typed(index, "beca") is kept
    rows = [
        ArticleRow.of(article)
        for article in Corpus(Store.memory(bundled_data()).load()).articles.values()
    ]
    assert index.articles.take(ArticleIndex.start(rows))
    again = typed(index, "beca")
    assert again is not kept and again == kept  # (the same data, indexed again)
    assert typed(index, "beca") is again


def test_warming_up_keeps_the_first_keys_alone_and_leaves_the_ui_s_answers_as_they_are():
    """`warm_up` runs on a thread of its own while the UI thread types: it adds first keys,
    and nothing else of what is kept changes (kept.py)."""
    index = warmed()
    assert index._kept._recent == {}
    assert index._kept._first and all(len(query.text) == 1 for query in index._kept._first)
    recent = typed(index, "bec")
    index.search_ahead(parse("beca"), None, PAGE)
    kept = (dict(index._kept._recent), dict(index._kept._ahead))
    assert recent and kept[1]
    index.warm_up(page=PAGE)  # (again: as it would run beside the typing)
    assert (index._kept._recent, index._kept._ahead) == kept


async def test_the_panes_show_after_a_backspace_what_they_showed_before_it(monkeypatch):
    monkeypatch.setattr(ahead, "AFTER", 60.0)  # no guesses at the next key: nothing searched
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        panes = ("articles", "entities", "agreements")
        await burst(pilot, "/bec")
        before = {pane: pane_ids(pilot, pane) for pane in panes}
        await burst(pilot, "a")
        after_a = {pane: pane_ids(pilot, pane) for pane in panes}
        searched = queries_asked(monkeypatch, pilot.app.screen.index, "_search")
        await pilot.press("backspace")
        await pilot.pause()
        assert searched == []  # answered as it was when typed
        assert pilot.app.screen.query_text == "bec"
        assert {pane: pane_ids(pilot, pane) for pane in panes} == before != after_a


def test_a_first_key_answered_by_an_index_replaced_since_is_searched_again():
    """A cold start's quick first index answers the first keys warm_up keeps; once the
    complete one replaces it, they are answered again, as a fresh index answers them."""
    fresh = warmed()
    rows = [
        ArticleRow.of(article)
        for article in Corpus(Store.memory(bundled_data()).load()).articles.values()
    ]
    quick = ArticleIndex(ArticleIndex.start(rows, prefixes=False).finish())
    index = Index(fresh.names, quick)
    index.warm_up(page=PAGE)
    kept = typed(index, "q")
    assert typed(index, "q") is kept
    assert quick.take(ArticleIndex.start(rows))
    again = typed(index, "q")
    assert again is not kept and again == typed(fresh, "q")
    assert typed(index, "q") is again
