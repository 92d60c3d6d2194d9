"""Parsing a database file in pieces gives exactly what parsing it whole gives."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import bundled_data
from tui.storage import jsonparts

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.text(alphabet=st.sampled_from('ab "{}\\:,\n\t\u2019'), max_size=12),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=8,
)
records = st.dictionaries(
    st.text(alphabet="0123456789abc", min_size=1, max_size=4),
    st.dictionaries(st.sampled_from(["id", "title", "text", "roles"]), values, max_size=4) | values,
    max_size=6,
)
documents = st.dictionaries(
    st.sampled_from(["meta", "articles", "entities", "mentions", "_d"]),
    records,
    min_size=1,
    max_size=4,
)


def parse_in_tiny_pieces(payload: bytes, piece: int):
    saved, jsonparts.PIECE = jsonparts.PIECE, piece
    try:
        return jsonparts.loads(payload)
    finally:
        jsonparts.PIECE = saved


@settings(max_examples=300)
@given(documents, st.sampled_from([1, 7, 64, 1 << 20]))
def test_pieces_of_a_stored_file_make_the_same_document(document, piece):
    payload = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    assert parse_in_tiny_pieces(payload, piece) == orjson.loads(payload)
    saved, jsonparts.PIECE = jsonparts.PIECE, piece
    try:  # and in pieces indeed, not by falling back to the whole parse
        assert jsonparts._tables(payload) == orjson.loads(payload)
    finally:
        jsonparts.PIECE = saved


@given(documents, st.integers(0, 10**6))
def test_a_cut_or_damaged_file_fails_as_a_whole_parse_does(document, where):
    payload = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    damaged = payload[: where % max(1, len(payload))] + b"x" * (where % 3)
    try:
        expected = orjson.loads(damaged)
    except orjson.JSONDecodeError:
        with pytest.raises(orjson.JSONDecodeError):
            parse_in_tiny_pieces(damaged, 5)
    else:
        assert parse_in_tiny_pieces(damaged, 5) == expected


def test_the_bundled_database_in_pieces():
    payload = orjson.dumps(bundled_data(), option=orjson.OPT_INDENT_2)
    assert parse_in_tiny_pieces(payload, 4096) == orjson.loads(payload)


def test_other_layouts_and_repeated_keys_parse_as_orjson_does():
    compact = orjson.dumps({"articles": {"1": {"id": "a"}}})
    assert parse_in_tiny_pieces(compact, 1) == {"articles": {"1": {"id": "a"}}}
    twice = (
        b'{\n  "t": {\n    "1": {\n      "a": 1\n    },\n    "1": {\n      "a": 2\n    }\n  }\n}'
    )
    assert parse_in_tiny_pieces(twice, 1) == orjson.loads(twice) == {"t": {"1": {"a": 2}}}
    tables_twice = b'{\n  "t": {},\n  "t": {\n    "1": 1\n  }\n}'
    assert parse_in_tiny_pieces(tables_twice, 1) == orjson.loads(tables_twice)


@given(documents)
def test_each_table_is_told_of_as_soon_as_it_is_parsed(document):
    payload = orjson.dumps(document, option=orjson.OPT_INDENT_2)
    told: list = []
    saved, jsonparts.PIECE = jsonparts.PIECE, 7
    try:
        parsed = jsonparts.loads(payload, lambda name, table: told.append((name, table)))
    finally:
        jsonparts.PIECE = saved
    assert parsed == orjson.loads(payload)
    assert [name for name, _ in told] == list(parsed)  # each once, in the file's order
    assert all(parsed[name] is table for name, table in told)  # the very table returned


def test_a_file_parsed_whole_tells_of_no_table():
    told: list = []
    payload = orjson.dumps(bundled_data())  # not as the store writes it: parsed in one go
    assert jsonparts.loads(payload, lambda *table: told.append(table)) == bundled_data()
    assert told == []
