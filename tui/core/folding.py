"""The folded form of text every comparison in search uses: case- and accent-insensitive, so
"Hegseth", "hegseth" and "HEGSETH" are one word, and "Zürich" is "zurich"."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Case- and accent-insensitive form used for every comparison in search."""
    if text.isascii():  # the same answer, without a Python step per character
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(text: str) -> list[str]:
    """The searchable words of a text, folded."""
    return _WORD.findall(fold(text))
