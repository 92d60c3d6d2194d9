"""Every clause of the search language in every pane, OR, and FTS5 expressions that are always
valid: a table of what each clause lists in each pane, over a database made to tell them apart."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import database_of
from tui.core.corpus import Corpus
from tui.core.models import Agreement, Article, Entity
from tui.search.articlefilters import match_expressions as _match_expressions
from tui.search.index import Index
from tui.search.query import parse
from tui.storage.store import Store

PANES = ("article", "entity", "agreement")


def clauses_data() -> dict:
    """Five entities, three agreements and four articles, each clause telling some apart."""
    entities = [
        Entity(
            "india", "India", "country", aliases=("Bharat",), description="A country in South Asia."
        ),
        Entity("japan", "Japan", "country", description="An island country, a partner of India."),
        Entity(
            "modi",
            "Narendra Modi",
            "person",
            description="Prime Minister of India.",
            tags=("leader",),
            notes="Met at the Tokyo summit.",
        ),
        Entity(
            "quad",
            "Quad",
            "group",
            aliases=("Quadrilateral Security Dialogue",),
            tags=("founding",),
        ),
        Entity("make-in-india", "Make in India", "initiative", status="candidate"),
    ]
    agreements = [
        Agreement(
            "lemoa",
            "Logistics Exchange Memorandum of Agreement",
            acronym="LEMOA",
            signed="2016-08-29",
            parties=("india",),
            status="in force",
            summary="Logistics support between the two militaries.",
            tags=("founding",),
        ),
        Agreement(
            "beca",
            "Basic Exchange and Cooperation Agreement",
            acronym="BECA",
            signed="2020-10-27",
            announced="2019-12-18",
            parties=("india",),
            status="in force",
            summary="Geospatial data shared between India and the United States.",
        ),
        Agreement(
            "raa",
            "Reciprocal Access Agreement",
            acronym="RAA",
            announced="2018-05-01",
            parties=("japan", "india"),
            status="under negotiation",
            review="candidate",
            summary="Access for the forces of Japan and Australia.",
            notes="The annex is still argued over in Tokyo.",
        ),
    ]
    texts = {
        "a1": (
            "Quad leaders meet",
            "2021-03-12",
            "Hindu",
            ("founding",),
            "The Quad met in Washington. India and Japan spoke of Make in India.",
        ),
        "a2": (
            "LEMOA signed",
            "2016-08-30",
            "Wire",
            (),
            "India signed LEMOA, the logistics exchange memorandum.",
        ),
        "a3": (
            "BECA and geospatial data",
            "2020-10-28",
            "Hindu",
            (),
            "BECA shares geospatial data with India.",
        ),
        "a4": (
            "Japan talks",
            "2018-05-02",
            "Wire",
            ("founding",),
            "Japan and Australia discussed reciprocal access.",
        ),
    }
    notes = {"a2": "Check the annex."}
    articles = [
        Article(i, t, x, source=s, published=d, tags=g, notes=notes.get(i, ""))
        for i, (t, d, s, g, x) in texts.items()
    ]
    return database_of(entities, agreements, articles, "Clauses")


@pytest.fixture(scope="module")
def index() -> Index:
    return Index.of(Corpus(Store.memory(clauses_data()).load()))


ALL_ARTICLES = {"a1", "a2", "a3", "a4"}
ALL_ENTITIES = {"india", "japan", "modi", "quad", "make-in-india"}
ALL_AGREEMENTS = {"lemoa", "beca", "raa"}
NONE: set[str] = set()

# query: (articles, entities, agreements) it lists, whatever the order. A word matches names,
# descriptions, titles and texts; -word leaves out what has it in a name (name, alias, acronym)
# in the name panes, and anywhere in the article pane; a filter on what a kind of item does not
# have (an article's party, an entity's year) lists none of that kind.
CLAUSES = {
    # words: a finished word, a prefix being typed, one letter, two words
    "india ": ({"a1", "a2", "a3"}, {"india", "japan", "modi", "make-in-india"}, {"beca"}),
    "logis": ({"a2"}, NONE, {"lemoa"}),
    "q": ({"a1"}, {"quad"}, NONE),  # one letter alone: the start of names and title words
    "japan access ": ({"a4"}, NONE, {"raa"}),
    # "phrases", and a phrase in a name or description only
    '"make in india"': ({"a1"}, {"make-in-india"}, NONE),
    '"geospatial data"': ({"a3"}, NONE, {"beca"}),
    # -word, -"phrase", alone and with words and filters
    "-india": ({"a4"}, {"japan", "modi", "quad"}, ALL_AGREEMENTS),
    '-"make in india"': ({"a2", "a3", "a4"}, ALL_ENTITIES - {"make-in-india"}, ALL_AGREEMENTS),
    "kind:country -india": (NONE, {"japan"}, NONE),
    "india -quad ": ({"a2", "a3"}, {"india", "japan", "modi", "make-in-india"}, {"beca"}),
    "-lemoa -raa": ({"a1", "a3", "a4"}, ALL_ENTITIES, {"beca"}),
    # a OR b, with filters, negation and phrases
    "lemoa OR beca ": ({"a2", "a3"}, NONE, {"lemoa", "beca"}),
    "lemoa OR bec": ({"a2", "a3"}, NONE, {"lemoa", "beca"}),
    "india OR japan -quad ": (
        {"a2", "a3", "a4"},
        {"india", "japan", "modi", "make-in-india"},
        {"beca", "raa"},
    ),
    'lemoa OR "make in india"': ({"a1", "a2"}, {"make-in-india"}, {"lemoa"}),
    "kind:agreement lemoa OR raa ": (NONE, NONE, {"lemoa", "raa"}),
    "japan lemoa OR access ": ({"a4"}, NONE, {"raa"}),
    # kind:
    "kind:country": (NONE, {"india", "japan"}, NONE),
    "kind:person": (NONE, {"modi"}, NONE),
    "kind:article": (ALL_ARTICLES, NONE, NONE),
    "kind:agreement": (NONE, NONE, ALL_AGREEMENTS),
    "kind:entity": (NONE, ALL_ENTITIES, NONE),
    # party: (agreements only)
    "party:india": (NONE, NONE, {"lemoa", "beca", "raa"}),
    "party:bharat": (NONE, NONE, {"lemoa", "beca", "raa"}),
    "party:japan": (NONE, NONE, {"raa"}),
    # a repeated party: requires each of them
    "party:india party:japan": (NONE, NONE, {"raa"}),
    "party:bharat party:jap": (NONE, NONE, {"raa"}),
    "party:india party:modi": (NONE, NONE, NONE),
    # year: (articles' publication, agreements' signing or announcement; entities have none)
    "year:2016..2018": ({"a2", "a4"}, NONE, {"lemoa", "raa"}),
    "year:2020": ({"a3"}, NONE, {"beca"}),
    # signed: (agreements signed in those years; the RAA is only announced)
    "signed:2016..2018": (NONE, NONE, {"lemoa"}),
    "signed:2016..": (NONE, NONE, {"lemoa", "beca"}),
    "signed:2016..2020": (NONE, NONE, {"lemoa", "beca"}),
    "year:2016..2020": ({"a2", "a3", "a4"}, NONE, {"lemoa", "beca", "raa"}),
    # announced: (agreements announced in those years: BECA in 2019, signed in 2020)
    "announced:2018": (NONE, NONE, {"raa"}),
    "announced:2019..2020": (NONE, NONE, {"beca"}),
    "announced:..2020": (NONE, NONE, {"raa", "beca"}),
    "announced:2020": (NONE, NONE, NONE),
    "announced:2018.. signed:2016..": (NONE, NONE, {"beca"}),
    "party:india party:japan signed:2016..2020": (NONE, NONE, NONE),
    # tag:, source:, status:
    "tag:founding": ({"a1", "a4"}, {"quad"}, {"lemoa"}),
    "tag:leader": (NONE, {"modi"}, NONE),
    # note: (the words of notes, whole words, each of them)
    "note:annex": ({"a2"}, NONE, {"raa"}),
    "note:Tokyo": (NONE, {"modi"}, {"raa"}),
    'note:"tokyo summit"': (NONE, {"modi"}, NONE),
    "note:tok": (NONE, NONE, NONE),
    "note:annex kind:agreement": (NONE, NONE, {"raa"}),
    "source:hindu": ({"a1", "a3"}, NONE, NONE),
    "status:candidate": (NONE, {"make-in-india"}, {"raa"}),
    "status:force": (NONE, NONE, {"lemoa", "beca"}),
    # filters together, and with words
    "tag:founding year:2021": ({"a1"}, NONE, NONE),
    "tag:founding india ": ({"a1"}, NONE, NONE),
    "": (ALL_ARTICLES, ALL_ENTITIES, ALL_AGREEMENTS),
}


@pytest.mark.parametrize("pane", PANES)
@pytest.mark.parametrize("query", list(CLAUSES))
def test_every_clause_applies_to_every_pane(index, query, pane):
    results = index.search(query, limit=100)
    expected = CLAUSES[query][PANES.index(pane)]
    assert {h.id for h in results.of(pane)} == expected
    assert results.totals[pane] == len(expected)
    assert not results.query.hint


def test_the_table_names_every_clause_of_the_language():
    from tui.search.query import FIELDS

    queries = " ".join(CLAUSES)
    assert all(f"{name}:" in queries for name in FIELDS)
    for clause in ("-", '-"', '"', " OR "):
        assert clause in queries


def test_either_word_ranks_both_exact_names_first(index):
    agreements = index.search("raa OR lemoa").agreements
    assert {h.id for h in agreements[:2]} == {"raa", "lemoa"}
    assert sorted(h.label[s:e] for h in agreements for s, e in h.spans) == ["LEMOA", "RAA"]


def test_or_in_lower_case_is_a_word(index):
    assert {h.id for h in index.search("lemoa or beca ").agreements} == set()
    assert parse("lemoa or beca").terms == ("lemoa", "or", "beca")


@pytest.mark.parametrize(
    "query", ["OR lemoa", "lemoa OR -beca", "lemoa OR OR beca", "lemoa OR kind:agreement"]
)
def test_an_or_with_nothing_to_join_is_a_hint(index, query):
    results = index.search(query)
    assert "OR goes between two words" in results.query.hint
    assert {h.id for h in results.agreements} >= {"lemoa"}


def test_an_or_being_typed_waits_for_its_next_word(index):
    finished = index.search("lemoa ")
    for query in ("lemoa OR", "lemoa OR "):
        results = index.search(query)
        assert not results.query.hint
        assert all([h.id for h in results.of(p)] == [h.id for h in finished.of(p)] for p in PANES)
        assert results.totals == finished.totals


# -- FTS5 expressions are always valid ---------------------------------------------------------

FTS_SYNTAX = [
    '"',
    "-",
    ":",
    "*",
    "(",
    ")",
    "^",
    "+",
    "{",
    "}",
    ",",
    ".",
    "'",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "kind:",
    "year:",
    "signed:",
    "announced:",
    "..",
    "lemoa",
    "india",
    "in",
    "l",
    "é",
    "ß",
    "ﬁ",
    "\u0301",
    "_",
    "0",
    " ",
    " ",
    " ",
]


@pytest.fixture(scope="module")
def empty_fts() -> sqlite3.Connection:
    """An FTS5 table made as the cache makes its own, to ask whether an expression parses."""
    from tui.search.cachefile import _TOKENS

    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE fts USING fts5(title, body, {_TOKENS})")
    conn.execute("INSERT INTO fts VALUES ('India talks', 'lemoa in india')")
    return conn


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FTS_SYNTAX), max_size=10).map("".join) | st.text(max_size=30))
def test_every_match_expression_parses(empty_fts, text):
    query = parse(text)
    for spelled in (None, '("india" OR "indian")'):
        for expression in _match_expressions(query, spelled):
            if expression is not None:
                empty_fts.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (expression,))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FTS_SYNTAX), max_size=10).map("".join) | st.text(max_size=30))
def test_any_query_searches_a_cache_file_without_an_error_or_a_rebuild(cached, text):
    results = cached.search(text)
    assert not cached.damaged
    assert results.totals.keys() == set(PANES)


@pytest.mark.parametrize("text", ['"0\x00', '"a\x00b"', "lemoa\x00", "\x00"])
def test_a_nul_in_a_query_is_no_sqlite_error(cached, text):
    """SQLite ends a string at a NUL: a phrase with one in it once failed as "unterminated
    string" (hypothesis found it)."""
    assert cached.search(text).totals.keys() == set(PANES)
    assert not cached.damaged


@pytest.fixture(scope="module")
def cached(tmp_path_factory) -> Index:
    """The clauses database, indexed in a cache file with its prefix indexes and word list."""
    from tui.search import cachefile

    corpus = Corpus(Store.memory(clauses_data()).load())
    cache = tmp_path_factory.mktemp("cache") / "clauses.fts"
    Index.of(corpus, cache=cache, key="k")
    cachefile.confirm(cache, "k")
    index = Index.open(cache, "k")
    assert index is not None and index.warm and index.articles.complete
    return index


@pytest.mark.parametrize(
    ("query", "kinds", "hinted"),
    [
        ("kind:country OR kind:person", ("country", "person"), False),
        ("kind:country kind:person", ("country", "person"), False),
        ("kind:country OR india", ("country",), True),
        ("kind:country OR party:india", ("country",), True),
        ("india OR kind:person", ("person",), True),
    ],
)
def test_or_between_values_of_one_filter_is_either_and_is_not_warned_about(query, kinds, hinted):
    """Values of one filter are either one already: OR between them is what it says."""
    parsed = parse(query)
    assert parsed.kinds == kinds
    assert ("OR goes between" in " ".join(parsed.hints)) is hinted


@pytest.mark.parametrize("query", ["party:india OR party:japan", "tag:a OR tag:b"])
def test_or_between_values_that_all_apply_says_so(index, query):
    """A repeated party: requires each (kind: values alone are alternatives): an OR between
    two parties would read as either, so the hint says it joins nothing."""
    hint = index.search(query).query.hint
    assert "applies" in hint and "joins nothing" in hint
    assert "OR goes between" not in hint


def test_every_example_in_the_help_reads_without_a_hint():
    from tui.ui.screens.help import QUERY_HELP

    examples = [left for left, _ in QUERY_HELP if ":" in left and not left.startswith("(")]
    assert any("announced:" in e for e in examples)
    for example in examples:
        assert not parse(example).hints, example
