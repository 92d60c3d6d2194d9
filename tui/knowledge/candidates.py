"""Propose new entities and agreements from an article's text, for a person to review.

Two signals: definitions ("Full Name (ACR)" and "ACR (Full Name)"), and capitalised multi-word
names that recur in the same article. Nothing proposed here is confirmed: every proposal is stored
with status `candidate`, and names a person has rejected are never proposed again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tui.search.query import fold

_WORD = r"[A-Z][\w'\u2019&.-]*"
_JOIN = r"(?:[ \t]+(?:of|and|for|the|on|in|to|&)[ \t]+|[ \t]+)"  # names do not cross lines
_NAME = rf"{_WORD}(?:{_JOIN}{_WORD}){{1,7}}"
_ACRONYM = r"[A-Z][A-Za-z0-9&-]{1,11}"
_PARENS = re.compile(r"\(([^()\n]{2,120})\)")
_NAME_BEFORE = re.compile(rf"({_NAME})[ \t]+$")
_ACRONYM_BEFORE = re.compile(rf"\b({_ACRONYM})[ \t]+$")
_WHOLE_ACRONYM = re.compile(rf"{_ACRONYM}$")
_WHOLE_NAME = re.compile(rf"{_NAME}$")
_LOOK_BACK = 160  # characters before a parenthesis where the defined name can start
_CAPITALISED = re.compile(
    r"\b[A-Z][a-z]+(?:(?:[ \t]+(?:of|and|for|the)[ \t]+|[ \t]+)[A-Z][a-z]+){1,5}\b"
)
_LEADING = {
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "As",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "Both",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "When",
    "While",
    "Under",
    "Over",
    "After",
    "Before",
    "With",
    "Similarly",
    "Meanwhile",
    "However",
}
AGREEMENT_WORDS = {
    "agreement",
    "arrangement",
    "memorandum",
    "treaty",
    "accord",
    "pact",
    "annex",
    "framework",
    "roadmap",
    "initiative",
    "compact",
    "protocol",
    "understanding",
}
ORGANIZATION_WORDS = {
    "ministry",
    "department",
    "agency",
    "command",
    "organisation",
    "organization",
    "council",
    "corporation",
    "limited",
    "navy",
    "army",
    "force",
    "bureau",
    "office",
    "institute",
    "university",
    "company",
}
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
    """'Full Name (ACR)' and 'ACR (Full Name)': found from each parenthesis backwards, which
    is much cheaper than trying a name pattern at every position of the text."""
    for paren in _PARENS.finditer(text):
        inside = paren.group(1).strip()
        before = text[max(0, paren.start() - _LOOK_BACK) : paren.start()]
        if _WHOLE_ACRONYM.match(inside):
            name = _NAME_BEFORE.search(before)
            full, acronym = (_trim(name.group(1)), inside) if name else ("", "")
        elif _WHOLE_NAME.match(inside):
            found = _ACRONYM_BEFORE.search(before)
            full, acronym = (_trim(inside), found.group(1)) if found else ("", "")
        else:
            continue
        if full and _initials_fit(full, acronym):
            yield Proposal(kind_of(full), full, acronym)


def _recurring(text: str):
    prose = "\n".join(_blank_headings(line) for line in text.split("\n"))
    counts = Counter(_trim(m.group()) for m in _CAPITALISED.finditer(prose))
    for name, count in counts.items():
        if count >= 2 and " " in name:
            yield Proposal(kind_of(name), name)


def _blank_headings(line: str) -> str:
    """Headings are in title case: every word capitalised, so they are not names."""
    if not 0 < len(line) < 120 or line.rstrip().endswith((".", "!", "?", ";", ",")):
        return line  # prose: paragraphs are long, or end like sentences
    words = line.split()
    capitalised = sum(w[:1].isupper() for w in words)
    is_heading = capitalised >= 0.6 * len(words) and len(words) > 1
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
