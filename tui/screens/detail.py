"""The page of an entity or an agreement: what it is, where it is mentioned, what it connects to."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

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
from tui.screens.ask import AskText, PickItem
from tui.widgets.facts import describe
from tui.widgets.text import MATCH_STYLE, line_with_spans
from tui.wording import plural, summary


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
    """An entity or agreement page; `enter` on a row follows it, `esc` goes back.

    Review keys: `a` accept and `x` reject a candidate, `m` merge into another item, `+` add an
    alias. Each writes in a worker, then the app reloads and reopens the page.
    """

    BINDINGS = [
        Binding("escape,backspace", "app.back", "Back"),
        Binding("a", "review('accept')", "Accept"),
        Binding("x", "review('reject')", "Reject"),
        Binding("m", "merge", "Merge into…"),
        Binding("plus", "alias", "Add alias"),
    ]

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
             _two_lines(a.label, summary(a, self.corpus.mention_count("agreement", a.id))))
            for a in agreements
        ]

    def _entity_rows(self, entities: list[Entity]) -> list[tuple[Link, Content]]:
        return [
            (Link("entity", e.id),
             _two_lines(e.name, summary(e, self.corpus.mention_count("entity", e.id))))
            for e in entities
        ]

    def _named_with_rows(self) -> list[tuple[Link, Content]]:
        return [
            (Link("entity", e.id), _two_lines(e.name, f"{e.kind} · {plural(n, 'shared mention')}"))
            for e, n in self.corpus.named_with(self.kind, self.item.id)
        ]

    @property
    def is_candidate(self) -> bool:
        item = self.item
        return (item.status if isinstance(item, Entity) else item.review) == "candidate"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "review":
            return self.is_candidate and not self.app.store.read_only  # type: ignore[attr-defined]
        if action in ("merge", "alias"):
            return not self.app.store.read_only  # type: ignore[attr-defined]
        return True

    def action_review(self, verb: str) -> None:
        self._write(verb, None)

    def action_merge(self) -> None:
        index = self.app.index  # type: ignore[attr-defined]
        name = self.item.label
        self.app.push_screen(PickItem(f"Merge {name} into:", index, self.kind, self.item.id),
                             lambda target: self._write("merge", target) if target else None)

    def action_alias(self) -> None:
        self.app.push_screen(AskText(f"Another name for {self.item.label}:"),
                             lambda alias: self._write("alias", alias) if alias else None)

    def _write(self, verb: str, value: str | None) -> None:
        """Run the write on an app worker, so its errors reach the app's error display."""
        self.app.run_worker(partial(self._apply, verb, value), thread=True, group="write",
                            exclusive=True, exit_on_error=False)

    def _apply(self, verb: str, value: str | None) -> None:
        """Apply a review action to the file, then have the app reload and reopen."""
        from tui import review
        store, kind, item_id = self.app.store, self.kind, self.item.id  # type: ignore[attr-defined]
        actions = {
            "accept": lambda: review.accept(store, kind, item_id),
            "reject": lambda: review.reject(store, kind, item_id),
            "merge": lambda: review.merge(store, kind, item_id, value or ""),
            "alias": lambda: review.add_alias(store, kind, item_id, value or ""),
        }
        actions[verb]()
        reopen = None if verb == "reject" else (kind, value if verb == "merge" else item_id)
        self.app.call_from_thread(self._done, verb, reopen)

    def _done(self, verb: str, reopen: tuple[str, str] | None) -> None:
        done = {"accept": "accepted", "reject": "rejected", "merge": "merged", "alias": "added"}
        self.app.notify(f"{done[verb]}: {self.item.label}", markup=False)
        if reopen is None:
            self.app.action_back()  # type: ignore[attr-defined]
        self.app.reload(reopen)  # type: ignore[attr-defined]

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
