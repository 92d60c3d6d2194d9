"""Small dialogs: a line of text, a yes or a no, or an item of one kind picked by searching."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.search.index import Index
from tui.ui.text import MATCH_STYLE, assemble, line_with_spans
from tui.ui.widgets.fields import SafeInput


class AskText(ModalScreen[str | None]):
    """One line of text (a new alias, a date), starting from `value`; esc cancels. The prompt
    is Content (widgets/text.py), since it names an item."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, prompt: Content, value: str = "") -> None:
        super().__init__(classes="ask")
        self.prompt = prompt
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body"):
            yield Label(assemble(self.prompt))
            yield SafeInput(self.value, id="ask-text")

    @on(Input.Submitted)
    def _done(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class Picker(ModalScreen[str | None]):
    """Choose one item from a list that what is typed narrows: `fill` lists the items for a
    query (at once, or later through `show`); enter takes the highlighted one, `down` goes to
    the list, `esc` takes none."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("down", "to_list", show=False)]

    def __init__(self, prompt: Content) -> None:
        super().__init__(classes="ask")
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body"):
            yield Label(assemble(self.prompt))
            yield SafeInput(placeholder="type a name", id="pick-query")
            yield OptionList(id="pick-list")

    def on_mount(self) -> None:
        self.fill("")

    @on(Input.Changed, "#pick-query")
    def _changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def fill(self, query: str) -> None:
        raise NotImplementedError

    def show(self, options: list[Option], empty: Content | None = None) -> None:
        """The items to choose from, the first highlighted; without any, `empty` says why."""
        picker = self.query_one("#pick-list", OptionList)
        picker.set_options(options or ([Option(empty, disabled=True)] if empty else []))
        if options:
            picker.highlighted = 0

    @on(Input.Submitted, "#pick-query")
    def _take_highlighted(self) -> None:
        option = self.query_one("#pick-list", OptionList).highlighted_option
        if option is not None and option.id:
            self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#pick-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_to_list(self) -> None:
        self.query_one("#pick-list").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickItem(Picker):
    """Choose an entity or agreement by typing part of its name (the merge target). `scope` is
    a clause of the query language every search is narrowed by (`kind:country`), so only
    items of the same kind are offered."""

    def __init__(
        self, prompt: Content, index: Index, kind: str, exclude: str, scope: str = ""
    ) -> None:
        super().__init__(prompt)
        self.index = index
        self.kind = kind
        self.exclude = exclude
        self.scope = scope

    def fill(self, query: str) -> None:
        results = self.index.search(f"{self.scope} {query}".strip(), limit=30)
        hits = [h for h in results.of(self.kind) if h.id != self.exclude]
        self.show([Option(line_with_spans(h.label, h.spans, MATCH_STYLE), id=h.id) for h in hits])


class Confirm(ModalScreen[bool]):
    """A yes or no question: `y` yes; `n` or `esc` no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: Content) -> None:
        super().__init__(classes="ask")
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body"):
            yield Label(assemble(self.question, ("  y yes · n no", "dim")))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
