"""Who signed what, as an imported article tells it: proposals to review, never facts.

A sentence that speaks of signing ("signed", "inked", "signatory"), names exactly one agreement
and names people proposes each of those people as a signatory of that agreement, with the side
they signed for when one of their roles is at one of its parties. Proposals are stored with
status "candidate" on the agreement, and a person confirms or drops them (`review.py`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from tui.core.corpus import sentence_bounds
from tui.core.models import Agreement, Article, Entity, Mention, Signatory

SIGNING = re.compile(r"\b(?:sign(?:ed|s|ing)|inked|signator(?:y|ies))\b", re.IGNORECASE)


def proposals(
    articles: Iterable[Article],
    mentions: Iterable[Mention],
    entities: Mapping[str, Entity],
    agreements: Mapping[str, Agreement],
) -> dict[str, list[Signatory]]:
    """The signatories each agreement's new articles propose, by agreement id: people not yet
    recorded as its signatories, each once."""
    texts = {a.id: a.text for a in articles}
    sentences: dict[tuple[str, int, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        text = texts.get(m.article)
        if text is not None:
            start, end = sentence_bounds(text, m.start, m.end)
            sentences[(m.article, start, end)].append(m)
    found: dict[str, list[Signatory]] = defaultdict(list)
    for (article, start, end), named in sentences.items():
        if not SIGNING.search(texts[article], start, end):
            continue
        pacts = {m.target for m in named if m.target_kind == "agreement"}
        if len(pacts) != 1 or (agreement := agreements.get(pacts.pop())) is None:
            continue
        for person in _people(named, entities):
            taken = {s.entity for s in (*agreement.signatories, *found[agreement.id])}
            if person.id not in taken:
                found[agreement.id].append(
                    Signatory(person.name, person.id, side_of(person, agreement), "candidate")
                )
    return {k: v for k, v in found.items() if v}


def _people(named: list[Mention], entities: Mapping[str, Entity]) -> list[Entity]:
    people = (entities.get(m.target) for m in named if m.target_kind == "entity")
    return list({p.id: p for p in people if p is not None and p.kind == "person"}.values())


def side_of(person: Entity, agreement: Agreement) -> str | None:
    """The party a person signed for: the one their roles are at, when exactly one is."""
    sides = {r.entity for r in person.roles if r.entity in agreement.parties}
    return sides.pop() if len(sides) == 1 else None
