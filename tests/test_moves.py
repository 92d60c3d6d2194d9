"""The compositor's cursor moves made once for each place (ui/moves.py): frames written the same."""

from __future__ import annotations

from rich.console import Console
from rich.control import Control
from textual import _compositor

from tests.pilot import running
from tests.test_app import bundled
from tui.ui import moves


def test_a_move_is_rich_s_move_made_once():
    assert moves.CachedControl.move_to(7, 3).segment.text == Control.move_to(7, 3).segment.text
    assert moves.CachedControl.move_to(7, 3) is moves.CachedControl.move_to(7, 3)
    assert moves.CachedControl.move_to(3, 7).segment.text == "\x1b[8;4H"


async def test_a_frame_is_written_the_same_with_the_moves_cached(monkeypatch):
    """The app gives Textual's compositor the cached moves; a frame rendered with them is the
    one rendered with Rich's own."""
    async with running(bundled(), size=(100, 30)) as pilot:
        assert _compositor.Control is moves.CachedControl
        await pilot.press("slash", *"quad")
        await pilot.pause()
        compositor = pilot.app.screen._compositor
        console = Console(color_system="256", force_terminal=True)
        compositor._dirty_regions.add(pilot.app.screen.region)
        update = compositor.render_partial_update()
        cached = update.render_segments(console)
        monkeypatch.setattr(_compositor, "Control", Control)
        assert update.render_segments(console) == cached
        assert cached.count("\x1b[") > 100  # a whole screen: moves and styles


def test_another_textual_is_left_as_it_is(monkeypatch):
    """A compositor that does not name Rich's Control is not touched."""
    monkeypatch.delattr(_compositor, "Control")
    assert not moves.cache()
    assert not hasattr(_compositor, "Control")
