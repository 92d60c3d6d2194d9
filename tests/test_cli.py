"""The command line: subcommands, --db after the subcommand, JSON in pipes, exit statuses."""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import pytest

from tui.cli import main


def lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_search_prints_ranked_json_lines_when_piped(db_file, capsys):
    assert main(["search", "lemoa", "--db", str(db_file)]) == 0
    hits = lines(capsys)
    agreements = [h for h in hits if h["kind"] == "agreement"]
    assert agreements[0]["id"] == "lemoa"
    assert set(hits[0]) == {"kind", "id", "name", "score", "snippet"} or "title" in hits[0]


def test_search_with_kind_and_limit(db_file, capsys):
    assert main(["--db", str(db_file), "search", "quad", "--kind", "article", "--limit", "1"]) == 0
    hits = lines(capsys)
    assert len(hits) == 1 and hits[0]["kind"] == "article" and "title" in hits[0]


def test_search_without_hits_exits_1(db_file, capsys):
    assert main(["search", "zzzzqqq", "--db", str(db_file)]) == 1
    assert capsys.readouterr().out == ""


def test_show_prints_an_item_with_its_links(db_file, capsys):
    assert main(["show", "lemoa", "--db", str(db_file), "--json"]) == 0
    record = lines(capsys)[0]
    assert record["type"] == "agreement" and record["acronym"] == "LEMOA"
    assert {m["article"] for m in record["links"]["mentioned_in"]} == {"a1", "a2"}
    assert record["links"]["related"] == ["beca"]


def test_show_unknown_id_exits_2_with_a_message(db_file, capsys):
    assert main(["show", "nope", "--db", str(db_file)]) == 2
    assert "no article, entity or agreement has the id 'nope'" in capsys.readouterr().err


def test_stats_counts_records(db_file, capsys):
    assert main(["stats", "--db", str(db_file), "--json"]) == 0
    counts = lines(capsys)[0]
    assert (counts["articles"], counts["entities"], counts["agreements"]) == (3, 4, 2)


def test_database_from_the_environment(db_file, capsys, monkeypatch):
    monkeypatch.setenv("QUADRANT_DB", str(db_file))
    assert main(["stats", "--json"]) == 0
    assert lines(capsys)[0]["database"] == str(db_file)


@pytest.mark.parametrize("content", [b"", b"{oops", b'{"meta": {"1": {"schema": 7}}}'])
def test_bad_database_is_one_line_on_stderr_and_exit_2(tmp_path, capsys, content):
    path = tmp_path / "db.json"
    path.write_bytes(content)
    assert main(["stats", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"quadrant: {path}") and err.count("\n") == 1
    assert path.read_bytes() == content


def test_missing_database_exits_2_without_a_traceback(tmp_path):
    missing = tmp_path / "none.json"
    run = subprocess.run([sys.executable, "-m", "tui", "--db", str(missing)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip() == f"quadrant: {missing}: no such file"
    assert not missing.exists()


def test_init_creates_a_database_and_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "fresh.json"
    assert main(["init", str(path)]) == 0
    assert main(["stats", "--db", str(path), "--json"]) == 0
    assert main(["init", str(path)]) == 2


def test_subcommands_never_write_the_database(db_file):
    before = db_file.read_bytes()
    for argv in (["search", "quad"], ["show", "a1"], ["stats"]):
        main([*argv, "--db", str(db_file)])
    assert db_file.read_bytes() == before


def test_app_on_a_file_torn_after_its_head_exits_2_naming_the_problem(db_file, tmp_path):
    """The app checks only the head before painting; the full read fails in its worker."""
    torn = tmp_path / "torn.json"
    torn.write_bytes(db_file.read_bytes()[:-40])
    from tests.terminal import PtyApp

    app = PtyApp(torn, extra=())
    try:
        code = app.wait(timeout=20)
        assert code == 2
        assert b"not valid JSON" in app.output and str(torn).encode() in app.output
        assert torn.read_bytes() == db_file.read_bytes()[:-40]
    finally:
        app.close()


def _article(tmp_path):
    article = tmp_path / "new.txt"
    article.write_text("Quad navies plan a logistics drill\n\nThe Quad met on LEMOA today.\n")
    return article


def test_import_leaves_the_search_index_of_the_new_file_ready(db_file, tmp_path, capsys):
    from tui.paths import cache_key, index_cache
    from tui.search import Index

    assert main(["import", str(_article(tmp_path)), "--db", str(db_file)]) == 0
    assert "imported 1" in capsys.readouterr().out
    index = Index.open(index_cache(db_file), cache_key(db_file))  # current and checked
    assert index is not None
    assert [h.label for h in index.search("drill").articles] == [
        "Quad navies plan a logistics drill"]


@pytest.mark.parametrize("flag", ["--no-index", "--dry-run"])
def test_import_without_indexing(db_file, tmp_path, flag):
    from tui.paths import cache_key, index_cache
    from tui.search import Index

    assert main(["import", str(_article(tmp_path)), flag, "--db", str(db_file)]) == 0
    assert Index.open(index_cache(db_file), cache_key(db_file)) is None


def test_an_import_stands_when_its_search_index_cannot_be_built(db_file, tmp_path, capsys,
                                                                 monkeypatch):
    def fails(store, cache):
        raise OSError("No space left on device")

    monkeypatch.setattr("tui.loading.search_index", fails)
    assert main(["import", str(_article(tmp_path)), "--db", str(db_file)]) == 0
    captured = capsys.readouterr()
    assert "imported 1" in captured.out
    assert "search index is left to the next start (No space left on device)" in captured.err
    monkeypatch.undo()
    assert main(["search", "drill", "--db", str(db_file)]) == 0  # and the article is there


def test_search_answers_from_a_checked_cache_without_reading_the_file(db_file, capsys,
                                                                      monkeypatch):
    assert main(["search", "lemoa", "--db", str(db_file)]) == 0  # builds and checks the cache
    capsys.readouterr()

    def unread(*args, **kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr("tui.store.Store.load", unread)
    assert main(["search", "lemoa", "--db", str(db_file)]) == 0
    assert lines(capsys)[0]["id"] == "lemoa"


def test_search_of_a_file_that_fails_its_check_says_why(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"meta": {"1": {"schema": 1}}, "articles": {"1": {"id": 5}}}')
    assert main(["search", "x", "--db", str(bad)]) == 2
    assert "articles record 1" in capsys.readouterr().err


def test_the_collector_is_on_again_when_main_returns(db_file, tmp_path, capsys, monkeypatch):
    """main() turns the collector off while modules load (a faster first frame): a command's
    handler runs with it on, and whatever a command does, it is on again afterwards."""
    from tui import report

    during: list[bool] = []
    stats = report.stats
    monkeypatch.setattr(report, "stats", lambda *args: during.append(gc.isenabled())
                        or stats(*args))
    db = ["--db", str(db_file)]
    assert main(["stats", "--json", *db]) == 0  # a command, run by its handler
    assert during == [True]
    assert gc.isenabled()
    assert main(["show", "nope", *db]) == 2  # an error
    assert gc.isenabled()
    assert main(["init", str(tmp_path / "new.json")]) == 0  # done before any handler
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["--no-such-option"])  # argparse exits
    assert gc.isenabled()
    capsys.readouterr()
