"""The user's own notes, tags, bookmarks and saved searches on the command line (issue 15): they
never write the database, so they work --read-only and on a file the user cannot write;
--shared edits the database's own notes and tags where the user may write it."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.conftest import small_data, write_db
from tui.cli.main import main
from tui.storage.personal import Personal, identity_of
from tui.storage.store import Store


@pytest.fixture(autouse=True)
def _own_folders(tmp_path, monkeypatch):
    monkeypatch.setenv("QUADRANT_DATA_DIR", str(tmp_path / "data"))


def lines(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def err(capsys) -> str:
    return capsys.readouterr().err


def mine(db) -> Personal:
    return Personal.open(identity_of(Store.open(db, read_only=True)))


def run(db, *argv: str) -> int:
    return main([*argv, "--db", str(db)])


def test_a_note_is_yours_kept_apart_from_the_database(db_file, capsys):
    before = db_file.read_bytes()
    assert run(db_file, "note", "lemoa", "Ask about the annex.\nAnd the fuel.") == 0
    assert capsys.readouterr().out == "your note on agreement:lemoa saved\n"
    assert mine(db_file).note("agreement:lemoa") == "Ask about the annex.\nAnd the fuel."
    assert run(db_file, "note", "lemoa") == 0
    assert capsys.readouterr().out == "Ask about the annex.\nAnd the fuel.\n"
    assert run(db_file, "note", "lemoa", "--clear") == 0
    assert capsys.readouterr().out == "your note on agreement:lemoa cleared\n"
    assert run(db_file, "note", "lemoa") == 1
    assert db_file.read_bytes() == before


def test_a_note_from_standard_input(db_file, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("from a pipe\n"))
    assert run(db_file, "note", "entity:india", "-") == 0
    assert mine(db_file).note("entity:india") == "from a pipe"


def test_tags_added_and_removed(db_file, capsys):
    assert run(db_file, "tag", "india", "to-read", "Quad") == 0
    assert run(db_file, "tag", "india", "quad", "--remove") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["your tags on entity:india: to-read, Quad", "your tags on entity:india: to-read"]
    assert run(db_file, "tag", "india", "two words") == 2
    assert err(capsys).startswith("quadrant: tag 'two words': a tag is one word")


def test_bookmarks_newest_first_with_names(db_file, capsys):
    assert run(db_file, "bookmarks") == 1
    for item in ("a1", "lemoa", "india"):
        assert run(db_file, "bookmark", item) == 0
    assert run(db_file, "bookmark", "a1", "--remove") == 0
    capsys.readouterr()
    assert run(db_file, "bookmarks", "--json") == 0
    assert lines(capsys) == [
        {"type": "entity", "kind": "entity", "id": "india", "title": "India"},
        {
            "type": "agreement",
            "kind": "agreement",
            "id": "lemoa",
            "title": "LEMOA · Logistics Exchange Memorandum of Agreement",
        },
    ]


def test_a_bookmark_on_an_item_gone_from_the_database_can_be_removed(db_file, capsys):
    mine(db_file).set_bookmark("entity:gone", True)
    assert run(db_file, "bookmarks", "--json") == 0
    assert lines(capsys) == [{"type": "entity", "kind": "entity", "id": "gone", "title": None}]
    assert run(db_file, "bookmark", "entity:gone") == 2
    assert run(db_file, "bookmark", "entity:gone", "--remove") == 0
    assert mine(db_file).bookmarks() == []


@pytest.mark.parametrize(
    "argv", [["note", "nope", "x"], ["tag", "nope", "x"], ["bookmark", "nope"]]
)
def test_an_unknown_id_exits_2_naming_it(db_file, capsys, argv):
    assert run(db_file, *argv) == 2
    assert (
        err(capsys) == f"quadrant: {db_file}: no article, entity or agreement has the id 'nope'\n"
    )


def test_kind_and_id_name_an_item_too(db_file, capsys):
    assert run(db_file, "bookmark", "agreement:beca") == 0
    assert run(db_file, "bookmark", "entity:beca") == 2  # no entity has that id


def test_saved_searches_and_search_at_name(db_file, capsys):
    assert run(db_file, "saved", "list") == 1
    assert run(db_file, "saved", "add", "deals", "kind:agreement") == 0
    assert run(db_file, "saved", "add", "bad name", "x") == 2
    assert "name 'bad name': use letters, digits, - and _" in err(capsys)
    assert run(db_file, "saved", "list", "--json") == 0
    assert lines(capsys) == [{"name": "deals", "query": "kind:agreement"}]
    assert run(db_file, "search", "@deals") == 0
    assert {hit["id"] for hit in lines(capsys)} == {"lemoa", "beca"}
    assert run(db_file, "search", "@nope") == 2
    assert err(capsys) == "quadrant: @nope: no saved search of that name; yours: @deals\n"
    assert run(db_file, "saved", "rm", "deals") == 0
    assert run(db_file, "saved", "rm", "deals") == 2
    assert err(capsys) == "quadrant: saved search 'deals': no such saved search\n"


def test_search_finds_your_tags_and_notes_and_the_databases(db_file, capsys):
    data = small_data()
    data["entities"]["1"]["tags"] = ["shared-tag"]  # India
    path = write_db(db_file.parent / "tagged.json", data)
    assert run(path, "tag", "quad", "shared-tag") == 0
    assert run(path, "note", "a2", "Check the annex") == 0
    capsys.readouterr()
    assert run(path, "search", "tag:shared-tag") == 0
    assert {hit["id"] for hit in lines(capsys)} == {"india", "quad"}
    assert run(path, "search", 'note:"the ANNEX"') == 0
    assert [hit["id"] for hit in lines(capsys)] == ["a2"]
    assert run(path, "search", "note:annex kind:entity") == 1


def test_show_has_yours_beside_the_databases(db_file, capsys):
    assert run(db_file, "show", "india", "--json") == 0
    assert lines(capsys)[0]["yours"] == {"note": "", "tags": [], "bookmarked": False}
    run(db_file, "note", "india", "Mine.")
    run(db_file, "tag", "india", "to-read")
    run(db_file, "bookmark", "india")
    capsys.readouterr()
    assert run(db_file, "show", "india", "--json") == 0
    record = lines(capsys)[0]
    assert record["yours"] == {"note": "Mine.", "tags": ["to-read"], "bookmarked": True}
    assert record["notes"] == "" and record["tags"] == []


def test_show_on_a_terminal_marks_yours(db_file, capsys, monkeypatch):
    run(db_file, "note", "india", "Mine.")
    run(db_file, "bookmark", "india")
    capsys.readouterr()
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert run(db_file, "show", "india") == 0
    out = capsys.readouterr().out
    assert "yours: bookmarked" in out and "yours: note: Mine." in out


def test_they_work_read_only_on_a_file_no_one_may_write(db_file, capsys):
    db_file.chmod(0o444)
    before, when = db_file.read_bytes(), db_file.stat().st_mtime_ns
    for argv in (
        ["note", "india", "x"],
        ["tag", "india", "t"],
        ["bookmark", "india"],
        ["bookmarks"],
        ["saved", "add", "s", "quad"],
        ["saved", "list"],
        ["search", "@s"],
        ["note", "india", "y", "--read-only"],
    ):
        assert run(db_file, *argv) == 0, argv
    assert (db_file.read_bytes(), db_file.stat().st_mtime_ns) == (before, when)
    assert mine(db_file).note("entity:india") == "y"


def test_your_file_is_private(db_file, tmp_path):
    assert run(db_file, "note", "india", "x") == 0
    path = mine(db_file).path
    assert path.parent == tmp_path / "data" / "personal"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_each_database_has_its_own(db_file, tmp_path, capsys):
    other = write_db(tmp_path / "other.json", small_data())
    run(db_file, "note", "india", "on the first")
    assert run(other, "note", "india") == 1


def test_a_damaged_file_of_yours_is_named_and_kept(db_file, capsys):
    path = mine(db_file).path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{oops")
    assert run(db_file, "bookmarks") == 2
    message = err(capsys)
    assert message.startswith(f"quadrant: {path}: damaged (not valid JSON")
    assert "kept as" in message and message.count("\n") == 1
    assert run(db_file, "show", "india", "--json") == 0  # a new one was started
    assert lines(capsys)[0]["yours"]["note"] == ""


def test_shared_notes_and_tags_write_the_database(db_file, capsys):
    assert run(db_file, "note", "india", "For everyone.", "--shared") == 0
    assert run(db_file, "tag", "india", "team", "--shared") == 0
    assert capsys.readouterr().out.splitlines() == [
        "the database's note on entity:india saved",
        "the database's tags on entity:india: team",
    ]
    india = Store.open(db_file).load().entities[0]
    assert (india.id, india.notes, india.tags) == ("india", "For everyone.", ("team",))
    assert mine(db_file).note("entity:india") == ""
    assert run(db_file, "note", "india", "--shared") == 0
    assert capsys.readouterr().out == "For everyone.\n"
    assert run(db_file, "tag", "india", "TEAM", "--shared", "--remove") == 0
    assert Store.open(db_file).load().entities[0].tags == ()


def test_shared_is_refused_read_only_or_where_you_cannot_write(db_file, capsys, monkeypatch):
    before = db_file.read_bytes()
    assert run(db_file, "note", "india", "x", "--shared", "--read-only") == 2
    assert err(capsys) == "quadrant: --shared: writes the database, which --read-only never does\n"
    real = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode, **kw: False if str(path) == str(db_file) else real(path, mode),
    )
    assert run(db_file, "tag", "india", "x", "--shared") == 2
    assert err(capsys).startswith(f"quadrant: {db_file}: you cannot write this database")
    assert db_file.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file")
def test_shared_on_a_file_you_cannot_write_is_refused_and_yours_still_works(db_file, capsys):
    db_file.chmod(0o444)
    assert run(db_file, "note", "india", "x", "--shared") == 2
    assert "you cannot write this database" in err(capsys)
    assert run(db_file, "note", "india", "x") == 0


def test_timeline_and_export_take_saved_searches_and_your_tags(db_file, capsys):
    run(db_file, "saved", "add", "mine", "tag:mine")
    run(db_file, "tag", "beca", "mine")
    capsys.readouterr()
    assert run(db_file, "timeline", "@mine", "--json") == 0
    assert [event["id"] for event in lines(capsys)] == ["beca"]
    assert run(db_file, "export", "tag:mine") == 0
    assert [record["id"] for record in lines(capsys)] == ["beca"]
    assert run(db_file, "export", "@nope") == 2
