"""An article's publication date where its format has no field for one (every `.txt`, and
Markdown, HTML or JSON without a date): from a dateline at the top of its text, else from its
file name (`2025-07-01-talks.txt`, `20250701_talks.txt`). Never from the file's modification
time, which says when it was copied, not when it was published.

Conservative, because a wrong date is worse than none:

- Only the first HEAD_LINES lines of the text count; a date further down is about something
  else. In those lines a date counts when a label says it is the publication date
  ("Published: 1 July 2025", "Posted on July 1, 2025"), or when its line is a dateline: short
  and not a sentence ("By Rahul Singh | July 1, 2025"), or a wire dateline ("NEW DELHI, July 1,
  2025 —", "New Delhi, 12 March 2026 —": a place, the date, a dash, at the start of a line). A
  date after "Updated", "Accessed" and their like is not the publication date.
- Without a label, the day must be given ("1 July 2025", "2025-07-01"); a label may give only
  the month ("Published: July 2025"). Numeric dates other than year first (01/07/2025) are
  read either way round in different countries, so they are not read at all.
- A date later than tomorrow, or before 1900, is a mistake or not a date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from .base import Draft
from .dates import parse_date

HEAD_LINES = 6  # the lines of the text (after the title) a dateline may be in
DATELINE_CHARS = 90  # a longer line is a paragraph, not a dateline
DATELINE_WORDS = 8  # words on a dateline besides the date (a byline, a place, a source)
EARLIEST = 1900

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAY_DATE = re.compile(
    rf"(?<![\w-])(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{4}}/\d{{1,2}}/\d{{1,2}})(?![\d/-])"
    rf"|(?<![\w.]){_DAY}\s+{_MONTH},?\s+\d{{4}}(?!\d)"
    rf"|\b{_MONTH}\s+{_DAY},?\s+\d{{4}}(?!\d)",
    re.IGNORECASE,
)
_MONTH_DATE = re.compile(rf"\b{_MONTH},?\s+\d{{4}}(?!\d)", re.IGNORECASE)
# A label at the start of the line, or after a separator ("By X | Published: …"), right
# before the date: "The report, published on 1 July 2025, says" is not a label.
_PUBLISHED_LABEL = re.compile(
    r"(?:^|[|·•—–/]\s*)(?:first\s+|originally\s+)?"
    r"(?:published|posted|publication date|date|dated|released|issued)\b\W*(?:on\W*)?$",
    re.IGNORECASE,
)
_OTHER_LABEL = re.compile(
    r"\b(?:updated|modified|revised|edited|accessed|retrieved|archived|printed|copyright)\b",
    re.IGNORECASE,
)
# The place before a wire dateline's date: "NEW DELHI, ", or in the text's own case "New Delhi, "
# (up to four capitalised words, the first not a word that starts a sentence about a date)
_WIRE_PLACE = re.compile(
    r"(?:[A-Z][A-Z .'/-]{1,40}"
    r"|(?!(?i:on|in|by|at|as|of|from|since|after|before|until|till|during|between)\b)"
    r"(?:[A-Z][\w'.-]*\s+){0,3}[A-Z][\w'.-]*),?\s*"
)
_WORD = re.compile(r"[^\W\d_]+")
_NAME_DATE = re.compile(r"(?<!\d)(\d{4})([-_.]?)(\d{2})\2(\d{2})(?!\d)")


def with_found_date(draft: Draft, name: str, by_name: bool, today: date | None = None) -> Draft:
    """`draft` with a publication date from its text, else (when `by_name`: a file that holds
    one article) from the file `name`, if it has none and one is found."""
    if draft.published is not None:
        return draft
    today = today or date.today()
    found = date_in_text(draft.text, today) or (date_in_name(name, today) if by_name else None)
    return replace(draft, published=found) if found else draft


def date_in_text(text: str, today: date) -> str | None:
    """The publication date a dateline near the top of `text` gives, or None. A labelled date
    ("Published: …") anywhere in those lines comes before an unlabelled dateline."""
    lines = [line.strip() for line in text.split("\n", HEAD_LINES * 4)[: HEAD_LINES * 4]]
    head = [line for line in lines if line][:HEAD_LINES]
    labelled = dateline = None
    for line in head:
        for found, has_label in _dates_on(line):
            if not _plausible(found, today):
                continue
            if has_label:
                labelled = labelled or found
            else:
                dateline = dateline or found
    return labelled or dateline


def _dates_on(line: str) -> list[tuple[str, bool]]:
    """(ISO date, labelled as the publication date) for each date the line may give: labelled
    ones, and unlabelled ones when the line is a dateline; none after "Updated" and the like."""
    found = []
    seen = 0  # where the text before the next date starts
    for match, whole_day in _matches(line):
        before = line[seen : match.start()]
        seen = match.end()
        if _OTHER_LABEL.search(before):
            continue
        labelled = len(line) <= 2 * DATELINE_CHARS and bool(_PUBLISHED_LABEL.search(before))
        if not (labelled or (whole_day and _is_dateline(line, match))):
            continue
        iso = parse_date(_tidy(match.group()))
        if iso is not None:
            found.append((iso, labelled))
    return found


def _matches(line: str) -> list[tuple[re.Match, bool]]:
    """The dates on a line in order, each with whether it gives the day: "July 2025" only
    where it is not part of "1 July 2025"."""
    days = list(_DAY_DATE.finditer(line))
    months = [
        m
        for m in _MONTH_DATE.finditer(line)
        if not any(d.start() <= m.start() and m.end() <= d.end() for d in days)
    ]
    return sorted(
        [(m, True) for m in days] + [(m, False) for m in months], key=lambda p: p[0].start()
    )


def _is_dateline(line: str, match: re.Match) -> bool:
    """A line that carries a date rather than tells something: short, with few other words,
    and not a sentence; or a wire dateline, a place before the date and a dash after it."""
    before, after = line[: match.start()], line[match.end() :]
    wire = not before.strip() or _WIRE_PLACE.fullmatch(before)
    if wire and after.lstrip()[:1] in ("—", "–", "-", ":", "("):
        return True
    others = _WORD.findall(before) + _WORD.findall(after)
    sentence = len(others) >= 3 and line.rstrip("\"'”’)").endswith((".", "!", "?"))
    return len(line) <= DATELINE_CHARS and len(others) <= DATELINE_WORDS and not sentence


def _tidy(text: str) -> str:
    """A matched date in a form `parse_date` reads: "Sept." is "Sep", "Jul." is "Jul"."""
    return " ".join(re.sub(r"(?i)\bsept\b", "Sep", text.replace(".", " ")).split())


def date_in_name(name: str, today: date) -> str | None:
    """The date a file's name starts or carries as year, month and day (`2025-07-01-x.txt`,
    `2025_07_01`, `20250701_x.txt`), or None. Folders are not read: only the name."""
    stem = re.split(r"[\\/]", name)[-1]
    for match in _NAME_DATE.finditer(stem):
        year, _, month, day = match.groups()
        try:
            found = date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            continue
        if _plausible(found, today):
            return found
    return None


def _plausible(iso: str, today: date) -> bool:
    """Not before EARLIEST, and not after tomorrow (a date just past today is a time zone
    ahead; one further on is a typo or a date the article looks forward to)."""
    year = int(iso[:4])
    if year < EARLIEST:
        return False
    parts = [int(p) for p in iso.split("-")]
    first = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return first <= today + timedelta(days=1)
