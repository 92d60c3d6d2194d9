"""A Strip that makes its caches when they are first used, not when it is made.

Textual's `Strip` makes seven caches as it is made (a `FIFOCache` and its dict each): its
crops, divisions, styles, filters... A line a pane or the search bar draws is made once for
what it shows, kept, and given to the compositor, which divides it at most, and of the seven
caches uses one or none. A keystroke makes some eighty such lines: 1.3 µs a line warm for the
caches alone (0.2 µs without them), and a thousand short-lived objects for the collector.

`LineStrip` is a `Strip` in every other way (its methods are Strip's, and what they return are
Strips). It is made only when Strip's slots are the ones it knows (the segments, the cell
length, the caches, and three left None); with any other Strip, `line_strip` is Strip itself,
and nothing is drawn otherwise. test_linestrip.py compares what both give.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

__all__ = ["LineStrip", "line_strip"]

_MADE = ("_segments", "_cell_length")
_NONE = ("_render_cache", "_link_ids", "_cell_count")  # None until worked out


def _cache_sizes() -> dict[str, int] | None:
    """The size of each of Strip's caches, by slot, from a Strip made as Textual makes it;
    None when Strip holds anything else than these, the segments and the three None."""
    reference = Strip([], 0)
    slots = {slot for kind in Strip.__mro__ for slot in getattr(kind, "__slots__", ())}
    sizes = {
        name: cache._maxsize
        for name in slots
        if isinstance(cache := getattr(reference, name, None), FIFOCache)
    }
    if slots != {*_MADE, *_NONE, *sizes} or any(getattr(reference, n) is not None for n in _NONE):
        return None
    return sizes


_SIZES = _cache_sizes()


class LineStrip(Strip):
    """A Strip whose caches are made when a method first asks for one."""

    __slots__ = ()

    def __init__(self, segments: Iterable[Segment], cell_length: int | None = None) -> None:
        self._segments = list(segments)
        self._cell_length = cell_length
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None

    def __getattr__(self, name: str) -> FIFOCache:
        # Only for a slot not yet set: one of the caches, made now (anything else is absent)
        size = _SIZES.get(name) if _SIZES is not None else None
        if size is None:
            raise AttributeError(name)
        cache: FIFOCache = FIFOCache(size)
        setattr(self, name, cache)
        return cache


line_strip: type[Strip] = LineStrip if _SIZES is not None else Strip
