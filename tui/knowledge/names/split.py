"""Whole names: "India and Pakistan" is two names, "Ernst and Young" one.

A name with "and" in it is split when each side is a name of its own: a known name, a country
or subdivision, a name the batch writes on its own elsewhere, or (both sides) a person's name in
form. It stays whole when the whole is known or in the gazetteer ("Bosnia and Herzegovina"), or
when only the last side has the head word that governs both ("Australian Competition and
Consumer Commission", "Department of Foreign Affairs and Trade").
"""

from __future__ import annotations

from collections.abc import Callable

from tui.knowledge.names import gazetteer
from tui.knowledge.names.words import HEADS, LEADING

__all__ = ["HEADS", "parts"]
IsName = Callable[[str], bool]


def parts(name: str, is_name: IsName) -> list[str]:
    """The whole names in `name`: itself, or the sides of its "and"s."""
    if " and " not in name or is_name(name) or gazetteer.is_place_name(name):
        return [name]
    sides = [_trim(s) for s in name.replace(" & ", " and ").split(" and ")]
    if any(not s for s in sides) or _shared_head(sides):
        return [name]
    if all(_is_own_name(s, is_name) for s in sides):
        return sides
    if all(_looks_like_person(s) for s in sides):
        return sides
    return [name]


def _trim(side: str) -> str:
    words = side.split()
    while words and (words[0] in LEADING or words[0] == "the"):
        words = words[1:]
    return " ".join(words)


def _shared_head(sides: list[str]) -> bool:
    """Only the last side ends in a head word: it governs them all."""
    heads = [_head(s) in HEADS for s in sides]
    return heads[-1] and not any(heads[:-1])


def _head(side: str) -> str:
    return side.split(" of ")[0].split()[-1].lower()


def _is_own_name(side: str, is_name: IsName) -> bool:
    return is_name(side) or gazetteer.is_place_name(side)


def _looks_like_person(side: str) -> bool:
    """Two or three capitalised words, none a head word, not a demonym: 'Bob Hawke'."""
    words = side.split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not any(w.lower() in HEADS for w in words)
        and not gazetteer.is_demonym(side)
        and not gazetteer.is_place_name(side)
    )
