"""A snapshot of the review queue at 80x24: the candidates, the most named first, and the
highlighted one's context with its name marked. Review the SVG in __snapshots__ when it
changes."""

from __future__ import annotations

import pytest

from tests.pilot import ready, settled
from tests.queue_data import queue_data
from tui.storage.store import Store
from tui.ui.app import QuadrantApp

pytestmark = pytest.mark.slow


async def queue_open(pilot) -> None:
    await ready(pilot)
    await pilot.press("r")
    for _ in range(500):  # the queue is read in a worker: wait for its rows, not for the
        # workers, which may not have started yet on a busy machine
        listing = (
            pilot.app.screen.query("#queue-list").first()
            if pilot.app.screen.id == "review"
            else None
        )
        if listing is not None and listing.option_count == 4:
            break
        await pilot.pause(0.02)
    await pilot.press("j")
    await settled(pilot)


def test_review_queue(snap_compare):
    app = QuadrantApp(Store.memory(queue_data()))
    assert snap_compare(app, terminal_size=(80, 24), run_before=queue_open)
