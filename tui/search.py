"""Search-as-you-type over the three kinds of item, ranked, with the matched characters marked.

Ranking, per pane: an exact name, acronym or alias first; then names that start with the query;
then name words; then words in titles; then words in text (BM25 for articles); then fuzzy matches
on names for typos ("hegsth"). Ties go to the shorter name, then the newer article. Entities and
agreements are few and searched in Python; articles are searched with SQLite FTS5 (`fts.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.corpus import Corpus
from tui.fts import ArticleIndex
from tui.highlight import Span, match_spans, snippet
from tui.names import NameIndex
from tui.query import Query, parse

PANE_LIMIT = 30  # rows per page: panes load the next page at their last row
SNIPPETS = 30  # article rows that get a snippet (about what a tall terminal shows)


@dataclass(frozen=True)
class Hit:
    """One result: what it is, how well it matched, and what to highlight when showing it."""

    kind: str
    id: str
    score: float
    label: str
    spans: tuple[Span, ...] = ()
    snippet: str = ""
    snippet_spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Results:
    """The hits of one query for each pane, with each pane's total before the limit."""

    query: Query
    articles: tuple[Hit, ...] = ()
    entities: tuple[Hit, ...] = ()
    agreements: tuple[Hit, ...] = ()
    totals: dict[str, int] = field(default_factory=dict)

    def of(self, kind: str) -> tuple[Hit, ...]:
        return {"article": self.articles, "entity": self.entities, "agreement": self.agreements}[
            kind
        ]

    def best(self) -> Hit | None:
        """The single best hit across panes: exact names beat everything else."""
        tops = [hits[0] for hits in (self.entities, self.agreements, self.articles) if hits]
        return max(tops, key=lambda h: h.score, default=None)


class Index:
    """Everything search needs, built once per corpus (in a worker, never on the UI thread)."""

    def __init__(self, corpus: Corpus, cache: Path | None = None, key: str = "") -> None:
        self.corpus = corpus
        self.names = NameIndex(corpus)
        articles = corpus.articles.values()
        if cache is not None:
            self.articles, self.warm = ArticleIndex.cached(articles, cache, key)
        else:
            self.articles, self.warm = ArticleIndex.build(articles), False

    def search(self, text: str | Query, limit: int = PANE_LIMIT) -> Results:
        """Rank every kind of item for a query string (or an already parsed query)."""
        query = parse(text) if isinstance(text, str) else text
        article_rows, article_total = self._articles(query, limit)
        entity_rows, entity_total = self.names.search(query, "entity", limit)
        agreement_rows, agreement_total = self.names.search(query, "agreement", limit)
        return Results(
            query,
            articles=tuple(self._article_hit(query, i, s, n) for n, (i, s) in
                           enumerate(article_rows)),
            entities=tuple(self._named_hit(query, "entity", i, s) for i, s in entity_rows),
            agreements=tuple(self._named_hit(query, "agreement", i, s) for i, s in agreement_rows),
            totals={"article": article_total, "entity": entity_total,
                    "agreement": agreement_total},
        )

    def _articles(self, query: Query, limit: int) -> tuple[list[tuple[str, float]], int]:
        if query.kinds and "article" not in query.kinds:
            return [], 0
        if query.parties or query.statuses:
            return [], 0
        return self.articles.search(query, limit)

    def _article_hit(self, query: Query, article_id: str, score: float, rank: int) -> Hit:
        article = self.corpus.articles[article_id]
        terms = query.highlight_terms
        spans = tuple(match_spans(article.title, terms, query.prefix_last))
        excerpt, excerpt_spans = ("", [])
        if terms and rank < SNIPPETS:
            excerpt, excerpt_spans = snippet(article.text, terms, query.prefix_last)
        return Hit("article", article_id, score, article.title, spans, excerpt,
                   tuple(excerpt_spans))

    def _named_hit(self, query: Query, kind: str, item_id: str, score: float) -> Hit:
        item = self.corpus.get(kind, item_id)
        assert item is not None
        spans = match_spans(item.label, query.highlight_terms, query.prefix_last)
        return Hit(kind, item_id, score, item.label, tuple(spans))
