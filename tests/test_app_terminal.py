"""The app on terminals that cannot show everything (#17): in ASCII mode nothing but ASCII is
drawn on any screen; on a terminal of 16 colours it starts in the terminal's own colours, and
the theme the user chose still wins and is kept."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from tests.conftest import bundled_data
from tests.pilot import burst, ready
from tui.storage.settings import read_settings, settings_path
from tui.storage.store import Store
from tui.ui import glyphs
from tui.ui.app import QuadrantApp
from tui.ui.look import Look
from tui.ui.themes import in_picker_order, starting_theme

ACCENTED = "Zürich – the “Quad” · São Paulo… 中文 naïve"  # marks, accents, two wide characters


@pytest.fixture(autouse=True)
def _own_config(tmp_path, monkeypatch):
    monkeypatch.setenv("QUADRANT_CONFIG_DIR", str(tmp_path / "config"))


def data_with_accents() -> dict:
    data = bundled_data()
    entity = data["entities"]["1"]
    entity["name"], entity["description"] = ACCENTED, ACCENTED
    return data


def screen_text(app) -> str:
    """The screen as drawn: every cell of every line."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def not_ascii(text: str) -> set[str]:
    return {char for char in text if not char.isascii()}


@pytest.mark.slow
async def test_every_screen_is_ascii_only_in_ascii_mode():
    app = QuadrantApp(Store.memory(data_with_accents()), look=Look(ascii_only=True))
    seen = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        seen["main"] = screen_text(app)
        await burst(pilot, "/zurich")
        await pilot.pause(0.3)
        seen["search"] = screen_text(app)
        await pilot.press("enter", "2", "enter")
        await pilot.pause(0.3)
        seen["item page"] = screen_text(app)
        await pilot.press("escape", "1", "enter", "n")
        await pilot.pause(0.3)
        seen["reader"] = screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        seen["help"] = screen_text(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause(0.3)
        seen["palette"] = screen_text(app)
        app.notify("Exported 3 → /tmp/a.md …", title="Done …")
        await pilot.pause()
        toasts = [(n.title, n.message) for n in app._notifications]
    assert {name: not_ascii(text) for name, text in seen.items()} == dict.fromkeys(seen, set())
    assert 'Zurich - the "Quad" | Sao Paulo... ???? naive' in seen["item page"]
    assert "+-" in seen["main"] and "|" in seen["main"]  # borders, not blanks
    assert "Search for commands..." in seen["palette"]
    assert ("Done ...", "Exported 3 -> /tmp/a.md ...") in toasts


@pytest.mark.slow
async def test_the_same_screens_in_unicode_after_an_ascii_app():
    """The glyph table is chosen per app: tests (and serve) run both in one process."""
    async with QuadrantApp(Store.memory(bundled_data()), look=Look(ascii_only=True)).run_test():
        pass
    app = QuadrantApp(Store.memory(data_with_accents()))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await burst(pilot, "/zurich")
        await pilot.pause(0.3)
        text = screen_text(app)
    assert "╭" in text and ACCENTED[:15] in text


def test_cells_keep_their_width():
    glyphs.use(True)
    try:
        for text in (ACCENTED, "╭─┏━┓│┃╯▁▂▇█▊▎ ⏎ ↑ ● ▶ 🔎", "e\u0301t\u00e9"):
            drawn = glyphs.cells(text)
            assert drawn.isascii() and cell_len(drawn) == cell_len(text), text
        assert glyphs.cells("╭─┏━┓│┃") == "+-+=+||"
    finally:
        glyphs.use(False)


def test_folding_moves_the_highlights_with_their_letters():
    glyphs.use(True)
    try:
        text = "São Paulo… and Zürich"
        folded, spans = glyphs.fold_spans(text, [(0, 3), (15, 21)])
        assert folded == "Sao Paulo... and Zurich"
        assert [folded[s:e] for s, e in spans] == ["Sao", "Zurich"]
    finally:
        glyphs.use(False)
    assert glyphs.fold(text) == text  # Unicode mode: as it is


def test_16_colours_start_in_the_terminals_own_colours():
    assert starting_theme("standard") == "ansi-dark"
    assert starting_theme("windows") == "ansi-dark"
    assert starting_theme("256") is None
    assert starting_theme("truecolor") is None
    assert starting_theme("standard", no_color=True) is None  # it would lose its cursor


def test_the_picker_offers_the_ansi_themes_first():
    app = QuadrantApp(Store.memory(bundled_data()))
    names = [theme.name for theme in in_picker_order(app.available_themes)]
    assert names[:2] == ["ansi-dark", "ansi-light"]
    assert names[2:] == sorted(names[2:])


def _sixteen_colours(monkeypatch):
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TEXTUAL_COLOR_SYSTEM", "auto")


@pytest.mark.slow
async def test_term_linux_starts_in_ansi_and_a_choice_there_is_kept(monkeypatch):
    _sixteen_colours(monkeypatch)
    look = Look(follow_colours=True)
    app = QuadrantApp(Store.memory(bundled_data()), look=look)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, settle=False)
        assert app.theme == "ansi-dark"
        app.theme = "textual-dark"  # Textual's default, chosen over the terminal's own
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert read_settings() == ({"theme": "textual-dark"}, None)
    app = QuadrantApp(Store.memory(bundled_data()), look=look)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, settle=False)
        assert app.theme == "textual-dark"


async def test_a_theme_in_the_settings_wins_over_the_16_colour_default(monkeypatch):
    _sixteen_colours(monkeypatch)
    settings_path().parent.mkdir(parents=True)
    settings_path().write_text('theme = "nord"\n')
    app = QuadrantApp(Store.memory(bundled_data()), look=Look(follow_colours=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.theme == "nord"


async def test_with_no_color_the_other_panes_cursor_stands_out(monkeypatch):
    """NO_COLOR draws greys: an unfocused pane's cursor row must still be told from its
    other rows (a blend came out two greys from the background: found by hand over SSH)."""
    from tui.ui.widgets.pane import Pane

    monkeypatch.setenv("NO_COLOR", "1")
    app = QuadrantApp(Store.memory(bundled_data()))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, settle=False)
        await pilot.press("slash", *"quad")
        await pilot.pause()
        for pane in app.screen.query(Pane):
            assert pane.highlighted == 0 and not pane.has_focus
            lines = pane.render_lines(pane.region.reset_offset)
            cursor, other = lines[1], lines[3]  # the first row's first line; the second's

            def grey(line):
                styles = [segment.style for segment in line for _ in segment.text]
                red, green, blue = styles[2].bgcolor.get_truecolor()  # past border and padding
                assert red == green == blue  # NO_COLOR: greys only
                return red

            assert abs(grey(cursor) - grey(other)) >= 40, pane.id


async def test_with_no_color_an_unfocused_list_s_cursor_stands_out(monkeypatch):
    """The same for every list: a picker's list shows its choice while the focus is in the
    text typed above it, and a page's list keeps its place while the focus is elsewhere."""
    from textual.screen import Screen
    from textual.widgets import Input, OptionList

    class Probe(Screen):
        def compose(self):
            yield Input()
            yield OptionList("first", "second", "third")

    monkeypatch.setenv("NO_COLOR", "1")
    app = QuadrantApp(Store.memory(bundled_data()))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, settle=False)
        await app.push_screen(Probe())
        await pilot.pause()
        options = app.screen.query_one(OptionList)
        options.highlighted = 0
        app.screen.query_one(Input).focus()
        await pilot.pause()
        lines = options.render_lines(options.region.reset_offset)
        top = options.styles.gutter.top

        def grey(line):
            styles = [segment.style for segment in line for _ in segment.text]
            red, green, blue = styles[3].bgcolor.get_truecolor()  # past border and padding
            assert red == green == blue
            return red

        assert abs(grey(lines[top]) - grey(lines[top + 1])) >= 40


async def test_with_no_color_a_scroll_thumb_stands_out(monkeypatch):
    """NO_COLOR: a long list's thumb must be told from its track (it was grey 235 on black,
    found by hand over SSH), in a pane (framing.py draws it) as in any Textual list."""
    from tui.ui.widgets.pane import Pane

    monkeypatch.setenv("NO_COLOR", "1")
    app = QuadrantApp(Store.memory(bundled_data()))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, settle=False)
        pane = app.screen.query_one("#entities", Pane)
        assert len(pane._shown) > pane.scrollable_content_region.height  # a thumb and a track
        column = pane._thumb_column()
        lines = pane.render_lines(pane.region.reset_offset)
        greys = set()
        for line in lines[1:-1]:
            cell = [segment for segment in line for _ in segment.text][column]
            style = cell.style
            color = style.color if style.reverse else style.bgcolor  # the thumb is reversed
            red, green, blue = color.get_truecolor()
            assert red == green == blue  # NO_COLOR: greys only
            greys.add(red)
        assert len(greys) == 2 and max(greys) - min(greys) >= 80, greys


async def test_an_unfocused_pane_s_border_shows_in_every_theme():
    """A light theme's step lighter than its panels is near white on near white (#FFFFFF on
    #FFFAF3 in rose-pine-dawn): a pane's border there is a step darker (look.py)."""
    from textual.color import Color

    from tui.ui.widgets.pane import Pane

    app = QuadrantApp(Store.memory(bundled_data()))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot, settle=False)
        themes = [name for name in app.available_themes if not name.startswith("ansi")]
        assert any(not app.available_themes[name].dark for name in themes)
        for name in themes:
            app.theme = name
            await pilot.pause()
            pane = app.screen.query_one("#entities", Pane)
            assert not pane.has_focus
            line = pane.render_lines(pane.region.reset_offset)[2]
            border = list(line)[0].style  # the left border's cell, over the pane's background
            ink, ground = Color.from_rich_color(border.color), Color.from_rich_color(border.bgcolor)
            assert abs(ink.brightness - ground.brightness) >= 0.12, name
