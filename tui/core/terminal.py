"""What the terminal can show, decided from the environment alone (no I/O): whether to draw in
ASCII (`quadrant --ascii`, or automatically).

The character set is the locale's (LC_ALL, else LC_CTYPE, else LANG; none of them is the C
locale). Python itself cannot be asked: it runs in UTF-8 whatever the locale (PEP 538 and 540),
and when the locale is C it writes `LC_CTYPE=C.UTF-8` into its own environment, which says
nothing about the terminal. A serial console is recognised by its TERM (agetty's `vt100`,
`vt220`...), whose hardware has no UTF-8 whatever the locale sent along says.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

_UTF8 = re.compile(r"utf-?8", re.IGNORECASE)
# What Python's locale coercion puts in LC_CTYPE when it finds the C locale (PEP 538).
_COERCED = frozenset({"C.UTF-8", "C.utf8", "UTF-8"})
_C_LOCALES = frozenset({"", "C", "POSIX"})
_ASCII_TERMS = re.compile(r"^(vt\d+|dumb)(-.*)?$")


def charset_locale(env: Mapping[str, str]) -> str:
    """The locale that decides the character set: LC_ALL, else LC_CTYPE, else LANG, else C.
    An LC_CTYPE that Python's coercion wrote over a C locale is not the user's, and skipped."""
    if env.get("LC_ALL"):
        return env["LC_ALL"]
    ctype = env.get("LC_CTYPE", "")
    if ctype and not (ctype in _COERCED and env.get("LANG", "") in _C_LOCALES):
        return ctype
    return env.get("LANG") or "C"


def says_utf8(locale: str) -> bool:
    """`en_GB.UTF-8`, `C.utf8`: yes; `C`, `POSIX`, `en_US`, `de_DE.ISO-8859-1`: no."""
    codeset = locale.partition(".")[2].partition("@")[0]
    return bool(_UTF8.fullmatch(codeset)) or bool(_UTF8.fullmatch(locale))


def wants_ascii(env: Mapping[str, str], stdout_encoding: str | None = "utf-8") -> bool:
    """Whether the app should draw in ASCII: the locale is not UTF-8, Python does not write
    UTF-8 (PYTHONIOENCODING, or UTF-8 mode turned off), or the terminal is a serial one."""
    if not says_utf8(charset_locale(env)):
        return True
    if stdout_encoding is not None and not _UTF8.fullmatch(stdout_encoding.replace("_", "-")):
        return True
    return bool(_ASCII_TERMS.match(env.get("TERM", "")))
