"""Relations between items, read both ways: who signed an agreement and for which side, what
each entity signed or is party to, where each person held a role, and who an entity's nearest
neighbours are by the evidence they share.

`relations(corpus)` builds them once per corpus (a corpus never changes; the last few are kept).
Links stored as ids are used as they are. A signatory stored by name alone (a schema 1 file, an
import) and a role whose organisation is text are linked here when the name is exactly the name
or an alias of one entity of a fitting kind: never by a guess.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from tui.core.corpus import Corpus
from tui.core.models import Agreement, Entity, Role
from tui.search.query import fold

# What one piece of shared evidence is worth when neighbours are ranked: a role one held at the
# other says more than an agreement both are bound by, which says more than a place both worked
# (a whole government is a weak tie) or an article that names both.
ROLE_WEIGHT, AGREEMENT_WEIGHT, COLLEAGUE_WEIGHT, ARTICLE_WEIGHT = 4, 2, 1, 1
PARTY_KINDS = ("country", "organization", "group")


@dataclass(frozen=True)
class Signer:
    """One signature on an agreement: the name as recorded, the entity it is and the side."""

    agreement: Agreement
    name: str
    entity: Entity | None
    side: Entity | None
    proposed: bool = False  # an import proposed it; a person has not confirmed it yet

    @property
    def label(self) -> str:
        name = self.entity.name if self.entity is not None else self.name
        return f"{name} (for {self.side.name})" if self.side is not None else name


@dataclass(frozen=True)
class Held:
    """A role an entity held, with the organisation's entity when the database has it."""

    holder: Entity
    role: Role
    organization: Entity | None


@dataclass(frozen=True)
class Neighbour:
    """An entity near another, and the evidence they share."""

    entity: Entity
    articles: int = 0  # articles that name both
    agreements: int = 0  # agreements both signed or are party to
    roles: int = 0  # roles one held at the other
    colleagues: int = 0  # organisations where both held roles

    @property
    def score(self) -> int:
        return (
            ROLE_WEIGHT * self.roles
            + AGREEMENT_WEIGHT * self.agreements
            + COLLEAGUE_WEIGHT * self.colleagues
            + ARTICLE_WEIGHT * self.articles
        )

    @property
    def evidence(self) -> str:
        """'1 role · 2 agreements · 3 shared articles': what they share, the strongest first."""
        parts = [
            (self.roles, "role", "roles"),
            (self.agreements, "agreement", "agreements"),
            (self.colleagues, "shared organisation", "shared organisations"),
            (self.articles, "shared article", "shared articles"),
        ]
        return " · ".join(f"{n} {one if n == 1 else many}" for n, one, many in parts if n)


@lru_cache(maxsize=4)
def relations(corpus: Corpus) -> Relations:
    """The relations of a corpus, built on first use."""
    return Relations(corpus)


class Relations:
    """Signers, parties and roles of one corpus, indexed both ways."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        entities = corpus.entities.values()
        people = _by_name(e for e in entities if e.kind == "person")
        bodies = _by_name(e for e in entities if e.kind != "person")
        self._signers: dict[str, list[Signer]] = {}
        self._signed: dict[str, list[Signer]] = defaultdict(list)
        self._party_to: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in sorted(corpus.agreements.values(), key=_when):
            signers = [self._signer(agreement, s, people, bodies) for s in agreement.signatories]
            self._signers[agreement.id] = signers
            for signer in signers:
                if signer.entity is not None:
                    self._signed[signer.entity.id].append(signer)
            for party in dict.fromkeys(agreement.parties):
                if party in corpus.entities:
                    self._party_to[party].append(agreement)
        self._held: dict[str, list[Held]] = {}
        self._members: dict[str, list[Held]] = defaultdict(list)
        for entity in entities:
            held = [Held(entity, role, self._organization(role, bodies)) for role in entity.roles]
            self._held[entity.id] = held
            for one in held:
                if one.organization is not None and one.organization.id != entity.id:
                    self._members[one.organization.id].append(one)

    def _signer(self, agreement: Agreement, signatory, people, bodies) -> Signer:
        entities = self.corpus.entities
        entity = entities.get(signatory.entity or "") or people.get(fold(signatory.name))
        side = entities.get(signatory.side or "")
        return Signer(agreement, signatory.name, entity, side, signatory.status == "candidate")

    def _organization(self, role: Role, bodies: dict[str, Entity]) -> Entity | None:
        if role.entity is not None:
            return self.corpus.entities.get(role.entity)
        return bodies.get(fold(role.organization)) if role.organization else None

    # -- agreements ------------------------------------------------------------------------

    def signers(self, agreement_id: str) -> list[Signer]:
        """Who signed the agreement, in the order recorded."""
        return self._signers.get(agreement_id, [])

    def signed(self, entity_id: str) -> list[Signer]:
        """The signatures the entity put on agreements, oldest first."""
        return self._signed.get(entity_id, [])

    def party_to(self, entity_id: str) -> list[Agreement]:
        """The agreements the entity is a party to, oldest first (undated last)."""
        return self._party_to.get(entity_id, [])

    def bound_by(self, entity_id: str) -> dict[str, str]:
        """Each agreement the entity signed or is party to, by id, with how ("signed" wins; a
        proposed signature is not evidence until confirmed)."""
        found = {a.id: "party" for a in self.party_to(entity_id)}
        found |= {s.agreement.id: "signed" for s in self.signed(entity_id) if not s.proposed}
        return found

    # -- roles -----------------------------------------------------------------------------

    def roles(self, entity_id: str) -> list[Held]:
        """The roles the entity held, each with its organisation's entity where known."""
        return self._held.get(entity_id, [])

    def members(self, organization_id: str) -> list[Held]:
        """The roles others held at the organisation (or country), most recent first."""
        return sorted(
            self._members.get(organization_id, []),
            key=lambda h: h.role.end or "9999",
            reverse=True,
        )

    def role_ties(self, a: str, b: str) -> list[tuple[Held, ...]]:
        """The roles that tie two entities: one held at the other (one `Held`), or both at one
        organisation (two, `a`'s first: one pair for each organisation, however many roles
        either held there). A role an entity holds at itself ties it to nothing."""
        ties: list[tuple[Held, ...]] = [
            (h,)
            for h in (*self.roles(a), *self.roles(b))
            if h.organization is not None
            and h.organization.id in (a, b)
            and h.organization.id != h.holder.id
        ]
        theirs: dict[str, Held] = {}
        for h in self.roles(b):
            if h.organization is not None:
                theirs.setdefault(h.organization.id, h)
        for mine in self.roles(a):
            organization = mine.organization
            if organization is not None and organization.id not in (a, b):
                other = theirs.pop(organization.id, None)
                if other is not None:
                    ties.append((mine, other))
        return list(dict.fromkeys(ties))

    # -- neighbours ------------------------------------------------------------------------

    def neighbours(self, entity_id: str, limit: int | None = 12) -> list[Neighbour]:
        """The entities nearest the given one, ranked by the evidence they share: roles, then
        agreements, then articles that name both; ties by name."""
        articles = self._shared_articles(entity_id)
        agreements: Counter[str] = Counter()
        for agreement_id in self.bound_by(entity_id):
            for other in self._bound(agreement_id):
                agreements[other] += 1
        roles: Counter[str] = Counter()
        colleagues: Counter[str] = Counter()
        workplaces = {
            h.organization.id
            for h in self.roles(entity_id)
            if h.organization is not None and h.organization.id != entity_id
        }
        for held in self.roles(entity_id):
            if held.organization is not None:
                roles[held.organization.id] += 1
        for member in self.members(entity_id):
            roles[member.holder.id] += 1
        for workplace in workplaces:
            colleagues.update({member.holder.id for member in self.members(workplace)})
        entities = self.corpus.entities
        found = [
            Neighbour(entities[e], articles[e], agreements[e], roles[e], colleagues[e])
            for e in set(articles) | set(agreements) | set(roles) | set(colleagues)
            if e != entity_id and e in entities
        ]
        found.sort(key=lambda n: (-n.score, fold(n.entity.name)))
        return found if limit is None else found[:limit]

    def _bound(self, agreement_id: str) -> set[str]:
        """Every entity that signed the agreement or is party to it."""
        agreement = self.corpus.agreements[agreement_id]
        signers = {s.entity.id for s in self.signers(agreement_id) if s.entity and not s.proposed}
        return signers | set(agreement.parties)

    def _shared_articles(self, entity_id: str) -> Counter[str]:
        """For each entity, how many articles name it and the given one."""
        corpus = self.corpus
        articles = {m.article for m in corpus.by_target.get(("entity", entity_id), ())}
        counts: Counter[str] = Counter()
        for article in articles:
            counts.update(
                {m.target for m in corpus.by_article[article] if m.target_kind == "entity"}
            )
        return counts

    def shared_agreements(self, a: str, b: str) -> list[tuple[Agreement, str, str]]:
        """The agreements both entities signed or are party to, oldest first, with how each
        is bound ("signed" or "party")."""
        mine, theirs = self.bound_by(a), self.bound_by(b)
        agreements = self.corpus.agreements
        shared = [agreements[i] for i in mine if i in theirs]
        return [(x, mine[x.id], theirs[x.id]) for x in sorted(shared, key=_when)]


def _by_name(entities: Iterable[Entity]) -> dict[str, Entity]:
    """Folded names and aliases to the entity; a name two entities share links to neither."""
    found: dict[str, Entity] = {}
    taken: set[str] = set()
    for entity in entities:
        for name in {fold(n) for n in entity.names}:
            if name in found and found[name].id != entity.id:
                taken.add(name)
            found.setdefault(name, entity)
    for name in taken:
        del found[name]
    return found


def _when(agreement: Agreement) -> tuple[bool, str, str]:
    date = agreement.signed or agreement.announced
    return (date is None, date or "", fold(agreement.name))


def find_entity(corpus: Corpus, text: str) -> Entity | None:
    """The entity a user means by `text`: its id, else the one entity with that exact name or
    alias (case and accents aside)."""
    entity = corpus.entities.get(text.strip())
    if entity is not None:
        return entity
    return _names_of(corpus).get(fold(text.strip()))


@lru_cache(maxsize=4)
def _names_of(corpus: Corpus) -> dict[str, Entity]:
    return _by_name(corpus.entities.values())
