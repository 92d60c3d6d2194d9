"""The collector between keystrokes (ui/collector.py): what a key leaves is freed and collected
after its frame, not in the middle of the next key."""

from __future__ import annotations

import gc
import weakref

from tui.ui import collector


class Thing:
    pass


def test_what_is_dropped_lives_until_the_next_tidy():
    thing = Thing()
    alive = weakref.ref(thing)
    collector.drop_later(thing)
    del thing
    assert alive() is not None
    collector.tidy()
    assert alive() is None


def cycle() -> weakref.ref:
    """A weak reference to an object that only the collector can free (it is in a cycle)."""
    thing = Thing()
    thing.me = thing  # type: ignore[attr-defined]
    return weakref.ref(thing)


def test_tidy_collects_the_young_cycles_once_there_are_enough_of_them():
    was, thresholds = gc.isenabled(), gc.get_threshold()
    collector.tune()  # as the app runs: the young generation is left to `tidy`
    gc.enable()
    gc.collect()
    try:
        few = cycle()
        collector.tidy()
        assert few() is not None  # not worth a visit yet
        many = [cycle() for _ in range(collector.TIDY_AT)]
        collector.tidy()
        assert few() is None and all(ref() is None for ref in many)
    finally:
        gc.set_threshold(*thresholds)
        if not was:
            gc.disable()


def test_tidy_leaves_a_disabled_collector_alone():
    gc.disable()
    try:
        refs = [cycle() for _ in range(collector.TIDY_AT * 2)]
        collector.tidy()
        assert all(ref() is not None for ref in refs)
    finally:
        gc.enable()
        gc.collect()
