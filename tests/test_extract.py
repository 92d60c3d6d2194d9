"""Mention extraction: whole words, case rules, longest match, possessives, exact offsets."""

from tui.extract import Extractor
from tui.models import Agreement, Entity

ENTITIES = [
    Entity("india", "India", "country"),
    Entity("united-states", "United States", "country", aliases=("U.S.",)),
    Entity("quad", "Quad", "group"),
    Entity("qfmm", "Quad Foreign Ministers' Meeting", "group", aliases=("QFMM",)),
    Entity("make-in-india", "Make in India", "initiative"),
    Entity("us-state", "U.S. Department of State", "organization", aliases=("State",)),
]
AGREEMENTS = [Agreement("lemoa", "Logistics Exchange Memorandum of Agreement", acronym="LEMOA")]
EXTRACTOR = Extractor.for_targets(ENTITIES, AGREEMENTS)


def found(text):
    return [(text[m.start:m.end], m.target) for m in EXTRACTOR.find("a", text)]


def test_offsets_slice_the_text_to_the_name():
    text = "In 2016 India signed LEMOA with the U.S. in Washington."
    assert found(text) == [("India", "india"), ("LEMOA", "lemoa"), ("U.S.", "united-states")]


def test_longest_name_wins_where_names_overlap():
    assert found("at the Quad Foreign Ministers' Meeting today") == [
        ("Quad Foreign Ministers' Meeting", "qfmm")
    ]
    assert found("Make in India matters") == [("Make in India", "make-in-india")]


def test_possessives_and_plurals_count_but_partial_words_do_not():
    assert found("India's navy; two LEMOAs; Indian firms; Indiana; BLEMOA") == [
        ("India", "india"), ("LEMOA", "lemoa")
    ]


def test_acronyms_and_single_words_keep_their_case_longer_names_do_not():
    assert found("lemoa and quad and india") == []
    assert found("the logistics exchange memorandum of agreement") == [
        ("logistics exchange memorandum of agreement", "lemoa")
    ]


def test_ordinary_word_aliases_are_not_linked():
    assert found("State visits and the State of play") == []


def test_an_empty_extractor_finds_nothing():
    assert Extractor([]).find("a", "India") == []


def test_length_changing_case_folds_keep_offsets():
    text = "İstanbul and India"
    assert found(text) == [("India", "india")]
