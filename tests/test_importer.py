"""The import pipeline: duplicates, tags, mentions, candidates, dry runs and interruptions."""

from __future__ import annotations

import pytest

from tui.core.corpus import Corpus
from tui.core.models import Entity
from tui.knowledge.importer import Importer
from tui.storage.store import Store

DEFINED = """Space pact signed

India and the United States signed the Space Cooperation Framework (SCF) in Delhi. Officials
said the SCF builds on LEMOA. Ravi Kumar led the talks; Ravi Kumar later briefed India's press.
"""


def write(folder, name, text):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_links_known_names_and_proposes_candidates(store, tmp_path):
    write(tmp_path, "space.txt", DEFINED)
    report = Importer(store, tag="space").run([tmp_path])
    corpus = Corpus(store.load())
    article = corpus.articles[report.imported[0]]
    assert article.title == "Space pact signed" and "space" in article.tags
    named = {(article.text[m.start : m.end], m.target) for m in corpus.by_article[article.id]}
    assert ("LEMOA", "lemoa") in named and ("India", "india") in named
    framework = corpus.agreements["space-cooperation-framework"]
    assert framework.review == "candidate" and framework.acronym == "SCF"
    assert ("SCF", "space-cooperation-framework") in named
    assert corpus.entities["ravi-kumar"].status == "candidate"


def test_duplicates_by_text_or_url_are_skipped_and_counted(store, tmp_path):
    write(tmp_path, "one.txt", DEFINED)
    write(tmp_path, "two.txt", DEFINED)
    report = Importer(store).run([tmp_path])
    assert len(report.imported) == 1 and len(report.duplicates) == 1
    again = Importer(store).run([tmp_path / "one.txt"])
    assert again.imported == [] and len(again.duplicates) == 1


def test_bad_files_get_reasons_and_do_not_stop_the_others(store, tmp_path):
    write(tmp_path, "a.txt", DEFINED)
    (tmp_path / "b.bin").write_bytes(b"\x00\x01\x02binary")
    write(tmp_path, "c.json", "{broken")
    report = Importer(store).run([tmp_path, tmp_path / "missing.txt"])
    reasons = dict(report.failed)
    assert len(report.imported) == 1
    assert "binary" in reasons[str(tmp_path / "b.bin")]
    assert "not valid JSON" in reasons[str(tmp_path / "c.json")]
    assert str(tmp_path / "missing.txt") in reasons


def test_dry_run_writes_nothing(db_file, tmp_path):
    write(tmp_path, "a.txt", DEFINED)
    before = db_file.read_bytes()
    report = Importer(Store.open(db_file), dry_run=True).run([tmp_path])
    assert len(report.imported) == 1 and report.candidates
    assert db_file.read_bytes() == before


def test_interrupted_import_keeps_whole_batches_only(db_file, tmp_path):
    for number in range(5):
        write(tmp_path, f"{number}.txt", f"Title {number}\n\nBody number {number} about India.")
    store = Store.open(db_file)

    def stop_after_three(done, total, origin):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Importer(store, batch=2, progress=stop_after_three).run([tmp_path])
    corpus = Corpus(Store.open(db_file).load())
    new = [a for a in corpus.articles.values() if a.title.startswith("Title")]
    assert len(new) in (2, 3)  # the first batch, plus the rest flushed on the way out
    for article in new:
        assert corpus.by_article[article.id], "every stored article has its mentions"


def test_ids_stay_unique_when_titles_repeat(store, tmp_path):
    write(tmp_path, "a.txt", "Same title\n\nFirst text.")
    write(tmp_path, "b.txt", "Same title\n\nSecond text.")
    report = Importer(store).run([tmp_path])
    assert sorted(report.imported) == ["same-title", "same-title-2"]


TWO_CAPITALS = """UK TALKS: LET US GO

Officials of the United Kingdom (UK) met India's minister. The UK and the US agreed; "TELL US
MORE," a banner said.
"""


def test_import_links_two_capital_aliases_known_and_proposed(store, tmp_path):
    with store.transaction() as tx:
        tx.put(Entity("united-states", "United States", "country", aliases=("U.S.", "US")))
    write(tmp_path, "uk.txt", TWO_CAPITALS)
    report = Importer(store).run([tmp_path])
    corpus = Corpus(store.load())
    article = corpus.articles[report.imported[0]]
    named = [(article.text[m.start : m.end], m.target) for m in corpus.by_article[article.id]]
    assert [n for n in named if len(n[0]) == 2] == [
        ("UK", "united-kingdom"),
        ("UK", "united-kingdom"),
        ("US", "united-states"),
    ]


def linked(corpus, article_id):
    article = corpus.articles[article_id]
    return [(article.text[m.start : m.end], m.target) for m in corpus.by_article[article_id]]


def test_a_title_and_surname_join_the_full_name_from_another_article(store, tmp_path):
    write(tmp_path, "a.txt", "Arafat speaks\n\nYasser Arafat spoke in Ramallah on Monday.")
    write(tmp_path, "b.txt", "Siege goes on\n\nMr Arafat said no. Later Mr Arafat left.")
    report = Importer(store).run([tmp_path])
    corpus = Corpus(store.load())
    arafat = corpus.entities["yasser-arafat"]
    assert arafat.status == "candidate" and arafat.kind == "person"
    assert arafat.aliases == ("Mr Arafat",)
    assert "mr-arafat" not in corpus.entities and report.candidates == ["yasser-arafat"]
    assert linked(corpus, "siege-goes-on") == [("Mr Arafat", "yasser-arafat")] * 2


def test_a_title_and_surname_of_a_known_person_become_its_alias(db_file, tmp_path):
    store = Store.open(db_file)
    with store.transaction() as tx:
        tx.put(Entity("john-howard", "John Howard", "person"))
    write(tmp_path, "a.txt", "Howard speaks\n\nMr Howard said so. Mr Howard left Canberra.")
    before = db_file.read_bytes()
    dry = Importer(Store.open(db_file), dry_run=True).run([tmp_path])
    assert dry.aliases == [("john-howard", "Mr Howard")] and db_file.read_bytes() == before
    report = Importer(store).run([tmp_path])
    corpus = Corpus(store.load())
    assert report.candidates == [] and corpus.entities["john-howard"].aliases == ("Mr Howard",)
    assert corpus.entities["john-howard"].status == "confirmed"
    assert linked(corpus, "howard-speaks") == [("Mr Howard", "john-howard")] * 2


def test_candidates_carry_their_kind_and_its_evidence(store, tmp_path):
    write(
        tmp_path,
        "a.txt",
        "Raids\n\nTanks entered the Gaza Strip. In the Gaza Strip, Zorba Quilt and Ulla Brisk "
        "watched. Zorba Quilt and Ulla Brisk left.",
    )
    Importer(store).run([tmp_path])
    entities = Corpus(store.load()).entities
    assert entities["gaza-strip"].kind == "place" and not entities["gaza-strip"].kind_unsure
    assert "'strip'" in entities["gaza-strip"].kind_evidence
    assert {"zorba-quilt", "ulla-brisk"} <= set(entities) and entities["zorba-quilt"].kind_unsure


def test_a_later_batch_resolves_against_the_candidates_of_an_earlier_one(store, tmp_path):
    write(tmp_path, "a.txt", "One\n\nPervez Musharraf spoke. Pervez Musharraf left.")
    write(tmp_path, "b.txt", "Two\n\nGeneral Musharraf said no. General Musharraf left.")
    Importer(store, batch=1).run([tmp_path])
    entities = Corpus(store.load()).entities
    assert entities["pervez-musharraf"].aliases == ("General Musharraf",)
    assert "general-musharraf" not in entities
