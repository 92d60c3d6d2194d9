"""Reviewing candidates: accept, reject (remembered), merge (names and mentions move), aliases."""

from __future__ import annotations

import pytest

from tui.core.corpus import Corpus
from tui.knowledge import review
from tui.knowledge.importer import Importer
from tui.storage.store import StoreError

TEXT = """Harbour talks

The Maritime Cooperation Pact (MCP) was discussed by India. The MCP covers ports.
Admiral Sunil Rao spoke. Admiral Sunil Rao also met Hegseth.
"""


@pytest.fixture
def imported(store, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    Importer(store).run([tmp_path])
    return store


def targets(store, target):
    corpus = Corpus(store.load())
    return [m for ms in corpus.by_article.values() for m in ms if m.target == target]


def test_accept_confirms_a_candidate(imported):
    review.accept(imported, "agreement", "maritime-cooperation-pact")
    agreement = Corpus(imported.load()).agreements["maritime-cooperation-pact"]
    assert agreement.review == "confirmed"


def test_reject_removes_it_and_it_is_not_proposed_again(imported, tmp_path):
    review.reject(imported, "entity", "sunil-rao")
    corpus = Corpus(imported.load())
    assert "sunil-rao" not in corpus.entities
    assert not targets(imported, "sunil-rao")
    (tmp_path / "b.txt").write_text(TEXT.replace("India", "Japan"), encoding="utf-8")
    Importer(imported).run([tmp_path / "b.txt"])
    assert "sunil-rao" not in Corpus(imported.load()).entities


def test_merge_moves_names_and_mentions(imported):
    before = len(targets(imported, "maritime-cooperation-pact"))
    review.merge(imported, "agreement", "maritime-cooperation-pact", "lemoa")
    corpus = Corpus(imported.load())
    assert "maritime-cooperation-pact" not in corpus.agreements
    assert {"Maritime Cooperation Pact", "MCP"} <= set(corpus.agreements["lemoa"].aliases)
    assert len(targets(imported, "lemoa")) >= before + 1


def test_add_alias_links_the_new_name_everywhere(imported):
    assert not [
        m
        for m in targets(imported, "india")
        if Corpus(imported.load()).articles[m.article].text[m.start : m.end] == "ports"
    ]
    review.add_alias(imported, "entity", "quad", "Harbour Group")
    review.add_alias(imported, "entity", "india", "ports of call")
    corpus = Corpus(imported.load())
    assert "Harbour Group" in corpus.entities["quad"].aliases


def test_relink_finds_mentions_of_new_aliases(store):
    review.add_alias(store, "entity", "quad", "Quad at sea")
    assert review.relink(store) > 0


def test_merge_into_itself_or_unknown_ids_are_refused(imported):
    with pytest.raises(StoreError, match="itself"):
        review.merge(imported, "agreement", "lemoa", "lemoa")
    with pytest.raises(StoreError, match="no entity has the id 'nope'"):
        review.accept(imported, "entity", "nope")


@pytest.mark.parametrize("value", ["2025-07-01", "2025-07", "2025", " 2025-07-01 "])
def test_set_published_takes_a_whole_or_partial_iso_date(store, value):
    assert review.set_published(store, "a3", value) == value.strip()
    assert Corpus(store.load()).articles["a3"].published == value.strip()


def test_none_clears_a_published_date(store):
    assert review.set_published(store, "a1", "None") is None
    assert Corpus(store.load()).articles["a1"].published is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("2025-13-01", "published: '2025-13-01' is not a date"),
        ("2025-02-30", "is not a date"),
        ("2025-7-1", "is not a date"),
        ("1 July 2025", "is not a date"),
        ("", "is not a date"),
        ("2025-11-22", "published: 2025-11-22 is in the future"),
        ("2026", "is in the future"),
    ],
)
def test_a_bad_date_names_the_field_and_the_problem(value, problem):
    from datetime import date

    with pytest.raises(StoreError, match=problem):
        review.published_date(value, today=date(2025, 11, 20))


def test_a_bad_date_writes_nothing(store):
    with pytest.raises(StoreError, match="published: '2025-13-01' is not a date"):
        review.set_published(store, "a3", "2025-13-01")
    assert Corpus(store.load()).articles["a3"].published is None


def test_tomorrow_is_not_the_future_yet():
    from datetime import date

    assert review.published_date("2025-11-21", today=date(2025, 11, 20)) == "2025-11-21"
    assert review.published_date("2025-11", today=date(2025, 11, 20)) == "2025-11"


def test_dating_an_unknown_article_is_an_error(store):
    with pytest.raises(StoreError, match="no article has the id 'lemoa'"):
        review.set_published(store, "lemoa", "2025")
