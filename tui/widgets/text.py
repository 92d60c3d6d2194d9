"""Safe building blocks for showing document text: `Content` from cleaned strings, never markup."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from tui.textsafe import for_display, one_line

MATCH_STYLE = "bold underline"
HEADING_STYLE = "bold"
LABEL_STYLE = "dim"


MAX_LINE = 1000  # characters of one line kept for display: a row is never wider than this


def line_with_spans(text: str, spans: Iterable[tuple[int, int]], style: str,
                    width: int = MAX_LINE) -> Content:
    """One line of text with the given spans styled (spans index `text`), cut after `width`
    characters: a row shows no more, and measuring what is cut off costs every keystroke."""
    width = min(width, MAX_LINE)
    content = Content(one_line(text[:width]))
    for start, end in spans:
        if start < width:
            content = content.stylize(style, start, min(end, width))
    return content


def paragraph(text: str) -> Content:
    return Content(for_display(text))


def field(label: str, value: str) -> Content:
    """'label  value' with the label dimmed, for the facts at the top of a page."""
    return Content.assemble((f"{label}: ", LABEL_STYLE), Content(one_line(value)))
