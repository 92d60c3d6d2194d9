"""Parsing a database file a piece at a time, so the app's keys and frames go on meanwhile.

orjson parses in C and holds the GIL until it is done: 0.6 s for the 86 MB of a 10k database,
12 s at 100k, during which the app can neither draw nor take a key. The store writes its file
with `OPT_INDENT_2`, one table per key of the top object and one record per key of a table,
and a JSON string never holds a raw line break, so the file's lines say where things start and
end: a table opens on a line `  "name": {` and closes on the first line that is `  }`; a record
closes on a line `    }`. Each table is parsed a run of records at a time (`PIECE` bytes or so),
and the GIL changes hands between runs.

A file laid out any other way (written by another tool, or damaged) is parsed in one go, as
before: `loads` always returns what `orjson.loads` returns, and raises what it raises.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson

PIECE = 262144  # bytes of records per parse

_TOP_KEY = b'\n  "'  # a line that starts a table: two spaces, then its name
_TABLE_END = b"\n  }"  # the line that ends a table (its records close at four spaces)
_RECORD_END = b"\n    },\n"  # a record's last line, another record after it


class _Layout(Exception):
    """The file is not laid out as the store writes it: parse it whole instead."""


def loads(payload: bytes, on_table: Callable[[str, Any], None] | None = None) -> Any:
    """`orjson.loads(payload)`, in pieces when the payload is laid out as the store writes.

    `on_table(name, value)` is told of each table as soon as it is parsed, when the file is
    parsed in pieces, for what can start before the rest is read. A table it was told of may
    still be dropped, when the layout turns out to be another further on: what counts is the
    document returned."""
    if len(payload) <= PIECE or not payload.startswith(b'{\n  "'):
        return orjson.loads(payload)
    try:
        return _tables(payload, on_table)
    except (_Layout, orjson.JSONDecodeError):
        return orjson.loads(payload)  # the one-go parse gives the answer, or the error


def _tables(payload: bytes, on_table: Callable[[str, Any], None] | None = None) -> dict[str, Any]:
    view = memoryview(payload)
    document: dict[str, Any] = {}
    at = 1  # at the line break before the first table's line
    while True:
        if payload[at : at + len(_TOP_KEY)] != _TOP_KEY:
            raise _Layout
        colon = payload.find(b'": ', at)
        if colon < 0:
            raise _Layout
        name = orjson.loads(view[at + 3 : colon + 1])
        start = colon + 3
        if payload.startswith(b"{}", start):  # an empty table, on its one line
            value: Any = {}
            end = start + 2
        elif payload.startswith(b"{\n", start):
            value, end = _records(view, payload, start + 2)
        else:
            raise _Layout
        if name in document:
            raise _Layout  # a key given twice: let orjson decide which one counts
        document[name] = value
        if on_table is not None:
            on_table(name, value)
        if payload.startswith(b",", end):
            at = end + 1
            continue
        if payload[end:].strip() != b"}":
            raise _Layout
        return document


def _records(view: memoryview, payload: bytes, start: int) -> tuple[dict[str, Any], int]:
    """The records from a table's opening line to its closing line, a run at a time, and
    where the table ends. Every search is bounded: scanning hundreds of megabytes for the
    table's end in one call would hold the GIL as long as parsing them."""
    table: dict[str, Any] = {}
    while True:
        close = payload.find(_TABLE_END, start, start + PIECE)
        if close < 0:  # the run goes on to the end of a record past PIECE, if the table does
            cut = payload.find(_RECORD_END, start + PIECE)
            close = payload.find(
                _TABLE_END, start + PIECE - len(_TABLE_END), cut if cut >= 0 else len(payload)
            )
            if cut < 0 and close < 0:
                raise _Layout
        last = close >= 0
        stop = close if last else cut + len(_RECORD_END) - 2  # keep the "}", drop ",\n"
        part = orjson.loads(b"".join((b"{", view[start:stop], b"}")))
        if not isinstance(part, dict) or any(key in table for key in part):
            raise _Layout
        table.update(part)
        if last:
            return table, close + len(_TABLE_END)
        start = stop + 2
