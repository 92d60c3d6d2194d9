"""RSS, Atom and RDF feed reader (via feedparser): one draft per entry with text.

Entries without any text (link-only items) are skipped, since there is nothing to extract from
them; a feed none of whose entries has text is an error. feedparser reads slightly broken XML
with a lenient parser, so "malformed XML" is reported only when that yields no entries.
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.sax import SAXParseException

import feedparser

from .base import Draft, ReadError, entry_origin, make_draft, normalise, single_line
from .dates import from_struct, parse_date
from .html import html_to_text

# RSS <author> is an e-mail address, often followed by the name: "jane@example.org (Jane Doe)".
_EMAIL_WITH_NAME = re.compile(r"\S+@\S+\s+\((.+)\)")
_EMAIL = re.compile(r"\S+@\S+")


def read_feed(data: bytes, origin: str) -> list[Draft]:
    """Drafts from the raw bytes of a feed (feedparser honours the XML encoding itself)."""
    # A stream, so feedparser never takes the data for a file name or URL to open. Its HTML
    # sanitising and link resolving are skipped: entries become plain text here anyway.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    entries = [entry for entry in parsed.entries if entry]
    if not entries:
        if parsed.bozo:
            raise ReadError(f"malformed XML: {_reason(parsed.get('bozo_exception'))}")
        raise ReadError("feed has no entries")
    source = single_line(_as_text(parsed.feed.get("title", ""), parsed.feed.get("title_detail")))
    drafts: list[Draft] = []
    for index, entry in enumerate(entries, 1):
        text = _entry_text(entry)
        if text:
            drafts.append(_entry_draft(entry, text, source, entry_origin(origin, index)))
    if not drafts:
        raise ReadError("no feed entry has any text")
    return drafts


def _reason(exc: BaseException | None) -> str:
    """The parser's complaint on one line, with the line number when it knows it."""
    if isinstance(exc, SAXParseException):
        return f"{exc.getMessage()} at line {exc.getLineNumber()}"
    lines = str(exc).strip().splitlines() if exc is not None else []
    return lines[0] if lines else "not a readable feed"


def _entry_draft(entry: Any, text: str, source: str, origin: str) -> Draft:
    return make_draft(
        _as_text(entry.get("title", ""), entry.get("title_detail")),
        text,
        source=source,
        url=entry.get("link", ""),
        published=_published(entry),
        authors=_authors(entry),
        tags=[tag.get("term") or "" for tag in entry.get("tags", [])],
        origin=origin,
    )


def _entry_text(entry: Any) -> str:
    """Full content if the entry has it, else its summary, as plain text."""
    for content in entry.get("content", []):
        text = _as_text(content.get("value", ""), content)
        if text:
            return text
    return _as_text(entry.get("summary", ""), entry.get("summary_detail"))


def _as_text(value: str, detail: Any) -> str:
    """Plain text of a feed field, converting from HTML when the feed says it is HTML."""
    kind = (detail or {}).get("type", "") or ""
    if "html" in kind or "xml" in kind:
        return html_to_text(value)
    return normalise(value)


def _published(entry: Any) -> str | None:
    for key in ("published", "updated", "created"):
        day = from_struct(entry.get(f"{key}_parsed"))
        if day is None and entry.get(key):
            day = parse_date(entry[key])
        if day:
            return day
    return None


def _authors(entry: Any) -> list[str]:
    """Author names; RSS "address (Name)" gives the name, a bare e-mail address is dropped."""
    raw = (entry.get("author") or "").strip()
    match = _EMAIL_WITH_NAME.fullmatch(raw)
    if match:  # read it here: feedparser's own split of this form can cut the name
        return [match[1]]
    names = [author.get("name") or "" for author in entry.get("authors", [])] or [raw]
    return [name for name in names if not _EMAIL.fullmatch(name.strip())]
