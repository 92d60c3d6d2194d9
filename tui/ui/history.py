"""Back and forward across screens, as a browser does.

The screens behind the current one are Textual's screen stack: back pops one, and what is
under it is shown exactly as it was left. A screen popped by back is kept (installed, so Textual
does not destroy it) on the forward list; forward pushes it again, its cursor and scroll as they
were. Opening a new page clears the forward list, like following a link after going back.
"""

from __future__ import annotations

from itertools import count

from textual.app import App
from textual.screen import ModalScreen, Screen

KEEP = 30  # screens kept for forward at most: the oldest are let go


class History:
    """The forward half of the app's history (the back half is the screen stack)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.forward: list[Screen] = []  # the next screen forward is the last
        self._names = count()

    @property
    def can_go_back(self) -> bool:
        return len(self.app.screen_stack) > 1

    @property
    def can_go_forward(self) -> bool:
        return bool(self.forward)

    def back(self) -> None:
        """Leave the current screen, keeping it for forward (a dialog is only closed)."""
        if len(self.app.screen_stack) <= 1:
            return
        screen = self.app.screen
        if not isinstance(screen, ModalScreen):
            self._keep(screen)
        self.app.pop_screen()

    def back_to_first(self) -> None:
        """Back to the first screen, every page left kept for forward, the nearest first (a
        dialog open over them is closed)."""
        while len(self.app.screen_stack) > 1:
            self.back()

    def go_forward(self) -> None:
        """Show again the screen that back left last, as it was."""
        if not self.forward:
            return
        screen = self.forward.pop()
        self.app.uninstall_screen(screen)  # on the stack again: Textual holds it there
        self.app.push_screen(screen)

    def open(self, screen: Screen) -> None:
        """Show a new page: whatever back had left is forgotten."""
        self.clear()
        self.app.push_screen(screen)

    def clear(self) -> None:
        """Let go of every screen kept for forward."""
        while self.forward:
            self._drop(self.forward.pop())

    def _keep(self, screen: Screen) -> None:
        self.app.install_screen(screen, f"forward-{next(self._names)}")
        self.forward.append(screen)
        while len(self.forward) > KEEP:
            self._drop(self.forward.pop(0))

    def _drop(self, screen: Screen) -> None:
        self.app.uninstall_screen(screen)
        if screen not in self.app.screen_stack:
            screen.remove()
