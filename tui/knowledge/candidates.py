"""Propose new entities and agreements from articles' text, for a person to review.

Two signals: definitions ("Full Name (ACR)" and "ACR (Full Name)"), and capitalised multi-word
names that recur in the batch, made whole, one group per thing, with a kind from evidence
(`tui.knowledge.names`). Nothing proposed here is confirmed: every proposal is stored
with status `candidate`, and names a person has rejected are never proposed again.
"""

from __future__ import annotations

import re

from tui.knowledge.names import kinds
from tui.knowledge.names.resolve import Known, Proposal, Resolution, resolve
from tui.knowledge.names.words import LEADING

__all__ = ["Known", "Proposal", "Resolution", "kind_of", "propose", "propose_batch"]

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


def propose(text: str, known: set[str], rejected: set[str]) -> list[Proposal]:
    """Proposals from one text; `known` and `rejected` hold folded names to leave out."""
    return propose_batch([text], dict.fromkeys(known, ("", "")), rejected).proposals


def propose_batch(texts: list[str], known: Known, rejected: set[str]) -> Resolution:
    """Proposals from the articles of one batch, each thing once with its other forms, and
    the new aliases the batch gives records already `known` (folded name -> id and kind)."""
    definitions = [found for text in texts for found in _definitions(text)]
    return resolve(texts, known, rejected, definitions)


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
            yield full, acronym


def _trim(name: str) -> str:
    """Drop a leading sentence word ("The Quad Summit" -> "Quad Summit")."""
    words = name.split()
    while len(words) > 1 and words[0] in LEADING:
        words = words[1:]
    return " ".join(words)


def _initials_fit(full: str, acronym: str) -> bool:
    """The acronym starts like the name and is not longer than its words allow."""
    capitals = [w[0] for w in full.split() if w[:1].isupper()]
    return bool(capitals) and acronym[0].upper() == capitals[0] and len(full.split()) >= 2


def kind_of(name: str) -> str:
    """A first guess at the kind from the name alone (see `names.kinds.guess`)."""
    return "agreement" if kinds.is_agreement(name) else kinds.guess(name).kind
