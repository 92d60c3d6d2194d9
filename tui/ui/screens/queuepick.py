"""The review queue's pickers: the confirmed item to merge a candidate into, found by fuzzy
search over names and aliases (rapidfuzz, in a worker: thousands of names take longer than a
keystroke should); and an entity's kind, chosen from a short list or by its number."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.core.models import ENTITY_KINDS, Agreement, Entity
from tui.knowledge.queue import Candidate
from tui.ui.screens.ask import Picker
from tui.ui.text import assemble, plain

SHOWN = 30  # targets listed at most


def ranked(query: str, targets: list[Entity | Agreement], limit: int = SHOWN) -> list[str]:
    """The ids of the targets whose names or aliases best match `query`, best first: a name
    that starts with it, then one with a word that does, then the closest by shared words and
    spelling (rapidfuzz's token_set_ratio: "Mr Howard" finds John Howard, "russ" Russia)."""
    from rapidfuzz import fuzz, process, utils

    names = [(utils.default_process(name), t.id) for t in targets for name in t.names]
    wanted = utils.default_process(query)
    scores: dict[str, float] = {}
    matches = process.extract(
        wanted,
        [name for name, _ in names],
        scorer=fuzz.token_set_ratio,
        processor=None,
        limit=limit * 4,
        score_cutoff=50,
    )
    for _, score, position in matches:
        _best(scores, names[position][1], score * 0.95)
    for name, target in names if wanted else ():
        if name.startswith(wanted):
            _best(scores, target, 100 + len(wanted) / max(len(name), 1))
        elif f" {wanted}" in f" {name}":
            _best(scores, target, 99)
    return sorted(scores, key=lambda t: -scores[t])[:limit]


def _best(scores: dict[str, float], target: str, score: float) -> None:
    scores[target] = max(score, scores.get(target, 0.0))


class PickTarget(Picker):
    """Choose the confirmed entity (or agreement) a candidate merges into: the closest names to
    the candidate's first, then to what is typed. enter takes the highlighted one."""

    def __init__(self, candidate: Candidate, targets: list[Entity | Agreement]) -> None:
        super().__init__(
            assemble(
                "Merge ",
                plain(candidate.name, "bold"),
                f" into a confirmed {candidate.type} (its names become aliases):",
            )
        )
        self.candidate = candidate
        self.targets = {t.id: t for t in targets}
        self.query_text = ""

    def fill(self, query: str) -> None:
        self.query_text = query
        self.rank(query or self.candidate.record.name)

    @work(thread=True, exclusive=True, group="pick", exit_on_error=False)
    def rank(self, query: str) -> None:
        ids = ranked(query, list(self.targets.values()))
        self.app.call_from_thread(self._ranked, query, ids)

    def _ranked(self, query: str, ids: list[str]) -> None:
        if query != (self.query_text or self.candidate.record.name):
            return  # typed on since: a newer ranking is coming
        options = [Option(_label(self.targets[i]), id=i) for i in ids]
        self.show(options, empty=plain("no close name", "dim"))


def _label(target: Entity | Agreement):
    also = [a for a in target.aliases][:3]
    detail = f"  {target.kind}" + (f" · also {'; '.join(also)}" if also else "")
    return assemble(plain(target.label), plain(detail, "dim"))


class PickKind(ModalScreen[str | None]):
    """Choose an entity's kind: the list starts on its kind now; `1`-`8` or enter choose,
    `K` moves on to the next kind, `esc` keeps it."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("K", "cycle", "Next kind", show=False),
        *(Binding(str(n), f"choose({n - 1})", show=False) for n in range(1, len(ENTITY_KINDS) + 1)),
    ]

    def __init__(self, name: str, kind: str) -> None:
        super().__init__(classes="ask")
        self.name_shown = name
        self.kind = kind

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body"):
            yield Label(assemble("Kind of ", plain(self.name_shown, "bold"), " (1-8, enter):"))
            yield OptionList(
                *(
                    Option(assemble((f"{n} ", "dim"), kind), id=kind)
                    for n, kind in enumerate(ENTITY_KINDS, start=1)
                ),
                id="kind-list",
            )

    def on_mount(self) -> None:
        picker = self.query_one("#kind-list", OptionList)
        picker.highlighted = ENTITY_KINDS.index(self.kind) if self.kind in ENTITY_KINDS else 0
        picker.focus()

    @on(OptionList.OptionSelected, "#kind-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self, number: int) -> None:
        self.dismiss(ENTITY_KINDS[number])

    def action_cycle(self) -> None:
        picker = self.query_one("#kind-list", OptionList)
        picker.highlighted = ((picker.highlighted or 0) + 1) % len(ENTITY_KINDS)

    def action_cancel(self) -> None:
        self.dismiss(None)
