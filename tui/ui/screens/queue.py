"""The review queue (`r` on the main screen): every candidate an import proposed, the most named
first, with the highlighted one's kind, aliases and the sentences that name it below.

One key decides: `a` accept, `x` reject, `m` merge into a confirmed item; `r` rename and `K`
set the kind, staying on the candidate (to accept it next); `o` opens its page; `u` undoes the
last of these. A decision takes the candidate off the list and the cursor to the next at once;
the writes run after it, one at a time and in order, in a worker (tui/ui/screens/queuework.py).
On a read-only database the queue is there to read, and says why it cannot be changed.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.core.corpus import Corpus
from tui.core.models import Entity
from tui.core.wording import plural
from tui.knowledge.queue import Candidate
from tui.ui.host import host
from tui.ui.screens.queuework import Decision, Writes
from tui.ui.text import ELLIPSIS, MATCH_STYLE, assemble, line_with_spans, lines, plain
from tui.ui.widgets.footer import QuadrantFooter

SNIPPETS = 2  # sentences shown of where the candidate is named
READ_ONLY_NOTE = (
    "Opened read-only: accept, reject, merge, rename and kind are not available. "
    "Open the database without --read-only, as a user who may write it, to review."
)
WRITES = ("accept", "reject", "merge", "rename", "kind", "undo")


class ReviewScreen(Screen):
    """The candidates, the most named first, and the highlighted one's context."""

    AUTO_FOCUS = "#queue-list"
    BINDINGS = [
        # esc is left out of the footer, which at 80 columns has room for the queue's own keys
        Binding("escape,backspace", "app.back", "Back", show=False),
        Binding("a", "accept", "Accept"),
        Binding("x", "reject", "Reject"),
        Binding("m", "merge", "Merge…"),
        Binding("r", "rename", "Rename…"),
        Binding("K", "kind", "Kind…"),
        Binding("o", "open", "Open"),
        Binding("u", "undo", "Undo"),
        Binding("j", "cursor('down')", "Down", show=False),
        Binding("k", "cursor('up')", "Up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id="review")
        self.items: list[Candidate] = []
        self.corpus: Corpus | None = None
        self.writes = Writes(self, self.written, self.failed)

    def compose(self) -> ComposeResult:
        yield Static(plain("Review: reading the candidates…"), id="queue-title")
        if host(self).read_only:
            yield Static(plain(READ_ONLY_NOTE), id="queue-note")
        yield OptionList(id="queue-list")
        with VerticalScroll(id="queue-context"):
            yield Static("", id="queue-context-body")
        yield QuadrantFooter()

    def on_mount(self) -> None:
        self.read_candidates()

    @work(thread=True, exclusive=True, group="queue-read", exit_on_error=False)
    def read_candidates(self) -> None:
        """The candidates, from the app's data when it has read it, else (and once this
        screen has written) from the file."""
        from tui.knowledge.queue import candidates

        corpus = host(self).corpus
        if corpus is None or self.writes.dirty:
            corpus = Corpus(host(self).store.load())
        found = candidates(corpus)
        self.app.call_from_thread(self.show_candidates, corpus, found)

    def show_candidates(self, corpus: Corpus, found: list[Candidate]) -> None:
        """Show what was read. Read again after writes, the list keeps its order and the
        cursor its candidate (their counts and sentences are brought up to date); what is no
        longer a candidate goes, and new ones come at the end."""
        if self.writes.pending:
            return  # read before the writes under way: their end reads again
        current = self.current
        if self.corpus is not None:
            fresh = {c.id: c for c in found}
            kept = [fresh.pop(c.id) for c in self.items if c.id in fresh]
            found = kept + list(fresh.values())
        self.corpus, self.items = corpus, found
        ids = [c.id for c in found]
        self.refill(ids.index(current.id) if current and current.id in ids else 0)

    # -- showing -------------------------------------------------------------------------------

    @property
    def current(self) -> Candidate | None:
        at = self.query_one("#queue-list", OptionList).highlighted
        return self.items[at] if at is not None and at < len(self.items) else None

    def refill(self, at: int = 0) -> None:
        """Show the list again, the cursor on row `at` (or the last row)."""
        listing = self.query_one("#queue-list", OptionList)
        listing.set_options([Option(_row(c)) for c in self.items])
        if self.items:
            listing.highlighted = max(0, min(at, len(self.items) - 1))
        self._title()
        self.show_context()
        self.refresh_bindings()

    def _title(self) -> None:
        if self.corpus is None:
            return
        count = plural(len(self.items), "candidate")
        words = f"Review: {count}, the most named first" if self.items else "Review: nothing left"
        pending = self.writes.pending
        if pending:
            words += f" · saving {pending}"
        self.query_one("#queue-title", Static).update(plain(words, "bold"))

    def show_context(self) -> None:
        body = self.query_one("#queue-context-body", Static)
        candidate = self.current
        if candidate is None:
            body.update(plain(_EMPTY if self.corpus is not None else "", "dim"))
            return
        body.update(context_of(candidate, self.corpus))

    @on(OptionList.OptionHighlighted, "#queue-list")
    def _moved(self) -> None:
        self.show_context()
        self.refresh_bindings()

    @on(OptionList.OptionSelected, "#queue-list")
    def _selected(self) -> None:
        self.action_open()

    def action_cursor(self, way: str) -> None:
        listing = self.query_one("#queue-list", OptionList)
        listing.action_cursor_down() if way == "down" else listing.action_cursor_up()

    # -- deciding ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Write keys exist only where they can work: not on a read-only database (the screen
        says why), kind only on an entity, undo once there is something to undo."""
        if action in WRITES and host(self).read_only:
            return False
        if action == "undo":
            return self.writes.last is not None
        if action in ("accept", "reject", "merge", "rename", "open"):
            return self.current is not None
        if action == "kind":
            return self.current is not None and self.current.type == "entity"
        return True

    def decide(self, decision: Decision) -> None:
        """Apply a decision to the list at once and queue its write."""
        at = self.items.index(decision.candidate)
        if decision.leaves:
            del self.items[at]
        else:
            self.items[at] = decision.candidate.with_record(decision.after)
        self.writes.push(decision, at)
        self.refill(at)

    def action_accept(self) -> None:
        if self.current is not None:
            self.decide(Decision.accept(self.current))

    def action_reject(self) -> None:
        if self.current is not None:
            self.decide(Decision.reject(self.current))

    def action_merge(self) -> None:
        from tui.knowledge.queue import merge_targets
        from tui.ui.screens.queuepick import PickTarget

        candidate, corpus = self.current, self.corpus
        if candidate is None or corpus is None:
            return
        targets = {t.id: t for t in merge_targets(corpus, candidate.type)}
        targets.update(self.writes.merged_into)  # as this session's merges left them

        def merge(target_id: str | None) -> None:
            if target_id and candidate in self.items:
                self.decide(Decision.merge(candidate, targets[target_id]))

        self.app.push_screen(PickTarget(candidate, list(targets.values())), merge)

    def action_rename(self) -> None:
        from tui.ui.screens.ask import AskText

        candidate = self.current
        if candidate is None:
            return
        prompt = assemble(
            "Rename ",
            plain(candidate.record.name, "bold"),
            ("  (the old name stays an alias)", "dim"),
        )

        def rename(name: str | None) -> None:
            if name and name != candidate.record.name and candidate in self.items:
                self.decide(Decision.rename(candidate, name))

        self.app.push_screen(AskText(prompt, candidate.record.name), rename)

    def action_kind(self) -> None:
        from tui.ui.screens.queuepick import PickKind

        candidate = self.current
        if candidate is None or not isinstance(candidate.record, Entity):
            return

        def set_kind(kind: str | None) -> None:
            if kind and kind != candidate.kind and candidate in self.items:
                self.decide(Decision.kind(candidate, kind))

        self.app.push_screen(PickKind(candidate.record.name, candidate.kind), set_kind)

    def action_open(self) -> None:
        """`o` or enter: the candidate's page (its data as the app last read it)."""
        if self.current is not None:
            host(self).open_item(self.current.type, self.current.id)

    def action_undo(self) -> None:
        """`u`: put the last decision back, in the database and on the list."""
        undone = self.writes.undo()
        if undone is None:
            return
        decision, at = undone
        if decision.leaves:
            self.items.insert(min(at, len(self.items)), decision.candidate)
        else:
            found = [n for n, c in enumerate(self.items) if c.id == decision.candidate.id]
            at = found[0] if found else at
            if found:
                self.items[at] = decision.candidate
        self.refill(at)
        self.notify(f"undone: {decision.done}", timeout=3)

    def written(self) -> None:
        """A write finished (the title counts those still to come); after the last, the
        candidates are read again, to show their counts and sentences as they now are."""
        self._title()
        self.refresh_bindings()
        if not self.writes.pending:
            self.read_candidates()

    def failed(self) -> None:
        """A write failed (the notification says why): show the candidates as the file has
        them, in its order."""
        self.items = []
        self.read_candidates()


_EMPTY = "No candidates to review. Importing articles proposes them (i on the main screen)."


def _row(candidate: Candidate) -> Content:
    """articles, kind, name: one line."""
    return assemble(
        (f"{candidate.articles:>3}  ", "bold"),
        plain(f"{candidate.kind[:12]:<12}  ", "dim"),
        plain(candidate.name),
    )


def context_of(candidate: Candidate, corpus: Corpus | None) -> Content:
    """What the candidate is and where it is named: kind, counts, aliases, the import's note
    on its kind, then a couple of sentences with the name marked."""
    record = candidate.record
    facts = [
        plain(record.label, "bold"),
        assemble(
            plain(candidate.kind),
            f" · named in {plural(candidate.articles, 'article')}",
            f", {plural(candidate.mentions, 'mention')}",
            plain(f" · {candidate.type}:{candidate.id}", "dim"),
        ),
    ]
    if record.aliases:
        facts.append(assemble(("also: ", "dim"), plain("; ".join(record.aliases))))
    if candidate.evidence:
        facts.append(assemble(("kind: ", "dim"), plain(candidate.evidence)))
    if corpus is not None:
        facts += _snippets(corpus, candidate)
    return lines(facts)


def _snippets(corpus: Corpus, candidate: Candidate) -> list[Content]:
    shown: list[Content] = []
    for context in corpus.sentences(candidate.type, candidate.id)[:SNIPPETS]:
        sentence = line_with_spans(
            context.sentence, context.spans or [(context.start, context.end)], MATCH_STYLE
        )
        shown.append(plain(""))
        shown.append(plain(context.article.title, "italic dim"))
        shown.append(
            assemble(
                ELLIPSIS if context.cut_before else "",
                sentence,
                ELLIPSIS if context.cut_after else "",
            )
        )
    return shown
