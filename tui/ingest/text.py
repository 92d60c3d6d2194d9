"""Plain-text reader: the first non-empty line is the title, everything after it the text."""

from __future__ import annotations

from .base import Draft, ReadError, make_draft


def read_text(text: str, origin: str) -> list[Draft]:
    """One draft from a plain-text file."""
    title, _, body = text.lstrip().partition("\n")
    if not body.strip():
        raise ReadError("no text after the title line")
    return [make_draft(title, body, origin=origin)]
