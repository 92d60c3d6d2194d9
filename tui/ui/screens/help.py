"""The key reference (`?`): every binding of every screen, read from the classes themselves, and
the search language. Laid out as two columns that wrap each in its own column, so it reads at
80 columns and narrower."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.text import plain

QUERY_HELP = [
    ("lemoa  hegs", "words; the last one matches as a prefix while you type"),
    ("l", "one letter alone: the start of names and title words"),
    ('"make in india"', "an exact phrase"),
    ("lemoa OR beca", "either one"),
    (
        '-russia  -"make in india"',
        "leave out items with this word or phrase (in the name panes, by name, alias or acronym)",
    ),
    (
        "kind:person",
        "person organization country group initiative system place event, "
        "or kind:article kind:agreement",
    ),
    ("party:india", "agreements with this party"),
    ("party:india party:japan", "agreements with both parties"),
    ("signed:2016..2020", "agreements signed in those years (signed:..2005 too)"),
    ("announced:2023", "agreements announced in those years (announced:..2020 too)"),
    ("year:2016  year:2016..2020", "article and agreement dates (signed, else announced)"),
    ("tag:founding", "items with this tag, in the database or your own"),
    ('note:annex  note:"two words"', "items whose notes (the database's or yours) have the words"),
    ("source:hindu", "articles from this source"),
    ("status:candidate", "items an import proposed, not yet reviewed"),
    ("(a filter a kind lacks)", "lists none of that kind: party: shows agreements only"),
]

SEARCH_BAR = ("to_results", "search_down")  # app bindings that work in the search bar
EXTRA_KEYS = [
    ("anywhere", "ctrl+p", "command palette: every action, and every item by name"),
    ("main", "tab / shift+tab", "next / previous pane"),
    ("panes", "arrows pgup pgdn home end", "move"),
]


def binding_rows(context: str, bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    """(context, keys, description) for each binding that has a description."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            keys = binding.key.replace(",", " / ").replace("question_mark", "?")
            keys = keys.replace("slash", "/").replace("plus", "+").replace("number_sign", "#")
            rows.append((context, keys, binding.description.lower()))
    return rows


def binding_reference(app_bindings: Iterable[BindingType]) -> list[tuple[str, str, str]]:
    """Every binding with a description, by the screen or widget it belongs to: the app's
    (`app_bindings`, given by the app, which imports this module), then each screen's."""
    from tui.ui.screens.bookmarks import BookmarksScreen
    from tui.ui.screens.connections import ConnectionsScreen
    from tui.ui.screens.detail import DetailScreen
    from tui.ui.screens.item import ItemScreen
    from tui.ui.screens.linked import LinkedScreen
    from tui.ui.screens.main import MainScreen
    from tui.ui.screens.queue import ReviewScreen
    from tui.ui.screens.reader import ReaderScreen
    from tui.ui.screens.timeline import TimelineScreen
    from tui.ui.widgets.page import Page
    from tui.ui.widgets.pane import Pane
    from tui.ui.widgets.reader import Reader
    from tui.ui.widgets.searchbar import SearchBar

    bindings = [b for b in app_bindings if isinstance(b, Binding)]
    return [
        *binding_rows("anywhere", [b for b in bindings if b.action not in SEARCH_BAR]),
        *binding_rows("search bar", [b for b in bindings if b.action in SEARCH_BAR]),
        *binding_rows("search bar", SearchBar.BINDINGS),
        *binding_rows("main", MainScreen.BINDINGS),
        *binding_rows("panes", Pane.BINDINGS),
        *binding_rows("reader", [*ReaderScreen.BINDINGS, *Reader.BINDINGS]),
        *binding_rows(
            "entity and agreement pages",
            [*LinkedScreen.BINDINGS, *DetailScreen.BINDINGS, *Page.BINDINGS],
        ),
        *binding_rows("reader and pages", ItemScreen.BINDINGS),
        *binding_rows("connections", ConnectionsScreen.BINDINGS),
        *binding_rows("timeline", TimelineScreen.BINDINGS),
        *binding_rows("bookmarks", BookmarksScreen.BINDINGS),
        *binding_rows("review queue", ReviewScreen.BINDINGS),
    ]


def grouped(rows: Iterable[tuple[str, str, str]]) -> dict[str, list[tuple[str, str]]]:
    """Rows by context, each context once, in the order it first appears."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for context, keys, description in rows:
        pair = (keys, description)
        if pair not in groups.setdefault(context, []):
            groups[context].append(pair)
    return groups


def _table(rows: Iterable[tuple[str, str]]) -> Grid:
    cells = [
        cell
        for left, right in rows
        for cell in (Static(plain(left, "bold"), classes="help-left"), Static(plain(right)))
    ]
    return Grid(*cells, classes="help-table")


class HelpScreen(ModalScreen[None]):
    """Lists the keys by where they work, and the search language."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]
    AUTO_FOCUS = "#help-body"

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__(id="help")
        self.groups = grouped([*EXTRA_KEYS, *rows])

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(plain("Keys", "bold"), classes="help-heading")
            for context, rows in self.groups.items():
                yield Static(plain(context, "bold dim"), classes="help-context")
                yield _table(rows)
            yield Static(plain("Search language", "bold"), classes="help-heading")
            yield _table(QUERY_HELP)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#help-body"))

    @property
    def text(self) -> str:
        """Everything the screen says, as plain text (for tests and for a look)."""
        return "\n".join(str(s.render()) for s in self.query(Static))
