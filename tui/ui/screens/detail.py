"""The page of an entity or an agreement: what it is, where it is mentioned, what it connects to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.core.corpus import Context, Corpus
from tui.core.models import Agreement, Entity, Mention
from tui.core.wording import plural, summary
from tui.ui.facts import fact_lines
from tui.ui.host import host
from tui.ui.screens.ask import AskText, PickItem
from tui.ui.text import ELLIPSIS, MATCH_STYLE, assemble, line_with_spans, plain
from tui.ui.widgets.footer import QuadrantFooter
from tui.ui.widgets.page import Page


@dataclass(frozen=True)
class Link:
    """Where a row of the page leads."""

    kind: str
    item_id: str
    mention: Mention | None = None


class DetailScreen(Screen):
    """An entity or agreement page; `enter` on a row follows it, `esc` goes back.

    Review keys: `a` accept and `x` reject a candidate, `m` merge into another item, `+` add an
    alias. Each writes in a worker, then the app reloads and reopens the page. On a read-only
    database they are not offered.
    """

    AUTO_FOCUS = "#links"
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
        yield Page(*self._facts(), *self._options(), id="links")
        yield QuadrantFooter()

    def on_mount(self) -> None:
        page = self.query_one(Page)
        self.set_focus(page)
        self.call_after_refresh(page.show_top)

    def _facts(self) -> list[Option]:
        rows = fact_lines(self.item, self.corpus)
        return [Option(row, disabled=True) for row in rows] + [Option(plain(""), disabled=True)]

    def _options(self) -> list[Option]:
        sections: list[tuple[str, Sequence[tuple[Link | None, Content]]]]
        if isinstance(self.item, Entity):
            sections = [
                (self._mention_heading(), self._mention_rows()),
                ("Agreements", self._agreement_rows(self.corpus.agreements_of(self.item.id))),
                ("Often named with", self._named_with_rows()),
            ]
        else:
            sections = [
                ("Parties", self._entity_rows(self.corpus.parties(self.item))),
                (
                    "Related agreements",
                    self._agreement_rows(self.corpus.related_agreements(self.item)),
                ),
                (self._mention_heading(), self._mention_rows()),
            ]
        options: list[Option] = []
        for heading, rows in sections:
            if not heading.endswith(")"):
                heading = f"{heading} ({sum(link is not None for link, _ in rows)})"
            options.append(Option(plain(heading, "bold"), disabled=True))
            options += [self._link_option(link, prompt) for link, prompt in rows]
            if not rows:
                options.append(Option(plain("  none yet", "dim"), disabled=True))
        return options

    def _mention_heading(self) -> str:
        """'Mentioned in (N articles, M mentions)': the two counts a reader may mean."""
        articles = self.corpus.article_count(self.kind, self.item.id)
        mentions = self.corpus.mention_count(self.kind, self.item.id)
        return f"Mentioned in ({plural(articles, 'article')}, {plural(mentions, 'mention')})"

    def _link_option(self, link: Link | None, prompt: Content) -> Option:
        if link is None:
            return Option(prompt, disabled=True)
        self.links.append(link)
        return Option(prompt, id=str(len(self.links) - 1))

    def _mention_rows(self) -> list[tuple[Link | None, Content]]:
        """Each article once, as a sub-heading, then each sentence naming the item in it, once
        however many times it names it."""
        rows: list[tuple[Link | None, Content]] = []
        article_id = None
        for context in self.corpus.sentences(self.kind, self.item.id):
            if context.article.id != article_id:
                article_id = context.article.id
                rows.append((None, _article_heading(context)))
            link = Link("article", context.article.id, context.mention)
            rows.append((link, _context_prompt(context)))
        return rows

    def _agreement_rows(self, agreements: list[Agreement]) -> list[tuple[Link, Content]]:
        return [
            (
                Link("agreement", a.id),
                _two_lines(a.label, summary(a, self.corpus.mention_count("agreement", a.id))),
            )
            for a in agreements
        ]

    def _entity_rows(self, entities: list[Entity]) -> list[tuple[Link, Content]]:
        return [
            (
                Link("entity", e.id),
                _two_lines(e.name, summary(e, self.corpus.mention_count("entity", e.id))),
            )
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
        """Write keys exist only where they can work: not on a read-only database (they are
        not shown), accept and reject only on a candidate."""
        writable = not host(self).store.read_only
        if action == "review":
            return self.is_candidate and writable
        if action in ("merge", "alias"):
            return writable
        return True

    def action_review(self, verb: str) -> None:
        self._write(verb, None)

    def action_merge(self) -> None:
        index = host(self).index
        if index is None:
            return  # not offered before search is ready: the page opens only once it is
        prompt = assemble("Merge ", plain(self.item.label, "bold"), f" into another {self.kind}:")
        scope = f"kind:{self.item.kind}" if isinstance(self.item, Entity) else ""
        self.app.push_screen(
            PickItem(prompt, index, self.kind, self.item.id, scope),
            lambda target: self._write("merge", target) if target else None,
        )

    def action_alias(self) -> None:
        prompt = assemble("Another name for ", plain(self.item.label, "bold"), ":")
        self.app.push_screen(
            AskText(prompt), lambda alias: self._write("alias", alias) if alias else None
        )

    def _write(self, verb: str, value: str | None) -> None:
        """Run the write on an app worker, so its errors reach the app's error display."""
        self.app.run_worker(
            partial(self._apply, verb, value),
            thread=True,
            group="write",
            exclusive=True,
            exit_on_error=False,
        )

    def _apply(self, verb: str, value: str | None) -> None:
        """Apply a review action to the file, then have the app reload and reopen."""
        from tui.knowledge import review

        store, kind, item_id = host(self).store, self.kind, self.item.id
        actions = {
            "accept": lambda: review.accept(store, kind, item_id),
            "reject": lambda: review.reject(store, kind, item_id),
            "merge": lambda: review.merge(store, kind, item_id, value or ""),
            "alias": lambda: review.add_alias(store, kind, item_id, value or ""),
        }
        actions[verb]()
        reopen = None if verb == "reject" else (kind, value if verb == "merge" else item_id)
        self.app.call_from_thread(self._done, verb, value, reopen)

    def _done(self, verb: str, value: str | None, reopen: tuple[str, str] | None) -> None:
        label = self.item.label
        done = {
            "accept": f"accepted: {label}",
            "reject": f"rejected: {label}",
            "merge": f"merged {label} into {self._label_of(value)}",
            "alias": f"alias {value!r} added to {label}",
        }
        self.app.notify(done[verb])
        if reopen is None:
            host(self).go_back()
        host(self).reload(reopen)

    def _label_of(self, item_id: str | None) -> str:
        item = self.corpus.get(self.kind, item_id) if item_id else None
        return item.label if item is not None else str(item_id)

    @on(OptionList.OptionSelected, "#links")
    def _follow(self, event: OptionList.OptionSelected) -> None:
        link = self.links[int(event.option.id or 0)]
        host(self).open_item(link.kind, link.item_id, link.mention)


def _two_lines(label: str, detail: str) -> Content:
    return assemble(plain(label), "\n", plain(detail, "dim"))


def _article_heading(context: Context) -> Content:
    article = context.article
    return assemble(
        " ", plain(article.title, "italic"), plain(f"  {article.published or 'undated'}", "dim")
    )


def _context_prompt(context: Context) -> Content:
    """The sentence, its mentions of the item marked, with an ellipsis where it was cut."""
    sentence = line_with_spans(
        context.sentence, context.spans or [(context.start, context.end)], MATCH_STYLE
    )
    return assemble(
        ELLIPSIS if context.cut_before else "", sentence, ELLIPSIS if context.cut_after else ""
    )
