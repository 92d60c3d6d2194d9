"""`normalise` and the cleaning every draft gets."""

from __future__ import annotations

import unicodedata

import pytest

from tui.ingest import Draft, ReadError, normalise, read_bytes
from tui.ingest.base import make_draft, single_line


def test_nfc_composes_decomposed_letters():
    decomposed = "Cafe\u0301 Mu\u0308nchen"
    assert normalise(decomposed) == "Café München"
    assert unicodedata.is_normalized("NFC", normalise(decomposed))


@pytest.mark.parametrize(
    "char",
    ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9b", "\u202a", "\u202e", "\u2066", "\u2069"],
)
def test_control_and_bidi_characters_are_removed(char):
    assert normalise(f"ab{char}cd") == "abcd"


def test_line_endings_tabs_and_spaces():
    raw = "  First\tline   here  \r\nsecond line\rthird\n"
    assert normalise(raw) == "First line here\nsecond line\nthird"


def test_blank_line_runs_become_one_blank_line():
    assert normalise("a\n\n\n\n\nb\n \n \n\nc") == "a\n\nb\n\nc"


def test_form_feed_keeps_words_apart_and_nbsp_is_a_space():
    assert normalise("page one\fpage\u00a0\u00a0two") == "page one\npage two"


def test_lone_surrogates_and_stray_bom_are_removed():
    assert normalise("a\ud800b\ufeffc") == "abc"


def test_marks_separated_by_controls_are_composed():
    assert normalise("e\x00\u0301 e\u202e\u0301") == "é é"


def test_normalise_is_idempotent():
    raw = " x\u0301 \t y\r\n\n\n\x01z  "
    assert normalise(normalise(raw)) == normalise(raw)


def test_one_line_joins_lines():
    assert single_line("Headline\n\nacross\nlines ") == "Headline across lines"


def test_make_draft_cleans_every_field():
    draft = make_draft(
        "Title\nwith break\x1b[31m",
        "Body\u202e text",
        source=" Site\tName ",
        url=" https://example.org/a b ",
        authors=["Ann", "ann", "", "Bo\nB"],
        tags=["nato", "NATO", "eu"],
        origin="x.txt",
    )
    assert draft == Draft(
        title="Title with break[31m",
        text="Body text",
        source="Site Name",
        url="https://example.org/ab",
        authors=("Ann", "Bo B"),
        tags=("nato", "eu"),
        origin="x.txt",
    )


def test_make_draft_refuses_empty_text():
    with pytest.raises(ReadError, match="^no text$"):
        make_draft("Title", " \n\x00\t ")


def test_missing_title_falls_back_to_first_line_of_text():
    assert make_draft("", "First line\nsecond").title == "First line"
    long = " ".join(["word"] * 60)
    title = make_draft("\x00", long).title
    assert title.endswith("…") and len(title) <= 101


def test_readers_return_normalised_drafts():
    data = "Title\u0301\x07\r\n\r\nBody\u200f\u202e  text\x00 here".encode("utf-8")
    with pytest.raises(ReadError, match="binary"):
        read_bytes(data, "a.txt")  # a NUL byte means binary
    (draft,) = read_bytes(data.replace(b"\x00", b""), "a.txt")
    assert draft.title == unicodedata.normalize("NFC", "Title\u0301")
    assert draft.text == "Body\u200f text here"
