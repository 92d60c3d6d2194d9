"""The records of a Quadrant database: articles, entities, agreements and mentions.

Frozen dataclasses with validation. `from_dict` accepts what a database file holds and raises
`ModelError` naming the record and the field when something is wrong; `to_dict` gives back a
plain, JSON-ready dict. Nothing here knows about TinyDB or Textual.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any, ClassVar, Literal

from tui.core.fields import (  # noqa: F401  (ModelError and is_iso_date are part of this API)
    ModelError,
    _check,
    _choice,
    _date,
    _ident,
    _int,
    _list,
    _opt_str,
    _str,
    _strs,
    is_iso_date,
)
from tui.core.links import Role, Signatory  # noqa: F401  (part of this API)

ENTITY_KINDS = (
    "person",
    "organization",
    "country",
    "group",
    "initiative",
    "system",
    "place",
    "event",
)
REVIEW_STATES = ("confirmed", "candidate")
UNSURE_OF = ("kind", "name")  # what an import can be unsure of about a candidate
TARGET_KINDS = ("entity", "agreement")
TargetKind = Literal["entity", "agreement"]

_SLUG_CHARS = re.compile(r"[^a-z0-9]+")


def slugify(text: str, fallback: str = "item") -> str:
    """A stable, URL-safe id made from a name: 'Make in India' -> 'make-in-india'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = _SLUG_CHARS.sub("-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or fallback


def text_digest(text: str) -> str:
    """The sha256 of an article's text, used to recognise the same article twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


class Record:
    """Shared behaviour of the records: a plain-dict view for the store."""

    __slots__ = ()
    TABLE: ClassVar[str]

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON values (tuples become lists). Field by field rather than
        `asdict`, which deep-copies every value and dominated the cost of an import."""
        out = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            out[name] = list(value) if isinstance(value, tuple) else value
        return out

    @property
    def label(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class Article(Record):
    """A document: its text is the ground truth that mentions point into."""

    TABLE: ClassVar[str] = "articles"
    id: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: str | None = None
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    added: str = ""
    sha256: str = ""

    @property
    def label(self) -> str:
        return self.title

    @classmethod
    def from_dict(cls, d: dict, where: str = "article") -> Article:
        fast = _fast_article(d)
        if fast is not None:
            return fast
        where = f"{where} {d.get('id', '?')!s:.40}"
        return cls(
            id=_ident(d, where),
            title=_str(d, where, "title", None),
            text=_str(d, where, "text", None),
            source=_str(d, where, "source"),
            url=_str(d, where, "url"),
            published=_date(d, where, "published"),
            authors=_strs(d, where, "authors"),
            tags=_strs(d, where, "tags"),
            notes=_str(d, where, "notes"),
            added=_str(d, where, "added"),
            sha256=_str(d, where, "sha256") or text_digest(_str(d, where, "text", None)),
        )


_ARTICLE_TEXT = ("id", "title", "text", "source", "url", "notes", "added", "sha256")


def _fast_article(d: dict) -> Article | None:
    """The common case, a well-formed stored article, without field-by-field checks; None
    sends anything unusual through the checks that name the problem."""
    try:
        strings = [d[name] for name in _ARTICLE_TEXT]
        published, authors, tags = d["published"], d["authors"], d["tags"]
    except KeyError:
        return None
    if not all(type(v) is str for v in strings) or not strings[0].strip() or not strings[7]:
        return None
    if published is not None and (type(published) is not str or not is_iso_date(published)):
        return None
    if type(authors) is not list or type(tags) is not list:
        return None
    if not all(type(v) is str for v in authors) or not all(type(v) is str for v in tags):
        return None
    ident, title, text, source, url, notes, added, sha256 = strings
    return Article(
        ident,
        title,
        text,
        source,
        url,
        published or None,
        tuple(authors),
        tuple(tags),
        notes,
        added,
        sha256,
    )


@dataclass(frozen=True)
class Entity(Record):
    """A person, organization, country, group, initiative, system, place or event."""

    TABLE: ClassVar[str] = "entities"
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    description: str = ""
    roles: tuple[Role, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    sources: tuple[str, ...] = ()
    status: str = "confirmed"
    # Why an import guessed the kind, and what it is unsure of ("kind", "name"): a candidate's
    # page shows them; review clears "kind" when a person sets it. Absent from older files.
    kind_evidence: str = ""
    unsure: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def kind_unsure(self) -> bool:
        return "kind" in self.unsure

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["roles"] = [asdict(r) for r in self.roles]
        out["facts"] = [list(pair) for pair in self.facts]
        for optional in ("kind_evidence", "unsure"):  # only when set: files stay as they were
            if not out[optional]:
                del out[optional]
        return out

    @classmethod
    def from_dict(cls, d: dict, where: str = "entity") -> Entity:
        where = f"{where} {d.get('id', '?')!s:.40}"
        roles = d.get("roles") or []
        _check(isinstance(roles, list), where, "roles", "must be a list")
        facts = d.get("facts") or []
        _check(isinstance(facts, list), where, "facts", "must be a list of [key, value] pairs")
        pairs = [
            (p[0], p[1])
            for p in facts
            if isinstance(p, list | tuple) and len(p) == 2 and all(isinstance(x, str) for x in p)
        ]
        ok = len(pairs) == len(facts)
        _check(ok, where, "facts", "must be a list of [key, value] string pairs")
        return cls(
            id=_ident(d, where),
            name=_str(d, where, "name", None),
            kind=_choice(d, where, "kind", ENTITY_KINDS, "organization"),
            aliases=_strs(d, where, "aliases"),
            description=_str(d, where, "description"),
            roles=tuple(Role.from_dict(r, where) for r in roles),
            facts=tuple(pairs),
            tags=_strs(d, where, "tags"),
            notes=_str(d, where, "notes"),
            sources=_strs(d, where, "sources"),
            status=_choice(d, where, "status", REVIEW_STATES, "confirmed"),
            kind_evidence=_str(d, where, "kind_evidence"),
            unsure=_unsure(d, where),
        )


@dataclass(frozen=True)
class Agreement(Record):
    """An agreement, framework, initiative or designation between parties.

    `status` is the agreement's own standing ("in force", "under negotiation");
    `review` says whether a person has confirmed the record or it is an import's candidate.
    """

    TABLE: ClassVar[str] = "agreements"
    id: str
    name: str
    acronym: str = ""
    kind: str = ""
    signed: str | None = None
    announced: str | None = None
    place: str = ""
    parties: tuple[str, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    domains: tuple[str, ...] = ()
    status: str = ""
    summary: str = ""
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    notes: str = ""
    sources: tuple[str, ...] = ()
    review: str = "confirmed"

    @property
    def label(self) -> str:
        return f"{self.acronym} · {self.name}" if self.acronym else self.name

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["signatories"] = [asdict(s) for s in self.signatories]
        return out

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.acronym, self.name, *self.aliases) if n)

    @property
    def year(self) -> int | None:
        date = self.signed or self.announced
        return int(date[:4]) if date else None

    @classmethod
    def from_dict(cls, d: dict, where: str = "agreement") -> Agreement:
        where = f"{where} {d.get('id', '?')!s:.40}"
        return cls(
            id=_ident(d, where),
            name=_str(d, where, "name", None),
            acronym=_str(d, where, "acronym"),
            kind=_str(d, where, "kind"),
            signed=_date(d, where, "signed"),
            announced=_date(d, where, "announced"),
            place=_str(d, where, "place"),
            parties=_strs(d, where, "parties"),
            signatories=tuple(
                Signatory.from_value(v, where) for v in _list(d, where, "signatories")
            ),
            domains=_strs(d, where, "domains"),
            status=_str(d, where, "status"),
            summary=_str(d, where, "summary"),
            aliases=_strs(d, where, "aliases"),
            related=_strs(d, where, "related"),
            tags=_strs(d, where, "tags"),
            notes=_str(d, where, "notes"),
            sources=_strs(d, where, "sources"),
            review=_choice(d, where, "review", REVIEW_STATES, "confirmed"),
        )


@dataclass(frozen=True, order=True, slots=True)
class Mention(Record):
    """One place in one article's text that names an entity or an agreement."""

    TABLE: ClassVar[str] = "mentions"
    article: str
    start: int
    end: int
    target_kind: str = field(compare=False)
    target: str = field(compare=False)

    @property
    def label(self) -> str:
        return f"{self.target_kind}:{self.target}"

    @classmethod
    def from_dict(cls, d: dict, where: str = "mention") -> Mention:
        # Databases hold many mentions: check the usual, valid shape in one expression first.
        try:
            article, start, end = d["article"], d["start"], d["end"]
            kind, target = d["target_kind"], d["target"]
            if (
                type(article) is str
                and type(start) is int
                and type(end) is int
                and 0 <= start < end
                and kind in TARGET_KINDS
                and type(target) is str
            ):
                return cls(article, start, end, kind, target)
        except (KeyError, TypeError):
            pass  # the checks below name the missing or wrong field
        where = f"{where} in {d.get('article', '?')!s:.40}"
        mention = cls(
            article=_str(d, where, "article", None),
            start=_int(d, where, "start"),
            end=_int(d, where, "end"),
            target_kind=_choice(d, where, "target_kind", TARGET_KINDS, "entity"),
            target=_str(d, where, "target", None),
        )
        _check(mention.end > mention.start, where, "end", "must be greater than start")
        return mention


RECORD_TYPES: dict[str, type[Article] | type[Entity] | type[Agreement] | type[Mention]] = {
    "articles": Article,
    "entities": Entity,
    "agreements": Agreement,
    "mentions": Mention,
}
FIELD_NAMES = {table: {f.name for f in fields(cls)} for table, cls in RECORD_TYPES.items()}


def _unsure(d: dict, where: str) -> tuple[str, ...]:
    values = _strs(d, where, "unsure")
    wrong = [v for v in values if v not in UNSURE_OF]
    if wrong:
        raise ModelError(
            f"{where}: field 'unsure' may hold {', '.join(UNSURE_OF)}, not {wrong[0]!r}"
        )
    return values
