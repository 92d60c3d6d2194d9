"""Candidate rules (#18): whole names, one record per thing, the kind from evidence."""

from __future__ import annotations

import pytest

from tui.core.models import Entity
from tui.knowledge.candidates import kind_of, propose, propose_batch
from tui.knowledge.names import gazetteer
from tui.knowledge.names.kinds import guess
from tui.knowledge.names.split import parts


def names(*texts, known=None):
    found = propose_batch(list(texts), known or {}, set())
    return {p.name: p for p in found.proposals}, found.known_aliases


def no_names(_name: str) -> bool:
    return False


@pytest.mark.parametrize(
    "name",
    [
        "Ernst and Young",
        "Department of Foreign Affairs and Trade",
        "Trinidad and Tobago",
        "Bosnia and Herzegovina",
        "Australian Competition and Consumer Commission",
        "Securities and Exchange Commission",
    ],
)
def test_names_with_and_stay_whole(name):
    assert parts(name, no_names) == [name]


def test_two_countries_or_two_people_joined_by_and_are_split():
    assert parts("India and Pakistan", no_names) == ["India", "Pakistan"]
    assert parts("Bob Hawke and Neville Wran", no_names) == ["Bob Hawke", "Neville Wran"]
    seen = {"Hamas", "Islamic Jihad"}
    assert parts("Hamas and Islamic Jihad", seen.__contains__) == ["Hamas", "Islamic Jihad"]


def test_and_split_in_an_article_when_each_side_is_written_alone():
    text = (
        "Hamas and Islamic Jihad claimed it. A spokesman for Islamic Jihad spoke, and Hamas said "
        "more would come. Hamas and Islamic Jihad are banned."
    )
    found, _ = names(text)
    assert "Islamic Jihad" in found and "Hamas and Islamic Jihad" not in found


def test_possessive_endings_are_cut():
    text = (
        "The Australian Security Intelligence Organisation's report was late. The Australian "
        "Security Intelligence Organisation\u2019s chief spoke."
    )
    found, _ = names(text)
    assert list(found) == ["Australian Security Intelligence Organisation"]


@pytest.mark.parametrize(
    "word", ["New Zealander", "South African", "Pakistani", "South Africans", "Indonesian"]
)
def test_demonyms_are_not_entities(word):
    assert gazetteer.is_demonym(word)
    found, _ = names(f"A {word} won. The {word} said so. Another {word} lost.")
    assert word not in found


def test_places_and_countries_are_not_demonyms():
    assert not gazetteer.is_demonym("New Zealand") and not gazetteer.is_demonym("Reserve Bank")


def test_title_and_surname_join_the_full_name_in_the_article():
    text = (
        "President Pervez Musharraf spoke. General Musharraf said more. President Musharraf "
        "left. Prime Minister John Howard agreed; Mr Howard said so."
    )
    found, _ = names(text)
    assert set(found) == {"Pervez Musharraf", "John Howard"}
    assert set(found["Pervez Musharraf"].aliases) == {"General Musharraf", "President Musharraf"}
    assert found["John Howard"].aliases == ("Mr Howard",)
    assert found["John Howard"].kind == "person" and not found["John Howard"].unsure


def test_title_and_surname_join_a_full_name_from_another_article_of_the_batch():
    found, _ = names("Yasser Arafat spoke in Ramallah.", "Mr Arafat said no. Mr Arafat left.")
    assert list(found) == ["Yasser Arafat"] and found["Yasser Arafat"].aliases == ("Mr Arafat",)


def test_title_and_surname_of_a_known_person_become_its_alias():
    known = {"john howard": ("john-howard", "person")}
    found, aliases = names("Mr Howard said so. Mr Howard left.", known=known)
    assert not found and aliases == {"john-howard": ["Mr Howard"]}


def test_a_title_form_with_no_full_name_stays_as_written_and_says_so():
    found, _ = names("Mr Karzai spoke. Later Mr Karzai left.")
    assert found["Mr Karzai"].kind == "person" and "name" in found["Mr Karzai"].unsure


def test_people_joined_by_and_after_titles_of_one_and_two_words():
    text = (
        "JAKARTA, 12 March 2024 - Prime Minister Anthony Albanese and President Joko Widodo met "
        "in Jakarta on Tuesday. Mr Albanese said the talks went well. Mr Widodo agreed."
    )
    found, _ = names(text)
    assert found["Anthony Albanese"].aliases == ("Mr Albanese",)
    assert found["Joko Widodo"].aliases == ("Mr Widodo",)
    assert found["Anthony Albanese"].kind == "person"


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Secretary of State Antony Blinken", "Defence Secretary Lloyd Austin"),
        ("Foreign Minister Penny Wong", "Chief Minister Eva Lawler"),
        ("Richard Marles", "Mr Austin"),
        ("Anthony Albanese", "Indonesian President Joko Widodo"),
    ],
)
def test_and_between_a_titled_or_full_name_and_a_titled_one_is_two_people(left, right):
    text = f"{left} and {right} met. {left} spoke first. {right} spoke last."
    found, _ = names(text)
    for side in (left, right):
        assert side.split()[-1] in {n.split()[-1] for n in found}, (side, list(found))
    assert not any(" and " in n for n in found)


def test_a_portfolio_joined_by_and_stays_in_the_title():
    text = (
        "Foreign Affairs and Trade Minister Alexander Downer spoke. Mr Downer left. Foreign "
        "Affairs and Trade Minister Alexander Downer returned."
    )
    found, _ = names(text)
    assert list(found) == ["Alexander Downer"]


def test_a_full_name_written_alone_before_and_a_titled_name_is_a_name():
    text = (
        "Foreign Minister Penny Wong spoke. Penny Wong and Defence Minister Richard Marles met. "
        "Mr Marles agreed."
    )
    found, _ = names(text)
    assert set(found) == {"Penny Wong", "Richard Marles"}


@pytest.mark.parametrize("surname", ["Albanese", "Francis"])
def test_a_surname_that_looks_like_a_demonym_is_a_name_after_a_title(surname):
    assert gazetteer.is_demonym(surname)
    found, _ = names(f"Anthony {surname} spoke. Mr {surname} said so. Mr {surname} left.")
    assert found[f"Anthony {surname}"].aliases == (f"Mr {surname}",)
    found, _ = names("Chief Palestinian negotiator Saeb Erekat spoke. Chief Palestinian aides.")
    assert not any("Palestinian" in n for n in found)


def test_a_title_or_a_place_at_a_sentence_start_keeps_its_first_word():
    text = (
        "The president spoke of a new deal. President Widodo said yes. President Widodo said "
        "no. Joko Widodo left. New Zealand agreed. New Zealand signed."
    )
    found, _ = names(text)
    assert found["Joko Widodo"].aliases == ("President Widodo",)
    assert "New Zealand" in found


def test_a_dateline_dash_starts_a_sentence():
    found, _ = names(
        "KABUL, 3 May 2002 - Hundreds of Kabul residents marched. Later hundreds more joined.",
        "KABUL, 4 May 2002 \u2013 Hundreds of Kabul residents marched again.",
    )
    assert not any(n.startswith("Hundreds") for n in found)


def test_a_wrapped_dateline_line_full_of_titled_names_is_prose_not_a_heading():
    text = (
        "Leaders meet\n\nBRISBANE, 29 July 2023 - Secretary of State Antony Blinken and Defence "
        "Secretary Lloyd Austin\narrived in Brisbane. Mr Blinken spoke. Mr Austin left."
    )
    found, _ = names(text)
    assert set(found) == {"Antony Blinken", "Lloyd Austin"}


def test_a_surname_that_is_a_title_word_is_a_name():
    found, _ = names(
        "Resources Minister Madeleine King spoke. Ms King left. Mr Major met John Major. The "
        "Catholic Bishop said so. The Catholic Bishop left."
    )
    assert set(found) == {"Madeleine King", "John Major"}


def test_spelling_variants_are_one_candidate_with_aliases():
    text = (
        "The World Trade Center site. The World Trade Centre stood here. Visitors to New York "
        "City came. Crowds in New York cheered."
    )
    found, _ = names(text)
    center = next(p for n, p in found.items() if n.startswith("World Trade"))
    assert {center.name, *center.aliases} == {"World Trade Center", "World Trade Centre"}
    york = next(p for n, p in found.items() if n.startswith("New York"))
    assert {york.name, *york.aliases} == {"New York", "New York City"}


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Gaza Strip", "place"),
        ("Kangaroo Island", "place"),
        ("Indian Ocean", "place"),
        ("Macleay River", "place"),
        ("Blue Mountains", "place"),
        ("West Bank", "place"),
        ("New South Wales", "place"),
        ("Bosnia and Herzegovina", "country"),
        ("International Monetary Fund", "organization"),
        ("Reserve Bank of Australia", "organization"),
        ("Conservative Party", "organization"),
        ("Human Rights Commission", "organization"),
        ("Northern Alliance", "group"),
        ("Popular Front", "group"),
        ("Al Aqsa Martyrs Brigade", "group"),
        ("Davis Cup", "event"),
        ("Commonwealth Games", "event"),
        ("World Championship", "event"),
    ],
)
def test_kind_from_the_words_of_the_name(name, kind):
    assert guess(name).kind == kind and guess(name).sure


def test_kind_from_titles_and_context():
    text = (
        "Fighters fled to Tora Bora. Troops searched caves at Tora Bora. Mr Ali Khan said so; "
        "Ali Khan left."
    )
    found, _ = names(text)
    assert found["Tora Bora"].kind == "place"
    assert found["Ali Khan"].kind == "person"


def test_weak_evidence_says_kind_unsure():
    found, _ = names("Zorba Quilt was there. Zorba Quilt left.")
    assert "kind" in found["Zorba Quilt"].unsure and found["Zorba Quilt"].evidence


def test_old_api_still_answers():
    assert kind_of("Space Cooperation Framework") == "agreement"
    assert [p.name for p in propose("Ravi Kumar came. Ravi Kumar left.", set(), set())] == [
        "Ravi Kumar"
    ]
    assert propose("Ravi Kumar came. Ravi Kumar left.", {"ravi kumar"}, set()) == []


def test_entity_fields_are_optional_and_round_trip():
    old = {"id": "x", "name": "X Y", "kind": "person"}
    assert Entity.from_dict(old).unsure == () and "unsure" not in Entity.from_dict(old).to_dict()
    new = Entity("x", "X Y", "place", kind_evidence="'in' before it", unsure=("kind",))
    assert Entity.from_dict(new.to_dict()) == new and new.kind_unsure
