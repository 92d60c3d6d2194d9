"""The reader screen: one article, its mentions highlighted, each one a way onward."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from tui.core.corpus import Corpus
from tui.core.models import Article, Mention
from tui.core.wording import plural
from tui.ui.host import host
from tui.ui.text import assemble, plain
from tui.ui.widgets.footer import QuadrantFooter
from tui.ui.widgets.reader import Reader


class ReaderScreen(Screen):
    """Shows an article; `enter` on a mention opens its entity or agreement."""

    BINDINGS = [Binding("escape,backspace", "app.back", "Back")]

    def __init__(self, article: Article, corpus: Corpus, start: Mention | None = None) -> None:
        super().__init__(classes="item-screen")
        self.article = article
        self.corpus = corpus
        self.start = start

    def compose(self) -> ComposeResult:
        yield Reader(self.article, self.corpus, self.start)
        yield Static(self._status(None, 0), id="status")
        yield QuadrantFooter()

    def on_mount(self) -> None:
        self.query_one(Reader).focus()

    def _status(self, mention: Mention | None, position: int) -> Content:
        total = len(self.corpus.by_article.get(self.article.id, ()))
        if mention is None:
            moves = " · n next · p previous · enter open" if total else ""
            return plain(f"{plural(total, 'mention')}{moves} · esc back")
        return assemble(
            (f"mention {position + 1}/{total}: ", "dim"),
            plain(self.corpus.target_name(mention), "bold"),
            (f"  {mention.target_kind} · enter to open", "dim"),
        )

    @on(Reader.MentionHighlighted)
    def _highlighted(self, event: Reader.MentionHighlighted) -> None:
        self.query_one("#status", Static).update(self._status(event.mention, event.position))

    @on(Reader.OpenMention)
    def _open(self, event: Reader.OpenMention) -> None:
        host(self).open_item(event.mention.target_kind, event.mention.target)
