"""The bundled db.json: the founding article as written, every reference fact, exact mentions."""

import json
import re

import pytest

from tests.conftest import BUNDLED, SHARED, bundled_data
from tui.core.corpus import Corpus, sentence_bounds
from tui.storage.store import Store

SEED = SHARED / "seeds" / "000_de34fc66b35126ee.txt"
FACTS = SHARED / "reference" / "facts.json"


@pytest.fixture(scope="module")
def corpus():
    return Corpus(Store.open(BUNDLED, read_only=True).load())


def test_every_mention_slices_the_text_to_one_of_its_targets_names(corpus):
    raw = bundled_data()["mentions"].values()
    assert len(raw) >= 40
    for mention in raw:
        text = corpus.articles[mention["article"]].text
        target = corpus.get(mention["target_kind"], mention["target"])
        assert target is not None, mention
        span = text[mention["start"] : mention["end"]]
        assert span.lower() in {n.lower() for n in target.names}, (span, target.id)


@pytest.mark.skipif(not SEED.exists(), reason="the shared folder is not beside the project")
def test_the_founding_article_keeps_its_title_and_text():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    article = next(iter(bundled_data()["articles"].values()))
    assert article["title"] == lines[0].strip()
    assert article["text"] == "\n".join(lines[1:]).lstrip("\n")


def test_the_founding_article_names_what_the_brief_lists(corpus):
    targets = {m.target for m in next(iter(corpus.by_article.values()))}
    expected = {
        "s-jaishankar",
        "pete-hegseth",
        "us-dod",
        "india",
        "united-states",
        "quad",
        "qfmm",
        "australia",
        "japan",
        "lemoa",
        "beca",
        "comcasa",
        "make-in-india",
        "atmanirbhar-bharat",
        "indo-pacific",
    }
    assert expected <= targets


@pytest.mark.skipif(not FACTS.exists(), reason="the shared folder is not beside the project")
def test_every_reference_fact_is_in_the_database(corpus):
    facts = json.loads(FACTS.read_text(encoding="utf-8"))
    assert {a["id"] for a in facts["agreements"]} <= set(corpus.agreements)
    assert {e["id"] for e in facts["entities"]} <= set(corpus.entities)


def test_links_point_at_records_that_exist(corpus):
    for agreement in corpus.agreements.values():
        assert set(agreement.parties) <= set(corpus.entities), agreement.id
        assert set(agreement.related) <= set(corpus.agreements), agreement.id
    assert {p.id for p in corpus.parties(corpus.agreements["quad-ipmda"])} == {
        "australia",
        "india",
        "japan",
        "united-states",
    }


def _signatures(corpus):
    return [(a, s) for a in corpus.agreements.values() for s in a.signatories]


def test_every_signatory_is_a_person_who_signed_for_a_party(corpus):
    signatures = _signatures(corpus)
    assert len(signatures) == 21
    for agreement, signatory in signatures:
        where = f"{agreement.id}: {signatory.name}"
        person = corpus.entities.get(signatory.entity or "")
        assert person is not None and person.kind == "person", where
        assert signatory.name in person.names, where
        assert signatory.side in agreement.parties, where
    for agreement in corpus.agreements.values():
        sides = [s.side for s in agreement.signatories]
        assert len(set(sides)) == len(sides), agreement.id  # one signer for each party


# How a signer's roles and description say which country they serve.
SIDE_WORDS = {
    "india": re.compile(r"\bIndia(?:n|'s)?\b"),
    "united-states": re.compile(r"\bU\.S\.|\bUS\b|\bUnited States\b|\bAmerican\b"),
}


def test_each_signer_signed_for_the_country_their_roles_and_description_name(corpus):
    """scripts/build_db.py takes the facts' signers to be in the order of the parties (one
    each): a swapped pair would put each signer on the other's side. What a signer's roles and
    the first sentence of their description say must name their side, and not the other."""
    for agreement, signatory in _signatures(corpus):
        assert signatory.side in SIDE_WORDS, f"{agreement.id}: no words for {signatory.side}"
        person = corpus.entities[signatory.entity]
        first = person.description[: sentence_bounds(person.description, 0, 1)[1]]
        said = " ".join([first, *(f"{r.title}, {r.organization}" for r in person.roles)])
        named = {side for side, words in SIDE_WORDS.items() if words.search(said)}
        assert named == {signatory.side}, f"{agreement.id}: {person.id} {named}"
