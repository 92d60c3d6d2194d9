"""What a newcomer meets in the first minute (issue 12): keys that work on the first screen,
pages that can be read to the end at 80x24 and 40x12, every field shown, empty results that
say so, and wording that means what it says."""

from __future__ import annotations

import pytest
from textual.events import AppBlur

from tests.conftest import bundled_data, small_data
from tests.pilot import burst, footer_of, running
from tests.test_hostile_fields import screen_text
from tui.storage.store import Store
from tui.ui.screens.ask import AskText, PickItem
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.importing import ImportScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.widgets.page import Page
from tui.ui.widgets.pane import Pane
from tui.ui.widgets.searchbar import SearchBar
from tui.ui.widgets.toggle import Toggle


def bundled(read_only: bool = False) -> Store:
    store = Store.memory(bundled_data())
    store.read_only = read_only
    return store


async def test_j_then_enter_on_the_first_screen_opens_the_first_article():
    async with running(bundled()) as pilot:
        assert isinstance(pilot.app.focused, Pane) and pilot.app.focused.id == "articles"
        assert "Open" in (await footer_of(pilot))
        await pilot.press("j", "enter")
        assert isinstance(pilot.app.screen, ReaderScreen)


async def test_the_first_keys_work_after_the_terminal_reported_a_blur():
    """tmux and SSH terminals report focus out and often never report it back: Textual then
    dropped the focus and the footer's keys, and the first keys did nothing."""
    async with running(bundled()) as pilot:
        pilot.app.post_message(AppBlur())
        await pilot.pause()
        assert isinstance(pilot.app.focused, Pane)
        assert "Open" in (await footer_of(pilot))
        await pilot.press("down", "enter")
        assert isinstance(pilot.app.screen, ReaderScreen)


def _visible_lines(page: Page) -> range:
    top = round(page.scroll_y)
    return range(top, top + page.scrollable_content_region.height)


async def _read_whole_page(pilot, page: Page, key: str, presses: int = 400) -> set[int]:
    """The lines of the page that were on screen at some point while pressing `key`."""
    seen = set(_visible_lines(page))
    for _ in range(presses):
        await pilot.press(key)
        seen |= set(_visible_lines(page))
        last = max(n for n, option in enumerate(page.options) if not option.disabled)
        if page.scroll_y >= page.max_scroll_y and page.highlighted == last:
            break
    return seen


@pytest.mark.parametrize(
    ("size", "query"),
    [((40, 12), "lemoa"), ((80, 24), "beca"), ((40, 12), "jaishankar"), ((80, 24), "quad")],
)
@pytest.mark.slow
async def test_every_line_of_a_page_is_reached_with_j_and_back_with_k(size, query):
    async with running(bundled(), size=size) as pilot:
        await pilot.press("slash", *query, "enter", "enter")
        await pilot.pause()
        page = pilot.app.screen.query_one(Page)
        assert page.scroll_y == 0  # it opens at the top: the name, then the facts
        total = page.virtual_size.height
        assert await _read_whole_page(pilot, page, "j") >= set(range(total))
        seen = set(_visible_lines(page))
        for _ in range(total + page.option_count):
            await pilot.press("k")
            seen |= set(_visible_lines(page))
        assert seen >= set(range(total))  # every line on the way back up too
        assert page.scroll_y == 0  # and back to the top, facts and all
        assert await _read_whole_page(pilot, page, "pagedown") >= set(range(total))
        await pilot.press("g")
        assert page.scroll_y == 0


async def test_enter_on_a_link_out_of_view_shows_it_before_it_opens_anything():
    async with running(bundled(), size=(40, 12)) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        await pilot.pause()
        page = pilot.app.screen.query_one(Page)
        assert page.highlighted is not None and not page._in_view(page.highlighted)
        await pilot.press("enter")
        assert isinstance(pilot.app.screen, DetailScreen) and page._in_view(page.highlighted)
        await pilot.press("enter")
        assert pilot.app.screen is not page.screen  # now it opens


async def test_a_page_without_links_ends_with_G_and_offers_no_open():
    data = small_data()
    data["mentions"] = {}
    async with running(Store.memory(data), size=(40, 12)) as pilot:
        pilot.app.open_item("entity", "qfmm")
        await pilot.pause()
        page = pilot.app.screen.query_one(Page)
        await pilot.press("G")
        assert page.scroll_y == page.max_scroll_y
        assert "Open" not in (await footer_of(pilot))


async def test_jaishankar_shows_all_four_roles_and_lemoa_its_whole_summary():
    data = bundled_data()
    lemoa = next(a for a in data["agreements"].values() if a["id"] == "lemoa")
    async with running(bundled()) as pilot:
        await burst(pilot, "/jaishankar")
        await pilot.press("enter", "enter")
        await pilot.pause()
        jaishankar = next(e for e in data["entities"].values() if e["id"] == "s-jaishankar")
        text = screen_text(pilot.app.screen)
        assert "Roles (4)" in text  # each a link: every one names a body in the database
        assert all(role["title"] in text for role in jaishankar["roles"])
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        await pilot.pause()
        text = screen_text(pilot.app.screen)
        assert lemoa["summary"] in text and lemoa["notes"] in text
        assert all(f"source: {source}" in text for source in lemoa["sources"])


async def test_an_article_page_shows_its_authors_url_and_notes():
    data = small_data()
    article = data["articles"]["1"]
    article.update(
        authors=["A. Writer", "B. Writer"], url="https://news.example/a1", notes="read twice"
    )
    async with running(Store.memory(data)) as pilot:
        await pilot.press("1", "enter")
        text = screen_text(pilot.app.screen)
        assert "by: A. Writer, B. Writer" in text and "url: https://news.example/a1" in text
        assert "notes: read twice" in text


async def test_an_empty_result_says_so_and_enter_keeps_the_search():
    async with running(bundled()) as pilot:
        await burst(pilot, "/zzqx")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.focused, SearchBar)  # no pane of nothing to land in
        for dom_id in ("articles", "entities", "agreements"):
            pane = pilot.app.screen.query_one(f"#{dom_id}", Pane)
            assert [str(o.prompt) for o in pane.options] == ["no matches for zzqx"]
            assert pane.highlighted is None and pane.is_empty
        await pilot.press("escape")  # the search cleared, the rows back, the pane focused
        assert isinstance(pilot.app.focused, Pane) and pilot.app.focused.highlighted == 0


async def test_esc_clear_search_is_offered_only_with_a_search():
    async with running(bundled()) as pilot:
        assert "Clear search" not in (await footer_of(pilot))
        await burst(pilot, "/lemoa")
        await pilot.pause()
        assert "Clear search" in (await footer_of(pilot))
        await pilot.press("escape")
        await pilot.pause()
        assert "Clear search" not in (await footer_of(pilot))


async def test_merge_offers_only_items_of_the_same_kind():
    async with running(bundled()) as pilot:
        await burst(pilot, "/japan")
        await pilot.press("enter", "enter")
        await pilot.press("m")
        picker = pilot.app.screen
        assert isinstance(picker, PickItem)
        corpus = pilot.app.corpus
        offered = [option.id for option in picker.query_one("#pick-list").options]
        assert offered and "japan" not in offered
        assert {corpus.entities[i].kind for i in offered} == {"country"}


async def test_mention_rows_count_articles_and_mentions_and_show_a_sentence_once():
    async with running(bundled()) as pilot:
        await burst(pilot, "/united states")
        await pilot.press("enter", "enter")
        await pilot.pause()
        page = pilot.app.screen
        assert isinstance(page, DetailScreen) and page.item.id == "united-states"
        prompts = [str(o.prompt) for o in page.query_one(Page).options]
        assert "Mentioned in (1 article, 15 mentions)" in prompts
        sentences = [p for p in prompts if "Jaishankar, and U.S. Secretary" in p]
        assert len(sentences) == 1  # two mentions in it, one row


async def test_a_sentence_cut_short_ends_with_an_ellipsis():
    long = "word " * 120
    data = small_data()
    data["articles"]["1"]["text"] = f"{long}India {long}"
    data["articles"]["1"].pop("sha256", None)
    from tui.core.models import Entity
    from tui.knowledge.extract import Extractor

    mentions = Extractor.for_targets([Entity("india", "India", "country")], []).find(
        data["articles"]["1"]["id"], data["articles"]["1"]["text"]
    )
    data["mentions"] = {str(n): m.to_dict() for n, m in enumerate(mentions, start=1)}
    async with running(Store.memory(data)) as pilot:
        pilot.app.open_item("entity", "india")
        await pilot.pause()
        prompts = [str(o.prompt) for o in pilot.app.screen.query_one(Page).options]
        rows = [p for p in prompts if "India" in p and "word" in p]
        assert rows and rows[0].startswith("…") and rows[0].endswith("…")


async def test_the_alias_toast_names_the_alias(tmp_path):
    from tests.conftest import write_db

    store = Store.open(write_db(tmp_path / "db.json", small_data()))
    async with running(store) as pilot:
        await pilot.press("2", "enter")
        await pilot.pause()
        await pilot.press("plus")
        assert isinstance(pilot.app.screen, AskText)
        await burst(pilot, "Bharat Ganarajya")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()

        def told() -> bool:
            return any("'Bharat Ganarajya'" in n.message for n in pilot.app._notifications)

        for _ in range(500):  # the toast comes from the worker through the event loop
            if told():
                break
            await pilot.pause(0.01)
        assert told(), [n.message for n in pilot.app._notifications]


async def test_help_at_80_columns_names_each_group_once_and_keeps_its_columns():
    async with running(bundled()) as pilot:
        await pilot.press("question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        groups = [str(s.render()) for s in help_screen.query(".help-context")]
        assert len(groups) == len(set(groups))
        for table in help_screen.query(".help-table"):
            cells = list(table.children)
            keys, descriptions = cells[0::2], cells[1::2]
            assert len({c.region.x for c in keys}) == 1  # one column each, whatever wraps
            assert len({c.region.x for c in descriptions}) == 1
            pairs = zip(keys, descriptions, strict=True)
            assert all(k.region.right <= d.region.x for k, d in pairs)


async def test_the_dry_run_box_reads_without_colour(tmp_path):
    async with running(bundled()) as pilot:
        await pilot.press("i")
        assert isinstance(pilot.app.screen, ImportScreen)
        toggle = pilot.app.screen.query_one(Toggle)
        assert str(toggle.render()).startswith("[ ]")
        toggle.toggle()
        await pilot.pause()
        assert str(toggle.render()).startswith("[x]")
