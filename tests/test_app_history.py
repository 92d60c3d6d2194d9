"""Pilot tests of back and forward across screens (issue #15): back keeps the page it leaves,
forward shows it again with its cursor and scroll, and opening a new page forgets it."""

from __future__ import annotations

from tests.conftest import bundled_data
from tests.pilot import burst, footer_of, running
from tui.storage.store import Store
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.reader import ReaderScreen


def bundled():
    return Store.memory(bundled_data())


def where(screen) -> tuple[int | None, float]:
    """The cursor and the scroll of an item page."""
    page = screen.query_one("#links")
    return page.highlighted, page.scroll_y


async def test_forward_shows_the_page_back_left_as_it_was():
    async with running(bundled()) as pilot:
        await burst(pilot, "/jaishankar")
        await pilot.press("enter", "enter")
        page = pilot.app.screen
        assert isinstance(page, DetailScreen)
        await pilot.press(*"jjjjjjjj")
        left = where(page)
        assert left[1] > 0
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)
        assert "L Forward" in await footer_of(pilot)
        await pilot.press("L")
        await pilot.pause()
        assert pilot.app.screen is page
        assert where(page) == left


async def test_back_and_forward_walk_several_pages_in_order():
    async with running(bundled()) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        lemoa = pilot.app.screen
        pilot.app.open_item("entity", "india")
        await pilot.pause()
        india = pilot.app.screen
        await pilot.press("backspace")
        assert pilot.app.screen is lemoa
        await pilot.press("H")
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("L")
        assert pilot.app.screen is lemoa
        await pilot.press("L")
        assert pilot.app.screen is india
        assert "L Forward" not in await footer_of(pilot)


async def test_opening_a_new_page_forgets_forward():
    async with running(bundled()) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        lemoa = pilot.app.screen
        await pilot.press("escape")
        assert pilot.app.history.forward == [lemoa]
        await burst(pilot, "/beca")
        await pilot.press("enter", "enter")
        assert pilot.app.screen.item.id == "beca"
        assert pilot.app.history.forward == []
        await pilot.pause()
        assert not lemoa.is_attached  # let go, not kept
        await pilot.press("L")
        assert pilot.app.screen.item.id == "beca"


async def test_search_from_a_page_keeps_it_for_forward():
    async with running(bundled()) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        lemoa = pilot.app.screen
        await pilot.press("slash")
        assert isinstance(pilot.app.screen, MainScreen)
        await pilot.press("escape", "L")
        assert pilot.app.screen is lemoa


async def test_the_reader_comes_back_at_its_mention_and_scroll():
    async with running(bundled()) as pilot:
        await pilot.press("1", "enter", *"nnn", "space", "space")
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.pause()
        widget = reader.query_one("#reader")
        left = widget.current, widget.scroll_y
        assert left[1] > 0
        await pilot.press("escape", "L")
        await pilot.pause()
        assert pilot.app.screen is reader
        assert (widget.current, widget.scroll_y) == left


async def test_forward_is_not_typed_into_the_search_bar_nor_offered_without_history():
    async with running(bundled()) as pilot:
        assert "Forward" not in await footer_of(pilot)
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter", "escape")
        await pilot.press("slash", "L")
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.screen.query_one("#search").value.endswith("L")
