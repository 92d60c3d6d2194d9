"""HTML reader: metadata, main text, boilerplate removal, broken markup."""

from __future__ import annotations

import pytest

from tui.ingest import ReadError, read_bytes, read_path
from tui.ingest.html import html_to_text

BOILERPLATE = (
    "TRACKING-SCRIPT", "BODY-SCRIPT", "color: red", "Example News home", "NAVIGATION-LINK",
    "COOKIES-NOTICE", "SHARE-THIS-ARTICLE", "RELATED-STORY", "SIDEBAR-ASIDE", "COMMENT-TEXT",
    "FOOTER-TEXT",
)  # fmt: skip


@pytest.fixture
def page(fixtures):
    (draft,) = read_path(fixtures / "news_page.html")
    return draft


def test_metadata(page):
    assert page.title == "Germany orders IRIS-T air defence systems"  # og:title wins
    assert page.source == "Example News"
    assert page.url == "https://news.example.com/germany-iris-t"  # canonical before og:url
    assert page.published == "2026-11-20"
    assert page.authors == ("Lena Vogel",)


def test_main_text_paragraphs(page):
    assert page.text == (
        "Germany orders air defence systems\n\n"
        "Germany has ordered six more IRIS-T SLM systems from Diehl Defence, the defence"
        " ministry said on Thursday.\n\n"
        "The order, worth €950 million, is part of the European Sky Shield Initiative.\n\n"
        "We are closing gaps quickly, the minister said.\n\n"
        "Delivery from 2027\n\nTraining included"
    )


@pytest.mark.parametrize("marker", BOILERPLATE)
def test_boilerplate_is_absent(page, marker):
    assert marker not in page.text


def test_title_falls_back_to_title_tag_then_h1():
    page = b"<html><head><title> Plain  title </title></head><body><p>Body.</p></body></html>"
    assert read_bytes(page, "a.html")[0].title == "Plain title"
    page = b"<html><body><h1>Heading <em>title</em></h1><p>Body.</p></body></html>"
    assert read_bytes(page, "a.html")[0].title == "Heading title"


def test_dates_from_other_meta_tags_and_time_element():
    meta = b'<html><head><meta name="DC.date" content="3 March 2024"></head><p>x</p></html>'
    assert read_bytes(meta)[0].published == "2024-03-03"
    timed = b'<html><body><time datetime="2023-05-06T10:00">May 6</time><p>x</p></body></html>'
    assert read_bytes(timed)[0].published == "2023-05-06"
    unreadable = b'<html><head><meta name="date" content="soon"></head><p>x</p></html>'
    assert read_bytes(unreadable)[0].published is None


def test_author_urls_are_not_names():
    page = (
        b'<html><head><meta property="article:author" content="https://fb.com/someone">'
        b'<meta property="article:author" content="Ida Berg"></head><p>x</p></html>'
    )
    assert read_bytes(page)[0].authors == ("Ida Berg",)


def test_without_article_the_densest_block_wins():
    page = b"""<html><body>
      <div class="top">Site menu text</div>
      <div id="story"><p>First paragraph of the story.</p><p>Second paragraph.</p></div>
      <div class="promo-box"><p>Buy now</p></div>
      <div><p>Short.</p></div>
    </body></html>"""
    (draft,) = read_bytes(page, "a.html")
    assert draft.text == "First paragraph of the story.\n\nSecond paragraph."


def test_main_element_is_used():
    page = b"<html><body><div>Outside</div><main><p>Inside main.</p></main></body></html>"
    assert read_bytes(page)[0].text == "Inside main."


def test_malformed_html_still_gives_text():
    page = b"<html><body><article><p>Unclosed <b>bold <p>Second &amp; last<div></article"
    (draft,) = read_bytes(page, "broken.html")
    assert draft.text == "Unclosed bold\n\nSecond & last"


def test_html_without_text(fixtures):
    with pytest.raises(ReadError, match="^no article text found in the HTML$"):
        read_path(fixtures / "no_text.html")


def test_entities_controls_and_nfc_in_html():
    # HTML maps the reference &#x85; to "…" (as Windows-1252 would); &#7; and \x01 are removed.
    page = "<html><body><p>Cafe\u0301&nbsp;&nbsp;ok&#7;\u202e x&#x85;y\x01z</p></body></html>"
    assert read_bytes(page.encode())[0].text == "Café ok x…yz"


def test_pre_keeps_line_breaks_and_br_breaks_lines():
    fragment = "<p>one<br>two</p><pre>a  b\nc</pre><table><tr><td>x</td><td>y</td></tr></table>"
    assert html_to_text(fragment) == "one\ntwo\n\na b\nc\n\nx y"


def test_deeply_nested_markup_does_not_recurse():
    page = "<div>" * 5000 + "<p>deep text</p>" + "</div>" * 5000
    assert "deep text" in read_bytes(f"<html><body>{page}</body></html>".encode())[0].text
