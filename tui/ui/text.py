"""The one way text reaches the screen: `Content` built from cleaned strings, never markup.

Every string shown by the app, from the data or not, goes through `plain`, `block` or
`assemble` (or `line_with_spans` for highlighted text). They replace control characters (see
textsafe.py) and never parse markup, so a name such as `Bad [/] name` or `[@click=app.quit]`
is shown as it is written. In ASCII mode they write it in ASCII (glyphs.fold).
tests/test_layers.py checks that nothing else in `tui/` builds
`Content` from a string or hands one to a widget that would parse it.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from tui.core.textsafe import for_display, one_line
from tui.ui.glyphs import fold, fold_spans

MATCH_STYLE = "bold underline"
HEADING_STYLE = "bold"
LABEL_STYLE = "dim"
ELLIPSIS = "…"  # "..." in ASCII mode, as every string here (glyphs.fold)

MAX_LINE = 1000  # characters of one line kept for display: a row is never wider than this

Part = str | tuple[str, str] | Content


def plain(text: object, style: str = "") -> Content:
    """One line of text, cleaned: line breaks become spaces."""
    content = Content(fold(one_line(str(text))))
    return content.stylize(style) if style else content


def block(text: object, style: str = "") -> Content:
    """Text that keeps its line breaks, cleaned."""
    content = Content(fold(for_display(str(text))))
    return content.stylize(style) if style else content


def assemble(*parts: Part) -> Content:
    """Parts joined into one Content: strings and (string, style) pairs are cleaned (line
    breaks kept, for the separators that put parts on lines of their own); Content is taken as
    built by the functions here."""
    cleaned: list[Content | tuple[str, str] | str] = []
    for part in parts:
        if isinstance(part, Content):
            cleaned.append(part)
        elif isinstance(part, tuple):
            cleaned.append((fold(for_display(part[0])), part[1]))
        else:
            cleaned.append(fold(for_display(part)))
    return Content.assemble(*cleaned)


def lines(rows: Iterable[Content]) -> Content:
    """Content on lines of its own."""
    return Content("\n").join(rows)


def block_with_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> Content:
    """Text that keeps its line breaks, with each (start, end, style) span of `text` styled."""
    spans = list(spans)
    shown, places = fold_spans(for_display(text), [(start, end) for start, end, _ in spans])
    content = Content(shown)
    for (start, end), (_, _, style) in zip(places, spans, strict=True):
        content = content.stylize(style, start, end)
    return content


def line_with_spans(
    text: str, spans: Iterable[tuple[int, int]], style: str, width: int = MAX_LINE
) -> Content:
    """One line of text with the given spans styled (spans index `text`), cut after `width`
    characters: a row shows no more, and measuring what is cut off costs every keystroke."""
    width = min(width, MAX_LINE)
    cut = [(start, min(end, width)) for start, end in spans if start < width]
    shown, cut = fold_spans(one_line(text[:width]), cut)
    content = Content(shown)
    for start, end in cut:
        content = content.stylize(style, start, end)
    return content


def field(label: str, value: str) -> Content:
    """'label: value' with the label dimmed, for the facts at the top of a page."""
    return assemble((f"{label}: ", LABEL_STYLE), plain(value))
