"""The database file: the only module that imports tinydb.

`Store.open(path)` checks the file before anything else touches it, and every write is a
transaction: take the file lock, re-read the file as it is on disk now, apply the change, write a
new file beside it (flush, fsync) and rename it over the old one. A kill at any moment leaves the
old file or the new one; two processes never lose each other's changes; `read_only` never writes.
The store hands out the project's dataclasses, never TinyDB documents.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.core.schema import SCHEMA_VERSION, TABLE_NAMES, StoreError
from tui.storage.files import (
    create_exclusive,
    temp_prefix,
    write_atomic,
    writing,
)
from tui.storage.lock import database_lock

if TYPE_CHECKING:
    from tinydb import TinyDB

    from tui.core.document import Snapshot
    from tui.core.models import Agreement, Article, Entity, Mention

# TinyDB, orjson, the models and the document checks are imported where they are used: the app
# opens a store (reading only its head) before its first frame, and none of them is needed then.

__all__ = ["Store", "StoreError", "Transaction"]

TABLES = ("meta", *TABLE_NAMES)
HEAD_BYTES = 4096
# Quadrant writes the meta table first: {"meta": {"1": {..., "schema": N, ...}}, ...}
_META_HEAD = re.compile(rb'\s*\{\s*"meta"\s*:\s*\{\s*"1"\s*:\s*\{[^{}]*?"schema"\s*:\s*(\d+)')
LOCK_TIMEOUT = 30.0


class AtomicJSONStorage:
    """A TinyDB storage that reads once per transaction and writes atomically with orjson.

    TinyDB calls `write` after every operation; this storage keeps the data in memory and only
    `commit` puts it on disk, as a new file renamed over the old one. (TinyDB asks a storage for
    `read`, `write` and `close` only.)
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.data: dict | None = None
        self.dirty = False

    def read(self) -> dict | None:
        if self.data is None:
            from tui.storage import jsonparts

            self.data = jsonparts.loads(self.path.read_bytes())
        return self.data

    def write(self, data: dict) -> None:
        self.data = data
        self.dirty = True

    def close(self) -> None:
        pass  # nothing is open between transactions

    def commit(self) -> None:
        import orjson

        if self.dirty and self.data is not None:
            write_atomic(self.path, orjson.dumps(self.data, option=orjson.OPT_INDENT_2))
            self.dirty = False


class Transaction:
    """The tables of one write, under the lock. Use the `put_*` and `delete_*` methods."""

    def __init__(self, db: TinyDB) -> None:
        self._db = db

    def put(self, record: Article | Entity | Agreement) -> None:
        """Insert the record, or replace the one with the same id."""
        self.put_all((record,))

    def put_all(self, records: Iterable[Article | Entity | Agreement]) -> None:
        """`put` for many records: one pass over each table, where `put` makes one a record."""
        by_table: dict[str, dict[str, dict]] = {}
        for record in records:
            by_table.setdefault(record.TABLE, {})[record.id] = record.to_dict()
        for name, docs in by_table.items():
            table = self._db.table(name)
            present: set[str] = set()
            table.update(_updater(docs, present), _where().id.one_of(list(docs)))
            table.insert_multiple(d for i, d in docs.items() if i not in present)

    def add(self, records: Iterable[Article | Entity | Agreement | Mention]) -> None:
        """Insert new records (their ids must be new: see `ids`)."""
        by_table: dict[str, list[dict]] = {}
        for record in records:
            by_table.setdefault(record.TABLE, []).append(record.to_dict())
        for table, docs in by_table.items():
            self._db.table(table).insert_multiple(docs)

    def put_mentions(self, mentions: Iterable[Mention]) -> None:
        self._db.table("mentions").insert_multiple(m.to_dict() for m in mentions)

    def all(self, table: str) -> list[Any]:
        """Every record of a table as model objects, as the file holds them now."""
        from tui.core.models import RECORD_TYPES

        cls = RECORD_TYPES[table]
        return [cls.from_dict(doc) for doc in self._db.table(table).all()]

    def replace_all_mentions(self, mentions: Iterable[Mention]) -> None:
        self._db.table("mentions").truncate()
        self.put_mentions(mentions)

    def delete_mentions_of(self, target_kind: str, target: str) -> None:
        query = _where()
        self._db.table("mentions").remove(
            (query.target_kind == target_kind) & (query.target == target)
        )

    def meta(self) -> dict[str, Any]:
        return dict(self._db.table("meta").get(doc_id=1) or {})

    def update_meta(self, **fields: Any) -> None:
        self._db.table("meta").update(fields, doc_ids=[1])

    def new_revision(self) -> None:
        """Mark the write with a new `revision` in the meta record, next to `schema` at the head
        of the file, where the search cache's key reads it (`paths.cache_key`): every write
        changes the key, even one that keeps the file's size and modification time. A file of
        an older schema is written as the current one (schema 1 differs only in that it stored
        signatories as plain names, which are still read), so an older Quadrant refuses it,
        naming the version, rather than failing on a field it does not know."""
        revision = os.urandom(8).hex()

        def stamp(meta: MutableMapping) -> None:
            rest = {k: v for k, v in meta.items() if k not in ("schema", "revision")}
            meta.clear()
            meta["schema"] = SCHEMA_VERSION
            meta["revision"] = revision
            meta.update(rest)

        self._db.table("meta").update(stamp, doc_ids=[1])

    def replace_mentions(self, article_id: str, mentions: Iterable[Mention]) -> None:
        """Replace every mention in one article (after its text or the known names changed)."""
        self._db.table("mentions").remove(_where().article == article_id)
        self.put_mentions(mentions)

    def delete(self, table: str, record_id: str) -> None:
        self._db.table(table).remove(_where().id == record_id)

    def ids(self, table: str) -> set[str]:
        return {doc["id"] for doc in self._db.table(table).all()}

    def digests_and_urls(self) -> tuple[set[str], set[str]]:
        """What identifies an article already stored: its text digest and its URL."""
        docs = self._db.table("articles").all()
        return {d.get("sha256", "") for d in docs}, {d["url"] for d in docs if d.get("url")}


def _updater(docs: dict[str, dict], present: set[str]) -> Callable[[MutableMapping], None]:
    """Replace a stored document by the new one of its id, noting the id. Replace, not update
    (as TinyDB's upsert does): a field the new one leaves out (an optional field emptied, which
    `to_dict` omits) must not survive from the old."""

    def update(doc: MutableMapping) -> None:
        new = docs[doc["id"]]
        present.add(new["id"])
        doc.clear()
        doc.update(new)

    return update


def _where():
    from tinydb import Query

    return Query()


class Store:
    """A Quadrant database file (or an in-memory one for tests)."""

    def __init__(self, path: Path | None, read_only: bool = False, memory: dict | None = None):
        self.path = path
        self.read_only = read_only
        self._memory = memory
        self._untidy = False
        self.name = str(path) if path else "(memory)"

    # -- opening -------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike, read_only: bool = False, quick: bool = False) -> Store:
        """Open and check a database file; raise StoreError naming the problem if it is unusable.

        With `quick`, only the head of the file is read (present, not empty, a JSON object whose
        meta gives a schema this program knows), so an app can paint its first frame at once;
        its first `load` then checks the rest and raises StoreError the same way.
        """
        store = cls(Path(path), read_only=read_only)
        if not (quick and store._head_is_fine()):
            store.load(store._read_raw())
        if not read_only:
            store._check_writable()
            if quick:
                store._untidy = True  # leftovers of interrupted writes go at the first load
            else:
                store._remove_leftovers()
        return store

    @classmethod
    def memory(cls, data: dict | None = None, title: str = "Quadrant") -> Store:
        """A store held in memory, for tests and dry runs."""
        import orjson

        from tui.core.document import empty_database, validate

        raw = data if data is not None else empty_database(title)
        validate(raw, "(memory)")
        return cls(None, memory=orjson.loads(orjson.dumps(raw)))

    @staticmethod
    def create(path: str | os.PathLike, title: str = "Quadrant") -> Store:
        """Create a new, empty database file; refuse to overwrite one that exists."""
        import orjson

        from tui.core.document import empty_database

        target = Path(path)
        if target.exists():
            raise StoreError(f"{target}: already exists; not overwriting it")
        payload = orjson.dumps(empty_database(title), option=orjson.OPT_INDENT_2)
        try:
            create_exclusive(target, payload)
        except FileExistsError:
            raise StoreError(f"{target}: already exists; not overwriting it") from None
        except OSError as error:
            raise StoreError(f"{target}: could not create it ({error.strerror})") from None
        return Store.open(target)

    def load(self, document: dict | None = None) -> Snapshot:
        """Read the whole database as it is now (or check a `document` read by `read()`)."""
        from tui.core.document import validate

        snapshot = validate(self.read() if document is None else document, self.name)
        if self._untidy:
            self._remove_leftovers()
            self._untidy = False
        return snapshot

    def read(self, on_table: Callable[[str, Any], None] | None = None) -> dict:
        """The database document as stored, its head checked but its records not yet: for
        `load(document)`, and for what needs only part of it, sooner (the search index).
        `on_table` is told of tables as they are parsed (see `jsonparts.loads`)."""
        from tui.core.document import check_meta

        document = self._read_raw(on_table)
        check_meta(document, self.name)
        return document

    def _head_is_fine(self) -> bool:
        """True when the start of the file looks like a database of a schema we know; False
        when only a full read can tell (the full read then names the problem)."""
        head = self._read_bytes(HEAD_BYTES)
        meta = _META_HEAD.match(head)
        if meta is None:
            return False
        schema = int(meta.group(1))
        if schema > SCHEMA_VERSION:
            self.load({"meta": {"1": {"schema": schema}}})  # raises, naming it
        return True

    def _read_bytes(self, limit: int = -1) -> bytes:
        assert self.path is not None
        try:
            with self.path.open("rb") as handle:
                return handle.read(limit)
        except FileNotFoundError:
            raise StoreError(f"{self.path}: no such file") from None
        except IsADirectoryError:
            raise StoreError(f"{self.path}: is a folder, not a database file") from None
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read it ({error.strerror})") from None

    def _read_raw(self, on_table: Callable[[str, Any], None] | None = None) -> dict:
        if self._memory is not None:
            return self._memory
        import orjson

        assert self.path is not None
        payload = self._read_bytes()
        if not payload.strip():
            raise StoreError(f"{self.path}: the file is empty")
        from tui.storage import (
            jsonparts,  # a piece at a time: the app draws and takes keys meanwhile
        )

        try:
            return jsonparts.loads(payload, on_table)
        except orjson.JSONDecodeError as error:
            raise StoreError(f"{self.path}: not valid JSON ({error})") from None

    def _check_writable(self) -> None:
        assert self.path is not None
        folder = self._path.parent
        if not os.access(self.path, os.W_OK) or not os.access(folder, os.W_OK):
            raise StoreError(
                f"{self.path}: cannot write here (permission denied); use --read-only to browse it"
            )

    def _remove_leftovers(self) -> None:
        """Delete temporary files an interrupted write left beside the database."""
        assert self.path is not None
        with self._lock():
            for leftover in self._path.parent.glob(temp_prefix(self._path) + "*"):
                try:
                    leftover.unlink(missing_ok=True)
                except PermissionError:
                    pass  # a colleague's, in a sticky folder: only they may remove it

    def mtime_ns(self) -> int:
        """When the file last changed, to notice writes by other processes."""
        return self.path.stat().st_mtime_ns if self.path else 0

    # -- writing -------------------------------------------------------------------------------

    def _lock(self):
        """Hold the database's lock file (see lock.py)."""
        return database_lock(self._path, self.name, LOCK_TIMEOUT)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Lock, re-read the file, yield the tables, then write the result atomically."""
        import orjson
        from tinydb import TinyDB
        from tinydb.storages import MemoryStorage

        from tui.core.document import check_meta

        if self.read_only:
            raise StoreError(f"{self.name}: opened read-only; nothing can be written")
        if self._memory is not None:
            storage_db = TinyDB(storage=MemoryStorage)
            storage_db.storage.write(orjson.loads(orjson.dumps(self._memory)))
            transaction = Transaction(storage_db)
            yield transaction
            if storage_db.storage.read() != self._memory:
                transaction.new_revision()
            self._memory = storage_db.storage.read()
            return
        try:
            with self._lock(), writing():
                storage = AtomicJSONStorage(self._path)
                # As it is on disk now. Every writer checks what it writes, so the file's
                # shape and schema are checked here, not each of its records again.
                storage.data = self._read_raw()
                check_meta(storage.data, self.name)
                with TinyDB(self._path, storage=lambda _path: storage) as db:
                    transaction = Transaction(db)
                    yield transaction
                    if storage.dirty:
                        transaction.new_revision()
                storage.commit()
        except TimeoutError:  # filelock.Timeout is a TimeoutError
            raise StoreError(f"{self.name}: another process holds the lock; try again") from None
        except OSError as error:
            raise StoreError(f"{self.name}: could not write ({error.strerror})") from None

    @property
    def _path(self) -> Path:
        """The real file: writes go through a symbolic link to it, never replace the link."""
        assert self.path is not None
        return self.path.resolve()
