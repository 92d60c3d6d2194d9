"""The filters of a query that apply to articles, as SQL conditions on the search cache's `info`
table: years, sources, and tags and notes, the database's or (through `Also`) the user's own."""

from __future__ import annotations

import orjson

from tui.search.query import Also, Query, clause


def info_filters(query: Query, also: Also | None = None) -> tuple[str, list]:
    """SQL conditions on the info table (alias i) for the filters that apply to articles."""
    clauses: list[str] = []
    params: list[object] = []
    if query.years:
        clauses.append("i.year BETWEEN ? AND ?")
        params += list(query.years)
    for source in query.sources:
        clauses.append("instr(i.source, ?) > 0")
        params.append(source)
    for tag in query.tags:
        clauses.append("instr(i.tags, ?) > 0")
        params.append(f"|{tag}|")
        _or_mine(clauses, params, also, clause("tag", tag))
    for note in query.notes:
        clauses.append(" AND ".join("instr(i.notes, ?) > 0" for _ in note.split()))
        params += [f" {word} " for word in note.split()]
        _or_mine(clauses, params, also, clause("note", note))
    return " AND ".join(clauses), params


def _or_mine(clauses: list[str], params: list[object], also: Also | None, name: str) -> None:
    """Let the last condition pass the user's own articles for this clause too: those `also`
    holds (one JSON parameter, however many)."""
    mine = sorted(key[8:] for key in (also or {}).get(name, ()) if key.startswith("article:"))
    if mine:
        clauses[-1] = f"(({clauses[-1]}) OR i.id IN (SELECT value FROM json_each(?)))"
        params.append(orjson.dumps(mine).decode())
