"""The garbage collector, set for an app that is typed into.

A keystroke makes tens of thousands of short-lived objects (strips, segments, styles), which
reference counting frees. At the collector's default young threshold (700) it ran 10 to 15
times a keystroke, each time walking what had survived: about 3 ms of every key at 10k articles
(benchmarks/bench_keys.py, timed with `gc.callbacks`); at 10,000, once every key or two, 2 to 4
ms. Now the young generations are collected between keys, once a key's frame is out (`tidy`),
and the threshold is only a limit for long bursts. The oldest generation is not collected while
the user types (a full collection, 5 to 30 ms, is a dropped frame): `sweep` collects it when the
typing pauses, if anything has reached it since the last time. The corpus is frozen out of all of it
(loading.py): the collector never walks the data.
"""

from __future__ import annotations

import gc

YOUNG = 50_000  # allocations between collections of the youngest generation: `tidy` comes first
MIDDLE = 10  # young collections between collections of the middle one
OLDEST = 1_000_000_000  # never by count: `sweep`, at a pause
TIDY_AT = 1_000  # young objects worth a `tidy`

_dropped: list[object] = []  # freed by the next `tidy`


def tune() -> None:
    gc.set_threshold(YOUNG, MIDDLE, OLDEST)


def drop_later(thing: object) -> None:
    """Keep `thing` until the next `tidy`: freeing it (the lines a pane drew, up to 0.2 ms)
    is work a keystroke need not wait for."""
    _dropped.append(thing)


def tidy() -> None:
    """Between keystrokes, once a key's frame is out: free what was dropped, and collect the
    two young generations (a millisecond or two, the objects of a key or two), which the
    collector itself would do in the middle of a key."""
    _dropped.clear()
    if gc.isenabled() and gc.get_count()[0] >= TIDY_AT:
        gc.collect(1)


def sweep() -> bool:
    """A full collection, if the middle generation was collected since the last one (else
    nothing can have reached the oldest). True if it ran."""
    tidy()
    if not gc.isenabled() or gc.get_count()[2] == 0:
        return False
    gc.collect()
    return True
