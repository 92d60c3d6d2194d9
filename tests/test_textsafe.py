"""Control characters never survive the way to a widget; lengths are kept for offsets."""

from tui.core.textsafe import REPLACEMENT, for_display, one_line, strip_controls

HOSTILE = "a\x1b]0;pwned\x07b\x1b[2Jc\x9bd\u202ee\x00f\x7fg"


def test_for_display_replaces_every_control_one_for_one():
    shown = for_display(HOSTILE)
    assert len(shown) == len(HOSTILE)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert "\u202e" not in shown and shown.count(REPLACEMENT) == 7


def test_newlines_survive_in_text_but_not_in_one_line():
    assert for_display("a\nb\tc") == "a\nb c"
    assert one_line("a\nb\u2028c") == "a b c"


def test_strip_controls_removes_them():
    assert strip_controls(HOSTILE) == "a]0;pwnedb[2Jcdefg"
