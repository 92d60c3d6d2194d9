"""Text fields keep control characters out: a paste, the history or a saved search cannot put
an escape sequence (or a bidi override) into a field, and so onto the terminal."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult

from tests.pilot import running
from tests.test_panes import bundled
from tui.core.textsafe import one_line, strip_controls
from tui.ui.widgets.fields import SafeInput, SafeTextArea, field_text
from tui.ui.widgets.searchbar import SearchBar

HOSTILE = "lem\x1b[2J\x07o\x9b31m\u202ea\x00"


def drawn(widget) -> str:
    return "".join(segment.text for segment in widget.render_line(0))


class Fields(App):
    def compose(self) -> ComposeResult:
        yield SafeInput(id="line")
        yield SafeTextArea(id="area")


def test_a_field_s_text_loses_its_controls_and_its_breaks():
    assert field_text(HOSTILE) == "lem[2Jo31ma"
    assert field_text("one\ttwo\nthree\u2028four") == "one two three four"


def test_printable_text_is_returned_at_once_because_nothing_in_it_is_cleaned():
    """field_text skips the cleaning for printable text: no printable character is one it
    would drop or replace (a control added to textsafe's set that Python calls printable
    would break that)."""
    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    assert one_line(strip_controls(printable)) == printable


async def test_a_paste_into_the_search_bar_keeps_its_text_and_drops_its_controls():
    async with running(bundled(), size=(100, 30)) as pilot:
        await pilot.press("slash")
        bar = pilot.app.screen.query_one(SearchBar)
        bar.post_message(events.Paste(HOSTILE))
        await pilot.pause(0.2)
        assert bar.value == "lem[2Jo31ma" and bar.cursor_position == len(bar.value)
        assert pilot.app.screen.query_text == bar.value
        line = drawn(bar)
        assert line.isprintable() and "lem[2Jo31ma" in line
        bar.cursor_position = 3  # in the middle: the cursor lands after what was kept
        bar.post_message(events.Paste("\x1b]52;c;aGk=\x07x"))
        await pilot.pause(0.2)
        assert bar.value == "lem]52;c;aGk=x[2Jo31ma" and bar.cursor_position == 14


async def test_a_value_set_directly_is_cleaned_too():
    """The history and saved searches are files a user can edit: what they hold is set as the
    bar's value, not typed."""
    async with running(bundled(), size=(100, 30)) as pilot:
        bar = pilot.app.screen.query_one(SearchBar)
        bar.history = ["quad\x1b[31m\nsummit"]
        await pilot.press("slash", "up")
        await pilot.pause(0.2)
        assert bar.value == "quad[31m summit"
        assert drawn(bar).isprintable()


@pytest.mark.parametrize("text", [HOSTILE, "a\tb\r\nc\x1b[0m"])
async def test_every_kind_of_field_holds_no_control_character(text):
    async with Fields().run_test() as pilot:
        line, area = pilot.app.query_one(SafeInput), pilot.app.query_one(SafeTextArea)
        for field in (line, area):
            field.focus()
            await pilot.pause()
            pilot.app.post_message(events.Paste(text))  # as a terminal's paste comes
            await pilot.pause()
        assert line.value.isprintable()
        assert all(row.replace("\t", " ").isprintable() for row in area.text.split("\n"))
        if "\t" in text:  # a note keeps its tabs and line breaks; a line, spaces
            assert line.value == "a b" and area.text == "a\tb\nc[0m"  # (a line: the first)


def test_no_field_of_the_app_is_a_bare_textual_one():
    """Every Input and TextArea the app makes is a safe one (the class of the defect: a new
    screen with a plain Input would let a paste reach the terminal again)."""
    bare = []
    for path in Path("tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                if node.func.id in ("Input", "TextArea"):
                    bare.append(f"{path}:{node.lineno}")
    assert bare == []
