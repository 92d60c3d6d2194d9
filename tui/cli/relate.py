"""`quadrant connect` and `quadrant timeline`: how two entities are linked and what happened
when, as the app's connection and timeline pages show them: lines to read on a terminal, JSON
lines in a pipe or with --json.

Text from documents (sentences, names, titles) reaches the terminal only through
textsafe.one_line, and JSON through read.emit, which escapes what JSON itself leaves raw.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rich.console import Console
from rich.text import Text

from tui.cli.exits import NO_RESULTS, OK, CliError
from tui.cli.read import as_json, emit
from tui.cli.yours import also_for, saved_query
from tui.core.corpus import Corpus
from tui.core.models import Agreement, Article, Entity
from tui.core.textsafe import one_line
from tui.core.wording import plural
from tui.knowledge.connections import Connection, Step
from tui.knowledge.connections import connect as connections_of
from tui.knowledge.relations import find_entity
from tui.knowledge.timeline import Event, Timeline, entity_items
from tui.knowledge.timeline import timeline as timeline_of
from tui.search.index import Index
from tui.search.query import fold, parse
from tui.storage.store import Store

SUGGESTIONS = 3  # close names offered for an entity not found
ID_STYLE = "dim"
MIN_WRAP = 20  # columns a wrapped text keeps, however narrow the terminal


# -- connect ---------------------------------------------------------------------------------


def connect(store: Store, args: argparse.Namespace) -> int:
    """quadrant connect A B: every way two entities are linked, direct links first."""
    corpus = Corpus(store.load())
    a, b = _entity(corpus, args.a), _entity(corpus, args.b)
    if a.id == b.id:
        raise CliError(args.b, f"is {a.name} ({a.id}) again; give two different entities")
    found = connections_of(corpus, a, b)
    if as_json(args):
        for connection in found:
            emit(_connection_record(connection))
    else:
        _print_connections(a, b, found)
    return OK if found else NO_RESULTS


def _entity(corpus: Corpus, text: str) -> Entity:
    """The entity `text` names (an id, or one entity's exact name or alias), or a CliError that
    says why not: several entities share the name, or none has it (with close names)."""
    entity = find_entity(corpus, text)
    if entity is not None:
        return entity
    wanted = fold(text.strip())
    sharing = [e for e in corpus.entities.values() if wanted in map(fold, e.names)]
    if len(sharing) > 1:
        listed = ", ".join(f"{e.name} ({e.id})" for e in sharing)
        raise CliError(text, f"names {len(sharing)} entities: {listed}; give the id")
    close = _close_names(corpus, text)
    hint = f"; did you mean {close}?" if close else ""
    raise CliError(text, f"no entity has this id, name or alias{hint}")


def _close_names(corpus: Corpus, text: str) -> str:
    """The best few entities the search would find for `text`, as "Name (id)" or "A (a) or
    B (b)": the name index ranks prefixes, words and typos as the search bar does."""
    from tui.search.index import name_records
    from tui.search.names import NameIndex
    from tui.search.query import parse

    names = NameIndex(name_records(corpus))
    rows, _total = names.search(parse(text), {"entity": SUGGESTIONS, "agreement": 0})["entity"]
    entities = [corpus.entities[i] for i, _score in rows if i in corpus.entities]
    return " or ".join(f"{e.name} ({e.id})" for e in entities)


def _connection_record(connection: Connection) -> dict[str, Any]:
    return {
        "kind": connection.kind,
        "title": connection.title,
        "hops": connection.hops,
        "weight": connection.weight,
        "steps": [_step_record(step) for step in connection.steps],
    }


def _step_record(step: Step) -> dict[str, Any]:
    """A step: what it says, the item it opens, and for a sentence of an article where in the
    article's text the mention is (`start`, `end`) and where the two names are in `text`."""
    record: dict[str, Any] = {
        "text": step.text,
        "type": step.kind,
        "kind": step.kind,  # the same, as 0.1 named it: kept for scripts
        "id": step.item_id,
    }
    if step.mention is not None:
        record |= {"start": step.mention.start, "end": step.mention.end}
    if step.spans:
        record["spans"] = [list(span) for span in step.spans]
    return record


def _print_connections(a: Entity, b: Entity, found: list[Connection]) -> None:
    console = Console()
    console.print(_safe(a.name, "bold").append("  and  ", "dim").append_text(_safe(b.name, "bold")))
    if not found:
        console.print(Text("nothing links them in this database", "dim"))
        return
    direct = [c for c in found if c.hops == 1]
    paths = [c for c in found if c.hops > 1]
    console.print(_safe(f"{len(direct)} direct, {len(paths)} through a third entity", "dim"))
    for heading, connections in (("Directly", direct), ("Through a third entity", paths)):
        if connections:
            console.print()
            console.print(_safe(f"{heading} ({len(connections)})", "bold"))
            for connection in connections:
                _print_connection(console, connection)


_KIND = {"article": "named together in: ", "agreement": "bound by: ", "role": "", "path": ""}


def _print_connection(console: Console, connection: Connection) -> None:
    """The connection's title, then each step under it, indented: a long step wraps under its
    own start, and ends with the item it opens."""
    title = _safe(_KIND[connection.kind] + connection.title, "italic")
    _print_hanging(console, Text("  "), title, None, 2)
    for step in connection.steps:
        text = _safe(step.text)
        for start, end in step.spans:
            text.stylize("bold", start, end)
        _print_hanging(console, Text("    "), text, _item_ref(step.kind, step.item_id), 4)


# -- timeline --------------------------------------------------------------------------------


def timeline(store: Store, args: argparse.Namespace) -> int:
    """quadrant timeline [QUERY | --of ENTITY]: the dated articles and agreements (of QUERY's
    results, all of them), or an entity's own timeline as its page's `t` shows it (its
    agreements, the articles naming it, its roles), in date order, by year; how many are
    undated is said at the end."""
    if args.of is not None:
        if args.query.strip():
            raise CliError("--of", "give a query or --of ENTITY, not both")
        if not args.of.strip():
            raise CliError("--of", "give an entity: its id, or its exact name or alias")
        corpus = Corpus(store.load())
        entity = _entity(corpus, args.of)
        items = entity_items(corpus, entity.id)
        found = timeline_of(corpus, items, args.newest_first, roles_of=entity.id)
    elif (text := saved_query(store, args.query)).strip():  # @name: a saved search
        corpus, index = _corpus_and_index(store)
        found = timeline_of(corpus, _hits(index, corpus, store, text), args.newest_first)
    else:
        corpus = Corpus(store.load())
        found = timeline_of(corpus, newest_first=args.newest_first)
    if as_json(args):
        for event in found.events:
            emit(_event_record(event))
        if found.undated:
            print(f"quadrant: {_undated(found, args.query)}", file=sys.stderr)
    else:
        _print_timeline(found, args)
    return OK if found.events else NO_RESULTS


def _corpus_and_index(store: Store) -> tuple[Corpus, Index]:
    """The database and its search index, in one read of the file: the index from the search
    cache when it is current (as `quadrant search` takes it), else built and cached."""
    from tui.search.loading import load
    from tui.storage.paths import cache_key, index_cache

    cache = index_cache(store.path) if store.path is not None else None
    key = cache_key(store.path) if store.path is not None else ""
    indexes: list[Index] = []
    corpus = load(store, cache, key, indexes.append, first_index=False)
    return corpus, indexes[-1]


def _hits(index: Index, corpus: Corpus, store: Store, text: str) -> list[tuple[str, str]]:
    """Every article and agreement the query finds (the user's own tags and notes too): a limit
    of each kind no result can reach (search counts its totals only so far; the hits
    themselves are all there)."""
    limit = max(1, len(corpus.articles), len(corpus.agreements))
    query = parse(text)
    also = also_for(store, query)
    results = index.search(query, limit, kinds=("article", "agreement"), also=also)
    if results.query.hint:
        print(f"quadrant: {results.query.hint}", file=sys.stderr)
    return [(hit.kind, hit.id) for hit in (*results.agreements, *results.articles)]


def _event_record(event: Event) -> dict[str, Any]:
    """One JSON line: named as `search` and `show` name items (an article's title; an
    agreement's full name, with its acronym apart)."""
    item, held = event.item, event.held
    if held is not None:  # a role: who held it, where, and the entity its line links to
        return {
            "date": event.date,
            "what": event.what,
            "type": "role",
            "kind": "role",
            "id": None if item is None else item.id,
            "holder": held.holder.id,
            "title": held.role.title,
            "organization": held.role.organization,
            "at": None if held.organization is None else held.organization.id,
        }
    named: dict[str, Any]
    if isinstance(item, Agreement):
        named = {"name": item.name, "acronym": item.acronym}
    else:
        assert isinstance(item, Article)  # (only a role's event links to an entity, or none)
        named = {"title": item.title}
    return {
        "date": event.date,
        "what": event.what,
        "type": event.kind,
        "kind": event.kind,  # the same, as 0.1 named it: kept for scripts
        "id": item.id,
        **named,
    }


def _print_timeline(found: Timeline, args: argparse.Namespace) -> None:
    """A year's heading, then a line for each event: date, what happened, the item's name and
    what it opens; a long name wraps in its column. A last line counts what is (not) shown."""
    console = Console()
    for year, events in found.years:
        console.print(_safe(year, "bold"))
        for event in events:
            head = Text("  ").append(one_line(f"{event.date:<10}  {event.what:<9}  "), "dim")
            item = event.item
            ref = None if item is None else _item_ref(event.kind, item.id)
            _print_hanging(console, head, _safe(event.label), ref, len(head))
    order = "newest first" if args.newest_first else "oldest first"
    total = plural(len(found.events), found.counted)
    console.print(_safe(f"{total}, {order}; {_undated(found, args.query)}", "dim"))


def _undated(found: Timeline, query: str) -> str:
    """'1 matching item is undated, not listed', or 'none undated'."""
    if not found.undated:
        return "none undated"
    which = "matching item" if query.strip() else "item"
    verb = "is" if found.undated == 1 else "are"
    return f"{plural(found.undated, which)} {verb} undated, not listed"


# -- shared ----------------------------------------------------------------------------------


def _print_hanging(console: Console, head: Text, body: Text, ref: Text | None, indent: int) -> None:
    """`head`, then `body` wrapped to the terminal's width in the columns after `indent`, its
    later lines under its start, and the item `ref` it opens at its end or, if it does not fit
    there, on a line of its own: never cut (no trailing spaces either, unlike a Rich table)."""
    width = max(MIN_WRAP, console.width - indent)
    lines = list(body.wrap(console, width))
    for line in lines:
        line.rstrip()
    if ref is not None and lines[-1].cell_len + 2 + ref.cell_len <= width:
        lines[-1].append("  ").append_text(ref)
    elif ref is not None:
        lines.append(ref)  # wider than the terminal: the terminal wraps it, whole
    for number, line in enumerate(lines):
        if number == 0:
            line = head + line
        else:
            line.pad_left(indent)
        console.print(line, soft_wrap=True)


def _safe(text: str, style: str = "") -> Text:
    return Text(one_line(text), style)


def _item_ref(kind: str, item_id: str) -> Text:
    """`[kind:id]`: what the line opens, as `show` takes it."""
    return Text(one_line(f"[{kind}:{item_id}]"), ID_STYLE)
