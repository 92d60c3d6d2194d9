"""The user's settings: a flat TOML file of `name = "value"` lines in the user config folder.

Read at start and written whole, atomically, when a setting changes. A file that cannot be read
or is not flat TOML of strings is reported on one line and otherwise ignored: a bad settings file
never stops Quadrant.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

from tui.storage.files import write_atomic

APP = "quadrant"
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


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
    """Set one setting, writing the whole file again in one rename. A file that was not valid
    TOML is kept beside it (`settings.toml.damaged-<time>`), not lost. Raises ValueError for a
    bad name, OSError when the file cannot be written."""
    if not _NAME.match(name):
        raise ValueError(f"setting name {name!r}: use letters, digits, - and _ only")
    settings, warning = read_settings()
    path = settings_path()
    if warning and "not valid TOML" in warning:
        os.replace(path, path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}"))
    settings[name] = value
    lines = [f"{_key(key)} = {_toml_string(text)}\n" for key, text in sorted(settings.items())]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "".join(lines).encode("utf-8"))


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
