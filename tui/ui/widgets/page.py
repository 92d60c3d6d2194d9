"""A page that reads like a pager: facts to read, and links the cursor visits."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList


class Page(OptionList):
    """An item page as one list that scrolls as a whole: the facts first (read, not chosen),
    then the links (mentions, agreements, parties, related items), which the cursor visits.

    It reads like a pager: `j`/`down` moves to the next link once that link starts in view,
    and scrolls a line otherwise, so no line is ever jumped over (the facts above the first
    link, the end of a sentence taller than the screen); `k`/`up` likewise upwards. Page keys
    scroll a page and keep the cursor in view. `enter` on a link out of view brings it into
    view first: nothing is opened that cannot be seen. `g`/`home` go to the top of the page,
    `G`/`end` to the last link (or the end of a page without links).
    """

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("enter", "select", "Open"),
    ]

    def _span(self, index: int) -> tuple[int, int]:
        """The first and last line of option `index` on the page."""
        first = self._index_to_line[index]  # Textual keeps no public map from option to line
        return first, first + self._heights[index] - 1

    def _view(self) -> tuple[int, int]:
        """The first line shown, and the first line below what is shown."""
        top = round(self.scroll_y)
        return top, top + self.scrollable_content_region.height

    def _links(self) -> list[int]:
        return [n for n, option in enumerate(self.options) if not option.disabled]

    def _in_view(self, index: int) -> bool:
        top, bottom = self._view()
        return top <= self._span(index)[0] < bottom

    def show_top(self) -> None:
        """The top of the page, the cursor on the first link (in view or not)."""
        links = self._links()
        self.highlighted = links[0] if links else None
        self.scroll_home(animate=False, immediate=True)

    def action_top(self) -> None:
        self.show_top()

    def action_last(self) -> None:
        if self._links():
            super().action_last()
        else:
            self.scroll_end(animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        top, bottom = self._view()
        current = self.highlighted
        if current is not None and self._span(current)[1] >= bottom:
            self.scroll_down(animate=False, immediate=True)  # read the rest of this one
            return
        following = next(
            (
                n
                for n in self._links()
                if (n > current if current is not None else self._span(n)[0] >= top)
            ),
            None,
        )
        if following is not None and self._span(following)[0] < bottom:
            self.highlighted = following
        else:
            self.scroll_down(animate=False, immediate=True)

    def action_cursor_up(self) -> None:
        top, bottom = self._view()
        current = self.highlighted
        if current is not None and self._span(current)[0] < top:
            self.scroll_up(animate=False, immediate=True)  # back to this one's start
            return
        previous = next(
            (
                n
                for n in reversed(self._links())
                if (n < current if current is not None else self._span(n)[0] < bottom)
            ),
            None,
        )
        if previous is not None and self._span(previous)[0] >= top:
            self.highlighted = previous
        else:
            self.scroll_up(animate=False, immediate=True)

    def action_page_down(self) -> None:
        self._page(1)

    def action_page_up(self) -> None:
        self._page(-1)

    def _page(self, direction: int) -> None:
        """Scroll a page, as a pager does; the cursor goes to the first link in view if the
        one it was on is no longer there, or to none."""
        top, bottom = self._view()
        self.scroll_to(y=top + direction * (bottom - top), animate=False, immediate=True)
        if self.highlighted is not None and self._in_view(self.highlighted):
            return
        top = self._view()[0]
        in_view = [n for n in self._links() if self._in_view(n)]
        self.highlighted = in_view[0] if in_view else None
        self.scroll_to(y=top, animate=False, immediate=True)  # the page stays where it went

    def action_select(self) -> None:
        if self.highlighted is not None and not self._in_view(self.highlighted):
            self.scroll_to_highlight()  # shown first, opened by the next enter
        else:
            super().action_select()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            return self.highlighted is not None  # no "open" offered with nothing to open
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if (highlighted is None) != (self._shown_without_cursor):
            self._shown_without_cursor = highlighted is None
            self.refresh_bindings()

    _shown_without_cursor = False
