"""Snapshots of the screens of issue #15 at 80x24: a page with the user's own note, tags and
bookmark, the bookmarks, the note editor, the export dialog and the copy menu. Review the SVGs in
__snapshots__ when they change."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from tests.conftest import bundled_data
from tests.pilot import ready
from tui.storage.personal import Personal, identity_of
from tui.storage.store import Store
from tui.ui.app import QuadrantApp

SIZE = (80, 24)


@pytest.fixture
def store(tmp_path, monkeypatch) -> Store:
    """The bundled database, with a note, tags and a bookmark of the user's own on LEMOA, in a
    personal folder of this test's own."""
    monkeypatch.setenv("QUADRANT_DATA_DIR", str(tmp_path / "data"))
    store = Store.memory(bundled_data())
    personal = Personal.open(identity_of(store))
    personal.set_note("agreement:lemoa", "Ask the desk whether the annex covers fuel at sea.")
    personal.add_tags("agreement:lemoa", ["to-read", "logistics"])
    personal.set_bookmark("entity:s-jaishankar", True)
    personal.set_bookmark("agreement:lemoa", True)
    return store


def steps(*keys: str):
    """A `run_before`: the app ready (its own layer read too), then `keys`, then still."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        await pilot.press(*keys)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        for field in pilot.app.screen.query("Input, TextArea"):
            if isinstance(field, Input | TextArea):
                field.cursor_blink = False  # a blinking cursor would make the picture flaky
        await pilot.pause()

    return run_before


def test_page_with_your_own(snap_compare, store):
    run_before = steps("slash", *"lemoa", "enter", "enter", *"jjjjjj")
    assert snap_compare(QuadrantApp(store), terminal_size=SIZE, run_before=run_before)


def test_bookmarks(snap_compare, store):
    assert snap_compare(QuadrantApp(store), terminal_size=SIZE, run_before=steps("B"))


def test_note_editor(snap_compare, store):
    run_before = steps("slash", *"lemoa", "enter", "enter", "w")
    assert snap_compare(QuadrantApp(store), terminal_size=SIZE, run_before=run_before)


def test_export_dialog(snap_compare, store):
    run_before = steps("slash", *"quad", "enter", "e")
    assert snap_compare(QuadrantApp(store), terminal_size=SIZE, run_before=run_before)


def test_copy_menu(snap_compare, store):
    run_before = steps("slash", *"lemoa", "enter", "enter", "y")
    assert snap_compare(QuadrantApp(store), terminal_size=SIZE, run_before=run_before)
