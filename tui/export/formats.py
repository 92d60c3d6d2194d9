"""Export search results (or everything) as JSON, CSV or a Markdown briefing.

Exports leave Quadrant for other tools, so they are cleaned the same way as the screen: control
characters are removed, and CSV cells that a spreadsheet would run as a formula are quoted.
"""

from __future__ import annotations

import csv
import heapq
import io
from collections.abc import Iterable

import orjson

from tui.core.corpus import Corpus, Item
from tui.core.models import Agreement, Article, Entity
from tui.core.textsafe import strip_controls
from tui.search.index import Hit, Results

FORMATS = ("json", "csv", "md")
KIND_ORDER = ("agreement", "entity", "article")  # of hits with the same score
CSV_FIELDS = ("kind", "id", "name", "date", "detail", "mentions")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def export(results: Results, corpus: Corpus, fmt: str, kinds: Iterable[str]) -> str:
    """The hits of `results` for `kinds`, best first (one ranking for JSON and CSV; the
    Markdown briefing has a section for each kind), in the format asked for."""
    hits = ranked(results, kinds)
    writer = {"json": _json, "csv": _csv, "md": _markdown}[fmt]
    return writer(hits, corpus, results)


def ranked(results: Results, kinds: Iterable[str] = KIND_ORDER) -> list[Hit]:
    """The hits of `kinds` in one ranking, best score first, so that the first line a script
    reads is the best hit. Search ranks each kind on its own (best score first), and each keeps
    that order here; equal scores go in the order of `kinds`."""
    return list(heapq.merge(*(results.of(kind) for kind in kinds), key=lambda hit: -hit.score))


def cleaned(value: object) -> object:
    """A value (and what it holds) with the control characters of its strings removed."""
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list | tuple):
        return [cleaned(v) for v in value]
    if isinstance(value, dict):
        return {k: cleaned(v) for k, v in value.items()}
    return value


def _item(corpus: Corpus, hit: Hit) -> Item:
    item = corpus.get(hit.kind, hit.id)
    assert item is not None
    return item


def _json(hits: list[Hit], corpus: Corpus, results: Results) -> str:
    lines = []
    for hit in hits:
        record = {
            "type": hit.kind,
            **_item(corpus, hit).to_dict(),
            "mentions": corpus.mention_count(hit.kind, hit.id),
        }
        lines.append(orjson.dumps(cleaned(record)).decode())
    return "\n".join(lines) + ("\n" if lines else "")


def _csv(hits: list[Hit], corpus: Corpus, results: Results) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for hit in hits:
        item = _item(corpus, hit)
        row = [
            hit.kind,
            hit.id,
            item.label,
            _date(item),
            _detail(item),
            str(corpus.mention_count(hit.kind, hit.id)),
        ]
        writer.writerow([csv_cell(v) for v in row])
    return out.getvalue()


def csv_cell(value: str) -> str:
    """One CSV cell: one line, no control character, never a formula a spreadsheet runs."""
    text = strip_controls(value).replace("\n", " ")
    return "'" + text if text.startswith(_FORMULA) else text


def _date(item: Item) -> str:
    if isinstance(item, Article):
        return item.published or ""
    if isinstance(item, Agreement):
        return item.signed or item.announced or ""
    return ""


def _detail(item: Item) -> str:
    if isinstance(item, Article):
        return item.source
    if isinstance(item, Entity):
        return f"{item.kind}: {item.description}"
    return item.summary


def _markdown(hits: list[Hit], corpus: Corpus, results: Results) -> str:
    query = results.query.text.strip() or "everything"
    lines = [f"# Briefing: {md_line(query)}", ""]
    sections = (
        ("agreement", "Agreements"),
        ("entity", "People, organisations and places"),
        ("article", "Articles"),
    )
    for kind, title in sections:
        chosen = [h for h in hits if h.kind == kind]
        if chosen:
            lines += [f"## {title} ({len(chosen)})", ""]
            lines += [*(_md_entry(_item(corpus, h), corpus) for h in chosen), ""]
    return "\n".join(lines).rstrip() + "\n"


def md_line(text: str) -> str:
    """One line of document text, safe inside Markdown."""
    clean = " ".join(strip_controls(text).split())
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in clean)


def _md_entry(item: Item, corpus: Corpus) -> str:
    if isinstance(item, Agreement):
        parties = ", ".join(e.name for e in corpus.parties(item)) or "parties not recorded"
        head = (
            f"- **{md_line(item.label)}**, {md_line(item.signed or 'undated')}; {md_line(parties)}."
        )
        return head + (f" {md_line(item.summary)}" if item.summary else "")
    if isinstance(item, Entity):
        return f"- **{md_line(item.name)}** ({item.kind}). {md_line(item.description)}".rstrip()
    meta = ", ".join(md_line(p) for p in (item.published or "undated", item.source) if p)
    return f"- **{md_line(item.title)}** ({meta}): {md_line(item.text[:280])}…"
