"""Where a query matched inside a label or a text: spans to highlight and one-line snippets.

Both work on the original string, so every span indexes the text as shown. Folding is done one
character at a time to keep lengths equal ('É' -> 'e', 'ß' stays one character).
"""

from __future__ import annotations

import re
import unicodedata

from tui.core.textsafe import one_line

Span = tuple[int, int]


class _FoldTable(dict):
    """str.translate's table for `fold_same_length`: each character is folded the first time it
    is met, then looked up in C (a 3 KB text with one curly quote went through Python a
    character at a time)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = unicodedata.normalize("NFKD", char.casefold())
        base = "".join(c for c in folded if not unicodedata.combining(c))
        self[code] = base if len(base) == 1 else char.lower() if len(char.lower()) == 1 else char
        return self[code]


_FOLD = _FoldTable()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def fold_same_length(text: str) -> str:
    """`query.fold` without changing the length of the string. A typeset text is mostly ASCII:
    it is lowered in C, then its few other characters are folded."""
    if text.isascii():
        return text.lower()
    lowered = text.lower()
    if len(lowered) != len(text):  # a character that lowers to two ("İ")
        return text.translate(_FOLD)
    return _NON_ASCII.sub(lambda run: run.group().translate(_FOLD), lowered)


def match_spans(text: str, terms: tuple[str, ...], prefix_last: bool = True) -> list[Span]:
    """Spans of `text` whose words equal a term, or start with the last term when typing (the
    span then covers the typed letters only)."""
    return Marker(terms, prefix_last).spans(text)


def snippet(
    text: str, terms: tuple[str, ...], prefix_last: bool = True, width: int = 100
) -> tuple[str, list[Span]]:
    """A one-line excerpt around the first match, and the match spans inside it."""
    return Marker(terms, prefix_last).snippet(text, width)


LEAD = 16  # characters of a snippet before its match: it must show in a pane 30 columns wide
SCAN = 500  # characters of a text folded at a time while looking for its first match


class Marker:
    """Where the words of one query are in a label or a text. A search makes one and marks
    every row it shows with it (a keystroke marks dozens of rows)."""

    __slots__ = ("_alternatives", "_reach")

    def __init__(self, terms: tuple[str, ...], prefix_last: bool = True) -> None:
        terms = tuple(term for term in terms if term)
        # (term, whole word?) looked for at the start of each word, in this order, the first
        # found taking the place: each whole term, then the last one begun (while typing).
        whole = terms[:-1] if prefix_last else terms
        self._alternatives = [(term, True) for term in dict.fromkeys(whole)]
        if prefix_last and terms:
            self._alternatives.append((terms[-1], False))
        # A match found near the end of a stretch may end past it: this much more is read.
        self._reach = max(map(len, terms), default=0) + 1

    def spans(self, text: str) -> list[Span]:
        """See `match_spans`. Each term is looked for as a plain substring (in C), kept where
        it starts a word and, for a whole term, ends one; where two start together the first
        alternative wins, and a match skips those it overlaps. (A regular expression did the
        same, but compiling one for each new query cost a keystroke 0.1 to 0.2 ms.)"""
        if not self._alternatives:
            return []
        folded = fold_same_length(text)
        size, found = len(folded), []
        for rank, (term, whole) in enumerate(self._alternatives):
            at = folded.find(term)
            while at >= 0:
                end = at + len(term)
                if not (at and folded[at - 1].isalnum()) and not (
                    whole and end < size and folded[end].isalnum()
                ):
                    found.append((at, rank, end))
                at = folded.find(term, at + 1)
        found.sort()
        spans: list[Span] = []
        for start, _, end in found:
            if not spans or start >= spans[-1][1]:
                spans.append((start, end))
        return spans

    def snippet(self, text: str, width: int = 100) -> tuple[str, list[Span]]:
        """See `snippet`."""
        first = self._first_match(text)
        if first is None:
            return _cut(text, 0, width), []
        start = _word_start(text, max(0, first - LEAD), first)
        end = min(len(text), start + width)
        excerpt = _cut(text, start, end - start)
        shift = 1 if start > 0 else 0  # the ellipsis before the excerpt
        return excerpt, [(s + shift, e + shift) for s, e in self.spans(text[start:end])]

    def _first_match(self, text: str) -> int | None:
        """Where the first matching word starts. The text is folded a stretch at a time, so
        finding a word near the start (a title's) does not fold 3 KB of a typeset text; in each
        stretch each term is looked for as a plain substring (in C) and kept where it starts a
        word and, for a whole term, ends one."""
        if not self._alternatives:
            return None
        for start in range(0, len(text), SCAN):
            lead = 1 if start else 0  # the character before: is the stretch's first one a start?
            window = fold_same_length(text[start - lead : start + SCAN + self._reach])
            found = _first_in(window, self._alternatives, lead, lead + SCAN)
            if found is not None:
                return start - lead + found
        return None


def _first_in(folded: str, wanted: list[tuple[str, bool]], low: int, high: int) -> int | None:
    """The first place in [low, high) where a term starts a word (and ends one when whole)."""
    first = None
    for term, whole in wanted:
        at = folded.find(term, low)
        while 0 <= at < high and (first is None or at < first):
            end = at + len(term)
            if not (at and folded[at - 1].isalnum()) and not (
                whole and end < len(folded) and folded[end].isalnum()
            ):
                first = at
                break
            at = folded.find(term, at + 1)
    return first


def _word_start(text: str, index: int, limit: int) -> int:
    """Move `index` forward to the start of a word, so a snippet does not begin mid-word, but
    not past `limit` (the match)."""
    if index == 0:
        return 0
    space = text.find(" ", index, limit)
    return space + 1 if space >= 0 else index


def _cut(text: str, start: int, length: int) -> str:
    body = text[start : start + length].replace("\n", " ")
    if not body.isprintable():  # anything but letters, marks, digits, punctuation and spaces
        body = one_line(body)
    prefix = "\u2026" if start > 0 else ""
    suffix = "\u2026" if start + length < len(text) else ""
    return prefix + body + suffix
