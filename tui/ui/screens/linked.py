"""The screens that are one page of links: an item's page, the connections of two entities, a
timeline. Each gives lines to read at the top and sections of rows; a row with a `Link` is one
the cursor visits, and `enter` follows it. A row leading to an item the user bookmarked carries
the star it has in the panes, and the page is built again when the user's own layer changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.models import Mention
from tui.ui.host import host
from tui.ui.text import Hanging, assemble, flagged, plain
from tui.ui.widgets.footer import QuadrantFooter
from tui.ui.widgets.page import Page
from tui.ui.yours import YoursChanged


@dataclass(frozen=True)
class Link:
    """Where a row of the page leads."""

    kind: str
    item_id: str
    mention: Mention | None = None
    proposal: tuple[str, str] | None = None  # a proposed signature: (agreement, entity) ids


Row = tuple[Link | None, Content | Hanging]
Section = tuple[str, Sequence[Row]]


class LinkedScreen(Screen):
    """A page of `head` lines, then `sections`, each under a heading with its count of links
    ("Parties (2)"); a heading ending in ")" carries its own counts. A section named in
    `OPTIONAL` is left out when empty; another says "none yet"."""

    AUTO_FOCUS = "#links"
    BINDINGS = [Binding("escape,backspace", "app.back", "Back")]
    OPTIONAL: tuple[str, ...] = ()
    EMPTY = "none yet"
    STARS = True  # bookmarked items' rows carry a star (not on a page of bookmarks alone)
    MINE = False  # the page shows the user's own notes or tags: built again when they change

    def __init__(self) -> None:
        super().__init__(classes="item-screen")
        self.links: list[Link] = []
        self._stars: dict[str, frozenset[str]] = {}  # the bookmarks the page was built with

    def head(self) -> list[Content]:
        return []

    def sections(self) -> list[Section]:
        return []

    def compose(self) -> ComposeResult:
        yield Page(*self.page_options(), id="links")
        yield QuadrantFooter()

    def on_mount(self) -> None:
        page = self.query_one(Page)
        self.set_focus(page)
        self.call_after_refresh(page.show_top)

    def page_options(self) -> list[Option]:
        self.links = []
        self._stars = host(self).yours.bookmarked() if self.STARS else {}
        head = self.head()
        options = [Option(row, disabled=True) for row in head]
        if head:
            options.append(Option(plain(""), disabled=True))
        for heading, rows in self.sections():
            if heading in self.OPTIONAL and not rows:
                continue
            if not heading.endswith(")"):
                heading = f"{heading} ({sum(link is not None for link, _ in rows)})"
            options.append(Option(plain(heading, "bold"), disabled=True))
            options += [self._option(link, prompt) for link, prompt in rows]
            if not rows:
                options.append(Option(plain(f"  {self.EMPTY}", "dim"), disabled=True))
        return options

    def refill(self) -> None:
        """Build the page again (what it shows has arrived or changed)."""
        page = self.query_one(Page)
        page.set_options(self.page_options())
        page.show_top()

    def refresh_page(self) -> None:
        """Build the page again where it stands: the cursor on the same link, the same lines
        in view (what changed is above the links, or one of them)."""
        page = self.query_one(Page)
        option = page.highlighted_option if page.highlighted is not None else None
        scrolled = page.scroll_y
        page.set_options(self.page_options())
        links = [n for n in range(page.option_count) if page.get_option_at_index(n).id]
        if option is not None and option.id is not None and links:
            number = int(option.id)  # a link's option is named by its number on the page
            page.highlighted = links[min(number, len(links) - 1)]
        page.scroll_to(y=scrolled, animate=False, immediate=True)

    @property
    def current_link(self) -> Link | None:
        """The link under the cursor, if any."""
        page = self.query_one(Page)
        option = page.highlighted_option if page.highlighted is not None else None
        return self.links[int(option.id)] if option is not None and option.id else None

    def _option(self, link: Link | None, prompt: Content | Hanging) -> Option:
        if link is None:
            return Option(prompt, disabled=True)
        self.links.append(link)
        if self._bookmarked(link):
            prompt = flagged(prompt)
        return Option(prompt, id=str(len(self.links) - 1))

    def _bookmarked(self, link: Link) -> bool:
        """A row naming an item (not a sentence in it, nor a proposal) the user bookmarked."""
        if link.mention is not None or link.proposal is not None:
            return False
        return link.item_id in self._stars.get(link.kind, ())

    def on_yours_changed(self, event: YoursChanged) -> None:
        """The user's own layer was written (a search remembered is a write too): the page is
        built again if it shows their notes or tags, or a star came or went."""
        if self.MINE or (self.STARS and host(self).yours.bookmarked() != self._stars):
            self.refresh_page()

    @on(OptionList.OptionHighlighted, "#links")
    def _moved(self) -> None:
        self.refresh_bindings()  # a key may apply to one row only (a proposed signature)

    @on(OptionList.OptionSelected, "#links")
    def _follow(self, event: OptionList.OptionSelected) -> None:
        link = self.links[int(event.option.id or 0)]
        host(self).open_item(link.kind, link.item_id, link.mention)


def two_lines(label: str, detail: str) -> Content:
    """A row of a name and, dimmed under it, what it is."""
    return assemble(plain(label), "\n", plain(detail, "dim"))
