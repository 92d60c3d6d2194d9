"""Pilot tests of copy (issue #15): `y` offers the id, title, URL or the sentence under the
cursor of the item shown or highlighted; the text goes to the clipboard through OSC 52, cleaned,
and a toast says what was copied."""

from __future__ import annotations

from tests.conftest import small_data
from tests.pilot import burst, running
from tui.core.models import Article
from tui.storage.store import Store
from tui.ui.screens.copy import CopyMenu, copyables


def toasts(pilot) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def test_y_on_a_page_copies_the_id():
    async with running(Store.memory(small_data())) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter", "y")
        menu = pilot.app.screen
        assert isinstance(menu, CopyMenu)
        assert [c.what for c in menu.choices] == ["id", "name"]  # no URL, no sentence yet
        await pilot.press("i")
        assert pilot.app.clipboard == "lemoa"
        assert "Copied the id: lemoa" in toasts(pilot)
        assert pilot.app.screen.item.id == "lemoa"


async def test_y_on_a_mention_row_copies_its_sentence():
    async with running(Store.memory(small_data())) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        page = pilot.app.screen
        rows = page.query_one("#links")
        rows.highlighted = next(
            n
            for n in range(rows.option_count)
            if rows.get_option_at_index(n).id is not None
            and page.links[int(rows.get_option_at_index(n).id)].mention is not None
        )
        await pilot.press("y", "s")
        assert pilot.app.clipboard == page.current_sentence()


async def test_y_in_the_reader_copies_the_highlighted_mentions_sentence():
    async with running(Store.memory(small_data())) as pilot:
        pilot.app.open_item("article", "a1")
        await pilot.pause()
        await pilot.press("n", "n", "y", "s")
        assert pilot.app.clipboard == "Pete Hegseth met India's minister."


async def test_y_in_a_pane_copies_the_highlighted_items_title():
    async with running(Store.memory(small_data())) as pilot:
        await burst(pilot, "/harbour OR hegseth meets")
        await pilot.press("enter", "y", "t")
        assert pilot.app.clipboard == "Hegseth meets India"
        assert any(t.startswith("Copied the title: ") for t in toasts(pilot))


async def test_a_key_the_menu_lacks_does_nothing_and_esc_copies_nothing():
    async with running(Store.memory(small_data())) as pilot:
        await pilot.press("2", "y", "u", "s")
        assert isinstance(pilot.app.screen, CopyMenu)
        await pilot.press("escape")
        assert not isinstance(pilot.app.screen, CopyMenu)
        assert pilot.app.clipboard == ""


async def test_what_is_copied_is_cleaned_of_control_characters():
    data = small_data()
    for record in data["articles"].values():
        if record["id"] == "a1":
            record["url"] = "https://example.org/a1\x1b]52;c;ZWNobyBwd25lZA==\x07"
    async with running(Store.memory(data)) as pilot:
        pilot.app.open_item("article", "a1")
        await pilot.pause()
        await pilot.press("y", "u")
        assert pilot.app.clipboard == "https://example.org/a1]52;c;ZWNobyBwd25lZA=="


async def test_the_palette_offers_a_copy_command_for_each_field():
    async with running(Store.memory(small_data())) as pilot:
        pilot.app.open_item("article", "a1")
        await pilot.pause()
        titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
        assert {"Copy id", "Copy title"} <= set(titles)


def test_an_article_offers_its_url_and_an_entity_its_first_web_source():
    article = Article("a", "T", "x", url="https://a.example/1")
    assert [c.what for c in copyables(article, "A sentence.")] == ["id", "title", "URL", "sentence"]
