"""Propose new entities and agreements from an article's text, for a person to review.

Two signals: definitions ("Full Name (ACR)" and "ACR (Full Name)"), and capitalised multi-word
names that recur in the same article. Nothing proposed here is confirmed: every proposal is stored
with status `candidate`, and names a person has rejected are never proposed again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tui.query import fold

_WORD = r"[A-Z][\w'\u2019&.-]*"
_JOIN = r"(?:[ \t]+(?:of|and|for|the|on|in|to|&)[ \t]+|[ \t]+)"  # names do not cross lines
_NAME = rf"{_WORD}(?:{_JOIN}{_WORD}){{1,7}}"
_ACRONYM = r"[A-Z][A-Za-z0-9&-]{1,11}"
_FULL_THEN_ACRONYM = re.compile(rf"({_NAME})[ \t]+\(({_ACRONYM})\)")
_ACRONYM_THEN_FULL = re.compile(rf"\b({_ACRONYM})[ \t]+\(({_NAME})\)")
_CAPITALISED = re.compile(
    r"\b[A-Z][a-z]+(?:(?:[ \t]+(?:of|and|for|the)[ \t]+|[ \t]+)[A-Z][a-z]+){1,5}\b"
)
_LEADING = {"The", "A", "An", "In", "On", "At", "By", "For", "From", "As", "But", "And", "This",
            "That", "These", "Those", "Both", "His", "Her", "Their", "Its", "Our", "When", "While",
            "Under", "Over", "After", "Before", "With", "Similarly", "Meanwhile", "However"}
AGREEMENT_WORDS = {"agreement", "arrangement", "memorandum", "treaty", "accord", "pact", "annex",
                   "framework", "roadmap", "initiative", "compact", "protocol", "understanding"}
ORGANIZATION_WORDS = {"ministry", "department", "agency", "command", "organisation",
                      "organization", "council", "corporation", "limited", "navy", "army",
                      "force", "bureau", "office", "institute", "university", "company"}
EVENT_WORDS = {"exercise", "summit", "meeting", "dialogue", "conference", "visit", "talks"}


@dataclass(frozen=True)
class Proposal:
    """A name worth a person's look: its kind, its name, and an acronym when one was defined."""

    kind: str  # "agreement" or an entity kind
    name: str
    acronym: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name, self.acronym) if n)


def propose(text: str, known: set[str], rejected: set[str]) -> list[Proposal]:
    """Proposals from one text; `known` and `rejected` hold folded names to leave out."""
    seen = set(known) | set(rejected)
    proposals = []
    for proposal in [*_definitions(text), *_recurring(text)]:
        keys = {fold(n) for n in proposal.names}
        if keys & seen:
            continue
        seen |= keys
        proposals.append(proposal)
    return proposals


def _definitions(text: str):
    for match in _FULL_THEN_ACRONYM.finditer(text):
        full, acronym = _trim(match.group(1)), match.group(2)
        if _initials_fit(full, acronym):
            yield Proposal(kind_of(full), full, acronym)
    for match in _ACRONYM_THEN_FULL.finditer(text):
        acronym, full = match.group(1), _trim(match.group(2))
        if _initials_fit(full, acronym):
            yield Proposal(kind_of(full), full, acronym)


def _recurring(text: str):
    prose = "\n".join(_blank_headings(line) for line in text.split("\n"))
    counts = Counter(_trim(m.group()) for m in _CAPITALISED.finditer(prose))
    for name, count in counts.items():
        if count >= 2 and " " in name:
            yield Proposal(kind_of(name), name)


def _blank_headings(line: str) -> str:
    """Headings are in title case: every word capitalised, so they are not names."""
    words = line.split()
    capitalised = sum(w[:1].isupper() for w in words)
    is_heading = (0 < len(line) < 120 and capitalised >= 0.6 * len(words) and len(words) > 1
                  and not line.rstrip().endswith((".", "!", "?", ";", ",")))
    return " " * len(line) if is_heading else line


def _trim(name: str) -> str:
    """Drop a leading sentence word ("The Quad Summit" -> "Quad Summit")."""
    words = name.split()
    while len(words) > 1 and words[0] in _LEADING:
        words = words[1:]
    return " ".join(words)


def _initials_fit(full: str, acronym: str) -> bool:
    """The acronym starts like the name and is not longer than its words allow."""
    capitals = [w[0] for w in full.split() if w[:1].isupper()]
    return bool(capitals) and acronym[0].upper() == capitals[0] and len(full.split()) >= 2


def kind_of(name: str) -> str:
    """A first guess at the kind, from the name's last or any telling word."""
    words = {w.lower().strip(".,") for w in name.split()}
    last = name.split()[-1].lower()
    if last in AGREEMENT_WORDS or words & {"agreement", "memorandum", "treaty"}:
        return "agreement"
    if words & EVENT_WORDS:
        return "event"
    if words & ORGANIZATION_WORDS:
        return "organization"
    return "organization" if len(words) > 3 else "person"
