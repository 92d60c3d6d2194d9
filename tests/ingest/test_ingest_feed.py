"""RSS 2.0, Atom and RDF feeds."""

from __future__ import annotations

import pytest

from tui.ingest import ReadError, read_bytes, read_path


def test_rss(fixtures):
    first, second = read_path(fixtures / "rss.xml")  # the link-only item is skipped
    assert first.title == "Italy and UK deepen GCAP work"
    assert first.text == "Italy and the UK agreed new GCAP work shares.\n\nJapan joins the talks."
    assert "FEED-SCRIPT" not in first.text
    assert first.url == "https://digest.example/gcap"
    assert first.published == "2025-11-18"
    assert first.authors == ("Marco Rossi",)
    assert first.tags == ("aircraft",)
    assert first.source == "Defence Cooperation Digest"
    assert first.origin == f"{fixtures / 'rss.xml'}#1"
    assert (second.title, second.authors, second.published) == (
        "Greece buys frigates",
        ("Eleni Pappas",),
        None,
    )
    assert second.origin.endswith("rss.xml#3")


def test_atom(fixtures):
    (entry,) = read_path(fixtures / "atom.xml")
    assert entry.title == "Canada & Finland sign icebreaker deal"
    assert entry.text == (
        "Canada and Finland signed the ICE Pact.\n\nThree yards will build the ships."
    )
    assert entry.url == "https://wire.example/icebreakers"
    assert entry.published == "2026-03-03"  # published, not updated
    assert entry.authors == ("Sara Virtanen", "John MacLeod")
    assert entry.source == "Alliance Wire"


def test_rdf():
    feed = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example"><title>RDF Source</title></channel>
  <item rdf:about="https://rdf.example/1">
    <title>Old style item</title><link>https://rdf.example/1</link>
    <description>RDF text body.</description><dc:date>2004-05-06T07:08:09Z</dc:date>
  </item>
</rdf:RDF>"""
    (entry,) = read_bytes(feed, "feed.rdf")
    assert (entry.title, entry.text, entry.published, entry.source) == (
        "Old style item",
        "RDF text body.",
        "2004-05-06",
        "RDF Source",
    )


def test_updated_date_when_not_published():
    feed = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>E</title><updated>2020-01-02T00:00:00Z</updated><summary>S.</summary></entry>
    </feed>"""
    assert read_bytes(feed)[0].published == "2020-01-02"


def test_latin1_declared_feed():
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Flux</title>'
        "<item><title>Défense</title><description>Coopération à Paris.</description></item>"
        "</channel></rss>"
    )
    (entry,) = read_bytes(feed.encode("latin-1"))
    assert (entry.title, entry.text) == ("Défense", "Coopération à Paris.")


def test_malformed_feed(fixtures):
    with pytest.raises(ReadError, match=r"^malformed XML: no element found at line 4$"):
        read_path(fixtures / "malformed_feed.xml")


def test_feed_without_entries():
    with pytest.raises(ReadError, match="^feed has no entries$"):
        read_bytes(b"<rss version='2.0'><channel><title>Empty</title></channel></rss>")


def test_feed_whose_entries_have_no_text():
    feed = b"<rss><channel><item><title>Only</title><link>https://x</link></item></channel></rss>"
    with pytest.raises(ReadError, match="^no feed entry has any text$"):
        read_bytes(feed)


def test_entity_expansion_is_harmless():
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss><channel><item><title>t</title><description>&d;</description></item></channel></rss>"""
    try:
        drafts = read_bytes(bomb)
    except ReadError:
        return
    assert all(len(d.text) < 100_000 for d in drafts)
