"""Reviewing candidates and names: accept, merge, reject, rename, set a kind, add an alias,
re-link every article, and undo a review (`restore`); and an article's publication date, set
or cleared by hand (`set_published`).

Each operation is one transaction on the file as it is on disk now. Adding a name (an alias, or a
merge that turns a candidate's names into aliases) re-scans every article, so the new name is
linked everywhere; `relink` does the same on its own (`quadrant relink`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from tui.core.fields import is_iso_date
from tui.core.models import ENTITY_KINDS, Agreement, Article, Entity, Signatory
from tui.knowledge.extract import Extractor
from tui.storage.store import Store, StoreError, Transaction

TABLES = {"entity": "entities", "agreement": "agreements"}
NO_DATE = "none"  # the value that clears a publication date
Record = Entity | Agreement


def _get(tx: Transaction, kind: str, item_id: str) -> Entity | Agreement:
    for record in tx.all(TABLES[kind]):
        if record.id == item_id:
            return record
    raise StoreError(f"no {kind} has the id {item_id!r}")


def _relink(tx: Transaction) -> int:
    """Find every mention again with the names known now; returns how many there are."""
    extractor = Extractor.for_targets(tx.all("entities"), tx.all("agreements"))
    mentions = [m for a in tx.all("articles") for m in extractor.find(a.id, a.text)]
    tx.replace_all_mentions(mentions)
    return len(mentions)


def relink(store: Store) -> int:
    """Re-scan every article for every known name."""
    with store.transaction() as tx:
        return _relink(tx)


def accept(store: Store, kind: str, item_id: str) -> None:
    """A candidate becomes a confirmed entity or agreement."""
    with store.transaction() as tx:
        record = _get(tx, kind, item_id)
        if isinstance(record, Entity):
            tx.put(replace(record, status="confirmed"))
        else:
            tx.put(replace(record, review="confirmed"))


def reject(store: Store, kind: str, item_id: str) -> None:
    """Remove a candidate and its mentions, and remember its names so they are not proposed
    again."""
    with store.transaction() as tx:
        record = _get(tx, kind, item_id)
        tx.delete(TABLES[kind], item_id)
        tx.delete_mentions_of(kind, item_id)
        rejected = list(tx.meta().get("rejected", []))
        tx.update_meta(rejected=sorted({*rejected, *record.names}))


def merge(store: Store, kind: str, item_id: str, into: str) -> int:
    """Fold a record into another of the same kind: its names become aliases, its mentions move.

    Returns the number of mentions in the database afterwards.
    """
    if item_id == into:
        raise StoreError("cannot merge an item into itself")
    with store.transaction() as tx:
        source, target = _get(tx, kind, item_id), _get(tx, kind, into)
        tx.put(merged(source, target))
        tx.delete(TABLES[kind], item_id)
        return _relink(tx)


def merged(source: Record, target: Record) -> Record:
    """`target` with the names of `source` it lacks as aliases (what `merge` stores)."""
    names = [n for n in source.names if n not in target.names]
    return replace(target, aliases=(*target.aliases, *names))


def rename(store: Store, kind: str, item_id: str, name: str) -> int:
    """Give a record a new name, the old one kept as an alias, and link it in every article.
    Returns the number of mentions afterwards."""
    name = " ".join(name.split())
    if not name:
        raise StoreError("a name cannot be empty")
    with store.transaction() as tx:
        tx.put(renamed(_get(tx, kind, item_id), name))
        return _relink(tx)


def renamed(record: Record, name: str) -> Record:
    """`record` named `name`, its old name first among its aliases (what `rename` stores)."""
    aliases = [a for a in (record.name, *record.aliases) if a != name]
    return replace(record, name=name, aliases=tuple(dict.fromkeys(aliases)))


def set_kind(store: Store, kind: str, item_id: str, new_kind: str) -> None:
    """Set an entity's kind (person, organization, country...), checked against ENTITY_KINDS.
    A person's word is sure: the import's "kind unsure" goes, its evidence says so."""
    if kind != "entity":
        raise StoreError(f"only an entity has a kind of {', '.join(ENTITY_KINDS)}")
    if new_kind not in ENTITY_KINDS:
        raise StoreError(f"kind: {new_kind[:40]!r} is not one of {', '.join(ENTITY_KINDS)}")
    with store.transaction() as tx:
        record = _get(tx, kind, item_id)
        assert isinstance(record, Entity)
        unsure = tuple(u for u in record.unsure if u != "kind")
        tx.put(replace(record, kind=new_kind, unsure=unsure, kind_evidence="set by review"))


def restore(
    store: Store,
    records: tuple[Entity | Agreement, ...],
    unreject: tuple[str, ...] = (),
    relink: bool = False,
) -> None:
    """Undo a review: put `records` back as they were before it (a rejected or merged candidate
    returns, a merge's target loses the names it gained), take `unreject` off the names never
    to propose again, and, when names changed (`relink`), find every mention again."""
    with store.transaction() as tx:
        for record in records:
            tx.put(record)
        if unreject:
            rejected = set(tx.meta().get("rejected", [])) - set(unreject)
            tx.update_meta(rejected=sorted(rejected))
        if relink:
            _relink(tx)


def add_alias(store: Store, kind: str, item_id: str, alias: str) -> int:
    """Give a record another name and link it in every article."""
    alias = " ".join(alias.split())
    if not alias:
        raise StoreError("an alias cannot be empty")
    with store.transaction() as tx:
        record = _get(tx, kind, item_id)
        if alias not in record.names:
            tx.put(replace(record, aliases=(*record.aliases, alias)))
        return _relink(tx)


def set_published(store: Store, article_id: str, value: str) -> str | None:
    """Set an article's publication date (`2025-07-01`, `2025-07` or `2025`), or clear it
    (`none`); returns the date stored. A value that is not such a date, or is after tomorrow,
    is refused before anything is read, with a message naming the field."""
    published = published_date(value)
    with store.transaction() as tx:
        tx.put(replace(_article(tx, article_id), published=published))
    return published


def published_date(value: str, today: date | None = None) -> str | None:
    """The date `value` gives, None for `none`; StoreError, naming the field, for anything else."""
    value = value.strip()
    if value.lower() == NO_DATE:
        return None
    if not is_iso_date(value):
        raise StoreError(
            f"published: {value[:40]!r} is not a date; give YYYY-MM-DD, YYYY-MM or YYYY "
            f"(2025-07-01, 2025-07, 2025), or {NO_DATE} to clear it"
        )
    tomorrow = (today or date.today()) + timedelta(days=1)
    if value > tomorrow.isoformat()[: len(value)]:
        raise StoreError(
            f"published: {value} is in the future; an article is dated when it appears"
        )
    return value


def _article(tx: Transaction, article_id: str) -> Article:
    for article in tx.all("articles"):
        if article.id == article_id:
            return article
    raise StoreError(f"no article has the id {article_id!r}")


def confirm_signer(store: Store, agreement_id: str, entity_id: str, side: str | None = None) -> str:
    """Record the entity as a signatory of the agreement: a proposed one is confirmed, one not
    yet recorded is added (with `side`, or the side its roles give). Returns what was done."""
    from tui.knowledge.signing import side_of

    with store.transaction() as tx:
        agreement = _get(tx, "agreement", agreement_id)
        person = _get(tx, "entity", entity_id)
        assert isinstance(agreement, Agreement) and isinstance(person, Entity)
        if side is not None and side not in agreement.parties:
            raise StoreError(f"{side!r} is not a party to {agreement_id!r}")
        signers = list(agreement.signatories)
        at = next((n for n, s in enumerate(signers) if s.entity == entity_id), None)
        if at is None:
            signers.append(Signatory(person.name, person.id, side or side_of(person, agreement)))
            done = "added"
        else:
            signers[at] = replace(signers[at], status="confirmed", side=side or signers[at].side)
            done = "confirmed"
        tx.put(replace(agreement, signatories=tuple(signers)))
        return done


def drop_signer(store: Store, agreement_id: str, entity_id: str) -> None:
    """Remove the entity from the agreement's signatories (a wrong proposal, or a mistake)."""
    with store.transaction() as tx:
        agreement = _get(tx, "agreement", agreement_id)
        assert isinstance(agreement, Agreement)
        kept = tuple(s for s in agreement.signatories if s.entity != entity_id)
        if len(kept) == len(agreement.signatories):
            raise StoreError(f"{entity_id!r} is not recorded as a signatory of {agreement_id!r}")
        tx.put(replace(agreement, signatories=kept))
