"""The database's own notes and tags on an item, shared by everyone who reads it: edited only
where the user may write the database, in one locked transaction on the file as it is now (as
review.py does). Each user's own notes and tags live elsewhere (tui/storage/personal.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from tui.core.folding import fold
from tui.core.models import Agreement, Article, Entity
from tui.core.textsafe import strip_controls
from tui.storage.store import Store, StoreError, Transaction

TABLES = {"article": "articles", "entity": "entities", "agreement": "agreements"}


def _get(tx: Transaction, kind: str, item_id: str) -> Article | Entity | Agreement:
    for record in tx.all(TABLES[kind]):
        if record.id == item_id:
            return record
    raise StoreError(f"no {kind} has the id {item_id!r}")


def set_note(store: Store, kind: str, item_id: str, text: str) -> str:
    """Set the database's note on an item ("" clears it); returns the note as kept."""
    text = strip_controls(text).strip()
    with store.transaction() as tx:
        tx.put(replace(_get(tx, kind, item_id), notes=text))
    return text


def change_tags(
    store: Store, kind: str, item_id: str, add: Iterable[str] = (), remove: Iterable[str] = ()
) -> tuple[str, ...]:
    """Add and remove the database's tags on an item (in any case; one already there is not
    added again); returns its tags as kept."""
    gone = {fold(tag) for tag in remove}
    with store.transaction() as tx:
        record = _get(tx, kind, item_id)
        tags = [t for t in record.tags if fold(t) not in gone]
        for tag in add:
            if fold(tag) not in {fold(t) for t in tags}:
                tags.append(tag)
        tx.put(replace(record, tags=tuple(tags)))
    return tuple(tags)
