"""A Strip whose caches are made when first used (tui/ui/widgets/linestrip.py): it gives what
Strip gives, makes no cache until one is asked for, and is Strip itself with a Strip it does not
know."""

from __future__ import annotations

import pytest
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual.cache import FIFOCache
from textual.color import Color
from textual.filter import DimFilter, Monochrome
from textual.strip import Strip

from tests.conftest import bundled_data
from tests.pilot import burst, running
from tui.storage.store import Store
from tui.ui.widgets import linestrip
from tui.ui.widgets.linestrip import LineStrip, line_strip
from tui.ui.widgets.pane import Pane

RED, BOLD = Style(color="red"), Style(bold=True, bgcolor="blue")
SEGMENTS = [
    Segment("│", RED),
    Segment(" India and the U.S.", BOLD),
    Segment(" sign BECA ", Style()),
    Segment("国防", RED),
    Segment("   ", BOLD),
]


def cells(strip: Strip) -> tuple[list[tuple[str, Style | None]], int]:
    return [(segment.text, segment.style) for segment in strip], strip.cell_length


WAYS = {
    "crop": lambda s: s.crop(3, 17),
    "crop to a wide character": lambda s: s.crop(0, 33),
    "divide": lambda s: s.divide([2, 10, 36]),
    "apply_style": lambda s: s.apply_style(Style(italic=True)),
    "dim filter": lambda s: s.apply_filter(DimFilter(), Color(10, 20, 30)),
    "monochrome": lambda s: s.apply_filter(Monochrome(), Color(0, 0, 0)),
    "extend": lambda s: s.extend_cell_length(40, Style(underline=True)),
    "adjust": lambda s: s.adjust_cell_length(20),
    "crop_extend": lambda s: s.crop_extend(1, 45, Style(dim=True)),
    "simplify": lambda s: s.simplify(),
    "offsets": lambda s: s.apply_offsets(2, 3),
    "discard_meta": lambda s: s.discard_meta(),
}


def test_the_installed_textual_is_one_it_knows():
    # A new Textual whose Strip holds something else makes this Strip itself: nothing breaks,
    # but the saving is gone, and this says so.
    assert line_strip is LineStrip


@pytest.mark.parametrize("way", WAYS)
def test_every_way_of_a_strip_gives_what_strip_gives_and_keeps_it_as_strip_does(way):
    ours, theirs = LineStrip(SEGMENTS, 36), Strip(SEGMENTS, 36)
    made, expected = WAYS[way](ours), WAYS[way](theirs)
    again, expected_again = WAYS[way](ours), WAYS[way](theirs)  # from the cache, if any
    for mine, strips in ((made, expected), (again, expected_again)):
        if isinstance(strips, list):
            assert [cells(strip) for strip in mine] == [cells(strip) for strip in strips]
        else:
            assert cells(mine) == cells(strips)
    assert (again is made) == (expected_again is expected)  # kept where Strip keeps it


def test_two_line_strips_keep_their_own():
    first, second = LineStrip(SEGMENTS, 36), LineStrip(SEGMENTS[1:], 35)
    assert cells(first.crop(0, 4)) != cells(second.crop(0, 4))
    assert first.crop(0, 4) is first.crop(0, 4) and second.crop(0, 4) is not first.crop(0, 4)


def test_it_renders_and_measures_as_strip_does():
    ours, theirs = LineStrip(SEGMENTS), Strip(SEGMENTS)
    console = Console(color_system="truecolor", force_terminal=True)
    assert ours.render(console) == theirs.render(console)
    assert (ours.text, ours.cell_length, len(ours)) == (theirs.text, theirs.cell_length, 5)
    assert ours == theirs and list(ours) == list(theirs)
    assert ours.link_ids == theirs.link_ids


def test_no_cache_is_made_until_one_is_used():
    strip = LineStrip(SEGMENTS, 36)
    assert linestrip._SIZES
    for name in linestrip._SIZES:
        with pytest.raises(AttributeError):
            getattr(Strip, name).__get__(strip)  # the slot itself, unset
    strip.crop(1, 5)
    crops = Strip._crop_cache.__get__(strip)
    assert isinstance(crops, FIFOCache) and len(crops) == 1
    assert crops._maxsize == Strip([], 0)._crop_cache._maxsize
    with pytest.raises(AttributeError):
        Strip._divide_cache.__get__(strip)  # the others still not made
    with pytest.raises(AttributeError):
        strip.not_a_cache  # noqa: B018 (an absent attribute stays absent)
    assert not hasattr(strip, "__rich__")


def test_the_segments_given_are_copied():
    given = list(SEGMENTS)
    strip = LineStrip(given, 36)
    given.append(Segment("more"))
    assert len(strip) == len(SEGMENTS)


def test_a_strip_holding_anything_else_is_not_made_lazy(monkeypatch):
    class Wider(Strip):  # a new value kept
        __slots__ = ("_extra",)

        def __init__(self, segments, cell_length=None):
            super().__init__(segments, cell_length)
            self._extra = set()

    class Sizeless(Strip):  # a cache without the size it is read for
        __slots__ = ()

        def __init__(self, segments, cell_length=None):
            super().__init__(segments, cell_length)
            del self._divide_cache._maxsize

    for other in (Wider, Sizeless):
        monkeypatch.setattr(linestrip, "Strip", other)
        assert linestrip._cache_sizes() is None


def test_a_strip_made_otherwise_is_not_made_lazy(monkeypatch):
    class Measured(Strip):  # its length worked out as it is made
        __slots__ = ()

        def __init__(self, segments, cell_length=None):
            super().__init__(segments, cell_length)
            self._cell_length = self.cell_length

    sizes = linestrip._cache_sizes()
    assert sizes is not None and linestrip._made_alike(sizes)
    monkeypatch.setattr(linestrip, "Strip", Measured)
    assert not linestrip._made_alike(sizes)


def test_a_new_cache_of_strip_s_is_made_lazily_too(monkeypatch):
    class MoreCaches(Strip):
        __slots__ = ("_more_cache",)

        def __init__(self, segments, cell_length=None):
            super().__init__(segments, cell_length)
            self._more_cache = FIFOCache(3)

    monkeypatch.setattr(linestrip, "Strip", MoreCaches)
    sizes = linestrip._cache_sizes()
    assert sizes is not None and sizes["_more_cache"] == 3 and sizes["_crop_cache"] == 16


async def test_the_panes_and_the_search_bar_draw_line_strips():
    async with running(Store.memory(bundled_data()), size=(100, 30)) as pilot:
        await burst(pilot, "/beca")
        pane = pilot.app.screen.query_one("#agreements", Pane)
        drawn = pane.render_lines(pane.region.reset_offset)
        bar = pilot.app.screen.query_one("#search")
        text = bar.render_lines(bar.region.reset_offset)[bar.styles.gutter.top]
    content = drawn[1 : pane.outer_size.height - 1]
    assert content and all(type(line) is LineStrip for line in content)
    assert type(text) is LineStrip
