"""Find the places where an article names a known entity or agreement.

One Aho-Corasick automaton (pyahocorasick) holds every name, alias, acronym and full name, so a
scan costs the same whether the database knows ten names or ten thousand; acronyms of two
capitals are looked for apart, in one regular expression over the text as written. Rules:
- whole words only; a possessive or plural ending ("India's", "LEMOAs") still counts;
- acronyms and single words match with their case ("BECA", "Quad"), longer names in any case;
- names of two letters are linked only when they are two capitals ("US", "UK", "EU"), with their
  case, and not in text set in capitals (a headline, shouting: "LET US GO"), where they may be an
  ordinary word; nor as part of a code ("US$", "US-2");
- where names overlap, the longest wins ("Quad Foreign Ministers' Meeting" over "Quad");
- a few aliases that are ordinary words ("State", "IN") are searchable but never linked
  automatically (see `NOT_LINKED`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from tui.core.models import Agreement, Entity, Mention

# Aliases that read as ordinary words or stand for too many things to link without a person.
NOT_LINKED = frozenset(
    {"State", "Romeo", "Rice", "Ross", "Austin", "Carter", "Abe", "Pranab", "Rajnath", "IN"}
)
_ENDINGS = ("", "s", "es", "'s", "\u2019s")
_SENTENCE_END = re.compile(r"[\n.!?]")
_WORD = re.compile(r"[^\W_]*[^\W\d_][^\W_]*")  # a run of letters and digits with a letter in it
_CODE_AFTER = re.compile(r"\$|-\d")  # "US$ 3 billion", the "US-2" aircraft
_AROUND = 300  # characters looked at on each side of a short name to tell if it is in capitals


@dataclass(frozen=True)
class Name:
    """One name of one target, as the automaton stores it."""

    text: str
    target_kind: str
    target: str
    case_sensitive: bool


Found = tuple[int, int, Name]  # start, end, and the name found there


def linkable_names(entities: Iterable[Entity], agreements: Iterable[Agreement]) -> list[Name]:
    """Every name the extractor looks for, with its target."""
    names = [Name(n, "entity", e.id, False) for e in entities for n in e.names]
    names += [Name(n, "agreement", a.id, False) for a in agreements for n in a.names]
    return [
        Name(text, n.target_kind, n.target, _is_case_sensitive(text))
        for n in names
        if _is_linkable(text := n.text.strip())
    ]


def _is_linkable(name: str) -> bool:
    if name in NOT_LINKED or not any(c.isalnum() for c in name):
        return False
    return len(name) > 2 or _is_two_capitals(name)


def _is_two_capitals(name: str) -> bool:
    """An acronym of two letters ("US", "EU"): too short to link in any other form."""
    return len(name) == 2 and name.isalpha() and name.isupper()


def _is_case_sensitive(name: str) -> bool:
    """Acronyms and single words keep their case: 'Quad' the group, not 'quad' the bike."""
    return " " not in name or sum(c.isupper() for c in name) > len(name.split())


def _fold(text: str) -> str:
    """Lower-case without changing the length, so offsets found in the result fit the original."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Extractor:
    """Finds mentions of a fixed set of names; build once, scan many articles."""

    def __init__(self, names: Iterable[Name]) -> None:
        self._automaton = ahocorasick.Automaton()
        # Two capitals are looked for apart, with their case: folded, "us" and "ia" would stop
        # the automaton in every "focus" and "India".
        self._two_capitals: dict[str, Name] = {}
        for name in names:
            if _is_two_capitals(name.text):
                self._two_capitals.setdefault(name.text, name)
                continue
            key = _fold(name.text)
            entries = self._automaton.get(key, [])
            entries.append(name)
            self._automaton.add_word(key, entries)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()
        self._short: re.Pattern[str] | None = None
        if self._two_capitals:
            self._short = re.compile("|".join(map(re.escape, self._two_capitals)))

    @classmethod
    def for_targets(cls, entities: Iterable[Entity], agreements: Iterable[Agreement]) -> Extractor:
        return cls(linkable_names(entities, agreements))

    def find(self, article_id: str, text: str) -> list[Mention]:
        """Every mention in `text`, sorted by position, none overlapping."""
        found = [] if self._empty else self._found(text)
        if self._short is not None:
            found += self._found_two_capitals(self._short, text)
        return [
            Mention(article_id, start, end, name.target_kind, name.target)
            for start, end, name in _longest_first(found)
        ]

    def _found(self, text: str) -> list[Found]:
        found = []
        for end, entries in self._automaton.iter(_fold(text)):
            start = end - len(entries[0].text) + 1
            name = self._accept(text, start, end + 1, entries)
            if name is not None:
                found.append((start, end + 1, name))
        return found

    def _found_two_capitals(self, pattern: re.Pattern[str], text: str) -> list[Found]:
        return [
            (match.start(), match.end(), self._two_capitals[match.group()])
            for match in pattern.finditer(text)
            if _bounded(text, match.start(), match.end())
            and not _in_capitals(text, match.start(), match.end())
            and not _is_code(text, match.end())
        ]

    @staticmethod
    def _accept(text: str, start: int, end: int, entries: list[Name]) -> Name | None:
        if not _bounded(text, start, end):
            return None
        for name in entries:
            if not name.case_sensitive or text[start:end] == name.text:
                return name
        return None


def _bounded(text: str, start: int, end: int) -> bool:
    """The match is a whole word, allowing a possessive or plural ending after it."""
    if start > 0 and _wordish(text[start - 1]) and _wordish(text[start]):
        return False
    if end >= len(text) or not _wordish(text[end - 1]):
        return True
    return any(
        text.startswith(ending, end) and not _wordish(_at(text, end + len(ending)))
        for ending in _ENDINGS
    )


def _in_capitals(text: str, start: int, end: int) -> bool:
    """True when text[start:end] stands in text set in capitals, where "US" may be "us".

    That is when its sentence (or line) has no lower-case letter, as in a headline in capitals,
    or when the word just before it is in capitals and so is the word after it, if the sentence
    goes on: "he said LET US GO", "they chanted GIVE US!". A sentence that starts with the name
    is not in capitals for one word in capitals after it: "US FMS sales rose".
    """
    before = _SENTENCE_END.split(text[max(0, start - _AROUND) : start])[-1]
    after = _SENTENCE_END.split(text[end : end + _AROUND], maxsplit=1)[0]
    if not any(c.islower() for c in before) and not any(c.islower() for c in after):
        return True
    words_before = _WORD.findall(before)
    word_after = _WORD.search(after)
    return (
        bool(words_before)
        and _is_capitals(words_before[-1])
        and (word_after is None or _is_capitals(word_after.group()))
    )


def _is_capitals(word: str) -> bool:
    return any(c.isupper() for c in word) and not any(c.islower() for c in word)


def _is_code(text: str, end: int) -> bool:
    """A currency ("US$") or a designation ("US-2", an aircraft), not the name itself."""
    return _CODE_AFTER.match(text, end) is not None


def _wordish(char: str) -> bool:
    return char.isalnum() or char == "_"


def _at(text: str, index: int) -> str:
    return text[index] if index < len(text) else " "


def _longest_first(found: list[tuple[int, int, Name]]) -> list[tuple[int, int, Name]]:
    """Keep the longest of overlapping matches (the earliest among equals).

    Taken characters are marked in a byte array, so the cost grows with the text, not with the
    square of the number of matches.
    """
    if not found:
        return []
    taken = bytearray(max(end for _, end, _ in found))
    kept = []
    for start, end, name in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            kept.append((start, end, name))
    return sorted(kept, key=lambda f: f[0])
