"""Relations, connections and the timeline (tui/knowledge): on the bundled database, where the
answers are known facts, and on small corpora made here for the edge cases."""

from __future__ import annotations

import pytest

from tests.conftest import bundled_data, database_of
from tui.core.corpus import Corpus, sentence_bounds
from tui.core.models import Agreement, Article, Entity, Role, Signatory, text_digest
from tui.knowledge.connections import connect
from tui.knowledge.relations import find_entity, relations
from tui.knowledge.timeline import timeline
from tui.storage.store import Store

ARTICLE = "india-and-u-s-commit-to-deeper-defense-collaboration"


@pytest.fixture(scope="module")
def bundled() -> Corpus:
    return Corpus(Store.memory(bundled_data()).load())


def corpus_of(entities=(), agreements=(), articles=()) -> Corpus:
    """A corpus of these records, with the mentions the extractor finds in the articles."""
    data = database_of(list(entities), list(agreements), list(articles), "Test")
    return Corpus(Store.memory(data).load())


def article(ident: str, text: str, published: str | None = None) -> Article:
    return Article(ident, ident.title(), text, published=published, sha256=text_digest(text))


# -- relations on the bundled database -----------------------------------------------------------


def test_beca_was_signed_by_jivesh_nandan_for_india(bundled):
    (signer,) = relations(bundled).signers("beca")
    assert (signer.entity.id, signer.side.id, signer.name) == (
        "jivesh-nandan",
        "india",
        "Jivesh Nandan",
    )
    assert signer.label == "Jivesh Nandan (for India)"


def test_signers_keep_the_recorded_order_one_for_each_side(bundled):
    signers = relations(bundled).signers("framework-2025")
    assert [(s.entity.id, s.side.id) for s in signers] == [
        ("rajnath-singh", "india"),
        ("pete-hegseth", "united-states"),
    ]
    assert relations(bundled).signers("comcasa") == []  # no signer recorded
    assert relations(bundled).signers("no-such-agreement") == []


def test_what_rajnath_singh_signed_oldest_first(bundled):
    rel = relations(bundled)
    assert [s.agreement.id for s in rel.signed("rajnath-singh")] == [
        "roadmap-2023",
        "framework-2025",
    ]
    assert [s.agreement.id for s in rel.signed("donald-rumsfeld")] == ["gsomia", "nfdr-2005"]
    assert all(s.side.id == "united-states" for s in rel.signed("donald-rumsfeld"))


def test_party_to_lists_a_countrys_agreements_in_date_order(bundled):
    rel = relations(bundled)
    india = rel.party_to("india")
    assert len(india) == sum("india" in a.parties for a in bundled.agreements.values())
    assert india[0].id == "agreed-minute-1995" and india[-1].id == "framework-2025"
    dates = [a.signed or a.announced for a in india]
    assert dates == sorted(dates)
    assert [a.id for a in rel.party_to("larsen-toubro")] == ["msra-lt-kattupalli"]
    assert rel.party_to("rajnath-singh") == []  # a person signs; a country is a party


def test_bound_by_says_how_signed_winning(bundled):
    rel = relations(bundled)
    assert rel.bound_by("pete-hegseth") == {"framework-2025": "signed"}
    assert set(rel.bound_by("india").values()) == {"party"}
    assert rel.shared_agreements("rajnath-singh", "pete-hegseth") == [
        (bundled.agreements["framework-2025"], "signed", "signed")
    ]
    shared = rel.shared_agreements("rajnath-singh", "united-states")
    assert [(a.id, a_how, b_how) for a, a_how, b_how in shared] == [
        ("roadmap-2023", "signed", "party"),
        ("framework-2025", "signed", "party"),
    ]


def test_roles_link_their_organisation_where_the_database_has_it(bundled):
    held = relations(bundled).roles("rajnath-singh")
    assert [(h.role.title, h.organization and h.organization.id) for h in held] == [
        ("Minister of Defence (Raksha Mantri)", "india"),
        ("Minister of Home Affairs", "india"),
        ("President", None),  # the Bharatiya Janata Party is not in the database
        ("President", None),
    ]


def test_members_of_an_organisation_most_recent_first(bundled):
    members = relations(bundled).members("us-dod")
    holders = [h.holder.id for h in members]
    assert holders[0] == "pete-hegseth" and "lloyd-austin" in holders
    ends = [h.role.end or "9999" for h in members]
    assert ends == sorted(ends, reverse=True)
    assert holders.index("lloyd-austin") < holders.index("mark-esper")
    assert relations(bundled).members("pete-hegseth") == []


def test_neighbours_are_ranked_by_shared_evidence(bundled):
    near = relations(bundled).neighbours("pete-hegseth")
    assert (near[0].entity.id, near[0].roles, near[0].articles, near[0].score) == (
        "us-dod",
        1,
        1,
        5,
    )
    assert near[0].evidence == "1 role · 1 shared article"
    scores = [n.score for n in near]
    assert scores == sorted(scores, reverse=True)
    rajnath = next(n for n in near if n.entity.id == "rajnath-singh")
    assert (rajnath.agreements, rajnath.evidence) == (1, "1 agreement")
    assert len(near) == 12 and len(relations(bundled).neighbours("pete-hegseth", None)) > 12
    assert all(n.entity.id != "pete-hegseth" for n in near)


def test_find_entity_by_id_name_or_alias(bundled):
    assert find_entity(bundled, "s-jaishankar").id == "s-jaishankar"
    assert find_entity(bundled, "S. Jaishankar").id == "s-jaishankar"
    assert find_entity(bundled, "  s. JAISHANKAR ").id == "s-jaishankar"  # case and spaces
    assert find_entity(bundled, "Raksha Mantri").id == "rajnath-singh"  # an alias
    assert find_entity(bundled, "Jaish") is None  # never a guess
    assert find_entity(bundled, "") is None


# -- relations on small corpora ------------------------------------------------------------------


def test_a_signatory_stored_as_a_name_is_linked_by_its_exact_name():
    people = [Entity("ana", "Ana Núñez", "person"), Entity("bo", "Bo Li", "person", ("B. Li",))]
    data = database_of(
        [*people, Entity("ruritania", "Ruritania", "country")],
        [
            Agreement(
                "pact",
                "Pact",
                signed="2020",
                parties=("ruritania",),
                signatories=(Signatory("ana nunez"), Signatory("B. Li"), Signatory("Nobody")),
            )
        ],
        [],
        "Test",
    )
    data["agreements"]["1"]["signatories"][1] = "B. Li"  # as schema 1 stored them: a string
    corpus = Corpus(Store.memory(data).load())
    rel = relations(corpus)
    signers = rel.signers("pact")
    assert [s.entity and s.entity.id for s in signers] == ["ana", "bo", None]
    assert [s.side for s in signers] == [None, None, None]  # a name alone says no side
    assert [s.label for s in signers] == ["Ana Núñez", "Bo Li", "Nobody"]
    assert [s.agreement.id for s in rel.signed("bo")] == ["pact"]


def test_a_name_two_entities_share_links_to_neither():
    corpus = corpus_of(
        [
            Entity("john-smith-1", "John Smith", "person"),
            Entity("john-smith-2", "John Smith", "person", ("J. Smith",)),
            Entity("acme", "Acme", "organization", ("ACME Corp",)),
            Entity("acme-2", "Acme Holdings", "organization", ("ACME Corp",)),
            Entity("jo", "Jo", "person", roles=(Role("Chair", "ACME Corp"),)),
        ],
        [Agreement("deal", "Deal", signatories=(Signatory("John Smith"), Signatory("J. Smith")))],
    )
    rel = relations(corpus)
    assert [s.entity and s.entity.id for s in rel.signers("deal")] == [None, "john-smith-2"]
    assert rel.roles("jo")[0].organization is None  # "ACME Corp" names two organisations
    assert rel.members("acme") == rel.members("acme-2") == []
    assert find_entity(corpus, "John Smith") is None
    assert find_entity(corpus, "john-smith-1").name == "John Smith"  # the id still works


def test_a_signatory_is_a_person_and_a_role_names_a_body():
    corpus = corpus_of(
        [
            Entity("navy", "Navy", "organization"),
            Entity("navy-person", "Navy Seal", "person", ("Navy",), roles=(Role("Cook", "Navy"),)),
        ],
        [Agreement("deal", "Deal", signatories=(Signatory("Navy"),))],
    )
    rel = relations(corpus)
    assert rel.signers("deal")[0].entity.id == "navy-person"  # the person, not the body
    assert rel.roles("navy-person")[0].organization.id == "navy"  # the body, not the person


def test_a_role_finds_its_organisation_by_alias_and_the_organisation_its_members():
    corpus = corpus_of(
        [
            Entity("mod", "Ministry of Defence", "organization", ("MoD", "Raksha Mantralaya")),
            Entity("ana", "Ana", "person", roles=(Role("Secretary", "raksha mantralaya", "2020"),)),
            Entity("bo", "Bo", "person", roles=(Role("Minister", "Elsewhere", entity="mod"),)),
        ]
    )
    rel = relations(corpus)
    assert rel.roles("ana")[0].organization.id == "mod"
    assert rel.roles("bo")[0].organization.id == "mod"  # the id stored wins over the text
    assert [h.holder.id for h in rel.members("mod")] == ["ana", "bo"]
    assert rel.neighbours("mod")[0].roles == 1
    assert {n.entity.id: n.colleagues for n in rel.neighbours("ana")} == {"mod": 0, "bo": 1}


def test_an_entity_without_links_has_none_anywhere():
    corpus = corpus_of(
        [Entity("loner", "Lone Entity", "person"), Entity("india", "India", "country")],
        [Agreement("pact", "Pact", signed="2020", parties=("india",))],
        [article("a1", "India signed the pact.", "2020-01-01")],
    )
    rel = relations(corpus)
    assert rel.signed("loner") == rel.party_to("loner") == rel.roles("loner") == []
    assert rel.members("loner") == rel.neighbours("loner") == []
    assert rel.bound_by("loner") == {}
    assert connect(corpus, corpus.entities["loner"], corpus.entities["india"]) == []


def test_a_role_an_entity_holds_at_itself_ties_it_to_nothing():
    corpus = corpus_of(
        [
            Entity("club", "Club", "organization", roles=(Role("Founder member", "Club"),)),
            Entity("other", "Other", "organization"),
        ]
    )
    rel = relations(corpus)
    assert rel.roles("club")[0].organization.id == "club"
    assert rel.role_ties("club", "other") == []
    assert rel.members("club") == []
    assert connect(corpus, corpus.entities["club"], corpus.entities["other"]) == []


# -- connections ---------------------------------------------------------------------------------


def test_jaishankar_and_hegseth_are_first_named_together_in_one_sentence(bundled):
    a, b = bundled.entities["s-jaishankar"], bundled.entities["pete-hegseth"]
    found = connect(bundled, a, b)
    first = found[0]
    assert (first.kind, first.hops, first.title) == (
        "article",
        1,
        "India and U.S. Commit to Deeper Defense Collaboration",
    )
    step = first.steps[0]
    assert (step.kind, step.item_id, step.mention.article) == ("article", ARTICLE, ARTICLE)
    assert step.text.startswith("India's External Affairs Minister, S. Jaishankar, and U.S.")
    marked = [step.text[start:end] for start, end in step.spans]
    assert "S. Jaishankar" in marked and "Pete Hegseth" in marked
    assert step.mention.target == "s-jaishankar"  # where the reader opens: a's mention
    assert [c.hops for c in found] == sorted(c.hops for c in found)  # direct ones first
    assert sum(c.hops == 1 for c in found) == 1


def test_paths_go_through_a_third_entity_best_evidenced_first(bundled):
    a, b = bundled.entities["s-jaishankar"], bundled.entities["pete-hegseth"]
    paths = [c for c in connect(bundled, a, b) if c.kind == "path"]
    assert paths[0].title == "through India (country)" and paths[0].hops == 2
    assert [s.item_id for s in paths[0].steps] == ["india", "framework-2025"]
    assert paths[0].steps[1].text.startswith("India – Pete Hegseth: Framework for the U.S.-India")
    weights = [c.weight for c in paths]
    assert weights == sorted(weights, reverse=True) and len(paths) <= 8


def test_agreements_and_roles_connect_directly(bundled):
    rajnath, hegseth = bundled.entities["rajnath-singh"], bundled.entities["pete-hegseth"]
    first = connect(bundled, rajnath, hegseth)[0]
    assert (first.kind, first.title) == (
        "agreement",
        "Framework for the U.S.-India Major Defense Partnership (10-year, 2025)",
    )
    assert first.steps[0].text == "Rajnath Singh signed it; Pete Hegseth signed it (2025-10-31)"
    india = bundled.entities["india"]
    role = connect(bundled, rajnath, india)[0]
    assert (role.kind, role.title, len(role.steps)) == (
        "role",
        "Rajnath Singh held 2 roles at India",
        2,
    )
    assert {s.item_id for s in role.steps} == {"india"}
    assert role.steps[0].text == (  # the role's wording, as on the page and the command line
        "Rajnath Singh: Minister of Defence (Raksha Mantri), Government of India "
        "(2019-05-31 to now)"
    )


def test_a_role_step_without_a_title_says_where_and_when():
    """Thin data: a role with no title, linked to its organisation by id alone. The step says
    where and when ("Bo: Ministry of Defence (2020 to now)"), not "Bo: , ..."."""
    corpus = corpus_of(
        [
            Entity("mod", "Ministry of Defence", "organization"),
            Entity("bo", "Bo", "person", roles=(Role("", "", "2020", entity="mod"),)),
        ]
    )
    found = connect(corpus, corpus.entities["bo"], corpus.entities["mod"])
    assert [step.text for step in found[0].steps] == ["Bo: Ministry of Defence (2020 to now)"]


def test_two_who_worked_at_one_place_have_one_link_for_it_and_no_path_through_it(bundled):
    rajnath, jaishankar = bundled.entities["rajnath-singh"], bundled.entities["s-jaishankar"]
    found = connect(bundled, rajnath, jaishankar)
    assert [c.title for c in found if c.hops == 1] == ["Both held roles at Government of India"]
    assert "through India (country)" not in [c.title for c in found]
    assert found[0].steps[0].text.startswith("Rajnath Singh: Minister of Defence")
    assert found[0].steps[1].text.startswith("S. Jaishankar: External Affairs Minister")


def test_an_entity_is_not_connected_to_itself(bundled):
    india = bundled.entities["india"]
    assert connect(bundled, india, india) == []


def test_a_path_through_a_third_entity_when_nothing_links_the_two():
    corpus = corpus_of(
        [
            Entity("ana", "Ana Berg", "person"),
            Entity("bob", "Bob Marsh", "person"),
            Entity("ruritania", "Ruritania", "country"),
        ],
        [Agreement("pact", "Pact", signed="2001-02-03", parties=("ruritania",))],
        [
            article("a1", "Ana Berg visited Ruritania in spring."),
            article("a2", "Bob Marsh lives far away.\n\nRuritania signed it. Bob Marsh did not."),
        ],
    )
    e = corpus.entities
    (path,) = connect(corpus, e["ana"], e["bob"])
    assert (path.kind, path.hops, path.title) == ("path", 2, "through Ruritania (country)")
    assert [(s.kind, s.item_id) for s in path.steps] == [("article", "a1"), ("article", "a2")]
    assert path.steps[0].text == "Ana Berg – Ruritania: Ana Berg visited Ruritania in spring."
    # No sentence names both: the first that names the middle one, where the reader opens.
    assert path.steps[1].text == "Ruritania – Bob Marsh: Ruritania signed it."
    assert path.steps[1].mention.target == "ruritania"
    assert connect(corpus, e["ana"], e["ruritania"])[0].kind == "article"


def test_an_article_naming_both_in_different_sentences_shows_one_of_each():
    corpus = corpus_of(
        [Entity("ana", "Ana Berg", "person"), Entity("bob", "Bob Marsh", "person")],
        articles=[article("a1", "Ana Berg spoke first. It rained. Bob Marsh answered later.")],
    )
    (link,) = connect(corpus, corpus.entities["ana"], corpus.entities["bob"])
    assert [s.text for s in link.steps] == ["Ana Berg spoke first.", "Bob Marsh answered later."]
    assert [s.spans for s in link.steps] == [((0, 8),), ((0, 9),)]
    assert link.weight == 1  # less than an article with a sentence that names both


def test_a_sentence_that_begins_with_the_name_is_that_sentence_alone():
    text = "It rained. Bob Marsh spoke. \u201cAna Berg\u201d did not. Dr. Ana Berg came."
    for name, sentence in (
        ("Bob Marsh", "Bob Marsh spoke."),
        ("Ana Berg", "\u201cAna Berg\u201d did not."),
        ("Dr.", "Dr. Ana Berg came."),
    ):
        start = text.index(name)
        assert text[slice(*sentence_bounds(text, start, start + len(name)))] == sentence
    start = text.index("Ana Berg came")  # "Dr." ends no sentence
    assert text[slice(*sentence_bounds(text, start, start + 8))] == "Dr. Ana Berg came."


# -- timeline ------------------------------------------------------------------------------------


def _dated_corpus() -> Corpus:
    return corpus_of(
        [Entity("ruritania", "Ruritania", "country")],
        [
            Agreement("minute", "Agreed Minute", signed="1995-01"),
            Agreement("mid", "Mid-January Accord", signed="1995-01-15"),
            Agreement("year-only", "Year Only Pact", signed="2016"),
            Agreement("lemoa", "Logistics", acronym="LEMOA", signed="2016-08-29"),
            Agreement("proposed", "Proposed Pact", announced="2016-06"),
            Agreement("never", "Undated Pact"),
        ],
        [
            article("a-2016", "Ruritania.", "2016-08-29"),
            article("a-undated", "Ruritania."),
            article("a-1994", "Ruritania.", "1994-12-31"),
        ],
    )


def test_the_timeline_is_in_date_order_partial_dates_first_in_their_period():
    found = timeline(_dated_corpus())
    assert [(e.date, e.item.id) for e in found.events] == [
        ("1994-12-31", "a-1994"),
        ("1995-01", "minute"),
        ("1995-01-15", "mid"),
        ("2016", "year-only"),
        ("2016-06", "proposed"),
        ("2016-08-29", "lemoa"),  # agreements before articles on one date
        ("2016-08-29", "a-2016"),
    ]
    assert [e.what for e in found.events][1:5] == ["signed", "signed", "signed", "announced"]
    assert found.events[0].what == "published" and found.events[5].label == "LEMOA · Logistics"
    assert found.undated == 2  # the undated pact and article
    assert [(year, [e.item.id for e in events]) for year, events in found.years] == [
        ("1994", ["a-1994"]),
        ("1995", ["minute", "mid"]),
        ("2016", ["year-only", "proposed", "lemoa", "a-2016"]),
    ]


def test_newest_first_reverses_the_dates_and_keeps_the_order_within_one():
    found = timeline(_dated_corpus(), newest_first=True)
    assert [e.item.id for e in found.events] == [
        "lemoa",
        "a-2016",
        "proposed",
        "year-only",
        "mid",
        "minute",
        "a-1994",
    ]
    assert [year for year, _ in found.years] == ["2016", "1995", "1994"]


def test_a_timeline_of_chosen_items_skips_entities_and_unknown_ids():
    items = [
        ("agreement", "lemoa"),
        ("article", "a-undated"),
        ("entity", "ruritania"),
        ("agreement", "nothing-by-this-id"),
        ("agreement", "lemoa"),  # once however often given
        ("article", "a-1994"),
    ]
    found = timeline(_dated_corpus(), items)
    assert [e.item.id for e in found.events] == ["a-1994", "lemoa"]
    assert found.undated == 1
    assert timeline(_dated_corpus(), []).events == ()


def _roles_corpus() -> Corpus:
    return corpus_of(
        [
            Entity("mod", "Ministry of Defence", "organization"),
            Entity(
                "ana",
                "Ana Rao",
                "person",
                roles=(
                    Role("Secretary", "Ministry of Defence", "2015-01", "2018-01", entity="mod"),
                    Role("Minister", "Ministry of Defence", "2018-01", entity="mod"),
                    Role("Adviser", "A Think Tank", "2010"),  # its organisation not in the data
                    Role("Clerk", "Ministry of Defence", entity="mod"),  # no dates
                ),
            ),
            Entity("bo", "Bo Lind", "person", roles=(Role("Chief", "", "2019", entity="mod"),)),
            Entity("club", "Club", "organization", roles=(Role("Founder", "Club", "1990"),)),
        ],
        [Agreement("pact", "Defence Pact", signed="2016-05")],
    )


def test_an_entity_s_timeline_has_the_roles_it_held_and_those_held_at_it():
    """A person's roles began and ended, each linking to the organisation held at (to nothing
    where the data lacks it); an organisation's, the roles held there, each linking to who
    held it; on one date a post left comes before one taken up; a role without dates is
    counted as undated; the items asked for too."""
    corpus = _roles_corpus()
    ana = timeline(corpus, [("agreement", "pact")], roles_of="ana")

    def seen(event):
        return (event.date, event.what, event.item and event.item.id, event.label)

    assert [seen(e) for e in ana.events] == [
        ("2010", "began", None, "Adviser, A Think Tank"),
        ("2015-01", "began", "mod", "Secretary, Ministry of Defence"),
        ("2016-05", "signed", "pact", "Defence Pact"),
        ("2018-01", "ended", "mod", "Secretary, Ministry of Defence"),
        ("2018-01", "began", "mod", "Minister, Ministry of Defence"),
    ]
    assert {e.kind for e in ana.events if e.held} == {"entity"}
    assert ana.events[1].held is not None and ana.events[1].held.role.title == "Secretary"
    assert ana.undated == 1  # the clerk's role
    mod = timeline(corpus, [], roles_of="mod")
    assert [seen(e) for e in mod.events] == [
        ("2015-01", "began", "ana", "Ana Rao: Secretary"),
        ("2018-01", "ended", "ana", "Ana Rao: Secretary"),
        ("2018-01", "began", "ana", "Ana Rao: Minister"),
        ("2019", "began", "bo", "Bo Lind: Chief"),
    ]
    assert mod.undated == 1
    newest = timeline(corpus, [], newest_first=True, roles_of="mod")
    assert [e.date for e in newest.events] == ["2019", "2018-01", "2018-01", "2015-01"]
    # A role held at itself is the entity's own, once; without roles_of, no roles at all
    assert [e.label for e in timeline(corpus, [], roles_of="club").events] == ["Founder, Club"]
    assert timeline(corpus, [("entity", "ana")]).events == ()
    # Bo's role names no organisation but links to one: its name says where
    assert [e.label for e in timeline(corpus, [], roles_of="bo").events] == [
        "Chief, Ministry of Defence"
    ]


def test_the_bundled_timeline(bundled):
    found = timeline(bundled)
    assert len(found.events) == len(bundled.agreements)  # every agreement has a date
    assert found.undated == 1  # the article, which has no publication date
    first = found.events[0]
    assert (first.date, first.item.id, first.what) == ("1995-01", "agreed-minute-1995", "signed")
    rdp = next(e for e in found.events if e.item.id == "rdp")
    assert (rdp.date, rdp.what) == ("2023-06-05", "announced")  # proposed, never signed
    sta = next(e for e in found.events if e.item.id == "sta-1")
    assert sta.date == "2018-08-03"  # signed wins over announced
    dates = [e.date for e in found.events]
    assert dates == sorted(dates)
