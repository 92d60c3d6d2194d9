"""Pilot tests of the user's own layer in the app (issue #15): a note (`w`), tags (`#`) and a
bookmark (`b`) on an item, from its page, the reader and the panes; the bookmarks (`B`); the
database's own note and tags (`S`), only where it may be written; saved searches (`@name`) and
the search bar's history (`up`/`down`); `tag:` and `note:` finding the user's own."""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from tests.conftest import bundled_data, small_data
from tests.pilot import footer_of, held_load, running
from tui.storage.personal import Personal, identity_of
from tui.storage.store import Store
from tui.ui.screens.ask import AskText, Confirm
from tui.ui.screens.bookmarks import BookmarksScreen
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.note import NoteEditor
from tui.ui.screens.reader import ReaderScreen


@pytest.fixture(autouse=True)
def _own_folders(tmp_path, monkeypatch):
    """Each test its own personal files: never the user's, nor another test's."""
    monkeypatch.setenv("QUADRANT_DATA_DIR", str(tmp_path / "data"))


def personal_of(store: Store) -> Personal:
    return Personal.open(identity_of(store))


def page_text(screen) -> str:
    page = screen.query_one("#links")
    return "\n".join(page.get_option_at_index(n).prompt.plain for n in range(page.option_count))


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_lemoa(pilot) -> DetailScreen:
    await pilot.press("slash", *"lemoa", "enter", "enter")
    await settle(pilot)  # the user's own layer is opened in a worker at start
    assert isinstance(pilot.app.screen, DetailScreen)
    return pilot.app.screen


async def test_a_note_written_on_a_page_is_kept_and_shown_as_yours():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        page = await open_lemoa(pilot)
        await pilot.press("w")
        editor = pilot.app.screen
        assert isinstance(editor, NoteEditor)
        editor.query_one(TextArea).insert("Ask the desk [fuel]\nsecond line")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is page
        assert "your note: Ask the desk [fuel]\nsecond line" in page_text(page)
    assert personal_of(store).note("agreement:lemoa") == "Ask the desk [fuel]\nsecond line"


async def test_esc_in_the_note_editor_asks_before_dropping_what_was_typed():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        await open_lemoa(pilot)
        await pilot.press("w", *"draft", "escape")
        assert isinstance(pilot.app.screen, Confirm)
        await pilot.press("n")
        assert isinstance(pilot.app.screen, NoteEditor)  # still editing
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(pilot.app.screen, DetailScreen)
    assert personal_of(store).note("agreement:lemoa") == ""


async def test_tags_are_added_and_removed_in_one_prompt():
    store = Store.memory(small_data())
    personal_of(store).add_tags("agreement:lemoa", ["old"])
    async with running(store) as pilot:
        page = await open_lemoa(pilot)
        await pilot.press("number_sign")
        assert isinstance(pilot.app.screen, AskText)
        await pilot.press(*"to-read, logistics -old", "enter")
        await settle(pilot)
        assert "your tags: to-read, logistics" in page_text(page)
        assert (
            "Your tags on LEMOA · Logistics Exchange Memorandum of Agreement: to-read, logistics"
            in [n.message for n in pilot.app._notifications]
        )
    assert personal_of(store).tags("agreement:lemoa") == ("to-read", "logistics")


async def test_b_bookmarks_and_B_lists_the_bookmarks_each_opening_its_item():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        page = await open_lemoa(pilot)
        await pilot.press("b")
        await settle(pilot)
        assert " bookmarked " in page_text(page).splitlines()
        await pilot.press("B")
        listing = pilot.app.screen
        assert isinstance(listing, BookmarksScreen)
        assert "LEMOA · Logistics Exchange Memorandum of Agreement" in page_text(listing)
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, DetailScreen) and pilot.app.screen.item.id == "lemoa"
        await pilot.press("escape", "b")  # on the list: removes the bookmark under the cursor
        await settle(pilot)
        assert "none yet" in page_text(listing)
    assert personal_of(store).bookmarks() == []


async def test_the_panes_annotate_the_highlighted_item():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("3", "b", "number_sign", *"pact", "enter")
        await settle(pilot)
        await pilot.press("w")
        pilot.app.screen.query_one(TextArea).insert("from a pane")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
    personal = personal_of(store)
    first = personal.bookmarks()[0]
    assert first.startswith("agreement:")
    assert personal.tags(first) == ("pact",) and personal.note(first) == "from a pane"


async def test_the_reader_shows_and_edits_the_users_own():
    store = Store.memory(small_data())
    personal_of(store).set_bookmark("article:a1", True)
    async with running(store) as pilot:
        await settle(pilot)
        pilot.app.open_item("article", "a1")
        await pilot.pause()
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        header = reader.query_one("#reader-header")
        assert "bookmarked" in str(header.render())
        await pilot.press("w")
        pilot.app.screen.query_one(TextArea).insert("read again")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "your note: read again" in str(header.render())


async def test_the_readers_status_line_stars_a_bookmarked_mention():
    """n moves to a mention; the status line names it, with a star when the user bookmarked
    what it names (and without, once the bookmark goes)."""
    store = Store.memory(small_data())
    personal_of(store).set_bookmark("entity:pete-hegseth", True)
    async with running(store) as pilot:
        await settle(pilot)
        pilot.app.open_item("article", "a1")  # "Pete Hegseth met India's minister. LEMOA..."
        await settle(pilot)

        def status() -> str:
            return pilot.app.screen.query_one("#status").render().plain

        await pilot.press("n")
        assert status().startswith("mention 1/") and "★ Pete Hegseth  entity" in status()
        await pilot.press("n")
        assert "India  entity" in status() and "★" not in status()
        await pilot.press("p")
        assert "★ Pete Hegseth" in status()
        personal_of(store).set_bookmark("entity:pete-hegseth", False)  # from the command line
        pilot.app.yours.check()
        await settle(pilot)
        assert "Pete Hegseth  entity" in status() and "★" not in status()


async def test_on_a_read_only_database_the_users_own_work_and_the_shared_do_not(db_file):
    before = db_file.read_bytes()
    store = Store.open(db_file, read_only=True)
    async with running(store) as pilot:
        page = await open_lemoa(pilot)
        await pilot.press("b", "S")
        await settle(pilot)
        assert pilot.app.screen is page  # S is not offered: nothing opened
        titles = [c.title for c in pilot.app.get_system_commands(page)]
        assert "The database's note or tags…" not in titles and "Remove bookmark" in titles
    assert personal_of(store).bookmarks() == ["agreement:lemoa"]
    assert db_file.read_bytes() == before


async def test_S_edits_the_databases_own_note_where_it_may_be_written(db_file):
    store = Store.open(db_file)
    async with running(store) as pilot:
        await open_lemoa(pilot)
        await pilot.press("S", "w")
        assert isinstance(pilot.app.screen, NoteEditor)
        pilot.app.screen.query_one(TextArea).insert("Shared with the team")
        await pilot.press("ctrl+s")
        for _ in range(3):  # the write, then the load it starts
            await settle(pilot)
            await pilot.pause(0.2)
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and page.item.notes == "Shared with the team"
        assert "notes: Shared with the team" in page_text(page)
    lemoa = next(a for a in Store.open(db_file).load().agreements if a.id == "lemoa")
    assert lemoa.notes == "Shared with the team"


async def test_a_saved_search_runs_with_at_name_and_is_explained():
    store = Store.memory(small_data())
    personal_of(store).save_search("pacts", "kind:agreement")
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"@pacts")
        await pilot.pause()
        screen = pilot.app.screen
        assert "@pacts = kind:agreement" in str(screen.query_one("#hint").render())
        assert screen.query_one("#agreements").title_text == "Agreements 2"
        assert screen.query_one("#entities").title_text == "Entities 0"
        await pilot.press("ctrl+u", *"@nope")
        await pilot.pause()
        assert "no saved search @nope (yours: @pacts)" in str(screen.query_one("#hint").render())


async def test_save_this_search_from_the_palette():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"kind:person", "enter")
        command = next(
            c
            for c in pilot.app.get_system_commands(pilot.app.screen)
            if c.title == "Save this search…"
        )
        command.callback()
        await pilot.pause()
        await pilot.press(*"people", "enter")
        await settle(pilot)
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Search @people" in titles and "Forget @people" in titles
    assert personal_of(store).saved() == {"people": "kind:person"}


async def test_up_and_down_in_the_search_bar_walk_the_history_then_down_goes_to_the_results():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lemoa", "enter")
        await settle(pilot)
        await pilot.press("slash", *"quad", "enter")
        await settle(pilot)
        assert personal_of(store).history()[:2] == ["quad", "lemoa"]
        await pilot.press("slash", "ctrl+u", *"beca")
        bar = pilot.app.screen.query_one("#search")
        await pilot.press("up")
        assert bar.value == "quad"
        await pilot.press("up")
        assert bar.value == "lemoa"
        await pilot.press("down")
        assert bar.value == "quad"
        await pilot.press("down")
        assert bar.value == "beca" and bar.has_focus  # what was typed, back
        await pilot.press("down")
        assert not bar.has_focus  # to the results


async def test_a_query_is_remembered_when_an_item_is_opened_not_on_each_key():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"heg")
        await settle(pilot)
        assert personal_of(store).history() == []
        await pilot.press("enter", "enter")
        await settle(pilot)
    assert personal_of(store).history() == ["heg"]


async def test_tag_finds_the_users_own_tags():
    store = Store.memory(small_data())
    personal_of(store).add_tags("entity:india", ["watch"])
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"tag:watch")
        await pilot.pause()
        entities = pilot.app.screen.query_one("#entities")
        assert entities.title_text == "Entities 1"


async def test_a_damaged_personal_file_is_reported_and_the_app_works(tmp_path):
    store = Store.memory(small_data())
    path = personal_of(store).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json")
    async with running(store) as pilot:
        await settle(pilot)
        warnings = [n for n in pilot.app._notifications if n.severity == "warning"]
        assert warnings and str(path) in warnings[0].message
        await pilot.press("slash", *"lemoa", "enter", "enter")
        assert isinstance(pilot.app.screen, DetailScreen)


async def test_the_keys_are_in_the_help_and_hidden_from_the_crowded_footer():
    async with running(Store.memory(small_data())) as pilot:
        await open_lemoa(pilot)
        footer = await footer_of(pilot)
        assert "Bookmark" not in footer
        await pilot.press("question_mark")
        text = pilot.app.screen.text
        for row in ("your note", "your tags", "bookmark", "bookmarks", "copy…", "export"):
            assert row in text


async def test_an_item_exported_carries_your_note_and_tags(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = Store.memory(small_data())
    personal = personal_of(store)
    personal.set_note("agreement:lemoa", "check the annex")
    personal.add_tags("agreement:lemoa", ["to-read"])
    async with running(store) as pilot:
        await open_lemoa(pilot)
        await pilot.press("e", "enter")
        await settle(pilot)
    text = (tmp_path / "lemoa.md").read_text()
    assert "your note**:" in text and "check the annex" in text and "your tags**: to-read" in text


def starred(pane) -> list[str]:
    """The ids of the rows of `pane` whose label carries the bookmark's star."""
    return [row.id for row in pane.options if row.lines[0].lead == "★ "]


async def test_a_bookmarked_row_carries_a_star_in_every_pane_and_every_search():
    store = Store.memory(small_data())
    personal_of(store).set_bookmark("entity:india", True)  # before the app: read at start
    async with running(store) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        entities, agreements = screen._panes["entity"], screen._panes["agreement"]
        assert starred(entities) == ["india"] and starred(agreements) == []
        india = next(row for row in entities.options if row.id == "india")
        assert india.lines[0].content.plain == "★ India"  # as it is drawn
        await pilot.press("3", "j")  # the second agreement: `b` stars it where it is
        second = agreements.current_id
        await pilot.press("b")
        await settle(pilot)
        assert starred(agreements) == [second] and agreements.current_id == second
        await pilot.press("b")  # removed: the star goes
        await settle(pilot)
        assert starred(agreements) == [] and agreements.current_id == second
        await pilot.press("slash", *"bharat")  # a new search: its rows carry their stars
        await settle(pilot)
        assert starred(entities) == ["india"] == [row.id for row in entities.options]
    assert personal_of(store).bookmarks() == ["entity:india"]


async def test_a_star_keeps_the_cursor_and_the_scroll_of_a_long_pane():
    store = Store.memory(bundled_data())
    async with running(store, size=(80, 24)) as pilot:
        await settle(pilot)
        entities = pilot.app.screen._panes["entity"]
        await pilot.press("2", *"j" * 20, *"k" * 4)  # scrolled, the cursor mid-pane
        scrolled, cursor = entities.scroll_offset.y, entities.highlighted
        assert scrolled > 0 and cursor == 16
        await pilot.press("b")
        await settle(pilot)
        assert (entities.scroll_offset.y, entities.highlighted) == (scrolled, cursor)
        assert starred(entities) == [entities.current_id]


async def test_pages_and_the_timeline_star_a_bookmarked_items_row_and_not_its_sentences():
    store = Store.memory(small_data())
    personal_of(store).set_bookmark("agreement:lemoa", True)
    personal_of(store).set_bookmark("article:a1", True)
    async with running(store) as pilot:
        await settle(pilot)
        pilot.app.open_item("entity", "india")
        await settle(pilot)
        rows = page_text(pilot.app.screen).splitlines()
        assert any(row.startswith("★ LEMOA · ") for row in rows)  # "Party to"
        assert any(row.startswith("BECA · ") for row in rows)  # not bookmarked
        assert not any("★" in row and "met India" in row for row in rows)  # a1's sentence
        personal_of(store).set_bookmark("agreement:beca", True)  # `quadrant bookmark beca`
        pilot.app.yours.check()
        await settle(pilot)
        assert any(row.startswith("★ BECA · ") for row in page_text(pilot.app.screen).splitlines())
        await pilot.press("t")  # India's timeline: the star after the date, in the name's column
        await settle(pilot)
        rows = page_text(pilot.app.screen).splitlines()
        assert any(row.startswith("2016-08-29") and "signed    ★ LEMOA" in row for row in rows)
        await pilot.press("escape", "B")  # the bookmarks: all of them, none starred
        await settle(pilot)
        assert isinstance(pilot.app.screen, BookmarksScreen)
        assert "★" not in page_text(pilot.app.screen)


async def test_a_timeline_is_built_again_for_a_new_star_not_for_a_search_remembered(monkeypatch):
    from tui.ui.screens.linked import LinkedScreen
    from tui.ui.screens.timeline import TimelineScreen

    built: list[str] = []
    refresh_page = LinkedScreen.refresh_page

    def counting(screen):
        built.append(type(screen).__name__)
        refresh_page(screen)

    monkeypatch.setattr(LinkedScreen, "refresh_page", counting)
    store = Store.memory(small_data())
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TimelineScreen)
        pilot.app.yours.remember("lemoa")  # a write of the user's file: no star changed
        await settle(pilot)
        assert built == []
        personal_of(store).set_bookmark("agreement:lemoa", True)
        pilot.app.yours.check()
        await settle(pilot)
        assert built == ["TimelineScreen"]
        assert "★ LEMOA" in page_text(pilot.app.screen)
    assert personal_of(store).history()[0] == "lemoa"


async def test_the_palette_stars_a_bookmarked_item():
    from textual.command import CommandList

    store = Store.memory(small_data())
    personal_of(store).set_bookmark("agreement:lemoa", True)
    async with running(store) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"lemoa")
        await pilot.pause(0.5)
        commands = pilot.app.screen.query_one(CommandList)
        shown = [commands.get_option_at_index(n).prompt for n in range(commands.option_count)]
        plain_text = [getattr(p, "plain", str(p)) for p in shown]
        assert any(text.startswith("★ LEMOA · ") for text in plain_text), plain_text
        assert not any(text.startswith("★ BECA") for text in plain_text)


async def test_a_bookmark_made_before_the_database_is_read_names_the_item(monkeypatch):
    """Search answers before the database is read: `b` then says the name, not the id."""
    async with held_load(monkeypatch, Store.memory(small_data())) as (pilot, _, _, _):
        await settle_personal(pilot)
        await pilot.press("3")
        agreements = pilot.app.screen._panes["agreement"]
        label = agreements.current_label
        await pilot.press("b")
        await settle_personal(pilot)
        assert pilot.app.corpus is None and label and label != agreements.current_id
        assert f"Bookmarked: {label}" in [n.message for n in pilot.app._notifications]
        assert starred(agreements) == [agreements.current_id]


async def settle_personal(pilot) -> None:
    """The user's own file opened or written (workers of their own: the load is held)."""
    for _ in range(100):
        personal = [w for w in pilot.app.workers if w.group == "personal" and not w.is_finished]
        if not personal and pilot.app.yours.personal is not None:
            break
        await pilot.pause(0.02)
    await pilot.pause()


async def test_a_bookmark_made_elsewhere_is_starred_without_a_restart():
    store = Store.memory(small_data())
    async with running(store) as pilot:
        await settle(pilot)
        personal_of(store).set_bookmark("agreement:lemoa", True)  # `quadrant bookmark`
        pilot.app.yours.check()  # what the app does every few seconds
        await settle(pilot)
        assert starred(pilot.app.screen._panes["agreement"]) == ["lemoa"]


async def test_a_note_written_elsewhere_shows_without_a_restart():
    """Another Quadrant of the same user, or `quadrant note`, wrote the file."""
    store = Store.memory(small_data())
    async with running(store) as pilot:
        page = await open_lemoa(pilot)
        personal_of(store).set_note("agreement:lemoa", "from the command line")
        pilot.app.yours.check()  # what the app does every few seconds
        await settle(pilot)
        assert "your note: from the command line" in page_text(page)


async def test_the_palette_runs_and_forgets_a_saved_search_and_the_timeline_takes_it():
    from tui.ui.screens.timeline import TimelineScreen

    store = Store.memory(small_data())
    personal_of(store).save_search("pacts", "kind:agreement")
    async with running(store) as pilot:
        await settle(pilot)
        pilot.app.open_item("entity", "india")
        await pilot.pause()
        commands = {c.title: c for c in pilot.app.get_system_commands(pilot.app.screen)}
        commands["Search @pacts"].callback()
        await pilot.pause()
        main = pilot.app.screen
        assert isinstance(main, MainScreen) and main.query_one("#search").value == "@pacts"
        assert main.query_one("#agreements").has_focus
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(pilot.app.screen, TimelineScreen)
        assert pilot.app.screen.about == "matching kind:agreement"
        commands = {c.title: c for c in pilot.app.get_system_commands(pilot.app.screen)}
        commands["Forget @pacts"].callback()
        await settle(pilot)
    assert personal_of(store).saved() == {}
