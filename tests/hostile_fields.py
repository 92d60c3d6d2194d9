"""A database whose every free-text field of every kind of record holds hostile text.

Markup that would crash a widget (`[/]`) or run an action (`[@click=app.quit]`), and control
sequences that would retitle the terminal (OSC 0), write its clipboard (OSC 52), clear it, or
ring it. tests/test_hostile_fields.py opens every screen of the app over it.
"""

from __future__ import annotations

from dataclasses import fields

from tui.core.models import Agreement, Article, Entity, Role, Signatory, text_digest

MARKUP = "[bold]m[/] [/] [@click=app.quit]q[/] [ @click=app.bell]b"
CONTROLS = "\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\x9b31m\x07"
BAD = f"{MARKUP} {CONTROLS}"
# What must never come out of the app: the payloads' own sequences and bytes.
FORBIDDEN = (b"\x1b]0;pwned", b"\x1b]52;c;aGk=", b"\xc2\x9b31m", b"\x9b31m", b"\x1b[2J\x9b")

PERSON = "Bad [/] Name"  # the markup that crashed the ask dialog's prompt
PACT = "HOSTILE"
TEXT = (
    f"{PERSON} met India to sign {PACT} {BAD}.\n\nLater {PERSON} said {BAD} about {PACT} and India."
)


def _bad(name: str) -> str:
    return f"{name} {BAD}"


def entities() -> list[Entity]:
    person = Entity(
        "bad-name",
        PERSON,
        "person",
        aliases=(_bad("alias"),),
        description=_bad("desc"),
        roles=(Role(_bad("title"), _bad("org"), "2019", "2021-05"),),
        facts=((_bad("fact"), _bad("value")),),
        tags=(_bad("tag"),),
        notes=_bad("notes"),
        sources=(_bad("https://source.example/"),),
        status="candidate",
        kind_evidence=_bad("kind evidence"),
    )
    india = Entity("india", "India", "country", description=_bad("India"))
    # Named nowhere in the text, but a party to the agreement: its name, every byte of it
    # hostile, is shown in the entities pane, the palette and the agreement's page.
    evil = Entity("evil", _bad("Evil Name"), "organization", aliases=(_bad("evil alias"),))
    return [person, india, evil]


def agreements() -> list[Agreement]:
    return [
        Agreement(
            "hostile",
            _bad("Hostile Agreement"),
            acronym=PACT,
            kind=_bad("kind"),
            signed="2016-08-29",
            announced="2016-04",
            place=_bad("place"),
            parties=("india", "bad-name", "evil"),
            signatories=(Signatory(_bad("signer")),),
            domains=(_bad("domain"),),
            status=_bad("status"),
            summary=_bad("summary"),
            aliases=(_bad("pact alias"),),
            related=(),
            tags=(_bad("tag"),),
            notes=_bad("notes"),
            sources=(_bad("https://pact.example/"),),
            review="candidate",
        )
    ]


def articles() -> list[Article]:
    return [
        Article(
            "evil",
            _bad("Title"),
            TEXT,
            source=_bad("source"),
            url=_bad("https://e.vil/"),
            published="2024-01-02",
            authors=(_bad("author"),),
            tags=(_bad("tag"),),
            notes=_bad("notes"),
            added=_bad("added"),
            sha256=text_digest(TEXT),
        )
    ]


def database() -> dict:
    from tests.conftest import database_of

    return database_of(entities(), agreements(), articles(), "Hostile " + BAD)


def free_text_fields(record) -> list[str]:
    """The names of the string fields (and string-holding tuples) a record has, so a test
    can check that it left none without hostile text."""
    return [f.name for f in fields(record) if f.type in ("str", "tuple[str, ...]")]
