"""Turn the many ways articles write dates into ISO dates.

`parse_date` never raises: a date it cannot read is simply unknown (None), because a missing
date should not stop an article from being imported.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime
from email.utils import parsedate_to_datetime

# Formats tried after ISO 8601 and RFC 2822, with the precision each one gives.
_DAY_FORMATS = (
    "%d %B %Y",  # 26 November 2026
    "%d %b %Y",  # 26 Nov 2026
    "%B %d %Y",  # November 26 2026 (commas are removed first)
    "%b %d %Y",  # Nov 26 2026
    "%A %d %B %Y",  # Thursday 26 November 2026
    "%A %B %d %Y",  # Thursday November 26 2026
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%Y.%m.%d",
    "%Y%m%d",
)
_MONTH_FORMATS = ("%B %Y", "%b %Y", "%Y/%m")
_YEAR_MONTH = re.compile(r"(\d{4})-(\d{2})")
_YEAR = re.compile(r"\d{4}")
_ORDINAL = re.compile(r"\b(\d{1,2})(st|nd|rd|th)\b", re.IGNORECASE)


def parse_date(value: str) -> str | None:
    """Return "YYYY-MM-DD" for a readable date, "YYYY-MM" or "YYYY" if only that is given.

    Accepts ISO 8601 dates and timestamps, RFC 2822 ("Wed, 26 Nov 2025 10:00:00 GMT") and
    common written forms ("26 November 2026", "November 26, 2026", "2026/11/26").
    """
    if len(value) > 100:
        return None
    text = " ".join(_ORDINAL.sub(r"\1", value.replace(",", " ")).split())
    if not text:
        return None
    return _iso(value.strip()) or _rfc2822(value.strip()) or _written(text) or _partial(text)


def from_struct(value: time.struct_time | None) -> str | None:
    """ISO date of a `time.struct_time` (as feedparser gives), or None."""
    if value is None:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    except (ValueError, TypeError, AttributeError):
        return None


def _iso(text: str) -> str | None:
    """ISO 8601 date or date-time; the time part and offset are ignored."""
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        return None


def _rfc2822(text: str) -> str | None:
    """RFC 2822 date as used by e-mail and RSS."""
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def _written(text: str) -> str | None:
    """Day-precise written forms from `_DAY_FORMATS`."""
    for fmt in _DAY_FORMATS:
        try:
            return datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _partial(text: str) -> str | None:
    """Month or year precision: "2026-11", "November 2026", "2026"."""
    match = _YEAR_MONTH.fullmatch(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return text
    for fmt in _MONTH_FORMATS:
        try:
            return datetime.strptime(text, fmt).strftime("%Y-%m")
        except ValueError:
            continue
    return text if _YEAR.fullmatch(text) else None
