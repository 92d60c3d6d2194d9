"""Each user's own layer over a database (tui/storage/personal.py): notes, tags, bookmarks, saved
searches and history in a private file that two processes of one user share without loss."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap

import pytest

from tui.core.document import empty_database
from tui.storage.personal import (
    HISTORY_MAX,
    Personal,
    PersonalError,
    database_identity,
    personal_folder,
)


@pytest.fixture
def personal(tmp_path) -> Personal:
    return Personal.open("db1", tmp_path / "personal")


def test_notes_tags_and_bookmarks_are_kept_and_read_back(personal, tmp_path):
    personal.set_note("entity:india", "  Ask about \x1b[31mLEMOA\n  ")
    personal.add_tags("entity:india", ["Quad", "to-read", "quad"])
    personal.set_bookmark("article:a1", True)
    personal.set_bookmark("agreement:beca", True)
    again = Personal.open("db1", tmp_path / "personal")
    assert again.note("entity:india") == "Ask about [31mLEMOA"
    assert again.tags("entity:india") == ("Quad", "to-read")
    assert again.bookmarks() == ["agreement:beca", "article:a1"]
    assert again.is_bookmarked("article:a1") and not again.is_bookmarked("entity:india")


def test_clearing_and_removing(personal):
    personal.set_note("entity:india", "x")
    personal.set_note("entity:india", "")
    personal.add_tags("entity:india", ["a", "b"])
    personal.remove_tags("entity:india", ["A", "missing"])
    personal.set_bookmark("entity:india", True)
    personal.set_bookmark("entity:india", False)
    assert personal.note("entity:india") == ""
    assert personal.tags("entity:india") == ("b",)
    assert personal.bookmarks() == []
    personal.remove_tags("entity:india", ["b"])
    assert personal.tags("entity:india") == ()


def test_a_bookmark_made_again_goes_to_the_top(personal):
    for key in ("entity:a", "entity:b", "entity:a"):
        personal.set_bookmark(key, True)
    assert personal.bookmarks() == ["entity:a", "entity:b"]


@pytest.mark.parametrize("key", ["india", "person:india", "entity:", "entity: ", "entity:a\x1b"])
def test_a_bad_key_is_refused(personal, key):
    with pytest.raises(PersonalError, match="not an item key"):
        personal.set_note(key, "x")


@pytest.mark.parametrize("tag", ["", "  ", "two words"])
def test_a_tag_is_one_word(personal, tag):
    with pytest.raises(PersonalError, match="one word"):
        personal.add_tags("entity:india", [tag])


def test_tagged_and_noted_fold_case_and_accents(personal):
    personal.add_tags("entity:india", ["Zürich"])
    personal.add_tags("article:a1", ["zurich", "other"])
    personal.set_note("agreement:beca", "Signed in New Delhi; check the annex.")
    personal.set_note("article:a1", "Delhi only")
    assert personal.tagged("ZURICH") == {"entity:india", "article:a1"}
    assert personal.tagged("nothing") == set()
    assert personal.noted("delhi ANNEX") == {"agreement:beca"}
    assert personal.noted("delhi") == {"agreement:beca", "article:a1"}
    assert personal.noted("del") == set()  # whole words
    assert personal.noted("  ") == set()


def test_saved_searches(personal):
    personal.save_search("quad-2020", "quad year:2020")
    personal.save_search("a_first", "lemoa")
    personal.save_search("quad-2020", "quad year:2021")
    assert personal.saved() == {"a_first": "lemoa", "quad-2020": "quad year:2021"}
    assert list(personal.saved()) == ["a_first", "quad-2020"]
    personal.forget_search("a_first")
    assert personal.saved() == {"quad-2020": "quad year:2021"}
    with pytest.raises(PersonalError, match="'a_first': no such saved search"):
        personal.forget_search("a_first")


@pytest.mark.parametrize("name", ["", "two words", "a/b", "@x", "é"])
def test_a_bad_saved_search_name_is_named(personal, name):
    with pytest.raises(PersonalError, match=f"name {name!r}"):
        personal.save_search(name, "quad")


def test_history_newest_first_without_duplicates_and_bounded(personal):
    for query in ("a", "b", "a", " ", "c"):
        personal.remember(query)
    assert personal.history() == ["c", "a", "b"]
    for number in range(HISTORY_MAX + 5):
        personal.remember(f"q{number}")
    assert len(personal.history()) == HISTORY_MAX
    assert personal.history()[0] == f"q{HISTORY_MAX + 4}"


def test_two_objects_on_one_file_lose_nothing(tmp_path):
    first = Personal.open("db1", tmp_path)
    second = Personal.open("db1", tmp_path)
    first.set_note("entity:india", "from the first")
    second.add_tags("entity:india", ["from-second"])  # read before the first wrote
    first.set_bookmark("entity:india", True)
    second.save_search("mine", "quad")
    for one in (first, second):
        one.reload()
        assert one.note("entity:india") == "from the first"
        assert one.tags("entity:india") == ("from-second",)
        assert one.bookmarks() == ["entity:india"]
        assert one.saved() == {"mine": "quad"}


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tui.storage.personal import Personal
    personal = Personal.open("db1", Path(sys.argv[1]))
    for number in range(25):
        personal.add_tags(f"entity:e{number}", [sys.argv[2]])
        personal.remember(f"{sys.argv[2]}-{number}")
    """
)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), name])
        for name in ("one", "two")
    ]
    assert [writer.wait(timeout=120) for writer in writers] == [0, 0]
    personal = Personal.open("db1", tmp_path)
    assert all(set(personal.tags(f"entity:e{n}")) == {"one", "two"} for n in range(25))
    assert len(personal.history()) == 50


def test_the_file_and_its_folder_are_private(tmp_path):
    folder = tmp_path / "data" / "personal"
    previous = os.umask(0o022)
    try:
        personal = Personal.open("db1", folder)
        assert not folder.exists()  # nothing is made until something is written
        personal.set_note("entity:india", "mine")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(personal.path.stat().st_mode) == 0o600
    personal.set_note("entity:india", "still mine")
    assert stat.S_IMODE(personal.path.stat().st_mode) == 0o600


def test_a_damaged_file_is_set_aside_and_named(tmp_path):
    path = tmp_path / "db1.json"
    path.write_text('{"notes": {"entity:india": "half a no')
    with pytest.raises(PersonalError) as raised:
        Personal.open("db1", tmp_path)
    assert str(path) in str(raised.value) and "not valid JSON" in str(raised.value)
    kept = list(tmp_path.glob("db1.json.damaged-*"))
    assert [p.read_text() for p in kept] == ['{"notes": {"entity:india": "half a no']
    assert kept[0].name in str(raised.value)
    personal = Personal.open("db1", tmp_path)  # a new one is started
    personal.set_note("entity:india", "again")
    assert personal.note("entity:india") == "again"


@pytest.mark.parametrize(
    "content, problem",
    [
        ("[]", "not a JSON object"),
        ('{"notes": []}', "'notes' must be an object of strings"),
        ('{"tags": {"entity:a": "x"}}', "'tags' must be an object of lists of strings"),
        ('{"bookmarks": [1]}', "'bookmarks' must be a list of strings"),
    ],
)
def test_a_file_of_the_wrong_shape_is_damaged(tmp_path, content, problem):
    (tmp_path / "db1.json").write_text(content)
    with pytest.raises(PersonalError, match=problem):
        Personal.open("db1", tmp_path)
    assert not (tmp_path / "db1.json").exists()


def test_a_file_damaged_between_writes_is_kept_and_nothing_written(tmp_path):
    personal = Personal.open("db1", tmp_path)
    personal.set_note("entity:india", "x")
    personal.path.write_text("garbage")
    with pytest.raises(PersonalError, match="kept as db1.json.damaged-.*nothing was written"):
        personal.set_note("entity:india", "y")
    assert [p.read_text() for p in tmp_path.glob("db1.json.damaged-*")] == ["garbage"]


def test_a_file_from_a_newer_quadrant_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "db1.json"
    path.write_text('{"version": 99}')
    with pytest.raises(PersonalError, match="newer Quadrant"):
        Personal.open("db1", tmp_path)
    assert path.read_text() == '{"version": 99}'


@pytest.mark.skipif(os.geteuid() == 0, reason="root may read anything")
def test_an_unreadable_file_is_named(tmp_path):
    path = tmp_path / "db1.json"
    path.write_text("{}")
    path.chmod(0)
    with pytest.raises(PersonalError, match=f"{path}: cannot read it"):
        Personal.open("db1", tmp_path)


def test_identity_prefers_the_meta_id_then_the_creation_then_the_path(tmp_path):
    meta = empty_database("T")["meta"]["1"]
    assert len(meta["id"]) == 32
    assert database_identity(meta, tmp_path / "a.json") == meta["id"]
    created = {"created": "2025-01-01T00:00:00+00:00", "title": "T"}
    assert database_identity(created, tmp_path / "a") == database_identity(created, tmp_path / "b")
    assert database_identity(created, None) != database_identity({**created, "title": "U"}, None)
    assert database_identity({}, tmp_path / "a") != database_identity({}, tmp_path / "b")
    assert database_identity({"id": "../../etc/passwd"}, None).isalnum()  # never a path


def test_identity_is_a_file_name_and_the_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("QUADRANT_DATA_DIR", str(tmp_path))
    assert personal_folder() == tmp_path / "personal"
    personal = Personal.open(database_identity({"title": "x", "created": "now"}, None))
    assert personal.path.parent == tmp_path / "personal"
    with pytest.raises(PersonalError):
        Personal.open("../elsewhere")


def test_the_identity_of_a_database_file_is_read_from_its_head(tmp_path, monkeypatch):
    from tests.conftest import small_data, write_db
    from tui.storage.personal import database_meta, identity_of
    from tui.storage.store import Store

    data = small_data()
    data["meta"]["1"]["id"] = "abc123"
    store = Store.open(write_db(tmp_path / "db.json", data), read_only=True, quick=True)
    monkeypatch.setattr(Store, "read", lambda self, on_table=None: pytest.fail("read whole"))
    assert identity_of(store) == "abc123"
    assert database_meta(store)["id"] == "abc123"


def test_a_meta_record_not_at_the_head_is_read_from_the_whole_file(tmp_path):
    import orjson

    from tests.conftest import small_data
    from tui.storage.personal import identity_of
    from tui.storage.store import Store

    data = small_data()
    data["meta"]["1"]["id"] = "abc123"
    path = tmp_path / "db.json"
    path.write_bytes(
        orjson.dumps({**{k: v for k, v in data.items() if k != "meta"}, "meta": data["meta"]})
    )
    assert identity_of(Store.open(path, read_only=True)) == "abc123"
    assert identity_of(Store.memory(data)) == "abc123"
