"""Find the places where an article names a known entity or agreement.

One Aho-Corasick automaton (pyahocorasick) holds every name, alias, acronym and full name, so a
scan costs the same whether the database knows ten names or ten thousand. Rules:
- whole words only; a possessive or plural ending ("India's", "LEMOAs") still counts;
- acronyms and single words match with their case ("BECA", "Quad"), longer names in any case;
- where names overlap, the longest wins ("Quad Foreign Ministers' Meeting" over "Quad");
- a few aliases that are ordinary words or two letters ("State", "IN") are searchable but never
  linked automatically (see `NOT_LINKED`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from tui.models import Agreement, Entity, Mention

# Aliases that read as ordinary words or stand for too many things to link without a person.
NOT_LINKED = frozenset(
    {"State", "Romeo", "Rice", "Ross", "Austin", "Carter", "Abe", "Pranab", "Rajnath"}
)
_ENDINGS = ("", "s", "es", "'s", "\u2019s")


@dataclass(frozen=True)
class Name:
    """One name of one target, as the automaton stores it."""

    text: str
    target_kind: str
    target: str
    case_sensitive: bool


def linkable_names(entities: Iterable[Entity], agreements: Iterable[Agreement]) -> list[Name]:
    """Every name the extractor looks for, with its target."""
    names = [Name(n, "entity", e.id, False) for e in entities for n in e.names]
    names += [Name(n, "agreement", a.id, False) for a in agreements for n in a.names]
    return [
        Name(n.text.strip(), n.target_kind, n.target, _is_case_sensitive(n.text.strip()))
        for n in names
        if _is_linkable(n.text.strip())
    ]


def _is_linkable(name: str) -> bool:
    return len(name) > 2 and name not in NOT_LINKED and any(c.isalnum() for c in name)


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
        for name in names:
            key = _fold(name.text)
            entries = self._automaton.get(key, [])
            entries.append(name)
            self._automaton.add_word(key, entries)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    @classmethod
    def for_targets(cls, entities: Iterable[Entity], agreements: Iterable[Agreement]) -> Extractor:
        return cls(linkable_names(entities, agreements))

    def find(self, article_id: str, text: str) -> list[Mention]:
        """Every mention in `text`, sorted by position, none overlapping."""
        if self._empty:
            return []
        found = []
        for end, entries in self._automaton.iter(_fold(text)):
            start = end - len(entries[0].text) + 1
            name = self._accept(text, start, end + 1, entries)
            if name is not None:
                found.append((start, end + 1, name))
        return [
            Mention(article_id, start, end, name.target_kind, name.target)
            for start, end, name in _longest_first(found)
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
