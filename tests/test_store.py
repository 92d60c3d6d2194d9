"""The store: checks on open, atomic and locked writes, read-only, and nothing lost on failure."""

from __future__ import annotations

import os
from pathlib import Path

import orjson
import pytest

from tests.conftest import small_data, write_db
from tui.core.document import empty_database
from tui.core.models import Article, Entity
from tui.core.schema import SCHEMA_VERSION
from tui.storage.files import TEMP_PREFIX
from tui.storage.store import Store, StoreError


def test_load_gives_model_objects(store):
    snapshot = store.load()
    assert {a.id for a in snapshot.articles} == {"a1", "a2", "a3"}
    assert all(isinstance(e, Entity) for e in snapshot.entities)
    assert snapshot.mentions


def test_put_inserts_and_replaces_by_id(store):
    with store.transaction() as tx:
        tx.put(Entity("japan", "Japan", "country"))
    with store.transaction() as tx:
        tx.put(Entity("japan", "Japan", "country", aliases=("Tokyo",)))
    japan = [e for e in store.load().entities if e.id == "japan"]
    assert len(japan) == 1 and japan[0].aliases == ("Tokyo",)


def test_put_all_replaces_by_id_and_inserts_the_new(store):
    with store.transaction() as tx:
        tx.put(Entity("japan", "Japan", "country"))
    records = [Entity("japan", "Japan", "country", aliases=("Nippon",)), Entity("x", "X", "place")]
    with store.transaction() as tx:
        tx.put_all(records)
        tx.put_all([])
    entities = store.load().entities
    assert [e for e in entities if e.id in ("japan", "x")] == records
    assert len(entities) == len({e.id for e in entities})


def test_put_replaces_a_record_whole_so_an_emptied_optional_field_goes(store):
    """An optional field is left out of the file when empty (`unsure`, `kind_evidence`): a
    put must not keep the old value under the new record, as an update of the stored document
    did (a kind set by review stayed 'unsure')."""
    guessed = Entity("tb", "Tora Bora", "person", kind_evidence="a guess", unsure=("kind",))
    with store.transaction() as tx:
        tx.put(guessed)
    reviewed = Entity("tb", "Tora Bora", "place")
    with store.transaction() as tx:
        tx.put(reviewed)
    assert next(e for e in store.load().entities if e.id == "tb") == reviewed
    with store.transaction() as tx:
        tx.put_all([guessed])
        tx.put_all([reviewed])
    assert next(e for e in store.load().entities if e.id == "tb") == reviewed


def test_replace_mentions_swaps_one_articles_mentions(store):
    before = [m for m in store.load().mentions if m.article != "a1"]
    with store.transaction() as tx:
        tx.replace_mentions("a1", [])
    after = store.load().mentions
    assert not [m for m in after if m.article == "a1"]
    assert sorted(after) == sorted(before)


def test_a_failed_transaction_writes_nothing(store):
    before = store.load()
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            tx.put(Entity("japan", "Japan", "country"))
            raise RuntimeError("boom")
    assert store.load() == before


def test_file_written_by_a_transaction_is_valid_json_with_meta(db_file):
    store = Store.open(db_file)
    with store.transaction() as tx:
        tx.put(Article("new", "New", "Some text."))
    raw = orjson.loads(db_file.read_bytes())
    assert raw["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert any(doc["id"] == "new" for doc in raw["articles"].values())
    assert not list(db_file.parent.glob(TEMP_PREFIX + "*"))


def test_two_stores_on_one_file_keep_each_others_writes(db_file):
    first, second = Store.open(db_file), Store.open(db_file)
    with first.transaction() as tx:
        tx.put(Entity("japan", "Japan", "country"))
    with second.transaction() as tx:
        tx.put(Entity("china", "China", "country"))
    ids = {e.id for e in Store.open(db_file).load().entities}
    assert {"japan", "china"} <= ids


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (None, "no such file"),
        (b"", "the file is empty"),
        (b"   \n", "the file is empty"),
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not a Quadrant database"),
        (b'{"_default": {}}', "not a Quadrant database"),
        (b'{"meta": {"1": {"title": "x"}}}', "no schema version"),
        (b'{"meta": {"1": {"schema": 99}}}', "schema 99 is newer"),
        (
            b'{"meta": {"1": {"schema": 1}}, '
            b'"articles": {"1": {"id": "a", "title": 5, "text": ""}}}',
            "articles record 1",
        ),
    ],
)
def test_unusable_files_are_refused_by_name_and_left_untouched(tmp_path, content, problem):
    path = tmp_path / "db.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StoreError) as error:
        Store.open(path)
    assert str(path) in str(error.value) and problem in str(error.value)
    if content is not None:
        assert path.read_bytes() == content


def test_read_only_opens_a_file_it_cannot_write(db_file, monkeypatch):
    # Root can write anything, so deny writing the way a normal user's file system would.
    monkeypatch.setattr(os, "access", lambda path, mode: mode != os.W_OK)
    with pytest.raises(StoreError, match="permission denied"):
        Store.open(db_file)
    store = Store.open(db_file, read_only=True)
    assert store.load().articles


def test_read_only_store_refuses_to_write_and_keeps_bytes(db_file):
    before = db_file.read_bytes()
    store = Store.open(db_file, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        with store.transaction() as tx:
            tx.put(Entity("japan", "Japan", "country"))
    assert db_file.read_bytes() == before


def test_leftover_temporary_files_are_removed_on_open(db_file):
    leftover = db_file.parent / f"{TEMP_PREFIX}{db_file.name}-abc"
    leftover.write_bytes(b"half a database")
    Store.open(db_file)
    assert not leftover.exists()


def test_a_failed_rename_leaves_the_old_file(db_file, monkeypatch):
    before = db_file.read_bytes()

    def refuse(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    store = Store.open(db_file)
    with pytest.raises(StoreError, match="No space left on device"):
        with store.transaction() as tx:
            tx.put(Entity("japan", "Japan", "country"))
    assert db_file.read_bytes() == before
    assert not list(db_file.parent.glob(TEMP_PREFIX + "*"))


def test_create_makes_an_empty_database_and_refuses_to_overwrite(tmp_path):
    path = tmp_path / "new.json"
    store = Store.create(path, title="Mine")
    assert store.load().title == "Mine" and not store.load().articles
    with pytest.raises(StoreError, match="already exists"):
        Store.create(path)


def test_memory_store_validates_its_data():
    with pytest.raises(StoreError, match="not a Quadrant database"):
        Store.memory({"nothing": {}})
    assert Store.memory(empty_database()).load().articles == ()


def test_written_file_keeps_its_permissions(tmp_path):
    path = write_db(tmp_path / "db.json", small_data())
    os.chmod(path, 0o640)
    with Store.open(path).transaction() as tx:
        tx.put(Entity("japan", "Japan", "country"))
    assert Path(path).stat().st_mode & 0o777 == 0o640


def test_a_symlinked_database_is_written_through_the_link(tmp_path):
    (tmp_path / "real").mkdir()
    real = write_db(tmp_path / "real" / "db.json", small_data())
    link = tmp_path / "db.json"
    link.symlink_to(real)
    with Store.open(link).transaction() as tx:
        tx.put(Entity("japan", "Japan", "country"))
    assert link.is_symlink()
    assert "japan" in {e.id for e in Store.open(real).load().entities}


def _revision(store: Store) -> str | None:
    return next(iter(store.read()["meta"].values())).get("revision")


def test_every_write_gives_the_database_a_new_revision(store):
    """The search cache is keyed on it (paths.cache_key): a write that keeps the file's size
    and modification time must still say the file changed."""
    seen = {_revision(store)}
    for name in ("Japan", "Nippon", "Japan"):
        with store.transaction() as tx:
            tx.put(Entity("japan", name, "country"))
        assert _revision(store) not in seen
        seen.add(_revision(store))
    with store.transaction() as tx:  # read only: nothing written, the revision stays
        tx.ids("entities")
    assert _revision(store) in seen and len(seen) == 4
    assert store.load().title == "Test"  # the rest of meta is kept


def test_the_revision_is_at_the_head_of_the_file(db_file):
    """Next to the schema, in the first bytes the cache key hashes, however long meta grows."""
    store = Store.open(db_file)
    with store.transaction() as tx:
        tx.update_meta(rejected=[f"name {n}" for n in range(5000)])
    meta = next(iter(orjson.loads(db_file.read_bytes())["meta"].values()))
    assert list(meta)[:2] == ["schema", "revision"] and len(meta["rejected"]) == 5000
    assert meta["revision"].encode() in db_file.read_bytes()[:200]


def test_a_schema_1_file_is_read_and_written_as_the_current_schema(tmp_path):
    """Schema 1 stored signatories as names: they are read as signatories not yet linked, and
    the first write marks the file with the schema it now follows."""
    data = small_data()
    data["meta"]["1"]["schema"] = 1
    agreement = next(iter(data["agreements"].values()))
    agreement["signatories"] = ["Manohar Parrikar", "Ashton Carter"]
    path = write_db(tmp_path / "old.json", data)
    store = Store.open(path)
    read = next(a for a in store.load().agreements if a.id == agreement["id"])
    assert [(s.name, s.entity, s.side) for s in read.signatories] == [
        ("Manohar Parrikar", None, None),
        ("Ashton Carter", None, None),
    ]
    with store.transaction() as tx:
        tx.put(Article("new", "New", "Some text."))
    raw = orjson.loads(path.read_bytes())
    assert raw["meta"]["1"]["schema"] == SCHEMA_VERSION == 2
    assert raw["agreements"]["1"]["signatories"][0] == "Manohar Parrikar"  # untouched records stay


def test_signatories_of_the_wrong_shape_are_named(tmp_path):
    data = small_data()
    next(iter(data["agreements"].values()))["signatories"] = [{"entity": "x"}]
    with pytest.raises(StoreError, match=r"bad.json: agreements record 1 .* 'name' is missing"):
        Store.open(write_db(tmp_path / "bad.json", data)).load()
