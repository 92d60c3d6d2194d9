"""The records: validation names the field, and dicts round-trip."""

import pytest

from tui.core.models import Agreement, Article, Entity, Mention, ModelError, Role, slugify


def test_entity_round_trips_through_a_dict():
    entity = Entity(
        "modi",
        "Narendra Modi",
        "person",
        aliases=("Modi",),
        roles=(Role("Prime Minister", "Government of India", "2014-05-26"),),
        facts=(("founded", "1950"),),
    )
    assert Entity.from_dict(entity.to_dict()) == entity


@pytest.mark.parametrize(
    ("role", "post", "linked", "said"),
    [
        (
            Role("Minister", "Government of India", "2019-05-31"),
            "Minister, Government of India",
            "Minister, Government of India",
            "Minister, Government of India (2019-05-31 to now)",
        ),
        (
            Role("Adviser", "A Think Tank", None, "2021"),
            "Adviser, A Think Tank",
            "Adviser, A Think Tank",
            "Adviser, A Think Tank (? to 2021)",
        ),
        (Role("Chair", "", "2001", "2005"), "Chair", "Chair, India", "Chair (2001 to 2005)"),
        (Role("Member"), "Member", "Member, India", "Member"),
        (Role("", "", "2001"), "", "India", "(2001 to now)"),  # thin data: no title
        (Role("", "Navy"), "Navy", "Navy", "Navy"),
    ],
)
def test_a_role_says_what_was_held_where_and_when(role, post, linked, said):
    """One wording of a role for the page, the timeline, the connections and the command
    line; `linked`: with the name of the entity it links to, used where it names no place."""
    assert (role.post(), role.post("India"), role.said()) == (post, linked, said)


def test_agreement_round_trips_and_knows_its_names_and_year():
    agreement = Agreement(
        "lemoa",
        "Logistics Exchange Memorandum of Agreement",
        acronym="LEMOA",
        signed="2016-08",
        aliases=("the logistics pact",),
    )
    assert Agreement.from_dict(agreement.to_dict()) == agreement
    assert agreement.names == ("LEMOA", agreement.name, "the logistics pact")
    assert agreement.year == 2016
    assert agreement.label.startswith("LEMOA · ")


def test_article_fills_in_its_digest():
    article = Article.from_dict({"id": "a", "title": "T", "text": "body"})
    assert len(article.sha256) == 64


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"id": "a", "text": "x"}, "field 'title' is missing"),
        ({"id": "a", "title": 3, "text": "x"}, "field 'title' must be a string"),
        ({"id": "a", "title": "t", "text": "x", "published": "last week"}, "not an ISO date"),
        ({"id": "a", "title": "t", "text": "x", "tags": "one"}, "field 'tags' must be a list"),
        ({"id": "", "title": "t", "text": "x"}, "field 'id' must not be empty"),
    ],
)
def test_bad_article_fields_are_named(record, message):
    with pytest.raises(ModelError, match=message):
        Article.from_dict(record)


def test_entity_kind_must_be_known():
    with pytest.raises(ModelError, match="field 'kind' must be one of"):
        Entity.from_dict({"id": "x", "name": "X", "kind": "planet"})


def test_mention_end_must_follow_start():
    with pytest.raises(ModelError, match="field 'end' must be greater than start"):
        Mention.from_dict(
            {"article": "a", "target_kind": "entity", "target": "x", "start": 5, "end": 5}
        )


def test_mentions_sort_by_article_then_position():
    a = Mention("a", 10, 12, "entity", "x")
    b = Mention("a", 2, 4, "entity", "y")
    assert sorted([a, b]) == [b, a]


def test_slugify_makes_stable_ascii_ids():
    assert slugify("Make in India") == "make-in-india"
    assert slugify("Quad Foreign Ministers' Meeting") == "quad-foreign-ministers-meeting"
    assert slugify("Ñandú ß") == "nandu"
    assert slugify("!!!") == "item"


HOSTILE_DATES = [
    "2016-08-29\x1b]0;pwned\x07",
    "2016-08-29 ",
    "2016-13-01",
    "2016-02-30",
    "２０１６",
    "2016-8-1",
    "20160829",
    "2016-08-29T00:00",
]
DATE_FIELDS = [
    (Article, {"id": "a", "title": "t", "text": "x"}, "published"),
    (Agreement, {"id": "a", "name": "A"}, "signed"),
    (Agreement, {"id": "a", "name": "A"}, "announced"),
    (Entity, {"id": "e", "name": "E", "kind": "person", "roles": [{"title": "t"}]}, "start"),
    (Entity, {"id": "e", "name": "E", "kind": "person", "roles": [{"title": "t"}]}, "end"),
]


@pytest.mark.parametrize(("kind", "record", "name"), DATE_FIELDS)
@pytest.mark.parametrize("value", HOSTILE_DATES)
def test_every_date_field_must_be_a_whole_iso_date(kind, record, name, value):
    """A date is shown as it is stored: anything past the date (a control sequence) or a
    date that does not exist is refused on load, naming the field."""
    record = {**record, "roles": [{**r, name: value} for r in record.get("roles", [])]}
    if "roles" not in record or not record["roles"]:
        record = {k: v for k, v in record.items() if k != "roles"} | {name: value}
    with pytest.raises(ModelError, match=f"field '{name}' is not an ISO date"):
        kind.from_dict(record)


@pytest.mark.parametrize("value", ["2016", "2016-08", "2016-08-29", "2024-02-29"])
def test_whole_iso_dates_to_the_year_month_or_day_are_kept(value):
    assert Agreement.from_dict({"id": "a", "name": "A", "signed": value}).signed == value
