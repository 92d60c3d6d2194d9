"""Search ranking, filters and hints over the bundled database and a small one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import bundled_data, queries_asked, small_data
from tui.core.corpus import Corpus
from tui.search.index import FIRST_KEYS, Index
from tui.search.kept import FIRST_KEPT
from tui.search.names import EXACT_NAME, NAME_PREFIX, WORD_SCORES, NameIndex, NameRecord
from tui.search.query import fold, parse, words
from tui.storage.store import Store


@pytest.fixture(scope="module")
def corpus():
    return Corpus(Store.memory(bundled_data()).load())


@pytest.fixture(scope="module")
def index(corpus):
    return Index.of(corpus)


@pytest.fixture(scope="module")
def small():
    return Index.of(Corpus(Store.memory(small_data()).load()))


@pytest.mark.parametrize(
    ("query", "kind", "expected"),
    [
        ("lemoa", "agreement", "lemoa"),
        ("LEMOA", "agreement", "lemoa"),
        ("Logistics Exchange", "agreement", "lemoa"),
        ("jaish", "entity", "s-jaishankar"),
        ("hegseth", "entity", "pete-hegseth"),
        ("quad", "entity", "quad"),
        ("pentagon", "entity", "us-dod"),
        ("make in india", "entity", "make-in-india"),
        ("comcasa", "agreement", "comcasa"),
        ("Communications Compatibility", "agreement", "comcasa"),
        ("hegsth", "entity", "pete-hegseth"),
        ("comcassa", "agreement", "comcasa"),
        ("bharat", "entity", "india"),
    ],
)
def test_the_right_item_comes_first(index, query, kind, expected):
    hits = index.search(query).of(kind)
    assert hits and hits[0].id == expected


def test_matched_characters_are_marked_in_the_label(index):
    hit = index.search("lemo").agreements[0]
    assert [hit.label[s:e] for s, e in hit.spans] == ["LEMO"]


def test_article_hits_carry_a_snippet_around_the_match(index):
    hit = index.search("interoperability").articles[0]
    assert [hit.snippet[s:e].lower() for s, e in hit.snippet_spans][0] == "interoperability"


@pytest.mark.parametrize(
    "query",
    [
        "interop",  # the last word a prefix
        "d",  # one letter: the start of a title word
        "source:founding d",  # a filter and one letter: newest first, from the article table
        "-nothing d",  # an excluded word and one letter: likewise
    ],
)
def test_every_way_of_finding_articles_gives_them_a_snippet(index, query):
    hit = index.search(query).articles[0]
    assert hit.snippet and hit.snippet_spans
    start, end = hit.snippet_spans[0]
    assert hit.snippet[start:end].lower() == query.split()[-1]


def test_an_empty_query_lists_everything_most_mentioned_first(index):
    results = index.search("")
    assert results.totals == {"article": 1, "entity": 95, "agreement": 30}
    assert results.entities[0].id in {"united-states", "india"}


def test_title_words_rank_above_text_words(small):
    ids = [h.id for h in small.search("logistics").articles]
    assert ids[0] == "a3"  # "Logistics" is its title; a1's text only names LEMOA


def test_newer_articles_come_first_without_a_query(small):
    assert [h.id for h in small.search("").articles] == ["a1", "a2", "a3"]


def test_filters_narrow_every_pane(index, corpus):
    people = index.search("kind:person")
    assert people.totals["article"] == 0 and people.totals["agreement"] == 0
    assert all(corpus.entities[h.id].kind == "person" for h in people.entities)
    in_range = index.search("party:india year:2016..2020").agreements
    assert {h.id for h in in_range} >= {"lemoa", "comcasa", "beca"}
    assert all(2016 <= (corpus.agreements[h.id].year or 0) <= 2020 for h in in_range)


def test_the_agreements_india_and_the_us_signed_2016_to_2020(index, corpus):
    """Both parties required, and signed (not only announced) in those years: the question
    the `year:` filter, which mixes signing and announcement dates, could not answer."""
    found = index.search("party:india party:u.s. signed:2016..2020", limit=100).agreements
    assert {h.id for h in found} >= {"lemoa", "comcasa", "beca"}
    for hit in found:
        agreement = corpus.agreements[hit.id]
        assert {"india", "united-states"} <= set(agreement.parties)
        assert agreement.signed and 2016 <= int(agreement.signed[:4]) <= 2020
    only_announced = [a.id for a in corpus.agreements.values() if a.announced and not a.signed]
    assert only_announced  # the bundled database has one (the RDP): signed: leaves it out
    for agreement_id in only_announced:
        year = corpus.agreements[agreement_id].announced[:4]
        assert agreement_id in {h.id for h in index.search(f"year:{year}").agreements}
        assert agreement_id in {h.id for h in index.search(f"announced:{year}").agreements}
        assert agreement_id not in {h.id for h in index.search(f"signed:{year}").agreements}


def test_phrases_and_exclusions(small):
    assert [h.id for h in small.search('"supply chains"').articles] == ["a3"]
    assert "a1" not in {h.id for h in small.search("quad -hegseth").articles}
    assert {h.id for h in small.search("quad -hegseth").articles} == {"a2"}


@pytest.mark.parametrize(
    "query",
    [
        "year:20x",
        "colour:red",
        "kind:planet",
        "year:2020..2010",
        '"unclosed',
        "kind:",
        "announced:soon",
        "announced:2020..2010",
        "announced:",
    ],
)
def test_bad_filters_become_hints_not_errors(index, query):
    results = index.search(query)
    assert results.query.hint


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_string_searches_without_raising(small, text):
    results = small.search(text)
    assert results.totals.keys() == {"article", "entity", "agreement"}
    assert not small.damaged  # an SQLite error other than damage would have been raised


@pytest.fixture(scope="module")
def small_corpus():
    return Corpus(Store.memory(small_data()).load())


def _has(columns: list[list[str]], phrase: list[str]) -> bool:
    """The words of `phrase`, one after another, in one of the columns."""
    size = len(phrase)
    return any(column[n : n + size] == phrase for column in columns for n in range(len(column)))


def _option(columns: list[list[str]], match, alone: bool) -> bool | None:
    """Whether an article has a word or phrase of the query; None: a letter being typed after
    other words, which waits for the next (see articlefilters.match_expressions)."""
    if match.phrase:
        return _has(columns, words(match.text))
    if not match.prefix:
        return _has(columns, [match.text])
    if len(match.text) > 1:
        return any(w.startswith(match.text) for column in columns for w in column)
    return any(w.startswith(match.text) for w in columns[0]) if alone else None


def _articles_matching(corpus: Corpus, query) -> set[str]:
    """The articles a query must find, worked out from their words, one by one."""
    if (
        (query.kinds and "article" not in query.kinds)
        or query.parties
        or query.signed
        or query.announced
        or query.statuses
    ):
        return set()
    alone = len(query.groups) == 1 and len(query.groups[0]) == 1
    found = set()
    for article in corpus.articles.values():
        columns = [words(article.title), words(article.text)]
        year = int(article.published[:4]) if article.published else None
        if query.years and not (year and query.years[0] <= year <= query.years[1]):
            continue
        if not all(s in fold(article.source) for s in query.sources) or not all(
            t in {fold(g) for g in article.tags} for t in query.tags
        ):
            continue
        if any(_has(columns, entry.split()) for entry in query.excluded):
            continue
        answers = [[_option(columns, m, alone) for m in group] for group in query.groups]
        if all(True in group or all(a is None for a in group) for group in answers):
            found.add(article.id)
    return found


FTS_PARTS = [
    '"',
    "-",
    ":",
    "kind:",
    "year:",
    "..",
    "*",
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "quad",
    "^",
    "{title}",
    " ",
    " ",
    "NEAR",
    "'",
    "le",
    "l",
    "lemoa",
    "hegseth",
    "the",
    "source:wire",
    "tag:x",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FTS_PARTS), max_size=8))
def test_fts_syntax_in_queries_is_treated_as_text(small, small_corpus, parts):
    """FTS5 operators, brackets and quotes typed into a query are words or nothing: the
    articles found are those that have its words, as worked out one by one."""
    results = small.search("".join(parts), limit=10)
    assert {h.id for h in results.articles} == _articles_matching(small_corpus, results.query)
    assert results.totals["article"] == len(results.articles)
    assert not small.damaged


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)) | st.text())
def test_folding_ascii_quickly_gives_what_folding_by_character_gives(text):
    import unicodedata

    from tui.search.query import fold

    decomposed = unicodedata.normalize("NFKD", text.casefold())
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c))
    assert (
        fold(text.encode("ascii", "ignore").decode())
        == text.encode("ascii", "ignore").decode().casefold()
    )


@pytest.mark.parametrize(
    "text",
    ["q", "qu", "quad", "jai", "united st", "u", "india OR quad", "pete heg", "lemoa", "the"],
)
def test_names_beginning_a_query_are_those_a_check_of_every_item_finds(index, text):
    """The name-prefix bonus is looked up from the names' sorted first words; it must find
    exactly the items whose name starts with the words of a reading of the query."""
    from tui.search.names import _starts_with
    from tui.search.query import parse

    names = index.names
    readings = parse(text).readings()
    every = {
        number
        for number, entry in enumerate(names.items)
        for terms, prefix in readings
        if any(_starts_with(name, terms, prefix) for name in entry.names)
    }
    assert names._names_beginning(readings) == every
    assert every or text == "the"


@pytest.mark.parametrize("text", ["i", "de", "the", "quad", "india OR united", "defence"])
@pytest.mark.parametrize("limit", [1, 5, 1000])
def test_names_are_ranked_by_score_then_shorter_name_then_name(index, text, limit):
    """The best few are picked from every match without a full sort (names._ranked); they
    must be those a full sort gives: the higher score, then the shorter label, then the label,
    and the count must be every match."""
    from tui.search.query import parse

    names = index.names
    limits = {"entity": limit, "agreement": limit}
    for kind, (ranked, count) in names.search(parse(text), limits).items():
        scores = names.search(parse(text), {kind: len(names.items)})[kind][0]
        assert count == len(scores) and count
        label = {n.record.id: n.record.label for n in names.items if n.record.kind == kind}

        def order(hit, label=label):
            return (-hit[1], len(label[hit[0]]), fold(label[hit[0]]))

        assert [order(hit) for hit in ranked] == sorted(map(order, scores))[:limit]
        assert {item for item, _ in ranked} <= {item for item, _ in scores}


def test_names_within_a_typo_wait_for_the_last_word_to_be_more_than_begun(index):
    """A misspelt name is found ("hegsth"); a last word of one or two letters being typed
    after others is not yet a typo of anything, so no names are guessed for it."""
    from tui.search.query import parse
    from tui.search.typos import typo_texts

    assert typo_texts(parse("pete hegsth")) == ["pete hegsth"]
    assert typo_texts(parse("hegsth")) == ["hegsth"]
    assert typo_texts(parse("quad su")) == []
    assert typo_texts(parse("quad su ")) == ["quad su"]  # "su" is typed whole
    assert typo_texts(parse("quad sum")) == ["quad sum"]
    assert index.search("pete hegsth").best().id == "pete-hegseth"


def _entity(item_id: str, label: str, body: str = "") -> NameRecord:
    return NameRecord(
        "entity",
        item_id,
        label,
        "",
        (label,),
        "group",
        body,
        "",
        None,
        (),
        "confirmed",
        "",
        (),
        0,
        None,
        None,
    )


def test_an_item_keeps_the_best_score_a_word_earns_it():
    """A word in a name outscores the same word in a description, whichever it is found in
    first; and an item with it in both keeps the name's score, not the description's."""
    names = NameIndex(
        [
            _entity("both", "Logistics Command", "logistics for the fleet"),
            _entity("text", "Supply Group", "logistics for the army"),
        ]
    )
    found = dict(names.search(parse("logistics"), {"entity": 5, "agreement": 0})["entity"][0])
    word_in_name, word_in_text = WORD_SCORES["name"][0], WORD_SCORES["text"][0]
    assert found["both"] == word_in_name + NAME_PREFIX and found["text"] == word_in_text


def test_a_name_that_begins_with_the_query_earns_the_bonus_and_only_it():
    names = NameIndex(
        [_entity("begins", "Defence Council of the Realm"), _entity("later", "Joint Defence Board")]
    )
    found = names.search(parse("def"), {"entity": 5, "agreement": 0})["entity"][0]
    assert [item for item, _ in found] == ["begins", "later"]
    assert dict(found)["begins"] - dict(found)["later"] == NAME_PREFIX
    exact = dict(
        names.search(parse("joint defence board"), {"entity": 5, "agreement": 0})["entity"][0]
    )
    assert exact["later"] - exact.get("begins", 0.0) >= EXACT_NAME


def test_warming_up_asks_a_first_key_s_queries_of_every_kind(monkeypatch):
    """The prefixes of a word of the newest article's title, one letter at a time: a letter
    alone, short prefixes, longer ones spelled out, each answered (and so prepared) once; then
    every other first key."""
    index = Index.of(Corpus(Store.memory(small_data()).load()))
    searched = queries_asked(monkeypatch, index, "_search")
    index.warm_up()
    asked = list(searched)
    newest = index.search("", 1, ("article",)).articles[0].label.casefold()
    firsts = [key for key in FIRST_KEYS if key != asked[1]]  # (that one answered already)
    typed = asked[1 : -len(firsts)]  # after the newest article; before the first keys
    assert asked[-len(firsts) :] == firsts
    assert asked[0] == "" and typed and typed[-1].isalpha() and typed[-1] in newest
    assert [len(query) for query in typed] == list(range(1, len(typed) + 1))
    assert all(query == typed[-1][: len(query)] for query in typed)
    assert len(typed) >= 4 and any(index.search(query).articles for query in typed[3:])
    assert len(asked) == len(set(asked))  # each once


def test_a_first_key_is_answered_from_the_answer_warming_up_made(monkeypatch):
    """Each letter and digit typed alone, as the search bar asks (its first page of hits,
    every kind, typing), is answered once: warming up makes the answers, the same as a fresh
    index of the same data gives, and a search gives them back without searching."""
    index = Index.of(Corpus(Store.memory(bundled_data()).load()))
    fresh = Index.of(Corpus(Store.memory(bundled_data()).load()))
    index.warm_up(page=12)
    made = {key: index.search(key, 12, typing=True) for key in FIRST_KEYS}
    assert made == {key: fresh.search(key, 12, typing=True) for key in FIRST_KEYS}
    assert made["q"].entities  # (not all empty: "q" finds the Quad)

    def searched(*args, **kwargs):
        raise AssertionError("searched again")

    monkeypatch.setattr(index, "_search", searched)
    for key in FIRST_KEYS:
        assert index.search(key, 12, typing=True) is made[key]
    monkeypatch.undo()
    # Another page size (a resized terminal, the next page), other kinds, one not typed (the
    # palette, the command line): searched each time
    for args, kwargs in [
        (("q", 13), {"typing": True}),
        (("q", 12, ("article",)), {"typing": True}),
        (("qu", 13), {"typing": True}),
        (("q", 12), {}),
        (("qu", 12), {}),
    ]:
        assert index.search(*args, **kwargs) is not index.search(*args, **kwargs)


def test_a_first_key_with_the_user_s_own_matches_or_a_hint_is_searched_each_time():
    """A query that looks up the user's tags or notes (`also`) changes with them; a saved
    search of one letter (`@x` for "q") says so in a hint, which a query's equality leaves
    out: neither is kept, and neither is given the plain letter's answer."""
    index = Index.of(Corpus(Store.memory(small_data()).load()))
    index.warm_up(page=12)
    plain = index.search("q", 12, typing=True)
    assert index.search(parse("q"), 12, also={}, typing=True) is not plain
    saved = replace(parse("q"), hints=("@x = q",))
    hinted = index.search(saved, 12, typing=True)
    assert hinted is not plain and hinted.query.hint == "@x = q"
    assert index.search(saved, 12, typing=True) is not hinted
    assert index.search("q", 12, typing=True) is plain and not plain.query.hint


def test_the_first_keys_kept_are_bounded():
    """Any character typed alone is kept once typed: what is kept stays bounded."""
    index = Index.of(Corpus(Store.memory(small_data()).load()))
    index.warm_up(page=12)
    for number in range(FIRST_KEPT + 100):
        index.search(chr(0x4E00 + number), 12, typing=True)
    assert 0 < len(index._kept._first) <= FIRST_KEPT


def test_a_first_key_is_not_kept_while_the_articles_are_indexed():
    """A cold start answers from the names before the articles are indexed: that answer,
    without articles, must not stand for the first key once they are."""
    names = Index.of(Corpus(Store.memory(small_data()).load())).names
    early = Index(names, None)
    early.warm_up(page=12)
    assert early.search("q", 12, typing=True) is not early.search("q", 12, typing=True)


def test_a_first_key_is_not_kept_when_the_cache_turns_out_damaged():
    """A search that found the cache file damaged answers nothing: the next index answers."""
    index = Index.of(Corpus(Store.memory(small_data()).load()))
    assert index.articles is not None
    index.articles.damaged = True
    index.warm_up(page=12)
    assert index.search("q", 12, typing=True) is not index.search("q", 12, typing=True)


def test_warming_up_an_index_of_names_alone_searches_them():
    names = Index.of(Corpus(Store.memory(small_data()).load())).names
    Index(names, None).warm_up()  # no articles yet (a cold start): nothing fails
