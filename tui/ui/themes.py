"""Themes that follow the terminal: the ansi themes, which draw with the terminal's own sixteen
colours (and so with the user's palette), come first in the theme picker, and are the theme a
terminal of 16 colours starts in (TERM=linux, a plain xterm or screen): Textual's other themes
are made of RGB colours, which such a terminal can only approximate with its nearest sixteen.

A theme the user chose is kept in their settings file (settings.py), and wins over this default.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.theme import Theme

from tui.ui.glyphs import fold

FEW_COLOURS = ("standard", "windows", None)  # Rich's colour systems of 16 colours or fewer
TERMINAL_THEME = "ansi-dark"
TERMINAL_HELP = "your terminal's own colours"


def starting_theme(colour_system: str | None, no_color: bool = False) -> str | None:
    """The theme to start in when the user has chosen none: the terminal's own colours when it
    has only sixteen; else None (Textual's default). Not with NO_COLOR: Textual then drops an
    ansi theme's colours altogether, and its cursor with them, where it turns other themes'
    colours into greys, which keep it."""
    return TERMINAL_THEME if colour_system in FEW_COLOURS and not no_color else None


def in_picker_order(themes: dict[str, Theme]) -> list[Theme]:
    """The ansi themes first, then the others, each group by name."""
    return sorted(themes.values(), key=lambda theme: (not theme.ansi, theme.name))


def help_for(theme: Theme) -> str:
    if theme.ansi:
        return f"{TERMINAL_HELP}, on a {'dark' if theme.dark else 'light'} background"
    return "dark" if theme.dark else "light"


class ThemeCommands(Provider):
    """The theme picker (the palette's "Change theme"): the terminal's own colours first."""

    def _themes(self) -> list[Theme]:
        return in_picker_order(self.app.available_themes)

    def _choose(self, name: str) -> None:
        self.app.theme = name

    async def discover(self) -> Hits:
        for theme in self._themes():
            choose = partial(self._choose, theme.name)
            yield DiscoveryHit(theme.name, choose, help=fold(help_for(theme)))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for theme in self._themes():
            score = max(matcher.match(theme.name), matcher.match(help_for(theme)) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(theme.name),
                    partial(self._choose, theme.name),
                    help=fold(help_for(theme)),
                )
