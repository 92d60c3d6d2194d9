"""The review queue's core and `quadrant review list`: candidates, the most named first; rename,
kind and undo (`restore`) in review.py."""

from __future__ import annotations

import json

import pytest

from tests.queue_data import ORDER, queue_data, queue_db
from tui.cli.main import main
from tui.cli.queue import WIDTH, fit, lines_of
from tui.core.corpus import Corpus
from tui.knowledge import review
from tui.knowledge.queue import Candidate, candidates
from tui.storage.store import Store, StoreError


@pytest.fixture
def queue_store() -> Store:
    return Store.memory(queue_data())


def corpus_of(store: Store) -> Corpus:
    return Corpus(store.load())


def test_candidates_come_most_named_first(queue_store):
    found = candidates(corpus_of(queue_store))
    assert [c.id for c in found] == ORDER
    assert [c.articles for c in found] == [3, 2, 1, 1]
    assert [c.type for c in found] == ["entity", "entity", "agreement", "entity"]


def test_candidates_of_one_type_or_kind(queue_store):
    corpus = corpus_of(queue_store)
    assert [c.id for c in candidates(corpus, "agreement")] == ["harbour-pact"]
    assert "harbour-pact" not in [c.id for c in candidates(corpus, "person")]
    assert candidates(corpus, "place") == []


def test_accepted_and_rejected_leave_the_queue(queue_store):
    review.accept(queue_store, "entity", "tora-bora")
    review.reject(queue_store, "entity", "mr-howard")
    assert [c.id for c in candidates(corpus_of(queue_store))] == ORDER[2:]


def test_rename_keeps_the_old_name_as_an_alias_and_links_the_new(queue_store):
    review.rename(queue_store, "entity", "mr-howard", "  John  Winston Howard ")
    corpus = corpus_of(queue_store)
    entity = corpus.entities["mr-howard"]
    assert entity.name == "John Winston Howard" and entity.aliases == ("Mr Howard",)
    assert corpus.article_count("entity", "mr-howard") == 2
    with pytest.raises(StoreError, match="empty"):
        review.rename(queue_store, "entity", "mr-howard", "  ")


def test_set_kind_checks_the_kind(queue_store):
    review.set_kind(queue_store, "entity", "tora-bora", "place")
    assert corpus_of(queue_store).entities["tora-bora"].kind == "place"
    with pytest.raises(StoreError, match="not one of"):
        review.set_kind(queue_store, "entity", "tora-bora", "mountain")
    with pytest.raises(StoreError, match="only an entity"):
        review.set_kind(queue_store, "agreement", "harbour-pact", "place")


def test_restore_undoes_a_reject_and_a_merge(queue_store):
    corpus = corpus_of(queue_store)
    before = corpus.entities["mr-howard"], corpus.entities["john-howard"]
    review.reject(queue_store, "entity", "tora-bora")
    review.restore(queue_store, (corpus.entities["tora-bora"],), ("Tora Bora",), relink=True)
    review.merge(queue_store, "entity", "mr-howard", "john-howard")
    assert "Mr Howard" in corpus_of(queue_store).entities["john-howard"].aliases
    review.restore(queue_store, before, relink=True)
    after = corpus_of(queue_store)
    assert after.entities["john-howard"].aliases == ()
    assert [c.id for c in candidates(after)] == ORDER
    assert after.article_count("entity", "tora-bora") == 3
    assert "Tora Bora" not in queue_store.read()["meta"]["1"].get("rejected", [])


def test_merged_and_renamed_are_what_is_stored(queue_store):
    corpus = corpus_of(queue_store)
    source, target = corpus.entities["mr-howard"], corpus.entities["john-howard"]
    review.merge(queue_store, "entity", "mr-howard", "john-howard")
    assert corpus_of(queue_store).entities["john-howard"] == review.merged(source, target)
    review.rename(queue_store, "entity", "tora-bora", "Tora Bora caves")
    stored = corpus_of(queue_store).entities["tora-bora"]
    assert stored == review.renamed(corpus.entities["tora-bora"], "Tora Bora caves")


# -- quadrant review list ----------------------------------------------------------------------


def test_review_list_json_in_order(tmp_path, capsys):
    assert main(["review", "list", "--db", str(queue_db(tmp_path)), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in rows] == ORDER
    assert rows[0] == {
        "type": "entity",
        "id": "tora-bora",
        "name": "Tora Bora",
        "kind": "person",
        "aliases": [],
        "articles": 3,
        "mentions": 4,
        "evidence": "",
    }


def test_review_list_kind_and_limit(tmp_path, capsys):
    db = str(queue_db(tmp_path))
    assert main(["review", "list", "--db", db, "--json", "--kind", "agreement"]) == 0
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == ["harbour-pact"]
    assert main(["review", "list", "--db", db, "--json", "--limit", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    assert main(["review", "list", "--db", db, "--kind", "event"]) == 1


def test_review_list_plain_fits_80_columns_in_order(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("tui.cli.queue.as_json", lambda args: False)
    assert main(["review", "list", "--db", str(queue_db(tmp_path))]) == 0
    out = capsys.readouterr().out.splitlines()
    heads = [line for line in out if not line.startswith(" " * 6)]
    assert [h.split("  ")[-1].strip() for h in heads] == [
        "Tora Bora",
        "Mr Howard",
        "Harbour Pact",
        "Northern Alliance",
    ]
    assert heads[0].split()[:2] == ["3", "person"]
    assert "entity:tora-bora" in out[1]


def test_review_list_reads_a_file_it_may_not_write(tmp_path, capsys):
    db = queue_db(tmp_path)
    db.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert main(["review", "list", "--db", str(db), "--json"]) == 0
    finally:
        tmp_path.chmod(0o755)
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_other_review_actions_still_need_an_id(tmp_path, capsys):
    assert main(["review", "accept", "--db", str(queue_db(tmp_path))]) == 2
    assert "needs the id" in capsys.readouterr().err


def test_plain_lines_are_cleaned_and_cut_to_80_columns():
    from tui.core.models import Entity

    name = "Evil\x1b]0;title\x07 " + "Very Long Name " * 10
    entity = Entity("x", name, "organization", aliases=("Alias\x9b", "世界" * 40))
    rows = lines_of(Candidate("entity", entity, 12, 30))
    assert all(len(r) <= WIDTH and "\x1b" not in r and "\x9b" not in r for r in rows)
    assert rows[0].endswith("…") and rows[1].endswith("…")
    assert fit("世界世界", 5) == "世界…"
