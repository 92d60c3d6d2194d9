"""The garbage collector, set for an app that is typed into.

A keystroke makes tens of thousands of short-lived objects (strips, segments, styles), which
reference counting frees. At the collector's default young threshold (700) it ran 10 to 15
times a keystroke, each time walking what had survived: about 3 ms of every key at 10k articles
(benchmarks/bench_keys.py, timed with `gc.callbacks`). At 10,000 it runs once or twice a key,
for about a third of that. The oldest generation is not collected while the user types (a full
collection, 5 to 30 ms, is a dropped frame): `sweep` collects it when the typing pauses, if
anything has reached it since the last time. The corpus is frozen out of all of it
(loading.py): the collector never walks the data.
"""

from __future__ import annotations

import gc

YOUNG = 10_000  # allocations between collections of the youngest generation
MIDDLE = 10  # young collections between collections of the middle one
OLDEST = 1_000_000_000  # never by count: `sweep`, at a pause


def tune() -> None:
    gc.set_threshold(YOUNG, MIDDLE, OLDEST)


def sweep() -> bool:
    """A full collection, if the middle generation was collected since the last one (else
    nothing can have reached the oldest). True if it ran."""
    if not gc.isenabled() or gc.get_count()[2] == 0:
        return False
    gc.collect()
    return True
