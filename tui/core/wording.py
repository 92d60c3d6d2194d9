"""Short descriptions of records, shared by the panes, the item pages and the search cache."""

from __future__ import annotations

from tui.core.models import Agreement, Article, Entity
from tui.core.textsafe import one_line


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def date_text(value: str | None) -> str:
    return value or "undated"


def summary(item: Article | Entity | Agreement, mentions: int = 0) -> str:
    """The one-line description under a record's name in a list: what and when, how often named."""
    if isinstance(item, Article):
        return article_summary(item.published, item.source)
    if isinstance(item, Entity):
        marker = " · candidate" if item.status == "candidate" else ""
        return f"{item.kind} · {plural(mentions, 'mention')}{marker}"
    marker = " · candidate" if item.review == "candidate" else ""
    return f"{date_text(item.signed or item.announced)} · {plural(mentions, 'mention')}{marker}"


def article_summary(published: str | None, source: str) -> str:
    return " · ".join(one_line(p) for p in (date_text(published), source) if p)
