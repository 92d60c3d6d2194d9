"""What `quadrant doctor` finds in the environment, and what it means: pure checks over an
environment mapping, a stdout encoding, a terminal size and a tmux runner, so that tests can fake
each of them. The colour depth is worked out as Textual works it out (textual/app.py builds a
Rich Console with TEXTUAL_COLOR_SYSTEM and the environment less NO_COLOR; rich/console.py
`_detect_color_system`; textual/strip.py draws in truecolor when that finds none); a test holds
the two side by side.

Values from the environment are data: they pass through `one_line` before they are shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field

from tui.core.terminal import charset_locale, says_utf8, wants_ascii
from tui.core.textsafe import one_line

OK, WARN, INFO = "ok", "warn", "info"
Runner = Callable[[list[str]], "str | None"]  # a command's output, None when it failed

# rich's COLOR_SYSTEMS, the only values TEXTUAL_COLOR_SYSTEM may take besides "auto"
TEXTUAL_SYSTEMS = ("standard", "256", "truecolor", "windows")
COLOURS = {"standard": "16", "256": "256", "truecolor": "truecolor", "windows": "16"}
ESCAPE_TIME_MAX = 50  # ms: above this, tmux holds Esc back long enough to be felt
GOOD_TMUX_TERMS = ("tmux-256color", "screen-256color")


@dataclass(frozen=True)
class Finding:
    """One thing doctor looked at: its value, what it means, and advice when it is a problem."""

    id: str
    section: str
    label: str
    status: str
    value: str
    meaning: str
    advice: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def shown(text: str | None) -> str:
    """An environment value as doctor shows it: control characters made harmless."""
    return "(not set)" if text is None else one_line(text) or "(empty)"


def colour_system(env: Mapping[str, str]) -> str | None:
    """Rich's colour system as Textual's App builds its Console: "standard", "256",
    "truecolor", "windows", None when it finds none, or "invalid" for a TEXTUAL_COLOR_SYSTEM
    Rich does not know (Textual then fails to start)."""
    forced = env.get("TEXTUAL_COLOR_SYSTEM", "auto")
    if forced != "auto":
        return forced if forced in TEXTUAL_SYSTEMS else "invalid"
    if env.get("TERM", "").lower() in ("dumb", "unknown"):
        return None
    if env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
        return "truecolor"
    colors = env.get("TERM", "").strip().lower().rpartition("-")[2]
    return {"kitty": "256", "256color": "256", "16color": "standard"}.get(colors, "standard")


def colours(env: Mapping[str, str]) -> str:
    """The depth Textual draws in: "truecolor", "256", "16", or "none" (it will not start)."""
    system = colour_system(env)
    if system == "invalid":
        return "none"
    return "truecolor" if system is None else COLOURS[system]


def terminal_findings(env: Mapping[str, str]) -> list[Finding]:
    term, colorterm = env.get("TERM"), env.get("COLORTERM")
    found = [_term(term), _colorterm(colorterm), _depth(env)]
    if "NO_COLOR" in env:  # Textual: present at all, even empty, means greys
        found.append(
            Finding(
                "no_color",
                "terminal",
                "NO_COLOR",
                WARN,
                shown(env["NO_COLOR"]),
                "set, so Textual draws the app in greys (even when it is empty)",
                ["if you want colour here: unset NO_COLOR"],
            )
        )
    else:
        found.append(Finding("no_color", "terminal", "NO_COLOR", OK, "(not set)", "colours on"))
    return found


def _term(term: str | None) -> Finding:
    if not term:
        return Finding(
            "term",
            "terminal",
            "TERM",
            WARN,
            shown(term),
            "no terminal type: Textual assumes 16 colours",
            ["set TERM to your terminal's type, e.g. export TERM=xterm-256color"],
        )
    if term.lower() in ("dumb", "unknown"):
        return Finding(
            "term",
            "terminal",
            "TERM",
            WARN,
            shown(term),
            "a terminal that cannot move the cursor: no full-screen app works well in it",
            ["set TERM to your terminal's type, e.g. export TERM=xterm-256color"],
        )
    meaning = {
        "linux": "the Linux console (or a terminal that says it is one): 16 colours",
        "screen": "GNU screen or tmux announcing itself plainly: 16 colours",
        "tmux": "tmux announcing itself plainly: 16 colours",
        "xterm": "an xterm-compatible terminal, 16 colours announced",
    }.get(term, "the terminal type programs read")
    return Finding("term", "terminal", "TERM", OK, shown(term), meaning)


def _colorterm(colorterm: str | None) -> Finding:
    if colorterm is None:
        meaning = "Textual goes by TERM alone"
    elif colorterm.strip().lower() in ("truecolor", "24bit"):
        meaning = "the terminal shows 24-bit colour"
    else:
        meaning = "a value Textual ignores (only truecolor or 24bit count)"
    return Finding("colorterm", "terminal", "COLORTERM", OK, shown(colorterm), meaning)


def _depth(env: Mapping[str, str]) -> Finding:
    system, depth = colour_system(env), colours(env)
    label, forced = "colours", env.get("TEXTUAL_COLOR_SYSTEM", "auto") != "auto"
    if system == "invalid":
        return Finding(
            "colors",
            "terminal",
            label,
            WARN,
            "none",
            f"TEXTUAL_COLOR_SYSTEM={shown(env['TEXTUAL_COLOR_SYSTEM'])} is not one Textual "
            "knows: the app will not start",
            ["unset TEXTUAL_COLOR_SYSTEM, or set it to " + ", ".join(TEXTUAL_SYSTEMS)],
        )
    if forced:
        return Finding(
            "colors", "terminal", label, OK, depth, "as TEXTUAL_COLOR_SYSTEM says (it wins)"
        )
    if system is None:
        return Finding(
            "colors",
            "terminal",
            label,
            WARN,
            depth,
            "Rich finds no colours for this TERM, and Textual then draws in truecolor",
            ["set TERM to your terminal's type, e.g. export TERM=xterm-256color"],
        )
    if depth == "16" and env.get("TERM", "").lower() not in ("linux", ""):
        return Finding(
            "colors",
            "terminal",
            label,
            WARN,
            depth,
            "from TERM (no -256color, no COLORTERM): 16 colours",
            [
                "if the terminal does more, say so: TERM=xterm-256color, or "
                "COLORTERM=truecolor for 24-bit colour"
            ],
        )
    source = "COLORTERM" if depth == "truecolor" else "TERM"
    return Finding("colors", "terminal", label, OK, depth, f"Textual's choice, from {source}")


# -- encoding: decided as the app decides between lines and ASCII (tui/core/terminal.py) ---------


def utf8(env: Mapping[str, str], stdout_encoding: str | None) -> bool:
    """Whether box drawing is safe: the app draws lines, not ASCII."""
    return not wants_ascii(env, stdout_encoding)


def encoding_findings(env: Mapping[str, str], stdout_encoding: str | None) -> list[Finding]:
    charset = charset_locale(env)
    locale = Finding(
        "locale",
        "encoding",
        "locale",
        OK if says_utf8(charset) else WARN,
        shown(charset),
        "UTF-8 (from LC_ALL, else LC_CTYPE, else LANG)"
        if says_utf8(charset)
        else "not UTF-8 (from LC_ALL, else LC_CTYPE, else LANG)",
        [] if says_utf8(charset) else ["if your terminal shows UTF-8, say so: export LANG=C.UTF-8"],
    )
    writes = shown(stdout_encoding) if stdout_encoding else "(not a text stream)"
    python = Finding("stdout", "encoding", "Python writes", OK, writes, "sys.stdout.encoding")
    if stdout_encoding and not re.fullmatch(r"utf-?8", stdout_encoding.replace("_", "-"), re.I):
        python = Finding(
            "stdout",
            "encoding",
            "Python writes",
            WARN,
            writes,
            "not UTF-8",
            ["unset PYTHONIOENCODING, or set it to utf-8"],
        )
    return [locale, python, _box_drawing(env, stdout_encoding)]


def _box_drawing(env: Mapping[str, str], stdout_encoding: str | None) -> Finding:
    if utf8(env, stdout_encoding):
        return Finding(
            "box_drawing",
            "encoding",
            "box drawing",
            OK,
            "safe",
            "borders and rules drawn with UTF-8 lines; should they show as garbage all the "
            "same, run quadrant --ascii",
        )
    return Finding(
        "box_drawing",
        "encoding",
        "box drawing",
        WARN,
        "not safe",
        "UTF-8 lines may show as garbage here, so the app draws in ASCII by itself",
        ["quadrant --ascii does the same anywhere; a UTF-8 locale (above) brings lines back"],
    )


def escape_delay_ms(env: Mapping[str, str]) -> int:
    """Textual's wait after Esc for the rest of a sequence: ESCDELAY, 100 ms when unset or not
    a number, 1 ms at least (textual/constants.py)."""
    try:
        return max(1, int(env["ESCDELAY"]))
    except (KeyError, ValueError):
        return 100


def escape_finding(env: Mapping[str, str]) -> Finding:
    ms = escape_delay_ms(env)
    return Finding(
        "escdelay",
        "terminal",
        "Esc delay",
        OK,
        f"{ms} ms" + (" (ESCDELAY)" if "ESCDELAY" in env else ""),
        f"Textual reads Esc and a key within {ms} ms of it as alt+key",
    )
