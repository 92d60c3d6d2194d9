"""Pilot tests of settings that stay (issue #15): the theme chosen in the app is written to the
user's settings file (in a worker) and applied at the next start; a bad file is reported once
as a toast and ignored."""

from __future__ import annotations

import pytest

from tests.conftest import small_data
from tests.pilot import running
from tui.storage.settings import read_settings, settings_path
from tui.storage.store import Store


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    """Each test its own settings file: never the user's, nor another test's."""
    monkeypatch.setenv("QUADRANT_CONFIG_DIR", str(tmp_path / "config"))


def warnings(pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications if n.severity == "warning"]


async def test_a_theme_chosen_is_kept_and_comes_back_at_the_next_start():
    async with running(Store.memory(small_data())) as pilot:
        pilot.app.theme = "nord"
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        assert read_settings() == ({"theme": "nord"}, None)
    async with running(Store.memory(small_data())) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.theme == "nord"
        assert warnings(pilot) == []


async def test_a_bad_settings_file_is_reported_once_and_ignored():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text("theme = [unclosed\n")
    async with running(Store.memory(small_data())) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.theme == "textual-dark"
        (warning,) = warnings(pilot)
        assert str(settings_path()) in warning and "not valid TOML" in warning


async def test_a_theme_quadrant_does_not_know_is_named_and_ignored():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('theme = "no-such-theme"\n')
    async with running(Store.memory(small_data())) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert pilot.app.theme == "textual-dark"
        assert warnings(pilot) == [
            f"{settings_path()}: no theme is called 'no-such-theme'; ignored"
        ]


async def test_a_settings_file_that_cannot_be_written_says_so_and_the_app_goes_on(
    tmp_path, monkeypatch
):
    def refused(name, value):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("tui.ui.settings.write_setting", refused)
    async with running(Store.memory(small_data())) as pilot:
        pilot.app.theme = "nord"
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert warnings(pilot) == [
            f"{settings_path()}: Read-only file system; the theme is not kept"
        ]
        assert pilot.app.theme == "nord"


async def test_other_settings_in_the_file_are_kept_when_the_theme_is_written():
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('pager = "less"\n')
    async with running(Store.memory(small_data())) as pilot:
        await pilot.app.workers.wait_for_complete()
        pilot.app.theme = "gruvbox"
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    assert read_settings() == ({"pager": "less", "theme": "gruvbox"}, None)
