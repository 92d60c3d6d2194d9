"""What an item is, as lines of Content: the top of an item page and the wide-screen preview.

Every field of a record that a person could want is here, each through the safe constructors of
text.py: nothing of the data reaches the screen another way.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from textual.content import Content

from tui.core.corpus import Corpus, Item
from tui.core.models import Agreement, Article, Entity, Role
from tui.core.wording import plural
from tui.knowledge.relations import relations
from tui.ui.text import assemble, block, field, lines, plain

PRECISION = {4: "year", 7: "month"}
MINE_STYLE = "bold italic"  # the label of what is the user's own, not the database's
PREVIEW_TEXT = 1500  # characters of an article's text in the preview
Mine = Sequence[Content]  # the user's own lines (mine_lines)


def describe(item: Item, corpus: Corpus, preview: bool = False, mine: Mine = ()) -> Content:
    """The facts of any item; `preview` adds the start of an article's text."""
    return lines(fact_lines(item, corpus, preview, mine))


def fact_lines(item: Item, corpus: Corpus, preview: bool = False, mine: Mine = ()) -> list[Content]:
    """The facts of any item, one Content a line (a line may wrap), the user's own (`mine`,
    see `mine_lines`) after the database's notes. On an item page (not `preview`) an entity's
    roles are left to the page's own section, where they are links."""
    if isinstance(item, Entity):
        return entity_lines(item, corpus, roles=preview, mine=mine)
    if isinstance(item, Agreement):
        return agreement_lines(item, corpus, mine)
    return article_lines(item, corpus, preview, mine)


def mine_lines(note: str, tags: Sequence[str], bookmarked: bool) -> list[Content]:
    """The user's own note, tags and bookmark on an item, each marked as theirs."""
    out = [plain(" bookmarked ", "reverse")] if bookmarked else []
    if tags:
        out.append(assemble(("your tags: ", MINE_STYLE), plain(", ".join(tags), "italic")))
    if note:
        out.append(assemble(("your note: ", MINE_STYLE), block(note, "italic")))
    return out


def _title(text: str, note: str) -> Content:
    return assemble(plain(text, "bold"), plain(f"  {note}", "dim"))


def _listed(label: str, values: tuple[str, ...] | list[str]) -> list[Content]:
    return [field(label, ", ".join(values))] if values else []


def _own(record: Entity | Agreement | Article, mine: Mine = ()) -> list[Content]:
    """What every kind of record carries: tags, notes and sources; the user's own beside."""
    out = _listed("tags", record.tags)
    if record.notes:
        out.append(assemble(("notes: ", "dim"), block(record.notes)))
    out += mine
    sources = getattr(record, "sources", ())
    out += [field("source", source) for source in sources]
    return out


def role_text(role: Role, corpus: Corpus) -> str:
    """A role in a line: "Title, Organisation (2019-05-31 to now)", where it was held named
    by the entity the role links to when the role names no organisation."""
    linked = corpus.get("entity", role.entity) if role.entity else None
    return role.said(linked.name if isinstance(linked, Entity) else "")


def entity_lines(
    entity: Entity, corpus: Corpus, roles: bool = True, mine: Mine = ()
) -> list[Content]:
    count = corpus.mention_count("entity", entity.id)
    note = f"{entity.kind} · {plural(count, 'mention')}"
    if entity.status == "candidate":
        note += " · candidate, not yet reviewed"
    out = [_title(entity.name, note), *_listed("also", entity.aliases)]
    if entity.kind_evidence:  # why an import guessed the kind: `K` sets it
        weak = " (weak evidence: K sets the kind)" if entity.kind_unsure else ""
        out.append(field("kind from", entity.kind_evidence + weak))
    if entity.description:
        out.append(block(entity.description))
    if roles:
        out += [field("role", role_text(role, corpus)) for role in entity.roles]
    out += [field(key, value) for key, value in entity.facts]
    return out + _own(entity, mine)


def signed_text(date: str | None) -> str:
    if not date:
        return "not signed (no date recorded)"
    precision = PRECISION.get(len(date))
    return f"{date} (to the {precision})" if precision else date


def agreement_lines(agreement: Agreement, corpus: Corpus, mine: Mine = ()) -> list[Content]:
    count = corpus.mention_count("agreement", agreement.id)
    note = f"{agreement.kind or 'agreement'} · {plural(count, 'mention')}"
    if agreement.review == "candidate":
        note += " · candidate, not yet reviewed"
    out = [_title(agreement.acronym or agreement.name, note)]
    if agreement.acronym:
        out.append(field("full name", agreement.name))
    out.append(field("signed", signed_text(agreement.signed)))
    if agreement.announced:
        out.append(field("announced", agreement.announced))
    if agreement.place:
        out.append(field("place", agreement.place))
    parties = [p.name for p in corpus.parties(agreement)] or list(agreement.parties)
    out.append(field("parties", ", ".join(parties) or "none recorded"))
    out += _listed("signed by", [s.label for s in relations(corpus).signers(agreement.id)])
    out += _listed("domains", agreement.domains)
    out.append(field("status", agreement.status or "unknown"))
    out += _listed("also", agreement.aliases)
    if agreement.summary:
        out.append(block(agreement.summary))
    return out + _own(agreement, mine)


def moment(stamp: str) -> str:
    """A stored time as a person reads it: "2026-12-04 16:48 UTC" for 2026-12-04T16:48:20+00:00,
    the date alone at midnight (a day, not a time); what is not a time, as it is written."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if (when.hour, when.minute, when.second) == (0, 0, 0):
        return when.date().isoformat()
    offset = when.utcoffset()
    zone = "" if offset is None else " UTC" if offset == timedelta(0) else f" {when:%z}"
    return f"{when:%Y-%m-%d %H:%M}{zone}"


def article_lines(
    article: Article, corpus: Corpus, preview: bool, mine: Mine = ()
) -> list[Content]:
    count = len(corpus.by_article.get(article.id, ()))
    meta = [article.published or "undated", article.source, plural(count, "mention")]
    out = [plain(article.title, "bold"), plain(" · ".join(m for m in meta if m), "dim")]
    out += _listed("by", article.authors)
    if article.url:
        out.append(field("url", article.url))
    if article.added:
        out.append(field("added", moment(article.added)))
    out += _own(article, mine)
    if preview:
        out.append(block(article.text[:PREVIEW_TEXT]))
    return out
