"""Hostile articles through the whole way: import, store, search, CLI output, panes, reader."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, small_data, write_db
from tests.hostile_corpus import LONG_TITLE, has_controls, write_corpus
from tests.pilot import burst, running
from tui.core.corpus import Corpus
from tui.knowledge.importer import Importer
from tui.storage.store import Store
from tui.ui.screens.reader import ReaderScreen


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    db = write_db(folder / "db.json", small_data())
    write_corpus(folder / "in")
    report = Importer(Store.open(db)).run([folder / "in"])
    return db, report


def test_every_hostile_file_is_imported_or_refused_with_a_reason(hostile_db):
    _db, report = hostile_db
    assert len(report.imported) == 6
    assert [(o.rsplit("/", 1)[-1], r) for o, r in report.failed] == [
        ("nul.txt", "binary data, not text")
    ]


def test_stored_text_holds_no_control_characters_and_stays_readable(hostile_db):
    db, _report = hostile_db
    corpus = Corpus(Store.open(db, read_only=True).load())
    for article in corpus.articles.values():
        assert not has_controls(article.title) and not has_controls(article.text)
    titles = [a.title for a in corpus.articles.values()]
    assert any(t.startswith("Markup [bold]b[/] [/] [@click=app.quit]") for t in titles)
    assert any("gnirts desrever zero\u200bwidth" in t and "\u4e2d\u6587" in t for t in titles)
    long_title = max(corpus.articles.values(), key=lambda a: len(a.title))
    assert len(long_title.title) == LONG_TITLE
    huge = max(corpus.articles.values(), key=lambda a: len(a.text))
    assert len(huge.text) > 10_000_000 and corpus.by_article[huge.id]


def test_cli_output_of_hostile_records_has_no_control_bytes(hostile_db):
    db, _report = hostile_db
    for argv in (
        ["search", "markup"],
        ["search", "escapes", "--json"],
        ["export", "markup", "--format", "md"],
        ["export", "", "--format", "csv"],
    ):
        run = subprocess.run(
            [sys.executable, "-m", "tui", *argv, "--db", str(db)],
            capture_output=True,
            cwd=ROOT,
            timeout=120,
        )
        assert run.returncode == 0, run.stderr
        out = run.stdout.decode()
        assert not any(ord(c) < 32 and c not in "\n\r" for c in out), argv
        assert "\x9b" not in out and "\u202e" not in out
    record = json.loads(
        subprocess.run(
            [sys.executable, "-m", "tui", "search", "markup", "--json", "--db", str(db)],
            capture_output=True,
            cwd=ROOT,
            timeout=120,
        ).stdout.splitlines()[0]
    )
    assert "[bold]" in json.dumps(record)


@pytest.mark.slow
async def test_the_app_shows_every_hostile_article(hostile_db):
    db, _report = hostile_db
    async with running(Store.open(db, read_only=True)) as pilot:
        pane = pilot.app.screen.query_one("#articles")
        for row in range(pane.option_count):
            await pilot.press("1")
            pane.highlighted = row
            await pilot.press("enter")
            screen = pilot.app.screen
            assert isinstance(screen, ReaderScreen)
            await pilot.press("n", "G", "g", "escape")
        await burst(pilot, "/lorem")
        assert pilot.app.is_running
