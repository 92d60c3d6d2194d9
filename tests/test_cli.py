"""The command line: subcommands, --db after the subcommand, JSON in pipes, exit statuses."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import small_data, write_db
from tui.cli.main import main
from tui.core.models import Article, Entity, text_digest


def lines(capsys):
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_search_prints_ranked_json_lines_when_piped(db_file, capsys):
    assert main(["search", "lemoa", "--db", str(db_file)]) == 0
    hits = lines(capsys)
    assert hits[0] == {
        "type": "agreement",  # as `show` and `export` name it
        "kind": "agreement",  # as 0.1 named it
        "id": "lemoa",
        "name": "Logistics Exchange Memorandum of Agreement",
        "acronym": "LEMOA",
        "score": hits[0]["score"],
        "snippet": "",
    }
    for hit in hits[1:]:
        assert hit["type"] == hit["kind"]
        assert set(hit) == {
            "type",
            "kind",
            "id",
            "title" if hit["kind"] == "article" else "name",
            "score",
            "snippet",
        } | ({"acronym"} if hit["kind"] == "agreement" else set())


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
    run = subprocess.run(
        [sys.executable, "-m", "tui", "--db", str(missing)],
        capture_output=True,
        text=True,
        timeout=60,
    )
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
    from tui.search.index import Index
    from tui.storage.paths import cache_key, index_cache

    assert main(["import", str(_article(tmp_path)), "--db", str(db_file)]) == 0
    assert "imported 1" in capsys.readouterr().out
    index = Index.open(index_cache(db_file), cache_key(db_file))  # current and checked
    assert index is not None
    assert [h.label for h in index.search("drill").articles] == [
        "Quad navies plan a logistics drill"
    ]


@pytest.mark.parametrize("flag", ["--no-index", "--dry-run"])
def test_import_without_indexing(db_file, tmp_path, flag):
    from tui.search.index import Index
    from tui.storage.paths import cache_key, index_cache

    assert main(["import", str(_article(tmp_path)), flag, "--db", str(db_file)]) == 0
    assert Index.open(index_cache(db_file), cache_key(db_file)) is None


def test_an_import_stands_when_its_search_index_cannot_be_built(
    db_file, tmp_path, capsys, monkeypatch
):
    def fails(store, cache):
        raise OSError("No space left on device")

    monkeypatch.setattr("tui.search.loading.search_index", fails)
    assert main(["import", str(_article(tmp_path)), "--db", str(db_file)]) == 0
    captured = capsys.readouterr()
    assert "imported 1" in captured.out
    assert "search index is left to the next start (No space left on device)" in captured.err
    monkeypatch.undo()
    assert main(["search", "drill", "--db", str(db_file)]) == 0  # and the article is there


def test_search_answers_from_a_checked_cache_without_reading_the_file(db_file, capsys, monkeypatch):
    assert main(["search", "lemoa", "--db", str(db_file)]) == 0  # builds and checks the cache
    capsys.readouterr()

    def unread(*args, **kwargs):
        raise AssertionError("the whole file was read")

    monkeypatch.setattr("tui.storage.store.Store.load", unread)
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
    from tui.cli import read as report

    during: list[bool] = []
    stats = report.stats
    monkeypatch.setattr(
        report, "stats", lambda *args: during.append(gc.isenabled()) or stats(*args)
    )
    db = ["--db", str(db_file)]
    assert main(["stats", "--json", *db]) == 0  # a command, run by its handler
    assert during == [True]
    assert gc.isenabled()
    assert main(["show", "nope", *db]) == 2  # an error
    assert gc.isenabled()
    assert main(["init", str(tmp_path / "new.json")]) == 0  # done before any handler
    assert gc.isenabled()
    assert main(["--no-such-option"]) == 2  # an argument error
    assert gc.isenabled()
    capsys.readouterr()


# -- In ordinary shell use: one ranking, whole ids, one-line errors, closed pipes, the umask ---


def _ranked_db(tmp_path, articles=(), long_id=False):
    """The small database, where "lemoa" is also in an entity's description and an article's
    title: hits of three kinds whose scores interleave."""
    data = small_data()
    data["entities"]["9"] = Entity(
        "ashton-carter", "Ashton Carter", "person", description="Signed LEMOA in 2016."
    ).to_dict()
    new = [
        (
            "a4" if not long_id else "a4-" + "logistics-" * 4 + "x",
            "LEMOA at ten",
            "Ten years of logistics.",
        )
    ] + list(articles)
    for number, (article_id, title, text) in enumerate(new, start=10):
        data["articles"][str(number)] = Article(
            article_id, title, text, source="Wire", published="2026-01-02", sha256=text_digest(text)
        ).to_dict()
    return write_db(tmp_path / "ranked.json", data)


def test_search_is_one_ranking_best_first_whatever_the_kind(tmp_path, capsys):
    db = ["--db", str(_ranked_db(tmp_path))]
    assert main(["search", "lemoa", "--json", *db]) == 0
    hits = lines(capsys)
    assert (hits[0]["id"], hits[0]["name"], hits[0]["acronym"]) == (
        "lemoa",
        "Logistics Exchange Memorandum of Agreement",
        "LEMOA",
    )
    assert [h["kind"] for h in hits] == ["agreement", "article", "entity", "article", "article"]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert main(["search", "lemoa", "--limit", "2", *db]) == 0  # the best two, not two a kind
    assert [h["id"] for h in lines(capsys)] == ["lemoa", "a4"]
    assert main(["search", "lemoa", "--kind", "entity", *db]) == 0
    assert [h["id"] for h in lines(capsys)] == ["ashton-carter"]


def test_export_json_and_csv_are_the_same_one_ranking(tmp_path, capsys):
    db = ["--db", str(_ranked_db(tmp_path))]
    assert main(["search", "lemoa", "--json", *db]) == 0
    ranking = [h["id"] for h in lines(capsys)]
    assert main(["export", "lemoa", *db]) == 0
    assert [r["id"] for r in lines(capsys)] == ranking
    assert main(["export", "lemoa", "--format", "csv", *db]) == 0
    assert [row.split(",")[1] for row in capsys.readouterr().out.splitlines()[1:]] == ranking


def _on_a_terminal(argv, columns):
    """Run `quadrant ARGV` with stdout on a pseudo-terminal `columns` wide; its output."""
    import fcntl
    import re
    import struct
    import termios

    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = dict(os.environ, COLUMNS=str(columns), TERM="xterm", NO_COLOR="1")
    process = subprocess.Popen(
        [sys.executable, "-m", "tui", *argv], stdout=slave, stderr=subprocess.PIPE, env=env
    )
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's last writer has gone
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    assert process.wait(timeout=60) == 0 and process.stderr.read() == b""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output.decode()).splitlines()


def test_the_table_never_cuts_an_id(tmp_path, capsys):
    db = ["--db", str(_ranked_db(tmp_path, long_id=True))]
    assert main(["search", "lemoa", "--json", *db]) == 0
    ids = [h["id"] for h in lines(capsys)]
    assert max(map(len, ids)) == 44  # the table cut ids at 30 characters of 80 columns
    for columns in (80, 40):  # 40: too narrow for the table, whose lines the terminal wraps
        rows = _on_a_terminal(["search", "lemoa", *db], columns)
        assert rows[0].split() == ["type", "id", "name", "score"]
        assert [row.split()[1] for row in rows[1:] if not row.startswith(" ")] == ids
    assert all(len(row) <= 80 for row in _on_a_terminal(["search", "lemoa", *db], 80))
    assert "LEMOA · L…" in rows[1]  # the name is what gets cut


def _error(capsys):
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("quadrant: ") and "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize(
    "argv, says",
    [
        (["search", "x", "--limit", "0"], "quadrant: --limit: must be a whole number of 1 or more"),
        (
            ["search", "x", "--limit", "-1"],
            "quadrant: --limit: must be a whole number of 1 or more",
        ),
        (["search", "x", "--limit", "many"], "quadrant: --limit: "),
        (["search"], "quadrant: query: required by quadrant search"),
        (["search", "x", "--kind", "person"], "quadrant: --kind: invalid choice: 'person'"),
        (["export", "--format", "xls"], "quadrant: --format: invalid choice: 'xls'"),
        (["stats", "--nope"], "quadrant: --nope: "),
        (["frob"], "quadrant: COMMAND: invalid choice: 'frob'"),
        (["show", "nope"], "no article, entity or agreement has the id 'nope'"),
        (["review", "merge", "quad"], "quadrant: review merge: needs a value"),
        (["review", "accept", "nope"], "no entity or agreement has the id 'nope'"),
        (["review", "date", "a1"], "quadrant: review date: needs a value after the id: 2025-07-01"),
        (["review", "date", "a1", "2025-13-01"], "quadrant: published: '2025-13-01' is not a date"),
        (["review", "date", "a1", "1 July 2025"], "give YYYY-MM-DD, YYYY-MM or YYYY"),
        (["review", "date", "a1", "2099-01-01"], "published: 2099-01-01 is in the future"),
        (["review", "date", "nope", "2025"], "no article has the id 'nope'"),
        (["review", "date", "lemoa", "2025"], "'lemoa' is an agreement; only an article has"),
    ],
)
def test_a_bad_argument_is_one_line_naming_it_and_exit_2(db_file, capsys, argv, says):
    before = db_file.read_bytes()
    assert main([*argv, "--db", str(db_file)]) == 2
    assert says in _error(capsys)
    assert db_file.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("2025-07-01", "2025-07-01"),
        ("2025-07", "2025-07"),
        ("2025", "2025"),
        ("none", None),
        ("NONE", None),
    ],
)
def test_review_date_sets_or_clears_an_articles_date(db_file, capsys, value, stored):
    assert main(["review", "date", "a3", value, "--db", str(db_file)]) == 0
    assert capsys.readouterr().out == f"date: article a3 -> {stored or 'none'}\n"
    assert main(["show", "a3", "--json", "--db", str(db_file)]) == 0
    assert lines(capsys)[0]["published"] == stored


def test_a_bad_file_is_one_line_naming_it_and_exit_2(db_file, tmp_path, capsys):
    afile = tmp_path / "afile"
    afile.write_text("")
    cases = {  # the path given: what is said of it
        tmp_path / "missing" / "x.md": f"no such folder as {tmp_path / 'missing'}",
        tmp_path: "is a folder; give the name of a file to write",
        afile / "x.md": f"{afile} is not a folder",
        db_file: "is the database; not overwriting it",
    }
    before = db_file.read_bytes()
    for path, problem in cases.items():
        assert main(["export", "-o", str(path), "--db", str(db_file)]) == 2
        assert _error(capsys) == f"quadrant: {path}: {problem}"
    assert db_file.read_bytes() == before
    for argv in (
        ["init", str(db_file)],
        ["init", str(tmp_path / "missing" / "x.json")],
        ["import", str(tmp_path / "none.txt"), "--db", str(db_file)],
        ["stats", "--db", str(tmp_path)],
    ):
        assert main(argv) == 2
        assert _error(capsys).startswith(f"quadrant: {argv[1] if argv[0] != 'stats' else argv[2]}")


def test_an_unwritable_output_is_named_not_its_temporary_file(
    db_file, tmp_path, capsys, monkeypatch
):
    """(Denied for real below when not run as root, who may write anywhere.)"""

    def denied(path, payload):
        raise PermissionError(13, "Permission denied", str(path.parent / ".quadrant-tmp-x"))

    monkeypatch.setattr("tui.storage.files.write_atomic", denied)
    out = tmp_path / "brief.md"
    assert main(["export", "-o", str(out), "--db", str(db_file)]) == 2
    assert _error(capsys) == f"quadrant: {out}: cannot write it (Permission denied)"


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root may write into a read-only folder"
)
def test_a_read_only_folder_is_one_line(db_file, tmp_path, capsys):
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o555)
    assert main(["export", "-o", str(folder / "x.md"), "--db", str(db_file)]) == 2
    assert _error(capsys) == f"quadrant: {folder / 'x.md'}: cannot write it (Permission denied)"


def test_the_issues_commands_print_one_line_not_a_traceback(db_file, tmp_path):
    for output in (tmp_path / "missing" / "x.md", tmp_path):
        run = subprocess.run(
            [sys.executable, "-m", "tui", "export", "-o", str(output), "--db", str(db_file)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert run.returncode == 2 and run.stdout == ""
        assert run.stderr.count("\n") == 1 and run.stderr.startswith(f"quadrant: {output}: ")


def _quadrant(*argv):
    return [sys.executable, "-m", "tui", *argv]


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "lemoa"],
        ["show", "lemoa"],
        ["stats"],
        ["export", "--format", "md"],
        ["export", "-o", "/dev/stdout"],
        ["relink"],
        ["review", "accept", "quad"],
        ["review", "date", "a1", "2025"],
        ["import", "NEW"],
        ["init", "NEW"],
        ["--help"],
        ["search", "--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_a_reader_gone_before_the_first_line_ends_the_command_quietly(db_file, tmp_path, argv):
    """`quadrant … | true`: every write to stdout fails; the command's work is done all the
    same, and it ends with the status it would have had."""
    new = {"import": _article(tmp_path), "init": tmp_path / "new.json"}.get(argv[0])
    argv = [str(new) if a == "NEW" else a for a in argv]
    if argv[0] not in ("init", "--help", "--version") and "--help" not in argv:
        argv += ["--db", str(db_file)]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first byte
    try:
        run = subprocess.run(_quadrant(*argv), stdout=write, stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(write)
    assert (run.returncode, run.stderr) == (0, b"")
    if argv[0] == "init":
        assert main(["stats", "--db", str(new)]) == 0
    if argv[0] == "import":
        assert main(["search", "drill", "--db", str(db_file)]) == 0


@pytest.fixture(scope="module")
def long_db(tmp_path_factory):
    """Three hundred more articles that name LEMOA: outputs far longer than a pipe holds."""
    from tui.knowledge.review import relink
    from tui.storage.store import Store

    articles = [
        (f"n{n}", f"Note {n} on LEMOA", f"Note {n}: logistics under LEMOA. " * 12)
        for n in range(300)
    ]
    path = _ranked_db(tmp_path_factory.mktemp("long"), articles)
    relink(Store.open(path))
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "lemoa", "--limit", "1000"],
        ["export"],
        ["export", "--format", "csv"],
        ["export", "--format", "md"],
    ],
    ids=" ".join,
)
def test_a_reader_that_stops_after_one_line_ends_the_command_quietly(long_db, capsys, argv):
    """`quadrant … | head -1`: the reader closes the pipe while the command is writing."""
    import fcntl

    argv = [*argv, "--db", str(long_db)]
    assert main(argv) == 0
    whole = capsys.readouterr().out.encode()
    read, write = os.pipe()
    if hasattr(fcntl, "F_SETPIPE_SZ"):  # Linux: a small pipe, so a few pages fill it
        fcntl.fcntl(write, fcntl.F_SETPIPE_SZ, 4096)
    capacity = fcntl.fcntl(write, fcntl.F_GETPIPE_SZ) if hasattr(fcntl, "F_GETPIPE_SZ") else 65536
    process = subprocess.Popen(_quadrant(*argv), stdout=write, stderr=subprocess.PIPE)
    os.close(write)
    first = b""
    while not first.endswith(b"\n"):
        first += os.read(read, 1)
    os.close(read)  # as `head -1` does once it has its line
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")
    assert first == whole.splitlines(keepends=True)[0]
    assert len(whole) > capacity + len(first)  # the pipe was full: the command was cut short


@pytest.mark.parametrize(
    "umask, mode", [(0o022, 0o644), (0o077, 0o600)], ids=["umask 022", "umask 077"]
)
def test_files_the_command_creates_follow_the_umask(db_file, tmp_path, umask, mode):
    out, new = tmp_path / "brief.md", tmp_path / "new.json"
    for argv in (["export", "-o", str(out), "--db", str(db_file)], ["init", str(new)]):
        subprocess.run(
            ["sh", "-c", f'umask {umask:03o} && exec "$@"', "sh", *_quadrant(*argv)],
            check=True,
            capture_output=True,
            timeout=60,
        )
    assert {path.stat().st_mode & 0o777 for path in (out, new)} == {mode}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("command", [["search", "india"], ["export"], ["show", "india"], ["stats"]])
def test_output_that_cannot_be_written_is_one_line_not_a_traceback(db_file, command):
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "tui", *command, "--db", str(db_file)],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "quadrant: standard output: cannot write (No space left on device)"
    ]


def test_a_query_that_starts_with_a_dash_says_where_it_goes(db_file, capsys):
    assert main(["search", "-india", "--db", str(db_file)]) == 2
    assert "quadrant search -- -word" in capsys.readouterr().err
