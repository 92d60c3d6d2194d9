"""Kills and failing disks: the file always holds the state before a write or after it.

Writers (tests/writer_process.py) are SIGKILLed at random moments and at chosen steps of a write;
afterwards the file must open and validate, every counter written into two records by one
transaction must agree, imported batches must be whole articles with their mentions, and the next
`Store.open` must take the dead writer's lock and remove its temporary file. A full disk or a
denied permission at any step must raise StoreError naming the file and the problem and leave the
old file byte for byte.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from dataclasses import replace

import pytest

from tests.writer_process import (
    MODES,
    check_database,
    notes_counter,
    random_kills,
    reap,
    seed_database,
    temp_files,
    write_import,
    write_notes,
    write_tags,
)
from tui.core.models import Entity
from tui.storage.files import TEMP_PREFIX
from tui.storage.store import Store, StoreError

pytestmark = pytest.mark.slow  # real processes, killed

WRITER = os.path.join(os.path.dirname(__file__), "writer_process.py")
KILLS = 54  # 18 per mode
SEED = 20240921


def test_random_kills_leave_the_state_before_or_after_a_write(tmp_path):
    db, results = random_kills(tmp_path, KILLS, SEED)

    assert len(results) >= 50
    assert [r for r in results if not r.valid] == []
    assert [(r.mode, round(r.delay, 3), r.problems) for r in results if r.problems] == []
    assert all(r.cleaned for r in results), "a temporary file survived the next Store.open"
    for mode in MODES:  # every mode really wrote before it was killed
        assert sum(r.writes for r in results if r.mode == mode) > 0, mode
    assert not temp_files(db)


def _tear_notes(tx) -> None:
    article = next(a for a in tx.all("articles") if a.id == "a1")
    tx.put(replace(article, notes="counter 99"))


def _tear_tags(tx) -> None:
    entity = next(e for e in tx.all("entities") if e.id == "quad")
    tx.put(replace(entity, tags=(*entity.tags, "t99")))


def _tear_batch(tx) -> None:
    tx.delete("articles", "dispatch-1-2")


def _tear_mentions(tx) -> None:
    tx.replace_mentions("dispatch-1-3", [])


@pytest.mark.parametrize(
    ("tear", "problem"),
    [
        (_tear_notes, "notes torn"),
        (_tear_tags, "tags torn"),
        (_tear_batch, "batch 1 torn"),
        (_tear_mentions, "names India but has no mention"),
    ],
)
def test_the_check_sees_a_torn_state(tmp_path, tear, problem):
    """The checks above are not vacuous: a mix of two writes is reported."""
    db = seed_database(tmp_path / "db.json")
    store = Store.open(db)
    write_notes(store, 1)
    write_tags(store, 1)
    write_import(store, 1, tmp_path)
    assert check_database(db).problems == []
    with store.transaction() as tx:
        tear(tx)
    assert problem in " ".join(check_database(db).problems)


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_a_kill_inside_a_write_leaves_the_old_file_and_the_next_open_cleans_up(
    tmp_path, step, monkeypatch
):
    db = seed_database(tmp_path / "db.json")
    before = db.read_bytes()
    proc = subprocess.Popen(
        [sys.executable, WRITER, str(db), "--mode", "notes", "--stall", step],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        assert proc.stdout.readline().strip() == "stalled", proc.stderr.read()
        # The writer holds the lock and a temporary file: kill it right there.
        leftovers = temp_files(db)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        reap(proc)

    assert len(leftovers) == 1 and leftovers[0].exists()
    assert db.read_bytes() == before
    assert check_database(db).problems == []
    # The dead writer's lock is free again: with no time at all to wait for it, open works.
    monkeypatch.setattr("tui.storage.store.LOCK_TIMEOUT", 0)
    store = Store.open(db)
    assert not temp_files(db)
    assert db.read_bytes() == before
    with store.transaction() as tx:  # and the file takes writes again
        tx.put(Entity("japan", "Japan", "country"))
    assert "japan" in {e.id for e in store.load().entities}


# -- a full disk, a denied permission -------------------------------------------------------------
# (os.replace failing is covered in tests/test_store.py)


def _fail_with(code: int):
    def fail(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    return fail


class _FailingHandle:
    """A file whose write fails the way a full disk does, after the real file is opened."""

    def __init__(self, handle, code: int) -> None:
        self.handle, self.code = handle, code

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.handle.close()

    def write(self, data: bytes) -> None:
        self.handle.write(data[:100])
        raise OSError(self.code, os.strerror(self.code))


def _break(monkeypatch, step: str, code: int) -> None:
    if step == "create":  # the temporary file beside the database cannot be made
        real_open = os.open

        def refuse_temporary_files(path, *args, **kwargs):
            if os.path.basename(path).startswith(TEMP_PREFIX):
                raise OSError(code, os.strerror(code))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse_temporary_files)
    elif step == "fsync":
        monkeypatch.setattr(os, "fsync", _fail_with(code))
    else:
        real_fdopen = os.fdopen
        monkeypatch.setattr(
            os, "fdopen", lambda fd, *a, **k: _FailingHandle(real_fdopen(fd, *a, **k), code)
        )


@pytest.mark.parametrize("step", ["create", "write", "fsync"])
@pytest.mark.parametrize(
    ("code", "problem"),
    [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")],
)
def test_a_failing_disk_raises_store_error_and_keeps_the_old_bytes(
    db_file, monkeypatch, step, code, problem
):
    store = Store.open(db_file)
    before = db_file.read_bytes()
    with monkeypatch.context() as patch:
        _break(patch, step, code)
        with pytest.raises(StoreError) as error:
            with store.transaction() as tx:
                tx.put(Entity("japan", "Japan", "country"))
    message = str(error.value)
    assert str(db_file) in message and problem in message
    assert db_file.read_bytes() == before
    assert not temp_files(db_file)
    # The disk has room again: the same store writes, and nothing of the failed write shows.
    with store.transaction() as tx:
        tx.put(Entity("china", "China", "country"))
    ids = {e.id for e in Store.open(db_file).load().entities}
    assert "china" in ids and "japan" not in ids


def test_a_failing_disk_in_the_middle_of_a_writer_loop_loses_only_that_write(db_file, monkeypatch):
    store = Store.open(db_file)
    write_notes(store, 1)
    after_first = db_file.read_bytes()
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _fail_with(errno.ENOSPC))
        with pytest.raises(StoreError, match="No space left on device"):
            write_notes(store, 2)
    assert db_file.read_bytes() == after_first
    write_notes(store, 3)
    assert notes_counter(store.load()) == 3 and check_database(db_file).problems == []


@pytest.mark.parametrize("step", ["create", "write", "fsync"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES])
def test_creating_a_database_on_a_failing_disk_raises_store_error(
    tmp_path, monkeypatch, step, code
):
    path = tmp_path / "new.json"
    _break(monkeypatch, step, code)
    with pytest.raises(StoreError) as error:
        Store.create(path)
    assert str(path) in str(error.value) and os.strerror(code) in str(error.value)
    assert not path.exists() and not temp_files(path)
