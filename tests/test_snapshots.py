"""Snapshots of the main screens at 80x24. Review the SVGs in __snapshots__ when they change."""

from __future__ import annotations

from tests.conftest import bundled_data
from tests.pilot import burst, ready
from tui.storage.store import Store
from tui.ui.app import QuadrantApp

SIZE = (80, 24)


def app() -> QuadrantApp:
    return QuadrantApp(Store.memory(bundled_data()))


def typed(text: str, *keys: str):
    """A `run_before` that types `text` once the app is ready, as a burst of keys (see
    `pilot.burst`), then presses `keys`."""

    async def run_before(pilot) -> None:
        await ready(pilot)
        await burst(pilot, text)
        await pilot.press(*keys)

    return run_before


def test_main_screen(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=ready)


def test_main_screen_searching(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=typed("/quad"))


def test_reader(snap_compare):
    assert snap_compare(
        app(), terminal_size=SIZE, run_before=ready, press=["1", "enter", "n", "n", "n", "n"]
    )


def test_entity_page(snap_compare):
    assert snap_compare(
        app(), terminal_size=SIZE, run_before=typed("/jaishankar", "enter", "enter")
    )


def test_agreement_page(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=typed("/lemoa", "enter", "enter"))


def test_help(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=ready, press=["question_mark"])


def test_wide_main_screen_with_preview(snap_compare):
    assert snap_compare(app(), terminal_size=(130, 30), run_before=ready, press=["3", "j"])


def test_main_screen_read_only(snap_compare):
    store = Store.memory(bundled_data())
    store.read_only = True
    assert snap_compare(QuadrantApp(store), terminal_size=SIZE, run_before=ready)


def test_no_matches(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=typed("/zzqx"))


def test_entity_page_at_40x12_scrolled(snap_compare):
    assert snap_compare(
        app(),
        terminal_size=(40, 12),
        run_before=typed("/jaishankar", "enter", "enter", *"jjjjjj"),
    )


async def _import_dialog(pilot) -> None:
    from textual.widgets import Input

    await ready(pilot)
    await pilot.press("i")
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False  # a blinking cursor would make the picture flaky
    await pilot.pause()


def test_import_dialog(snap_compare):
    assert snap_compare(app(), terminal_size=SIZE, run_before=_import_dialog)


async def _answered(pilot) -> None:
    """Wait for the screen's thread to answer."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause(0.2)


def test_connections(snap_compare):
    async def run_before(pilot):
        await typed("/jaishankar", "enter", "enter", "c")(pilot)
        await burst(pilot, "hegseth")
        await pilot.press("enter")
        await _answered(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)


def test_timeline(snap_compare):
    async def run_before(pilot):
        await typed("/party:india party:us signed:2016..2020", "enter", "t")(pilot)
        await _answered(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)


def test_main_screen_in_ascii(snap_compare):
    """`--ascii`, or a terminal without UTF-8: every line and mark in ASCII (#17)."""
    from tui.ui.look import Look

    ascii_app = QuadrantApp(Store.memory(bundled_data()), look=Look(ascii_only=True))
    assert snap_compare(ascii_app, terminal_size=SIZE, run_before=typed("/quad", "down"))


def test_main_screen_in_the_terminals_own_colours(snap_compare):
    """The ansi-dark theme, the start on a terminal of 16 colours (#17); the picture maps the
    16 colours through Textual's own palette for them."""

    async def run_before(pilot) -> None:
        pilot.app.theme = "ansi-dark"
        await typed("/quad", "down")(pilot)

    assert snap_compare(app(), terminal_size=SIZE, run_before=run_before)
