"""Publication dates for files whose format has none: a dateline at the top of the text, or the
file name; never a date from further down, from the future, or from the file's mtime."""

from __future__ import annotations

import os
from datetime import date

import pytest

from tui.ingest import read_bytes, read_path
from tui.ingest.dateline import date_in_name, date_in_text

TODAY = date(2025, 11, 20)

PIB = """\
Posted On: 01 JUL 2025 5:30PM by PIB Delhi

Raksha Mantri Shri Rajnath Singh held a telephone conversation with the US Secretary of Defense
Mr Pete Hegseth today. The two leaders reviewed the progress in defence cooperation.
"""
HINDU = """\
Suhasini Haidar
NEW DELHI
Published - July 01, 2025 10:32 am IST | Updated - July 03, 2025 09:12 am IST

India and the U.S. will sign a 10-year framework for defence cooperation, officials said.
"""
WIRE = """\
NEW DELHI, July 1, 2025 — India and the United States on Tuesday agreed to deepen cooperation \
in defence production, officials of both countries said after talks in the capital.
"""
WIRE_IN_ITS_CASE = """\
New Delhi, 12 March 2025 — India's Defence Minister Rajnath Singh and Japan's Defence Minister \
Gen Nakatani met in New Delhi for the third 2+2 ministerial dialogue.
"""
EVENT_FIRST = """\
On 29 August 2016 — the day LEMOA was signed — the two defence ministers met in Washington \
and spoke of the logistics agreement as a first step.
"""
BYLINE = """\
By Rahul Singh | 1st July, 2025

The ministers met in Washington.
"""
ISO_LINE = """\
2025-07-01T09:30:00+05:30
The ministers met in Washington.
"""
EVENT_SENTENCE = """\
India and the US signed LEMOA on 29 August 2016.
It gave each side's forces access to the other's bases for supplies.
"""
EVENT_IN_PARAGRAPH = (
    "The report, published on 1 July 2025, says that the two navies will exercise together "
    "in the Bay of Bengal and that the logistics agreement has been used forty times.\n"
)
UPDATED_ONLY = "Last updated: 3 July 2025\n\nThe ministers met in Washington.\n"
WIRE_WITHOUT_YEAR = "WASHINGTON, July 1 (Reuters) - The ministers met on Tuesday.\n"
NUMERIC_EITHER_WAY = "01/07/2025\n\nThe ministers met.\n"  # 1 July or January 7?
MONTH_ONLY = "July 2025\n\nThe ministers met.\n"
MONTH_LABELLED = "Published: July 2025\n\nThe ministers met.\n"
DEEP = "\n".join(["The ministers met."] * 8 + ["Posted on: 1 July 2025"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PIB, "2025-07-01"),
        (HINDU, "2025-07-01"),  # published, not updated
        (WIRE, "2025-07-01"),
        (WIRE_IN_ITS_CASE, "2025-03-12"),
        ("Washington, July 1, 2025 - The ministers met on Tuesday and agreed.\n", "2025-07-01"),
        ("São Paulo, 1 July 2025 — Brazil's navy joined the exercise on Tuesday.\n", "2025-07-01"),
        (EVENT_FIRST, None),
        ("In the Bay of Bengal, 1 July 2025 — the navies met at sea and drilled.\n", None),
        (BYLINE, "2025-07-01"),
        (ISO_LINE, "2025-07-01"),
        ("Posted on Sept. 3, 2024 by admin\n\nText.", "2024-09-03"),
        ("Tuesday, 1 July 2025\nText.", "2025-07-01"),
        ("Washington, 2025/07/01\nText.", "2025-07-01"),
        (MONTH_LABELLED, "2025-07"),
        (EVENT_SENTENCE, None),
        (EVENT_IN_PARAGRAPH, None),
        (UPDATED_ONLY, None),
        (WIRE_WITHOUT_YEAR, None),
        (NUMERIC_EITHER_WAY, None),
        (MONTH_ONLY, None),
        (DEEP, None),
        ("Published: 31 February 2025\nText.", None),
        ("", None),
    ],
)
def test_a_dateline_near_the_top(text, expected):
    assert date_in_text(text, TODAY) == expected


def test_a_labelled_date_comes_before_a_bare_one():
    text = "3 July 2025\nOriginally published: 1 June 2020\n\nText."
    assert date_in_text(text, TODAY) == "2020-06-01"


@pytest.mark.parametrize(
    ("day", "taken"),
    [("20 November 2025", True), ("21 November 2025", True), ("22 November 2025", False)],
)
def test_a_date_after_tomorrow_is_not_taken(day, taken):
    assert (date_in_text(f"Published: {day}\nText.", TODAY) is not None) is taken
    assert date_in_text("Published: 1 January 1850\nText.", TODAY) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("2025-07-01-india-us-framework.txt", "2025-07-01"),
        ("20250701_pib_release.txt", "2025-07-01"),
        ("2025_07_01.md", "2025-07-01"),
        ("press/rajnath-hegseth-2025-07-01.html", "2025-07-01"),
        ("/archive/2024-01-01/notes.txt", None),  # folders are not read
        ("000_de34fc66b35126ee.txt", None),
        ("report-2025.txt", None),
        ("10203040.txt", None),  # eight digits, no plausible date
        ("2025-13-01-x.txt", None),
        ("20991231.txt", None),  # the future
    ],
)
def test_a_date_in_the_file_name(name, expected):
    assert date_in_name(name, TODAY) == expected


def test_a_text_file_gets_its_date_from_its_dateline(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text("India and US hold talks\n" + HINDU, encoding="utf-8")
    [draft] = read_path(path)
    assert draft.title == "India and US hold talks" and draft.published == "2025-07-01"


def test_the_dateline_is_read_before_the_file_name(tmp_path):
    path = tmp_path / "2025-07-09-talks.txt"
    path.write_text("Talks\n" + BYLINE, encoding="utf-8")
    assert read_path(path)[0].published == "2025-07-01"
    path.write_text("Talks\n\nThe ministers met in Washington.\n", encoding="utf-8")
    assert read_path(path)[0].published == "2025-07-09"


def test_never_the_files_modification_time(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text("Talks\n\nThe ministers met in Washington.\n", encoding="utf-8")
    then = 1_600_000_000  # 2020-09-13
    os.utime(path, (then, then))
    assert read_path(path)[0].published is None


def test_a_date_field_wins_over_a_dateline():
    markdown = b"---\ntitle: Talks\ndate: 2024-05-06\n---\n\nPublished: 1 July 2025\n\nText.\n"
    assert read_bytes(markdown, "2023-01-01-talks.md")[0].published == "2024-05-06"


def test_markdown_and_html_without_a_date_field_are_dated_too():
    markdown = b"# Talks\n\nBy Rahul Singh | 1 July 2025\n\nThe ministers met.\n"
    assert read_bytes(markdown, "talks.md")[0].published == "2025-07-01"
    html = (
        b"<html><head><title>Talks</title></head><body><article><h1>Talks</h1>"
        b"<p>Posted on: 2 July 2025</p><p>The ministers met in Washington and spoke of "
        b"the framework for the next ten years.</p></article></body></html>"
    )
    assert read_bytes(html, "2020-01-01-talks.html")[0].published == "2025-07-02"


def test_a_file_of_many_articles_lends_none_its_name():
    lines = (
        b'{"title": "A", "text": "Posted on: 1 July 2025\\nText."}\n{"title": "B", "text": "x"}\n'
    )
    drafts = read_bytes(lines, "2025-06-30-export.jsonl")
    assert [d.published for d in drafts] == ["2025-07-01", None]
