"""quadrant review list: the candidates to review, the most named first (tui/knowledge/queue.py).

On a terminal, each candidate on two or three lines that fit 80 columns: its article count, kind
and name; its id and aliases; and the import's note on its kind, when there is one. JSON lines
with --json or in a pipe. Names are cleaned of control characters either way.
"""

from __future__ import annotations

import argparse

from rich.cells import cell_len

from tui.cli.exits import NO_RESULTS, OK
from tui.cli.read import as_json, emit
from tui.core.corpus import Corpus
from tui.core.textsafe import one_line
from tui.knowledge.queue import Candidate, candidates
from tui.storage.store import Store

WIDTH = 80
INDENT = " " * 6


def review_list(store: Store, args: argparse.Namespace) -> int:
    """quadrant review list [--kind K] [--limit N] [--json]."""
    found = candidates(Corpus(store.load()), args.kind)[: args.limit]
    if as_json(args):
        for candidate in found:
            emit(candidate.to_dict())
    else:
        for candidate in found:
            print("\n".join(lines_of(candidate)))
    return OK if found else NO_RESULTS


def lines_of(candidate: Candidate) -> list[str]:
    """A candidate as lines no wider than WIDTH: the count, kind and name; then the id and
    aliases; then the evidence for its kind."""
    head = f"{candidate.articles:>4}  {fit(one_line(candidate.kind), 12):<12}  "
    lines = [head + fit(one_line(candidate.name), WIDTH - len(head))]
    names = "; ".join(one_line(a) for a in candidate.aliases)
    detail = f"{candidate.type}:{one_line(candidate.id)}" + (f" · also {names}" if names else "")
    lines.append(INDENT + fit(detail, WIDTH - len(INDENT)))
    if candidate.evidence:
        note = f"kind: {one_line(candidate.evidence)}"
        lines.append(INDENT + fit(note, WIDTH - len(INDENT)))
    return lines


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells, with an ellipsis where it was cut."""
    if cell_len(text) <= width:
        return text
    cut = text[:width]  # a character takes a cell or more (the rare zero-width ones aside)
    while cut and cell_len(cut) > width - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"
