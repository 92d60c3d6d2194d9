"""The kind of a proposed name, from evidence, with how strong the evidence is.

Votes, each with a weight and a reason: the gazetteer (a country, a subdivision), the head word
of the name ("Gaza Strip", "International Monetary Fund", "Northern Alliance", "Davis Cup"; the
word before "of": "Reserve Bank of Australia"), titles ("Mr", "President") and lower-case roles
("premier Neville Wran") before it, and the context of each place it is written ("in", "at",
"the" before it: not a person). The kind with most weight wins; it is sure when its weight is
at least `SURE` and leads the next by at least `MARGIN`, else the candidate says "kind unsure".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tui.knowledge.names import gazetteer
from tui.knowledge.names.spans import Occurrence
from tui.knowledge.names.words import (
    COMPASS,
    EVENT_HEADS,
    GROUP_HEADS,
    ORGANIZATION_HEADS,
    PERSON_BEFORE,
    PLACE_BEFORE,
    PLACE_FIRST,
    PLACE_HEADS,
)

SURE, MARGIN = 2.5, 1.0
AGREEMENT_WORDS = frozenset(
    "agreement arrangement memorandum treaty accord pact annex framework roadmap initiative "
    "compact protocol understanding".split()
)
_HEADS = (
    ("group", GROUP_HEADS),
    ("event", EVENT_HEADS),
    ("organization", ORGANIZATION_HEADS),
    ("place", PLACE_HEADS),
)
_LAST_WORD = re.compile(r"([a-z]+)\W*$")
_FIRST_WORD = re.compile(r"^\W*([a-z]+)")


@dataclass(frozen=True)
class Guess:
    """A kind, the evidence for it in words, and whether that evidence is strong."""

    kind: str
    evidence: str
    sure: bool


def is_agreement(name: str) -> bool:
    words = {w.lower().strip(".,") for w in name.split()}
    last = name.split()[-1].lower()
    return last in AGREEMENT_WORDS or bool(words & {"agreement", "memorandum", "treaty"})


def guess(name: str, seen: Iterable[Occurrence] = ()) -> Guess:
    """The kind of `name`, from the name and from the places `seen` it is written."""
    votes: dict[str, float] = defaultdict(float)
    reasons: dict[str, list[str]] = defaultdict(list)

    def vote(kind: str, weight: float, reason: str) -> None:
        votes[kind] += weight
        if reason not in reasons[kind]:
            reasons[kind].append(reason)

    _from_name(name, vote)
    for occurrence in seen:
        _from_context(occurrence, vote)
    if not votes:
        shape = "person" if len(name.split()) <= 3 else "organization"
        return Guess(shape, f"no evidence: {len(name.split())} words", False)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    kind, weight = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    sure = weight >= SURE and weight - runner_up >= MARGIN
    return Guess(kind, "; ".join(reasons[kind][:3]), sure)


def _from_name(name: str, vote) -> None:
    words = name.split()
    if gazetteer.is_country(name):
        vote("country", 4, "a country (ISO 3166)")
    elif gazetteer.is_subdivision(name):
        vote("place", 3, "a state or province (ISO 3166-2)")
    head = name.split(" of ")[0].split()[-1].lower()
    for kind, heads in _HEADS:
        if head in heads:
            weight = 3.0
            if kind == "organization" and words[0] in COMPASS and len(words) == 2:
                kind, weight = "place", 3.0  # "West Bank", "North Shore"
            vote(kind, weight, f"the name ends in {head!r}")
            break
    else:
        inner = [w for w in words[:-1] if w.lower() in ORGANIZATION_HEADS]
        if inner:
            vote("organization", 1.5, f"{inner[0]!r} in the name")
    if words[0] in PLACE_FIRST:
        vote("place", 2, f"the name starts with {words[0]!r}")


def _from_context(occurrence: Occurrence, vote) -> None:
    if occurrence.title:
        vote("person", 3, f"the title {occurrence.title.split()[-1]!r} before it")
    last = _LAST_WORD.search(occurrence.before)
    word = last.group(1) if last else ""
    if word == "the":
        vote("organization", 0.5, "'the' before it")
        vote("place", 0.5, "'the' before it")
        vote("person", -2, "'the' before it")
        before_the = _LAST_WORD.search(occurrence.before[: last.start()] if last else "")
        if before_the and before_the.group(1) in PLACE_BEFORE:
            vote("place", 1, f"'{before_the.group(1)} the' before it")
    elif word in PLACE_BEFORE:
        vote("place", 1, f"{word!r} before it")
    elif word in PERSON_BEFORE:
        vote("person", 2, f"{word!r} before it")
    following = _FIRST_WORD.search(occurrence.after)
    after = following.group(1) if following else ""
    if after in ("spokesman", "spokeswoman", "official", "officials", "members", "fighters"):
        vote("organization", 1, f"{after!r} after it")
    elif after in ("said", "says", "told") and not word == "the":
        vote("person", 0.5, f"{after!r} after it")
