"""Decoding bytes and recognising formats by content, with the extension only as a hint."""

from __future__ import annotations

import pytest

from tui.ingest import ReadError, read_bytes, read_path
from tui.ingest.detect import decode, detect_format

from .samples import LATIN1_TEXT, UTF16_TEXT


def test_utf8_with_and_without_bom():
    assert decode("Zürich".encode()) == "Zürich"
    assert decode(b"\xef\xbb\xbf" + "Zürich".encode()) == "Zürich"


def test_latin1_file_is_detected(odd_files):
    (draft,) = read_path(odd_files["latin1.txt"])
    assert draft.title == "Coopération franco-allemande"
    assert "signé à Paris" in draft.text and "déjà" in draft.text


def test_utf16_file_with_bom(odd_files):
    (draft,) = read_path(odd_files["utf16.txt"])
    assert draft.title == "Überblick: Zusammenarbeit"
    assert draft.text == UTF16_TEXT.split("\n\n", 1)[1].strip()


def test_utf16_without_bom_is_text():
    assert decode("Plain words here\n".encode("utf-16-le")) == "Plain words here\n"
    assert decode("Plain words here\n".encode("utf-16-be")) == "Plain words here\n"


def test_declared_html_charset_is_used():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 \x93quoted\x94</p>'
    assert decode(page.encode("latin-1")).endswith("Café “quoted”</p>")


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt"])
def test_empty_files(odd_files, name):
    with pytest.raises(ReadError, match="^file is empty$"):
        read_path(odd_files[name])


def test_binary_file(odd_files):
    with pytest.raises(ReadError, match="^binary data, not text$"):
        read_path(odd_files["binary.bin"])


def test_many_control_bytes_mean_binary():
    data = bytes([1, 2, 3, 4, 5, 6, 7, 8, 65]) * 50
    with pytest.raises(ReadError, match="binary data, not text"):
        read_bytes(data)


def test_bom_only_file_is_empty():
    with pytest.raises(ReadError, match="^file is empty$"):
        read_bytes(b"\xff\xfe")


def test_bad_bytes_after_bom():
    with pytest.raises(ReadError, match="byte-order mark"):
        decode(b"\xef\xbb\xbfabc\xff\xfe\xfd")


def test_latin1_decoding_without_hint():
    assert "déjà" in decode(LATIN1_TEXT.encode("latin-1"))


@pytest.mark.parametrize(
    ("text", "suffix", "kind"),
    [
        ('{"title": "a", "text": "b"}', ".txt", "json"),
        ('[{"title": "a", "text": "b"}]', "", "json"),
        ('{"a": 1}\n{"b": 2}\n', ".json", "jsonl"),
        ('{"a": 1}', ".jsonl", "jsonl"),
        ("[Update] Ministers meet\n\nText.", ".txt", "text"),
        ("[Update] Ministers meet\n\nText.", ".md", "markdown"),
        ("[Update] Ministers meet\n\nText.", "", "json"),
        ('<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">', ".html", "feed"),
        ('<?xml version="1.0"?><?xml-stylesheet href="a"?><feed xmlns="x">', ".txt", "feed"),
        ('<rdf:RDF xmlns:rdf="x">', "", "feed"),
        ('<?xml version="1.0"?><catalog><book/></catalog>', ".xml", "xml"),
        (
            '<?xml version="1.0"?><!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN"><html>',
            "",
            "html",
        ),
        ("<!-- saved -->\n<!DOCTYPE html><html>", ".txt", "html"),
        ("<HTML><body>", ".md", "html"),
        ("<div><p>fragment</p></div>", ".html", "html"),
        ("<div>fragment</div>", ".txt", "text"),
        ("---\ntitle: x\n---\nbody", ".txt", "markdown"),
        ("# Heading\n\nbody", "", "markdown"),
        ("Title\n\nbody", ".markdown", "markdown"),
        ("#hashtag is not a heading\n\nbody", "", "text"),
        ("Title\n\nbody", ".htm", "text"),
        ("Title\n\nbody", "", "text"),
    ],
)
def test_detect_format(text, suffix, kind):
    assert detect_format(text, suffix) == kind


@pytest.mark.parametrize(
    ("source", "wrong"),
    [
        ("rss.xml", "feed.txt"),
        ("single.json", "article.md"),
        ("news_page.html", "page.json"),
        ("front_matter.md", "notes.html"),
        ("articles.jsonl", "lines.json"),
    ],
)
def test_content_wins_over_a_wrong_extension(fixtures, tmp_path, source, wrong):
    misnamed = tmp_path / wrong
    misnamed.write_bytes((fixtures / source).read_bytes())
    expected = [(d.title, d.text, d.published) for d in read_path(fixtures / source)]
    assert [(d.title, d.text, d.published) for d in read_path(misnamed)] == expected


def test_other_xml_is_refused():
    with pytest.raises(ReadError, match="^XML, but not an RSS, Atom or RDF feed$"):
        read_bytes(b'<?xml version="1.0"?>\n<catalog><book>Title</book></catalog>', "books.xml")


def test_stdin_name_gives_no_extension_hint():
    (draft,) = read_bytes(b"Title line\n\nBody text.")
    assert draft.origin == "<stdin>"
    assert draft.title == "Title line"
