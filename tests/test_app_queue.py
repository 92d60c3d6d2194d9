"""Pilot tests of the review queue (`r`): each key changes the database as it says, the cursor
moves on, undo puts things back, and a read-only database is shown, not changed."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList, Static

from tests.pilot import burst, footer_of, running
from tests.queue_data import ORDER, queue_db
from tui.core.corpus import Corpus
from tui.storage.store import Store, StoreError
from tui.ui.screens.ask import AskText
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.queue import ReviewScreen
from tui.ui.screens.queuepick import PickKind, PickTarget, ranked

pytestmark = pytest.mark.slow


async def written(pilot) -> None:
    """Wait for the queue's writes, the app's load they start, and the queue's reading."""
    screen = pilot.app.screen
    for _ in range(500):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not (isinstance(screen, ReviewScreen) and screen.writes.pending):
            if not pilot.app.loads.loading:
                break
        await pilot.pause(0.02)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def opened(pilot) -> ReviewScreen:
    await pilot.press("r")
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    for _ in range(500):  # read in a worker, which may not have started yet on a busy machine
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if "reading" not in str(screen.query_one("#queue-title").render()):
            break
        await pilot.pause(0.02)
    return screen


def shown(screen: ReviewScreen) -> list[str]:
    return [c.id for c in screen.items]


def current(screen: ReviewScreen) -> str | None:
    return screen.current.id if screen.current else None


def context_text(screen: ReviewScreen) -> str:
    return str(screen.query_one("#queue-context-body", Static).render())


def entities(db) -> dict:
    return Corpus(Store.open(db, read_only=True).load()).entities


async def test_the_queue_lists_candidates_most_named_first_with_context(tmp_path):
    async with running(Store.open(queue_db(tmp_path))) as pilot:
        screen = await opened(pilot)
        assert shown(screen) == ORDER and current(screen) == "tora-bora"
        text = context_text(screen)
        assert "person · named in 3 articles, 4 mentions" in text
        assert "Tora Bora again\nTora Bora was quiet." in text  # the newest article first
        assert "Fighting near Tora Bora went on." in text
        body = screen.query_one("#queue-context-body", Static).render()
        marked = [text[s.start : s.end] for s in body.spans if "underline" in str(s.style)]
        assert marked == ["Tora Bora", "Tora Bora"]  # the name, in each sentence
        footer = await footer_of(pilot)
        assert "a Accept" in footer and "x Reject" in footer and "K Kind" in footer


async def test_accept_moves_on_and_undo_puts_it_back(tmp_path):
    db = queue_db(tmp_path)
    async with running(Store.open(db)) as pilot:
        screen = await opened(pilot)
        await pilot.press("a")
        assert current(screen) == "mr-howard"  # at once, before the write
        await written(pilot)
        assert entities(db)["tora-bora"].status == "confirmed"
        assert shown(screen) == ORDER[1:] and current(screen) == "mr-howard"
        assert "u Undo" in await footer_of(pilot)  # at 80 columns, beside the other keys
        await pilot.press("u")
        await written(pilot)
        assert entities(db)["tora-bora"].status == "candidate"
        assert shown(screen) == ORDER and current(screen) == "tora-bora"


async def test_reject_and_undo_a_reject(tmp_path):
    db = queue_db(tmp_path)
    async with running(Store.open(db)) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "x")
        await written(pilot)
        assert "mr-howard" not in entities(db)
        assert "Mr Howard" in Store.open(db).read()["meta"]["1"]["rejected"]
        assert current(screen) == "harbour-pact"
        await pilot.press("u")
        await written(pilot)
        assert entities(db)["mr-howard"].status == "candidate"
        assert "Mr Howard" not in Store.open(db).read()["meta"]["1"].get("rejected", [])
        assert Corpus(Store.open(db).load()).article_count("entity", "mr-howard") == 2


async def test_merge_into_a_confirmed_entity_found_by_fuzzy_search(tmp_path):
    db = queue_db(tmp_path)
    async with running(Store.open(db)) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "m")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, PickTarget)
        options = picker.query_one("#pick-list", OptionList)
        assert options.get_option_at_index(0).id == "john-howard"  # closest to "Mr Howard"
        assert "tora-bora" not in [
            options.get_option_at_index(n).id for n in range(options.option_count)
        ]
        await burst(pilot, "jhn howrd")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await written(pilot)
        after = entities(db)
        assert "mr-howard" not in after and "Mr Howard" in after["john-howard"].aliases
        assert current(screen) == "harbour-pact"
        await pilot.press("u")
        await written(pilot)
        assert entities(db)["john-howard"].aliases == ()
        assert entities(db)["mr-howard"].status == "candidate"


async def test_rename_keeps_the_old_name_and_the_cursor(tmp_path):
    db = queue_db(tmp_path)
    async with running(Store.open(db)) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "r")
        dialog = pilot.app.screen
        assert isinstance(dialog, AskText)
        field = dialog.query_one(Input)
        assert field.value == "Mr Howard"
        field.value = "John Winston Howard"
        await pilot.press("enter")
        await written(pilot)
        entity = entities(db)["mr-howard"]
        assert entity.name == "John Winston Howard" and entity.aliases == ("Mr Howard",)
        assert current(screen) == "mr-howard"
        assert "also: Mr Howard" in context_text(screen)


async def test_kind_from_the_picker(tmp_path):
    db = queue_db(tmp_path)
    async with running(Store.open(db)) as pilot:
        screen = await opened(pilot)
        await pilot.press("K")
        assert isinstance(pilot.app.screen, PickKind)
        await pilot.press("7")  # place
        await written(pilot)
        assert entities(db)["tora-bora"].kind == "place"
        assert current(screen) == "tora-bora" and screen.current.kind == "place"
        await pilot.press("K", "K", "enter")  # K in the picker: on to the next kind
        await written(pilot)
        assert entities(db)["tora-bora"].kind == "event"
        await pilot.press("u")
        await written(pilot)
        assert entities(db)["tora-bora"].kind == "place"


async def test_kind_is_not_offered_on_an_agreement(tmp_path):
    async with running(Store.open(queue_db(tmp_path))) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "j")
        assert current(screen) == "harbour-pact"
        await pilot.press("K")
        assert pilot.app.screen is screen
        assert "K Kind" not in await footer_of(pilot)


async def test_open_shows_the_candidates_page_and_back_returns(tmp_path):
    async with running(Store.open(queue_db(tmp_path))) as pilot:
        screen = await opened(pilot)
        await pilot.press("j", "o")
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and page.item.id == "mr-howard"
        await pilot.press("escape")
        assert pilot.app.screen is screen and current(screen) == "mr-howard"


async def test_ten_keys_in_a_row_are_all_written_in_order(tmp_path):
    db = queue_db(tmp_path)
    async with running(Store.open(db)) as pilot:
        screen = await opened(pilot)
        await pilot.press("a", "x", "a", "a")
        assert shown(screen) == []
        await written(pilot)
        after = Corpus(Store.open(db).load())
        assert after.entities["tora-bora"].status == "confirmed"
        assert "mr-howard" not in after.entities
        assert after.agreements["harbour-pact"].review == "confirmed"
        assert after.entities["northern-alliance"].status == "confirmed"
        assert "Review: nothing left" in str(screen.query_one("#queue-title", Static).render())


async def test_a_failed_write_is_shown_and_the_list_read_again(tmp_path, monkeypatch):
    db = queue_db(tmp_path)

    def refuse(*args):
        raise StoreError("queue.json: another process holds the lock; try again")

    monkeypatch.setattr("tui.knowledge.review.accept", refuse)
    async with running(Store.open(db)) as pilot:
        screen = await opened(pilot)
        await pilot.press("a")
        await written(pilot)
        messages = [n.message for n in pilot.app._notifications]
        assert any("holds the lock" in m for m in messages), messages
        assert shown(screen) == ORDER  # read again from the file: nothing was accepted
        assert pilot.app.is_running


async def test_read_only_opens_and_says_why_nothing_can_be_changed(tmp_path):
    db = queue_db(tmp_path)
    before = db.read_bytes()
    async with running(Store.open(db, read_only=True)) as pilot:
        screen = await opened(pilot)
        assert shown(screen) == ORDER
        note = str(screen.query_one("#queue-note", Static).render())
        assert "read-only" in note and "not available" in note
        footer = await footer_of(pilot)
        assert "Accept" not in footer and "read-only" in footer
        await pilot.press("a", "x", "m", "r", "K", "u")
        await pilot.app.workers.wait_for_complete()
        assert pilot.app.screen is screen and shown(screen) == ORDER
    assert db.read_bytes() == before


async def test_the_palette_and_the_key_reference_name_the_queue(tmp_path):
    from tui.ui.palette import quadrant_commands
    from tui.ui.screens.help import binding_reference

    async with running(Store.open(queue_db(tmp_path))) as pilot:
        app = pilot.app
        titles = [c.title for c in quadrant_commands(app, app.screen)]
        assert "Review candidates" in titles
        rows = binding_reference(app.BINDINGS)
        assert ("main", "r", "review") in rows
        assert ("review queue", "K", "kind…") in rows


def test_ranked_prefers_names_that_start_with_the_query():
    from tui.core.models import Entity

    targets = [Entity("us", "United States", "country", ("US",)), Entity("ru", "Russia", "country")]
    assert ranked("russ", targets)[0] == "ru"
    assert ranked("united", targets) == ["us"]
