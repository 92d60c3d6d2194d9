"""Plain-text and Markdown readers."""

from __future__ import annotations

import pytest

from tui.ingest import ReadError, normalise, read_bytes, read_path
from tui.ingest.markdown import markdown_to_text, split_front_matter


def test_text_file(fixtures):
    (draft,) = read_path(fixtures / "article.txt")
    assert draft.title == "Poland and Sweden sign submarine maintenance pact"
    assert draft.text == (
        "The two governments agreed on Tuesday to share maintenance yards for their submarine"
        " fleets.\n\nOfficials said the arrangement would run for ten years."
    )
    assert draft.origin == str(fixtures / "article.txt")
    assert (draft.source, draft.url, draft.published, draft.authors) == ("", "", None, ())


def test_text_title_is_first_non_empty_line():
    (draft,) = read_bytes(b"\n\n   \n  Headline  \nBody line.\n", "a.txt")
    assert (draft.title, draft.text) == ("Headline", "Body line.")


def test_text_with_only_a_title_line():
    with pytest.raises(ReadError, match="^no text after the title line$"):
        read_bytes(b"Just one line\n\n  \n", "a.txt")


def test_markdown_front_matter(fixtures):
    (draft,) = read_path(fixtures / "front_matter.md")
    assert draft.title == "Joint exercise: Baltic Shield 2026"
    assert draft.published == "2026-11-26"
    assert draft.source == "Defence Weekly"
    assert draft.url == "https://example.org/baltic-shield"
    assert draft.authors == ("Anna Nowak", "Erik Lind")
    assert draft.tags == ("exercise", "baltic", "navy")


def test_markdown_body_becomes_plain_text(fixtures):
    (draft,) = read_path(fixtures / "front_matter.md")
    text = draft.text
    assert text.startswith("Baltic Shield begins\n\n")  # heading kept, its marker dropped
    assert (
        "Forces from five nations began the Baltic Shield exercise, according to the"
        " ministry statement."
    ) in text
    assert "- Estonia\n- Latvia\n- Lithuania" in text
    assert "schedule: 12 days" in text  # code fence content kept
    assert "Cooperation is our strongest deterrent" in text
    for syntax in ("**", "](", "![", "frigate.jpg", "```", "> ", "# ", "title:", "---"):
        assert syntax not in text


def test_markdown_heading_is_the_title(fixtures):
    (draft,) = read_path(fixtures / "heading_only.md")
    assert draft.title == "France and India extend Rafale support deal"
    assert draft.text == (
        "The agreement covers spare parts and training until 2031.\n\n"
        "Background\n\nThe first contract was signed in 2016."
    )


def test_markdown_with_only_a_heading(fixtures):
    with pytest.raises(ReadError, match="^no text after the title heading$"):
        read_path(fixtures / "heading_alone.md")


def test_front_matter_forms():
    fields, body = split_front_matter(
        "---\ntitle: 'Quoted: yes'  \nauthors: Ann Lee, Bo Kim\ntags: [a, \"b c\"]\n"
        "date: 2026-02-03 # comment\nextra:\n  nested: ignored\n---\nBody"
    )
    assert fields["title"] == "Quoted: yes"
    assert fields["authors"] == "Ann Lee, Bo Kim"
    assert fields["tags"] == ["a", "b c"]
    assert fields["date"] == "2026-02-03"
    assert body == "Body"


def test_unclosed_front_matter_is_just_text():
    fields, body = split_front_matter("---\ntitle: x\nno end")
    assert fields == {} and body == "---\ntitle: x\nno end"


def test_front_matter_author_string_and_unreadable_date():
    data = b"---\nauthor: Ann Lee, Bo Kim\ndate: someday\n---\n# T\n\nBody."
    (draft,) = read_bytes(data, "x.md")
    assert draft.authors == ("Ann Lee", "Bo Kim")
    assert draft.published is None


def test_crlf_front_matter():
    (draft,) = read_bytes(b"---\r\ntitle: From Windows\r\n---\r\nBody text.\r\n", "x.md")
    assert (draft.title, draft.text) == ("From Windows", "Body text.")


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        ("Some *emphasis*, __strong__ and ~~gone~~ words", "Some emphasis, strong and gone words"),
        ("snake_case_name and 2*3*4 stay", "snake_case_name and 2*3*4 stay"),
        (
            'A [link](http://x.org "t") and [ref][1] and <https://y.org>',
            "A link and ref and https://y.org",
        ),
        ("Pic ![alt](a.png) gone", "Pic gone"),
        ("Code `a*b*c` and escaped \\*stars\\*", "Code a*b*c and escaped *stars*"),
        ("1. first\n2) second", "1. first\n2) second"),
        ("* one\n+ two\n  - nested", "- one\n- two\n- nested"),
        ("Title\n=====\nText", "Title\nText"),
        ("> quoted\n> more", "quoted more"),
        ("| a | b |\n|---|:-:|\n| 1 | 2 |", "a | b\n1 | 2"),
        ("~~~py\nx = *1*\n~~~\nafter", "x = *1*\n\nafter"),
        ("[1]: http://example.org\ntext <!-- hidden -->", "text"),
        ("para\n\n***\n\nnext", "para\n\nnext"),
    ],
)
def test_markdown_to_text(markdown, plain):
    assert normalise(markdown_to_text(markdown)) == plain
