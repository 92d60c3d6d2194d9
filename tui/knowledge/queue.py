"""The review queue: every candidate an import proposed, the most named first.

`candidates` lists the entities and agreements still awaiting review, ordered by how many
articles name each (then by mentions, then by name), so that an analyst's first minutes go to
the proposals that matter most. `quadrant review list` prints it, and the app's review queue
(`r` on the main screen) walks it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tui.core.corpus import Corpus
from tui.core.models import ENTITY_KINDS, Agreement, Entity

TYPES = ("entity", "agreement")
FILTERS = (*TYPES, *ENTITY_KINDS)  # what `--kind` takes: a type, or an entity's kind


@dataclass(frozen=True)
class Candidate:
    """One proposal to review: the record as the database holds it, and how much it is named."""

    type: str  # "entity" or "agreement"
    record: Entity | Agreement
    articles: int  # how many articles name it
    mentions: int

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def name(self) -> str:
        return self.record.label

    @property
    def kind(self) -> str:
        """An entity's kind (person, place...); an agreement's own kind, or 'agreement'."""
        return self.record.kind or "agreement"

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.record.aliases

    @property
    def evidence(self) -> str:
        """Why the import gave it this kind, when it says (the import's kind-evidence note)."""
        return kind_evidence(self.record)

    def to_dict(self) -> dict[str, object]:
        """The JSON line of `quadrant review list --json` (`type` and `kind` as `show` has
        them)."""
        return {
            "type": self.type,
            "id": self.id,
            "name": self.record.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "articles": self.articles,
            "mentions": self.mentions,
            "evidence": self.evidence,
        }

    def with_record(self, record: Entity | Agreement) -> Candidate:
        return Candidate(self.type, record, self.articles, self.mentions)


def kind_evidence(record: Entity | Agreement) -> str:
    """The note an import leaves on a candidate about the evidence for its kind, if the model
    has one ("" otherwise)."""
    if not isinstance(record, Entity) or not record.kind_evidence:
        return ""
    return f"{record.kind_evidence} (unsure)" if record.kind_unsure else record.kind_evidence


def is_candidate(record: Entity | Agreement) -> bool:
    state = record.status if isinstance(record, Entity) else record.review
    return state == "candidate"


def candidates(corpus: Corpus, only: str | None = None) -> list[Candidate]:
    """Every candidate, the most named first; `only` keeps one type (entity, agreement) or one
    entity kind (person, place...)."""
    found: list[Candidate] = []
    for kind, records in (("entity", corpus.entities), ("agreement", corpus.agreements)):
        for record in records.values():
            if is_candidate(record) and _kept(kind, record, only):
                articles = corpus.article_count(kind, record.id)
                found.append(
                    Candidate(kind, record, articles, corpus.mention_count(kind, record.id))
                )
    found.sort(key=lambda c: (-c.articles, -c.mentions, c.name.casefold(), c.id))
    return found


def _kept(kind: str, record: Entity | Agreement, only: str | None) -> bool:
    if only is None or only == kind:
        return True
    return isinstance(record, Entity) and record.kind == only


def merge_targets(corpus: Corpus, kind: str) -> list[Entity | Agreement]:
    """What a candidate of this type can be merged into: the confirmed records of its type."""
    table = corpus.entities if kind == "entity" else corpus.agreements
    return [r for r in table.values() if not is_candidate(r)]
