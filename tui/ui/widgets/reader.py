"""The article reader: the text with every mention highlighted and a cursor that walks them.

`n`/`tab` and `p`/`shift+tab` move between mentions; `enter` asks to open the highlighted one.
The text is shown as pieces (paragraphs, and long paragraphs cut at spaces) mounted a batch at a
time as the reader scrolls, so a 10 MB article opens as fast as a short one; only the one or two
pieces a cursor move touches are re-rendered.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from tui.core.corpus import Corpus
from tui.core.models import Article, Mention
from tui.ui.facts import article_lines
from tui.ui.text import block_with_spans, lines, plain

MENTION_STYLES = {"entity": "underline", "agreement": "underline italic"}
CURRENT_STYLE = "reverse bold"
PIECE = 3000  # characters: longer paragraphs are cut at a space
BATCH = 60  # pieces mounted at a time
_PARAGRAPH = re.compile(r"\S.*?(?=\n[ \t]*\n|\Z)", re.S)


def pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, with paragraphs longer than PIECE cut at spaces."""
    found = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while end - start > PIECE:
            cut = text.rfind(" ", start + PIECE // 2, start + PIECE)
            cut = cut + 1 if cut > start else start + PIECE
            found.append((start, cut))
            start = cut
        found.append((start, end))
    return found


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

    def __init__(
        self,
        article: Article,
        corpus: Corpus,
        start: Mention | None = None,
        mine: Sequence[Content] = (),
    ) -> None:
        super().__init__(id="reader")
        self.article = article
        self.corpus = corpus
        self.mine = mine  # the user's own note, tags and bookmark (facts.mine_lines)
        self.mentions = corpus.by_article.get(article.id, [])
        self._starts = [m.start for m in self.mentions]
        self.pieces = pieces(article.text)
        self._piece_starts = [s for s, _ in self.pieces]
        self._start = self.mentions.index(start) if start in self.mentions else None
        self._mounted = min(len(self.pieces), BATCH)

    def compose(self):
        yield Static(self._header(), id="reader-header")
        for number in range(self._mounted):
            yield Static(self._render_piece(number), classes="paragraph")

    def on_mount(self) -> None:
        if self._start is not None:
            self.call_after_refresh(self._jump, self._start)

    def _jump(self, position: int) -> None:
        self.current = position

    def _header(self) -> Content:
        """The article's facts (every field: facts.article_lines), then how to move."""
        hint = "n/p to move between the mentions, enter to open one" if self.mentions else ""
        facts = article_lines(self.article, self.corpus, preview=False, mine=self.mine)
        return lines([*facts, plain(hint, "dim italic")])

    def show_mine(self, mine: Sequence[Content]) -> None:
        """Show the user's own lines again (they changed)."""
        self.mine = mine
        self.query_one("#reader-header", Static).update(self._header())

    def _render_piece(self, number: int) -> Content:
        start, end = self.pieces[number]
        spans = []
        first = bisect_left(self._starts, start - 200)  # a name is never 200 characters long
        for position in range(first, bisect_left(self._starts, end)):
            mention = self.mentions[position]
            if mention.end <= start:
                continue
            style = (
                CURRENT_STYLE
                if position == self.current
                else MENTION_STYLES.get(mention.target_kind, "underline")
            )
            spans.append((max(0, mention.start - start), min(end, mention.end) - start, style))
        return block_with_spans(self.article.text[start:end], spans)

    def _piece_of(self, mention: Mention) -> int:
        return max(0, bisect_right(self._piece_starts, mention.start) - 1)

    def _mount_through(self, number: int) -> None:
        """Mount the pieces up to `number` (and a batch beyond) if they are not there yet."""
        if number < self._mounted:
            return
        upto = min(len(self.pieces), number + BATCH)
        self.mount_all(
            Static(self._render_piece(n), classes="paragraph") for n in range(self._mounted, upto)
        )
        self._mounted = upto

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if self._mounted < len(self.pieces) and new >= self.max_scroll_y - self.size.height:
            self._mount_through(self._mounted)

    def watch_current(self, old: int | None, new: int | None) -> None:
        if new is not None:
            self._mount_through(self._piece_of(self.mentions[new]))
        widgets = list(self.query(".paragraph").results(Static))
        for position in (p for p in {old, new} if p is not None):
            number = self._piece_of(self.mentions[position])
            if number < len(widgets):
                widgets[number].update(self._render_piece(number))
        if new is not None:
            self.call_after_refresh(self._scroll_to_mention, self.mentions[new])
            self.post_message(self.MentionHighlighted(self, self.mentions[new], new))

    def _scroll_to_mention(self, mention: Mention) -> None:
        """Bring the mention's line into view: its piece, then the row inside it."""
        number = self._piece_of(mention)
        widgets = list(self.query(".paragraph").results(Static))
        if number >= len(widgets):
            return
        widget = widgets[number]
        start, end = self.pieces[number]
        share = (mention.start - start) / max(1, end - start)
        row = widget.virtual_region.y + int(share * widget.outer_size.height)
        self.scroll_to_region(Region(0, row, 1, 1), animate=False, center=True, force=True)

    def action_next_mention(self) -> None:
        if self.mentions:
            self.current = 0 if self.current is None else (self.current + 1) % len(self.mentions)

    def action_previous_mention(self) -> None:
        if self.mentions:
            last = len(self.mentions) - 1
            self.current = last if self.current is None else (self.current - 1) % len(self.mentions)

    def action_open_mention(self) -> None:
        if self.current is None:
            self.action_next_mention()
            return
        self.post_message(self.OpenMention(self, self.mentions[self.current]))
