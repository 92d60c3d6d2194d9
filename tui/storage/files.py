"""Files that are never half-written: write beside, fsync, then rename (or link) into place.

On a shared server the files written here stay usable by the people they were shared with: a new
file follows the umask (and a folder's default ACL) like any Unix tool, a file written over an
existing one keeps its group and mode, and a lock file beside a database takes the database's
group and the permissions of whoever may write it. A sticky folder (chmod +t), where only a
file's owner may replace it, is named as the reason a write was refused.
"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

TEMP_PREFIX = ".quadrant-tmp-"

_quiet = threading.Condition()  # notified when the last write under way ends
_under_way = 0
_refused = False  # the process is ending: no write may start


@contextmanager
def writing() -> Iterator[None]:
    """Mark a database write under way, so that a process told to end (its terminal gone)
    lets it finish first: see `wait_for_writes`."""
    global _under_way
    with _quiet:
        if _refused:
            raise InterruptedError(errno.EINTR, "the program is ending; nothing more is written")
        _under_way += 1
    try:
        yield
    finally:
        with _quiet:
            _under_way -= 1
            _quiet.notify_all()


def refuse_writes() -> None:
    """No write may start from now on (the process is ending): `writing` raises."""
    global _refused
    with _quiet:
        _refused = True


def wait_for_writes(timeout: float) -> bool:
    """Wait until no write is under way in this process; False if one still is at `timeout`."""
    with _quiet:
        return _quiet.wait_for(lambda: _under_way == 0, timeout)


def temp_prefix(path: Path) -> str:
    """Temporary files carry their database's name, so cleaning up after one database never
    touches a write in progress to another in the same folder."""
    return f"{TEMP_PREFIX}{path.name}-"


def _write_beside(path: Path, payload: bytes, publish, like: os.stat_result | None) -> None:
    """Write `payload` to a temporary file beside `path`, fsync it, then `publish(tmp, path)`.
    The file takes the group and mode of `like`, or, with no `like`, the mode the umask gives a
    new file. Whatever happens, no temporary file is left behind."""
    fd, tmp = _open_temp(path.parent, temp_prefix(path), NEW_FILE if like is None else 0o600)
    try:
        if like is not None:
            _take_group_and_mode(fd, like)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        publish(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
    _fsync_dir(path.parent)


def write_atomic(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` in one rename: readers see the old file or the new one.
    The new file keeps the old one's group and mode; where there was none, the umask decides."""
    _write_beside(path, payload, _replace, _stat_or_none(path))


def create_exclusive(path: Path, payload: bytes) -> None:
    """Write a complete new file at `path`, failing if one appears there meanwhile."""
    _write_beside(path, payload, os.link, None)  # a hard link never replaces an existing file


def create_empty_like(path: Path, like: os.stat_result, mode: int, prefix: str) -> None:
    """Make an empty file at `path` with `like`'s group and exactly `mode` (the umask aside),
    so that no one ever sees it with other permissions: it is made under a temporary name
    starting with `prefix` and linked into place. FileExistsError if `path` exists."""
    fd, tmp = _open_temp(path.parent, prefix, 0o600)
    try:
        _take_group_and_mode(fd, like, mode)
        os.close(fd)
        os.link(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def take_group(path: Path, like: os.stat_result) -> None:
    """Give `path` the group of `like` if this user owns it and belongs to that group; a file
    is otherwise made in its maker's group, which the rest of a team may not be in."""
    try:
        current = path.stat()
        if current.st_gid != like.st_gid and current.st_uid == os.geteuid():
            os.chown(path, -1, like.st_gid)
    except (PermissionError, FileNotFoundError):
        pass  # not a member of that group (only its mode can share it), or gone meanwhile


NEW_FILE = 0o666  # as any Unix tool creates a file: the umask and a default ACL take from it


def _open_temp(folder: Path, prefix: str, mode: int) -> tuple[int, str]:
    """Create and open a new file in `folder` with `mode`, less the umask (which
    tempfile.mkstemp would not let through: it always makes 0600)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        name = str(folder / f"{prefix}{os.urandom(6).hex()}")
        try:
            return os.open(name, flags, mode), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(folder))


def _take_group_and_mode(fd: int, like: os.stat_result, mode: int | None = None) -> None:
    """Give the open file `like`'s group where this user may (a member of that group may give
    a file of theirs to it), then `mode`, or else `like`'s mode. Closes `fd` if that fails."""
    try:
        if os.fstat(fd).st_gid != like.st_gid:
            try:
                os.fchown(fd, -1, like.st_gid)
            except PermissionError:
                pass  # not a member of that group: its mode is all that can share the file
        os.fchmod(fd, (like.st_mode if mode is None else mode) & 0o777)
    except OSError:
        os.close(fd)
        raise


def _replace(tmp: str, path: Path) -> None:
    """`os.replace`, saying why when a sticky folder (chmod +t) forbids it: there only the
    owner of a file, or of the folder, may replace it, so a team cannot write one database."""
    try:
        os.replace(tmp, path)
    except PermissionError as error:
        reason = _sticky_reason(path)
        if reason is None:
            raise
        raise PermissionError(error.errno, reason, str(path)) from None


def _sticky_reason(path: Path) -> str | None:
    """Why a sticky folder refuses this user the replacing of `path`, or None if it does not."""
    import stat

    try:
        folder, found = path.parent.stat(), path.stat()
    except OSError:
        return None
    me = os.geteuid() if hasattr(os, "geteuid") else None  # no owners to compare on Windows
    if me is None or not folder.st_mode & stat.S_ISVTX or me in (found.st_uid, folder.st_uid):
        return None
    return (
        f"the folder is sticky: only {_user(found.st_uid)}, who owns the file, may replace it; "
        f"a team's database needs `chmod -t {path.parent}`"
    )


def _user(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"user {uid}"


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


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
