"""The search bar: an Input that announces the whole query on every keystroke."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message
from textual.widgets import Input

PLACEHOLDER = "/ to search: lemoa, hegseth, kind:person, party:india, year:2016..2020"


class SearchBar(Input):
    """Posts `SearchBar.QueryChanged` with the full query each time the text changes.

    It watches its own value (rather than waiting for Input.Changed) so the results of a key
    reach the panes in the same frame as the key itself.
    """

    @dataclass
    class QueryChanged(Message):
        """The query text is now `query`."""

        bar: SearchBar
        query: str

        @property
        def control(self) -> SearchBar:
            return self.bar

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchBar.QueryChanged)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id)

    def _watch_value(self, value: str) -> None:
        super()._watch_value(value)
        self.post_message(self.QueryChanged(self, value))
