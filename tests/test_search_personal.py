"""tag: and note: match the database's tags and notes or the user's own, which the caller finds
and passes in (`Also`): the search layer never reads the user's files."""

from __future__ import annotations

import pytest

from tests.test_search_language import clauses_data
from tui.core.corpus import Corpus
from tui.search.index import Index
from tui.search.query import clause, overlay, parse
from tui.storage.personal import Personal
from tui.storage.store import Store

PANES = ("article", "entity", "agreement")


@pytest.fixture(scope="module", params=["memory", "cache"])
def index(request, tmp_path_factory) -> Index:
    corpus = Corpus(Store.memory(clauses_data()).load())
    if request.param == "memory":
        return Index.of(corpus)
    cache = tmp_path_factory.mktemp("cache") / "search.fts"
    Index.of(corpus, cache=cache, key="k").articles.close()
    from tui.search import cachefile

    cachefile.confirm(cache, "k")
    opened = Index.open(cache, "k")
    assert opened is not None
    return opened


def ids(results) -> tuple[set[str], ...]:
    return tuple({hit.id for hit in results.of(pane)} for pane in PANES)


MINE = {"article:a3", "entity:japan", "agreement:beca", "entity:unknown"}


def test_a_tag_of_ones_own_is_found_in_every_pane(index):
    also = {clause("tag", "mine"): MINE}
    assert ids(index.search("tag:mine", 100, also=also)) == ({"a3"}, {"japan"}, {"beca"})
    assert ids(index.search("tag:mine", 100)) == (set(), set(), set())


def test_ones_own_add_to_the_databases_tags(index):
    also = {clause("tag", "founding"): {"article:a2", "entity:india"}}
    assert ids(index.search("tag:founding", 100, also=also)) == (
        {"a1", "a2", "a4"},
        {"quad", "india"},
        {"lemoa"},
    )


def test_a_note_of_ones_own_adds_to_the_databases_notes(index):
    also = {clause("note", "annex"): {"article:a3", "entity:japan"}}
    assert ids(index.search("note:annex", 100, also=also)) == ({"a2", "a3"}, {"japan"}, {"raa"})


def test_every_clause_still_applies(index):
    also = {clause("tag", "mine"): MINE, clause("note", "annex"): {"article:a3"}}
    assert ids(index.search("tag:mine note:annex", 100, also=also)) == ({"a3"}, set(), set())
    assert ids(index.search("tag:mine geospatial", 100, also=also)) == ({"a3"}, set(), {"beca"})
    assert ids(index.search("tag:mine year:2016", 100, also=also)) == (set(), set(), set())


def test_an_overlay_from_a_users_own_file(index, tmp_path):
    personal = Personal.open("db", tmp_path)
    personal.add_tags("article:a3", ["Mine"])
    personal.add_tags("entity:japan", ["mine"])
    personal.set_note("agreement:beca", "Ask about the ANNEX")
    query = parse("tag:MINE note:annex")
    also = overlay(query, personal.tagged, personal.noted)
    assert also == {"tag:mine": {"article:a3", "entity:japan"}, "note:annex": {"agreement:beca"}}
    assert ids(index.search("tag:mine", 100, also=also)) == ({"a3"}, {"japan"}, set())
    assert ids(index.search("note:annex", 100, also=also)) == ({"a2"}, set(), {"raa", "beca"})
