"""The reader screen: one article, its mentions highlighted, each one a way onward."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.corpus import Corpus
from tui.models import Article, Mention
from tui.textsafe import one_line
from tui.widgets.reader import Reader


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
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(Reader).focus()

    def _status(self, mention: Mention | None, position: int) -> Content:
        total = len(self.corpus.by_article.get(self.article.id, ()))
        if mention is None:
            return Content(f"{total} mentions · n next · p previous · enter open · esc back")
        name = one_line(self.corpus.target_name(mention))
        return Content.assemble(
            (f"mention {position + 1}/{total}: ", "dim"), (name, "bold"),
            (f"  {mention.target_kind} · enter to open", "dim"),
        )

    @on(Reader.MentionHighlighted)
    def _highlighted(self, event: Reader.MentionHighlighted) -> None:
        self.query_one("#status", Static).update(self._status(event.mention, event.position))

    @on(Reader.OpenMention)
    def _open(self, event: Reader.OpenMention) -> None:
        self.app.open_item(event.mention.target_kind, event.mention.target)  # type: ignore[attr-defined]
