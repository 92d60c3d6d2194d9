"""What a query asks of articles, as SQL for the search cache (fts.py): its words as FTS5 MATCH
strings, and the filters that apply to articles as conditions on the `info` table: years,
sources, and tags and notes, the database's or (through `Also`) the user's own."""

from __future__ import annotations

import orjson

from tui.search.query import Also, Query, clause

SHORT_PREFIX = 2  # a shorter last word: alone, a prefix of title words; after others, skipped


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


def match_expressions(query: Query, last: str | None = None) -> tuple[str | None, str | None]:
    """The FTS5 MATCH strings for the words of a query: over titles and text, and over title
    words only. A last word of one letter is matched as the start of a title word when it is
    the only word, and waits for its second letter otherwise (every text has words that start
    with "i": it would narrow nothing, at a high price). None where there is nothing to match.
    `last` stands for the last word when given (see `fts.ArticleIndex._spelled`).

    Every word and phrase is quoted, so nothing a user types is FTS5 syntax: the expression is
    `"a" AND ("b" OR "c") NOT "d"` and its like, with each OR group in brackets."""
    groups, short = [], None
    for group in query.groups:
        alternatives = []
        for match in group:
            if match.prefix and len(match.text) < SHORT_PREFIX:
                short = quote(match.text) + "*"
            elif match.prefix:
                alternatives.append(last if last is not None else quote(match.text) + "*")
            else:
                alternatives.append(quote(match.text))
        if len(alternatives) > 1:
            groups.append("(" + " OR ".join(alternatives) + ")")
        elif alternatives:
            groups.append(alternatives[0])
    if not groups:
        return None, short
    expression = " AND ".join(groups)
    for word in query.excluded:
        expression += f" NOT {quote(word)}"
    return expression, None


def quote(text: str) -> str:
    """A string FTS5 reads as one word or phrase. SQLite ends a string at a NUL (the query
    then fails as "unterminated string"); the indexed text has none, so it goes."""
    return '"' + text.replace("\x00", "").replace('"', '""') + '"'
