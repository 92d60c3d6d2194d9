"""Shared pieces of the readers: the `Draft` record, `ReadError` and text normalisation.

Every reader funnels its fields through `make_draft`, so all drafts get the same cleaning
(Unicode NFC, no control characters, tidy whitespace) whichever format they came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from tui.core.textsafe import CONTROLS


@dataclass(frozen=True)
class Draft:
    """One article read from a file, not yet stored."""

    title: str
    text: str
    source: str = ""
    url: str = ""
    published: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    origin: str = ""


class ReadError(Exception):
    """A file (or one entry of it) cannot be turned into drafts; the message is a short reason."""


# Form feed and vertical tab separate pages or lines: keep them as line breaks, not glue.
_LINE_BREAKS = str.maketrans({"\r": "\n", "\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n\n"})
# The controls that never reach the screen (textsafe.CONTROLS: C0 but tab and newline, DEL,
# C1, bidi overrides), and here also a stray byte-order mark and lone surrogates (which
# cannot be encoded to UTF-8).
_CONTROLS = re.compile(f"[{CONTROLS}\ufeff\ud800-\udfff]")
# Horizontal whitespace: tab, no-break space and the other Unicode space separators.
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def normalise(text: str) -> str:
    """Return `text` cleaned for storage and display.

    NFC, control characters removed, line breaks unified to `\\n`, every run of spaces or tabs
    collapsed to one space, lines stripped, at most one blank line between paragraphs.
    """
    # Controls go before NFC, so letters and combining marks they separated are composed.
    text = _CONTROLS.sub("", text.replace("\r\n", "\n").translate(_LINE_BREAKS))
    text = unicodedata.normalize("NFC", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def single_line(text: str) -> str:
    """Normalise `text` and join its lines with single spaces (for titles and names to store;
    textsafe.one_line is the other thing: a line for display, its length kept)."""
    return " ".join(normalise(text).split())


def clean_names(values: Iterable[str]) -> tuple[str, ...]:
    """One-line each name, drop empty ones and duplicates (case-insensitive), keep order."""
    seen: set[str] = set()
    names = []
    for value in values:
        name = single_line(value)
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return tuple(names)


def split_list(value: str) -> list[str]:
    """Split a comma-separated string such as "nato, eu, defence" into items."""
    return [item for item in (part.strip() for part in value.split(",")) if item]


def make_draft(
    title: str,
    text: str,
    *,
    source: str = "",
    url: str = "",
    published: str | None = None,
    authors: Iterable[str] = (),
    tags: Iterable[str] = (),
    origin: str = "",
) -> Draft:
    """Build a `Draft` with every field cleaned; raise ReadError("no text") if text is empty."""
    body = normalise(text)
    if not body:
        raise ReadError("no text")
    return Draft(
        title=single_line(title) or fallback_title(body),
        text=body,
        source=single_line(source),
        url="".join(single_line(url).split()),
        published=published,
        authors=clean_names(authors),
        tags=clean_names(tags),
        origin=origin,
    )


def fallback_title(text: str, limit: int = 100) -> str:
    """A title made from the first line of `text`, cut at a word boundary near `limit`."""
    line = text.split("\n", 1)[0]
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] or line[:limit]
    return cut + "…"


def entry_origin(name: str, index: int) -> str:
    """Origin of entry `index` (1-based) inside a feed or list file."""
    return f"{name}#{index}"
