"""Read article files of many formats into `Draft`s, ready for extraction and storage.

Pure functions: nothing here writes to the database or imports the UI. Supported formats are
plain text, Markdown (with front matter), HTML pages, JSON / JSON lines and RSS/Atom/RDF feeds;
the format is recognised from the content, with the file extension as a hint (see `detect`).
Every problem with a file is raised as `ReadError` with a short, human reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .base import Draft, ReadError, normalise
from .dateline import with_found_date
from .dates import parse_date
from .detect import decode, detect_format
from .feed import read_feed
from .html import read_html
from .jsonfmt import read_json, read_jsonl
from .markdown import read_markdown
from .text import read_text

__all__ = [
    "MAX_BYTES",
    "Draft",
    "ReadError",
    "detect_format",
    "iter_files",
    "normalise",
    "parse_date",
    "read_bytes",
    "read_path",
]

MAX_BYTES = 20 * 1024 * 1024
"""Largest file read, in bytes: bigger files are refused rather than read into memory."""

_TEXT_READERS: dict[str, Callable[[str, str], list[Draft]]] = {
    "json": read_json,
    "jsonl": read_jsonl,
    "html": read_html,
    "markdown": read_markdown,
    "text": read_text,
}
_ONE_ARTICLE = ("html", "markdown", "text")  # formats whose file name may carry its date


def read_bytes(data: bytes, name: str = "<stdin>") -> list[Draft]:
    """Drafts from the content of one file; `name` gives the origin and an extension hint.
    A draft whose format gave it no date gets one from a dateline or the file name where one
    is found (see `dateline`)."""
    if len(data) > MAX_BYTES:
        raise ReadError(_too_large())
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    kind = detect_format(text, _suffix(name))
    if kind == "feed":
        drafts = read_feed(data, name)
    elif kind == "xml":
        raise ReadError("XML, but not an RSS, Atom or RDF feed")
    else:
        drafts = _TEXT_READERS[kind](text, name)
    return [with_found_date(d, name, kind in _ONE_ARTICLE) for d in drafts]


def read_path(path: Path) -> list[Draft]:
    """Drafts from one file; its size is checked before it is read."""
    try:
        if path.is_dir():
            raise ReadError("is a folder, not a file")
        if path.stat().st_size > MAX_BYTES:
            raise ReadError(_too_large())
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a pipe or growing file can exceed its stat size
    except FileNotFoundError as exc:
        raise ReadError("no such file") from exc
    except PermissionError as exc:
        raise ReadError("permission denied") from exc
    except OSError as exc:
        raise ReadError(f"cannot read the file: {exc.strerror or exc}") from exc
    return read_bytes(data, str(path))


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files to import: folders expanded recursively (sorted, hidden entries skipped).

    Paths that are not folders are yielded as given, even if missing, so that `read_path`
    reports the problem for them.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(folder: Path) -> Iterator[Path]:
    """Regular files under `folder` in sorted order; symlinked folders are not followed."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        base = Path(root)
        found += [base / name for name in files if not name.startswith(".")]
    found = [path for path in found if path.is_file()]
    yield from sorted(found, key=lambda path: path.relative_to(folder).parts)


def _suffix(name: str) -> str:
    return Path(name).suffix.lower() if name and not name.startswith("<") else ""


def _too_large() -> str:
    return f"file is larger than the {_size_text(MAX_BYTES)} limit"


def _size_text(size: int) -> str:
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor and size % factor == 0:
            return f"{size // factor} {unit}"
    return f"{size} bytes"
