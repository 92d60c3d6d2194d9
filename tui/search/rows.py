"""What search keeps of each record, so the on-disk cache can answer without the database: an
article's `ArticleRow`, an entity's or agreement's `NameRecord`; and the orders and forms their
columns take in the cache."""

from __future__ import annotations

from dataclasses import astuple, dataclass
from typing import Any

from tui.core.models import Agreement, Article, Entity
from tui.core.wording import summary
from tui.search.query import fold, words


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """What the search cache keeps of an article."""

    id: str
    title: str
    text: str
    published: str | None
    added: str
    source: str
    tags: tuple[str, ...]
    notes: str = ""

    @classmethod
    def of(cls, article: Article) -> ArticleRow:
        return cls(
            article.id,
            article.title,
            article.text,
            article.published,
            article.added,
            article.source,
            article.tags,
            article.notes,
        )

    @classmethod
    def from_dict(cls, doc: Any) -> ArticleRow:
        """From a record as stored, before it is validated: anything malformed becomes empty
        (validation then rejects the file, naming the record)."""
        doc = doc if isinstance(doc, dict) else {}
        tags = doc.get("tags")
        return cls(
            _str(doc, "id"),
            _str(doc, "title"),
            _str(doc, "text"),
            _str(doc, "published") or None,
            _str(doc, "added"),
            _str(doc, "source"),
            tuple(t for t in tags if isinstance(t, str)) if isinstance(tags, list) else (),
            _str(doc, "notes"),
        )


def newest_first(row: ArticleRow) -> tuple[bool, str, str]:
    """Sort key: published articles newest first, then undated ones by when they were added."""
    return (row.published is None, _invert(row.published or ""), _invert(row.added))


def _invert(value: str) -> str:
    return value.translate(_INVERT)


_INVERT = str.maketrans("0123456789", "9876543210")


def year_of(row: ArticleRow) -> int | None:
    head = (row.published or "")[:4]
    return int(head) if head.isdigit() else None


def tag_column(tags: tuple[str, ...]) -> str:
    return "|" + "|".join(fold(t) for t in tags) + "|"


def note_words(notes: str) -> str:
    """The folded words of notes, each between spaces, as `note:` looks them up."""
    return f" {' '.join(words(notes))} "


def _str(doc: dict, key: str) -> str:
    value = doc.get(key)
    return value if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class NameRecord:
    """What search knows of an entity or agreement."""

    kind: str  # "entity" or "agreement"
    id: str
    label: str
    summary: str  # the line under the label in a pane
    names: tuple[str, ...]
    own_kind: str  # "person", "country", ... for entities; "agreement" for agreements
    body: str  # description or summary: searched for phrases
    text: str  # every other searchable word: kind, roles, domains, standing
    year: int | None
    tags: tuple[str, ...]  # folded
    review: str  # "confirmed" or "candidate"
    standing: str  # an agreement's folded status ("in force"); "" for entities
    parties: tuple[str, ...]
    mentions: int
    signed: int | None  # the year an agreement was signed (`year` falls back on announced)
    announced: int | None  # the year an agreement was announced
    notes: str = " "  # the folded words of its notes, each between spaces (`note_words`)

    @classmethod
    def of(cls, item: Entity | Agreement, mentions: int) -> NameRecord:
        tags = tuple(fold(t) for t in item.tags)
        if isinstance(item, Entity):
            roles = " ".join(r.title for r in item.roles)
            return cls(
                "entity",
                item.id,
                item.label,
                summary(item, mentions),
                item.names,
                item.kind,
                item.description,
                f"{item.kind} {roles}",
                None,
                tags,
                item.status,
                "",
                (),
                mentions,
                None,
                None,
                note_words(item.notes),
            )
        text = f"{item.kind} {' '.join(item.domains)} {item.status}"
        return cls(
            "agreement",
            item.id,
            item.label,
            summary(item, mentions),
            item.names,
            "agreement",
            item.summary,
            text,
            item.year,
            tags,
            item.review,
            fold(item.status),
            item.parties,
            mentions,
            _year(item.signed),
            _year(item.announced),
            note_words(item.notes),
        )

    def to_row(self) -> list:
        return list(astuple(self))

    @classmethod
    def from_row(cls, row: list) -> NameRecord:
        fields = list(row)
        for i in (4, 9, 12):  # names, tags, parties: lists in the cache
            fields[i] = tuple(fields[i])
        return cls(*fields)


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None
