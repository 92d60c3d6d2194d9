"""The page of an entity or an agreement: what it is, where it is mentioned, what it connects to."""

from __future__ import annotations

from functools import partial

from textual.binding import Binding
from textual.content import Content

from tui.core.corpus import Context, Corpus
from tui.core.models import Agreement, Entity
from tui.core.wording import plural, summary
from tui.knowledge.relations import Held, Neighbour, Signer, relations
from tui.ui.facts import fact_lines
from tui.ui.host import host
from tui.ui.screens.ask import AskText, PickItem
from tui.ui.screens.copy import sentence_of
from tui.ui.screens.item import ItemScreen
from tui.ui.screens.linked import Link, LinkedScreen, Row, Section, two_lines
from tui.ui.text import ELLIPSIS, MATCH_STYLE, assemble, line_with_spans, plain


class DetailScreen(LinkedScreen, ItemScreen):
    """An entity or agreement page; `enter` on a row follows it, `esc` goes back.

    Review keys: `a` accept and `x` reject a candidate, `m` merge into another item, `+` add an
    alias, `K` set an entity's kind. Each writes in a worker, then the app reloads and reopens
    the page. On a read-only database they are not offered.
    """

    OPTIONAL = ("Signed", "Party to", "Roles", "People")  # left out when empty
    MINE = True  # the user's note, tags and bookmark under the facts
    BINDINGS = [
        Binding("a", "review('accept')", "Accept"),
        Binding("x", "review('reject')", "Reject"),
        Binding("c", "connect", "Connect"),
        Binding("t", "timeline", "Timeline"),
        Binding("m", "merge", "Merge into…"),
        Binding("plus", "alias", "Add alias"),
        Binding("K", "kind", "Kind…", show=False),
    ]

    def __init__(self, item: Entity | Agreement, corpus: Corpus) -> None:
        super().__init__()
        self.item = item
        self.corpus = corpus
        self.kind = "entity" if isinstance(item, Entity) else "agreement"

    def head(self) -> list[Content]:
        return fact_lines(self.item, self.corpus, mine=self.mine())

    def sections(self) -> list[Section]:
        if isinstance(self.item, Entity):
            return self._entity_sections(self.item)
        return [
            ("Signed by", self._signer_rows(self.item)),
            ("Parties", self._entity_rows(self.corpus.parties(self.item))),
            ("Related agreements", self._agreement_rows(self.corpus.related_agreements(self.item))),
            (self._mention_heading(), self._mention_rows()),
        ]

    def _entity_sections(self, entity: Entity) -> list[Section]:
        """A person's page leads with what they signed and the roles they held; a country's or
        an organisation's with the agreements it is party to and the people who served it."""
        rel = relations(self.corpus)
        signed = [
            (
                Link("agreement", s.agreement.id, proposal=_proposal(s)),
                two_lines(s.agreement.label, _signed_note(s)),
            )
            for s in rel.signed(entity.id)
        ]
        party = self._agreement_rows(rel.party_to(entity.id))
        return [
            ("Signed", signed),
            ("Party to", party),
            ("Roles", [_role_row(h) for h in rel.roles(entity.id)]),
            ("People", [_member_row(h) for h in rel.members(entity.id)]),
            (self._mention_heading(), self._mention_rows()),
            ("Connected to", self._neighbour_rows(rel.neighbours(entity.id))),
            (
                "Agreements named in the same articles",
                self._agreement_rows([a for a, _ in self.corpus.named_agreements(entity.id)]),
            ),
        ]

    def _signer_rows(self, agreement: Agreement) -> list[Row]:
        rows: list[Row] = []
        for signer in relations(self.corpus).signers(agreement.id):
            side = f"for {signer.side.name}" if signer.side is not None else "side not recorded"
            if signer.proposed:
                side += PROPOSED
            if signer.entity is None:
                rows.append((None, two_lines(signer.name, f"{side} · not in the database")))
            else:
                link = Link("entity", signer.entity.id, proposal=_proposal(signer))
                rows.append((link, two_lines(signer.name, side)))
        return rows

    def _neighbour_rows(self, neighbours: list[Neighbour]) -> list[Row]:
        return [
            (
                Link("entity", n.entity.id),
                two_lines(n.entity.name, f"{n.entity.kind} · {n.evidence}"),
            )
            for n in neighbours
        ]

    def _mention_heading(self) -> str:
        """'Mentioned in (N articles, M mentions)': the two counts a reader may mean."""
        articles = self.corpus.article_count(self.kind, self.item.id)
        mentions = self.corpus.mention_count(self.kind, self.item.id)
        return f"Mentioned in ({plural(articles, 'article')}, {plural(mentions, 'mention')})"

    def _mention_rows(self) -> list[Row]:
        """Each article once, as a sub-heading, then each sentence naming the item in it, once
        however many times it names it."""
        rows: list[Row] = []
        article_id = None
        for context in self.corpus.sentences(self.kind, self.item.id):
            if context.article.id != article_id:
                article_id = context.article.id
                rows.append((None, _article_heading(context)))
            link = Link("article", context.article.id, context.mention)
            rows.append((link, _context_prompt(context)))
        return rows

    def _agreement_rows(self, agreements: list[Agreement]) -> list[Row]:
        return [
            (
                Link("agreement", a.id),
                two_lines(a.label, summary(a, self.corpus.mention_count("agreement", a.id))),
            )
            for a in agreements
        ]

    def _entity_rows(self, entities: list[Entity]) -> list[Row]:
        return [
            (
                Link("entity", e.id),
                two_lines(e.name, summary(e, self.corpus.mention_count("entity", e.id))),
            )
            for e in entities
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
            return (self.is_candidate or self._proposal() is not None) and writable
        if action in ("merge", "alias"):
            return writable
        if action == "kind":
            return writable and isinstance(self.item, Entity)
        if action == "connect":
            return isinstance(self.item, Entity)
        return super().check_action(action, parameters)

    def action_connect(self) -> None:
        """`c` on an entity page: how it connects to another entity."""
        from tui.ui.screens.connections import ask_and_connect

        if isinstance(self.item, Entity):
            ask_and_connect(self, self.item)

    def action_timeline(self) -> None:
        """`t`: the dated items of this page: an entity's agreements, the articles naming it
        and its roles; an agreement with the agreements related to it."""
        from tui.knowledge.timeline import entity_items
        from tui.ui.screens.timeline import TimelineScreen

        item, roles_of = self.item, None
        if isinstance(item, Entity):
            items, roles_of = entity_items(self.corpus, item.id), item.id
        else:
            items = [("agreement", item.id)]
            items += [("agreement", a.id) for a in self.corpus.related_agreements(item)]
            mentions = self.corpus.by_target.get((self.kind, item.id), ())
            items += [("article", m.article) for m in mentions]
        about = f"of {item.label}"
        page = TimelineScreen(self.corpus, None, items=items, about=about, roles_of=roles_of)
        host(self).open_page(page)

    @property
    def shown_item(self) -> Entity | Agreement:
        return self.item

    def current_sentence(self) -> str | None:
        """The sentence of the mention row under the cursor, if it is on one."""
        link = self.current_link if self.is_mounted else None
        if link is None or link.mention is None:
            return None
        return sentence_of(self.corpus, link.mention)

    def _proposal(self) -> tuple[str, str] | None:
        """The proposed signature under the cursor: `a` confirms it, `x` drops it."""
        if not self.is_mounted:
            return None
        link = self.current_link
        return link.proposal if link is not None else None

    def action_review(self, verb: str) -> None:
        proposal = self._proposal()
        if proposal is not None:
            self._write(f"{verb}_signer", "\t".join(proposal))
        else:
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

    def action_kind(self) -> None:
        """`K` on an entity's page: set its kind (an import's guess may be unsure)."""
        from tui.ui.screens.queuepick import PickKind

        if isinstance(self.item, Entity):
            self.app.push_screen(
                PickKind(self.item.name, self.item.kind),
                lambda kind: self._write("kind", kind) if kind else None,
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
            "kind": lambda: review.set_kind(store, kind, item_id, value or ""),
            "accept_signer": lambda: review.confirm_signer(store, *(value or "\t").split("\t")),
            "reject_signer": lambda: review.drop_signer(store, *(value or "\t").split("\t")),
        }
        actions[verb]()
        reopen = None if verb == "reject" else (kind, value if verb == "merge" else item_id)
        self.app.call_from_thread(self._done, verb, value, reopen)

    def _done(self, verb: str, value: str | None, reopen: tuple[str, str] | None) -> None:
        label = self.item.label
        done = {
            "accept": lambda: f"accepted: {label}",
            "reject": lambda: f"rejected: {label}",
            "merge": lambda: f"merged {label} into {self._label_of(value)}",
            "alias": lambda: f"alias {value!r} added to {label}",
            "kind": lambda: f"{label} is now a {value}",
            "accept_signer": lambda: f"signatory confirmed: {self._signature(value)}",
            "reject_signer": lambda: f"signatory dropped: {self._signature(value)}",
        }
        self.app.notify(done[verb]())
        if reopen is None:
            host(self).go_back()
        host(self).reload(reopen)

    def _signature(self, value: str | None) -> str:
        agreement, _, entity = (value or "").partition("\t")
        item, person = self.corpus.agreements.get(agreement), self.corpus.entities.get(entity)
        return f"{person.name if person else entity} on {item.label if item else agreement}"

    def _label_of(self, item_id: str | None) -> str:
        item = self.corpus.get(self.kind, item_id) if item_id else None
        return item.label if item is not None else str(item_id)


PROPOSED = " · proposed by an import: a confirms, x drops"
UNTITLED = "(a role without a title)"


def _proposal(signer: Signer) -> tuple[str, str] | None:
    if signer.proposed and signer.entity is not None:
        return signer.agreement.id, signer.entity.id
    return None


def _signed_note(signer: Signer) -> str:
    agreement = signer.agreement
    side = f"for {signer.side.name} · " if signer.side is not None else ""
    note = f"{side}{agreement.signed or agreement.announced or 'undated'}"
    return note + PROPOSED if signer.proposed else note


def _role_row(held: Held) -> Row:
    """A role, leading to the organisation where the database has it: its title over where
    and when ("Government of India (2019-05-31 to now)")."""
    role, organization = held.role, held.organization
    where = role.where(organization.name if organization is not None else "")
    text = two_lines(role.title or UNTITLED, role.dated(where))
    if organization is None:
        return None, text
    return Link("entity", organization.id), text


def _member_row(held: Held) -> Row:
    """One who held a post here: the holder over the title and when."""
    role = held.role
    return Link("entity", held.holder.id), two_lines(
        held.holder.name, role.dated(role.title or UNTITLED)
    )


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
