"""Every field of every record reaches the screen as data (issue 12): never markup, never a
control sequence, on every screen, dialog and the palette."""

from __future__ import annotations

import os
import re

import pytest
from textual.widgets import Label, OptionList, Static

from tests.conftest import write_db
from tests.hostile_fields import (
    BAD,
    FORBIDDEN,
    MARKUP,
    agreements,
    articles,
    database,
    entities,
    free_text_fields,
)
from tests.pilot import burst, running
from tests.terminal import PtyApp
from tui.storage.store import Store
from tui.ui.screens.ask import AskText, PickItem
from tui.ui.screens.detail import DetailScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.reader import ReaderScreen

# Fields that are not free text: ids, choices the model checks, and the text's digest. The
# acronym the text names is plain (the text itself holds everything).
NOT_FREE = {"id", "status", "review", "sha256", "parties", "related", "text", "acronym"}
NOT_FREE_BY_KIND = {"Entity": {"kind", "unsure"}}  # closed sets, checked on load


def test_the_fixture_puts_hostile_text_in_every_free_text_field():
    """Grows with the model: a new string field without hostile text here fails."""
    records = [*entities(), *agreements(), *articles()]
    for kind in {type(record) for record in records}:
        exempt = NOT_FREE | NOT_FREE_BY_KIND.get(kind.__name__, set())
        for name in free_text_fields(next(r for r in records if type(r) is kind)):
            if name in exempt:
                continue
            values = [
                v
                for r in records
                if type(r) is kind
                for v in (
                    getattr(r, name) if isinstance(getattr(r, name), tuple) else (getattr(r, name),)
                )
            ]
            assert any(BAD in v for v in values), f"{kind.__name__}.{name}"


def screen_text(screen) -> str:
    """What the screen's text widgets hold: Statics, Labels and every option of every list."""
    parts = [str(w.render()) for w in screen.query(Static) if not isinstance(w, Label)]
    parts += [str(w.render()) for w in screen.query(Label)]
    for options in screen.query(OptionList):
        parts += [str(option.prompt) for option in options.options]
    return "\n".join(parts)


def _clean(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\x9b"), repr(text[:200])


async def test_every_screen_and_dialog_shows_hostile_fields_literally():
    async with running(Store.memory(database())) as pilot:
        app = pilot.app
        await pilot.press("1", "enter")
        assert isinstance(app.screen, ReaderScreen)
        text = screen_text(app.screen)
        assert MARKUP in text and "author" in text and "https://e.vil/" in text
        _clean(text)
        await pilot.press("n", "enter")  # Bad [/] Name's page
        page = app.screen
        assert isinstance(page, DetailScreen) and page.item.id == "bad-name"
        text = screen_text(page)
        for shown in (
            "desc",
            "title",
            "org",
            "fact",
            "value",
            "tag",
            "notes",
            "source",
            "alias",
            "Bad [/] Name",
        ):
            assert f"{shown} {MARKUP}" in text or shown in text, shown
        _clean(text)
        await pilot.press("plus")  # the prompt names the item: it crashed on [/]
        assert isinstance(app.screen, AskText)
        assert "Bad [/] Name" in screen_text(app.screen)
        await pilot.press("escape", "m")
        assert isinstance(app.screen, PickItem)
        assert "Bad [/] Name" in screen_text(app.screen)
        await burst(pilot, "[/]")
        await pilot.press("escape", "escape", "n", "n", "enter")
        page = app.screen
        assert isinstance(page, DetailScreen) and page.item.id == "hostile"
        text = screen_text(page)
        for shown in (
            "kind",
            "place",
            "signer",
            "domain",
            "status",
            "summary",
            "notes",
            "pact alias",
            "https://pact.example/",
            "2016-08-29",
            "2016-04",
        ):
            assert shown in text, shown
        _clean(text)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "ctrl+p")
        await burst(pilot, "Bad [/]")
        await pilot.pause(0.3)
        await pilot.press("escape")
        assert app.is_running


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
@pytest.mark.slow
def test_no_byte_of_a_hostile_field_reaches_the_terminal(tmp_path):
    db = write_db(tmp_path / "hostile.json", database())
    app = PtyApp(db, extra=())
    try:
        assert app.read_until(b"Articles 1"), app.output[-2000:]  # the results are in
        # Each step waits for what only its own screen shows, in what was written after it.
        steps = [
            ("1\r", b"n/p to move"),
            ("n\r", b"not yet reviewed"),  # the page's head: its links may start below
            ("+", b"Another name"),
            ("\x1b", None),
            ("m", b"into another"),
            ("[/]", None),
            ("\x1b", None),
            ("\x1b", b"n/p to move"),
            ("nn\r", b"signed"),
            ("?", b"command palette:"),
            ("\x1b", None),
            ("\x10", b"Search for"),
            ("Evil", b"open this"),
            ("\x1b", None),
            ("/", None),
            ("hostile", b"hostile"),
            ("\x1b", None),
            ("i", b"files or folders"),
            ("\x1b", None),
        ]
        everything = app.output
        for keys, wait_for in steps:
            app.output = b""
            app.type(keys, 0.05)
            if wait_for is not None:
                assert app.read_until(wait_for, 10), (keys, app.output[-1500:])
            else:
                app.drain(0.25 if keys == "\x1b" else 0.05)  # Escape waits out ESCDELAY
            everything += app.output
        app.drain(0.3)
        everything += app.output
        assert app.alive(), app.output[-2000:]
        # Textual's own pointer-shape sequence (OSC 22) is the only one that may end in BEL.
        written = re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", everything)
        for payload in FORBIDDEN:
            assert payload not in written, payload
        assert b"\x07" not in written
        assert b"[@click=app.quit]" in written
    finally:
        app.close()
