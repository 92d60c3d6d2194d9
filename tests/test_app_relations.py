"""Pilot tests of relations in the app: signers and what a person signed as links, the
connections of two entities, the timeline, and the canonical questions of issue #14 asked from
the first screen with the key sequences the README gives."""

from __future__ import annotations

import re

from tests.conftest import bundled_data, bundled_with_a_thin_role
from tests.pilot import burst, running
from tui.storage.store import Store
from tui.ui.screens.connections import ConnectionsScreen
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.reader import ReaderScreen
from tui.ui.screens.timeline import TimelineScreen

HEADING = re.compile(r"^[A-Z0-9][^\n]* \(\d[^\n]*\)$")


def bundled():
    return Store.memory(bundled_data())


def page_lines(screen) -> list[str]:
    """Every row of the page, as plain text, one line per row."""
    page = screen.query_one("#links")
    return [page.get_option_at_index(n).prompt.plain for n in range(page.option_count)]


def section(screen, heading: str) -> list[str]:
    """The rows under the heading that starts with `heading`, up to the next heading (a row
    of one line that is not a link and ends in a count: "Parties (2)")."""
    lines = page_lines(screen)
    page = screen.query_one("#links")
    start = next(n for n, line in enumerate(lines) if line.startswith(heading))
    rows = []
    for n in range(start + 1, len(lines)):
        if page.get_option_at_index(n).disabled and HEADING.match(lines[n]):
            break
        rows.append(lines[n])
    return rows


async def open_item(pilot, kind: str, item_id: str):
    pilot.app.open_item(kind, item_id)
    await pilot.pause()
    return pilot.app.screen


async def choose_row(pilot, text: str) -> None:
    """Move the page's cursor to the link whose row contains `text`, and open it."""
    page = pilot.app.screen.query_one("#links")
    index = next(n for n, line in enumerate(page_lines(pilot.app.screen)) if text in line)
    assert not page.get_option_at_index(index).disabled, f"{text!r} is not a link"
    page.highlighted = index
    page.scroll_to_highlight()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()


async def test_an_agreement_lists_its_signers_as_links_with_their_side():
    async with running(bundled()) as pilot:
        page = await open_item(pilot, "agreement", "beca")
        assert section(page, "Signed by (1)") == ["Jivesh Nandan\nfor India"]
        await choose_row(pilot, "Jivesh Nandan\nfor India")
        person = pilot.app.screen
        assert isinstance(person, DetailScreen) and person.item.id == "jivesh-nandan"
        assert any(line.startswith("BECA ·") for line in section(person, "Signed (1)"))


async def test_a_person_page_lists_what_they_signed_and_their_roles_as_links():
    async with running(bundled()) as pilot:
        page = await open_item(pilot, "entity", "rajnath-singh")
        signed = section(page, "Signed (2)")
        assert [line.split("\n")[1] for line in signed] == [
            "for India · 2023-06-05",
            "for India · 2025-10-31",
        ]
        assert "Agreements (0)" not in page_lines(page)  # the old co-mention list, misnamed
        roles = section(page, "Roles (2)")  # two of four roles name a body in the database
        assert (
            roles[0]
            == "Minister of Defence (Raksha Mantri)\nGovernment of India (2019-05-31 to now)"
        )
        assert "President\nBharatiya Janata Party (2005 to 2009)" in roles  # shown, not a link
        await choose_row(pilot, "Minister of Defence (Raksha Mantri)\nGovernment")
        assert pilot.app.screen.item.id == "india"  # "Government of India" links to India


async def test_a_role_that_names_no_organisation_reads_its_linked_one_and_its_end_alone():
    """Thin data: a role linked to India by id alone, known only to have ended in 2001. The
    person's row says where from the link, and when as far as known; India's row of people
    says the title once (the page once made both rows by cutting a longer text, and repeated
    the title where no organisation was named)."""
    data = bundled_with_a_thin_role()
    async with running(Store.memory(data)) as pilot:
        page = await open_item(pilot, "entity", "narendra-modi")
        assert "Chair of the Board\nIndia (? to 2001)" in section(page, "Roles (")
        india = await open_item(pilot, "entity", "india")
        assert "Narendra Modi\nChair of the Board (? to 2001)" in section(india, "People (")


async def test_an_organisation_lists_the_people_who_served_it_and_what_it_is_party_to():
    async with running(bundled()) as pilot:
        page = await open_item(pilot, "entity", "us-dod")
        people = section(page, "People (")
        assert any(line.startswith("Pete Hegseth\nSecretary of Defense") for line in people)
        india = await open_item(pilot, "entity", "india")
        party = section(india, "Party to (29)")
        assert party[0].startswith("Agreed Minute") and any("LEMOA" in p for p in party)
        assert not any(line.startswith("Signed (") for line in page_lines(india))


async def test_neighbours_are_ranked_by_shared_evidence():
    async with running(bundled()) as pilot:
        page = await open_item(pilot, "entity", "rajnath-singh")
        near = section(page, "Connected to (")
        assert near[0] == "India\ncountry · 2 roles · 2 agreements"
        assert "Pete Hegseth\nperson · 1 agreement" in near


async def test_c_connects_two_entities_and_each_step_opens_its_evidence():
    async with running(bundled()) as pilot:
        await burst(pilot, "/jaishankar")
        await pilot.press("enter", "enter")
        assert pilot.app.screen.item.id == "s-jaishankar"
        await pilot.press("c")
        await burst(pilot, "hegseth")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, ConnectionsScreen)
        lines = page_lines(screen)
        assert lines[0] == "S. Jaishankar  and  Pete Hegseth"
        first = lines.index("Directly (1)")
        assert lines[first + 1].startswith("named together in: India and U.S. Commit")
        assert "S. Jaishankar, and U.S. Secretary of Defense, Pete Hegseth" in lines[first + 2]
        assert any(line.startswith("through India (country)") for line in lines)
        await choose_row(pilot, "S. Jaishankar, and U.S. Secretary of Defense, Pete Hegseth")
        reader = pilot.app.screen
        assert isinstance(reader, ReaderScreen)
        await pilot.press("escape")
        await choose_row(pilot, "India – Pete Hegseth: Framework for the U.S.-India")
        assert pilot.app.screen.item.id == "framework-2025"


async def test_s_swaps_the_two_sides():
    async with running(bundled()) as pilot:
        await open_item(pilot, "entity", "pete-hegseth")
        await pilot.press("c")
        await burst(pilot, "jaishankar")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.press("s")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert page_lines(pilot.app.screen)[0] == "S. Jaishankar  and  Pete Hegseth"


async def test_two_entities_nothing_links_say_so():
    data = bundled_data()
    data["entities"]["999"] = {"id": "loner", "name": "Lone Entity", "kind": "person"}
    async with running(Store.memory(data)) as pilot:
        await open_item(pilot, "entity", "loner")
        await pilot.press("c")
        await burst(pilot, "hegseth")
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert page_lines(pilot.app.screen)[1] == "nothing links them in this database"


async def test_t_shows_the_search_in_date_order_and_o_reverses_it():
    async with running(bundled()) as pilot:
        await burst(pilot, "/party:india party:us signed:2016..2020")
        await pilot.press("enter", "t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        assert isinstance(screen, TimelineScreen)
        dates = [
            line[:10] for line in page_lines(screen) if line[:2] in ("19", "20") and "  " in line
        ]
        assert dates == sorted(dates) and dates[0] == "2016-06-07" and dates[-1] == "2020-10-27"
        assert "2020 (1)" in page_lines(screen)
        await pilot.press("o")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        again = [
            line[:10] for line in page_lines(screen) if line[:2] in ("19", "20") and "  " in line
        ]
        assert again == sorted(dates, reverse=True)
        await choose_row(pilot, "BECA")
        assert pilot.app.screen.item.id == "beca"


async def test_t_on_an_entity_page_is_its_own_timeline():
    async with running(bundled()) as pilot:
        await open_item(pilot, "entity", "rajnath-singh")
        await pilot.press("t")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        lines = page_lines(pilot.app.screen)
        assert lines[0] == "Timeline  of Rajnath Singh"
        assert any("Roadmap for U.S.-India Defense Industrial Cooperation" in x for x in lines)


async def timeline_of(pilot, opened) -> list[str]:
    """The lines of the timeline `t` opens, once `opened` (an item's page) is shown."""
    await opened
    await pilot.press("t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return page_lines(pilot.app.screen)


async def test_a_person_s_timeline_has_the_roles_held_each_a_link_to_where():
    """S. Jaishankar's page has no dated agreement and an undated article: its timeline was
    empty. His roles began and ended on it now, in date order, each opening the organisation."""
    async with running(bundled()) as pilot:
        lines = await timeline_of(pilot, open_item(pilot, "entity", "s-jaishankar"))
        assert lines[1].startswith("7 dated events · 1 undated, not shown")
        roles = [line.split()[:2] for line in lines if line.endswith("  role")]
        assert roles[:2] == [["2009", "began"], ["2013", "ended"]]
        assert "2015 (2)" in lines  # a post left, then one taken up, the same month
        left, took = (lines.index(x) for x in lines if x.startswith("2015-01"))
        assert "ended     Ambassador to the United States" in lines[left]
        assert "began     Foreign Secretary" in lines[took]
        assert any("External Affairs Minister, Government of India  role" in x for x in lines)
        await choose_row(pilot, "began     Foreign Secretary, Ministry of External Affairs")
        assert pilot.app.screen.item.id == "india-mea"


async def test_an_organisation_s_timeline_has_the_roles_held_there_each_a_link_to_who():
    async with running(bundled()) as pilot:
        lines = await timeline_of(pilot, open_item(pilot, "entity", "us-dod"))
        assert any("began     Pete Hegseth: Secretary of Defense" in x for x in lines)
        await choose_row(pilot, "began     Donald Rumsfeld: Secretary of Defense")
        assert pilot.app.screen.item.id == "donald-rumsfeld"


async def test_a_role_whose_organisation_the_database_lacks_is_a_row_without_a_link():
    async with running(bundled()) as pilot:
        lines = await timeline_of(pilot, open_item(pilot, "entity", "narendra-modi"))
        page = pilot.app.screen.query_one("#links")
        row = next(n for n, x in enumerate(lines) if "Chief Minister of Gujarat" in x)
        assert page.get_option_at_index(row).disabled  # nowhere to go: not a link
        assert lines[row - 1] == "2001 (1)"  # yet it counts in its year
        assert lines[row].startswith("2001-10     began     Chief Minister of Gujarat")


async def test_a_timeline_with_nothing_dated_says_what_would_give_it_a_place():
    """A page otherwise blank says why: nothing at all, or what would give the undated their
    place (roles only on an entity's own timeline)."""
    async with running(bundled()) as pilot:
        head = (await timeline_of(pilot, open_item(pilot, "entity", "drdo")))[:3]
        assert head[1:] == ["0 dated events · oldest first", "Nothing to put in order here."]
        pilot.app.go_back()
        head = (await timeline_of(pilot, open_item(pilot, "entity", "wilbur-ross")))[:3]
        assert head[1] == "0 dated events · 1 undated, not shown · oldest first"
        assert head[2].startswith("None of these has a date: agreements take their place by")
        assert head[2].endswith(", roles by when they began and ended.")
        pilot.app.go_back()
        pilot.app.go_back()
        await burst(pilot, "/kind:article")  # the article, undated
        await pilot.press("enter")  # into its pane, the query kept
        head = (await timeline_of(pilot, pilot.pause()))[:3]
        assert head[1] == "0 dated items · 1 undated, not shown · oldest first"
        assert head[2].endswith("articles by when they were published.")  # no roles


# The canonical questions of issue #14, each from the first screen, with the README's keys.


async def test_question_open_lemoa_page():
    async with running(bundled()) as pilot:
        await burst(pilot, "/lemoa")
        await pilot.press("enter", "enter")
        assert pilot.app.screen.item.id == "lemoa"


async def test_question_articles_that_mention_pete_hegseth():
    async with running(bundled()) as pilot:
        await burst(pilot, "/hegseth")
        await pilot.press("enter", "enter")
        lines = page_lines(pilot.app.screen)
        assert "Mentioned in (1 article, 3 mentions)" in lines
        assert any("India and U.S. Commit to Deeper Defense Collaboration" in x for x in lines)


async def test_question_who_signed_beca():
    async with running(bundled()) as pilot:
        await burst(pilot, "/beca")
        await pilot.press("enter", "enter")
        assert section(pilot.app.screen, "Signed by (1)") == ["Jivesh Nandan\nfor India"]


async def test_a_proposed_signer_is_marked_and_a_confirms_it_x_drops_another(tmp_path):
    from tests.pilot import loaded
    from tests.test_signing import SIGNED
    from tui.knowledge.importer import Importer

    store = bundled()
    source = tmp_path / "signed.txt"
    source.write_text(SIGNED)
    Importer(store).run([source])
    async with running(store) as pilot:
        page = await open_item(pilot, "agreement", "lemoa")
        rows = section(page, "Signed by (4)")
        assert rows[2] == "Rajnath Singh\nfor India · proposed by an import: a confirms, x drops"
        footer_keys = {b.binding.key for b in pilot.app.active_bindings.values()}
        assert "a" not in footer_keys  # not on a confirmed signer, nor on a confirmed agreement
        links = page.query_one("#links")
        links.highlighted = page_lines(page).index(rows[2])
        await pilot.pause()
        await pilot.press("a")
        await pilot.app.workers.wait_for_complete()
        await loaded(pilot.app)
        await pilot.pause()
        page = pilot.app.screen
        rows = section(page, "Signed by (4)")
        assert rows[2] == "Rajnath Singh\nfor India"
        links = page.query_one("#links")
        links.highlighted = page_lines(page).index(rows[3])
        await pilot.pause()
        await pilot.press("x")
        await pilot.app.workers.wait_for_complete()
        await loaded(pilot.app)
        await pilot.pause()
        assert len(section(pilot.app.screen, "Signed by (3)")) == 3
