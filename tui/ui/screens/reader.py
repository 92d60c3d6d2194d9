"""The reader screen: one article, its mentions highlighted, each one a way onward (the status
line names the highlighted one, starred when the user bookmarked it); `D` dates the article (an
import may have found no date in it)."""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from tui.core.corpus import Corpus
from tui.core.models import Article, Mention
from tui.core.wording import plural
from tui.ui.host import host
from tui.ui.screens.annotate import key_of
from tui.ui.screens.ask import AskText
from tui.ui.screens.copy import sentence_of
from tui.ui.screens.item import ItemScreen
from tui.ui.text import assemble, flagged, plain
from tui.ui.widgets.footer import QuadrantFooter
from tui.ui.widgets.reader import Reader


class ReaderScreen(ItemScreen):
    """Shows an article; `enter` on a mention opens its entity or agreement."""

    BINDINGS = [
        Binding("escape,backspace", "app.back", "Back"),
        Binding("D", "set_date", "Date"),
    ]

    def __init__(self, article: Article, corpus: Corpus, start: Mention | None = None) -> None:
        super().__init__(classes="item-screen")
        self.article = article
        self.corpus = corpus
        self.start = start
        self._at: tuple[Mention | None, int] = (None, 0)  # the mention the status line is on

    def compose(self) -> ComposeResult:
        yield Reader(self.article, self.corpus, self.start, self.mine())
        yield Static(self._status(None, 0), id="status")
        yield QuadrantFooter()

    def on_mount(self) -> None:
        self.query_one(Reader).focus()

    def _status(self, mention: Mention | None, position: int) -> Content:
        total = len(self.corpus.by_article.get(self.article.id, ()))
        if mention is None:
            moves = " · n next · p previous · enter open" if total else ""
            return plain(f"{plural(total, 'mention')}{moves} · esc back")
        name = plain(self.corpus.target_name(mention), "bold")
        starred = host(self).yours.is_bookmarked(key_of(mention.target_kind, mention.target))
        return assemble(
            (f"mention {position + 1}/{total}: ", "dim"),
            flagged(name) if starred else name,
            (f"  {mention.target_kind} · enter to open", "dim"),
        )

    @on(Reader.MentionHighlighted)
    def _highlighted(self, event: Reader.MentionHighlighted) -> None:
        self._at = (event.mention, event.position)
        self.query_one("#status", Static).update(self._status(*self._at))

    @on(Reader.OpenMention)
    def _open(self, event: Reader.OpenMention) -> None:
        host(self).open_item(event.mention.target_kind, event.mention.target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Dating writes: not offered on a read-only database (nor shown in the footer)."""
        if action == "set_date":
            return not host(self).store.read_only
        return super().check_action(action, parameters)

    @property
    def shown_item(self) -> Article:
        return self.article

    def show_yours(self) -> None:
        self.query_one(Reader).show_mine(self.mine())
        self.query_one("#status", Static).update(self._status(*self._at))  # its star

    def current_sentence(self) -> str | None:
        """The sentence of the highlighted mention, if one is."""
        reader = self.query_one(Reader)
        if reader.current is None:
            return None
        return sentence_of(self.corpus, reader.mentions[reader.current])

    def action_set_date(self) -> None:
        """Ask for the publication date, starting from the one it has."""
        prompt = assemble(
            "Publication date of ",
            plain(self.article.title, "bold"),
            ": 2025-07-01, 2025-07 or 2025; none to clear it",
        )
        self.app.push_screen(
            AskText(prompt, self.article.published or ""),
            lambda value: self._write(value) if value else None,
        )

    def _write(self, value: str) -> None:
        """Run the write on an app worker, so its errors (a bad date) reach the app's error
        display, as the item pages' writes do."""
        self.app.run_worker(
            partial(self._apply, value),
            thread=True,
            group="write",
            exclusive=True,
            exit_on_error=False,
        )

    def _apply(self, value: str) -> None:
        from tui.knowledge import review

        published = review.set_published(host(self).store, self.article.id, value)
        self.app.call_from_thread(self._done, published)

    def _done(self, published: str | None) -> None:
        self.app.notify(f"{self.article.title}: {published or 'undated'}")
        host(self).reload(("article", self.article.id))
