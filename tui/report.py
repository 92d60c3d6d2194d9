"""Output of the scripting subcommands: Rich tables on a terminal, JSON lines in a pipe.

Text from documents reaches Rich only as `Text` built from cleaned strings, never as markup.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import orjson
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tui.cli import ERROR, NO_RESULTS, OK
from tui.corpus import Corpus
from tui.models import Agreement, Entity
from tui.search import Hit, Index
from tui.store import Store
from tui.textsafe import for_display, one_line


def _as_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False)) or not sys.stdout.isatty()


def _emit(record: dict[str, Any]) -> None:
    sys.stdout.write(orjson.dumps(record).decode() + "\n")


def _safe(text: str) -> Text:
    return Text(one_line(text))


def search(store: Store, args: argparse.Namespace) -> int:
    """quadrant search QUERY: ranked hits of every kind (or one), best first within each."""
    from tui.loading import search_index
    from tui.paths import index_cache

    index = search_index(store, index_cache(store.path) if store.path else None)
    results = index.search(args.query, limit=max(1, args.limit))
    kinds = (args.kind,) if args.kind else ("entity", "agreement", "article")
    hits = [hit for kind in kinds for hit in results.of(kind)]
    if results.query.hint:
        print(f"quadrant: {results.query.hint}", file=sys.stderr)
    if _as_json(args):
        for hit in hits:
            _emit(_hit_record(hit))
    elif hits:
        _hit_table(hits)
    return OK if hits else NO_RESULTS


def _hit_record(hit: Hit) -> dict[str, Any]:
    name_field = "title" if hit.kind == "article" else "name"
    return {"kind": hit.kind, "id": hit.id, name_field: hit.label,
            "score": round(hit.score, 3), "snippet": hit.snippet}


def _hit_table(hits: list[Hit]) -> None:
    table = Table("kind", "id", "name", "score", box=None, pad_edge=False)
    for hit in hits:
        name = _safe(hit.label)
        for start, end in hit.spans:
            name.stylize("bold underline", start, end)
        if hit.snippet:
            name.append("\n").append(one_line(hit.snippet), "dim")
        table.add_row(hit.kind, _safe(hit.id), name, f"{hit.score:.1f}")
    Console().print(table)


def show(store: Store, args: argparse.Namespace) -> int:
    """quadrant show ID: one item and what it links to."""
    corpus = Corpus(store.load())
    found = corpus.find(args.id)
    if found is None:
        print(f"quadrant: no article, entity or agreement has the id {args.id!r}", file=sys.stderr)
        return ERROR
    kind, item = found
    record = {"type": kind, **item.to_dict(), "links": _links(corpus, kind, item)}
    if _as_json(args):
        _emit(record)
    else:
        _print_record(record)
    return OK


def _links(corpus: Corpus, kind: str, item: Any) -> dict[str, Any]:
    if kind == "article":
        return {"mentions": [
            {**m.to_dict(), "name": corpus.target_name(m)} for m in corpus.by_article[item.id]
        ]}
    links: dict[str, Any] = {"mentioned_in": [
        {"article": c.article.id, "title": c.article.title, "start": c.mention.start,
         "end": c.mention.end, "sentence": c.sentence} for c in corpus.contexts(kind, item.id)
    ]}
    if isinstance(item, Entity):
        links["agreements"] = [a.id for a in corpus.agreements_of(item.id)]
    if isinstance(item, Agreement):
        links["related"] = [a.id for a in corpus.related_agreements(item)]
    links["named_with"] = [{"id": e.id, "count": n} for e, n in corpus.named_with(kind, item.id)]
    return links


def _print_record(record: dict[str, Any]) -> None:
    console = Console()
    for key, value in record.items():
        if key in ("links", "text") or value in ("", [], None):
            continue
        console.print(Text.assemble((f"{key}: ", "dim"), _safe(_flat(value))))
    if "text" in record:
        console.print(Text(for_display(record["text"])))
    for key, value in record["links"].items():
        console.print(Text(f"{key} ({len(value)})", "bold"))
        for entry in value:
            console.print(Text("  ").append(_safe(_flat(entry))))


def _flat(value: Any) -> str:
    if isinstance(value, dict):
        return " · ".join(f"{_flat(v)}" for v in value.values() if v not in ("", None))
    if isinstance(value, list):
        return ", ".join(_flat(v) for v in value)
    return str(value)


def export(store: Store, args: argparse.Namespace) -> int:
    """quadrant export: the hits of a query (every item when empty) as JSON, CSV or Markdown."""
    from tui.export import export as render
    from tui.store import write_atomic

    corpus = Corpus(store.load())
    results = Index.of(corpus).search(args.query, limit=max(1, sum(corpus.counts().values())))
    kinds = (args.kind,) if args.kind else ("agreement", "entity", "article")
    text = render(results, corpus, args.format, kinds)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_atomic(args.output, text.encode("utf-8"))
    return OK if any(results.of(k) for k in kinds) else NO_RESULTS


def stats(store: Store, args: argparse.Namespace) -> int:
    """quadrant stats: how many of each record, and the database's size."""
    corpus = Corpus(store.load())
    counts: dict[str, Any] = {"database": store.name, **corpus.counts()}
    counts["candidates"] = sum(e.status == "candidate" for e in corpus.entities.values()) + sum(
        a.review == "candidate" for a in corpus.agreements.values())
    if store.path is not None:
        counts["bytes"] = store.path.stat().st_size
    if _as_json(args):
        _emit(counts)
    else:
        for key, value in counts.items():
            print(f"{key:>11}  {value:,}" if isinstance(value, int) else f"{key:>11}  {value}")
    return OK
