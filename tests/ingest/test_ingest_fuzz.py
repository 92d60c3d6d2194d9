"""Property tests: whatever the input, readers return clean drafts or raise ReadError."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.ingest import Draft, ReadError, normalise, read_bytes

NAMES = st.sampled_from(
    ["<stdin>", "a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a.xml", "a.rss", "noext"]
)
PREFIXES = st.sampled_from(
    [
        "", "{", "[", "---\n", "# ", "<html>", "<!doctype html><p>", "<rss>",
        '<?xml version="1.0"?><rss version="2.0"><channel><item><description>',
        '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="html">',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
        '{"title": "t", "text": "', "---\ntitle: x\ntags: [",
    ]
)  # fmt: skip
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)
ARTICLE_KEYS = ["title", "text", "source", "url", "published", "date", "authors", "tags"]
ARTICLES = st.dictionaries(st.sampled_from(ARTICLE_KEYS), JSON_VALUES | st.text(), max_size=8)

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(data: bytes, name: str) -> None:
    """The contract: a list of clean drafts, or ReadError with a one-line message."""
    try:
        drafts = read_bytes(data, name)
    except ReadError as exc:
        message = str(exc)
        assert message and "\n" not in message
        return
    assert drafts and all(isinstance(draft, Draft) for draft in drafts)
    for draft in drafts:
        assert draft.text and draft.text == normalise(draft.text)
        assert "\n" not in draft.title and draft.title == normalise(draft.title)
        assert draft.origin.startswith(name)
        assert draft.published is None or draft.published[:4].isdigit()


@FUZZ
@given(st.binary(max_size=2000), NAMES)
def test_arbitrary_bytes(data, name):
    _check(data, name)


@FUZZ
@given(PREFIXES, st.text(max_size=500), NAMES, st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_format_like_text(prefix, body, name, encoding):
    _check((prefix + body).encode(encoding, "replace"), name)


@FUZZ
@given(JSON_VALUES, NAMES)
def test_arbitrary_json(value, name):
    _check(json.dumps(value).encode(), name)


@FUZZ
@given(
    ARTICLES
    | st.lists(ARTICLES, max_size=4)
    | st.fixed_dictionaries({"articles": st.lists(ARTICLES, max_size=4)})
)
def test_article_like_json(value):
    _check(json.dumps(value).encode(), "a.json")


@FUZZ
@given(st.lists(ARTICLES, min_size=1, max_size=4))
def test_article_like_json_lines(values):
    _check("\n".join(json.dumps(v) for v in values).encode(), "a.jsonl")


@given(st.text() | st.text(alphabet="ae\u0301\u0308\x00\x85\u202e\ufeff \n\r\t\f\u00a0\u2028"))
def test_normalise_is_idempotent_and_clean(text):
    once = normalise(text)
    assert normalise(once) == once
    assert "\r" not in once and "\t" not in once and "\n\n\n" not in once
    assert once == once.strip()
