"""Safe building blocks for showing document text: `Content` from cleaned strings, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from tui.corpus import Corpus, Item
from tui.models import Agreement, Article, Entity
from tui.textsafe import for_display, one_line

MATCH_STYLE = "bold underline"
HEADING_STYLE = "bold"
LABEL_STYLE = "dim"


MAX_LINE = 1000  # characters of one line kept for display: a row is never wider than this


def line_with_spans(text: str, spans: Iterable[tuple[int, int]], style: str) -> Content:
    """One line of text with the given spans styled (spans index `text`)."""
    content = Content(one_line(text[:MAX_LINE]))
    for start, end in spans:
        if start < MAX_LINE:
            content = content.stylize(style, start, min(end, MAX_LINE))
    return content


def paragraph(text: str) -> Content:
    return Content(for_display(text))


def field(label: str, value: str) -> Content:
    """'label  value' with the label dimmed, for the facts at the top of a page."""
    return Content.assemble((f"{label}: ", LABEL_STYLE), Content(one_line(value)))


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def date_text(value: str | None) -> str:
    return value or "undated"


def summary_line(kind: str, item: Item | None, corpus: Corpus) -> str:
    """The dim second line of a pane row."""
    if isinstance(item, Article):
        parts = [date_text(item.published), item.source]
        return " · ".join(one_line(p) for p in parts if p)
    if isinstance(item, Entity):
        mentions = plural(corpus.mention_count("entity", item.id), "mention")
        marker = " · candidate" if item.status == "candidate" else ""
        return f"{item.kind} · {mentions}{marker}"
    if isinstance(item, Agreement):
        mentions = plural(corpus.mention_count("agreement", item.id), "mention")
        marker = " · candidate" if item.review == "candidate" else ""
        return f"{date_text(item.signed or item.announced)} · {mentions}{marker}"
    return ""
