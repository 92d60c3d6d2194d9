"""JSON and JSON-lines reader.

A `.json` file holds one article object, a list of them, or an object whose "articles" key is
such a list. A `.jsonl` file holds one article object per line. Each object needs "title" and
"text" (strings); "source", "url", "published" (or "date"), "authors" and "tags" are optional,
the last two as a list of strings or one comma-separated string. A date that cannot be read
(or is not a string or a year number) is dropped, not an error.

A file with several entries is read all or nothing: the first bad entry refuses the whole file,
with a message naming it ("entry 3: JSON object has no 'text'", counting from 1; "line 7: ..."
for JSON lines). Importing half a file silently is worse than fixing one entry and retrying.
"""

from __future__ import annotations

import json
from typing import Any

from .base import Draft, ReadError, entry_origin, make_draft, split_list
from .dates import parse_date


def read_json(text: str, origin: str) -> list[Draft]:
    """Drafts from a JSON document."""
    data = _loads(text)
    if isinstance(data, dict) and "articles" in data:
        data = data["articles"]
        if not isinstance(data, list):
            raise ReadError("'articles' is not a JSON list")
    if isinstance(data, dict):
        return [to_draft(data, origin)]
    if not isinstance(data, list):
        raise ReadError("JSON must be an object or a list of objects")
    if not data:
        raise ReadError("JSON list has no articles")
    return [_entry(item, f"entry {n}", entry_origin(origin, n)) for n, item in enumerate(data, 1)]


def read_jsonl(text: str, origin: str) -> list[Draft]:
    """Drafts from JSON lines: one object per non-blank line."""
    drafts: list[Draft] = []
    for line_no, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"line {line_no}"
        try:
            item = _loads(line)
        except ReadError as exc:
            raise ReadError(f"{where}: {exc}") from exc
        drafts.append(_entry(item, where, entry_origin(origin, len(drafts) + 1)))
    return drafts


def _loads(text: str) -> Any:
    """Parse JSON, turning every failure into a one-line ReadError."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise ReadError(f"not valid JSON: {exc.msg} at {where}") from exc
    except RecursionError as exc:
        raise ReadError("not valid JSON: nested too deeply") from exc
    except ValueError as exc:  # e.g. an integer with too many digits
        raise ReadError(f"not valid JSON: {exc}") from exc


def _entry(item: Any, where: str, origin: str) -> Draft:
    """One list entry as a draft; errors are prefixed with `where`."""
    try:
        if not isinstance(item, dict):
            raise ReadError("not a JSON object")
        return to_draft(item, origin)
    except ReadError as exc:
        raise ReadError(f"{where}: {exc}") from exc


def to_draft(item: dict[str, Any], origin: str) -> Draft:
    """A draft from one article object; raise ReadError naming a missing or mistyped field."""
    for key in ("title", "text"):
        if item.get(key) is None:
            raise ReadError(f"JSON object has no '{key}'")
    return make_draft(
        _required_str(item, "title"),
        _required_str(item, "text"),
        source=_optional_str(item, "source"),
        url=_optional_str(item, "url"),
        published=_date(item.get("published") or item.get("date")),
        authors=_names(item, "authors"),
        tags=_names(item, "tags"),
        origin=origin,
    )


def _required_str(item: dict[str, Any], key: str) -> str:
    value = item[key]
    if not isinstance(value, str):
        raise ReadError(f"'{key}' is not a string")
    return value


def _optional_str(item: dict[str, Any], key: str) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ReadError(f"'{key}' is not a string")
    return value


def _date(value: Any) -> str | None:
    """ISO date of a date string or a bare year number; anything else is an unknown date."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return parse_date(value) if isinstance(value, str) else None


def _names(item: dict[str, Any], key: str) -> list[str]:
    value = item.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return split_list(value)
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return value
    raise ReadError(f"'{key}' is not a string or a list of strings")
