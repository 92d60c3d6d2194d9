"""Where an export from the app goes: a file name to start from, the format its ending names,
what is wrong with a path before anything is written, and the write itself (whole or nothing).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from tui.storage.files import write_atomic

SUFFIXES = {
    ".md": "md",
    ".markdown": "md",
    ".csv": "csv",
    ".jsonl": "json",
    ".ndjson": "json",
    ".json": "json",
}
FORMAT_NAMES = {"md": "Markdown", "csv": "CSV", "json": "JSON lines"}
_NOT_IN_NAME = re.compile(r"[^a-z0-9]+")
MAX_STEM = 48


def file_name(subject: str, fmt: str = "md") -> str:
    """A file name for `subject` (a query, an item id): lower case, letters, digits and
    dashes only, so that it is a safe name on any system and needs no quoting."""
    stem = _NOT_IN_NAME.sub("-", subject.lower()).strip("-")[:MAX_STEM].strip("-")
    suffix = next(s for s, f in SUFFIXES.items() if f == fmt)
    return f"{stem or 'quadrant'}{suffix}"


def format_of(path: Path) -> str | None:
    """The format a file name's ending asks for, or None."""
    return SUFFIXES.get(path.suffix.lower())


def resolve(text: str, folder: Path | None = None) -> Path:
    """A path as typed: `~` expanded, relative to `folder` (the current folder)."""
    path = Path(os.path.expanduser(text.strip()))
    return path if path.is_absolute() else (folder or Path.cwd()) / path


def problem(path: Path, database: Path | None = None) -> str | None:
    """Why `path` cannot be written, or None: a folder, a missing folder, the database."""
    try:
        if path.is_dir():
            return "is a folder: give the name of a file"
        if format_of(path) is None:
            return "ends in neither .md, .csv nor .jsonl"
        if not path.parent.is_dir():
            return f"no such folder as {path.parent}"
        if database is not None and path.exists() and path.samefile(database):
            return "is the database: not writing over it"
    except OSError as error:
        return error.strerror or str(error)
    return None


def write(path: Path, text: str) -> None:
    """Write the export whole or not at all (a file beside, renamed into place), as the
    database is written; a file written over keeps its mode."""
    write_atomic(path, text.encode("utf-8"))
