"""The database's lock file, made so that every user who may write the database can take it.

Made beside the database with the database's group, and read and write for every class of user
that may write the database: on a shared server (a team folder, a group-writable database) a
colleague's write takes the lock a first writer made. A lock file this user cannot open (made by
an older version, with the umask's mode) is refused with a message saying what to run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.core.schema import StoreError
from tui.storage.files import create_empty_like, take_group, temp_prefix


@contextmanager
def database_lock(database: Path, name: str, timeout: float) -> Iterator[None]:
    """Hold `database`'s lock file. filelock is imported here, at the first write, because its
    import costs more than the rest of the store (and the app paints before any)."""
    from filelock import FileLock

    found = _stat(database)
    path = Path(str(database) + ".lock")
    mode = lock_mode(found.st_mode)
    if not path.exists():
        _make_lock_file(path, database, found, mode)
    elif not os.access(path, os.R_OK | os.W_OK):
        raise StoreError(_lock_refused(path, mode))
    lock = FileLock(str(path), timeout=timeout, mode=mode)  # its owner mends its mode
    try:
        lock.acquire()
    except PermissionError:
        raise StoreError(_lock_refused(path, mode)) from None
    except TimeoutError:  # filelock.Timeout is a TimeoutError
        raise StoreError(f"{name}: another process holds the lock; try again") from None
    try:
        take_group(path, found)
        yield
    finally:
        lock.release()


def _make_lock_file(path: Path, database: Path, found: os.stat_result, mode: int) -> None:
    """Make the lock file whole, group and mode included, before anyone can open it."""
    try:
        create_empty_like(path, found, mode, temp_prefix(database))
    except (FileExistsError, FileNotFoundError):
        pass  # made by another process meanwhile (or its temporary file tidied away)
    except OSError as error:
        raise StoreError(f"{path}: could not make the lock file ({error.strerror})") from None


def _stat(database: Path) -> os.stat_result:
    try:
        return database.stat()
    except OSError as error:
        raise StoreError(f"{database}: cannot write it ({error.strerror})") from None


def lock_mode(database_mode: int) -> int:
    """The lock file's mode: read and write for every class (owner, group, others) that may
    write the database (filelock opens it for both), and for its owner, who makes it."""
    writers = database_mode & 0o222
    return (database_mode & 0o666) | writers | writers << 1 | 0o600


def _lock_refused(path: Path, mode: int) -> str:
    """What to do about a lock file this user cannot open: another user made it, with a mode
    that leaves them out (a version before lock files took the database's mode did that)."""
    import stat

    try:
        import pwd

        found = path.stat()
        owner = pwd.getpwuid(found.st_uid).pw_name
    except (ImportError, OSError, KeyError):
        return f"{path}: cannot open the lock file (permission denied)"
    return (
        f"{path}: cannot open the lock file ({stat.filemode(found.st_mode)}, owner {owner}), "
        f"so you cannot write the database; ask {owner} to run `chmod {mode:o} {path}` (a "
        "write of theirs mends it too), or delete it while no one is writing (it is made "
        "again with the database's group and mode)"
    )
