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
from functools import lru_cache
from typing import NamedTuple

from tui.knowledge.names import gazetteer
from tui.knowledge.names.words import HEADS, HONORIFICS, JOINERS, LEADING, SURNAME_TITLES, TITLES

_ABBREVIATED = "Mr Mrs Ms Dr Gen Sen Rep Gov Lt Col Sgt Capt Prof Rev St Mt".split()
_ABBREVIATIONS = rf"(?:{'|'.join(_ABBREVIATED)})\."
_WORD_REST = r"[A-Za-z]*(?:['\u2019-][A-Za-z]+)*"
_TOKEN = rf"(?:{_ABBREVIATIONS}|[A-Z]\.(?=[ \t]+[A-Z])|[A-Z]{_WORD_REST})"
# The first token as a capital and the rest: a pattern that starts with a character set is
# searched for that character, one that starts with a look-behind is tried at every position.
_ABBREVIATION_REST = "|".join(
    f"(?<={c})(?:{'|'.join(a[1:] for a in _ABBREVIATED if a[0] == c)})"
    for c in dict.fromkeys(a[0] for a in _ABBREVIATED)
)  # "(?<=M)(?:r|rs|s|t)|(?<=D)(?:r)|...": the abbreviation of which the capital is the first
_NOT_AFTER = r"(?<![\w'\u2019.-][A-Z])"  # the capital starts a word
_FIRST = rf"[A-Z]{_NOT_AFTER}(?:(?:{_ABBREVIATION_REST})\.|\.(?=[ \t]+[A-Z])|{_WORD_REST})"
_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
_SMALL = rf"(?:(?:of|and|for)(?:{_GAP}the)?|&|de|bin|al|van|von|da|arap)"
RUN = re.compile(rf"{_FIRST}(?:{_GAP}(?:{_SMALL}{_GAP})*{_TOKEN})*")
_POSSESSIVE = re.compile(r"['\u2019]s$|(?<=s)['\u2019]$")
# A sentence ends before a word, or a dateline's dash does ("JAKARTA, 12 March 2024 - Hundreds").
_SENTENCE_END = re.compile(
    r"[.!?:;\"\u201c\u201d(]\s*$|^\s*$|(?:^|[\s-])[-\u2013\u2014]\s*$|[\u2013\u2014]$"
)
_CONTEXT = 40
_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
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


def occurrences(
    article: int, text: str, lowercase: set[str], single: set[str] | None = None
) -> Iterable[Occurrence]:
    """Every cleaned name in `text`; `lowercase` holds words the batch writes in lower case.
    Given a `single` set, a run of one word adds its name there instead (no title, no context:
    a batch needs only to know the name is written alone)."""
    for match in RUN.finditer(text):
        at = match.start()
        for part in _shape(match.group()):
            if part.single:
                if single is None:
                    yield Occurrence(article, part.single, "", at, "", "")
                else:
                    single.add(part.single)
                continue
            cut, first = part.plain, at + part.first
            if part.droppable in lowercase and _sentence_start(text[max(0, first - 3) : first]):
                cut = part.dropped
            if cut is not None:
                yield _occurrence(article, text, at, cut)


class _Cut(NamedTuple):
    """A run cleaned into a name: offsets from the run's start of the name, of the title or the
    name (where the context before it ends), and of the name's end."""

    name: str
    title: str
    start: int
    context: int
    end: int


class _Part(NamedTuple):
    """A run up to a possessive, cleaned once for every place the run is written: `plain`, or
    `dropped` at a sentence start when its first word (`droppable`) is written in lower case."""

    single: str  # the run is this one word: named without its context
    first: int
    droppable: str | None
    plain: _Cut | None
    dropped: _Cut | None


def _occurrence(article: int, text: str, at: int, cut: _Cut) -> Occurrence:
    start, end = at + cut.context, at + cut.end
    return Occurrence(
        article=article,
        name=cut.name,
        title=cut.title,
        start=at + cut.start,
        before=text[max(0, start - _CONTEXT) : start].lower(),
        after=text[end : end + _CONTEXT].lower(),
    )


@lru_cache(maxsize=1 << 16)
def _shape(run: str) -> tuple[_Part, ...]:
    """What a run is made of, the same wherever it is written (names recur)."""
    if " " not in run and "\n" not in run and "\t" not in run:
        bare = _POSSESSIVE.sub("", run)
        if bare in LEADING or bare in TITLES or bare.isupper():
            return ()
        return (_Part(bare, 0, None, None, None),)
    offsets = [(m.start(), m.group()) for m in _WORD.finditer(run)]
    return tuple(
        _part(words) for part in _split_possessives(offsets) for words in _split_people(part)
    )


def _part(words: list[tuple[int, str]]) -> _Part:
    """A title at a sentence start is a title ("President Widodo said"), and a place written in
    full is a place ("New Zealand said"): neither loses its first word there."""
    first, plain = words[0][1], _cut(words, False)
    if len(words) < 2 or first in LEADING or first in JOINERS or first in TITLES:
        return _Part("", words[0][0], None, plain, None)
    if plain is not None and not plain.title and gazetteer.is_place_name(plain.name):
        return _Part("", words[0][0], None, plain, None)
    return _Part("", words[0][0], first.lower(), plain, _cut(words, True))


@lru_cache(maxsize=4096)
def _sentence_start(before: str) -> bool:
    """Whether the (three) characters before a word end a sentence, or there are none."""
    return bool(_SENTENCE_END.search(before))


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


def _split_people(words: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """'Prime Minister Anthony Albanese and President Joko Widodo' is two people: split at an
    'and' followed by a title and a name, when a person's name (titled, or a title word or a
    demonym after the 'and') is before it. 'Foreign Affairs and Trade Minister Stephen Smith'
    stays one title and one name."""
    for n, (_, word) in enumerate(words):
        if word in ("and", "&") and _two_people(words[:n], words[n + 1 :]):
            return [words[:n], *_split_people(words[n + 1 :])]
    return [words]


def _two_people(left: list, right: list) -> bool:
    right_title, right_name = _title(right)
    if not right_title or not _personal(right_name) or len(right_title) > 4:
        return False
    before_title = next(n for n, (_, w) in enumerate(right_title) if w in TITLES)
    left_title, left_name = _title(left)
    if before_title > 2 or not _personal(left_name):
        return False
    return bool(left_title) or before_title == 0 or gazetteer.is_demonym(right[0][1])


def _personal(words: list) -> bool:
    """One to three capitalised words, none a head word ("Anthony Albanese", "Widodo")."""
    return 0 < len(words) <= 3 and all(
        w[:1].isupper() and w not in TITLES and w.lower() not in HEADS for _, w in words
    )


def _cut(words: list[tuple[int, str]], drop: bool) -> _Cut | None:
    """The name in a part: sentence words and joiners trimmed, the first word dropped when
    `drop` (a sentence's word, not a name's), the title kept apart."""
    while words and (words[0][1] in LEADING or words[0][1] in JOINERS):
        words = words[1:]
    if drop:
        words = words[1:]
        while words and words[0][1] in JOINERS:
            words = words[1:]
    while words and words[-1][1] in JOINERS:
        words = words[:-1]
    title, words = _title(words)
    if not words or not any(c.islower() for _, w in words for c in w):
        return None  # nothing left, or words in capitals (a headline, an acronym alone)
    return _Cut(
        name=" ".join(w for _, w in words),
        title=" ".join(w for _, w in title),
        start=words[0][0],
        context=(title or words)[0][0],
        end=words[-1][0] + len(words[-1][1]),
    )


def _title(words: list) -> tuple[list, list]:
    """Split off the title in front: after the last title word, with 'of State' and the like
    that belong to it ("Secretary of State Colin Powell")."""
    last = max((n for n, (_, w) in enumerate(words) if w in TITLES), default=-1)
    if 0 < last == len(words) - 1 and _surname(words[last - 1][1], words[last][1]):
        last = max((n for n in range(last) if words[n][1] in TITLES), default=-1)
    if last < 0:
        return [], words
    cut = last + 1
    if cut + 1 < len(words) and words[cut][1] in ("of", "for"):
        cut += 2
    if cut >= len(words):
        return words, []  # a title alone ("the Prime Minister")
    return words[:cut], words[cut:]


def _surname(before: str, word: str) -> bool:
    """'King' in 'Madeleine King' and 'Ms King' is a surname; in 'Catholic Bishop', a title."""
    if word not in SURNAME_TITLES:
        return False
    return before in HONORIFICS or (before not in TITLES and not gazetteer.is_demonym(before))


def prose(text: str) -> str:
    """The text with its headings blanked (same length): a line in title case is not names.
    A line of a wrapped paragraph is prose however many capitals it has: one that goes on in
    lower case on the next line, ends in a small word, holds a sentence's end, or opens with a
    dateline ("JAKARTA, 12 March 2024 - Prime Minister Anthony Albanese and President ...")."""
    lines = text.split("\n")
    return "\n".join(
        _blank_heading(line, lines[n + 1] if n + 1 < len(lines) else "")
        for n, line in enumerate(lines)
    )


def _blank_heading(line: str, following: str) -> str:
    if not 0 < len(line) < 120 or line.rstrip().endswith((".", "!", "?", ";", ",")):
        return line  # prose: paragraphs are long, or end like sentences
    words = line.split()
    capitalised = sum(w[:1].isupper() for w in words)
    if capitalised < 0.6 * len(words) or len(words) < 2 or _wrapped(line, words, following):
        return line
    return " " * len(line)


_SENTENCE_INSIDE = re.compile(r"[a-z][.!?][\"\u201d]?[ \t]+[A-Z\"\u201c]")
_DATELINE = re.compile(r"[ \t]*[A-Z][A-Z .'-]+(?:,|[ \t]+[-\u2013\u2014(]|:)")
_SMALL_LAST = frozenset("the a an of and or to in on at for with by from as".split())


def _wrapped(line: str, words: list[str], following: str) -> bool:
    """A line of a paragraph written over several lines, not a heading."""
    return (
        following.lstrip()[:1].islower()
        or words[-1] in _SMALL_LAST
        or bool(_SENTENCE_INSIDE.search(line))
        or bool(_DATELINE.match(line))
    )
