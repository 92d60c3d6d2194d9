"""Pilot tests of export from the app (issue #15): `e` on the main screen writes the search's
hits, on a page or in the reader the item; the path is asked for, a file is written over only
when the user says so, and a toast says where it went or why not."""

from __future__ import annotations

import orjson
import pytest
from textual.widgets import Input

from tests.conftest import small_data
from tests.pilot import running
from tui.storage.store import Store
from tui.ui.screens.ask import Confirm
from tui.ui.screens.export import ExportPath
from tui.ui.screens.main import MainScreen


@pytest.fixture(autouse=True)
def _here(tmp_path, monkeypatch):
    """Exports go to the current folder: a temporary one."""
    monkeypatch.chdir(tmp_path)


def toasts(pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def finish(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def path_typed(pilot, text: str) -> None:
    field = pilot.app.screen.query_one("#export-path", Input)
    field.value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_e_on_the_main_screen_exports_the_results_to_the_file_named(tmp_path):
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("slash", *"lemoa", "enter", "e")
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportPath)
        assert dialog.query_one("#export-path", Input).value == "quadrant-lemoa.md"
        await pilot.press("enter")
        await finish(pilot)
        written = (tmp_path / "quadrant-lemoa.md").read_text()
        assert written.startswith("# Briefing: lemoa") and "LEMOA" in written
        assert any(str(tmp_path / "quadrant-lemoa.md") in t for t in toasts(pilot))
        assert isinstance(pilot.app.screen, MainScreen)


async def test_the_ending_picks_the_format(tmp_path):
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("2", "e")
        await path_typed(pilot, "all.jsonl")
        await finish(pilot)
        lines = (tmp_path / "all.jsonl").read_text().splitlines()
        assert len(lines) == 9  # everything: 3 articles, 4 entities, 2 agreements
        assert all(orjson.loads(line)["type"] for line in lines)


async def test_an_item_page_exports_the_item(tmp_path):
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("slash", *"lemoa", "enter", "enter", "e")
        assert pilot.app.screen.query_one("#export-path", Input).value == "lemoa.md"
        await path_typed(pilot, "lemoa.csv")
        await finish(pilot)
        assert (
            (tmp_path / "lemoa.csv").read_text().splitlines()[1].startswith("item,agreement,lemoa")
        )
        assert pilot.app.screen.item.id == "lemoa"  # back on the page


async def test_the_reader_exports_its_article_with_each_mention(tmp_path):
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("1", "enter", "e")
        name = pilot.app.screen.query_one("#export-path", Input).value
        await pilot.press("enter")
        await finish(pilot)
        assert "## Mentions" in (tmp_path / name).read_text()


async def test_a_file_is_written_over_only_when_the_user_says_so(tmp_path):
    (tmp_path / "quadrant-everything.md").write_text("mine")
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("e", "enter")
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("n")
        assert isinstance(pilot.app.screen, ExportPath)  # choose another name, or esc
        await pilot.press("escape")
        await finish(pilot)
        assert (tmp_path / "quadrant-everything.md").read_text() == "mine"
        await pilot.press("e", "enter", "y")
        await finish(pilot)
        assert (tmp_path / "quadrant-everything.md").read_text().startswith("# Briefing")


async def test_a_path_that_cannot_be_written_is_named_in_the_dialog(tmp_path):
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("e")
        await path_typed(pilot, str(tmp_path / "missing" / "a.md"))
        problem = pilot.app.screen.query_one("#export-problem").render()
        assert str(tmp_path / "missing" / "a.md") in str(problem) and "no such folder" in str(
            problem
        )
        await path_typed(pilot, "a.txt")
        assert "neither .md, .csv nor .jsonl" in str(
            pilot.app.screen.query_one("#export-problem").render()
        )


async def test_a_failed_write_says_so_naming_the_path(tmp_path, monkeypatch):
    def full(path, payload):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("tui.export.target.write_atomic", full)
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("e")
        await path_typed(pilot, "a.md")
        await finish(pilot)
        failed = [n for n in pilot.app._notifications if n.severity == "error"]
        assert [n.message for n in failed] == [f"{tmp_path / 'a.md'}: No space left on device"]
        assert not (tmp_path / "a.md").exists()


async def test_export_is_in_the_palette_on_pages():
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("slash", *"lemoa", "enter", "enter")
        commands = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Export this item…" in commands and "Export the results…" in commands
