"""What `quadrant show` adds about an item's relations, read both ways: an agreement's signers
(each an entity, with the side signed for); an entity's signatures, the agreements it is party
to, its roles (each with the organisation's entity), the people who served it, and its nearest
neighbours. As ids for `--json`, and as lines to read, with names and dates, on a terminal.
"""

from __future__ import annotations

from typing import Any

from tui.core.corpus import Corpus, Item
from tui.core.models import Agreement, Entity, Role
from tui.knowledge.relations import Held, Neighbour, Signer, relations


def relation_links(corpus: Corpus, item: Item) -> dict[str, Any]:
    """The relations of `item` as ids, for `show --json` (none for an article)."""
    rel = relations(corpus)
    if isinstance(item, Agreement):
        return {"signatories": [_signer_record(s) for s in rel.signers(item.id)]}
    if not isinstance(item, Entity):
        return {}
    links: dict[str, Any] = {
        "signed": list(dict.fromkeys(s.agreement.id for s in rel.signed(item.id))),
        "party_to": [a.id for a in rel.party_to(item.id)],
        "roles": [_role_record(h) for h in rel.roles(item.id)],
    }
    if item.kind != "person":
        links["members"] = [_member_record(h) for h in rel.members(item.id)]
    links["neighbours"] = [_neighbour_record(n) for n in rel.neighbours(item.id)]
    return links


def _signer_record(signer: Signer) -> dict[str, Any]:
    """The name as recorded, the entity it is and the side (ids; null when not known)."""
    return {
        "name": signer.name,
        "entity": signer.entity.id if signer.entity is not None else None,
        "side": signer.side.id if signer.side is not None else None,
    }


def _role_record(held: Held) -> dict[str, Any]:
    role = held.role
    organization = held.organization.id if held.organization is not None else None
    return {
        "title": role.title,
        "organization": role.organization,
        "start": role.start,
        "end": role.end,
        "entity": organization,
    }


def _member_record(held: Held) -> dict[str, Any]:
    role = held.role
    return {"id": held.holder.id, "title": role.title, "start": role.start, "end": role.end}


def _neighbour_record(near: Neighbour) -> dict[str, Any]:
    return {
        "id": near.entity.id,
        "score": near.score,
        "roles": near.roles,
        "agreements": near.agreements,
        "colleagues": near.colleagues,
        "articles": near.articles,
    }


def relation_lines(corpus: Corpus, item: Item) -> dict[str, list[str]]:
    """The same links as lines to read, under the same keys: names, dates and sides, each line
    ending with the `[kind:id]` that `show` opens. (Not yet cleaned: the caller shows them.)"""
    rel = relations(corpus)
    if isinstance(item, Agreement):
        return {"signatories": [_signer_line(s) for s in rel.signers(item.id)]}
    if not isinstance(item, Entity):
        return {}
    signed = dict.fromkeys(s.agreement for s in rel.signed(item.id))
    lines = {
        "signed": [_agreement_line(a) for a in signed],
        "party_to": [_agreement_line(a) for a in rel.party_to(item.id)],
        "roles": [_role_line(h) for h in rel.roles(item.id)],
    }
    if item.kind != "person":
        lines["members"] = [_member_line(h) for h in rel.members(item.id)]
    lines["neighbours"] = [_neighbour_line(n) for n in rel.neighbours(item.id)]
    return lines


def _signer_line(signer: Signer) -> str:
    side = f"for {signer.side.name}" if signer.side is not None else "side not recorded"
    if signer.entity is None:
        return f"{signer.name}, {side} (not in the database)"
    return f"{signer.entity.name}, {side}  [entity:{signer.entity.id}]"


def _agreement_line(agreement: Agreement) -> str:
    date = agreement.signed or agreement.announced or "undated"
    return f"{date}  {agreement.label}  [agreement:{agreement.id}]"


def _role_line(held: Held) -> str:
    organization = held.organization
    if organization is None:
        return _role_text(held.role)
    return f"{_role_text(held.role, organization.name)}  [entity:{organization.id}]"


def _member_line(held: Held) -> str:
    return f"{held.holder.name}: {_role_text(held.role)}  [entity:{held.holder.id}]"


def _role_text(role: Role, organization: str = "") -> str:
    """'Minister of Defence, Government of India, 2019-05-31 to now' (`organization`: the
    name of the entity the role links to, where it names none)."""
    return ", ".join(part for part in (role.post(organization), role.span) if part)


def _neighbour_line(near: Neighbour) -> str:
    entity = near.entity
    return f"{entity.name} ({entity.kind}): {near.evidence}  [entity:{entity.id}]"
