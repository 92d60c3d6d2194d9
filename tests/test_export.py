"""Exports: the same hits as search, in JSON lines, CSV and Markdown, cleaned of controls."""

from __future__ import annotations

import csv
import io
import json

from tests.conftest import small_data
from tests.test_hostile import hostile_store
from tui.cli.main import main
from tui.core.corpus import Corpus
from tui.core.models import Entity
from tui.export.formats import export
from tui.search.index import Index
from tui.storage.store import Store

KINDS = ("agreement", "entity", "article")


def render(store, query, fmt):
    corpus = Corpus(store.load())
    return export(Index.of(corpus).search(query), corpus, fmt, KINDS)


def test_json_lines_hold_whole_records_ranked():
    lines = render(Store.memory(small_data()), "lemoa", "json").splitlines()
    first = json.loads(lines[0])
    assert first["type"] == "agreement" and first["id"] == "lemoa" and first["mentions"] == 2


def test_csv_has_a_header_and_one_row_per_hit():
    rows = list(csv.reader(io.StringIO(render(Store.memory(small_data()), "", "csv"))))
    assert rows[0] == ["kind", "id", "name", "date", "detail", "mentions"]
    assert len(rows) == 1 + 2 + 4 + 3


def test_csv_cells_never_run_as_spreadsheet_formulas():
    data = small_data()
    data["entities"]["9"] = Entity("evil", '=HYPERLINK("x")', "person").to_dict()
    text = render(Store.memory(data), "hyperlink", "csv")
    assert "'=HYPERLINK" in text


def test_markdown_briefing_groups_by_kind():
    text = render(Store.memory(small_data()), "quad", "md")
    assert text.startswith("# Briefing: quad")
    assert "## Articles (2)" in text and "## People, organisations and places" in text


def test_hostile_text_leaves_every_export_without_control_characters():
    for fmt in ("json", "csv", "md"):
        text = render(hostile_store(), "", fmt)
        assert not any(ord(c) < 32 and c not in "\n\r" for c in text), fmt
        assert "\x9b" not in text and "\u202e" not in text


def test_export_command_writes_a_file(db_file, tmp_path):
    out = tmp_path / "brief.md"
    assert main(["export", "quad", "--format", "md", "-o", str(out), "--db", str(db_file)]) == 0
    assert out.read_text().startswith("# Briefing: quad")
    assert main(["export", "zzzz", "--db", str(db_file)]) == 1
