"""The personal file on disk: private to its user, read checked, written under its lock.

The folder is made 0700 and the file 0600, whatever the umask: what an analyst notes is theirs
alone on a shared server. A file that is not a personal file is set aside (renamed
`*.damaged-<time>`) for its owner to look at, never emptied in place; one written by a newer
Quadrant is refused and left alone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tui.core.schema import StoreError
from tui.storage.files import create_empty_like, temp_prefix, write_atomic, writing
from tui.storage.lock import database_lock

VERSION = 1  # of the personal file's format
LOCK_TIMEOUT = 10.0
_LISTS = ("bookmarks", "history")
_MAPS = {"notes": "strings", "saved": "strings", "tags": "lists of strings"}


class PersonalError(Exception):
    """A personal file or value that cannot be used; the message names it and the problem."""


class Damaged(Exception):
    """The file is not a personal file; the message says what is wrong with it."""


def empty() -> dict[str, Any]:
    """The content of a personal file with nothing in it yet."""
    return {
        "version": VERSION,
        "notes": {},
        "tags": {},
        "bookmarks": [],
        "saved": {},
        "history": [],
    }


def read(path: Path) -> dict[str, Any]:
    """The personal file's content, checked (Damaged if it is not one); empty when there is
    none yet, or when it was made for a first write that did not happen."""
    import orjson

    try:
        payload = path.read_bytes()
    except FileNotFoundError:
        return empty()
    except OSError as error:
        raise PersonalError(f"{path}: cannot read it ({error.strerror})") from None
    if not payload.strip():
        return empty()
    try:
        raw = orjson.loads(payload)
    except orjson.JSONDecodeError as error:
        raise Damaged(f"not valid JSON: {error}") from None
    return _checked(raw, path)


def write(path: Path, data: dict[str, Any]) -> None:
    """Replace the file with `data` in one rename (hold its lock: see `locked`)."""
    import orjson

    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n"
    try:
        with writing():  # a process told to end lets this finish
            write_atomic(path, payload)
    except OSError as error:
        raise PersonalError(f"{path}: could not write it ({error.strerror})") from None


def _checked(raw: Any, path: Path) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise Damaged("not a JSON object")
    version = raw.get("version", VERSION)
    if isinstance(version, int) and version > VERSION:
        raise PersonalError(
            f"{path}: written by a newer Quadrant (format {version}); upgrade Quadrant to use it"
        )
    data = empty()
    for name in _LISTS:
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Damaged(f"'{name}' must be a list of strings")
        data[name] = value
    for name, shape in _MAPS.items():
        value = raw.get(name, {})
        if not isinstance(value, dict) or not all(_fits(name, v) for v in value.values()):
            raise Damaged(f"'{name}' must be an object of {shape}")
        data[name] = value
    return data


def _fits(name: str, value: Any) -> bool:
    if name == "tags":
        return isinstance(value, list) and all(isinstance(v, str) for v in value)
    return isinstance(value, str)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the personal file's lock (lock.py's, over this file), making the folder and an
    empty file first if need be, both private to the user."""
    make_folder(path.parent)
    _make_file(path)
    try:
        with database_lock(path, str(path), LOCK_TIMEOUT):
            yield
    except StoreError as error:  # held by another process too long, or cannot be made
        raise PersonalError(str(error)) from None


def set_aside(path: Path, problem: str) -> str:
    """Rename a damaged file out of the way, keeping it for its owner; say what was done."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.damaged-{stamp}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.name}.damaged-{stamp}-{number}")
    try:
        os.replace(path, aside)
    except OSError as error:
        return f"{path}: damaged ({problem}); could not set it aside ({error.strerror})"
    return f"{path}: damaged ({problem}); kept as {aside.name}, and a new one is started"


def make_folder(folder: Path) -> None:
    """Make the personal folder, private to the user (0700), if it is not there."""
    if folder.is_dir():
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=0o700)
        os.chmod(folder, 0o700)  # whatever the umask
    except FileExistsError:
        pass  # made by another process meanwhile
    except OSError as error:
        raise PersonalError(f"{folder}: could not make the folder ({error.strerror})") from None


def _make_file(path: Path) -> None:
    """Make an empty personal file, private to the user (0600), if there is none: later
    writes keep its mode."""
    if path.exists():
        return
    try:
        create_empty_like(path, path.parent.stat(), 0o600, temp_prefix(path))
    except FileExistsError:
        pass
    except OSError as error:
        raise PersonalError(f"{path}: could not make the file ({error.strerror})") from None
