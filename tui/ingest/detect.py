"""Decode bytes to text and decide which reader a file needs.

Detection looks at the content first, because file names lie (a feed saved as `.txt`, an
HTML page saved without extension). The extension only breaks ties: `.md` turns plain text into
Markdown, `.html` makes markup without `<html>` (a bare fragment) a page, `.json`/`.jsonl`
send anything that is not markup to the JSON readers, and a `.txt`/`.md` file that merely
starts with `[` is not forced through the JSON reader if it is not valid JSON.
"""

from __future__ import annotations

import codecs
import json
import re

from charset_normalizer import from_bytes

from .base import ReadError

# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control bytes that do not occur in text files (tab, newlines, form feed and ESC do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\v\f\r\x1b")
_SAMPLE = 65536
_DECLARED = re.compile(
    rb"""<(?:meta[^>]*?charset|\?xml[^>]*?encoding)\s*=\s*["']?([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
_MAX_CONTROL_SHARE = 0.05
_NOT_CHARSETS = ("escape", "punycode", "idna", "undefined", "unicode", "raw")
_CHAOS_TOLERANCE = 0.05

# Markup that may precede the root element: XML declaration and other processing
# instructions, comments, a DOCTYPE.
_PROLOGUE = r"(?:<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*"
_FEED_START = re.compile(_PROLOGUE + r"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE | re.DOTALL)
_HTML_START = re.compile(
    r"(?:<\?[^>]*\?>|<!--.*?-->|\s)*<(?:!doctype\s+html|html)\b", re.IGNORECASE | re.DOTALL
)
_HEADING_START = re.compile(r"#{1,6}[ \t]+\S")

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
JSON_SUFFIXES = {".json"} | JSONL_SUFFIXES
TEXT_SUFFIXES = {".txt", ".text"} | MARKDOWN_SUFFIXES


def decode(data: bytes) -> str:
    """Return the text of `data`; raise ReadError for empty, binary or undecodable data."""
    if not data.strip():
        raise ReadError("file is empty")
    text = _decode_bom(data)
    if text is None:
        text = _decode_utf16_without_bom(data)
    if text is None:
        if _looks_binary(data):
            raise ReadError("binary data, not text")
        text = _decode_utf8(data) or _decode_declared(data) or _decode_detected(data)
    if text is None:
        raise ReadError("unknown text encoding")
    if not text.strip():
        raise ReadError("file is empty")
    return text


def _decode_bom(data: bytes) -> str | None:
    """Decode by byte-order mark, if there is one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                message = f"not valid {encoding.upper()} despite its byte-order mark"
                raise ReadError(message) from exc
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM: mostly ASCII, so every other byte is NUL, all on one side."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or len(sample) % 2 or sample.count(0) < len(sample) // 3:
        return None
    odd_nuls, even_nuls = sample[1::2].count(0), sample[0::2].count(0)
    encoding = "utf-16-le" if even_nuls == 0 else "utf-16-be" if odd_nuls == 0 else None
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text.encode("utf-8", "surrogatepass")) else text


def _looks_binary(data: bytes) -> bool:
    """NUL bytes or many other control bytes mean the data is not text."""
    sample = data[:_SAMPLE]
    if 0 in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > len(sample) * _MAX_CONTROL_SHARE


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_declared(data: bytes) -> str | None:
    """Use the encoding an HTML <meta charset> or XML declaration names, if it fits."""
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    name = match[1].decode("ascii").lower()
    if name.startswith(("utf-16", "utf-32")) or any(w in name for w in _NOT_CHARSETS):
        return None  # an ASCII-compatible file cannot be UTF-16; escape codecs are no charsets
    # As browsers do: Latin-1 and ASCII labels mean Windows-1252.
    encoding = "cp1252" if name in {"iso-8859-1", "latin-1", "latin1", "us-ascii"} else name
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeError):
        return None


def _decode_detected(data: bytes) -> str | None:
    """Let charset-normalizer guess the encoding of non-UTF-8 text.

    Its first guess for short Western text is often a Baltic or Central European code page that
    decodes almost as cleanly; among the guesses about as clean as the best, take the one
    whose text reads most like a language, preferring Windows-1252 (the usual legacy encoding)
    on a tie.
    """
    matches = list(from_bytes(data))
    if not matches:
        return None
    limit = matches[0].chaos + _CHAOS_TOLERANCE
    close = [match for match in matches if match.chaos <= limit]
    best = max(close, key=lambda m: (m.coherence, "cp1252" in m.could_be_from_charset))
    return str(best)


def detect_format(text: str, suffix: str = "") -> str:
    """Name of the reader for `text`: json, jsonl, feed, html, markdown, text or xml."""
    suffix = suffix.lower()
    head = text[:4096].lstrip()
    if head.startswith(("{", "[")):
        return _json_kind(text, suffix)
    if head.startswith("<"):
        if _FEED_START.match(head):
            return "feed"
        if _HTML_START.match(head) or suffix in HTML_SUFFIXES:
            return "html"
        if head.startswith("<?xml"):
            return "xml"  # some other XML document: no reader for it
    if suffix in JSON_SUFFIXES:  # a JSON scalar, or not JSON at all: let the reader say so
        return "jsonl" if suffix in JSONL_SUFFIXES else "json"
    if head.startswith("---\n") or suffix in MARKDOWN_SUFFIXES or _HEADING_START.match(head):
        return "markdown"
    return "text"


def _json_kind(text: str, suffix: str) -> str:
    """JSON or JSON lines; a text or Markdown file that is not JSON stays what its name says."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if suffix in JSONL_SUFFIXES or (len(lines) > 1 and all(_is_object_line(ln) for ln in lines)):
        return "jsonl"
    if suffix in TEXT_SUFFIXES and not _parses_as_json(text):
        return "markdown" if suffix in MARKDOWN_SUFFIXES else "text"
    return "json"


def _is_object_line(line: str) -> bool:
    return line.startswith("{") and line.endswith("}")


def _parses_as_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
