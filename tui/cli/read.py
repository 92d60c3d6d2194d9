"""Output of the scripting subcommands: Rich tables on a terminal, JSON lines in a pipe.

Text from documents reaches Rich only as `Text` built from cleaned strings, never as markup.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Any

import orjson
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.cli.exits import NO_RESULTS, OK, CliError
from tui.cli.links import relation_lines, relation_links
from tui.cli.yours import also_for, personal_or_none, saved_query, yours, yours_lines
from tui.core.corpus import Corpus
from tui.core.models import Agreement, Entity
from tui.core.textsafe import CONTROLS, for_display, one_line
from tui.export.formats import KIND_ORDER, ranked
from tui.search.index import Hit, Index
from tui.search.names import NameIndex
from tui.search.query import parse
from tui.storage.store import Store


def as_json(args: argparse.Namespace) -> bool:
    """JSON lines with --json, and whenever stdout is not a terminal."""
    return bool(getattr(args, "json", False)) or not sys.stdout.isatty()


# orjson escapes C0 controls, and leaves DEL, C1 controls and bidi overrides raw, which a
# terminal showing the JSON would obey: they are escaped too (the value read back is the same).
_RAW_IN_JSON = re.compile(f"[{CONTROLS}]")


def emit(record: dict[str, Any]) -> None:
    """One JSON line on stdout, with no control character in it (see _RAW_IN_JSON)."""
    line = _RAW_IN_JSON.sub(lambda raw: f"\\u{ord(raw[0]):04x}", orjson.dumps(record).decode())
    sys.stdout.write(line + "\n")


def _safe(text: str) -> Text:
    return Text(one_line(text))


def search(store: Store, args: argparse.Namespace) -> int:
    """quadrant search QUERY: the best `--limit` hits of every kind (or one) in one ranking,
    best first, so that a script can take the first line."""
    from tui.search.loading import search_index
    from tui.storage.paths import index_cache

    query = parse(saved_query(store, args.query))  # @name: a saved search
    index = search_index(store, index_cache(store.path) if store.path else None)
    kinds = (args.kind,) if args.kind else KIND_ORDER
    also = also_for(store, query)  # the user's own tags and notes
    results = index.search(query, limit=args.limit, kinds=kinds, also=also)  # that many of each
    hits = ranked(results, kinds)[: args.limit]
    if results.query.hint:
        print(f"quadrant: {results.query.hint}", file=sys.stderr)
    if as_json(args):
        for hit in hits:
            emit(_hit_record(hit, index.names))
    elif hits:
        _hit_table(hits)
    return OK if hits else NO_RESULTS


def _hit_record(hit: Hit, names: NameIndex) -> dict[str, Any]:
    """One JSON line: an article's title, an entity's name, an agreement's full name and its
    acronym (\"\" when it has none) apart, as `show` and `export` give them."""
    if hit.kind == "article":
        named: dict[str, str] = {"title": hit.label}
    elif hit.kind == "agreement":
        named = _agreement_names(hit, names)
    else:
        named = {"name": hit.label}
    return {
        "type": hit.kind,
        "kind": hit.kind,  # the same, as 0.1 named it: kept for scripts
        "id": hit.id,
        **named,
        "score": round(hit.score, 3),
        "snippet": hit.snippet,
    }


def _agreement_names(hit: Hit, names: NameIndex) -> dict[str, str]:
    """Name and acronym, from the index alone (search answers without reading the database):
    a record's names begin with the acronym, if any, then the name, and its label is
    "ACRONYM · name" exactly when there is an acronym (`Agreement.label`)."""
    record = names.get("agreement", hit.id)
    first = record.names[:2] if record else ()
    if len(first) == 2 and hit.label == f"{first[0]} · {first[1]}":
        return {"name": first[1], "acronym": first[0]}
    return {"name": hit.label, "acronym": ""}


MIN_NAME = 10  # the narrowest name column: a terminal narrower than that wraps the lines


def _hit_table(hits: list[Hit]) -> None:
    """type, id, name, score: the id whole whatever the width (it is what `show` takes); the
    name, and the snippet under it, cut to what is left."""
    kinds, ids = [hit.kind for hit in hits], [one_line(hit.id) for hit in hits]
    scores = [f"{hit.score:.1f}" for hit in hits]
    widths = [
        max(map(cell_len, (head, *cells)))
        for head, cells in (("type", kinds), ("id", ids), ("score", scores))
    ]
    console = Console()
    name_width = max(MIN_NAME, console.width - sum(widths) - 3)  # 3: a space between columns
    # Wider than a very narrow terminal (which wraps the lines) rather than cut an id. (Both
    # sizes are set: with the width alone, a TERM=dumb console keeps to 80 columns.)
    console.size = (sum(widths) + name_width + 3, console.height)
    table = Table(box=None, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column("type", width=widths[0], no_wrap=True)
    table.add_column("id", width=widths[1], no_wrap=True)
    table.add_column("name", width=name_width, no_wrap=True, overflow="ellipsis")
    table.add_column("score", width=widths[2], no_wrap=True, justify="right")
    for row in zip(kinds, ids, map(_name_cell, hits), scores, strict=True):
        table.add_row(*row)
    console.print(table)


def _name_cell(hit: Hit) -> Text:
    name = _safe(hit.label)
    for start, end in hit.spans:
        name.stylize("bold underline", start, end)
    if hit.snippet:
        name.append("\n").append(one_line(hit.snippet), "dim")
    return name


def show(store: Store, args: argparse.Namespace) -> int:
    """quadrant show ID: one item and what it links to."""
    corpus = Corpus(store.load())
    found = corpus.find(args.id)
    if found is None:
        raise CliError(store.name, f"no article, entity or agreement has the id {args.id!r}")
    kind, item = found
    links = _links(corpus, kind, item) | relation_links(corpus, item)
    mine = yours(personal_or_none(store), f"{kind}:{item.id}")
    record = {"type": kind, **item.to_dict(), "yours": mine, "links": links}
    if as_json(args):
        emit(record)
    else:
        _print_record(record, relation_lines(corpus, item) | {"yours": yours_lines(mine)})
    return OK


def _links(corpus: Corpus, kind: str, item: Any) -> dict[str, Any]:
    if kind == "article":
        return {
            "mentions": [
                {**m.to_dict(), "name": corpus.target_name(m)} for m in corpus.by_article[item.id]
            ]
        }
    links: dict[str, Any] = {
        "mentioned_in": [
            {
                "article": c.article.id,
                "title": c.article.title,
                "start": c.mention.start,
                "end": c.mention.end,
                "sentence": c.sentence,
            }
            for c in corpus.contexts(kind, item.id)
        ]
    }
    if isinstance(item, Entity):
        links["agreements"] = [a.id for a in corpus.agreements_of(item.id)]
    if isinstance(item, Agreement):
        links["related"] = [a.id for a in corpus.related_agreements(item)]
    links["named_with"] = [{"id": e.id, "count": n} for e, n in corpus.named_with(kind, item.id)]
    return links


def _print_record(record: dict[str, Any], readable: dict[str, list[str]]) -> None:
    """The record's fields, its text, then each kind of link with a line for each; the links
    in `readable` as those lines (names and dates where the JSON has ids)."""
    console = Console()
    for key, value in record.items():
        if key in ("links", "text", "yours") or value in ("", [], None):
            continue
        console.print(Text(one_line(f"{key}: "), "dim").append_text(_safe(_flat(value))))
    for line in readable.get("yours", []):  # the user's own, marked as theirs
        console.print(Text(one_line("yours: "), "dim").append_text(_safe(line)))
    if "text" in record:
        console.print(Text(for_display(record["text"])))
    for key, value in record["links"].items():
        console.print(Text(one_line(f"{key} ({len(value)})"), "bold"))
        for line in readable.get(key) or [_flat(entry) for entry in value]:
            console.print(Text("  ").append(_safe(line)))


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return " · ".join(f"{_flat(v)}" for v in value.values() if v not in ("", None))
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    return str(value)


def export(store: Store, args: argparse.Namespace) -> int:
    """quadrant export: the hits of a query (every item when empty) as JSON, CSV or Markdown,
    on stdout or in a file (`-o`, checked before the work is done)."""
    from tui.export.formats import export as render

    output = _output_file(args.output, store)
    query = parse(saved_query(store, args.query))  # @name: a saved search
    corpus = Corpus(store.load())
    kinds = (args.kind,) if args.kind else KIND_ORDER
    limit = max(1, sum(corpus.counts().values()))
    results = Index.of(corpus).search(query, limit, kinds, also_for(store, query))
    text = render(results, corpus, args.format, kinds)
    if output is None:
        sys.stdout.write(text)
    else:
        _write_output(output, args.output, text.encode("utf-8"))
    return OK if any(results.of(k) for k in kinds) else NO_RESULTS


def _output_file(given: Path | None, store: Store) -> Path | None:
    """Where `-o` writes: None for stdout (no -o, or -o -); a file named through a symbolic link
    is written where the link points, as `>` would. A folder, a missing folder and the database
    itself are refused here, before a long export rather than after it."""
    if given is None or str(given) == "-":
        return None
    try:
        if given.is_dir():
            raise CliError(given, "is a folder; give the name of a file to write")
        if _special(given):
            return given  # /dev/stdout, a named pipe: written as they are
        target = Path(os.path.realpath(given))
        if not target.parent.exists():
            raise CliError(given, f"no such folder as {target.parent}")
        if not target.parent.is_dir():
            raise CliError(given, f"{target.parent} is not a folder")
        if store.path is not None and target.exists() and target.samefile(store.path):
            raise CliError(given, "is the database; not overwriting it")
    except OSError as error:
        raise CliError(given, f"cannot write it ({error.strerror or error})") from None
    return target


def _special(path: Path) -> bool:
    """A device or a named pipe: it cannot be replaced by a new file, only written to."""
    return path.exists() and not path.is_file() and not path.is_dir()


def _write_output(target: Path, given: Path, payload: bytes) -> None:
    """Write the whole export, or nothing: a file is written beside and renamed into place,
    as the database is (tui.storage.files: a new file as the umask says, one written over keeps its
    mode)."""
    from tui.storage.files import write_atomic

    try:
        if _special(target):
            with open(target, "wb") as out:
                out.write(payload)
        else:
            write_atomic(target, payload)
    except BrokenPipeError:
        raise  # -o /dev/stdout into `| head -1`: a reader gone, not an error
    except OSError as error:
        raise CliError(given, f"cannot write it ({error.strerror or error})") from None


def stats(store: Store, args: argparse.Namespace) -> int:
    """quadrant stats: how many of each record, and the database's size."""
    corpus = Corpus(store.load())
    counts: dict[str, Any] = {"database": store.name, **corpus.counts()}
    counts["candidates"] = sum(e.status == "candidate" for e in corpus.entities.values()) + sum(
        a.review == "candidate" for a in corpus.agreements.values()
    )
    if store.path is not None:
        counts["bytes"] = store.path.stat().st_size
    if as_json(args):
        emit(counts)
    else:
        for key, value in counts.items():
            print(f"{key:>11}  {value:,}" if isinstance(value, int) else f"{key:>11}  {value}")
    return OK
