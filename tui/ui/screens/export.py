"""Export from the app (`e`): the main screen's results, or the item of a page, to a file.

A dialog asks for the path, starting from a name made of the query or the item's id in the
current folder; the name's ending picks the format (.md, .csv, .jsonl). A file that exists is
written over only once the user says so. The export is built and written in a worker; a toast
says where it went, or why it could not.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label

from tui.core.corpus import Item
from tui.export import target
from tui.ui.host import host
from tui.ui.screens.annotate import key_of
from tui.ui.screens.ask import Confirm
from tui.ui.text import assemble, plain
from tui.ui.widgets.fields import SafeInput

FORMATS_HINT = "the ending picks the format: .md Markdown, .csv CSV, .jsonl JSON lines"
WHOLE_SET = 1_000_000  # a search limit no result set reaches: the export takes them all


class ExportPath(ModalScreen[Path | None]):
    """Asks where to export, starting from `name` in the current folder; refuses a path that
    cannot be written, naming it, and asks before writing over a file."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, what: str, name: str, database: Path | None) -> None:
        super().__init__(classes="ask")
        self.what, self.start, self.database = what, name, database

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body"):
            yield Label(assemble("Export ", plain(self.what, "bold"), " to:"))
            yield SafeInput(self.start, id="export-path")
            yield Label(plain(FORMATS_HINT, "dim"), id="export-problem")

    @on(Input.Submitted, "#export-path")
    def _chosen(self, event: Input.Submitted) -> None:
        path = target.resolve(event.value) if event.value.strip() else None
        wrong = target.problem(path, self.database) if path else "give a file name"
        if wrong is not None:
            problem = self.query_one("#export-problem", Label)
            problem.update(assemble(plain(str(path or ""), "bold"), " ", plain(wrong)))
            problem.set_class(True, "-problem")
        elif path is not None and path.exists():
            question = assemble(plain(str(path), "bold"), " exists. Write over it?")
            self.app.push_screen(Confirm(question), partial(self._overwrite, path))
        else:
            self.dismiss(path)

    def _overwrite(self, path: Path, yes: bool | None) -> None:
        if yes:
            self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def export_results(screen: Screen, query: str) -> None:
    """Ask where, then export every hit of `query` (everything, without one)."""
    index, corpus = host(screen).index, host(screen).corpus
    if index is None or corpus is None:
        screen.notify("Still reading the database: try again in a moment", timeout=3)
        return
    from tui.export.formats import KIND_ORDER, export

    what = f"the results for {query.strip()}" if query.strip() else "everything"

    parsed, also = host(screen).yours.query(query)  # @name, and the user's own tags and notes

    def render(fmt: str) -> str:
        results = index.search(parsed, WHOLE_SET, KIND_ORDER, also)
        return export(results, corpus, fmt, KIND_ORDER)

    _ask(screen, what, target.file_name(f"quadrant {query.strip() or 'everything'}"), render)


def export_item(screen: Screen, kind: str, item: Item) -> None:
    """Ask where, then export `item` with its links, the sentences naming it and the user's
    own note and tags on it."""
    from tui.export.item import Mine
    from tui.export.item import export_item as render_item

    corpus, yours = host(screen).corpus, host(screen).yours
    if corpus is None:
        return
    key = key_of(kind, item.id)
    mine = Mine(yours.note(key), yours.tags(key))
    render = partial(render_item, item, corpus, mine=mine)
    _ask(screen, item.label, target.file_name(item.id), render)


def _ask(screen: Screen, what: str, name: str, render: Callable[[str], str]) -> None:
    database = host(screen).store.path

    def chosen(path: Path | None) -> None:
        if path is not None:
            screen.app.run_worker(
                partial(_write, screen.app, path, render, what),
                thread=True,
                group="export",
                exit_on_error=False,
            )

    screen.app.push_screen(ExportPath(what, name, database), chosen)


def _write(app: App, path: Path, render: Callable[[str], str], what: str) -> None:
    """Build and write the export (in a worker); a toast says where it went, or why not."""
    fmt = target.format_of(path) or "md"
    try:
        target.write(path, render(fmt))
    except OSError as error:
        reason = error.strerror or str(error)
        app.call_from_thread(
            app.notify, f"{path}: {reason}", title="Not exported", severity="error", timeout=30
        )
        return
    app.call_from_thread(
        app.notify, f"{what} → {path} ({target.FORMAT_NAMES[fmt]})", title="Exported"
    )
