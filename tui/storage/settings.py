"""The user's settings: a flat TOML file of `name = "value"` lines in the user config folder.

Read at start and written whole, atomically, when a setting changes. A file that cannot be read
or is not flat TOML of strings is reported on one line and otherwise ignored: a bad settings file
never stops Quadrant.
"""

from __future__ import annotations

import errno
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tui.storage.files import write_atomic

APP = "quadrant"
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")
LOCK_SECONDS = 10.0  # another process writing the settings is waited for this long


def settings_path() -> Path:
    """`$QUADRANT_CONFIG_DIR/settings.toml`, else `settings.toml` in the user config folder."""
    import platformdirs

    base = os.environ.get("QUADRANT_CONFIG_DIR")
    return (Path(base) if base else platformdirs.user_config_path(APP)) / "settings.toml"


def read_settings() -> tuple[dict[str, str], str | None]:
    """The settings, and a one-line warning when the file could not be used (then none)."""
    import tomllib

    path = settings_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, UnicodeDecodeError) as error:
        return {}, f"{path}: cannot read it ({getattr(error, 'strerror', None) or error}); ignored"
    except tomllib.TOMLDecodeError as error:
        return {}, f"{path}: not valid TOML ({error}); ignored"
    settings = {k: v for k, v in raw.items() if isinstance(v, str)}
    odd = sorted(set(raw) - set(settings))
    warning = f"{path}: {', '.join(odd)}: not a string; ignored" if odd else None
    return settings, warning


def write_setting(name: str, value: str) -> None:
    """Set one setting, writing the whole file again in one rename, under the settings' lock
    (`_locked`). A file that was not valid TOML is kept beside it
    (`settings.toml.damaged-<time>`), not lost. Raises ValueError for a bad name, OSError
    when the file cannot be written or another process holds the lock too long."""
    if not _NAME.match(name):
        raise ValueError(f"setting name {name!r}: use letters, digits, - and _ only")
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        settings, warning = read_settings()
        if warning and "not valid TOML" in warning:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            os.replace(path, path.with_name(f"{path.name}.damaged-{stamp}"))
        settings[name] = value
        lines = [f"{_key(key)} = {_toml_string(text)}\n" for key, text in sorted(settings.items())]
        write_atomic(path, "".join(lines).encode("utf-8"))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold the settings' lock file, `settings.toml.lock`, the user's alone: two writers
    setting at once (two Quadrants of one user, each changing a setting on a worker thread)
    each wrote the file as they had read it, and the first one's setting was lost."""
    from filelock import FileLock, Timeout

    lock = FileLock(f"{path}.lock", timeout=LOCK_SECONDS, mode=0o600)
    try:
        lock.acquire()
    except Timeout:
        raise OSError(errno.EAGAIN, "another process is writing the settings; try again") from None
    try:
        yield
    finally:
        lock.release()


def _key(name: str) -> str:
    return name if _NAME.match(name) else _toml_string(name)


def _toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append({"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(char, f"\\u{ord(char):04X}"))
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
