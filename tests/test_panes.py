"""The result panes drawn with the line API (issue #16): the same rows, highlights and cursor as
the search gives, drawn line by line; and a search bar that stays usable without the layout it
no longer asks for."""

from __future__ import annotations

import pytest
from textual.geometry import Region

from tests.conftest import bundled_data
from tests.pilot import running
from tui.storage.store import Store
from tui.ui.widgets import drawnow
from tui.ui.widgets import pane as pane_module
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.preview import Preview
from tui.ui.widgets.searchbar import SearchBar


def bundled() -> Store:
    return Store.memory(bundled_data())


def drawn(pane: Pane, y: int) -> list[tuple[str, bool, bool]]:
    """Line `y` of the pane as drawn: each segment's text, and whether it is bold and
    underlined (a match)."""
    strip = pane.render_line(y)
    return [
        (seg.text, bool(seg.style and seg.style.bold), bool(seg.style and seg.style.underline))
        for seg in strip
    ]


@pytest.mark.parametrize("query", ["quad", "hegseth", "kind:country", "lemoa OR beca"])
async def test_each_pane_shows_the_search_s_rows_in_its_order(query):
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *query)
        await pilot.pause()
        index = pilot.app.index
        for kind, dom_id in (
            ("article", "articles"),
            ("entity", "entities"),
            ("agreement", "agreements"),
        ):
            pane = pilot.app.screen.query_one(f"#{dom_id}", Pane)
            hits = index.search(query, pane.option_count or 1).of(kind)
            if not hits:
                assert pane.option_count == 1 and pane.get_option_at_index(0).disabled
                continue
            assert [row.id for row in pane.options] == [hit.id for hit in hits]
            assert [row.prompt.plain.split("\n")[0] for row in pane.options] == [
                hit.label[: len(row.prompt.plain.split("\n")[0])]
                for hit, row in zip(hits, pane.options, strict=True)
            ]


async def test_matched_characters_are_drawn_bold_and_underlined_and_the_rest_not():
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"quad")
        await pilot.pause()
        pane = pilot.app.screen.query_one("#entities", Pane)
        first = drawn(pane, 0)
        marked = "".join(text for text, bold, underline in first if bold and underline)
        assert marked.lower().count("quad") == len(marked) // 4 >= 1  # only the matches
        assert "".join(text for text, _, _ in first).strip().startswith("Quad (Quadrilateral")


async def test_the_cursor_row_is_drawn_apart_and_moves_with_j_and_k():
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("2")
        pane = pilot.app.screen.query_one("#entities", Pane)
        assert pane.highlighted == 0
        cursor_style = list(pane.render_line(0))[0].style  # (the content: no border)
        other_style = list(pane.render_line(2))[0].style
        assert cursor_style.bgcolor != other_style.bgcolor
        await pilot.press("j", "j")
        assert pane.highlighted == 2
        assert list(pane.render_line(4))[0].style.bgcolor == cursor_style.bgcolor
        assert list(pane.render_line(0))[0].style.bgcolor == other_style.bgcolor
        await pilot.press("k")
        assert pane.highlighted == 1


async def test_a_query_longer_than_the_bar_keeps_the_cursor_in_view():
    async with running(bundled(), size=(40, 14)) as pilot:
        await pilot.press("slash", *"party:india party:us signed:2016..2020 lemoa")
        await pilot.pause()
        bar = pilot.app.screen.query_one(SearchBar)
        assert bar.scroll_x == bar.max_scroll_x > 0  # the end, where the cursor is, shows
        await pilot.press("home")
        await pilot.pause()
        assert bar.scroll_x == 0
        await pilot.press("x")
        await pilot.pause()
        assert bar.value.startswith("xparty:india") and bar.scroll_x == 0


def layouts_of(monkeypatch, screen) -> list[int]:
    """A list that gets an item each time the screen is laid out from now on."""
    layouts: list[int] = []
    original = screen._refresh_layout

    def counted(*args, **kwargs):
        layouts.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(screen, "_refresh_layout", counted)
    return layouts


async def test_the_first_key_lays_nothing_out_and_an_empty_pane_restyles_nothing(monkeypatch):
    """The first key set the search bar's virtual size (a layout, and scroll bars drawn 40 ms
    later); a pane left empty took a CSS class (its styles and its scroll bar's again)."""
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        layouts = layouts_of(monkeypatch, pilot.app.screen)
        restyled: list[str] = []
        monkeypatch.setattr(
            pilot.app, "update_styles", lambda node, animate=True: restyled.append(node.id)
        )
        await pilot.press(*"zzqx")  # every pane empty
        await pilot.pause()
        panes = list(pilot.app.screen.query(Pane))
        assert all(pane.is_empty for pane in panes)
        await pilot.press(*["backspace"] * 4)
        await pilot.pause()
        assert not any(pane.is_empty for pane in panes)
        assert layouts == []
        assert not {pane.id for pane in panes} & set(restyled)
        assert "search" not in restyled  # Input marked itself -valid at its first change


async def test_typing_does_not_lay_the_screen_out_again(monkeypatch):
    """The cost #16 removed: a keystroke that changes only the text and the rows asks for no
    layout of the screen (the scroll bar of a pane coming or going still does)."""
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", "l")
        await pilot.pause()
        layouts = []
        screen = pilot.app.screen
        original = screen._refresh_layout

        def counted(*args, **kwargs):
            layouts.append(1)
            return original(*args, **kwargs)

        monkeypatch.setattr(screen, "_refresh_layout", counted)
        await pilot.press(*"emoa")  # "l" to "lemoa": from hundreds of hits to one
        await pilot.pause()
        await pilot.press(*["backspace"] * 4)  # and back: the scroll bars are always there
        await pilot.pause()
        assert layouts == []


def writes_of(monkeypatch, app, events: list[str] | None = None) -> list[set[str]]:
    """Each frame the app writes from now on, a layout's included: the ids of the widgets the
    screen repainted for it (empty for a layout, which draws what changed). Each is also noted
    in `events`, as "frame"."""
    frames: list[set[str]] = []
    screen = app.screen
    repainted: set = set()
    display = app._display

    def written(screen_, update):
        if update is not None:
            frames.append({w.id or type(w).__name__ for w in repainted})
            repainted.clear()
            if events is not None:
                events.append("frame")
        return display(screen_, update)

    def noted(widgets):
        repainted.clear()
        repainted.update(widgets)
        return update_widgets(widgets)

    update_widgets = screen._compositor.update_widgets
    monkeypatch.setattr(screen._compositor, "update_widgets", noted)
    monkeypatch.setattr(app, "_display", written)
    return frames


@pytest.mark.parametrize("size", [(100, 30), (130, 30)])  # at 130 the preview follows the keys
async def test_a_keystroke_is_drawn_in_one_frame(monkeypatch, size):
    """The search bar and the panes it changes go out together, in the key's first frame:
    the panes waited one to two frame periods (17 to 33 ms) for a second frame when the screen
    heard of them last. Where the preview shows, it goes out in the same frame."""
    async with running(bundled(), size=size) as pilot:
        await pilot.press("slash", "l")
        await pilot.pause(0.2)
        frames = writes_of(monkeypatch, pilot.app)
        for key in "emo":
            frames.clear()
            await pilot.press(key)
            await pilot.pause(0.2)  # longer than a frame period: a late frame would show
            assert {"search", "articles"} <= frames[0], frames
            assert len(frames) == 1, frames
        if size[0] >= 130:  # a key that changes the best hit: the preview in the same frame
            preview = pilot.app.screen.query_one("#preview", Preview)
            shown = preview.text
            await pilot.press("ctrl+a", "ctrl+k")
            await pilot.pause(0.2)
            frames.clear()
            await pilot.press("h")
            await pilot.pause(0.2)
            assert preview.text != shown and len(frames) == 1, frames
            assert {"search", "articles", "preview"} <= frames[0], frames


def changes_noted(monkeypatch) -> list[str]:
    """A list that notes each Input.Changed the search bar handles, as "changed" (with the
    frames `writes_of` notes, it says which came first)."""
    events: list[str] = []
    changed = SearchBar._on_input_changed

    def noted(bar, event):
        events.append("changed")
        return changed(bar, event)

    monkeypatch.setattr(SearchBar, "_on_input_changed", noted)
    return events


async def test_a_keystroke_s_frame_goes_out_before_the_messages_it_left(monkeypatch):
    """The frame is drawn once the key is handled, not after Input's Changed, the panes'
    prompts and their Update messages (drawnow.py): half a millisecond a key at 10k articles."""
    events = changes_noted(monkeypatch)
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", "l")
        await pilot.pause(0.2)
        bar = pilot.app.screen.query_one(SearchBar)
        assert drawnow.supported(bar, pilot.app.screen)  # this Textual has the names used
        frames = writes_of(monkeypatch, pilot.app, events)
        events.clear()
        await pilot.press("e")
        await pilot.pause(0.2)
        assert events == ["frame", "changed"], events
        assert {"search", "articles", "entities", "agreements"} <= frames[0]
        assert pilot.app.screen._dirty_widgets == set()


@pytest.mark.parametrize("keys", [["backspace"], ["left", "delete"], ["ctrl+w"], ["ctrl+u"]])
async def test_a_key_the_app_s_bindings_handle_is_drawn_as_soon_as_it_is_handled(monkeypatch, keys):
    """Backspace, delete and the word and line keys are the bar's bound actions, which the
    app runs once the key has left the bar: their frame waited for the screen's frame timer
    (33 ms a backspace, from outside, where a bare Input took 3.5). It goes out as soon as
    the bar has a turn, before Input's Changed is handled, the panes in it."""
    events = changes_noted(monkeypatch)
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"quad su")
        await pilot.pause(0.2)
        frames = writes_of(monkeypatch, pilot.app, events)
        *before, last = keys
        await pilot.press(*before)
        await pilot.pause(0.2)
        events.clear()
        frames.clear()
        await pilot.press(last)
        await pilot.pause(0.2)
        assert events == ["frame", "changed"], events
        assert len(frames) == 1 and {"search", "entities"} <= frames[0], frames


async def test_a_pane_says_its_cursor_moved_only_when_it_has_the_focus_and_another_item(
    monkeypatch,
):
    """While the user types, no pane says its cursor moved (the preview follows the best hit
    of all, and each pane saying so was three messages up the screen); in a pane, only a move
    to another item is said, including back to one it said before it lost the focus."""
    said: list[tuple[str, str | None]] = []
    post = Pane.post_message

    def recording(pane, message):
        if isinstance(message, Pane.Highlighted):
            said.append((message.kind, message.item_id))
        return post(pane, message)

    monkeypatch.setattr(Pane, "post_message", recording)
    async with running(bundled(), size=(130, 30)) as pilot:
        await pilot.press("slash")  # from the articles pane, which said where it was
        await pilot.pause(0.1)
        said.clear()
        await pilot.press(*"hegs")
        await pilot.pause(0.1)
        assert said == []  # every pane's cursor moved, none has the focus
        await pilot.press("enter", "j")  # into the entities pane, and down: another item
        await pilot.pause(0.1)
        entities = pilot.app.screen.query_one("#entities", Pane)
        second = entities.current_id
        assert said == [("entity", second)] and second != "pete-hegseth"
        await pilot.press("k", "k")  # back to the top; then the top again: nothing to say
        await pilot.pause(0.1)
        assert said[1:] == [("entity", "pete-hegseth")]
        await pilot.press("j", "slash", *"hegs")  # typed again: its cursor went back to the
        await pilot.pause(0.1)  # top without the focus
        assert pilot.app.screen.query_text == "hegs" and entities.current_id == "pete-hegseth"
        said.clear()
        await pilot.press("enter", "j")  # the item it was on when it said so last
        await pilot.pause(0.1)
        assert said == [("entity", second)]
        body = pilot.app.screen.query_one("#preview", Preview).text
        assert pilot.app.corpus.entities[second].name in body


async def test_only_the_lines_that_changed_are_repainted(monkeypatch):
    """A narrower query leaves the lines below its few hits blank as they were: they are not
    repainted (each costs its styling and its bytes). Those that are, are whole: Textual cuts
    a line repainted short of its right edge, a new strip to style, for every line of a key."""
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"lemo")
        await pilot.pause(0.2)
        pane = pilot.app.screen.query_one("#agreements", Pane)
        refreshed: list = []
        original = pane.refresh

        def counted(*regions, **kwargs):
            refreshed.extend(regions or ["all"])
            return original(*regions, **kwargs)

        monkeypatch.setattr(pane, "refresh", counted)
        await pilot.press("a")  # "lemoa": the same single hit, its marks one letter longer
        await pilot.pause(0.2)
        lines = {y for region in refreshed if region != "all" for y in region.line_range}
        assert "all" not in refreshed
        assert 0 < len(lines) <= 2  # the hit's two lines at most; never the blank ones
        assert max(lines) < 2
        # each line from edge to edge: Textual cuts a line repainted short of its right edge
        edges = (-pane.styles.gutter.left, pane.outer_size.width)
        assert all((region.x, region.width) == edges for region in refreshed)


async def test_what_is_repainted_in_part_is_what_a_whole_repaint_draws():
    """After many partial repaints (typing, deleting, moving the cursor, a new count in the
    title), the screen is the same as when every line is drawn afresh."""
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"defence", *["backspace"] * 4, *"ia", "enter", "j", "j")
        await pilot.press("slash", "backspace", "q")
        await pilot.pause(0.3)
        shown = pilot.app.export_screenshot()
        for pane in pilot.app.screen.query(Pane):
            pane._styles_cache.clear()
            pane.forget_lines()
            pane.refresh()
        await pilot.pause(0.3)
        assert pilot.app.export_screenshot() == shown


async def test_moving_on_a_page_does_not_rebuild_the_footer(monkeypatch):
    """Textual rebuilds a footer (every key widget unmounted and mounted) each time a screen's
    bindings may have changed, which a page asks on every move of its cursor (a key may apply
    to one row only); Quadrant's footer rebuilds only when what it shows changed."""
    from tui.ui.widgets.footer import QuadrantFooter

    async with running(bundled(), size=(100, 30)) as pilot:
        pilot.app.open_item("entity", "india")
        await pilot.pause(0.3)
        footer = pilot.app.screen.query_one(QuadrantFooter)
        rebuilt = []
        original = footer.recompose

        async def counted():
            rebuilt.append(1)
            await original()

        monkeypatch.setattr(footer, "recompose", counted)
        await pilot.press("G", "k", "k", "k")  # down among the links: the same keys apply
        await pilot.pause(0.3)
        assert rebuilt == []
        await pilot.press("escape")  # to the main screen's own footer
        await pilot.pause(0.3)
        assert pilot.app.screen.query_one(QuadrantFooter) is not footer


async def test_the_row_of_panes_is_not_drawn_under_them(monkeypatch):
    """The panes and the preview fill their row from edge to edge: the row itself (the
    container) is not drawn, or cut up under them, at each frame; they and the preview are."""
    from textual.widget import Widget

    from tui.ui.widgets.framing import FramedView
    from tui.ui.widgets.kept import KeptFrame

    drawn: set[str | None] = set()

    def recording(render_lines):
        def render(widget, crop):
            drawn.add(widget.id)
            return render_lines(widget, crop)

        return render

    async with running(bundled(), size=(130, 30)) as pilot:
        await pilot.press("slash", "q")
        await pilot.pause(0.2)
        for cls in (Widget, FramedView, KeptFrame, SearchBar):  # each draws its own lines
            monkeypatch.setattr(cls, "render_lines", recording(cls.render_lines))
        pilot.app.screen.refresh()  # everything, the preview too
        await pilot.press("u")
        await pilot.pause(0.2)
        monkeypatch.undo()
        assert {"articles", "entities", "agreements", "preview", "search"} <= drawn
        assert "panes" not in drawn
        row = pilot.app.screen.query_one("#panes").children  # which fill it, side by side
        assert sum(child.region.width for child in row) == 130
        assert {child.region.height for child in row} == {pilot.app.screen.size.height - 4}


async def test_a_query_replaced_by_a_newer_key_is_not_searched(monkeypatch):
    """Keys faster than the search (here all five at once): each query whose text has already
    changed again is skipped, and only the newest is searched and drawn."""
    from textual import events

    from tui.ui.screens.main import MainScreen

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        searched: list[str] = []
        original = MainScreen._run

        def counted(self, query):
            searched.append(query)
            return original(self, query)

        monkeypatch.setattr(MainScreen, "_run", counted)
        bar = pilot.app.screen.query_one(SearchBar)
        for char in "lemoa":  # in the bar's queue together, before it handles the first
            bar.post_message(events.Key(char, char))
        await pilot.pause(0.2)
        assert bar.value == "lemoa" and searched == ["lemoa"]
        pane = pilot.app.screen.query_one("#agreements", Pane)
        assert [row.id for row in pane.options] == ["lemoa"]
        await pilot.press("backspace")  # alone: searched as it is handled
        await pilot.pause(0.2)
        assert searched == ["lemoa", "lemo"]


def cells(strips) -> list[list[tuple[str, object]]]:
    """Each line as its cells: the character and its whole style."""
    return [
        [(char, segment.style) for segment in strip for char in segment.text] for strip in strips
    ]


def screen_cells(app) -> list[list[tuple[str, object]]]:
    """The whole screen as the compositor draws it, each cell's style without its meta (the
    mouse's actions, which only Textual's own scroll bar puts in its cells)."""
    strips = app.screen._compositor.render_strips()
    return [
        [
            (char, seg.style and seg.style.clear_meta_and_links())
            for seg in strip
            for char in seg.text
        ]
        for strip in strips
    ]


async def textual_s_own_drawing(pilot, monkeypatch) -> list[list[tuple[str, object]]]:
    """The screen as Textual draws the panes: every line through its styles cache, and its
    own scroll bar in the column where framing.py draws the thumb."""
    from textual.widget import Widget

    monkeypatch.setattr(Pane, "render_lines", Widget.render_lines)
    for pane in pilot.app.screen.query(Pane):
        pane.styles.scrollbar_size_vertical = 1
        pane.styles.padding = (0, 1, 0, 1)
    pilot.app.screen.refresh(layout=True)
    await pilot.pause()
    for pane in pilot.app.screen.query(Pane):
        pane._scroll_update(pane.virtual_size)  # the bar's lengths, as a new list sets them
        pane._styles_cache.clear()
        pane.refresh()
    await pilot.pause()
    theirs = screen_cells(pilot.app)
    monkeypatch.undo()
    for pane in pilot.app.screen.query(Pane):
        pane.styles.clear_rule("scrollbar_size_vertical")
        pane.styles.clear_rule("padding")
    pilot.app.screen.refresh(layout=True)  # the bars out of the screen's map
    await pilot.pause()
    return theirs


@pytest.mark.parametrize("theme", [None, "ansi-dark", "textual-light"])
@pytest.mark.parametrize("focus", ["search", "entities"])
async def test_panes_draw_what_textual_draws(theme, focus, monkeypatch):
    """framing.py draws a pane's lines as its content between edges taken once, and its scroll
    thumb in them; the screen must be the one Textual draws with its styles cache and its own
    scroll bar, cell for cell and style for style: the cursor's row and the others, the
    matches, a dimmed detail, blank lines, the borders, the thumb (long lists and short),
    focused or not, in any theme."""
    async with running(bundled(), size=(100, 30)) as pilot:
        if theme:
            pilot.app.theme = theme
        await pilot.press("slash", *"quad")
        if focus != "search":
            pilot.app.screen.query_one(f"#{focus}", Pane).focus()
        await pilot.pause()
        await drawn_as_textual_draws(pilot, monkeypatch)


@pytest.mark.parametrize(
    "filters",
    [
        ("monochrome",),  # NO_COLOR
        ("dim", "ascii"),  # TEXTUAL_FILTERS=dim, and an ASCII terminal
        ("ascii", "monochrome"),  # a colour filter after one of the text: on each line
    ],
)
async def test_panes_filtered_draw_what_textual_draws(filters, monkeypatch):
    """The colour filters are applied to the few styles a line is painted in (`restyled`),
    the others to each line: the screen is still the one Textual draws, filtering each line
    of each widget in turn, whatever the filters and their order."""
    from textual.filter import DimFilter, Monochrome

    from tui.ui.glyphs import AsciiFilter

    made = {"monochrome": Monochrome, "dim": DimFilter, "ascii": AsciiFilter}
    async with running(bundled(), size=(100, 30)) as pilot:
        pilot.app._filters[:] = [made[name]() for name in filters]
        await pilot.press("slash", *"quad")
        await pilot.pause()
        await drawn_as_textual_draws(pilot, monkeypatch)


async def drawn_as_textual_draws(pilot, monkeypatch) -> None:
    """For a few queries, the screen framing.py draws is the one Textual draws, and a pane's
    lines drawn in part are those it draws whole."""
    for query in ("", "quad", "lemoa"):  # new counts in the titles, some empty
        pilot.app.screen.query_one(SearchBar).value = query
        await pilot.pause()
        if not query:  # scrolled down a long list: the thumb away from the top
            pilot.app.screen.query_one("#entities", Pane).scroll_to(y=9, animate=False)
            await pilot.pause()
        ours = screen_cells(pilot.app)
        assert ours == await textual_s_own_drawing(pilot, monkeypatch), query
        assert screen_cells(pilot.app) == ours  # and back to framing.py's drawing
        for pane in pilot.app.screen.query(Pane):
            whole = pane.region.reset_offset
            lines = cells(pane.render_lines(whole))
            cropped = whole.shrink((1, 1, 0, 3))  # part of the pane, as a repaint asks
            part = [line[cropped.x : cropped.right] for line in lines[cropped.y : cropped.bottom]]
            assert cells(pane.render_lines(cropped)) == part


async def test_a_pane_with_a_tint_is_drawn_by_textual():
    """A tint changes the content's colours too: no edges are taken, Textual draws it."""
    from textual.widget import Widget

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"quad")
        await pilot.pause()
        pane = pilot.app.screen.query_one("#articles", Pane)
        whole = pane.region.reset_offset
        plain = cells(pane.render_lines(whole))
        pane.styles.tint = "red 30%"
        await pilot.pause()
        tinted = cells(pane.render_lines(whole))
        assert tinted[2] != plain[2]  # a content line's colours
        pane._styles_cache.clear()
        assert tinted == cells(Widget.render_lines(pane, whole))


def thumb_lines(pane: Pane) -> list[int]:
    """The lines of the view the thumb is drawn on (Textual draws its thumb in reverse)."""
    return [y for y, cell in enumerate(pane._thumb_cells()) if cell.style.reverse]


def thumb_drawn(regions, column: int) -> bool:
    """Whether the thumb asked for its cells to be drawn again: a region of its column alone,
    below the border (a line repainted whole covers its cell too, drawn as it is)."""
    return any(region.y >= 0 and (region.x, region.width) == (column, 1) for region in regions)


async def test_the_thumb_is_drawn_again_only_when_it_changes(monkeypatch):
    """Fewer rows than the pane holds, before and after: the thumb column is one track either
    way, and is not drawn again; more rows than it holds: it is, with a thumb shorter than the
    pane, at the top; and scrolled to the end, at the bottom."""
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"hegseth")
        await pilot.pause()
        pane = pilot.app.screen.query_one("#entities", Pane)
        height = pane.scrollable_content_region.height
        column = pane._thumb_column() - pane.styles.gutter.left  # as refresh takes it
        refreshed: list = []
        original = pane.refresh

        def counted(*regions, **kwargs):
            refreshed.extend(regions)
            return original(*regions, **kwargs)

        monkeypatch.setattr(pane, "refresh", counted)
        short = len(pane._shown)
        await pilot.press("space", *"pete")  # fewer or as few rows, still shorter than the pane
        await pilot.pause()
        assert len(pane._shown) <= short < height
        assert not thumb_drawn(refreshed, column)
        assert thumb_lines(pane) == []
        await pilot.press(*["backspace"] * 12)  # every entity: more rows than the pane holds
        await pilot.pause()
        assert len(pane._shown) > height
        assert thumb_drawn(refreshed, column)
        assert 0 < len(thumb_lines(pane)) < height and thumb_lines(pane)[0] == 0
        refreshed.clear()
        pane.scroll_end(animate=False, immediate=True)  # Textual repaints the content only
        await pilot.pause()
        assert thumb_drawn(refreshed, column)
        assert thumb_lines(pane)[-1] == height - 1


async def test_a_thumb_is_worked_out_again_only_when_the_pane_overflows(monkeypatch):
    """Typing changes how many rows a pane has on most keys; while they fit, there is no
    thumb to draw, however many they are, and the cells are not worked out again."""
    from textual.scrollbar import ScrollBar

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"pe")
        await pilot.pause()
        pane = pilot.app.screen.query_one("#entities", Pane)
        height = pane.scrollable_content_region.height
        renderer = ScrollBar.renderer
        drawn: list[int] = []
        render_bar = renderer.render_bar

        def counted(*args, **kwargs):
            drawn.append(kwargs.get("virtual_size", 0))
            return render_bar(*args, **kwargs)

        monkeypatch.setattr(renderer, "render_bar", counted)
        lengths = {len(pane._shown)}
        for key in "te":  # "pet", "pete": fewer rows each time, all within the pane
            await pilot.press(key)
            await pilot.pause()
            lengths.add(len(pane._shown))
        assert len(lengths) > 1 and max(lengths) < height
        assert drawn == [] and thumb_lines(pane) == []
        await pilot.press(*["backspace"] * 4)  # every entity: more rows than the pane holds
        await pilot.pause()
        assert drawn and 0 < len(thumb_lines(pane)) < height


async def test_the_thumb_scrolls_the_pane_with_the_mouse():
    """Textual's bar's ways: a click below the thumb moves a page down, above it a page up,
    and a drag moves the view with the thumb; none moves the cursor."""
    async with running(bundled(), size=(100, 18)) as pilot:
        await pilot.press("2", "G")  # every entity loaded
        await pilot.pause(0.2)
        await pilot.press("g")  # and back to the first
        await pilot.pause()
        pane = pilot.app.screen.query_one("#entities", Pane)
        x, top = pane._thumb_column(), pane.styles.gutter.top
        height = pane.scrollable_content_region.height
        assert len(pane._shown) > 2 * height  # a long list
        assert pane.allow_vertical_scroll  # and the wheel scrolls it, without Textual's bar
        cursor = pane.highlighted
        assert await pilot.click(pane, offset=(x, top + height - 1))  # below the thumb
        await pilot.wait_for_scheduled_animations()
        page = pane.scroll_y
        assert page >= height and pane.highlighted == cursor  # (a page: Textual's)
        for _ in range(2):
            assert await pilot.click(pane, offset=(x, top + height - 1))
            await pilot.wait_for_scheduled_animations()
        assert await pilot.click(pane, offset=(x, top))  # above the thumb
        await pilot.wait_for_scheduled_animations()
        assert pane.scroll_y == 2 * page
        pane.scroll_home(animate=False, immediate=True)
        await pilot.pause()
        first = thumb_lines(pane)[0]
        await pilot.mouse_down(pane, offset=(x, top + first))
        assert pane._thumb_state == "grab"
        await pilot.hover(pane, offset=(x, top + first + 3))
        await pilot.mouse_up(pane, offset=(x, top + first + 3))
        await pilot.pause()
        assert pane.scroll_y > 3 and pane._thumb_state == ""
        assert thumb_lines(pane)[0] == first + 3
        assert pane.highlighted == cursor


async def test_a_taller_window_loads_the_hits_that_now_fit():
    """Hits come a page at a time, as many as the pane holds: made taller, a pane loads the
    hits that now fit, rather than showing blank lines under a count that says there are more
    (found by hand: 80x24, "quad", then 120x40 showed 10 of the 14 entities)."""
    async with running(bundled(), size=(80, 24)) as pilot:
        await pilot.press("slash", *"quad")
        await pilot.pause()
        pane = pilot.app.screen.query_one("#entities", Pane)
        assert pane.option_count < pane.total  # the first page: what 24 lines hold
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert pane.option_count == min(pane.total, pane.rows_shown) > 10
        hits = pilot.app.screen.index.search("quad", pane.option_count).of("entity")
        assert [row.id for row in pane.options] == [hit.id for hit in hits]


async def test_a_key_repaints_the_search_bar_s_text_line_alone(monkeypatch):
    """Typing and moving the cursor change the bar's text line, not its borders above and
    below: only that line is repainted. Its focus changes its look: all of it is."""
    from textual.widget import Widget

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", "l")
        await pilot.pause()
        bar = pilot.app.screen.query_one(SearchBar)
        asked: list = []
        original = Widget.refresh

        def counted(self, *regions, **kwargs):
            if self is bar:
                asked.append(regions)
            return original(self, *regions, **kwargs)

        monkeypatch.setattr(Widget, "refresh", counted)
        await pilot.press("e", "left", "backspace", "end")
        await pilot.pause()
        assert asked and all(regions for regions in asked)  # never the whole bar
        edges = (-bar.styles.gutter.left, bar.outer_size.width)
        for regions in asked:
            for region in regions:  # in the content's coordinates: its one line, edge to edge
                assert (region.y, region.height) == (0, 1) and (region.x, region.width) == edges
        asked.clear()
        await pilot.press("escape")  # the bar loses the focus: its borders change colour
        await pilot.pause()
        assert () in asked


async def test_narrow_panes_keep_their_counts_in_their_titles():
    """At 40 columns a pane is 11 cells wide: its title is cut to its initial and count,
    not to "Enti…"; a wider window brings the whole title back."""
    async with running(bundled(), size=(80, 24)) as pilot:
        await pilot.pause(0.2)

        def titles() -> list[str]:
            drawn = []
            for pane in pilot.app.screen.query(Pane):
                top = pane.render_lines(pane.region.reset_offset)[0]
                drawn.append("".join(segment.text for segment in top).strip("╭╮┏┓─━ "))
            return drawn

        assert titles() == ["Articles 1", "Entities 95", "Agreements 30"]
        await pilot.resize_terminal(40, 20)
        await pilot.pause(0.2)
        assert titles() == ["Articles 1", "E 95", "Agr 30"]
        await pilot.resize_terminal(80, 24)
        await pilot.pause(0.2)
        assert titles() == ["Articles 1", "Entities 95", "Agreements 30"]


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20), (47, 16), (40, 16)])
async def test_a_new_count_in_a_title_is_drawn_as_textual_draws_it(size, monkeypatch):
    """A new title is written over the top line Textual drew for the last one in its style
    (framing.py, `_retitled`): for counts that grow and shrink, in both title styles, cut to
    the pane's width, focused or not, the line is Textual's own, cell for cell; and most new
    titles are made so, not drawn by Textual again (the first in each style and look is, and
    those too long to fit, which Textual cuts short); nor is the bottom line, which a title
    does not change."""
    from textual._styles_cache import StylesCache
    from textual.geometry import Region
    from textual.widget import Widget

    from tui.ui.widgets.pane import EMPTY_TITLE

    drawn_by_textual = []
    textual_s = Widget.render_lines

    def counted(widget, crop):
        drawn_by_textual.append(crop)
        return textual_s(widget, crop)

    async with running(bundled(), size=size) as pilot:
        await pilot.pause(0.2)
        monkeypatch.setattr(Widget, "render_lines", counted)
        titles = [f"{name} {count}" for name in TITLES for count in COUNTS]
        made = tried = 0
        for pane in pilot.app.screen.query(Pane):
            for focused in (False, True):
                if focused:
                    pane.focus()
                    await pilot.pause()
                width, height = pane.outer_size
                top, bottom = Region(0, 0, width, 1), Region(0, height - 1, width, 1)
                pane.render_lines(bottom)
                for style in ("", EMPTY_TITLE):
                    for text in titles:
                        pane._set_title(text, style)
                        drawn_by_textual.clear()
                        pane.render_lines(bottom)  # the subtitle's line: not drawn again
                        assert not drawn_by_textual
                        drawn_by_textual.clear()
                        ours = cells([pane.render_lines(top)[0]])
                        made, tried = made + (not drawn_by_textual), tried + 1
                        theirs = cells(StylesCache().render_widget(pane, top))
                        assert ours == theirs, (text, style, focused)
        # Textual draws the first title of each style and look, and those cut short to fit
        assert made >= 0.6 * tried


TITLES = ("Articles", "Entities", "Agreements", "Ent", "E", "")
COUNTS = (0, 7, 95, 1_234, "10,000+", 123_456_789)


@pytest.mark.parametrize("change", ["theme", "focus"])
async def test_the_search_bar_keeps_its_styles_only_while_just_its_text_changes(change):
    """The bar keeps its styles between keys (Textual works them out again on every one); a
    new theme or a change of focus draws it afresh, as a bar that kept nothing draws it."""
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"qu")
        await pilot.pause()
        bar = pilot.app.screen.query_one(SearchBar)
        if change == "theme":
            pilot.app.theme = "textual-light"
        else:
            await pilot.press("tab")  # into the panes: the bar's cursor and border go
        await pilot.pause()
        if change == "focus":
            await pilot.press("slash")  # and back
        await pilot.press(*"ad")
        await pilot.pause()
        shown = screen_cells(pilot.app)
        bar._styles.clear()
        bar.refresh()  # Textual's own: everything worked out again
        await pilot.pause()
        assert screen_cells(pilot.app) == shown


@pytest.mark.parametrize("theme", [None, "textual-light"])
async def test_the_search_bar_s_line_is_the_one_input_draws(theme):
    """The bar draws a short query's line itself (Input goes through a Rich console render):
    cell for cell and style for style Input's own, in every state the fast way takes and at
    its edges, where it hands over to Input."""
    from textual.widgets import Input

    async with running(bundled(), size=(60, 20)) as pilot:
        if theme:
            pilot.app.theme = theme
        await pilot.press("slash")
        await pilot.pause()
        bar = pilot.app.screen.query_one(SearchBar)
        width = bar.scrollable_content_region.width
        values = ["lemoa", "quad summit", "日本語 quad", "e\u0301te", "x" * (width - 2)]
        values += ["x" * (width - 1), "x" * width, "y" * (width + 9), ""]
        tried = 0
        for value in values:
            for focused in (True, False):
                for cursor in sorted({len(value), 0, len(value) // 2, max(0, len(value) - 1)}):
                    for shown in (True, False):
                        bar.focus() if focused else pilot.app.screen.set_focus(None)
                        await pilot.pause()
                        bar.value = value
                        bar.cursor_position = cursor
                        await pilot.pause()
                        bar._cursor_visible = shown
                        ours = bar.render_line(0)
                        assert cells([ours]) == cells([Input.render_line(bar, 0)]), (
                            value,
                            focused,
                            cursor,
                            shown,
                        )
                        tried += 1
        assert tried > 80


@pytest.mark.parametrize("filters", [(), ("dim", "ascii"), ("monochrome",)])
@pytest.mark.parametrize("theme", [None, "ansi-dark", "textual-light"])
async def test_the_search_bar_s_text_line_is_the_one_textual_draws(theme, filters, monkeypatch):
    """A key's repaint of the bar is its text between the edges Textual drew around it last
    (`SearchBar.render_lines`): cell for cell and style for style the line Textual draws
    through its styles cache, filtered, focused or not, the cursor shown or not, a query
    long enough to scroll, the placeholder; and after the look changes (the theme, the width,
    a padding set in code) never the edges of the look before."""
    from textual._styles_cache import StylesCache
    from textual.filter import DimFilter, Monochrome
    from textual.geometry import Region
    from textual.widget import Widget

    from tui.ui.glyphs import AsciiFilter

    if theme == "ansi-dark" and "dim" in filters:
        pytest.skip("Textual's DimFilter cannot blend a terminal's own colours")
    made = {"monochrome": Monochrome, "dim": DimFilter, "ascii": AsciiFilter}
    async with running(bundled(), size=(60, 20)) as pilot:
        pilot.app._filters[:] = [made[name]() for name in filters]
        if theme:
            pilot.app.theme = theme
        await pilot.press("slash")
        await pilot.pause()
        bar = pilot.app.screen.query_one(SearchBar)
        styled: list[Region] = []  # the bar's drawings through Textual's styles cache
        render_widget = StylesCache.render_widget

        def recording(cache, widget, crop):
            if widget is bar:
                styled.append(crop)
            return render_widget(cache, widget, crop)

        monkeypatch.setattr(StylesCache, "render_widget", recording)

        def both(what) -> None:
            """Textual's drawing and the bar's, equal, and the bar's its own (the text's line
            between the edges kept: Input's line where the text is not plain or does not
            fit, the placeholder, a text scrolled), not through Textual's styles cache."""
            top = bar.styles.gutter.top
            # The text's line alone, and the whole bar (what the compositor asks for)
            for line in (Region(0, top, bar.outer_size.width, 1), bar.outer_size.region):
                bar._forget_styles()
                bar._styles_cache.clear()
                textual_s = cells(Widget.render_lines(bar, line))
                cells(bar.render_lines(line))  # Textual's, and the edges taken from it
                assert bar._edges is not None, what
                drawn = len(styled)
                assert cells(bar.render_lines(line)) == textual_s, what  # the bar's own
                assert len(styled) == drawn, what

        for value in ("lemoa", "quad summit", "z" * 70, ""):
            for focused in (True, False):
                for shown in (True, False):
                    bar.focus() if focused else pilot.app.screen.set_focus(None)
                    bar.value = value
                    await pilot.pause()
                    bar._cursor_visible = shown
                    both((value, focused, shown))
        bar.focus()
        bar.value = "lemoa"
        await pilot.pause()
        both("drawn")
        for change in ("theme", "width", "padding"):
            if change == "theme":
                pilot.app.theme = "textual-dark" if theme != "textual-dark" else "nord"
            elif change == "width":
                await pilot.resize_terminal(72, 20)
            else:
                bar.styles.padding = (0, 4)
            await pilot.pause()
            # What the bar keeps after the change (its frame was drawn), line and whole...
            regions = (Region(0, 1, bar.outer_size.width, 1), bar.outer_size.region)
            drawn = len(styled)
            drawn_now = [cells(bar.render_lines(region)) for region in regions]
            assert len(styled) == drawn, change  # (its own: kept)
            bar._styles_cache.clear()
            bar._forget_styles()  # ...and Textual's, with every style worked out afresh
            assert drawn_now == [cells(Widget.render_lines(bar, r)) for r in regions], change


async def test_a_key_draws_the_search_bar_without_textual_s_styles_cache(monkeypatch):
    """The compositor asks for the whole bar at every key: its lines are the ones kept from
    Textual's last drawing, the text's line made anew, and nothing of the bar goes through
    Textual's styles cache (0.2 ms a key after a pause; the kept lines were once only used for
    a one-line repaint, which the compositor never asks for). Nor does anything else a key
    changes: the panes' lines and their titles with new counts. A change of look is drawn by
    Textual again."""
    from textual._styles_cache import StylesCache

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", "l")
        await pilot.pause()
        bar = pilot.app.screen.query_one(SearchBar)
        drawn: list[object] = []
        render_widget = StylesCache.render_widget

        def recording(cache, widget, crop):
            drawn.append(widget)
            return render_widget(cache, widget, crop)

        asked: list[object] = []  # what the compositor asked the bar for
        render_lines = SearchBar.render_lines

        def asking(widget, crop):
            asked.append(crop)
            return render_lines(widget, crop)

        monkeypatch.setattr(StylesCache, "render_widget", recording)
        monkeypatch.setattr(SearchBar, "render_lines", asking)
        await pilot.press("e", "m")
        await pilot.pause()
        assert bar.value == "lem"
        assert bar.outer_size.region in asked  # the whole bar, as the frame was drawn
        assert drawn == []  # the bar, the panes, their titles: none drawn by Textual
        assert pilot.app.screen.query_one("#agreements", Pane).options[0].id == "lemoa"
        pilot.app.theme = "nord" if pilot.app.theme != "nord" else "textual-dark"
        await pilot.pause()
        assert bar in drawn


async def test_the_search_bar_s_kept_styles_follow_a_style_cleared_in_code():
    """The bar keeps its styles while only its text changes; a rule cleared in code repaints
    nothing (Textual only counts the change), and the next key drew the text in the style
    cleared. The count is followed: the line is the one Textual draws afresh."""
    from textual.geometry import Region
    from textual.widget import Widget

    async with running(bundled(), size=(60, 20)) as pilot:
        await pilot.press("slash", "l")
        await pilot.pause()
        bar = pilot.app.screen.query_one(SearchBar)
        bar.styles.background = "red"
        await pilot.pause()
        bar.styles.clear_rule("background")
        bar.value = "lemo"
        await pilot.pause()
        line = Region(0, bar.styles.gutter.top, bar.outer_size.width, 1)
        ours = cells(bar.render_lines(line))
        bar._styles_cache.clear()
        bar._forget_styles()
        assert ours == cells(Widget.render_lines(bar, line))


async def test_a_keystroke_s_query_reaches_the_screen_without_a_message(monkeypatch):
    """A key alone is searched for while the bar handles it: no message carries the query to
    the screen (each was one more turn of the event loop), Input's own Changed and the panes'
    cursors go nowhere, and nothing the key caused climbs on to the app."""
    from textual.message_pump import MessagePump

    from tui.ui.app import QuadrantApp
    from tui.ui.screens.main import MainScreen

    handled: list[tuple[str, str]] = []
    dispatch = MessagePump._dispatch_message

    async def recording(pump, message):
        if isinstance(pump, MainScreen | QuadrantApp):
            handled.append((type(pump).__name__, type(message).__qualname__))
        return await dispatch(pump, message)

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", "q")
        await pilot.pause(0.2)
        monkeypatch.setattr(MessagePump, "_dispatch_message", recording)
        await pilot.press("u")  # "qu": a pane's best hit changes
        await pilot.pause(0.2)
        monkeypatch.undo()
        assert pilot.app.screen.query_text == "qu"
        entities = pilot.app.screen.query_one("#entities", Pane)
        assert entities.options[0].id == "quad-leaders-summit"
    on_screen = {name for pump, name in handled if pump == "MainScreen"}
    assert on_screen.isdisjoint({"SearchBar.QueryChanged", "Input.Changed", "Pane.Highlighted"})
    on_app = {name for pump, name in handled if pump == "QuadrantApp"}
    assert on_app.isdisjoint({"Input.Changed", "SearchBar.QueryChanged", "Pane.Highlighted"})


async def test_a_line_that_shows_what_it_showed_is_not_drawn_again(monkeypatch):
    """Lines are kept by what they show, not by their row's number: "lemo" then "lemoa" gives
    the agreements pane the same single hit, its marks one letter longer. Its label line is
    drawn again; its detail line and the blanks below are not (they were, every key, once a
    new search had replaced the rows), and the screen is what a whole repaint draws."""
    drawn: list[tuple[str | None, int]] = []
    paint_line = Pane.paint_line

    def counted(pane, number, width):
        drawn.append((pane.id, number))
        return paint_line(pane, number, width)

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", *"lemo")
        await pilot.pause(0.2)
        monkeypatch.setattr(Pane, "paint_line", counted)
        await pilot.press("a")
        await pilot.pause(0.2)
        agreements = [number for pane, number in drawn if pane == "agreements"]
        assert agreements == [0]  # the label of the one hit, the cursor on it
        shown = screen_cells(pilot.app)
        for pane in pilot.app.screen.query(Pane):
            pane.forget_lines()
            pane.refresh()
        await pilot.pause(0.2)
        assert screen_cells(pilot.app) == shown
        typed = ["backspace"] * 5 + [*"quad"] + ["backspace"] * 4 + [*"defence"] + ["backspace"] * 7
        for key in typed:  # many searches: the lines kept are those in view, not all drawn
            await pilot.press(key)
        await pilot.pause(0.2)
        for pane in pilot.app.screen.query(Pane):
            assert len(pane._lines) <= pane.scrollable_content_region.height


async def test_a_drawing_works_out_the_styles_of_each_kind_of_line_once(monkeypatch):
    """A pane's lines are of a few kinds (a label or a detail, under the cursor or not): the
    styles of each are worked out once for all the lines a drawing paints, not once a line,
    and the lines are those a drawing that works them out each time paints."""
    worked_out: list[tuple[object, str]] = []
    real = pane_module.line_styles

    def counted(base, style):
        worked_out.append((base, style))
        return real(base, style)

    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash", "a")
        await pilot.pause(0.2)
        pane = pilot.app.screen.query_one("#entities", Pane)
        assert pane.option_count >= 4
        monkeypatch.setattr(pane_module, "line_styles", counted)
        pane.forget_lines()
        pane.refresh()  # (else the frame kept is given again: kept.py)
        drawn = [list(line) for line in pane.render_lines(pane.region.reset_offset)]
        kinds = {(str(base), style) for base, style in worked_out}
        assert 2 <= len(worked_out) == len(kinds) <= 4  # label, detail; cursor or not
        worked_out.clear()
        pane.forget_lines()
        pane.refresh()  # (else the frame kept is given again: kept.py)
        width, height = pane.outer_size
        one_by_one = [list(pane.render_lines(Region(0, y, width, 1))[0]) for y in range(height)]
        assert one_by_one == drawn and len(worked_out) > 2 * len(kinds)  # a drawing each


async def test_a_pane_drawn_only_in_part_keeps_few_lines():
    """A pane taller than the screen is only ever asked for in part (the compositor clips
    it): it still lets go of the lines of earlier searches, keeping a few views' worth."""
    from tui.ui.widgets.framing import KEPT_LINES

    async with running(bundled(), size=(100, 30)) as pilot:
        pane = pilot.app.screen.query_one("#entities", Pane)
        pane.styles.height = 90  # taller than its container: clipped
        await pilot.pause()
        await pilot.press("slash")
        for letter in "abcdefghijklmnoprstuvw":  # a search each, each its own lines
            await pilot.press(letter)
            await pilot.pause()
            await pilot.press("backspace")
            await pilot.pause()
        assert 0 < len(pane._lines) <= KEPT_LINES * pane.outer_size.height
