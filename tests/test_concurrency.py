"""Two people, one database: processes writing at once lose nothing, readers always see a file.

Each writer process (tests/writer_process.py --mode edits) makes 100 edits, each its own
transaction: insert a new entity "p{P}-{i}", add tag "p{P}-{i}" to the shared entity `quad`,
increment the shared counter `edits` in meta, and set the notes of its own article. A lost update
would show as a missing entity, a missing tag or a short counter.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.writer_process import SHARED_ENTITY, read_meta, seed_database, temp_files
from tui.storage.store import Store

pytestmark = pytest.mark.slow

WRITER = os.path.join(os.path.dirname(__file__), "writer_process.py")
EDITS = 100


def start_writers(db: Path, procs: int, edits: int = EDITS) -> tuple[list[subprocess.Popen], Path]:
    """Start the writers and wait until every one has opened the database; touch `go` to start."""
    go = db.parent / "go"
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                WRITER,
                str(db),
                "--mode",
                "edits",
                "--proc",
                str(p),
                "--edits",
                str(edits),
                "--go",
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in range(procs)
    ]
    for writer in writers:
        line = writer.stdout.readline()
        if line.strip() != "ready":
            stop(writers)
            pytest.fail(f"writer did not start: {line!r} {writer.stderr.read()}")
    return writers, go


def finish(writers: list[subprocess.Popen], timeout: float = 60) -> None:
    try:
        for writer in writers:
            _out, err = writer.communicate(timeout=timeout)
            assert writer.returncode == 0, err
    finally:
        stop(writers)


def stop(writers: list[subprocess.Popen]) -> None:
    for writer in writers:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        for stream in (writer.stdout, writer.stderr):
            if stream and not stream.closed:
                stream.close()


def assert_every_edit_kept(db: Path, procs: int, edits: int = EDITS) -> None:
    snapshot = Store.open(db).load()
    ids = Counter(e.id for e in snapshot.entities)
    assert [i for i, n in ids.items() if n > 1] == [], "an entity was stored twice"
    expected = {f"p{p}-{i}" for p in range(procs) for i in range(edits)}
    written = {i for i in ids if re.fullmatch(r"p\d+-\d+", i)}
    assert written == expected, f"missing: {sorted(expected - written)[:10]}"
    shared = next(e for e in snapshot.entities if e.id == SHARED_ENTITY)
    tags = [t for t in shared.tags if t in expected]
    assert sorted(tags) == sorted(expected), "an update of the shared record was lost"
    owners = [t.split("-")[0] for t in tags]
    turns = 1 + sum(1 for a, b in zip(owners, owners[1:], strict=False) if a != b)
    assert turns > procs, "the processes did not take turns: they never wrote at once"
    for p in range(procs):  # each process's tags went in in the order it made its edits
        mine = [int(t.split("-")[1]) for t in tags if t.startswith(f"p{p}-")]
        assert mine == list(range(edits))
    assert read_meta(db)["edits"] == procs * edits
    notes = {a.id: a.notes for a in snapshot.articles if a.id.startswith("own-")}
    assert notes == {f"own-p{p}": f"edit {edits - 1}" for p in range(procs)}
    assert not temp_files(db)


@pytest.mark.parametrize("procs", [2, 3, 4])
def test_processes_editing_at_once_keep_every_edit(tmp_path, procs):
    db = seed_database(tmp_path / "db.json")
    writers, go = start_writers(db, procs)
    go.touch()
    finish(writers)
    assert_every_edit_kept(db, procs)


def test_a_reader_always_sees_a_valid_file_while_two_processes_write(tmp_path):
    db = seed_database(tmp_path / "db.json")
    reader = Store.open(db, read_only=True)
    seen = []
    writers, go = start_writers(db, 2)
    try:
        go.touch()
        for _ in range(200):
            snapshot = reader.load()  # raises StoreError on a half-written or empty file
            seen.append(sum(1 for e in snapshot.entities if re.fullmatch(r"p\d+-\d+", e.id)))
            time.sleep(0.003)
    finally:
        finish(writers)
    assert len(seen) == 200
    assert len(set(seen)) > 2, "the reads did not overlap the writes"
    assert seen == sorted(seen), "a read saw an older state after a newer one"
    assert_every_edit_kept(db, 2)


def test_opening_one_database_leaves_a_write_to_another_in_the_same_folder_alone(tmp_path):
    one = seed_database(tmp_path / "one.json")
    two = seed_database(tmp_path / "two.json")
    writer = subprocess.Popen(
        [sys.executable, WRITER, str(two), "--mode", "notes", "--stall", "fsync"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        assert writer.stdout.readline().strip() == "stalled", writer.stderr.read()
        in_progress = temp_files(two)  # two.json's writer holds two.json.lock and this file
        assert len(in_progress) == 1
        Store.open(one)  # someone opens the other database: its lock is one.json.lock
        assert in_progress[0].exists(), "the write to two.json lost its new file"
    finally:
        stop([writer])
    Store.open(two)  # the writer is dead: opening its own database cleans up after it
    assert not temp_files(two)
