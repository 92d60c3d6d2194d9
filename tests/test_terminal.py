"""The app in a real pseudo-terminal: what it writes, hang-ups, resizes."""

from __future__ import annotations

import os
import re
import signal

import pytest

from tests.conftest import write_db
from tests.terminal import PtyApp
from tests.test_hostile import hostile_store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal"),
]


@pytest.fixture
def hostile_db(tmp_path):
    store = hostile_store()
    raw = store._read_raw()
    return write_db(tmp_path / "hostile.json", raw)


@pytest.fixture
def app(hostile_db):
    running = PtyApp(hostile_db)
    assert running.read_until(b"Articles 1"), running.output[-2000:]  # results are in
    yield running
    running.close()


def test_no_control_sequence_from_a_document_reaches_the_terminal(app):
    steps = [
        ("1\r", b"n/p to move"),  # open the hostile article
        ("n\r", b"Mentioned in"),  # its first mention, then that entity's page
        ("\x1b", b"n/p to move"),  # back
        ("/pwned\r", b"pwned"),  # search for text inside the payload
        ("\x10", b"Search for"),  # ctrl+p: the palette
        ("Hostile", b"open this"),
    ]
    for keys, shown in steps:
        app.output = b"" if keys != "1\r" else app.output
        app.type(keys, 0.02)
        assert app.read_until(shown, 10), (keys, app.output[-1500:])
    # Textual's own pointer-shape sequence (OSC 22) is the only one that may end in BEL.
    written = re.sub(rb"\x1b\]22;[a-z-]*\x07", b"", app.output)
    for payload in (b"\x1b]0;pwned", b"\x1b]52;", b"\xc2\x9b31m", b"\x07", b"\x1b[2Jc"):
        assert payload not in written, payload
    assert b"[bold]x[/]" in written  # the markup itself is shown, literally
    assert app.process.poll() is None


@pytest.mark.parametrize("how", ["sighup", "close"])
def test_a_dropped_session_ends_the_app(app, how):
    """How fast is benchmarks/hangup_tally.py's figure; here it must end, as a hang-up."""
    if how == "sighup":
        os.kill(app.process.pid, signal.SIGHUP)
    else:
        app.hang_up()
    assert app.wait(timeout=10) == 129, "still running after the terminal went away"


def test_resizing_down_to_10x3_and_back_keeps_the_app_alive(app):
    for columns, rows in ((40, 12), (10, 3), (1, 1), (80, 24), (130, 40), (80, 24)):
        app.output = b""
        app.resize(columns, rows)
        assert app.read_until(b"\x1b[", 10), (columns, rows)  # it drew the new size
        assert app.process.poll() is None, (columns, rows)
    app.output = b""
    app.type("/lemoa", 0.02)
    assert app.read_until(b"lemoa", 10)  # echoed in the search bar: it still takes keys
    app.type("\x1b", 0.25)  # Escape, then a pause longer than ESCDELAY: not alt+q
    app.type("q", 0.02)
    assert app.wait(timeout=10) == 0
