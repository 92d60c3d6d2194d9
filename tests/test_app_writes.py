"""Pilot tests for the flows that write: import, review keys, and changes made by others."""

from __future__ import annotations

import orjson
from textual.widgets import Input

from tests.conftest import small_data, write_db
from tests.pilot import burst, footer_of, loaded, pane_ids, ready, running
from tui.core.corpus import Corpus
from tui.knowledge.importer import Importer
from tui.storage.store import Store
from tui.ui.app import QuadrantApp
from tui.ui.screens.ask import AskText, PickItem
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.importing import ImportScreen
from tui.ui.screens.main import MainScreen
from tui.ui.screens.reader import ReaderScreen

ARTICLE = (
    "Harbour talks\n\nThe Maritime Cooperation Pact (MCP) was signed by India. "
    "The MCP covers ports.\n"
)


async def settle(pilot):
    """Wait for the write (a worker), then for the load it starts (a thread of the app's)."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await loaded(pilot.app)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_import_dialog_imports_in_a_worker_and_the_panes_update(db_file, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "bad.json").write_text("{nope", encoding="utf-8")
    async with running(Store.open(db_file)) as pilot:
        await pilot.press("i")
        assert isinstance(pilot.app.screen, ImportScreen)
        await burst(pilot, str(folder))
        await pilot.press("enter")
        await settle(pilot)
        summary = pilot.app.screen.query_one("#import-summary").render().plain
        assert "imported 1, duplicates 0, failed 1" in summary
        assert "bad.json: not valid JSON" in summary
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MainScreen)
        assert "harbour-talks" in pane_ids(pilot, "articles")
        assert pilot.app.screen.query_one("#articles").title_text == "Articles 4"


async def test_import_is_refused_on_a_read_only_database(db_file):
    async with running(Store.open(db_file, read_only=True)) as pilot:
        await pilot.press("i")
        assert isinstance(pilot.app.screen, MainScreen)


async def test_accept_a_candidate_from_its_page(db_file, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    store = Store.open(db_file)
    Importer(store).run([tmp_path / "a.txt"])
    async with running(store) as pilot:
        await burst(pilot, "/status:candidate")
        await pilot.press("enter", "enter")
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and page.is_candidate
        await pilot.press("a")
        await settle(pilot)
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and not page.is_candidate


async def test_merge_a_candidate_into_an_existing_agreement(db_file, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    store = Store.open(db_file)
    Importer(store).run([tmp_path / "a.txt"])
    async with running(store) as pilot:
        await burst(pilot, "/maritime")
        await pilot.press("enter", "enter", "m")
        assert isinstance(pilot.app.screen, PickItem)
        await burst(pilot, "lemoa")
        await pilot.press("enter")
        await settle(pilot)
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and page.item.id == "lemoa"
        assert "MCP" in page.item.aliases


async def test_add_an_alias_and_it_is_linked(db_file):
    async with running(Store.open(db_file)) as pilot:
        await burst(pilot, "/quad")
        await pilot.press("enter", "enter", "plus")
        assert isinstance(pilot.app.screen, AskText)
        await burst(pilot, "The Quad met")
        await pilot.press("enter")
        await settle(pilot)
        assert "The Quad met" in pilot.app.screen.item.aliases


async def test_the_app_shows_what_another_process_wrote(db_file):
    app = QuadrantApp(Store.open(db_file))
    app.WATCH_SECONDS = 0.1
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("2", "j")
        data = orjson.loads(db_file.read_bytes())
        data["articles"]["99"] = {"id": "late", "title": "Late news", "text": "India again."}
        write_db(db_file, data)
        await pilot.pause(0.4)
        await settle(pilot)
        assert "late" in pane_ids(pilot, "articles")
        assert pilot.app.screen.focused.id == "entities"
        assert pilot.app.screen.focused.highlighted == 1  # the cursor stayed where it was


async def test_write_errors_are_shown_not_swallowed(db_file):
    async with running(Store.open(db_file)) as pilot:
        await burst(pilot, "/quad")
        await pilot.press("enter", "enter")
        db_file.write_text("{corrupted by someone")
        await pilot.press("plus")
        await burst(pilot, "Another")
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert any("not valid JSON" in m for m in messages), messages
        assert pilot.app.is_running


def test_small_data_has_no_candidates_to_start_with():
    assert not [e for e in small_data()["entities"].values() if e.get("status") == "candidate"]


async def test_a_read_only_session_leaves_the_file_byte_for_byte(db_file):
    import hashlib

    before = hashlib.sha256(db_file.read_bytes()).hexdigest()
    stat = db_file.stat()
    async with running(Store.open(db_file, read_only=True)) as pilot:
        await burst(pilot, "/quad")
        await pilot.press("enter", "enter")  # an entity page
        await pilot.press("escape", "1", "enter", "n", "enter")  # the reader, a mention
        await pilot.press("a", "x", "plus", "m", "escape", "escape", "escape")  # review: refused
        await pilot.press("i", "ctrl+p")  # import refused; the palette
        await burst(pilot, "lemoa")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("q")
    assert hashlib.sha256(db_file.read_bytes()).hexdigest() == before
    assert db_file.stat().st_mtime_ns == stat.st_mtime_ns


async def test_date_an_article_from_the_reader(db_file):
    async with running(Store.open(db_file)) as pilot:
        await burst(pilot, "/supply")
        await pilot.press("enter", "enter")
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen) and reader.article.published is None
        assert "D Date" in await footer_of(pilot)
        await pilot.press("D")
        assert isinstance(pilot.app.screen, AskText)
        await burst(pilot, "2025-07-01")
        await pilot.press("enter")
        await settle(pilot)
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen) and reader.article.id == "a3"
        assert reader.article.published == "2025-07-01"
        assert Corpus(Store.open(db_file).load()).articles["a3"].published == "2025-07-01"


async def test_the_date_prompt_starts_from_the_date_and_none_clears_it(db_file):
    async with running(Store.open(db_file)) as pilot:
        await burst(pilot, "/hegseth meets")
        await pilot.press("enter", "enter", "D")
        field = pilot.app.screen.query_one("#ask-text", Input)
        assert field.value == "2025-07-01"
        field.value = "none"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ReaderScreen)
        assert pilot.app.screen.article.published is None


async def test_a_bad_date_is_shown_and_nothing_is_written(db_file):
    before = db_file.read_bytes()
    async with running(Store.open(db_file)) as pilot:
        await burst(pilot, "/supply")
        await pilot.press("enter", "enter", "D")
        await burst(pilot, "2025-13-01")
        await pilot.press("enter")
        await settle(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert any("published: '2025-13-01' is not a date" in m for m in messages), messages
        assert isinstance(pilot.app.screen, ReaderScreen) and pilot.app.is_running
    assert db_file.read_bytes() == before


async def test_dating_is_not_offered_on_a_read_only_database(db_file):
    async with running(Store.open(db_file, read_only=True)) as pilot:
        await burst(pilot, "/supply")
        await pilot.press("enter", "enter")
        assert "D Date" not in await footer_of(pilot)
        await pilot.press("D")
        assert isinstance(pilot.app.screen, ReaderScreen)
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert "Set publication date…" not in titles


def test_the_key_reference_lists_the_date_key_under_the_reader():
    from tui.ui.screens.help import binding_reference

    assert ("reader", "D", "date") in binding_reference([])


async def test_K_on_an_entity_page_sets_its_kind_and_the_page_says_why_it_was_guessed(tmp_path):
    """#18: an import's guess at the kind shows on the candidate's page, marked unsure where
    the evidence was weak, and `K` sets the kind, which clears 'unsure'."""
    data = small_data()
    data["entities"]["99"] = {
        "id": "tora-bora",
        "name": "Tora Bora",
        "kind": "person",
        "status": "candidate",
        "kind_evidence": "two capitalised words, nothing else",
        "unsure": ["kind"],
    }
    path = write_db(tmp_path / "db.json", data)
    async with running(Store.open(path)) as pilot:
        await loaded(pilot.app)
        pilot.app.open_item("entity", "tora-bora")
        await settle(pilot)
        page = pilot.app.screen
        assert isinstance(page, DetailScreen)
        page_text = " ".join(
            page.query_one("#links").get_option_at_index(n).prompt.plain
            for n in range(page.query_one("#links").option_count)
        )
        assert (
            "kind from: two capitalised words, nothing else (weak evidence: K sets the kind)"
            in " ".join(page_text.split())
        )
        await pilot.press("K", "7")  # the seventh kind: place
        await settle(pilot)
        entity = next(e for e in Store.open(path).load().entities if e.id == "tora-bora")
        assert (entity.kind, entity.unsure, entity.kind_evidence) == ("place", (), "set by review")
        assert pilot.app.screen.item.kind == "place"
