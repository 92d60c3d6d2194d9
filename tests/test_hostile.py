"""Document text is data: markup and control sequences are shown literally, never obeyed."""

from __future__ import annotations

from tests.pilot import burst, running
from tui.core.document import empty_database
from tui.core.models import Article, Entity, text_digest
from tui.knowledge.extract import Extractor
from tui.storage.store import Store
from tui.ui.screens.reader import ReaderScreen

MARKUP = "[bold]x[/] [/] [@click=app.quit]quit[/] [link=http://e.vil]l[/link]"
CONTROLS = "\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\x9b31m"
TITLE = f"Hostile {MARKUP} {CONTROLS} title"
TEXT = f"India met {MARKUP} and {CONTROLS} here.\n\nSecond [b]paragraph[/b] on India."


def hostile_store() -> Store:
    india = Entity("india", "India", "country", description=f"desc {MARKUP} {CONTROLS}")
    article = Article("evil", TITLE, TEXT, source=MARKUP, sha256=text_digest(TEXT))
    data = empty_database()
    data["entities"] = {"1": india.to_dict()}
    data["articles"] = {"1": article.to_dict()}
    mentions = Extractor.for_targets([india], []).find("evil", TEXT)
    data["mentions"] = {str(n): m.to_dict() for n, m in enumerate(mentions, start=1)}
    return Store.memory(data)


def visible_text(screen) -> str:
    """The text of the screen's widgets: Statics and the options of every list."""
    from tests.test_hostile_fields import screen_text

    return screen_text(screen)


async def test_markup_in_titles_and_text_is_shown_literally_and_never_runs():
    async with running(hostile_store()) as pilot:
        pane = pilot.app.screen.query_one("#articles")
        row = pane.get_option_at_index(0).prompt.plain
        assert "[bold]x[/]" in row and "[@click=app.quit]" in row
        assert "\x1b" not in row and "\x07" not in row
        await pilot.press("1", "enter")
        screen = pilot.app.screen
        assert isinstance(screen, ReaderScreen)
        shown = visible_text(screen)
        assert "[link=http://e.vil]l[/link]" in shown and "[b]paragraph[/b]" in shown
        assert not any(c in shown for c in "\x1b\x07\x9b")
        await pilot.press("n", "enter")
        assert "desc [bold]x[/]" in visible_text(pilot.app.screen)
        assert pilot.app.is_running


async def test_hostile_text_in_the_search_bar_and_palette_is_harmless():
    async with running(hostile_store()) as pilot:
        await burst(pilot, "/[/]")
        await pilot.press("ctrl+p")
        await burst(pilot, "[@click=app.quit]")
        await pilot.pause(0.3)
        assert pilot.app.is_running
