"""Where a query matched inside a label or a text: spans to highlight and one-line snippets.

Both work on the original string, so every span indexes the text as shown. Folding is done one
character at a time to keep lengths equal ('É' -> 'e', 'ß' stays one character).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tui.textsafe import one_line

Span = tuple[int, int]
_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKD", char.casefold())
    base = "".join(c for c in folded if not unicodedata.combining(c))
    return base if len(base) == 1 else char.lower() if len(char.lower()) == 1 else char


def fold_same_length(text: str) -> str:
    """`query.fold` without changing the length of the string."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def match_spans(text: str, terms: tuple[str, ...], prefix_last: bool = True) -> list[Span]:
    """Spans of `text` whose words equal a term, or start with the last term when typing."""
    if not terms:
        return []
    exact = set(terms[:-1]) | ({terms[-1]} if not prefix_last else set())
    prefix = terms[-1] if prefix_last else None
    spans = []
    for word in _WORD.finditer(fold_same_length(text)):
        token = word.group()
        if token in exact:
            spans.append((word.start(), word.end()))
        elif prefix and token.startswith(prefix):
            spans.append((word.start(), word.start() + len(prefix)))
    return spans


def snippet(
    text: str, terms: tuple[str, ...], prefix_last: bool = True, width: int = 100
) -> tuple[str, list[Span]]:
    """A one-line excerpt around the first match, and the match spans inside it."""
    first = _first_match(text, terms, prefix_last)
    if first is None:
        return _cut(text, 0, width), []
    start = _word_start(text, max(0, first - width // 3))
    end = min(len(text), start + width)
    excerpt = _cut(text, start, end - start)
    offset = start - (1 if start > 0 else 0)
    spans = match_spans(text[start:end], terms, prefix_last)
    return excerpt, [(s + start - offset, e + start - offset) for s, e in spans]


def _first_match(text: str, terms: tuple[str, ...], prefix_last: bool) -> int | None:
    """Where the first matching word starts, found by one regular expression over the text."""
    if not terms:
        return None
    alternatives = [re.escape(t) + r"(?![^\W_])" for t in terms[:-1]]
    alternatives.append(re.escape(terms[-1]) + ("" if prefix_last else r"(?![^\W_])"))
    pattern = r"(?<![^\W_])(?:" + "|".join(alternatives) + ")"
    found = re.search(pattern, fold_same_length(text))
    return found.start() if found else None


def _word_start(text: str, index: int) -> int:
    """Move `index` forward to the start of a word, so a snippet does not begin mid-word."""
    if index == 0:
        return 0
    space = text.find(" ", index, index + 20)
    return space + 1 if space >= 0 else index


def _cut(text: str, start: int, length: int) -> str:
    body = one_line(text[start : start + length])
    prefix = "\u2026" if start > 0 else ""
    suffix = "\u2026" if start + length < len(text) else ""
    return prefix + body + suffix
