"""What screens and widgets may ask of the app, as a small typed interface the app implements.

Screens reach the app through `host(self)`, never through attributes of `self.app` that a
type checker cannot see (and without importing the app module, which imports them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.screen import Screen

    from tui.core.corpus import Corpus
    from tui.core.models import Mention
    from tui.search.index import Index
    from tui.search.threads import Loads
    from tui.storage.store import Store
    from tui.ui.yours import Yours


class Host(Protocol):
    """The app, as its screens see it."""

    store: Store
    index: Index | None
    corpus: Corpus | None
    loads: Loads[Index]
    yours: Yours

    @property
    def read_only(self) -> bool: ...

    def open_item(self, kind: str, item_id: str, mention: Mention | None = None) -> None: ...

    def open_page(self, screen: Screen) -> None: ...

    def go_back(self) -> None: ...

    def reload(self, reopen: tuple[str, str] | None = None) -> None: ...

    def rebuild_index(self) -> None: ...


def host(node: DOMNode) -> Host:
    """The app that `node` belongs to, as a Host."""
    return cast("Host", node.app)
