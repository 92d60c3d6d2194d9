"""Settings that stay: the theme chosen in the palette is written to the user's settings file,
and applied again at the next start.

The file is read and written in workers (a home folder on a network share can be slow), never
on the UI thread. A file that cannot be used is reported once, as a toast, and ignored: a bad
settings file never stops Quadrant (tui/storage/settings.py).
"""

from __future__ import annotations

from functools import partial

from textual.app import App
from textual.constants import DEFAULT_THEME
from textual.theme import Theme

from tui.storage.settings import read_settings, settings_path, write_setting

THEME = "theme"


class Settings:
    """The app's side of the settings file: what was read or written last."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.kept: dict[str, str] = {}  # as in the file, as far as this app knows
        self._chosen = False  # the user chose a theme before the file was read: theirs wins
        self._started_in = DEFAULT_THEME  # the theme before the file was read (themes.py)

    def start(self) -> None:
        """Read the file (in a worker), and from now on keep the theme the user chooses."""
        self._started_in = self.app.theme
        self.app.theme_changed_signal.subscribe(self.app, self._theme_changed)
        self.app.run_worker(self._read, thread=True, group="settings", exit_on_error=False)

    def _read(self) -> None:
        settings, warning = read_settings()
        self.app.call_from_thread(self._apply, settings, warning)

    def _apply(self, settings: dict[str, str], warning: str | None) -> None:
        self.kept = dict(settings)
        theme = settings.get(THEME)
        if theme and theme not in self.app.available_themes:
            warning = f"{settings_path()}: no theme is called {theme!r}; ignored"
        elif theme and not self._chosen:
            self.app.theme = theme
        if warning:
            self.app.notify(warning, title="Settings", severity="warning", timeout=10)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name == self.kept.get(THEME, self._started_in):
            return  # applied from the file, or back to what it says (or to the start's)
        self._chosen = True
        self.kept[THEME] = theme.name
        self.app.run_worker(
            partial(self._write, THEME, theme.name),
            thread=True,
            group="settings",
            exit_on_error=False,
        )

    def _write(self, name: str, value: str) -> None:
        try:
            write_setting(name, value)
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            self.app.call_from_thread(
                self.app.notify,
                f"{settings_path()}: {reason}; the {name} is not kept",
                title="Settings",
                severity="warning",
                timeout=10,
            )
