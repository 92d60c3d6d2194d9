"""The page of an entity or an agreement: what it is, where it is mentioned, what it connects to."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.corpus import Context, Corpus
from tui.models import Agreement, Entity, Mention
from tui.widgets.facts import describe
from tui.widgets.text import MATCH_STYLE, line_with_spans, plural, summary_line


@dataclass(frozen=True)
class Link:
    """Where a row of the links list leads."""

    kind: str
    item_id: str
    mention: Mention | None = None


class Links(OptionList):
    """The page's links: mentions, agreements, parties, related items. `j`/`k` move."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("enter", "select", "Open"),
    ]


class DetailScreen(Screen):
    """An entity or agreement page; `enter` on a row follows it, `esc` goes back."""

    BINDINGS = [Binding("escape,backspace", "app.back", "Back")]

    def __init__(self, item: Entity | Agreement, corpus: Corpus) -> None:
        super().__init__(classes="item-screen")
        self.item = item
        self.corpus = corpus
        self.kind = "entity" if isinstance(item, Entity) else "agreement"
        self.links: list[Link] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="facts"):
            yield Static(describe(self.item, self.corpus), id="facts-body")
        yield Links(*self._options(), id="links")
        yield Footer()

    def on_mount(self) -> None:
        links = self.query_one(Links)
        links.focus()
        links.action_first()

    def _options(self) -> list[Option]:
        if isinstance(self.item, Entity):
            sections = [
                ("Mentioned in", self._mention_rows()),
                ("Agreements", self._agreement_rows(self.corpus.agreements_of(self.item.id))),
                ("Often named with", self._named_with_rows()),
            ]
        else:
            sections = [
                ("Parties", self._entity_rows(self.corpus.parties(self.item))),
                ("Related agreements",
                 self._agreement_rows(self.corpus.related_agreements(self.item))),
                ("Mentioned in", self._mention_rows()),
            ]
        options: list[Option] = []
        for heading, rows in sections:
            count = sum(link is not None for link, _ in rows)
            options.append(Option(Content(f"{heading} ({count})").stylize("bold"),
                                  disabled=True))
            options += [self._link_option(link, prompt) for link, prompt in rows]
            if not rows:
                options.append(Option(Content("  none yet").stylize("dim"), disabled=True))
        return options

    def _link_option(self, link: Link | None, prompt: Content) -> Option:
        if link is None:
            return Option(prompt, disabled=True)
        self.links.append(link)
        return Option(prompt, id=str(len(self.links) - 1))

    def _mention_rows(self) -> list[tuple[Link | None, Content]]:
        """Each article once, as a sub-heading, then the sentence of each mention in it."""
        rows: list[tuple[Link | None, Content]] = []
        article_id = None
        for context in self.corpus.contexts(self.kind, self.item.id):
            if context.article.id != article_id:
                article_id = context.article.id
                rows.append((None, _article_heading(context)))
            link = Link("article", context.article.id, context.mention)
            rows.append((link, _context_prompt(context)))
        return rows

    def _agreement_rows(self, agreements: list[Agreement]) -> list[tuple[Link, Content]]:
        return [
            (Link("agreement", a.id),
             _two_lines(a.label, summary_line("agreement", a, self.corpus)))
            for a in agreements
        ]

    def _entity_rows(self, entities: list[Entity]) -> list[tuple[Link, Content]]:
        return [
            (Link("entity", e.id), _two_lines(e.name, summary_line("entity", e, self.corpus)))
            for e in entities
        ]

    def _named_with_rows(self) -> list[tuple[Link, Content]]:
        return [
            (Link("entity", e.id), _two_lines(e.name, f"{e.kind} · {plural(n, 'shared mention')}"))
            for e, n in self.corpus.named_with(self.kind, self.item.id)
        ]

    @on(OptionList.OptionSelected, "#links")
    def _follow(self, event: OptionList.OptionSelected) -> None:
        link = self.links[int(event.option.id or 0)]
        self.app.open_item(link.kind, link.item_id, link.mention)  # type: ignore[attr-defined]


def _two_lines(label: str, detail: str) -> Content:
    return Content.assemble(line_with_spans(label, (), ""), "\n", (detail, "dim"))


def _article_heading(context: Context) -> Content:
    article = context.article
    title = line_with_spans(article.title, (), "").stylize("italic")
    return Content.assemble(" ", title, (f"  {article.published or 'undated'}", "dim"))


def _context_prompt(context: Context) -> Content:
    sentence = line_with_spans(context.sentence, [(context.start, context.end)], MATCH_STYLE)
    return sentence
