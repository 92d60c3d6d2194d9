"""The ASCII mode's decision (tui/core/terminal.py), from the environment alone."""

from __future__ import annotations

import pytest

from tui.core.terminal import charset_locale, says_utf8, wants_ascii


@pytest.mark.parametrize(
    ("env", "ascii_only"),
    [
        ({"LANG": "en_GB.UTF-8"}, False),
        ({"LANG": "C.UTF-8"}, False),
        ({"LANG": "de_DE.utf8"}, False),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "C"}, True),  # LC_ALL wins
        ({"LANG": "C", "LC_ALL": "C"}, True),
        ({"LANG": "POSIX"}, True),
        ({}, True),  # no locale at all is the C locale (a bare serial login, cron)
        ({"LANG": "en_US"}, True),  # no codeset: ISO-8859-1
        ({"LANG": "de_DE.ISO-8859-15@euro"}, True),
        ({"LANG": "C", "LC_CTYPE": "en_GB.UTF-8"}, False),  # LC_CTYPE is the character set
        ({"LANG": "en_GB.UTF-8", "LC_CTYPE": "C"}, True),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": ""}, False),  # empty is unset
        ({"LANG": "en_GB.UTF-8", "TERM": "vt220"}, True),  # a serial console's terminal
        ({"LANG": "en_GB.UTF-8", "TERM": "vt100"}, True),
        ({"LANG": "en_GB.UTF-8", "TERM": "linux"}, False),  # the Linux console speaks UTF-8
        ({"LANG": "en_GB.UTF-8", "TERM": "xterm-256color"}, False),
    ],
)
def test_the_locale_decides(env, ascii_only):
    assert wants_ascii(env, "utf-8") is ascii_only


@pytest.mark.parametrize("ctype", ["C.UTF-8", "C.utf8", "UTF-8"])
def test_pythons_own_coercion_of_the_c_locale_is_not_taken_for_the_users(ctype):
    """Python, finding LANG=C (or no locale), writes LC_CTYPE=C.UTF-8 into its own environment
    (PEP 538): that says nothing of the terminal."""
    assert wants_ascii({"LANG": "C", "LC_CTYPE": ctype}, "utf-8")
    assert wants_ascii({"LC_CTYPE": ctype}, "utf-8")
    assert not wants_ascii({"LANG": "en_GB.UTF-8", "LC_CTYPE": ctype}, "utf-8")


@pytest.mark.parametrize(
    ("encoding", "ascii_only"),
    [("utf-8", False), ("UTF-8", False), ("utf_8", False), ("ascii", True), ("latin-1", True)],
)
def test_what_python_writes_decides_too(encoding, ascii_only):
    assert wants_ascii({"LANG": "en_GB.UTF-8"}, encoding) is ascii_only


def test_no_stream_leaves_it_to_the_locale():
    assert not wants_ascii({"LANG": "en_GB.UTF-8"}, None)
    assert wants_ascii({"LANG": "C"}, None)


def test_the_locale_that_decides():
    assert charset_locale({"LC_ALL": "C", "LANG": "en_GB.UTF-8"}) == "C"
    assert charset_locale({"LANG": "fr_FR.UTF-8"}) == "fr_FR.UTF-8"
    assert charset_locale({}) == "C"
    assert says_utf8("en_GB.UTF-8@euro")
    assert not says_utf8("C")
