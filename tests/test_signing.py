"""Signatories an import proposes from what articles say, and their review."""

from __future__ import annotations

import pytest

from tests.conftest import bundled_data
from tui.core.corpus import Corpus
from tui.core.models import Article
from tui.knowledge import review
from tui.knowledge.extract import Extractor
from tui.knowledge.importer import Importer
from tui.knowledge.relations import relations
from tui.knowledge.signing import proposals
from tui.storage.store import Store, StoreError

SIGNED = (
    "Defence ministers sign new pact\n\n"
    "Rajnath Singh and Pete Hegseth signed an annex to the Logistics Exchange Memorandum of "
    "Agreement on Tuesday. S. Jaishankar attended the talks on BECA."
)


def bundled() -> Store:
    return Store.memory(bundled_data())


def proposed_for(text: str) -> dict:
    snapshot = bundled().load()
    extractor = Extractor.for_targets(snapshot.entities, snapshot.agreements)
    article = Article("a", "A", text)
    return proposals(
        [article],
        extractor.find("a", text),
        {e.id: e for e in snapshot.entities},
        {a.id: a for a in snapshot.agreements},
    )


def test_a_sentence_about_signing_one_agreement_proposes_the_people_it_names():
    found = proposed_for(SIGNED)
    assert list(found) == ["lemoa"]
    assert [(s.entity, s.side, s.status) for s in found["lemoa"]] == [
        ("rajnath-singh", "india", "candidate"),  # his role is at India, a party
        ("pete-hegseth", None, "candidate"),  # his is at the Pentagon, not a party: not guessed
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Rajnath Singh discussed the Logistics Exchange Memorandum of Agreement.",  # no signing
        "Rajnath Singh signed off on LEMOA and BECA reviews.",  # two agreements: which one?
        "The Logistics Exchange Memorandum of Agreement was signed. Rajnath Singh spoke.",
        "Manohar Parrikar signed the Logistics Exchange Memorandum of Agreement.",  # recorded
        "India signed the Logistics Exchange Memorandum of Agreement.",  # not a person
    ],
)
def test_nothing_is_proposed_without_a_person_one_agreement_and_signing_in_one_sentence(text):
    assert proposed_for(text) == {}


def test_an_import_stores_proposals_as_candidates_that_are_not_evidence(tmp_path):
    store = bundled()
    source = tmp_path / "signed.txt"
    source.write_text(SIGNED)
    report = Importer(store).run([source])
    assert report.signers == [("lemoa", "rajnath-singh"), ("lemoa", "pete-hegseth")]
    assert report.summary().endswith("proposed signers 2")
    rel = relations(Corpus(store.load()))
    signers = rel.signers("lemoa")
    assert [(s.name, s.proposed) for s in signers][-2:] == [
        ("Rajnath Singh", True),
        ("Pete Hegseth", True),
    ]
    assert "lemoa" not in rel.bound_by("rajnath-singh")  # a proposal is not evidence
    again = Importer(store).run([source])  # the same article again: a duplicate
    assert again.signers == []


def test_confirm_and_drop_a_proposed_signer(tmp_path):
    store = bundled()
    source = tmp_path / "signed.txt"
    source.write_text(SIGNED)
    Importer(store).run([source])
    assert review.confirm_signer(store, "lemoa", "pete-hegseth", side="united-states") == (
        "confirmed"
    )
    review.drop_signer(store, "lemoa", "rajnath-singh")
    lemoa = next(a for a in store.load().agreements if a.id == "lemoa")
    assert [(s.entity, s.side, s.status) for s in lemoa.signatories][-1] == (
        "pete-hegseth",
        "united-states",
        "confirmed",
    )
    assert "rajnath-singh" not in {s.entity for s in lemoa.signatories}
    assert "lemoa" in relations(Corpus(store.load())).bound_by("pete-hegseth")


def test_a_signer_can_be_added_by_hand_and_bad_requests_are_named():
    store = bundled()
    assert review.confirm_signer(store, "comcasa", "james-mattis") == "added"
    comcasa = next(a for a in store.load().agreements if a.id == "comcasa")
    assert [(s.entity, s.side) for s in comcasa.signatories] == [("james-mattis", None)]
    with pytest.raises(StoreError, match="'japan' is not a party to 'comcasa'"):
        review.confirm_signer(store, "comcasa", "nirmala-sitharaman", side="japan")
    with pytest.raises(StoreError, match="no entity has the id 'nobody'"):
        review.confirm_signer(store, "comcasa", "nobody")
    with pytest.raises(StoreError, match="'rajnath-singh' is not recorded as a signatory"):
        review.drop_signer(store, "comcasa", "rajnath-singh")


def test_the_command_line_records_and_drops_signers(tmp_path, capsys):
    from tests.conftest import write_db
    from tui.cli.main import main

    path = write_db(tmp_path / "db.json", bundled_data())
    db = ["--db", str(path)]
    assert (
        main(["review", "signer", "comcasa", "james-mattis", "--side", "united-states", *db]) == 0
    )
    assert capsys.readouterr().out == "signer added: james-mattis on agreement comcasa\n"
    comcasa = next(a for a in Store.open(path).load().agreements if a.id == "comcasa")
    assert [(s.entity, s.side, s.status) for s in comcasa.signatories] == [
        ("james-mattis", "united-states", "confirmed")
    ]
    assert main(["review", "drop-signer", "comcasa", "james-mattis", *db]) == 0
    assert main(["review", "signer", "comcasa", "nobody", *db]) == 2
    assert "no entity has the id 'nobody'" in capsys.readouterr().err
    assert main(["review", "signer", "beca", "pete-hegseth", "--side", "japan", *db]) == 2
    assert "'japan' is not a party to 'beca'" in capsys.readouterr().err
    assert main(["review", "signer", "pete-hegseth", "beca", *db]) == 2  # the wrong way round
    assert "no agreement has the id 'pete-hegseth'" in capsys.readouterr().err
    assert main(["review", "signer", "beca", *db]) == 2
    assert "needs a value after the id: the entity who signed" in capsys.readouterr().err
    assert Store.open(path).load() is not None  # the file is whole after every refusal
