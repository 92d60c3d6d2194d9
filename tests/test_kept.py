"""Lines given again until a widget is marked dirty (tui/ui/widgets/kept.py): what the screen
shows through kept lines is what it shows when every widget draws afresh, whatever happened
in between; and a widget that did not change is not drawn again."""

from __future__ import annotations

from tests.conftest import bundled_data
from tests.pilot import running
from tui.storage.store import Store
from tui.ui.widgets.kept import KeptFrame
from tui.ui.widgets.pane import Pane


def bundled() -> Store:
    return Store.memory(bundled_data())


def screen_cells(app) -> list[list[tuple[str, str]]]:
    """The whole screen as the compositor makes it: each segment's text and style."""
    strips = app.screen._compositor.render_strips()
    return [[(seg.text, str(seg.style)) for seg in strip] for strip in strips]


def kept_widgets(app) -> list[KeptFrame]:
    screens = [*app.screen_stack]
    return [w for s in screens for w in [s, *s.walk_children()] if isinstance(w, KeptFrame)]


def same_as_afresh(app) -> bool:
    """The screen through the kept lines, then with every kept frame dropped."""
    kept = screen_cells(app)
    for widget in kept_widgets(app):
        widget._kept_frame = None
    return kept == screen_cells(app)


async def test_the_screen_through_kept_lines_is_the_screen_drawn_afresh():
    steps = [
        ("slash", "i", "n"),  # typing: every pane changes
        ("d",),  # some panes change, some not
        ("down",),  # into a pane: focus, footer, cursor
        ("j", "j"),  # the cursor moves
        ("2",),  # another pane takes the focus
        ("G",),  # to its end: it scrolls
        ("slash", "backspace", "backspace", "backspace"),  # cleared: the newest articles
        ("ctrl+p",),  # the palette over the main screen
        ("escape",),
    ]
    async with running(bundled(), size=(100, 30)) as pilot:
        for keys in steps:
            await pilot.press(*keys)
            await pilot.pause()
            assert same_as_afresh(pilot.app), keys
        pilot.app.theme = "textual-light"
        await pilot.pause()
        assert same_as_afresh(pilot.app), "theme"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert same_as_afresh(pilot.app), "resize"
        pilot.app.screen.query_one("#articles", Pane).styles.background = "red"
        await pilot.pause()
        assert same_as_afresh(pilot.app), "a style set in code"


async def test_a_pane_that_did_not_change_is_not_drawn_again(monkeypatch):
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", "h", "e", "g")
        await pilot.pause()
        screen = pilot.app.screen
        panes = list(screen.query(Pane))
        asked: list[str] = []
        real = Pane.paint_line

        def paint_line(self, number, width):
            asked.append(self.id)
            return real(self, number, width)

        monkeypatch.setattr(Pane, "paint_line", paint_line)
        for pane in panes:
            pane.forget_lines()  # no line kept by what it shows: only the frame is left
        before = {pane.id: pane.render_lines(pane.region.reset_offset) for pane in panes}
        for pane in panes:
            pane.forget_lines()
        asked.clear()
        after = {pane.id: pane.render_lines(pane.region.reset_offset) for pane in panes}
        assert asked == [] and after == before
        entities = screen.query_one("#entities", Pane)
        entities.refresh()  # marked dirty: drawn again, and only it
        for pane in panes:
            pane.render_lines(pane.region.reset_offset)
        assert set(asked) == {"entities"}
