"""Textual's own reading of terminal input, for `quadrant doctor`'s key test: the same parser,
the same escape delay and the same keyboard modes as the app's driver (textual/drivers/
linux_driver.py), so that the key names doctor shows are the ones the app's bindings see.

textual._xterm_parser is private to Textual; this module is the one place that leans on it.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import constants, events
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import (
    KITTY_DISAMBIGUATE_ESCAPE_CODES,
    KITTY_REPORT_ALL_KEYS,
    KITTY_REPORT_ASSOCIATED_TEXT,
)
from textual.message import Message

ESCAPE_DELAY = constants.ESCAPE_DELAY  # seconds: Esc then a key within it is alt+key


class KeyReader:
    """Text from the terminal in, Textual's key names out (mouse, focus and paste events
    are left out). Call `tick` while waiting: a lone Esc becomes a key once the delay passes."""

    def __init__(self) -> None:
        self._parser = XTermParser()

    def feed(self, text: str) -> list[str]:
        return self._keys(self._parser.feed(text))

    def tick(self) -> list[str]:
        return self._keys(self._parser.tick())

    @staticmethod
    def _keys(messages: Iterable[Message]) -> list[str]:
        return [message.key for message in messages if isinstance(message, events.Key)]


def keyboard_modes() -> tuple[str, str]:
    """What the driver writes to turn on its keyboard mode (the kitty protocol's
    disambiguation, which terminals that know it use to tell ctrl+h from backspace) and what
    turns it off again; empty when TEXTUAL_DISABLE_KITTY_KEY is set, as in the app."""
    if constants.DISABLE_KITTY_KEY:
        return "", ""
    flags = KITTY_DISAMBIGUATE_ESCAPE_CODES | KITTY_REPORT_ALL_KEYS | KITTY_REPORT_ASSOCIATED_TEXT
    return f"\x1b[>{flags}u", "\x1b[<u"
