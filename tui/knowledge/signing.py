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
    mentions = list(mentions)
    of_pacts, spans = _pact_sentences(texts, mentions)
    sentences: dict[tuple[str, int, int], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m in of_pacts:
            sentences[of_pacts[m]].append(m)
        elif any(s <= m.start and m.end <= e for s, e in spans.get(m.article, ())):
            start, end = sentence_bounds(texts[m.article], m.start, m.end)
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


def _pact_sentences(texts: Mapping[str, str], mentions: list[Mention]) -> tuple[dict, dict]:
    """The sentence of each mention of an agreement, and each article's spans of those
    sentences. A sentence's span holds its mentions, so only the mentions inside one of these
    can share a sentence with an agreement: the sentences of the others, passed over anyway,
    are not looked for (most of the mentions of an import)."""
    of_pacts: dict[Mention, tuple[str, int, int]] = {}
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in mentions:
        if m.target_kind == "agreement" and m.article in texts:
            start, end = sentence_bounds(texts[m.article], m.start, m.end)
            of_pacts[m] = (m.article, start, end)
            spans[m.article].append((start, end))
    return of_pacts, spans


def _people(named: list[Mention], entities: Mapping[str, Entity]) -> list[Entity]:
    people = (entities.get(m.target) for m in named if m.target_kind == "entity")
    return list({p.id: p for p in people if p is not None and p.kind == "person"}.values())


def side_of(person: Entity, agreement: Agreement) -> str | None:
    """The party a person signed for: the one their roles are at, when exactly one is."""
    sides = {r.entity for r in person.roles if r.entity in agreement.parties}
    return sides.pop() if len(sides) == 1 else None
