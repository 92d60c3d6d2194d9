"""Mention extraction: whole words, case rules, longest match, possessives, exact offsets."""

from pathlib import Path

from tests.conftest import bundled_data, small_data
from tests.hostile_corpus import write_corpus
from tui import ingest
from tui.core.document import validate
from tui.core.models import Agreement, Entity
from tui.knowledge.extract import Extractor, linkable_names

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
    return [(text[m.start : m.end], m.target) for m in EXTRACTOR.find("a", text)]


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
        ("India", "india"),
        ("LEMOA", "lemoa"),
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


# -- acronyms of two capitals ("US", "UK", "EU") -----------------------------------------------

SHORT = Extractor.for_targets(
    [
        Entity("united-states", "United States", "country", aliases=("U.S.", "US")),
        Entity("united-kingdom", "United Kingdom", "country", aliases=("UK",)),
        Entity("european-union", "European Union", "organization", aliases=("EU",)),
        Entity("indian-navy", "Indian Navy", "organization", aliases=("IN",)),
        Entity("mo", "Mo Group", "organization", aliases=("Mo", "A1")),
        Entity("us-dod", "US Department of Defense", "organization"),
    ],
    [],
)


def found_short(text):
    return [(text[m.start : m.end], m.target) for m in SHORT.find("a", text)]


def test_two_capital_aliases_are_linked_in_prose():
    assert found_short("talks between the US and India") == [("US", "united-states")]
    assert found_short("The UK, the EU and the U.S. agreed.") == [
        ("UK", "united-kingdom"),
        ("EU", "european-union"),
        ("U.S.", "united-states"),
    ]
    assert found_short("US officials said the US-India and Indo-US ties and the US's role") == [
        ("US", "united-states"),
        ("US", "united-states"),
        ("US", "united-states"),
        ("US", "united-states"),
    ]
    assert found_short("a US FMS sale. US FMS sales rose. WASHINGTON (Reuters) - US envoys") == [
        ("US", "united-states"),
        ("US", "united-states"),
        ("US", "united-states"),
    ]


def test_two_capitals_in_text_set_in_capitals_are_not_linked():
    assert found_short("LET US GO") == []
    assert found_short("He said LET US GO today.") == []
    assert found_short("They said: THEY TOLD US. The minister left.") == []
    assert found_short("and the crowd chanted GIVE US!") == []
    assert found_short("US") == []
    text = "INDIA, US SIGN PACT\n\nThe US and India signed it."
    assert [(m.start, m.end) for m in SHORT.find("a", text)] == [(25, 27)]


def test_two_capitals_match_only_with_their_case_and_as_whole_words():
    assert found_short("let us go; Let Us Go; focus on USA, USB and BUS") == []


def test_two_capitals_in_codes_are_not_linked():
    assert found_short("a US$ 3 billion deal for the US-2 amphibian") == []


def test_two_letters_that_are_not_two_capitals_or_are_words_are_not_linked():
    assert found_short("Mo and A1 were made IN India") == []


def test_the_longest_name_still_wins_over_two_capitals():
    assert found_short("the US Department of Defense") == [("US Department of Defense", "us-dod")]


def _fixture_texts(hostile: Path) -> dict[str, str]:
    """Every text the other tests use: the founding article, the small database, the ingest
    fixtures and the hostile corpus (titles too: headlines are where capitals are)."""
    founding = next(iter(bundled_data()["articles"].values()))  # the seed, as bundled
    texts = {"seed": founding["title"] + "\n\n" + founding["text"]}
    texts |= {a["id"]: a["text"] for a in small_data()["articles"].values()}
    fixtures = Path(__file__).parent / "ingest" / "fixtures"
    for path in [*sorted(fixtures.iterdir()), *sorted(write_corpus(hostile).values())]:
        try:
            drafts = ingest.read_path(path)
        except ingest.ReadError:
            continue
        for number, draft in enumerate(drafts):
            texts[f"{path.name}:{number}:title"] = draft.title
            texts[f"{path.name}:{number}"] = draft.text
    return texts


def test_two_capitals_add_no_link_but_the_right_ones_to_the_fixtures(tmp_path):
    """Precision: over every fixture text, with the bundled names ("US", "GE", "GA", "RM", "IA")
    and a United Kingdom and European Union added, linking two capitals adds the UK of the
    feed that names it, and changes nothing else."""
    snapshot = validate(bundled_data(), "db.json")
    entities = [
        *snapshot.entities,
        Entity("united-kingdom", "United Kingdom", "country", aliases=("UK",)),
        Entity("european-union", "European Union", "organization", aliases=("EU",)),
    ]
    names = linkable_names(entities, snapshot.agreements)
    assert {"US", "GE", "GA", "RM", "IA", "UK", "EU"} <= {n.text for n in names}
    now = Extractor(names)
    before = Extractor([n for n in names if len(n.text) > 2])  # the rule before two capitals
    added = []
    for key, text in _fixture_texts(tmp_path / "hostile").items():
        old = before.find(key, text)
        new = now.find(key, text)
        assert set(old) <= set(new), key
        added += [(key, text[m.start : m.end], m.target) for m in set(new) - set(old)]
    assert sorted(added) == [
        ("rss.xml:0", "UK", "united-kingdom"),
        ("rss.xml:0:title", "UK", "united-kingdom"),
    ]
