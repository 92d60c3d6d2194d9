"""The import dialog (`i`): files or folders in, a progress bar, then the summary with reasons."""

from __future__ import annotations

import shlex
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, ProgressBar, Static

from tui.knowledge.importer import Importer, ImportReport
from tui.storage.store import Store
from tui.ui.host import host
from tui.ui.text import assemble, plain
from tui.ui.text import lines as text_lines
from tui.ui.widgets.fields import SafeInput
from tui.ui.widgets.toggle import Toggle


class ImportScreen(ModalScreen[ImportReport | None]):
    """Runs an import in a worker; the panes reload when it has written anything."""

    BINDINGS = [Binding("escape", "close", "Close")]
    AUTO_FOCUS = "#import-paths"

    def __init__(self, store: Store, start: str = "") -> None:
        super().__init__(id="import")
        self.store = store
        self.start = start
        self.running = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="import-body"):  # at 40x12 it scrolls
            yield Label(
                plain(
                    "Import articles: files or folders (space-separated; quote names "
                    "with spaces), .txt .md .html .json .jsonl RSS/Atom"
                )
            )
            yield SafeInput(self.start, placeholder="~/articles  notes/brief.md", id="import-paths")
            yield SafeInput(
                placeholder="tag for every imported article (optional)", id="import-tag"
            )
            yield Toggle("dry run: read and report, write nothing", id="import-dry")
            bar = ProgressBar(id="import-progress", show_eta=False)
            bar.display = False  # an idle bar would only animate
            yield bar
            with VerticalScroll(id="import-result"):
                yield Static(plain("enter to start · esc to close"), id="import-summary")

    @on(Input.Submitted)
    def _start(self) -> None:
        if self.running:
            return
        raw = self.query_one("#import-paths", Input).value
        try:
            paths = [str(Path(p).expanduser()) for p in shlex.split(raw)]
        except ValueError as error:
            self._say(plain(f"cannot read the paths: {error}"))
            return
        if not paths:
            self._say(plain("name at least one file or folder"))
            return
        self.running = True
        self.query_one(ProgressBar).display = True  # hidden until there is progress to show
        tag = self.query_one("#import-tag", Input).value.strip() or None
        self._say(plain("importing…"))
        self.run_import(paths, tag, self.query_one("#import-dry", Toggle).value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="import")
    def run_import(self, paths: list[str], tag: str | None, dry_run: bool) -> None:
        importer = Importer(self.store, tag=tag, dry_run=dry_run, progress=self._progress)
        try:
            report = importer.run(paths)
        except Exception as error:  # shown to the user in the dialog, never swallowed
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._finished, report)

    def _progress(self, done: int, total: int, _origin: str) -> None:
        self.app.call_from_thread(self.query_one(ProgressBar).update, total=total, progress=done)

    def _finished(self, report: ImportReport) -> None:
        self.running = False
        lines = [plain(report.summary(), "bold")]
        lines += [assemble(plain(origin), ": ", plain(reason)) for origin, reason in report.failed]
        self._say(text_lines(lines))
        if report.imported and not report.dry_run:
            host(self).reload()

    def _failed(self, error: Exception) -> None:
        self.running = False
        self._say(plain(f"import stopped: {error}", "bold"))

    def _say(self, content: Content) -> None:
        self.query_one("#import-summary", Static).update(content)

    def action_close(self) -> None:
        if not self.running:
            self.dismiss(None)
