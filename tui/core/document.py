"""The database document: what a valid one looks like, and an empty one.

Pure data checks, with no file and no TinyDB: `store.py` reads and writes the file and calls
these to tell a Quadrant database of a known schema from anything else.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tui.core.models import (
    RECORD_TYPES,
    Agreement,
    Article,
    Entity,
    Mention,
    ModelError,
)
from tui.core.schema import SCHEMA_VERSION, StoreError

__all__ = ["Snapshot", "StoreError", "check_meta", "empty_database", "records", "validate"]


@dataclass(frozen=True)
class Snapshot:
    """Everything in the database at one moment, as model objects."""

    title: str
    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    agreements: tuple[Agreement, ...]
    mentions: tuple[Mention, ...]
    rejected: tuple[str, ...] = ()  # names a person rejected as candidates: never proposed again


def validate(raw: Any, name: str) -> Snapshot:
    """Check a whole database document and turn it into model objects, or raise StoreError."""
    meta = check_meta(raw, name)
    rejected = meta.get("rejected", [])
    if not isinstance(rejected, list) or not all(isinstance(r, str) for r in rejected):
        raise StoreError(f"{name}: meta field 'rejected' must be a list of names")
    try:
        return Snapshot(
            str(meta.get("title", "")),
            articles=tuple(_records(raw, "articles", Article)),
            entities=tuple(_records(raw, "entities", Entity)),
            agreements=tuple(_records(raw, "agreements", Agreement)),
            mentions=tuple(_records(raw, "mentions", Mention)),
            rejected=tuple(rejected),
        )
    except ModelError as error:
        raise StoreError(f"{name}: {error}") from None


def records(raw: dict, table: str, name: str) -> tuple[Any, ...]:
    """One table of a document (its head already checked) as model objects, or StoreError."""
    try:
        return tuple(_records(raw, table, RECORD_TYPES[table]))
    except ModelError as error:
        raise StoreError(f"{name}: {error}") from None


def check_meta(raw: Any, name: str) -> dict:
    """The checks that tell a Quadrant database of a known schema from anything else."""
    if not isinstance(raw, dict) or not isinstance(raw.get("meta"), dict):
        raise StoreError(f"{name}: not a Quadrant database (no 'meta' table)")
    meta = next(iter(raw["meta"].values()), None)
    if not isinstance(meta, dict) or not isinstance(meta.get("schema"), int):
        raise StoreError(f"{name}: not a Quadrant database (no schema version in 'meta')")
    if meta["schema"] > SCHEMA_VERSION:
        raise StoreError(
            f"{name}: schema {meta['schema']} is newer than this Quadrant understands "
            f"({SCHEMA_VERSION}); upgrade Quadrant to open it"
        )
    if not all(isinstance(raw.get(t, {}), dict) for t in RECORD_TYPES):
        raise StoreError(f"{name}: not a Quadrant database (a table is not an object)")
    return meta


def _records(raw: dict, table: str, cls: Any) -> Iterator[Any]:
    docs = raw.get(table, {})
    if not isinstance(docs, dict):
        raise ModelError(f"table '{table}' must be an object of records")
    for key, doc in docs.items():
        if not isinstance(doc, dict):
            raise ModelError(f"{table} record {key}: must be an object")
        yield cls.from_dict(doc, f"{table} record {key}")


def empty_database(title: str = "Quadrant") -> dict:
    """The document of a new database: a meta record and the four empty tables. Its random
    `id` names the database for each user's own notes, tags and bookmarks (personal.py)."""
    created = datetime.now(UTC).isoformat(timespec="seconds")
    ident = uuid.uuid4().hex
    meta = {"1": {"schema": SCHEMA_VERSION, "title": title, "created": created, "id": ident}}
    return {"meta": meta, **{table: {} for table in RECORD_TYPES}}
