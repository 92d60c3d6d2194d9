"""The main screen: the search bar over three linked panes, and a preview when there is room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Static

from tui.ui.ahead import Ahead
from tui.ui.host import host
from tui.ui.keys import ITEM_BINDINGS
from tui.ui.screens.itemkeys import ItemKeys
from tui.ui.text import plain
from tui.ui.widgets.footer import QuadrantFooter
from tui.ui.widgets.kept import KeptFrame
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.preview import Preview
from tui.ui.widgets.searchbar import SearchBar
from tui.ui.yours import YoursChanged

if TYPE_CHECKING:
    from tui.core.corpus import Corpus
    from tui.search.index import Index, Results
    from tui.ui.screens.copy import Copyable

PANES = (("article", "articles"), ("entity", "entities"), ("agreement", "agreements"))
PANES_BY_KIND = dict(PANES)
KINDS = ("article", "entity", "agreement")
WIDE = 120
KEEP_ROWS = 150  # rows of each pane kept across a reload


class MainScreen(KeptFrame, ItemKeys):
    """Search and browse. The panes fill in once the app's index is ready."""

    AUTO_FOCUS = "#articles"

    BINDINGS = [
        Binding("1", "focus_pane('articles')", "Articles", show=False),
        Binding("2", "focus_pane('entities')", "Entities", show=False),
        Binding("3", "focus_pane('agreements')", "Agreements", show=False),
        Binding("escape", "leave_search", "Clear search"),
        Binding("t", "timeline", "Timeline"),
        Binding("r", "review", "Review", show=False),
        *ITEM_BINDINGS,
    ]

    def __init__(self) -> None:
        super().__init__(id="main")
        self.index: Index | None = None
        self.corpus: Corpus | None = None
        self._last_pane = "articles"
        self._query = ""
        self._hint_shown = ""
        self._enters_waiting = 0  # enter pressed in the search bar before search could answer
        self._bookmarked: dict[str, frozenset[str]] = {}  # ids the user bookmarked, by kind
        self._rough = False  # the articles shown were counted only part of the way (recount)
        self._previewed: tuple[Corpus | None, str, str | None] | None = None  # what it shows
        self._best: tuple[str, str | None] = ("article", None)  # the best hit of the query

    def compose(self) -> ComposeResult:
        yield SearchBar(answer=self._answer, id="search")
        yield Static("", id="hint")
        with Horizontal(id="panes"):
            for number, (kind, dom_id) in enumerate(PANES, start=1):
                yield Pane(kind, str(number), id=dom_id)
            yield Preview(id="preview")
        yield QuadrantFooter()

    def on_mount(self) -> None:
        # Looked up once: a keystroke fills them all, and walking the DOM for them costs.
        self._panes = {kind: self.query_one(f"#{dom_id}", Pane) for kind, dom_id in PANES}
        self._hint = self.query_one("#hint", Static)
        self._preview_box = self.query_one("#preview", Preview)
        self._ahead = Ahead(self, lambda: (self._typing_index(), self._query, self.page()))
        for pane in self._panes.values():
            pane.show_loading()
        self._preview_box.border_title = "Preview"
        # Focused here, not only by AUTO_FOCUS, which Textual skips while the terminal says
        # it is not focused: the first keys must reach a pane whatever the terminal said.
        self.set_focus(self._panes["article"])

    def on_resize(self) -> None:
        wide = self.size.width >= WIDE
        if wide != self.has_class("-wide"):
            self.set_class(wide, "-wide")
            if wide:  # shown again: fill it
                focused = self.focused
                if isinstance(focused, Pane):
                    self._preview(focused.kind, focused.current_id)
                else:  # typing: the best hit
                    self._preview(*self._best)

    def show_progress(self, what: str) -> None:
        """What a long first load is doing, in the articles pane, until its results come (the
        names may answer before: see Index.indexing)."""
        if self.index is None or self.index.indexing:
            self.query_one("#articles", Pane).show_loading(what)

    def set_index(self, index: Index) -> None:
        """Show the data of a (new) index, keeping the current query."""
        self.index = index
        # Keep the rows already loaded (the cursor stays on its item), up to a few pages: a
        # reload after `G` must not rank thousands of rows on the UI thread.
        loaded = max(pane.option_count for pane in self._panes.values())
        self._show(self._search(self._query, max(self.page(), min(loaded, KEEP_ROWS))), keep=True)
        waiting, self._enters_waiting = self._enters_waiting, 0
        if waiting and isinstance(self.focused, SearchBar):
            self.action_enter_results()  # typed before search was ready: "beca, enter, enter"
            if waiting > 1 and isinstance(self.focused, Pane):
                self.focused.action_select()

    def set_corpus(self, corpus: Corpus) -> None:
        """The whole database is read: the preview can show the highlighted item."""
        self.corpus = corpus
        if isinstance(self.focused, Pane):
            self._preview(self.focused.kind, self.focused.current_id)

    def _answer(self, query: str) -> None:
        """The search bar's text changed, and nothing else waits for it: search now."""
        if query != self._query:
            self._run(query)

    @on(SearchBar.QueryChanged)
    def _query_changed(self, event: SearchBar.QueryChanged) -> None:
        """The search bar's text changed while more keys waited for it (see SearchBar)."""
        event.stop()  # the screen's alone: the app has nothing to do with it, every keystroke
        if event.query != event.bar.value:
            return  # keys typed faster than this: a newer query replaced it, and its own
            # message follows (searching for each of them only delayed the last one's frame)
        self._answer(event.query)

    def _run(self, query: str) -> None:
        if bool(query) != bool(self._query) and not isinstance(self.focused, SearchBar):
            # "esc clear search" comes and goes with a query, in a pane; in the search bar it
            # is always offered, so typing never rebuilds the footer (a tenth of a keystroke)
            self.refresh_bindings()
        self._query = query
        host(self).loads.typed()
        if self.index is not None:
            self._show(self._search(query, self.page()))
            if self.index.damaged:
                host(self).rebuild_index()
            else:
                self._ahead.typed()

    def _search(self, text: str, limit: int, kinds: tuple[str, ...] = KINDS) -> Results:
        """Search as the user means it: `@name` is a saved search, and tag: and note: find
        their own tags and notes too (ui/yours.py)."""
        assert self.index is not None
        query, also = host(self).yours.query(text)
        return self.index.search(query, limit, kinds, also, typing=True)

    def _typing_index(self) -> Index | None:
        """The index while the search bar is typed into (this screen on top, the bar focused)."""
        typing = self.app.screen is self and isinstance(self.focused, SearchBar)
        return self.index if typing else None

    @property
    def query_text(self) -> str:
        """The query the panes show."""
        return self._query

    def page(self) -> int:
        """Hits to rank per pane: what the tallest pane shows (the rest come as it scrolls)."""
        return max(pane.rows_shown for pane in self._panes.values())

    def _show(self, results: Results, keep: bool = False) -> None:
        indexing = self.index is not None and self.index.indexing
        self._rough = results.rough and not indexing
        for kind, pane in self._panes.items():
            if kind == "article" and indexing:
                continue  # it says what the load is doing until the articles are indexed
            pane.show(
                results.of(kind),
                results.totals[kind],
                keep,
                results.more_than(kind),
                empty=self._empty_text(kind),
                flagged=self._bookmarked.get(kind, frozenset()),
            )
            pane.send_refresh()
        if not isinstance(self.focused, Pane):  # typing: the preview shows the best hit,
            best = results.best()  # the one enter opens (each pane's first hit said its own)
            self._best = (best.kind, best.id) if best else ("article", None)
            self._preview(*self._best)
        hint = results.query.hint
        if hint != self._hint_shown:
            self._hint_shown = hint
            self._hint.update(plain(hint))
            self.set_class(bool(hint), "-hint")

    def recount(self) -> None:
        """The typing paused: count in full the articles a word being typed counted only to
        1,000 ("Articles 1,000+" becomes "Articles 9,302"; see Index.search). One statement,
        once a pause, a millisecond or two; the app calls this on its idle tick."""
        if not self._rough or self.index is None or self.index.indexing or not self.is_attached:
            return  # (not while the app closes)
        self._rough = False
        query, also = host(self).yours.query(self._query)
        total, more = self.index.count_articles(query, also)
        if self.index.damaged:
            host(self).rebuild_index()
        else:
            self._panes["article"].set_total(total, more)

    def _empty_text(self, kind: str) -> str:
        """What an empty pane says: why it is empty, and what to do."""
        query = self._query.strip()
        if query:
            return f"no matches for {query}"
        if kind == "article" and not host(self).read_only:
            return "no articles yet: i to import"
        return f"no {PANES_BY_KIND[kind]} yet"

    # -- actions -----------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Focus the search bar at once, so the keys typed next land in it."""
        self.set_focus(self.query_one(SearchBar))

    def action_focus_pane(self, dom_id: str) -> None:
        self._last_pane = dom_id
        self.set_focus(self.query_one(f"#{dom_id}", Pane))  # at once: the next key goes there

    def action_leave_search(self) -> None:
        """esc: clear the query and go back to the pane last used."""
        bar = self.query_one(SearchBar)
        bar.value = ""
        self.action_focus_pane(self._last_pane)

    def action_enter_results(self) -> None:
        """enter or down in the search bar: into the pane holding the best hit."""
        query = self.query_one(SearchBar).value
        if self.index is None and query:
            self._enters_waiting += 1  # done when search is ready (set_index), not dropped
            return
        if query != self._query:
            self._run(query)  # keys typed faster than the panes updated: catch up first
        best = self._search(query, 1).best() if self.index else None
        if best is not None:
            host(self).yours.remember(query)  # searched for: kept, not every keystroke
            self.action_focus_pane(PANES_BY_KIND[best.kind])
        elif not query:
            self.action_focus_pane(self._last_pane)
        # else: nothing matches, each pane says so; the search bar keeps the focus

    def action_timeline(self) -> None:
        """`t`: what the search finds, in date order (everything, without a query)."""
        from tui.ui.screens.timeline import TimelineScreen

        corpus = host(self).corpus
        if corpus is None:
            self.notify("Still reading the database: try again in a moment", timeout=3)
            return
        text, _ = host(self).yours.expand(self._query)  # @name: the saved search's query
        also = host(self).yours.query(self._query)[1]
        host(self).open_page(TimelineScreen(corpus, host(self).index, text, also=also))

    def action_review(self) -> None:
        """`r`: the review queue, every candidate an import proposed, the most named first."""
        from tui.ui.screens.queue import ReviewScreen

        host(self).open_page(ReviewScreen())

    def action_export(self) -> None:
        """`e`: every hit of the search (everything, without a query) to a file."""
        from tui.ui.screens.export import export_results

        export_results(self, self._query)

    def _highlighted_item(self) -> tuple[str, str, str] | None:
        """The kind, id and label of the item highlighted in the focused pane, if any."""
        pane = self.focused if isinstance(self.focused, Pane) else None
        if pane is None or pane.current_id is None:
            return None
        item = self.corpus.get(pane.kind, pane.current_id) if self.corpus else None
        label = item.label if item else pane.current_label  # (the database not read yet)
        return pane.kind, pane.current_id, label or pane.current_id

    def keyed_item(self) -> tuple[str, str] | None:
        """The highlighted item, for its note, tags and bookmark (itemkeys.py)."""
        from tui.ui.screens.annotate import key_of

        found = self._highlighted_item()
        return None if found is None else (key_of(*found[:2]), found[2])

    def copyables(self) -> list[Copyable]:
        """What `y` offers to copy: the id, title and URL of the highlighted item."""
        from tui.ui.screens.copy import copyables

        found = self._highlighted_item()
        item = self.corpus.get(*found[:2]) if found and self.corpus else None
        return copyables(item) if item is not None else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_search = isinstance(self.focused, SearchBar)
        if action in ("focus_pane", "timeline", "export", "copy", "bookmarks", "review"):
            return not in_search
        if action in ("note", "tags", "bookmark"):
            return not in_search and self._highlighted_item() is not None
        if action == "leave_search":
            return in_search or bool(self._query)
        return True

    @on(Pane.Highlighted)
    def _highlighted(self, event: Pane.Highlighted) -> None:
        event.stop()
        if self.focused is event.pane:  # (with the focus in the search bar: `_show`)
            self._preview(event.kind, event.item_id)

    def on_descendant_focus(self, event) -> None:
        if isinstance(event.widget, Pane):
            self._last_pane = event.widget.id or self._last_pane
            self._preview(event.widget.kind, event.widget.current_id)

    def _preview(self, kind: str, item_id: str | None) -> None:
        if not self.has_class("-wide"):
            return  # hidden below WIDE columns: filled when it shows
        from tui.ui.facts import describe  # with the data: after the first frame

        corpus, shown = self.corpus, self._previewed
        if shown is not None and shown[0] is corpus and shown[1:] == (kind, item_id):
            return  # the next letter often leaves the best hit where it was: no new lines to
            # make and draw
        self._previewed = (corpus, kind, item_id)
        item = corpus.get(kind, item_id) if corpus is not None and item_id else None
        content = describe(item, corpus, preview=True) if item and corpus else plain("")
        self._preview_box.show(content)

    @on(Pane.MoreWanted)
    def _more(self, event: Pane.MoreWanted) -> None:
        """Paging: the next hits, so 100k results never load at once."""
        if self.index is None:
            return
        results = self._search(self._query, event.wanted, (event.kind,))
        event.pane.extend(results.of(event.kind)[event.loaded :])

    @on(Pane.Opened)
    def _opened(self, event: Pane.Opened) -> None:
        host(self).yours.remember(self._query)
        host(self).open_item(event.kind, event.item_id)

    def on_yours_changed(self, event: YoursChanged) -> None:
        """The user's own layer was opened or written: the search bar's history, the stars of
        bookmarked rows, and the results of a query that reads it (@name, tag:, note:), are
        shown again."""
        yours = host(self).yours
        self.query_one(SearchBar).history = yours.history()
        self._bookmarked = yours.bookmarked()
        for kind, pane in self._panes.items():
            pane.flag(self._bookmarked.get(kind, frozenset()))  # `b`: its star, where it is
        if self.index is not None and _reads_yours(self._query):
            self._show(self._search(self._query, self.page()), keep=True)

    def run_saved(self, name: str) -> None:
        """A saved search, from the palette: `@name` in the search bar, its hits shown."""
        self.query_one(SearchBar).value = f"@{name}"
        self.action_enter_results()
        if isinstance(self.focused, SearchBar):
            self.action_focus_pane(self._last_pane)


def _reads_yours(query: str) -> bool:
    return query.lstrip().startswith("@") or "tag:" in query or "note:" in query
