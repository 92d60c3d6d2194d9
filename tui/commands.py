"""Command-palette provider: every article, entity and agreement, reachable by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from tui.widgets.text import MATCH_STYLE, line_with_spans

KIND_NAMES = {"article": "article", "entity": "entity", "agreement": "agreement"}
PER_KIND = 8


class ItemCommands(Provider):
    """Searches the same index as the search bar; choosing a hit opens the item."""

    def _index(self):
        return getattr(self.app, "index", None)

    async def search(self, query: str) -> Hits:
        index = self._index()
        if index is None or not query.strip():
            return
        results = index.search(query, limit=PER_KIND)
        best = max((h.score for h in (*results.entities, *results.agreements)), default=1.0)
        for kind in ("entity", "agreement", "article"):
            for rank, hit in enumerate(results.of(kind)):
                display = self._display(hit.label, hit.spans, hit.kind)
                score = max(0.05, min(1.0, hit.score / max(best, 1.0))) - rank * 0.001
                yield Hit(score, display, partial(self.app.open_item, hit.kind, hit.id),
                          text=display.plain, help=f"open this {KIND_NAMES[hit.kind]}")

    async def discover(self) -> Hits:
        index = self._index()
        if index is None:
            return
        results = index.search("", limit=PER_KIND)
        for kind in ("entity", "agreement", "article"):
            for hit in results.of(kind):
                display = self._display(hit.label, (), hit.kind)
                yield DiscoveryHit(display, partial(self.app.open_item, hit.kind, hit.id),
                                   text=display.plain, help=f"open this {KIND_NAMES[hit.kind]}")

    @staticmethod
    def _display(label: str, spans, kind: str) -> Content:
        name = line_with_spans(label, spans, MATCH_STYLE)
        return Content.assemble(name, (f"  {KIND_NAMES[kind]}", "dim"))
