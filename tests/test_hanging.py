"""A row with a hanging indent (text.Hanging): the head a column of its own, the body wrapping
beside it, each of its lines starting where its first did."""

from __future__ import annotations

import pytest
from textual.style import Style
from textual.visual import RenderOptions

from tui.ui.text import Hanging, assemble, plain

BASE = Style.parse("#e0e0e0 on #303030")
HEAD = assemble(plain("2008-10-10", "dim"), "  ", plain("signed   ", "dim"), " ")  # 22 cells
BODY = plain("123 Agreement · Agreement for Cooperation between the United States and India")


def rendered(visual: Hanging, width: int) -> list[str]:
    options = RenderOptions(lambda style: Style(), {})
    return [strip.text for strip in visual.render_strips(width, None, BASE, options)]


def test_the_body_wraps_beside_the_head():
    lines = rendered(Hanging(HEAD, BODY), 50)
    assert lines[0].startswith("2008-10-10  signed    123 Agreement")
    assert len(lines) > 1 and all(line.startswith(" " * 22) for line in lines[1:])
    assert all(line[22] != " " for line in lines[1:])  # the body's words, not more indent
    assert " ".join(" ".join(line[22:].split()) for line in lines) == BODY.plain
    assert Hanging(HEAD, BODY).get_height({}, 50) == len(lines)


def test_the_indent_takes_the_rows_style():
    options = RenderOptions(lambda style: Style(), {})
    strips = Hanging(HEAD, BODY).render_strips(50, None, BASE, options)
    indent = next(iter(strips[1]))
    assert indent.text == " " * 22 and indent.style == BASE.rich_style  # the cursor's, too


@pytest.mark.parametrize("width", [41, 22, 10, 1])  # 41: 19 cells beside the head
def test_with_no_room_beside_the_head_it_wraps_as_one(width):
    hanging = Hanging(HEAD, BODY)
    lines = rendered(hanging, width)
    assert "".join(line.strip() for line in lines).startswith("2008-10-10")
    assert len(lines) > 1 and not lines[1].startswith(" ")  # under the head, not beside it
    assert hanging.get_height({}, width) == len(lines)


def test_it_reads_as_its_text():
    assert Hanging(HEAD, BODY).plain == HEAD.plain + BODY.plain
