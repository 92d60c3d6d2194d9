"""What every page of one item offers, the reader's and the entity and agreement pages' alike:
export it (`e`), copy its id, title, URL or the sentence under the cursor (`y`), the user's own
note (`w`), tags (`#`) and bookmark (`b`) on it, the bookmarks (`B`), and the database's own
note and tags where it may be written (`S`)."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content

from tui.core.corpus import Item
from tui.core.models import Article, Entity
from tui.ui.facts import mine_lines
from tui.ui.host import host
from tui.ui.keys import ITEM_BINDINGS
from tui.ui.screens import annotate
from tui.ui.screens.copy import Copyable, copyables
from tui.ui.screens.itemkeys import ItemKeys
from tui.ui.yours import YoursChanged


class ItemScreen(ItemKeys):
    """A screen showing one item. Subclasses say which (`shown_item`), which sentence the
    cursor is on, if any (`current_sentence`), and how to show the user's own lines again
    (`show_yours`)."""

    BINDINGS = [
        *ITEM_BINDINGS,
        Binding("S", "shared", "Database's note, tags", show=False),
    ]

    @property
    def shown_item(self) -> Item:
        raise NotImplementedError

    @property
    def item_kind(self) -> str:
        item = self.shown_item
        if isinstance(item, Article):
            return "article"
        return "entity" if isinstance(item, Entity) else "agreement"

    @property
    def key(self) -> str:
        return annotate.key_of(self.item_kind, self.shown_item.id)

    def current_sentence(self) -> str | None:
        return None

    def mine(self) -> list[Content]:
        """The user's own note, tags and bookmark on the item, as lines to show."""
        yours = host(self).yours
        return mine_lines(yours.note(self.key), yours.tags(self.key), yours.is_bookmarked(self.key))

    def show_yours(self) -> None:
        """Show the user's own lines again (they were opened or changed)."""

    def on_yours_changed(self, event: YoursChanged) -> None:
        self.show_yours()

    def keyed_item(self) -> tuple[str, str]:
        return self.key, self.shown_item.label

    def copyables(self) -> list[Copyable]:
        """What `y` offers to copy here: the item's, and the sentence under the cursor."""
        return copyables(self.shown_item, self.current_sentence())

    def action_export(self) -> None:
        """`e`: this item, its links and the sentences naming it, to a file."""
        from tui.ui.screens.export import export_item

        export_item(self, self.item_kind, self.shown_item)

    def action_shared(self) -> None:
        """`S`: the database's own note or tags (not offered on a read-only database)."""
        annotate.edit_shared(self, self.item_kind, self.shown_item)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "shared":
            return not host(self).read_only
        return True
