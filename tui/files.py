"""Files that are never half-written: write beside, fsync, then rename (or link) into place."""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".quadrant-tmp-"

_quiet = threading.Condition()  # notified when the last write under way ends
_under_way = 0


@contextmanager
def writing() -> Iterator[None]:
    """Mark a database write under way, so that a process told to end (its terminal gone)
    lets it finish first: see `wait_for_writes`."""
    global _under_way
    with _quiet:
        _under_way += 1
    try:
        yield
    finally:
        with _quiet:
            _under_way -= 1
            _quiet.notify_all()


def wait_for_writes(timeout: float) -> bool:
    """Wait until no write is under way in this process; False if one still is at `timeout`."""
    with _quiet:
        return _quiet.wait_for(lambda: _under_way == 0, timeout)


def temp_prefix(path: Path) -> str:
    """Temporary files carry their database's name, so cleaning up after one database never
    touches a write in progress to another in the same folder."""
    return f"{TEMP_PREFIX}{path.name}-"


def _write_beside(path: Path, payload: bytes, publish) -> None:
    """Write `payload` to a temporary file beside `path`, fsync it, then `publish(tmp, path)`.
    Whatever happens, no temporary file is left behind."""
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path), dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        publish(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    _fsync_dir(path.parent)


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` in one rename: readers see the old file or the new one."""

    def replace(tmp: str, target: Path) -> None:
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)

    _write_beside(path, payload, replace)


def create_exclusive(path: Path, payload: bytes) -> None:
    """Write a complete new file at `path`, failing if one appears there meanwhile."""
    _write_beside(path, payload, os.link)  # a hard link never replaces an existing file


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # some filesystems cannot open a directory; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass  # fsync on a directory is advisory where unsupported
    finally:
        os.close(fd)
