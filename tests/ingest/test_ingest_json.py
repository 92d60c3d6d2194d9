"""JSON and JSON-lines reader."""

from __future__ import annotations

import json

import pytest

from tui.ingest import Draft, ReadError, read_bytes, read_path


def test_single_object(fixtures):
    (draft,) = read_path(fixtures / "single.json")
    assert draft == Draft(
        title="Japan and Australia upgrade defence pact",
        text="Japan and Australia signed an upgraded reciprocal access agreement.\n\n"
        "The pact eases joint training.",
        source="Pacific Monitor",
        url="https://pm.example/japan-australia",
        published="2026-10-02",
        authors=("Ken Sato", "Mia Brown"),
        tags=("pacific", "treaty"),
        origin=str(fixtures / "single.json"),
    )


def test_list(fixtures):
    first, second = read_path(fixtures / "list.json")
    assert (first.title, first.published, first.authors) == (
        "First article",
        "2025-11-26",
        ("Jane Roe",),
    )
    assert (second.title, second.published) == ("Second article", None)  # unreadable date
    assert [first.origin, second.origin] == [
        f"{fixtures / 'list.json'}#1",
        f"{fixtures / 'list.json'}#2",
    ]


def test_articles_wrapper():
    data = {"articles": [{"title": "A", "text": "Alpha."}, {"title": "B", "text": "Beta."}]}
    drafts = read_bytes(json.dumps(data).encode(), "feed.json")
    assert [d.text for d in drafts] == ["Alpha.", "Beta."]


def test_jsonl(fixtures):
    drafts = read_path(fixtures / "articles.jsonl")
    assert [d.title for d in drafts] == ["Line one", "Line two", "Line three"]
    assert drafts[0].published == "2026-01"
    assert drafts[1].tags == ("drones",)
    assert drafts[2].source == "Iberia Defence"
    assert drafts[2].origin.endswith("articles.jsonl#3")


def test_malformed_json(fixtures):
    with pytest.raises(ReadError, match=r"^not valid JSON: Expecting ',' delimiter at line 4 col"):
        read_path(fixtures / "malformed.json")


def test_object_without_text(fixtures):
    with pytest.raises(ReadError, match=r"^JSON object has no 'text'$"):
        read_path(fixtures / "no_text.json")


def test_one_bad_entry_refuses_the_file(fixtures):
    with pytest.raises(ReadError, match=r"^entry 3: JSON object has no 'text'$"):
        read_path(fixtures / "list_bad_entry.json")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"just a string"', "JSON must be an object or a list of objects"),
        ("[]", "JSON list has no articles"),
        ('{"articles": {"title": "x"}}', "'articles' is not a JSON list"),
        ('[{"title": "a", "text": "b"}, 3]', "entry 2: not a JSON object"),
        ('{"title": 5, "text": "b"}', "'title' is not a string"),
        ('{"title": "a", "text": "  \\u0000 "}', "no text"),
        ('{"title": "a", "text": "b", "url": 1}', "'url' is not a string"),
        (
            '{"title": "a", "text": "b", "authors": ["x", 2]}',
            "'authors' is not a string or a list of strings",
        ),
        ("[" * 100000 + "]" * 100000, "not valid JSON: nested too deeply"),
    ],
)
def test_json_errors(value, message):
    with pytest.raises(ReadError) as caught:
        read_bytes(value.encode(), "x.json")
    assert str(caught.value) == message


def test_jsonl_errors_name_the_line():
    data = b'{"title": "a", "text": "b"}\n\n{"title": "c"}\n'
    with pytest.raises(ReadError, match=r"^line 3: JSON object has no 'text'$"):
        read_bytes(data, "x.jsonl")
    with pytest.raises(ReadError, match=r"^line 2: not valid JSON: "):
        read_bytes(b'{"title": "a", "text": "b"}\n{oops}\n', "x.jsonl")


def test_optional_fields_may_be_null_and_year_numbers_are_dates():
    data = b'{"title": "a", "text": "b", "source": null, "tags": null, "published": 2024}'
    (draft,) = read_bytes(data)
    assert (draft.source, draft.tags, draft.published) == ("", (), "2024")


def test_json_text_is_normalised():
    data = json.dumps({"title": "T\u0065\u0301\nline", "text": "a\u202eb\r\n\n\n\nc\t d"})
    (draft,) = read_bytes(data.encode())
    assert (draft.title, draft.text) == ("Té line", "ab\n\nc d")
