"""Text fields that keep control characters out of what they hold.

Textual's Input and TextArea hold whatever a Paste event or a program puts in them, and draw
it as it is: an escape sequence in the value is written to the terminal with the field (it can
clear the screen, retitle the window, write the clipboard), and a bidi override reorders what
the field shows. Keys cannot type them, and Textual's terminal parser keeps them out of a
bracketed paste it reads itself; a Paste event from elsewhere, and a history entry from the
user's file (checked for its type, not its text), could bring them. Every text field of the
app is one of these: control characters are dropped as they come in, and a one-line field's
line breaks and tabs become spaces.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.widgets import Input, TextArea
from textual.widgets.text_area import Edit, EditResult

from tui.core.textsafe import one_line, strip_controls

__all__ = ["SafeInput", "SafeTextArea", "field_text"]


def field_text(text: str) -> str:
    """`text` as a one-line field holds it: no control characters, breaks and tabs as spaces.
    A typed key's text is cleaned as it is inserted and the value it makes again: printable
    text (every control character, break and bidi control is not) is returned at once."""
    return text if text.isprintable() else one_line(strip_controls(text))


class SafeInput(Input):
    """An Input whose value never holds a control character (see the module). Without
    validators it does not validate: Input's validation of no validators only marks the field
    `-valid`, and the first change did so, restyling the field and repainting it whole on the
    first key of a session (the search bar's first key took 0.9 ms longer, through a pty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("validators") is None:
            kwargs.setdefault("validate_on", ())
        super().__init__(*args, **kwargs)

    def replace(self, text: str, start: int, end: int) -> None:
        # Every insertion (a key, a paste) comes through here: cleaned before the cursor moves
        # past it, so the cursor lands at the end of what was kept.
        super().replace(field_text(text), start, end)

    def validate_value(self, value: str) -> str:
        """A value set directly (the history, a saved search), cleaned too."""
        return field_text(value)


class SafeTextArea(TextArea):
    """A TextArea whose text never holds a control character but tabs and line breaks."""

    def edit(self, edit: Edit) -> EditResult:
        # Every change (typed, pasted, undone) is an Edit
        return super().edit(dataclasses.replace(edit, text=strip_controls(edit.text)))
