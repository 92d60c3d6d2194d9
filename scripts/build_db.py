"""Build the bundled db.json from the shared reference facts and the founding article.

    python scripts/build_db.py [--shared ../shared] [--out db.json]

The facts (reference/facts.json) become entities and agreements as they are, with party names
resolved to entity ids; the founding article (seeds/000_*.txt, first line the title) is stored
with its text exactly as given and every mention found by the same extractor `quadrant import`
uses. Run it again when the facts change; it refuses to run if a mention would not slice the text
to one of its target's names.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import orjson  # noqa: E402

from tui.core.document import empty_database  # noqa: E402
from tui.core.models import Agreement, Article, Entity, slugify, text_digest  # noqa: E402
from tui.knowledge.extract import Extractor  # noqa: E402
from tui.storage.files import write_atomic  # noqa: E402

ADDED = "2026-11-26T00:00:00+00:00"
FOUNDING_SOURCE = "Founding article (seeds/000_de34fc66b35126ee.txt)"

# Named by the founding article but absent from the reference facts.
EXTRA_ENTITIES = [
    {
        "id": "indo-pacific",
        "name": "Indo-Pacific",
        "kind": "place",
        "aliases": ["Indo-Pacific region", "free and open Indo-Pacific"],
        "description": "The maritime region spanning the Indian Ocean and the western and central "
        "Pacific; the frame in which India, the United States, Japan and Australia describe "
        "their strategic cooperation.",
    },
]
FACT_KEYS = (
    "founded",
    "headquarters",
    "launched",
    "manufacturer",
    "key_date",
    "date",
    "first_held",
    "members",
    "meetings",
    "editions",
    "note",
    "confidence",
)


def fact_value(value: object) -> str:
    """Flatten a nested fact (a list of meetings, say) into one readable line."""
    if isinstance(value, list):
        return "; ".join(fact_value(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(str(v) for v in value.values() if v not in (None, ""))
    return str(value)


def entity_from_fact(raw: dict) -> Entity:
    facts = [(key.replace("_", " "), fact_value(raw[key])) for key in FACT_KEYS if raw.get(key)]
    return Entity.from_dict(
        {
            "id": raw["id"],
            "name": raw["name"],
            "kind": raw["type"],
            "aliases": raw.get("aliases", []),
            "description": raw.get("description", ""),
            "roles": raw.get("roles", []),
            "facts": [list(pair) for pair in facts],
            "notes": raw.get("notes", ""),
            "sources": raw.get("sources", []),
        }
    )


DEMONYMS = {"Indian": "India", "Australian": "Australia", "Japan Coast": "Japan"}


def resolve_party(label: str, extractor: Extractor) -> str | None:
    """The entity a party label leads with: 'India (Ministry of Defence)' -> 'india'."""
    for demonym, country in DEMONYMS.items():
        label = label.replace(demonym, country)
    found = extractor.find("party", label)
    return found[0].target if found else None


# Organisations named in roles whose wording is not a name or alias of their entity.
ROLE_ORGANIZATIONS = {
    "Ministry of Defence, India": "india-mod",
    "Ministry of External Affairs": "india-mea",
    "Government of India": "india",
    "Government of Japan": "japan",
}
_FOR_SIDE = re.compile(r"^(?P<name>.+?)\s*\(for (?P<side>[^)]+)\)$")


def names_to_ids(entities: list[Entity]) -> dict[str, str]:
    """Each entity's name and aliases, folded, to its id (the first entity to claim one)."""
    found: dict[str, str] = {}
    for entity in entities:
        for name in entity.names:
            found.setdefault(name.casefold(), entity.id)
    return found


def with_role_links(entity: Entity, names: dict[str, str]) -> Entity:
    """The entity with each role's organisation linked by id, where the database has it."""
    roles = tuple(
        replace(
            role,
            entity=ROLE_ORGANIZATIONS.get(role.organization)
            or names.get(role.organization.casefold()),
        )
        for role in entity.roles
    )
    return replace(entity, roles=roles)


def signatories(raw: list[str], parties: list[str], names: dict[str, str]) -> list[dict]:
    """The signers as links: the entity each name is, and the side it signed for. The facts
    list signers in the order of the parties when there is one per party (each checked against
    the signer's description by the tests); "Name (for India)" says the side outright."""
    found = []
    for position, text in enumerate(raw):
        named = _FOR_SIDE.match(text)
        name = named["name"] if named else text
        if named:
            side = names.get(named["side"].casefold())
        else:
            side = parties[position] if len(raw) == len(parties) else None
        found.append({"name": name, "entity": names.get(name.casefold()), "side": side})
    return found


def agreement_from_fact(raw: dict, extractor: Extractor, names: dict[str, str]) -> Agreement:
    parties = [p for p in (resolve_party(x, extractor) for x in raw["parties"]) if p]
    notes = raw.get("notes", "")
    if raw["parties"]:
        notes = (notes + "\n\nParties as recorded: " + "; ".join(raw["parties"])).strip()
    acronym = raw.get("acronym") or ""
    return Agreement.from_dict(
        {
            "id": raw["id"],
            "name": raw["full_name"],
            "acronym": acronym.split(" / ")[0] if acronym else "",
            "aliases": acronym.split(" / ")[1:] if acronym else [],
            "kind": raw.get("type", ""),
            "signed": raw.get("signed_date"),
            "announced": raw.get("announced_date"),
            "place": raw.get("place") or "",
            "parties": list(dict.fromkeys(parties)),
            "signatories": signatories(raw.get("signatories", []), parties, names),
            "domains": raw.get("domain", []),
            "status": raw.get("status", ""),
            "summary": raw.get("description", ""),
            "related": raw.get("related_agreement_ids", []),
            "notes": notes,
            "sources": raw.get("sources", []),
        }
    )


def founding_article(seed: Path) -> Article:
    lines = seed.read_text(encoding="utf-8").split("\n")
    title = lines[0].strip()
    text = "\n".join(lines[1:]).lstrip("\n")  # the body as written, less the blank lines
    return Article.from_dict(
        {
            "id": slugify(title),
            "title": title,
            "text": text,
            "source": FOUNDING_SOURCE,
            "tags": ["founding"],
            "added": ADDED,
            "sha256": text_digest(text),
        }
    )


def build(shared: Path) -> dict:
    facts = json.loads((shared / "reference" / "facts.json").read_text(encoding="utf-8"))
    entities = [entity_from_fact(e) for e in facts["entities"]]
    entities += [Entity.from_dict(e) for e in EXTRA_ENTITIES]
    names = names_to_ids(entities)
    entities = [with_role_links(e, names) for e in entities]
    by_entity = Extractor.for_targets(entities, [])
    agreements = [agreement_from_fact(a, by_entity, names) for a in facts["agreements"]]
    article = founding_article(shared / "seeds" / "000_de34fc66b35126ee.txt")
    mentions = Extractor.for_targets(entities, agreements).find(article.id, article.text)
    check_mentions(article, mentions, entities, agreements)
    data = empty_database("India-U.S. defence cooperation")
    data["meta"]["1"]["created"] = ADDED
    for table, records in (
        ("entities", entities),
        ("agreements", agreements),
        ("articles", [article]),
        ("mentions", mentions),
    ):
        data[table] = {str(i): r.to_dict() for i, r in enumerate(records, start=1)}
    return data


def check_mentions(article, mentions, entities, agreements) -> None:
    names = {("entity", e.id): e.names for e in entities}
    names |= {("agreement", a.id): a.names for a in agreements}
    for m in mentions:
        span = article.text[m.start : m.end]
        if span.lower() not in {n.lower() for n in names[(m.target_kind, m.target)]}:
            raise SystemExit(f"mention {span!r} at {m.start} does not name {m.target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    root = Path(__file__).resolve().parent.parent
    parser.add_argument("--shared", type=Path, default=root.parent / "shared")
    parser.add_argument("--out", type=Path, default=root / "db.json")
    args = parser.parse_args()
    data = build(args.shared)
    write_atomic(args.out, orjson.dumps(data, option=orjson.OPT_INDENT_2))
    counts = {t: len(data[t]) for t in ("articles", "entities", "agreements", "mentions")}
    print(f"wrote {args.out}: {counts} at {datetime.now(UTC):%H:%M:%S}")


if __name__ == "__main__":
    main()
