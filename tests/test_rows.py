"""A pane's rows drawn straight to segments (widgets/rows.py `paint`): the same cells and
styles as Textual draws the same line as Content, cut, marked and padded."""

from __future__ import annotations

import pytest
from rich.segment import Segment
from textual.strip import Strip
from textual.style import Style

from tui.ui.text import marked, marked_lines
from tui.ui.widgets.rows import line_styles, paint

BASE = Style.parse("#e0e0e0 on #202020")
CURSOR = Style.parse("bold #000000 on #ffa62b")

LINES = [
    marked("India and the U.S. deepen defence ties", [(0, 5), (19, 26)]),
    marked("Quad summit: the Quad's leaders meet", [(0, 4), (17, 21)], style="dim"),
    marked("Marked to the very end", [(10, 22)]),
    marked("国防 cooperation 日本 and India", [(0, 2), (18, 20)]),  # wide characters
    marked("Overlapping marks merge", [(0, 6), (3, 11), (12, 17)]),
    marked(""),
    *marked_lines("Indexing 3 articles…\nfor search", "dim italic"),
    marked("Bookmarked and marked", [(0, 4), (15, 21)], lead="★"),  # a bookmark's star
    marked("★ Starred in the data", [(2, 9)], style="dim", lead="★"),
]


def cells(segments: list[Segment]) -> list[tuple[str, object]]:
    return [(char, segment.style) for segment in segments for char in segment.text]


def as_content(line, width: int, base: Style) -> list[Segment]:
    """How the pane drew a line before: Textual's own Content, cut and padded."""
    content = line.content.truncate(width, ellipsis=True)
    strip = Strip(content.render_segments(base)).extend_cell_length(width, base.rich_style)
    return list(strip)


@pytest.mark.parametrize("base", [BASE, CURSOR])
@pytest.mark.parametrize("width", [0, 1, 5, 12, 23, 40, 80])
@pytest.mark.parametrize("line", LINES)
def test_paint_draws_what_content_draws(line, width, base):
    painted = paint(line, width, line_styles(base, line.style))
    assert cells(painted) == cells(as_content(line, width, base))
    assert Strip(painted).cell_length == width  # padded, or cut, to the width


def test_padding_in_the_text_s_own_style_goes_in_its_segment():
    """One segment, one style written to the terminal; a dimmed line's padding is not dim."""
    label = paint(marked("India and the Quad", [(0, 5)]), 24, line_styles(BASE, ""))
    assert [s.text for s in label] == ["India", " and the Quad      "]
    detail = paint(marked("Signed in 2016", (), style="dim"), 20, line_styles(BASE, "dim"))
    assert [s.text for s in detail] == ["Signed in 2016", "      "]
    assert detail[0].style.dim and not detail[1].style.dim


def test_marks_are_sorted_apart_and_inside_the_cut_text():
    line = marked("abcdefghij" * 3, [(12, 15), (0, 4), (2, 6), (25, 40)], width=20)
    assert line.text == "abcdefghij" * 2
    assert line.marks == ((0, 6), (12, 15))


@pytest.mark.parametrize(
    ("room", "shown"),
    [
        (0, "Entities 10,000+"),  # not laid out yet: all of it
        (16, "Entities 10,000+"),
        (15, "Ent 10,000+"),
        (11, "Ent 10,000+"),
        (10, "E 10,000+"),
        (8, "10,000+"),
        (3, "10,000+"),  # Textual cuts what is left
    ],
)
def test_a_title_keeps_its_count_in_a_narrow_pane(room, shown):
    from tui.ui.widgets.rows import fitted

    assert fitted("Entities 10,000+", room) == shown
    assert len(shown) <= room or shown in ("Entities 10,000+", "10,000+")


def test_a_lead_is_the_apps_own_flag_before_the_text_in_ascii_too(monkeypatch):
    from tui.ui import glyphs

    line = marked("India", [(0, 5)], lead="★")
    assert (line.lead, line.text, line.marks) == ("★ ", "India", ((0, 5),))
    painted = paint(line, 10, line_styles(BASE, line.style))
    assert [s.text for s in painted] == ["★ ", "India", "   "]
    assert painted[0].style.bold and not painted[0].style.underline  # not a match
    monkeypatch.setattr(glyphs, "_ascii", True)
    assert marked("India", lead="★").lead == "* "
