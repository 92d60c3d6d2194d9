"""Names within a typo of what was typed ("hegsth", "comcassa"), with rapidfuzz.

Every name of an entity or agreement, and each of its words of four letters or more, is a
choice; a query's words are compared with the choices of about their length. Scores stay below
every exact match, so a typo only fills in when the names found are few (see names.py).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Set as AbstractSet

from tui.search.query import Query

CUTOFF = 75.0  # fuzz.ratio, out of 100
SHORTEST = 4  # a text shorter than this is too short to be a typo of anything
WORD_BEGUN = 3  # a last word shorter than this, being typed after others, is not yet a word


class Typos:
    """The choices of each kind of item, sorted by length, and the item of each."""

    def __init__(self) -> None:
        self._added: dict[str, list[tuple[str, int]]] = {"entity": [], "agreement": []}
        self._choices: dict[str, list[str]] = {}
        self._items: dict[str, list[int]] = {}
        self._lengths: dict[str, list[int]] = {}

    def add(self, kind: str, choice: str, item: int) -> None:
        self._added[kind].append((choice, item))

    def freeze(self) -> None:
        """Sort each kind's choices by length (see `near`), once they are all added."""
        for kind, added in self._added.items():
            added.sort(key=lambda pair: len(pair[0]))
            self._choices[kind] = [choice for choice, _ in added]
            self._items[kind] = [item for _, item in added]
            self._lengths[kind] = [len(choice) for choice, _ in added]
        self._added = {kind: [] for kind in self._added}

    def near(self, text: str, kind: str, allowed: AbstractSet[int]) -> dict[int, float]:
        """The allowed items with a name within a typo or two of `text` (the words of a
        query), each with a score below every exact match's."""
        from rapidfuzz import fuzz, process  # not at start-up: see load

        found: dict[int, float] = {}
        if len(text) < SHORTEST:
            return found
        # fuzz.ratio is 100 * (1 - distance / (len(a) + len(b))), and the distance is at least
        # the difference in length: reaching the cutoff needs lengths within this ratio of each
        # other, so only that slice of the choices (sorted by length) is scored.
        slack = (100 - CUTOFF) / 100
        low = len(text) * (1 - slack) / (1 + slack)
        high = len(text) * (1 + slack) / (1 - slack)
        lengths = self._lengths[kind]
        first = bisect_left(lengths, math.ceil(low - 1e-9))
        last = bisect_right(lengths, math.floor(high + 1e-9))
        choices, items = self._choices[kind], self._items[kind]
        matches = process.extract(
            text, choices[first:last], scorer=fuzz.ratio, score_cutoff=CUTOFF, limit=20
        )
        for _choice, similarity, position in matches:
            number = items[first + position]
            if number in allowed:
                found[number] = max(found.get(number, 0.0), similarity / 10.0)
        return found


def typo_texts(query: Query) -> list[str]:
    """The texts of a query to look for names within a typo of: each reading's words, but
    none whose last word is one or two letters being typed after others ("quad su" finds few
    names because "su" is looked for in names only, and a name within a typo of a word not yet
    typed is noise; at 100k it took 15 ms a key)."""
    return list(
        dict.fromkeys(
            " ".join(terms)
            for terms, prefix in query.readings()
            if not (prefix and len(terms) > 1 and len(terms[-1]) < WORD_BEGUN)
        )
    )


def load() -> None:
    """Import rapidfuzz (15 to 25 ms): not at start-up, nor at the first typo (a keystroke that
    took that long), but by the load, while the user does not type."""
    import rapidfuzz.process  # noqa: F401
