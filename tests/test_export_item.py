"""One item out of Quadrant (export/item.py), and where an export from the app may go
(export/target.py)."""

from __future__ import annotations

import csv
import io

import orjson
import pytest

from tests.conftest import bundled_data, small_data
from tui.core.corpus import Corpus
from tui.export import target
from tui.export.item import Mine, export_item, links_of, quotes_of
from tui.storage.store import Store


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(Store.memory(small_data()).load())


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return Corpus(Store.memory(bundled_data()).load())


def test_an_agreement_in_markdown_has_its_facts_links_and_sentences(corpus):
    text = export_item(corpus.agreements["lemoa"], corpus, "md")
    assert text.startswith("# LEMOA · Logistics Exchange Memorandum of Agreement\n")
    assert "- **signed**: 2016-08-29" in text
    assert "## Parties (1)" in text and "- **India** (entity `india`)" in text
    assert "## Related agreements (1)" in text and "BECA" in text
    assert "## Mentioned in (2)" in text
    assert "### Hegseth meets India (2025-07-01)" in text
    assert "> Pete Hegseth met India's minister." in text or "LEMOA was discussed." in text


def test_an_entity_in_csv_is_one_row_for_it_then_one_per_link_and_sentence(bundled):
    rows = list(
        csv.reader(io.StringIO(export_item(bundled.entities["s-jaishankar"], bundled, "csv")))
    )
    assert rows[0] == ["relation", "kind", "id", "name", "detail"]
    assert rows[1][:4] == ["item", "entity", "s-jaishankar", "S. Jaishankar"]
    relations = {row[0] for row in rows[2:]}
    assert {"role", "connected to", "mentioned in"} <= relations
    sentence = next(row for row in rows if row[0] == "mentioned in")
    assert "Jaishankar" in sentence[4]


def test_an_article_in_json_lines_names_each_mention_with_its_sentence(corpus):
    lines = [
        orjson.loads(line)
        for line in export_item(corpus.articles["a1"], corpus, "json").splitlines()
    ]
    assert lines[0]["type"] == "article" and lines[0]["id"] == "a1"
    names = [line for line in lines if line["type"] == "link"]
    assert {(n["kind"], n["id"]) for n in names} >= {
        ("entity", "pete-hegseth"),
        ("agreement", "lemoa"),
    }
    mention = next(line for line in lines if line["type"] == "mention" and line["id"] == "lemoa")
    assert mention["sentence"] == "LEMOA was discussed."


def test_the_readers_own_note_and_tags_go_with_the_item_marked_as_theirs(corpus):
    mine = Mine("check the [annex]", ("to-read",))
    text = export_item(corpus.entities["india"], corpus, "md", mine)
    assert "## Yours" in text and "your tags**: to-read" in text and "check the \\[annex\\]" in text
    first = orjson.loads(
        export_item(corpus.entities["india"], corpus, "json", mine).splitlines()[0]
    )
    assert first["your_note"] == "check the [annex]" and first["your_tags"] == ["to-read"]


def test_what_the_data_says_cannot_make_markdown_formulas_or_control_sequences():
    data = small_data()
    for record in data["entities"].values():
        if record["id"] == "india":
            record["description"] = '=HYPERLINK("x") # [link](javascript:1) \x1b]52;c;AAAA\x07'
    corpus = Corpus(Store.memory(data).load())
    for fmt in ("md", "csv", "json"):
        text = export_item(corpus.entities["india"], corpus, fmt)
        assert "\x1b" not in text and "\x07" not in text
    assert "\\[link\\]" in export_item(corpus.entities["india"], corpus, "md")
    rows = list(csv.reader(io.StringIO(export_item(corpus.entities["india"], corpus, "csv"))))
    assert not any(cell.startswith("=") for row in rows for cell in row)


def test_links_and_quotes_follow_the_page(corpus):
    links = links_of(corpus.agreements["beca"], corpus)
    assert [(link.relation, link.id) for link in links] == [
        ("party", "india"),
        ("related", "lemoa"),
    ]
    assert [q.article.id for q in quotes_of(corpus.agreements["beca"], corpus)] == ["a2"]


def test_a_file_name_is_made_of_the_subject_safely():
    assert target.file_name("quadrant party:india year:2016..2020") == (
        "quadrant-party-india-year-2016-2020.md"
    )
    assert target.file_name("lemoa", "csv") == "lemoa.csv"
    assert target.file_name("../../etc/passwd", "json") == "etc-passwd.jsonl"
    assert target.file_name("“”", "md") == "quadrant.md"


def test_the_ending_picks_the_format(tmp_path):
    assert target.format_of(tmp_path / "a.MD") == "md"
    assert target.format_of(tmp_path / "a.jsonl") == "json"
    assert target.format_of(tmp_path / "a.csv") == "csv"
    assert target.format_of(tmp_path / "a.txt") is None


def test_a_path_that_cannot_be_written_is_refused_with_the_reason(tmp_path):
    database = tmp_path / "db.json"
    database.write_text("{}")
    assert "folder" in target.problem(tmp_path, database)
    assert "no such folder" in target.problem(tmp_path / "nope" / "a.md", database)
    assert "neither" in target.problem(tmp_path / "a.txt", database)
    (tmp_path / "db.md").symlink_to(database)
    assert "database" in target.problem(tmp_path / "db.md", database)
    assert target.problem(tmp_path / "a.md", database) is None


def test_a_typed_path_is_taken_from_the_current_folder_or_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert target.resolve("a.md", tmp_path / "here") == tmp_path / "here" / "a.md"
    assert target.resolve("~/a.md") == tmp_path / "a.md"
    assert target.resolve(" /x/a.md ") == target.Path("/x/a.md")
