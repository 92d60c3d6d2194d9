"""Make text from documents safe to show in a terminal.

Article text, titles and names come from outside. Rich and Textual pass escape and C1 bytes of a
plain `Text` straight to the terminal, so an article could retitle the window, write the clipboard
(OSC 52) or clear the screen. Every string from a document goes through `for_display` or
`one_line` before it reaches a widget. Both keep string lengths, so mention offsets stay valid.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate
# controls that can reorder what a reader sees (U+202A-U+202E, U+2066-U+2069).
CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"  # a class, for []
_UNSAFE = re.compile(f"[{CONTROLS}]")
_BREAKS = re.compile("[\t\n\u2028\u2029]")


def for_display(text: str) -> str:
    """Replace each control character with U+FFFD, one for one; tabs become spaces."""
    return _UNSAFE.sub(REPLACEMENT, text).replace("\t", " ")


def one_line(text: str) -> str:
    """Like `for_display`, with line breaks turned into spaces: for list rows and titles."""
    return _BREAKS.sub(" ", for_display(text))


def strip_controls(text: str) -> str:
    """Remove control characters entirely (for text being stored, where offsets are not yet set)."""
    return _UNSAFE.sub("", text)
