"""A Strip that makes its caches when they are first used, not when it is made.

Textual's `Strip` makes seven caches as it is made (a `FIFOCache` and its dict each): its
crops, divisions, styles, filters... A line a pane or the search bar draws is made once for
what it shows, kept, and given to the compositor, which divides it at most, and of the seven
caches uses one or none. A keystroke makes some eighty such lines: 1.2 µs a line warm, 0.2
without the caches, and some five hundred short-lived objects the collector tracks.

`LineStrip` is a `Strip` in every other way (its methods are Strip's, and what they return are
Strips). Each cache is a property over Strip's own slot, made on first use: other attributes
are read as fast as a Strip's (a `__getattr__` would slow every one of them), a cache 0.1 µs
slower. It is made only when Strip holds what it knows (the segments, the cell length, the
caches, and three values left None until worked out), as a LineStrip made alike shows; with
any other Strip, `line_strip` is Strip itself, and nothing is drawn otherwise.
test_linestrip.py compares what both give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from rich.segment import Segment
from textual.cache import FIFOCache
from textual.strip import Strip

__all__ = ["LineStrip", "line_strip"]

_MADE = ("_segments", "_cell_length")
_NONE = ("_render_cache", "_link_ids", "_cell_count")  # None until worked out


class LineStrip(Strip):
    """A Strip whose caches are made when a method first asks for one (the properties are
    set below, one for each of Strip's caches)."""

    __slots__ = ()

    def __init__(self, segments: Iterable[Segment], cell_length: int | None = None) -> None:
        self._segments = list(segments)
        self._cell_length = cell_length
        self._render_cache = None
        self._link_ids = None
        self._cell_count = None


def _cache_sizes() -> dict[str, int] | None:
    """The size of each of Strip's caches, by slot, from a Strip made as Textual makes it;
    None when Strip holds anything else than these, the segments and the three None."""
    reference = Strip([Segment("a")], 1)
    slots = {slot for kind in Strip.__mro__ for slot in getattr(kind, "__slots__", ())}
    sizes: dict[str, int] = {}
    for name in slots:
        cache = getattr(reference, name, None)
        size = getattr(cache, "_maxsize", None)  # (FIFOCache's own: gone, nothing is lazy)
        if isinstance(cache, FIFOCache):
            if not isinstance(size, int):
                return None
            sizes[name] = size
    if slots != {*_MADE, *_NONE, *sizes} or any(getattr(reference, n) is not None for n in _NONE):
        return None
    return sizes


def _lazy(name: str, size: int) -> property:
    """The cache in Strip's slot `name`, made there (`size` entries) the first time it is read."""
    slot: Any = getattr(Strip, name)
    read: Callable[[Strip], FIFOCache] = slot.__get__
    write: Callable[[Strip, FIFOCache], None] = slot.__set__

    def cache(strip: Strip) -> FIFOCache:
        try:
            return read(strip)
        except AttributeError:
            made: FIFOCache = FIFOCache(size)
            write(strip, made)
            return made

    return property(cache)


def _made_alike(sizes: dict[str, int]) -> bool:
    """A LineStrip and a Strip of the same segments hold the same (their caches aside)."""
    segments = [Segment("ab"), Segment("c")]
    ours, theirs = LineStrip(segments), Strip(segments)
    return all(getattr(ours, n) == getattr(theirs, n) for n in (*_MADE, *_NONE)) and all(
        getattr(ours, n)._maxsize == size for n, size in sizes.items()
    )


_SIZES = _cache_sizes()
if _SIZES is not None:
    for _name, _size in _SIZES.items():
        setattr(LineStrip, _name, _lazy(_name, _size))
line_strip: type[Strip] = LineStrip if _SIZES is not None and _made_alike(_SIZES) else Strip
