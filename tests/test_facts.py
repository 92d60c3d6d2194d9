"""The facts at the top of a page, as a person reads them."""

from __future__ import annotations

import pytest

from tui.ui.facts import moment


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2026-12-04T16:48:20+00:00", "2026-12-04 16:48 UTC"),  # an import's time
        ("2026-11-26T00:00:00+00:00", "2026-11-26"),  # a day
        ("2025-07-01T09:30:00+05:30", "2025-07-01 09:30 +0530"),
        ("2025-07-01T09:30:00", "2025-07-01 09:30"),
        ("2025-07-01", "2025-07-01"),
        ("last Tuesday", "last Tuesday"),  # not a time: as written
        ("", ""),
    ],
)
def test_an_added_time_reads_as_a_date_and_time(stamp, shown):
    assert moment(stamp) == shown
