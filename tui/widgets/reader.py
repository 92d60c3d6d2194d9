"""The article reader: the text with every mention highlighted and a cursor that walks them.

`n`/`tab` and `p`/`shift+tab` move between mentions; `enter` asks to open the highlighted one.
Paragraphs are separate widgets so only the one or two that change are re-rendered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from tui.corpus import Corpus
from tui.models import Article, Mention
from tui.textsafe import for_display
from tui.widgets.text import field, line_with_spans

MENTION_STYLES = {"entity": "underline", "agreement": "underline italic"}
CURRENT_STYLE = "reverse bold"
_PARAGRAPH = re.compile(r"\S.*?(?=\n[ \t]*\n|\Z)", re.S)


class Reader(VerticalScroll, can_focus=True):
    """Scrollable article text with a mention cursor."""

    BINDINGS = [
        Binding("n,tab", "next_mention", "Next mention"),
        Binding("p,N,shift+tab", "previous_mention", "Prev mention"),
        Binding("enter", "open_mention", "Open mention"),
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    current: reactive[int | None] = reactive(None, init=False)

    @dataclass
    class MentionHighlighted(Message):
        """The mention cursor moved; `mention` is None before the first move."""

        reader: Reader
        mention: Mention | None
        position: int

        @property
        def control(self) -> Reader:
            return self.reader

    @dataclass
    class OpenMention(Message):
        """Open the target of this mention."""

        reader: Reader
        mention: Mention

        @property
        def control(self) -> Reader:
            return self.reader

    def __init__(self, article: Article, corpus: Corpus, start: Mention | None = None) -> None:
        super().__init__(id="reader")
        self.article = article
        self.mentions = corpus.by_article.get(article.id, [])
        self.paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(article.text)]
        self._start = self.mentions.index(start) if start in self.mentions else None
        self._corpus = corpus

    def compose(self):
        yield Static(self._header(), id="reader-header")
        for number in range(len(self.paragraphs)):
            yield Static(self._render_paragraph(number), classes="paragraph")

    def on_mount(self) -> None:
        if self._start is not None:
            self.call_after_refresh(self._jump, self._start)

    def _jump(self, position: int) -> None:
        self.current = position

    def _header(self) -> Content:
        article = self.article
        lines = [line_with_spans(article.title, (), "bold").stylize("bold")]
        meta = [article.published or "undated", article.source, ", ".join(article.authors)]
        lines.append(Content(" · ".join(for_display(m) for m in meta if m)).stylize("dim"))
        if article.url:
            lines.append(field("url", article.url))
        if article.tags:
            lines.append(field("tags", ", ".join(article.tags)))
        count = len(self.mentions)
        lines.append(Content(f"{count} mentions · n/p to move between them, enter to open")
                     .stylize("dim italic"))
        return Content("\n").join(lines)

    def _render_paragraph(self, number: int) -> Content:
        start, end = self.paragraphs[number]
        content = Content(for_display(self.article.text[start:end]))
        for position, mention in enumerate(self.mentions):
            if mention.end <= start or mention.start >= end:
                continue
            style = CURRENT_STYLE if position == self.current else MENTION_STYLES[
                mention.target_kind]
            content = content.stylize(style, max(0, mention.start - start),
                                      min(end, mention.end) - start)
        return content

    def _paragraph_of(self, mention: Mention) -> int:
        for number, (start, end) in enumerate(self.paragraphs):
            if start <= mention.start < end:
                return number
        return 0

    def watch_current(self, old: int | None, new: int | None) -> None:
        widgets = list(self.query(".paragraph").results(Static))
        for position in {old, new} - {None}:
            number = self._paragraph_of(self.mentions[position])  # type: ignore[index]
            widgets[number].update(self._render_paragraph(number))
        if new is not None:
            self._scroll_to_mention(widgets, self.mentions[new])
            self.post_message(self.MentionHighlighted(self, self.mentions[new], new))

    def _scroll_to_mention(self, widgets: list[Static], mention: Mention) -> None:
        """Bring the mention's line into view: its paragraph, then the row inside it."""
        number = self._paragraph_of(mention)
        widget = widgets[number]
        start, end = self.paragraphs[number]
        share = (mention.start - start) / max(1, end - start)
        row = widget.virtual_region.y + int(share * widget.outer_size.height)
        self.scroll_to_region(Region(0, row, 1, 1), animate=False, center=True, force=True)

    def action_next_mention(self) -> None:
        if self.mentions:
            self.current = 0 if self.current is None else (self.current + 1) % len(self.mentions)

    def action_previous_mention(self) -> None:
        if self.mentions:
            last = len(self.mentions) - 1
            self.current = last if self.current is None else (self.current - 1) % len(
                self.mentions)

    def action_open_mention(self) -> None:
        if self.current is None:
            self.action_next_mention()
            return
        self.post_message(self.OpenMention(self, self.mentions[self.current]))
