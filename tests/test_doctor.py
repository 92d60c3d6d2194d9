"""quadrant doctor's checks over a faked environment: each piece of advice, the colour depth
held against Textual's own, and the view (80 columns, ASCII, control characters made harmless)."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from tui.cli import doctorview
from tui.cli.doctor import examine, facts
from tui.cli.keytest import STEPS, judge, shown_bytes
from tui.cli.sessioncheck import screen_findings, size_findings, ssh_findings, tmux_findings
from tui.cli.terminalcheck import (
    colour_system,
    colours,
    encoding_findings,
    escape_delay_ms,
    terminal_findings,
)

ENVIRONMENTS = [
    {"TERM": "xterm-256color"},
    {"TERM": "xterm-256color", "COLORTERM": "truecolor"},
    {"TERM": "linux", "COLORTERM": " 24BIT "},
    {"TERM": "linux"},
    {"TERM": "xterm"},
    {"TERM": "xterm-kitty"},
    {"TERM": "rxvt-16color"},
    {"TERM": "screen-256color", "COLORTERM": "yes"},
    {"TERM": "dumb"},
    {"TERM": "unknown", "COLORTERM": "truecolor"},
    {},
    {"TERM": "linux", "NO_COLOR": ""},
    {"TERM": "linux", "TEXTUAL_COLOR_SYSTEM": "256"},
    {"TERM": "xterm-256color", "TEXTUAL_COLOR_SYSTEM": "truecolor"},
]


def by_id(findings):
    return {finding.id: finding for finding in findings}


def advice(finding) -> str:
    return " ".join(finding.advice)


# -- colours: the same as Textual --------------------------------------------------------------


@pytest.mark.parametrize(
    "env", ENVIRONMENTS, ids=lambda env: " ".join(f"{k}={v}" for k, v in env.items())
)
def test_the_colour_system_is_textuals(env, monkeypatch):
    """Textual's App builds a Console from TEXTUAL_COLOR_SYSTEM and the environment less
    NO_COLOR: the App itself is asked here, with the environment set."""
    from textual import constants
    from textual.app import App

    for name in ("TERM", "COLORTERM", "NO_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr(constants, "COLOR_SYSTEM", env.get("TEXTUAL_COLOR_SYSTEM", "auto"))
    app = App()
    assert colour_system(env) == app.console.color_system
    assert ("NO_COLOR" in env) == app.no_color


def test_the_console_textual_builds_agrees_for_every_term():
    """Rich's detection, over more TERM values than an App each, with Textual's arguments."""
    for term in ("xterm", "xterm-256color", "tmux-256color", "linux", "vt100", "foo-16color", ""):
        for colorterm in (None, "truecolor", "24bit", "256"):
            env = {"TERM": term} | ({"COLORTERM": colorterm} if colorterm else {})
            console = Console(
                color_system="auto",
                file=io.StringIO(),
                force_terminal=True,
                legacy_windows=False,
                _environ=env,
            )
            assert colour_system(env) == console.color_system, env


def test_a_dumb_terminal_is_drawn_in_truecolor_as_textual_does():
    found = by_id(terminal_findings({"TERM": "dumb"}))
    assert colours({"TERM": "dumb"}) == "truecolor"
    assert found["colors"].status == "warn" and "truecolor" in found["colors"].meaning
    assert found["term"].status == "warn" and "xterm-256color" in advice(found["term"])


def test_sixteen_colours_from_a_plain_term_are_a_problem_but_not_on_the_console():
    plain = by_id(terminal_findings({"TERM": "xterm"}))["colors"]
    assert (plain.value, plain.status) == ("16", "warn")
    assert "TERM=xterm-256color" in advice(plain) and "COLORTERM=truecolor" in advice(plain)
    console = by_id(terminal_findings({"TERM": "linux"}))["colors"]
    assert (console.value, console.status) == ("16", "ok")


def test_truecolor_and_256():
    assert colours({"TERM": "xterm-256color"}) == "256"
    assert colours({"TERM": "linux", "COLORTERM": "truecolor"}) == "truecolor"
    found = by_id(terminal_findings({"TERM": "xterm", "COLORTERM": "truecolor"}))
    assert found["colors"].status == "ok" and "COLORTERM" in found["colors"].meaning


def test_an_unknown_textual_color_system_stops_the_app():
    env = {"TERM": "linux", "TEXTUAL_COLOR_SYSTEM": "8bit"}
    found = by_id(terminal_findings(env))["colors"]
    assert found.status == "warn" and "will not start" in found.meaning
    assert "unset TEXTUAL_COLOR_SYSTEM" in advice(found)


def test_no_color_even_empty_means_greys():
    found = by_id(terminal_findings({"TERM": "linux", "NO_COLOR": ""}))["no_color"]
    assert found.status == "warn" and "greys" in found.meaning and "unset NO_COLOR" in advice(found)
    assert by_id(terminal_findings({"TERM": "linux"}))["no_color"].status == "ok"


def test_no_term():
    found = by_id(terminal_findings({}))["term"]
    assert found.status == "warn" and "TERM=" in advice(found)


def test_escape_delay_as_textual_reads_it():
    assert escape_delay_ms({}) == 100
    assert escape_delay_ms({"ESCDELAY": "25"}) == 25
    assert escape_delay_ms({"ESCDELAY": "x"}) == 100
    assert escape_delay_ms({"ESCDELAY": "0"}) == 1


# -- encoding ----------------------------------------------------------------------------------


def test_a_c_locale_advises_utf8_or_ascii():
    found = by_id(encoding_findings({"LANG": "C"}, "utf-8"))
    assert found["locale"].status == "warn" and "LANG=C.UTF-8" in advice(found["locale"])
    assert found["box_drawing"].status == "warn"
    assert "--ascii" in advice(found["box_drawing"])


def test_pythons_own_coercion_is_not_taken_for_the_users_locale():
    """Python writes LC_CTYPE=C.UTF-8 over a C locale into its own environment."""
    found = by_id(encoding_findings({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, "utf-8"))
    assert found["box_drawing"].status == "warn"


def test_a_utf8_locale_is_safe_and_lc_all_wins():
    found = by_id(encoding_findings({"LANG": "en_GB.UTF-8"}, "utf-8"))
    assert found["box_drawing"].status == "ok" and found["locale"].status == "ok"
    found = by_id(encoding_findings({"LANG": "en_GB.UTF-8", "LC_ALL": "POSIX"}, "utf-8"))
    assert found["box_drawing"].status == "warn"


def test_python_writing_latin1():
    found = by_id(encoding_findings({"LANG": "C.UTF-8"}, "latin-1"))
    assert found["stdout"].status == "warn" and "PYTHONIOENCODING" in advice(found["stdout"])
    assert found["box_drawing"].status == "warn"


# -- tmux, screen, ssh, size -------------------------------------------------------------------


class FakeTmux:
    def __init__(self, **options):
        self.options, self.asked = options, []

    def __call__(self, command):
        self.asked.append(command)
        return self.options.get(command[-1].replace("-", "_"))


def test_outside_tmux_tmux_is_not_asked():
    tmux = FakeTmux()
    assert [f.status for f in tmux_findings({}, tmux)] == ["ok"] and tmux.asked == []


def test_tmux_with_its_defaults_gets_three_pieces_of_advice():
    tmux = FakeTmux(escape_time="500\n", default_terminal="screen\n", set_clipboard="external\n")
    found = by_id(tmux_findings({"TMUX": "/tmp/tmux-0/default,1,0"}, tmux))
    assert ["tmux", "show-options", "-gv", "escape-time"] in tmux.asked
    assert found["tmux.escape-time"].status == "warn"
    assert "set -sg escape-time 10" in advice(found["tmux.escape-time"])
    assert found["tmux.default-terminal"].status == "warn"
    assert "tmux-256color" in advice(found["tmux.default-terminal"])
    assert found["tmux.set-clipboard"].status == "warn"
    assert "set -g set-clipboard on" in advice(found["tmux.set-clipboard"])


def test_tmux_set_up_well():
    tmux = FakeTmux(escape_time="10", default_terminal="tmux-256color", set_clipboard="on")
    found = tmux_findings({"TMUX": "x"}, tmux)
    assert {f.status for f in found} == {"ok"}
    tmux = FakeTmux(escape_time="50", default_terminal="screen-256color", set_clipboard="on")
    assert {f.status for f in tmux_findings({"TMUX": "x"}, tmux)} == {"ok"}


def test_a_tmux_that_does_not_answer():
    found = tmux_findings({"TMUX": "x"}, FakeTmux())
    assert [f.status for f in found] == ["warn"] and "by hand" in advice(found[0])


def test_screen():
    assert screen_findings({})[0].status == "ok"
    found = screen_findings({"STY": "123.pts-0.host"})[0]
    assert "maptimeout" in advice(found) and "screen-256color" in advice(found)


def test_ssh_does_not_carry_colorterm():
    assert [f.status for f in ssh_findings({})] == ["ok"]
    found = by_id(ssh_findings({"SSH_CONNECTION": "10.1.2.3 5000 10.1.2.4 22"}))
    assert "10.1.2.3" in found["ssh"].value
    assert "SendEnv" in advice(found["ssh.env"]) and "AcceptEnv" in advice(found["ssh.env"])
    assert "export COLORTERM=truecolor" in advice(found["ssh.env"])
    sent = by_id(ssh_findings({"SSH_TTY": "/dev/pts/1", "COLORTERM": "truecolor"}))
    assert "ssh.env" not in sent


@pytest.mark.parametrize(
    ("size", "status"), [((80, 24), "ok"), ((79, 24), "warn"), ((200, 23), "warn"), (None, "info")]
)
def test_size(size, status):
    found = size_findings(size)[0]
    assert found.status == status
    if status == "warn":
        assert "80 columns" in advice(found)


# -- keys --------------------------------------------------------------------------------------


def step(label):
    return next(s for s in STEPS if s.label == label)


def test_keys_that_terminals_merge_are_explained_not_blamed():
    found = judge(step("Ctrl+H"), b"\x08", ["backspace"])
    assert found.status == "info" and "backspace" in found.meaning
    assert found.value == "^H -> backspace"
    assert judge(step("Ctrl+I"), b"\t", ["tab"]).status == "info"
    assert judge(step("Ctrl+M"), b"\r", ["enter"]).status == "info"
    assert judge(step("Ctrl+H"), b"\x1b[104;5u", ["ctrl+h"]).status == "ok"


def test_a_key_that_arrives_as_another_gets_advice():
    found = judge(step("Shift+Tab"), b"\t", ["tab"])
    assert found.status == "warn" and "p for the mention before" in advice(found)
    found = judge(step("Esc then /"), b"\x1b/", ["slash"])
    assert found.status == "warn" and "Esc is lost" in found.meaning
    assert "escape-time" in advice(found)
    assert judge(step("Esc then /"), b"\x1b/", ["alt+slash"]).status == "warn"
    assert judge(step("Esc then /"), b"\x1b /", ["escape", "slash"]).status == "ok"


def test_bytes_are_shown_readably():
    assert shown_bytes(b"\x1b[Z") == "ESC [ Z"
    assert shown_bytes(b"\x7f\x08 \xc3") == "DEL ^H SP c3"


# -- the whole report --------------------------------------------------------------------------

HOSTILE = {
    "TERM": "xterm\x1b]0;owned\x07-256color",
    "COLORTERM": "\x1b[31mred",
    "LANG": "C",
    "TMUX": "x",
    "STY": "1.x",
    "SSH_CONNECTION": "\x1b[2J 1 2 3",
    "NO_COLOR": "1",
}


def test_the_report_fits_80_columns_in_ascii_with_no_control_characters():
    tmux = FakeTmux(escape_time="500", default_terminal="screen\x1b[2J", set_clipboard="off")
    findings = examine(HOSTILE, "utf-8", (60, 20), tmux)
    lines = doctorview.text(findings)
    assert all(len(line) <= 80 for line in lines)
    assert all(not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in line) for line in lines)
    assert all(line.isascii() for line in lines if "\ufffd" not in line)
    assert lines[-1].startswith(f"{sum(f.status == 'warn' for f in findings)} problems found")


def test_json_fields():
    findings = examine(HOSTILE, "utf-8", (60, 20), FakeTmux())
    report = doctorview.as_json(findings, facts(HOSTILE, "utf-8", (60, 20)))
    assert report["doctor"] == 1 and report["colors"] == "256" and report["no_color"] is True
    assert "\x1b" not in report["term"] and report["utf8"] is False
    assert (report["tmux"], report["screen"], report["ssh"]) == (True, True, True)
    assert (report["columns"], report["rows"]) == (60, 20)
    first = report["checks"][0]
    assert set(first) == {"id", "section", "label", "status", "value", "meaning", "advice"}
    assert report["problems"] == sum(check["status"] == "warn" for check in report["checks"])
