"""Cell widths of text (ui/cells.py): what Rich counts, for any text, the fast way or not."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len, set_cell_size

from tui.ui import cells
from tui.ui.cells import cell_width, sized

# Typeset punctuation, accents, wide characters, marks that join the character before them,
# joiners and variation selectors, emoji, Hangul jamo, controls.
ALPHABET = "aZ 9.’“”—–…·é€★国防한\u1100\u1161\u0301\u200d\ufe0f\u200b🙂👍🏽🇮🇳\x01\x7f\u00ad"
texts = st.one_of(st.text(alphabet=st.sampled_from(ALPHABET), max_size=40), st.text(max_size=40))


@given(texts, st.integers(min_value=0, max_value=45))
def test_widths_and_cuts_are_rich_s(text, size):
    assert cell_width(text) == cell_len(text)
    assert sized(text, size) == set_cell_size(text, size)


def test_typeset_text_is_measured_by_its_length():
    """A snippet's ellipses and quotes take one cell each: no character goes to Rich."""
    snippet = "…the “Quad” — India’s partners said…"
    assert cell_width(snippet) == len(snippet)
    assert sized(snippet, 12) == snippet[:12]
    assert {"…", "“", "—", "’"} <= cells._ONE


def test_a_wide_or_joining_character_leaves_the_text_to_rich():
    assert cell_width("国防 cooperation") == 16
    assert sized("国防 cooperation", 3) == "国 "  # the second half of a wide character: a space
    assert sized("e\u0301te", 2) == "e\u0301t"  # a combining accent stays with its letter
    for char in ("国", "\u0301"):  # each, alone with a letter: left to Rich, and known so
        assert not cells._one_cell_each(f"a{char}")
        assert char in cells._OTHER
