"""The links a record holds to other records: the roles an entity held (at an organisation,
linked by id when the database has it) and the signatories of an agreement (each a person,
linked by id, and the side signed for)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tui.core.fields import _check, _choice, _date, _opt_str, _str


@dataclass(frozen=True)
class Role:
    """A position an entity (usually a person) held, with its dates when known. `entity` is
    the id of the organisation (or country) named, when it is in the database."""

    title: str
    organization: str = ""
    start: str | None = None
    end: str | None = None
    entity: str | None = None

    def where(self, organization: str = "") -> str:
        """Where it was held: the organisation the role names, else `organization` (the name
        of the entity it links to)."""
        return self.organization or organization

    def post(self, organization: str = "") -> str:
        """What was held and where: "External Affairs Minister, Government of India"."""
        return ", ".join(part for part in (self.title, self.where(organization)) if part)

    def said(self, organization: str = "") -> str:
        """The role in a line: "External Affairs Minister, Government of India (2019-05-31
        to now)"."""
        return self.dated(self.post(organization))

    def dated(self, text: str) -> str:
        """`text`, and when the role was held in brackets after it, as far as is known."""
        return " ".join(part for part in (text, f"({self.span})" if self.span else "") if part)

    @property
    def span(self) -> str:
        """When it was held, as far as is known: "2019-05-31 to now", "? to 2021"; "" when
        neither date is."""
        if not (self.start or self.end):
            return ""
        return f"{self.start or '?'} to {self.end or 'now'}"

    @classmethod
    def from_dict(cls, d: Any, where: str) -> Role:
        _check(isinstance(d, dict), where, "roles", "must hold objects with a title")
        return cls(
            title=_str(d, where, "title", None),
            organization=_str(d, where, "organization"),
            start=_date(d, where, "start"),
            end=_date(d, where, "end"),
            entity=_opt_str(d, where, "entity") or None,
        )


@dataclass(frozen=True)
class Signatory:
    """Who signed an agreement: the name as the sources give it, the entity it is (an id, when
    known) and the party signed for (an entity id, when known). Schema 1 stored the name
    alone, as a string: it is read as a signatory not yet linked. `status` is "candidate"
    when an import proposed it from an article, until a person confirms it."""

    name: str
    entity: str | None = None
    side: str | None = None
    status: str = "confirmed"

    @classmethod
    def from_value(cls, value: Any, where: str) -> Signatory:
        if isinstance(value, str):
            _check(bool(value.strip()), where, "signatories", "must not hold empty names")
            return cls(value)
        _check(
            isinstance(value, dict),
            where,
            "signatories",
            "must hold names or objects with a name, an entity and a side",
        )
        where = f"{where} signatory"
        return cls(
            name=_str(value, where, "name", None),
            entity=_opt_str(value, where, "entity") or None,
            side=_opt_str(value, where, "side") or None,
            status=_choice(value, where, "status", ("confirmed", "candidate"), "confirmed"),
        )
