"""Where an article names something: runs of capitalised words, cleaned into names.

A run is capitalised words joined by spaces, a single line break, or a small word ("of", "and",
"bin"). Each run is cleaned: sentence words in front dropped ("The", or a word the text also
writes in lower case, at the start of a sentence), a possessive cut off and ending the name
("Mr Howard's office"), and a title in front kept apart ("Prime Minister John Howard" is the
name "John Howard" with the title "Prime Minister").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from tui.knowledge.names.words import JOINERS, LEADING, TITLES

_ABBREVIATIONS = r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev|St|Mt)\."
_TOKEN = rf"(?:{_ABBREVIATIONS}|[A-Z]\.(?=[ \t]+[A-Z])|[A-Z][A-Za-z]*(?:['\u2019-][A-Za-z]+)*)"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_SMALL = rf"(?:(?:of|and|for)(?:{_GAP}the)?|&|de|bin|al|van|von|da|arap)"
RUN = re.compile(rf"(?<![\w'\u2019.-]){_TOKEN}(?:{_GAP}(?:{_SMALL}{_GAP})*{_TOKEN})*")
_POSSESSIVE = re.compile(r"['\u2019]s$|(?<=s)['\u2019]$")
_SENTENCE_END = re.compile(r"[.!?:;\"\u201c\u201d(]\s*$|^\s*$")
_CONTEXT = 40


@dataclass(frozen=True)
class Occurrence:
    """One name as an article writes it: the name, any title before it, where, and context."""

    article: int
    name: str
    title: str
    start: int
    before: str  # the lower-case text just before (the title excluded)
    after: str

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


def occurrences(article: int, text: str, lowercase: set[str]) -> Iterable[Occurrence]:
    """Every cleaned name in `text`; `lowercase` holds words the batch writes in lower case."""
    for match in RUN.finditer(text):
        word = match.group()
        if " " not in word and "\n" not in word and "\t" not in word:  # one word: no context
            bare = _POSSESSIVE.sub("", word)
            if bare not in LEADING and bare not in TITLES and not bare.isupper():
                yield Occurrence(article, bare, "", match.start(), "", "")
            continue
        offsets = [(m.start() + match.start(), m.group()) for m in re.finditer(r"\S+", match[0])]
        for part in _split_possessives(offsets):
            found = _clean(article, text, part, lowercase)
            if found is not None:
                yield found


def _split_possessives(offsets: list[tuple[int, str]]) -> Iterable[list[tuple[int, str]]]:
    """'Australia's Prime Minister John Howard' is two runs; the possessive ends the first."""
    part: list[tuple[int, str]] = []
    for start, word in offsets:
        bare = _POSSESSIVE.sub("", word)
        part.append((start, bare))
        if bare != word:
            yield part
            part = []
    if part:
        yield part


def _clean(article: int, text: str, part: list, lowercase: set[str]) -> Occurrence | None:
    words = list(part)
    at_sentence_start = bool(_SENTENCE_END.search(text[max(0, words[0][0] - 3) : words[0][0]]))
    while words and (words[0][1] in LEADING or words[0][1] in JOINERS):
        words, at_sentence_start = words[1:], False
    if at_sentence_start and len(words) > 1 and words[0][1].lower() in lowercase:
        words = words[1:]
        while words and words[0][1] in JOINERS:
            words = words[1:]
    while words and words[-1][1] in JOINERS:
        words = words[:-1]
    title, words = _title(words)
    if not words or not any(c.islower() for _, w in words for c in w):
        return None  # nothing left, or words in capitals (a headline, an acronym alone)
    start = (title or words)[0][0]
    end = words[-1][0] + len(words[-1][1])
    return Occurrence(
        article=article,
        name=" ".join(w for _, w in words),
        title=" ".join(w for _, w in title),
        start=words[0][0],
        before=text[max(0, start - _CONTEXT) : start].lower(),
        after=text[end : end + _CONTEXT].lower(),
    )


def _title(words: list) -> tuple[list, list]:
    """Split off the title in front: after the last title word, with 'of State' and the like
    that belong to it ("Secretary of State Colin Powell")."""
    last = max((n for n, (_, w) in enumerate(words) if w in TITLES), default=-1)
    if last < 0:
        return [], words
    cut = last + 1
    if cut + 1 < len(words) and words[cut][1] in ("of", "for"):
        cut += 2
    if cut >= len(words):
        return words, []  # a title alone ("the Prime Minister")
    return words[:cut], words[cut:]


def prose(text: str) -> str:
    """The text with its headings blanked (same length): a line in title case is not names."""
    return "\n".join(_blank_heading(line) for line in text.split("\n"))


def _blank_heading(line: str) -> str:
    if not 0 < len(line) < 120 or line.rstrip().endswith((".", "!", "?", ";", ",")):
        return line  # prose: paragraphs are long, or end like sentences
    words = line.split()
    capitalised = sum(w[:1].isupper() for w in words)
    is_heading = capitalised >= 0.6 * len(words) and len(words) > 1
    return " " * len(line) if is_heading else line
