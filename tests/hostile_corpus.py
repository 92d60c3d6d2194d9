"""A corpus of hostile articles, written by the tests: markup, escapes, controls, huge text."""

from __future__ import annotations

import json
from pathlib import Path

MARKUP = "[bold]b[/] [/] [@click=app.quit]q[/] [link=https://e.vil]l[/link] [ @click=app.bell]"
ESCAPES = (
    "\x1b]0;title-pwned\x07 \x1b]52;c;Y2xpcA==\x07 \x1b[2J \x1b[31mred\x1b[0m "
    "\x9b31m \x85 \x07 \x08 \x7f"
)
UNICODE = "\u202egnirts desrever\u202c zero\u200bwidth e\u0301\u0301 \u4e2d\u6587 \U0001f6f0\ufe0f"
HUGE_LINE = 10 * 1024 * 1024
LONG_TITLE = 100_000


def write_corpus(folder: Path) -> dict[str, Path]:
    """Write one file per kind of hostility; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "markup.txt": f"Markup {MARKUP}\n\nIndia and {MARKUP} met the Quad.\n",
        "escapes.txt": f"Escapes {ESCAPES}\n\nIndia said {ESCAPES} to LEMOA.\n",
        "unicode.txt": f"Unicode {UNICODE}\n\nJapan {UNICODE} and India.\n",
        "nul.txt": "Nul title\n\nIndia\x00 text with a NUL byte.\n",
        "long-title.txt": "T" * LONG_TITLE + "\n\nIndia and the long title.\n",
        "markup.json": json.dumps(
            {"title": f"JSON {MARKUP} {ESCAPES}", "text": f"India {MARKUP} {ESCAPES} and BECA."}
        ),
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / name
        paths[name].write_text(text, encoding="utf-8")
    huge = folder / "huge-line.txt"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write("Huge line\n\n")
        chunk = ("lorem ipsum dolor sit amet " * 40 + "India signed LEMOA. ") * 50
        while handle.tell() < HUGE_LINE:
            handle.write(chunk)
    paths["huge-line.txt"] = huge
    return paths


def has_controls(text: str) -> bool:
    """Any C0 (but newline), DEL, C1 control or bidi override."""
    return any(
        (ord(c) < 32 and c not in "\n")
        or 0x7F <= ord(c) <= 0x9F
        or 0x202A <= ord(c) <= 0x202E
        or 0x2066 <= ord(c) <= 0x2069
        for c in text
    )
