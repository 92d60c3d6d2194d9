"""Copy (`y`): an item's id, title or URL, or the sentence under the cursor, to the clipboard.

The text goes to the clipboard of the terminal the user sits at through OSC 52 (Textual's
`App.copy_to_clipboard`), so it works over SSH, and in tmux with `set -g set-clipboard on`. It is
sent base64-encoded, and cleaned of control characters first: what is pasted later can run
nothing in the shell it is pasted into.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.core.corpus import Corpus, Item, sentence_span
from tui.core.models import Article, Mention
from tui.core.textsafe import strip_controls
from tui.ui.text import assemble, plain

SHOWN = 60  # characters of what was copied, in the menu and the toast


@dataclass(frozen=True)
class Copyable:
    """Something that can be copied: the key that picks it in the menu, what it is, the text."""

    key: str
    what: str
    text: str


def copyables(item: Item, sentence: str | None = None) -> list[Copyable]:
    """What can be copied of `item`: its id, its title or name, its URL (an article's, else the
    first source that is a web address), and `sentence` when the cursor is on one."""
    found = [
        Copyable("i", "id", item.id),
        Copyable("t", "title" if isinstance(item, Article) else "name", item.label),
    ]
    url = item.url if isinstance(item, Article) else ""
    url = url or next((s for s in getattr(item, "sources", ()) if s.startswith("http")), "")
    if url:
        found.append(Copyable("u", "URL", url))
    if sentence:
        found.append(Copyable("s", "sentence", sentence))
    return found


def sentence_of(corpus: Corpus, mention: Mention) -> str:
    """The sentence a mention stands in."""
    article = corpus.articles[mention.article]
    start, end, _, _ = sentence_span(article.text, mention.start, mention.end)
    return article.text[start:end]


def copy(app: App, choice: Copyable) -> None:
    """Put the text on the clipboard (on one line, cleaned), and say what was copied."""
    text = " ".join(strip_controls(choice.text).split())
    app.copy_to_clipboard(text)
    app.notify(f"Copied the {choice.what}: {_cut(text)}", title="Copied", timeout=4)


def ask_and_copy(screen: Screen, choices: list[Copyable]) -> None:
    """The menu of what can be copied; the one chosen is copied."""
    if not choices:
        screen.notify("Nothing here to copy", timeout=3)
        return

    def chosen(choice: Copyable | None) -> None:
        if choice is not None:
            copy(screen.app, choice)

    screen.app.push_screen(CopyMenu(choices), chosen)


def _cut(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


class CopyMenu(ModalScreen[Copyable | None]):
    """Pick what to copy: its key (`i` id, `t` title, `u` URL, `s` sentence), or the arrows
    and `enter`; `esc` copies nothing."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(key, f"pick('{key}')", show=False) for key in "itus"),
    ]
    AUTO_FOCUS = "#copy-choices"

    def __init__(self, choices: list[Copyable]) -> None:
        super().__init__(classes="ask")
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="ask-body"):
            yield Label(plain("Copy to the clipboard:"))
            yield OptionList(*(self._option(c) for c in self.choices), id="copy-choices")

    @staticmethod
    def _option(choice: Copyable) -> Option:
        row = assemble(
            plain(choice.key, "bold"),
            "  ",
            plain(f"{choice.what:<9}", "dim"),
            plain(_cut(choice.text)),
        )
        return Option(row, id=choice.key)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick":
            return any(c.key == parameters[0] for c in self.choices)
        return True

    def action_pick(self, key: str) -> None:
        self.dismiss(next(c for c in self.choices if c.key == key))

    @on(OptionList.OptionSelected, "#copy-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_pick(event.option.id or "")

    def action_cancel(self) -> None:
        self.dismiss(None)
