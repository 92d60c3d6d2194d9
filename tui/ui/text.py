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
from typing import NamedTuple, overload

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from tui.core.textsafe import for_display, one_line
from tui.ui.glyphs import fold, fold_spans

MATCH_STYLE = "bold underline"
HEADING_STYLE = "bold"
LABEL_STYLE = "dim"
LEAD_STYLE = "bold"  # a row's flag: set apart from the text, which could begin the same way
FLAG = "★"  # before the name of an item the user bookmarked, in every list ("*" in ASCII)
ELLIPSIS = "…"  # "..." in ASCII mode, as every string here (glyphs.fold)

HANGING_BODY = 20  # cells a hanging body needs beside its head; in fewer it wraps under it
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
    line = marked(text, spans, width)
    content = Content(line.text)
    for start, end in line.marks:
        content = content.stylize(style, start, end)
    return content


class Marked(NamedTuple):
    """A line of cleaned text, the characters a search matched, and the line's own style:
    what a pane's row shows, drawn straight to segments (widgets/rows.py), as no Content is
    needed to draw it. Made only by `marked` and `marked_lines`."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()  # sorted, apart
    style: str = ""
    lead: str = ""  # the app's own flag before the text ("★ ": bookmarked), in LEAD_STYLE

    @property
    def content(self) -> Content:
        """The same line as Content, drawn the same (for what reads rows as Content)."""
        content = Content(self.text)
        for start, end in self.marks:
            content = content.stylize(MATCH_STYLE, start, end)
        if self.lead:
            content = Content.assemble((self.lead, LEAD_STYLE), content)
        return content.stylize(self.style) if self.style else content


def marked(
    text: str,
    spans: Iterable[tuple[int, int]] = (),
    width: int = MAX_LINE,
    style: str = "",
    lead: str = "",
) -> Marked:
    """One line of text, cleaned and cut after `width` characters, with the characters of
    `spans` (indexes of `text`) marked, and `lead`, a flag of the app's own, before it."""
    if lead:
        line = marked(text, spans, width - len(lead) - 1, style)
        return line._replace(lead=fold(lead) + " ")
    width = min(width, MAX_LINE)
    cut = [(start, min(end, width)) for start, end in spans if start < width]
    shown, cut = fold_spans(one_line(text[:width]), cut)
    marks: list[tuple[int, int]] = []
    for start, end in sorted(cut):
        if marks and start <= marks[-1][1]:
            marks[-1] = (marks[-1][0], max(end, marks[-1][1]))
        elif start < end:
            marks.append((start, end))
    return Marked(shown, tuple(marks), style)


def marked_lines(text: object, style: str = "") -> tuple[Marked, ...]:
    """Text that keeps its line breaks, cleaned, as a line each."""
    return tuple(Marked(line, (), style) for line in fold(for_display(str(text))).split("\n"))


class Hanging(Visual):
    """A line that starts with `head` and wraps beside it: the lines after the first start
    where the body did (a hanging indent), so the head stays a column of its own ("2016-08-29
    signed  LEMOA · Logistics Exchange..." with the name's second line under its first)."""

    def __init__(self, head: Content, body: Content) -> None:
        self.head, self.body = head, body
        self.indent = head.cell_length

    @property
    def plain(self) -> str:
        return self.head.plain + self.body.plain

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if width - self.indent < HANGING_BODY:  # no room beside the head: wrapped as one
            whole = Content.assemble(self.head, self.body)
            return whole.render_strips(width, height, style, options)
        body = self.body.render_strips(width - self.indent, height, style, options)
        head = self.head.render_strips(self.indent, 1, style, options)[0]
        blank = Strip.blank(self.indent, style.rich_style)
        return [Strip.join([head if n == 0 else blank, line]) for n, line in enumerate(body)]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.indent + self.body.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if width - self.indent < HANGING_BODY:
            return Content.assemble(self.head, self.body).get_height(rules, width)
        return self.body.get_height(rules, width - self.indent)


@overload
def flagged(prompt: Content) -> Content: ...
@overload
def flagged(prompt: Hanging) -> Hanging: ...
def flagged(prompt: Content | Hanging) -> Content | Hanging:
    """A list row with the bookmark's star before its name (after a hanging row's head)."""
    star = plain(f"{FLAG} ", LEAD_STYLE)
    if isinstance(prompt, Hanging):
        return Hanging(prompt.head, Content.assemble(star, prompt.body))
    return Content.assemble(star, prompt)


def field(label: str, value: str) -> Content:
    """'label: value' with the label dimmed, for the facts at the top of a page."""
    return assemble((f"{label}: ", LABEL_STYLE), plain(value))
