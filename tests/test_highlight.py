"""Highlight spans and snippets: the fast paths give what the plain definitions give."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui.search.highlight import fold_same_length, match_spans, snippet

WORD = re.compile(r"[^\W_]+")


def fold_by_hand(text: str) -> str:
    """One character at a time: casefold, strip accents, keep it only if it stays one."""
    out = []
    for char in text:
        base = "".join(
            c
            for c in unicodedata.normalize("NFKD", char.casefold())
            if not unicodedata.combining(c)
        )
        out.append(base if len(base) == 1 else char.lower() if len(char.lower()) == 1 else char)
    return "".join(out)


def spans_by_hand(text: str, terms: tuple[str, ...], prefix_last: bool) -> list[tuple[int, int]]:
    """Every word equal to a term, or starting with the last one while typing."""
    whole = set(terms if not prefix_last else terms[:-1])
    spans = []
    for word in WORD.finditer(fold_by_hand(text)):
        if word.group() in whole:
            spans.append(word.span())
        elif prefix_last and terms[-1] and word.group().startswith(terms[-1]):
            spans.append((word.start(), word.start() + len(terms[-1])))
    return spans


typeset = st.text(alphabet=st.sampled_from("abcdeinsAÉé ’“”—–-_.ßẞİ2²ﬁΣσςΑ\u212a\n"), max_size=60)
any_text = st.text(max_size=60)
terms = st.lists(
    st.sampled_from(["a", "in", "india", "e", "de", "ss", "é", "fi", "2"]), min_size=1, max_size=3
).map(tuple)


@given(st.one_of(typeset, any_text))
def test_folding_keeps_the_length_and_folds_every_character(text):
    assert fold_same_length(text) == fold_by_hand(text)
    assert len(fold_same_length(text)) == len(text)


def test_a_typeset_text_folds_like_plain_text():
    assert (
        fold_same_length("India\u2019s \u201cQuad\u201d \u2014 \u00c9CLAIR")
        == "india\u2019s \u201cquad\u201d \u2014 eclair"
    )


@given(st.one_of(typeset, any_text), terms, st.booleans())
def test_a_snippet_is_one_line_with_no_control_characters(text, words, prefix_last):
    from tui.core.textsafe import one_line

    excerpt, _spans = snippet(text, words, prefix_last, width=30)
    assert one_line(excerpt) == excerpt
    assert "\n" not in excerpt


@given(st.one_of(typeset, any_text), terms, st.booleans())
def test_spans_are_the_matching_words(text, words, prefix_last):
    """Any text: a word's edges are where letters and digits stop, in every script."""
    assert match_spans(text, words, prefix_last) == spans_by_hand(text, words, prefix_last)


def test_a_whole_word_is_marked_before_the_word_begun_at_the_same_place():
    """ "in ind": "in" alone is a whole word; "india" and "indian" are begun by "ind"."""
    text = "In India, in Indian waters"
    assert match_spans(text, ("in", "ind"), True) == [(0, 2), (3, 6), (10, 12), (13, 16)]
    assert match_spans(text, ("in", "in"), True) == [(0, 2), (3, 5), (10, 12), (13, 15)]


@given(typeset, terms, st.booleans())
def test_a_snippet_marks_the_first_match_when_there_is_one(text, words, prefix_last):
    excerpt, spans = snippet(text, words, prefix_last, width=30)
    found = spans_by_hand(text, words, prefix_last)
    if found:  # the first match is inside the excerpt, and marked
        start, end = found[0]
        assert any(excerpt[s:e] == text[start:end] for s, e in spans)
    else:
        assert spans == []


@given(typeset, terms, st.booleans(), st.sampled_from([1, 2, 3, 7]))
def test_the_first_match_is_found_across_the_stretches_folded_at_a_time(
    text, words, prefix_last, scan
):
    from tui.search import highlight

    expected = spans_by_hand(text, words, prefix_last)
    saved, highlight.SCAN = highlight.SCAN, scan  # tiny stretches: matches cross their edges
    try:
        found = highlight.Marker(words, prefix_last)._first_match(text)
    finally:
        highlight.SCAN = saved
    assert found == (expected[0][0] if expected else None)


@given(st.text(alphabet=st.sampled_from("abc defghijklmnop"), min_size=0, max_size=300))
def test_the_match_shows_near_the_start_of_its_snippet(prefix):
    """A pane at 80 columns is about 30 wide: the match must be inside that."""
    text = prefix + " Pentagon officials said"
    excerpt, spans = snippet(text, ("pentagon",), False)
    assert spans and spans[0][1] <= 30
    assert excerpt[spans[0][0] : spans[0][1]] == "Pentagon"
