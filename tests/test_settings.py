"""The user's settings file (tui/storage/settings.py): flat TOML, written whole, a bad one
reported on one line and never fatal."""

from __future__ import annotations

import tomllib

import pytest

from tui.storage.personal import read_settings, settings_path, write_setting


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
