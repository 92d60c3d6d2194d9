"""Pilot tests at 80x24: every key of the main screen, and the search, open, jump and back flows."""

from __future__ import annotations

import gc

from tests.conftest import bundled_data, small_data
from tests.pilot import burst, footer_of, pane_ids, running
from tui.storage.store import Store
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.preview import Preview
from tui.ui.widgets.reader import Reader
from tui.ui.widgets.searchbar import SearchBar


def bundled():
    return Store.memory(bundled_data())


async def test_main_screen_shows_three_panes_with_counts():
    async with running(bundled()) as pilot:
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        panes = list(screen.query(Pane))
        loaded = [p.option_count for p in panes]
        assert [p.title_text for p in panes] == [
            "Articles 1",
            "Entities 95",
            "Agreements 30",
        ]
        # A first page fills each pane (two lines a row) and no more: the rest come on scroll.
        assert all(p.size.height // 2 <= n < 30 for p, n in zip(panes[1:], loaded[1:], strict=True))
        assert screen.focused is screen.query_one("#articles")
        assert not screen.query_one("#preview").display


async def test_the_collector_is_on_once_the_first_frame_is_out(monkeypatch):
    """`quadrant` starts the app with the collector off (cli.main): the app turns it on, even
    before (here: without) a load, which turns it off and on itself."""
    from tui.ui.app import QuadrantApp

    monkeypatch.setattr(QuadrantApp, "load", lambda self: None)
    gc.disable()
    try:
        async with QuadrantApp(bundled()).run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()


async def test_preview_appears_at_120_columns():
    async with running(bundled(), size=(120, 30)) as pilot:
        preview = pilot.app.screen.query_one("#preview")
        assert preview.display
        body = pilot.app.screen.query_one("#preview", Preview).text
        assert "India and U.S. Commit to Deeper Defense Collaboration" in body


async def test_while_typing_the_preview_shows_the_hit_enter_opens():
    """With the focus in the search bar the preview follows the best hit, whichever pane it
    is in: each pane announcing its own first hit left the last one's (often none) shown."""
    async with running(bundled(), size=(130, 30)) as pilot:
        body = pilot.app.screen.query_one("#preview", Preview)
        for query, shown in (("hegseth", "Pete Hegseth"), ("lemoa", "LEMOA"), ("zzqx", "")):
            await pilot.press("slash", "ctrl+a", "ctrl+k", *query)  # (ctrl+k: the rest)
            await pilot.pause()
            assert body.text.startswith(shown), query
            if shown:
                await pilot.press("enter")  # the item enter opens is the one previewed
                await pilot.pause()
                assert shown in pilot.app.screen.query_one("#preview", Preview).text
                await pilot.press("slash")


async def test_the_preview_is_not_written_again_while_the_best_hit_stays(monkeypatch):
    """ "hegs" to "hegseth" leaves Pete Hegseth the best hit: his text is not made, laid out
    and drawn again for each letter; a letter that changes the hit changes the preview."""
    async with running(bundled(), size=(130, 30)) as pilot:
        body = pilot.app.screen.query_one("#preview", Preview)
        written: list[str] = []
        show = body.show
        monkeypatch.setattr(
            body, "show", lambda content: (written.append(content.plain), show(content))
        )
        await pilot.press("slash", *"hegs")
        await pilot.pause()
        assert written and written[-1].startswith("Pete Hegseth")
        before = len(written)
        await pilot.press(*"eth")
        await pilot.pause()
        assert len(written) == before and body.text.startswith("Pete Hegseth")
        await pilot.press("ctrl+a", "ctrl+k", *"lemoa")
        await pilot.pause()
        assert len(written) > before and body.text.startswith("LEMOA")


async def test_the_preview_scrolls_with_its_keys_and_follows_the_theme():
    """Tab to the preview: j, space and g scroll it, as its container's keys did; its lines,
    made once for each item, are made again in a new theme's colours."""
    async with running(bundled(), size=(130, 30)) as pilot:
        preview = pilot.app.screen.query_one("#preview", Preview)
        assert preview.virtual_size.height > preview.scrollable_content_region.height  # long
        preview.focus()
        await pilot.press("j", "j")
        assert preview.scroll_y == 2
        await pilot.press("space")
        assert preview.scroll_y > 2
        await pilot.press("g")
        assert preview.scroll_y == 0
        before, made = preview.render_lines(preview.region.reset_offset), preview._made
        colours = {seg.style for seg in preview._text_lines[0]}
        pilot.app.theme = "textual-light"
        await pilot.pause()
        after = preview.render_lines(preview.region.reset_offset)
        assert [s.text for s in after] == [s.text for s in before]  # the same words
        assert preview._made > made  # made again,
        assert {seg.style for seg in preview._text_lines[0]} != colours  # in other colours


async def test_the_preview_fills_when_a_narrow_terminal_is_widened():
    """Below 120 columns the preview is hidden and not kept up to date as the cursor moves;
    widening the terminal fills it with the item under the cursor."""
    async with running(bundled()) as pilot:
        await pilot.press("2", "j")
        body = pilot.app.screen.query_one("#preview", Preview)
        assert body.text == ""
        current = pilot.app.screen.query_one("#entities").highlighted_option
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert pilot.app.screen.query_one("#preview").display
        name = pilot.app.corpus.get("entity", current.id).label
        assert name in body.text


async def test_widened_while_typing_the_preview_shows_the_best_hit():
    async with running(bundled()) as pilot:
        await pilot.press("slash", *"beca")
        await pilot.pause()
        await pilot.resize_terminal(130, 30)
        await pilot.pause()
        assert pilot.app.screen.query_one("#preview", Preview).text.startswith("BECA")


async def test_slash_then_fast_typing_loses_no_key():
    async with running(bundled()) as pilot:
        await burst(pilot, "/lemoa")
        bar = pilot.app.screen.query_one(SearchBar)
        assert bar.value == "lemoa"
        assert pane_ids(pilot, "agreements")[0] == "lemoa"


async def test_slash_inside_the_search_bar_types_a_slash():
    async with running(bundled()) as pilot:
        await burst(pilot, "/a/b")
        assert pilot.app.screen.query_one(SearchBar).value == "a/b"


async def test_search_filters_all_panes_and_titles_count_hits():
    async with running(bundled()) as pilot:
        await burst(pilot, "/hegseth")
        screen = pilot.app.screen
        assert pane_ids(pilot, "entities")[0] == "pete-hegseth"
        assert screen.query_one("#articles").title_text == "Articles 1"
        assert screen.query_one("#agreements").title_text == "Agreements 0"


async def test_escape_clears_the_search_and_returns_to_the_pane():
    async with running(bundled()) as pilot:
        await pilot.press("2")
        await burst(pilot, "/quad")
        await pilot.press("escape")
        screen = pilot.app.screen
        assert screen.query_one(SearchBar).value == ""
        assert screen.focused is screen.query_one("#entities")
        entities = screen.query_one("#entities", Pane)
        assert entities.title_text == "Entities 95" and entities.option_count < 95


async def test_enter_in_the_search_bar_goes_to_the_pane_of_the_best_hit():
    async with running(bundled()) as pilot:
        await burst(pilot, "/comcasa")
        await pilot.press("enter")
        screen = pilot.app.screen
        assert screen.focused is screen.query_one("#agreements")
        assert screen.focused.current_id == "comcasa"


async def test_number_keys_and_tab_move_between_panes():
    async with running(bundled()) as pilot:
        screen = pilot.app.screen
        await pilot.press("3")
        assert screen.focused.id == "agreements"
        await pilot.press("1")
        assert screen.focused.id == "articles"
        await pilot.press("tab")
        assert screen.focused.id == "entities"
        await pilot.press("shift+tab", "shift+tab")
        assert screen.focused.id == "search"


async def test_movement_keys_inside_a_pane():
    async with running(bundled()) as pilot:
        await pilot.press("2")
        pane = pilot.app.screen.query_one("#entities", Pane)
        await pilot.press("j", "j")
        assert pane.highlighted == 2
        await pilot.press("k")
        assert pane.highlighted == 1
        await pilot.press("G")
        assert pane.highlighted == pane.option_count - 1
        await pilot.press("g")
        assert pane.highlighted == 0
        await pilot.press("pagedown")
        assert pane.highlighted > 3
        await pilot.press("pageup")
        assert pane.highlighted == 0
        await pilot.press("down", "end", "home")
        assert pane.highlighted == 0


async def test_open_an_agreement_and_come_back_to_the_same_place():
    async with running(bundled()) as pilot:
        await pilot.press("3", "j", "j", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, DetailScreen)
        opened = screen.item.id
        await pilot.press("escape")
        main = pilot.app.screen
        assert isinstance(main, MainScreen)
        assert main.focused.id == "agreements" and main.focused.highlighted == 2
        assert main.focused.current_id == opened


async def test_read_an_article_jump_to_a_mention_and_back():
    async with running(bundled()) as pilot:
        await pilot.press("1", "enter")
        reader_screen = pilot.app.screen
        assert isinstance(reader_screen, ReaderScreen)
        reader = reader_screen.query_one(Reader)
        await pilot.press("n", "n", "n", "n")  # S. Jaishankar, External Affairs.., U.S., Pete H.
        target = reader.mentions[reader.current]
        assert reader_screen.query_one("#status").render().plain.startswith("mention 4/")
        await pilot.press("enter")
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and page.item.id == target.target
        await pilot.press("backspace")
        assert pilot.app.screen is reader_screen
        assert reader.current == 3
        await pilot.press("p")
        assert reader.current == 2


async def test_an_entity_page_links_to_the_sentence_where_it_is_mentioned():
    async with running(bundled()) as pilot:
        await burst(pilot, "/hegseth")
        await pilot.press("enter", "enter")
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and page.item.id == "pete-hegseth"
        links = page.query_one("#links")
        prompts = [links.get_option_at_index(n).prompt.plain for n in range(links.option_count)]
        sentence = next(
            n for n, p in enumerate(prompts) if "Pete Hegseth, met bilaterally at the Pentagon" in p
        )
        while links.highlighted != sentence:  # the links before it: what he signed
            await pilot.press("j")
        await pilot.press("enter")
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        current = reader.query_one(Reader)
        mention = current.mentions[current.current]
        assert reader.article.text[mention.start : mention.end] == "Pete Hegseth"


async def test_help_lists_every_binding():
    async with running(bundled()) as pilot:
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        text = help_screen.text
        for key in ("/", "tab / shift+tab", "j", "n / tab", "escape / backspace", "ctrl+p", "q"):
            assert key in text
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_command_palette_opens_items_by_name():
    async with running(bundled()) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await burst(pilot, "hegseth")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DetailScreen)
        assert pilot.app.screen.item.id == "pete-hegseth"


async def test_q_quits():
    async with running(bundled()) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert pilot.app.return_code == 0
        assert not pilot.app.is_running


async def test_slash_from_the_reader_returns_to_search():
    async with running(bundled()) as pilot:
        await pilot.press("1", "enter")
        await burst(pilot, "/beca")
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.screen.query_one(SearchBar).value == "beca"


async def test_read_only_is_shown_and_write_keys_are_not_offered():
    store = Store.memory(small_data())
    store.read_only = True
    async with running(store) as pilot:
        assert "read-only" in (await footer_of(pilot))
        assert "Import" not in (await footer_of(pilot))
        await pilot.press("i")
        assert isinstance(pilot.app.screen, MainScreen)  # not offered, so not refused either
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Import articles" not in titles
        await pilot.press("2", "enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, DetailScreen)
        shown = await footer_of(pilot)
        assert "read-only" in shown and "alias" not in shown and "Merge" not in shown
        await pilot.press("plus", "m")
        assert pilot.app.screen is page


async def test_a_writable_database_offers_the_write_keys_and_no_marker():
    async with running(Store.memory(small_data())) as pilot:
        assert "read-only" not in (await footer_of(pilot))
        assert "i Import" in (await footer_of(pilot))
        await pilot.press("2", "enter")
        await pilot.pause()
        shown = await footer_of(pilot)
        assert "Merge" in shown and "alias" in shown


async def test_search_enter_enter_typed_at_full_speed_opens_the_best_hit():
    async with running(bundled()) as pilot:
        await burst(pilot, "/comcasa\r\r")
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, DetailScreen) and screen.item.id == "comcasa"


async def test_long_result_lists_load_page_by_page():
    from tests.conftest import small_data
    from tui.core.models import Article

    data = small_data()
    for number in range(1200):
        data["articles"][f"x{number}"] = Article(
            f"n{number}", f"Note {number}", "Quad text.", published="2020-01-01"
        ).to_dict()
    async with running(Store.memory(data)) as pilot:
        pane = pilot.app.screen.query_one("#articles", Pane)
        first = pane.option_count
        assert 8 <= first < 30 and pane.title_text == "Articles 1,203"
        await pilot.press("1")
        pane.highlighted = first - 2
        await pilot.press("j")  # onto the last loaded row
        await pilot.pause()
        assert pane.option_count == first + 30  # the next page, once at the end
        await pilot.press("G")
        await pilot.pause()
        assert pane.option_count == 1203 and pane.title_text == "Articles 1,203"
        assert pane.highlighted == 1202
        assert len(set(pane_ids(pilot, "articles"))) == 1203


async def test_a_word_being_typed_is_counted_in_full_once_the_typing_pauses(monkeypatch):
    """Each key counts the articles of a prefix being typed only so far ("Articles 3+", with
    COUNT_SHORT at 3); once the query has not changed for RECOUNT_AFTER, the title gives them
    all, and the rows stay as they were."""
    from tests.conftest import small_data
    from tui.core.models import Article
    from tui.ui import app as app_module

    data = small_data()
    for number, word in enumerate(["exchange", "exchanges", "exchanged"] * 3):
        data["articles"][f"x{number}"] = Article(
            f"x{number}", f"Note {number}", f"The {word} of notes.", published="2020-01-01"
        ).to_dict()
    monkeypatch.setattr("tui.search.fts.COUNT_SHORT", 3)
    monkeypatch.setattr("tui.search.index.COUNT_SHORT", 3)
    monkeypatch.setattr(app_module, "RECOUNT_AFTER", 3600.0)  # no pause, until said
    async with running(Store.memory(data)) as pilot:
        pane = pilot.app.screen.query_one("#articles", Pane)
        await burst(pilot, "/exch")
        await pilot.pause(0.3)  # three idle ticks: none counts, the typing goes on
        assert pane.title_text == "Articles 3+"
        rows = pane_ids(pilot, "articles")
        assert len(rows) == 9
        monkeypatch.setattr(app_module, "RECOUNT_AFTER", 0.0)  # the typing pauses
        await pilot.pause(0.3)
        assert pane.title_text == "Articles 9" and pane_ids(pilot, "articles") == rows
        monkeypatch.setattr(app_module, "RECOUNT_AFTER", 3600.0)
        await burst(pilot, "anged")  # the next key counts so far again
        await pilot.pause(0.3)
        assert pane.title_text == "Articles 3", "exchanged: one word, counted in full at once"
        await pilot.press("backspace", "backspace", "backspace")  # "excha": three words
        await pilot.pause(0.3)
        assert pane.title_text == "Articles 3+"
        monkeypatch.setattr(app_module, "RECOUNT_AFTER", 0.0)
        await pilot.pause(0.3)
        assert pane.title_text == "Articles 9"


async def test_an_idle_tick_while_the_app_closes_does_nothing():
    """The idle tick is a timer, and may fire while the app closes, its screen stack already
    empty: it asked the stack for the main screen, and a timer's StopIteration failed a test
    run ("coroutine raised StopIteration")."""
    async with running(bundled()) as pilot:
        app = pilot.app
    assert not app.screen_stack
    app.main_screen._rough = True  # a count to finish, had the app not closed
    app.loads.last_typed = 0.0  # the typing paused long ago
    app._check_idle()
    assert app.main_screen._rough  # not counted: nothing to show it on


async def test_the_palette_offers_the_actions_of_the_current_screen():
    async with running(bundled()) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert {
            "Search",
            "Keys",
            "Import articles",
            "Back",
            "Merge into…",
            "Add alias",
            "Go to Articles",
            "Quit",
        } <= set(titles)
        assert len(titles) == len(set(titles)), titles  # no entry twice
        await pilot.press("escape", "1", "enter")
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert {"Next mention", "Previous mention"} <= set(titles)


async def test_a_toast_shows_its_text_as_written_from_the_app_and_from_a_screen():
    """Toasts name items, files and errors, which come from the data: never markup, never a
    control sequence, whichever widget asks (a screen's `notify` goes to the app's)."""
    hostile = "[b]Bad[/b] [@click=app.quit]name[/] \x1b[31mred"
    async with running(Store.memory(small_data())) as pilot:
        pilot.app.notify(hostile)
        pilot.app.screen.notify(hostile, title="[i]t[/i]\x07", markup=True)
        await pilot.pause()
        shown = list(pilot.app._notifications)[-2:]
        assert [n.markup for n in shown] == [False, False]
        for note in shown:
            assert note.message == "[b]Bad[/b] [@click=app.quit]name[/] \ufffd[31mred"
        assert shown[1].title == "[i]t[/i]\ufffd"
