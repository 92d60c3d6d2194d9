"""The key reference (`?`): every binding of every screen, read from the classes themselves."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

QUERY_HELP = """\
lemoa  hegs                words; the last one matches as a prefix while you type
l                          one letter alone: the start of names and title words
"make in india"            an exact phrase
-russia                    leave out items with this word
kind:person                person organization country group initiative system
                           place event, or kind:article kind:agreement
party:india                agreements with this party
year:2016  year:2016..2020 article and agreement dates
tag:founding  source:hindu status:candidate"""

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
            keys = keys.replace("slash", "/").replace("plus", "+")
            rows.append((context, keys, binding.description.lower()))
    return rows


class HelpScreen(ModalScreen[None]):
    """Lists the keys by where they work, and the search language."""

    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close")]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__(id="help")
        self.rows = [*EXTRA_KEYS, *rows]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            yield Static(self._keys(), id="help-keys")
            yield Static(Content.assemble(("Search language\n", "bold"), QUERY_HELP))

    def _keys(self) -> Content:
        parts: list[Content | str | tuple[str, str]] = [("Keys", "bold")]
        context = None
        for where, keys, description in self.rows:
            if where != context:
                parts.append((f"\n{where}", "bold dim"))
                context = where
            parts += ["\n  ", (f"{keys:<18}", "bold"), f" {description}"]
        return Content.assemble(*parts)
