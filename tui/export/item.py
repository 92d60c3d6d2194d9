"""One item out of Quadrant, as its page shows it: its fields, its links (signers, parties,
roles, related agreements, connected entities; for an article, what it names) and each sentence
that names it (for an article, each mention with its sentence), in Markdown, CSV or JSON lines.

Cleaned as formats.py cleans a result set: no control character, no spreadsheet formula, no
Markdown made by the data. The reader's own note and tags, when given, go with it, marked as
theirs.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

import orjson

from tui.core.corpus import Corpus, Item, sentence_span
from tui.core.models import Agreement, Article, Entity
from tui.export.formats import cleaned, csv_cell, md_line
from tui.knowledge.relations import relations


@dataclass(frozen=True)
class Linked:
    """A link of the item: how it relates, and to what."""

    relation: str  # "party", "signed by", "related", "mentions", …
    kind: str
    id: str
    name: str
    detail: str = ""


@dataclass(frozen=True)
class Quote:
    """A sentence naming the item (or, for an article, one of its mentions)."""

    article: Article
    kind: str  # of what the sentence names
    target: str
    name: str
    sentence: str


@dataclass(frozen=True)
class Mine:
    """The reader's own note and tags on the item (the personal layer)."""

    note: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Exported:
    """Everything written of one item."""

    kind: str
    item: Item
    corpus: Corpus
    links: list[Linked]
    quotes: list[Quote]
    mine: Mine


def export_item(item: Item, corpus: Corpus, fmt: str, mine: Mine | None = None) -> str:
    """`item` with its links and quotes, in `fmt` ("md", "csv" or "json": JSON lines)."""
    found = Exported(
        _kind(item), item, corpus, links_of(item, corpus), quotes_of(item, corpus), mine or Mine()
    )
    writer = {"md": _markdown, "csv": _csv, "json": _json}[fmt]
    return writer(found)


def _kind(item: Item) -> str:
    if isinstance(item, Article):
        return "article"
    return "entity" if isinstance(item, Entity) else "agreement"


def links_of(item: Item, corpus: Corpus) -> list[Linked]:
    """What the item's page links to, in the page's order."""
    if isinstance(item, Agreement):
        return _agreement_links(item, corpus)
    if isinstance(item, Entity):
        return _entity_links(item, corpus)
    named: dict[tuple[str, str], int] = {}
    for mention in corpus.by_article.get(item.id, ()):
        key = (mention.target_kind, mention.target)
        named[key] = named.get(key, 0) + 1
    return [
        Linked("names", kind, target, _name(corpus, kind, target), f"{count}×")
        for (kind, target), count in named.items()
    ]


def _agreement_links(agreement: Agreement, corpus: Corpus) -> list[Linked]:
    out = []
    for signer in relations(corpus).signers(agreement.id):
        side = f"for {signer.side.name}" if signer.side is not None else ""
        target = signer.entity.id if signer.entity is not None else ""
        out.append(Linked("signed by", "entity", target, signer.name, side))
    out += [Linked("party", "entity", e.id, e.name, e.kind) for e in corpus.parties(agreement)]
    out += [
        Linked("related", "agreement", a.id, a.label, a.signed or "")
        for a in corpus.related_agreements(agreement)
    ]
    return out


def _entity_links(entity: Entity, corpus: Corpus) -> list[Linked]:
    rel = relations(corpus)
    out = [
        Linked("signed", "agreement", s.agreement.id, s.agreement.label, s.agreement.signed or "")
        for s in rel.signed(entity.id)
    ]
    out += [
        Linked("party to", "agreement", a.id, a.label, a.signed or "")
        for a in rel.party_to(entity.id)
    ]
    for held in rel.roles(entity.id):
        where = held.organization
        out.append(
            Linked(
                "role", "entity", where.id if where else "", held.role.organization, held.role.title
            )
        )
    out += [
        Linked("people", "entity", h.holder.id, h.holder.name, h.role.title)
        for h in rel.members(entity.id)
    ]
    out += [
        Linked("connected to", "entity", n.entity.id, n.entity.name, n.evidence)
        for n in rel.neighbours(entity.id)
    ]
    return out


def quotes_of(item: Item, corpus: Corpus) -> list[Quote]:
    """Each sentence that names the item, once; for an article, each of its mentions."""
    if isinstance(item, Article):
        quotes = []
        for mention in corpus.by_article.get(item.id, ()):
            start, end, _, _ = sentence_span(item.text, mention.start, mention.end)
            name = _name(corpus, mention.target_kind, mention.target)
            quotes.append(
                Quote(item, mention.target_kind, mention.target, name, item.text[start:end])
            )
        return quotes
    kind = _kind(item)
    return [
        Quote(c.article, kind, item.id, item.label, c.sentence)
        for c in corpus.sentences(kind, item.id)
    ]


def _name(corpus: Corpus, kind: str, item_id: str) -> str:
    found = corpus.get(kind, item_id)
    return found.label if found is not None else item_id


# -- JSON lines ------------------------------------------------------------------------------


def _json(found: Exported) -> str:
    kind, item, mine = found.kind, found.item, found.mine
    record = {"type": kind, **item.to_dict()}
    if kind != "article":
        record["mentions"] = found.corpus.mention_count(kind, item.id)
    if mine.note or mine.tags:
        record["your_note"], record["your_tags"] = mine.note, list(mine.tags)
    rows = [record]
    rows += [{"type": "link", **vars(link)} for link in found.links]
    rows += [_quote_record(quote) for quote in found.quotes]
    return "".join(orjson.dumps(cleaned(row)).decode() + "\n" for row in rows)


def _quote_record(quote: Quote) -> dict:
    return {
        "type": "mention",
        "article": quote.article.id,
        "title": quote.article.title,
        "published": quote.article.published,
        "kind": quote.kind,
        "id": quote.target,
        "name": quote.name,
        "sentence": quote.sentence,
    }


# -- CSV -------------------------------------------------------------------------------------

CSV_FIELDS = ("relation", "kind", "id", "name", "detail")


def _csv(found: Exported) -> str:
    kind, item, mine = found.kind, found.item, found.mine
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    rows: list[tuple[str, ...]] = [("item", kind, item.id, item.label, _about(item))]
    if mine.note or mine.tags:
        rows.append(("your note", kind, item.id, " ".join(mine.tags), mine.note))
    rows += [(link.relation, link.kind, link.id, link.name, link.detail) for link in found.links]
    rows += [_quote_row(kind, quote) for quote in found.quotes]
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def _quote_row(kind: str, quote: Quote) -> tuple[str, ...]:
    if kind == "article":  # the item is the article: the row names what it mentions
        return ("mention", quote.kind, quote.target, quote.name, quote.sentence)
    return ("mentioned in", "article", quote.article.id, quote.article.title, quote.sentence)


def _about(item: Item) -> str:
    if isinstance(item, Article):
        return " · ".join(p for p in (item.published or "undated", item.source, item.url) if p)
    if isinstance(item, Entity):
        return f"{item.kind}: {item.description}".rstrip(": ")
    return " · ".join(p for p in (item.signed or "undated", item.summary) if p)


# -- Markdown --------------------------------------------------------------------------------


def _markdown(found: Exported) -> str:
    item, mine = found.item, found.mine
    lines = [f"# {md_line(item.label)}", "", *_md_facts(item), ""]
    if mine.note or mine.tags:
        lines += _md_mine(mine)
    lines += _md_links(found.links)
    lines += _md_quotes(found.kind, found.quotes)
    if isinstance(item, Article):
        lines += ["## Text", "", *(_md_paragraph(p) for p in item.text.split("\n\n") if p.strip())]
    return "\n".join(lines).rstrip() + "\n"


def _md_facts(item: Item) -> list[str]:
    facts: list[tuple[str, str]] = [("id", item.id)]
    if isinstance(item, Article):
        facts += [
            ("published", item.published or "undated"),
            ("source", item.source),
            ("url", item.url),
        ]
        facts += [("by", ", ".join(item.authors))]
    elif isinstance(item, Entity):
        facts += [
            ("kind", item.kind),
            ("also", ", ".join(item.aliases)),
            ("about", item.description),
        ]
    else:
        facts += [("full name", item.name), ("signed", item.signed or "not recorded")]
        facts += [
            ("domains", ", ".join(item.domains)),
            ("status", item.status),
            ("summary", item.summary),
        ]
    facts += [("tags", ", ".join(item.tags)), ("notes", item.notes)]
    return [f"- **{label}**: {md_line(value)}" for label, value in facts if value]


def _md_mine(mine: Mine) -> list[str]:
    lines = ["## Yours", ""]
    if mine.tags:
        lines.append(f"- **your tags**: {md_line(', '.join(mine.tags))}")
    if mine.note:
        lines += [
            "- **your note**:",
            "",
            *(f"  {md_line(line)}" for line in mine.note.splitlines()),
        ]
    return [*lines, ""]


HEADINGS = {
    "signed by": "Signed by",
    "party": "Parties",
    "related": "Related agreements",
    "signed": "Signed",
    "party to": "Party to",
    "role": "Roles",
    "people": "People",
    "connected to": "Connected to",
    "names": "Names",
}


def _md_links(links: Sequence[Linked]) -> list[str]:
    lines: list[str] = []
    for relation in dict.fromkeys(link.relation for link in links):
        chosen = [link for link in links if link.relation == relation]
        lines += [f"## {HEADINGS.get(relation, relation)} ({len(chosen)})", ""]
        for link in chosen:
            ident = f" `{md_line(link.id)}`" if link.id else ""
            detail = f": {md_line(link.detail)}" if link.detail else ""
            lines.append(f"- **{md_line(link.name)}** ({link.kind}{ident}){detail}")
        lines.append("")
    return lines


def _md_quotes(kind: str, quotes: Sequence[Quote]) -> list[str]:
    """Each sentence once, under its article's title; in an article's own export, with the
    names it holds."""
    if not quotes:
        return []
    heading = "Mentions" if kind == "article" else "Mentioned in"
    lines = [f"## {heading} ({len(quotes)})", ""]
    article = None
    for sentence, names in _by_sentence(quotes):
        if kind != "article" and sentence.article.id != article:
            article = sentence.article.id
            date = sentence.article.published or "undated"
            lines += [f"### {md_line(sentence.article.title)} ({md_line(date)})", ""]
        named = f"**{md_line(', '.join(names))}**: " if kind == "article" else ""
        lines += [f"> {named}{md_line(sentence.sentence)}", ""]
    return lines


def _by_sentence(quotes: Sequence[Quote]) -> list[tuple[Quote, list[str]]]:
    """Quotes of one sentence in a row, as one, with the names it holds (each once)."""
    grouped: list[tuple[Quote, list[str]]] = []
    for quote in quotes:
        last = grouped[-1] if grouped else None
        if last and (last[0].article.id, last[0].sentence) == (quote.article.id, quote.sentence):
            if quote.name not in last[1]:
                last[1].append(quote.name)
        else:
            grouped.append((quote, [quote.name]))
    return grouped


def _md_paragraph(text: str) -> str:
    return md_line(text) + "\n"
