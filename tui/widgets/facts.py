"""What an item is, as lines of Content: the top of an item page and the wide-screen preview."""

from __future__ import annotations

from textual.content import Content

from tui.corpus import Corpus, Item
from tui.models import Agreement, Article, Entity
from tui.textsafe import for_display, one_line
from tui.widgets.text import field
from tui.wording import plural

PRECISION = {4: "year", 7: "month"}


def describe(item: Item, corpus: Corpus, preview: bool = False) -> Content:
    """The facts of any item; `preview` adds the start of an article's text."""
    if isinstance(item, Entity):
        lines = entity_lines(item, corpus)
    elif isinstance(item, Agreement):
        lines = agreement_lines(item, corpus)
    else:
        lines = article_lines(item, corpus, preview)
    return Content("\n").join(lines)


def _title(text: str, note: str) -> Content:
    return Content.assemble((one_line(text), "bold"), (f"  {note}", "dim"))


def entity_lines(entity: Entity, corpus: Corpus) -> list[Content]:
    count = corpus.mention_count("entity", entity.id)
    note = f"{entity.kind} · {plural(count, 'mention')}"
    if entity.status == "candidate":
        note += " · candidate, not yet reviewed"
    lines = [_title(entity.name, note)]
    if entity.aliases:
        lines.append(field("also", ", ".join(entity.aliases)))
    if entity.description:
        lines.append(Content(for_display(entity.description)))
    for role in entity.roles:
        dates = " to ".join(d for d in (role.start, role.end or "now") if d) if role.start else ""
        where = f", {role.organization}" if role.organization else ""
        lines.append(field("role", f"{role.title}{where}" + (f" ({dates})" if dates else "")))
    lines += [field(key, value) for key, value in entity.facts]
    if entity.notes:
        lines.append(field("notes", entity.notes))
    return lines


def signed_text(date: str | None) -> str:
    if not date:
        return "not signed (no date recorded)"
    precision = PRECISION.get(len(date))
    return f"{date} (to the {precision})" if precision else date


def agreement_lines(agreement: Agreement, corpus: Corpus) -> list[Content]:
    count = corpus.mention_count("agreement", agreement.id)
    note = f"{agreement.kind or 'agreement'} · {plural(count, 'mention')}"
    if agreement.review == "candidate":
        note += " · candidate, not yet reviewed"
    lines = [_title(agreement.acronym or agreement.name, note)]
    if agreement.acronym:
        lines.append(field("full name", agreement.name))
    lines.append(field("signed", signed_text(agreement.signed)))
    if agreement.announced:
        lines.append(field("announced", agreement.announced))
    if agreement.place:
        lines.append(field("place", agreement.place))
    parties = [p.name for p in corpus.parties(agreement)] or list(agreement.parties)
    lines.append(field("parties", ", ".join(parties) or "none recorded"))
    if agreement.signatories:
        lines.append(field("signed by", ", ".join(agreement.signatories)))
    if agreement.domains:
        lines.append(field("domains", ", ".join(agreement.domains)))
    lines.append(field("status", agreement.status or "unknown"))
    if agreement.aliases:
        lines.append(field("also", ", ".join(agreement.aliases)))
    if agreement.summary:
        lines.append(Content(for_display(agreement.summary)))
    return lines


def article_lines(article: Article, corpus: Corpus, preview: bool) -> list[Content]:
    count = len(corpus.by_article.get(article.id, ()))
    meta = [article.published or "undated", article.source, plural(count, "mention")]
    lines = [
        Content(one_line(article.title)).stylize("bold"),
        Content(" · ".join(one_line(m) for m in meta if m)).stylize("dim"),
    ]
    if article.tags:
        lines.append(field("tags", ", ".join(article.tags)))
    if preview:
        lines.append(Content(for_display(article.text[:1500])))
    return lines
