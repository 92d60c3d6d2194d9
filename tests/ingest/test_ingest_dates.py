"""`parse_date`: many written forms to ISO dates, never an exception."""

from __future__ import annotations

import time

import pytest

from tui.ingest import parse_date
from tui.ingest.dates import from_struct


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-26", "2026-11-26"),
        ("2026-11-26T08:30:00+01:00", "2026-11-26"),
        ("2026-11-26T23:30:00Z", "2026-11-26"),
        ("20261126", "2026-11-26"),
        ("Wed, 26 Nov 2025 10:00:00 GMT", "2025-11-26"),
        ("Tue, 18 Nov 2025 14:00:00 +0000", "2025-11-18"),
        ("26 November 2026", "2026-11-26"),
        ("26th November 2026", "2026-11-26"),
        ("26 Nov 2026", "2026-11-26"),
        ("November 26, 2026", "2026-11-26"),
        ("Thursday, 26 November 2026", "2026-11-26"),
        ("2026/11/26", "2026-11-26"),
        ("26.11.2026", "2026-11-26"),
        ("November 2026", "2026-11"),
        ("2026-11", "2026-11"),
        ("2026", "2026"),
    ],
)
def test_readable_dates(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "   ", "sometime soon", "2026-13", "31 February 2026", "99999", "x" * 500]
)
def test_unreadable_dates_are_none(raw):
    assert parse_date(raw) is None


def test_from_struct():
    assert from_struct(time.strptime("2025-02-03", "%Y-%m-%d")) == "2025-02-03"
    assert from_struct(None) is None
