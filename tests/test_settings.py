"""The user's settings file (tui/storage/settings.py): flat TOML, written whole, a bad one
reported on one line and never fatal."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tui.storage import settings as settings_module
from tui.storage.personal import read_settings, settings_path, write_setting

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _config(tmp_path, monkeypatch):
    monkeypatch.setenv("QUADRANT_CONFIG_DIR", str(tmp_path / "config"))


def test_no_file_is_no_settings_and_no_warning(tmp_path):
    assert settings_path() == tmp_path / "config" / "settings.toml"
    assert read_settings() == ({}, None)


def test_settings_are_written_and_read_back_escaped():
    awkward = 'a "quoted" \\ back\nslash\ttab\x1b'
    write_setting("theme", "nord")
    write_setting("odd", awkward)
    write_setting("theme", "gruvbox")
    assert read_settings() == ({"odd": awkward, "theme": "gruvbox"}, None)
    assert tomllib.loads(settings_path().read_text()) == {"odd": awkward, "theme": "gruvbox"}


def test_a_bad_file_is_reported_on_one_line_and_ignored():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("theme = nord\n")
    settings, warning = read_settings()
    assert settings == {}
    assert warning is not None and "\n" not in warning
    assert warning.startswith(f"{settings_path()}: not valid TOML")


def test_values_that_are_not_strings_are_named_and_ignored():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('theme = "nord"\ncolumns = 3\n')
    assert read_settings() == (
        {"theme": "nord"},
        f"{settings_path()}: columns: not a string; ignored",
    )


def test_writing_over_a_bad_file_keeps_it_aside():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("theme = nord\n")
    write_setting("theme", "nord")
    assert read_settings() == ({"theme": "nord"}, None)
    kept = list(settings_path().parent.glob("settings.toml.damaged-*"))
    assert [p.read_text() for p in kept] == ["theme = nord\n"]


def test_a_bad_setting_name_is_refused():
    with pytest.raises(ValueError, match="setting name 'a b'"):
        write_setting("a b", "x")


_WRITER = """
import sys
from tui.storage.settings import write_setting
for number in range(int(sys.argv[2])):
    write_setting(f"{sys.argv[1]}-{number}", str(number))
"""


def test_two_processes_setting_at_once_lose_nothing(tmp_path):
    """Each write reads the file and writes it whole: without the lock, two processes writing
    at once each wrote what they had read, and the other's settings were lost."""
    script = tmp_path / "writer.py"
    script.write_text(_WRITER)
    env = {**os.environ, "QUADRANT_CONFIG_DIR": str(tmp_path / "config"), "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen([sys.executable, str(script), who, "40"], env=env, cwd=ROOT)
        for who in ("first", "second")
    ]
    assert [writer.wait(timeout=60) for writer in writers] == [0, 0]
    settings, warning = read_settings()
    assert warning is None
    assert settings == {f"{who}-{n}": str(n) for who in ("first", "second") for n in range(40)}


def test_a_lock_held_too_long_is_an_error_that_says_so(monkeypatch):
    """Another process holding the lock past LOCK_SECONDS: an OSError, which the app reports
    (tui/ui/settings.py), and the file as it was."""
    from filelock import FileLock

    write_setting("theme", "nord")
    monkeypatch.setattr(settings_module, "LOCK_SECONDS", 0.1)
    with FileLock(f"{settings_path()}.lock"), pytest.raises(OSError) as raised:
        write_setting("theme", "gruvbox")
    assert raised.value.strerror == "another process is writing the settings; try again"
    assert read_settings() == ({"theme": "nord"}, None)
