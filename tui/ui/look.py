"""TerminalApp: the App as the terminal can show it: in ASCII when it cannot show UTF-8, and in
the terminal's own colours when it has only sixteen (glyphs.py, themes.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.app import App
from textual.binding import Binding
from textual.color import Color
from textual.command import CommandPalette
from textual.filter import LineFilter
from textual.notifications import SeverityLevel

from tui.core.textsafe import for_display, one_line
from tui.ui import glyphs
from tui.ui.themes import ThemeCommands, starting_theme


@dataclass(frozen=True)
class Look:
    """How to draw on this terminal, as the command line decided (tests choose their own)."""

    ascii_only: bool = False  # every glyph in ASCII (tui/core/terminal.py decides)
    follow_colours: bool = False  # with 16 colours, start in the terminal's own (themes.py)


UNICODE = Look()  # the default: the terminal shows UTF-8, and colours are left to Textual


class TerminalApp(App[None]):
    """An App drawn in ASCII when its `Look` says so, and started in the ansi theme on a
    terminal of 16 colours (until the settings file names the user's own choice)."""

    def __init__(self, look: Look) -> None:
        super().__init__()
        self.look = look
        glyphs.use_in(self, look.ascii_only)
        self._ascii_filters = [glyphs.AsciiFilter()] if look.ascii_only else []
        theme = starting_theme(self.console.color_system, self.no_color)
        if theme is not None and look.follow_colours:
            self.theme = theme

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters (NO_COLOR's), then, in ASCII mode, ASCII for what is left."""
        return [*super().get_line_filters(), *self._ascii_filters]

    def get_css_variables(self) -> dict[str, str]:
        """Textual's, and `$pane-border`, an unfocused pane's border. With NO_COLOR, the cursor
        of a list without the focus (a pane, a picker's choices
        while the text above it is typed) is the text's grey at 30%: Textual's, the primary
        colour at 30%, came out two greys from the background, too close to see. A scroll
        thumb is the text's grey too (50%, more under the mouse): Textual's was grey 235 on
        a black track."""
        variables = super().get_css_variables()
        # A pane's border without the focus: a step lighter than the panels in a dark theme;
        # in a light one that step is near white on near white (#FFFFFF on #FFFAF3 in
        # rose-pine-dawn, #F6FAFF on #E6E9EF in catppuccin-latte), so it is a step darker.
        dark = self.current_theme.dark
        variables["pane-border"] = variables["panel-lighten-2" if dark else "panel-darken-2"]
        if self.no_color:
            foreground = Color.parse(variables["foreground"])
            variables["block-cursor-blurred-background"] = foreground.with_alpha(0.3).hex
            for name, alpha in (("", 0.5), ("-hover", 0.7), ("-active", 0.9)):
                variables[f"scrollbar{name}"] = foreground.with_alpha(alpha).hex
        return variables

    def get_key_display(self, binding: Binding) -> str:
        """Keys as the footer shows them: "enter", "up" for ⏎ and ↑ in ASCII mode."""
        return glyphs.fold(super().get_key_display(binding))

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every toast, the app's and its widgets' (theirs come here), shows its text as it is:
        messages name items and files, so they are never parsed as markup (`markup` is
        ignored), their control characters are replaced, and in ASCII mode they are ASCII."""
        super().notify(
            glyphs.fold(for_display(message)),
            title=glyphs.fold(one_line(title)),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            placeholder = glyphs.fold("Search for commands…")
            self.push_screen(CommandPalette(id="--command-palette", placeholder=placeholder))

    def search_themes(self) -> None:
        """The theme picker, with the themes that use the terminal's own colours first."""
        placeholder = glyphs.fold("Search for themes…")
        self.push_screen(CommandPalette(providers=[ThemeCommands], placeholder=placeholder))
