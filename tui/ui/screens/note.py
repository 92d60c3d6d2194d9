"""The note editor: several lines of text in a dialog, for the user's own note on an item or
the database's note on it.

`ctrl+s` saves and `esc` cancels (after asking, when something was typed). `ctrl+s` reaches the
app in every terminal Quadrant runs in (the terminal is in raw mode, so it is no flow control),
and `tab` reaches a Save button too, for a terminal (or GNU screen) that keeps it for itself.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea

from tui.core.textsafe import strip_controls
from tui.ui.screens.ask import Confirm
from tui.ui.text import assemble, plain
from tui.ui.widgets.fields import SafeTextArea

HELP = "ctrl+s saves · esc cancels · tab reaches the buttons · an empty note is removed"


class NoteEditor(ModalScreen[str | None]):
    """Edits `text` under `prompt`; dismissed with the new text, or None when cancelled."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#note-text"

    def __init__(self, prompt: Content, text: str) -> None:
        super().__init__(classes="ask")
        self.prompt = prompt
        self.text = strip_controls(text)  # a widget writes control characters to the terminal

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body", id="note-body"):
            yield Label(assemble(self.prompt))
            yield SafeTextArea(self.text, id="note-text", soft_wrap=True, tab_behavior="focus")
            with Horizontal(id="note-buttons"):
                yield Button("Save", id="note-save", variant="primary", compact=True)
                yield Button("Cancel", id="note-cancel", compact=True)
            yield Label(plain(HELP, "dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.move_cursor(area.document.end)

    @property
    def edited(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.edited)

    def action_cancel(self) -> None:
        if self.edited == self.text:
            self.dismiss(None)
            return
        question = plain("Leave without saving what you typed?")
        self.app.push_screen(Confirm(question), self._leave)

    def _leave(self, yes: bool | None) -> None:
        if yes:
            self.dismiss(None)

    @on(Button.Pressed, "#note-save")
    def _save(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#note-cancel")
    def _cancel(self) -> None:
        self.action_cancel()
