"""The search bar: an Input that announces the whole query on every keystroke, and walks the
user's search history with `up` (and `down`, which the app routes here while walking)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Self

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widgets import Input
from textual.widgets.input import Selection

from tui.ui.widgets.drawnow import draw_now
from tui.ui.widgets.fields import SafeInput
from tui.ui.widgets.linestrip import line_strip

PLACEHOLDER = "/ to search: lemoa, hegseth, kind:person, party:india, year:2016..2020"


class SearchBar(SafeInput):
    """Gives the full query to `answer` each time the text changes, while the key that changed
    it is handled: the results reach the panes in the same frame as the key itself, drawn as
    soon as the key is handled (drawnow.py). When other messages wait for the bar (keys typed
    faster than the search answers), or there is no `answer`, it posts
    `SearchBar.QueryChanged` instead, which the next key's replaces: only the last of a burst
    of keys is searched for. (A message on every key was one more turn of the event loop, and
    of the screen's message queue, before the search began.)

    `up` shows the searches of `history` (newest first), one older each time; `newer` walks
    back, and past the newest brings back what was typed before. Typing stops the walk.
    """

    BINDINGS = [Binding("up", "older", "Earlier search", show=False)]
    _draw = False  # a change to draw: at the end of the event, or soon (`_draw_soon`)
    _handling = False  # an event is being handled (`on_event`)
    _text_only = False  # the next whole repaint is the text's: its line alone (`refresh`)
    # The look its text's line was last drawn in by Textual, that line's number, the width and
    # background of the text, the cells left and right of the text, and every line of the bar
    # as Textual drew them then, when it drew them all (`render_lines`)
    _edges: tuple[Hashable, int, int, Color, Strip, Strip, tuple[Strip, ...] | None] | None = None
    _styles_count: int | None = None  # Textual's count of changes to the styles (`_kept`)

    @dataclass
    class QueryChanged(Message):
        """The query text is now `query`."""

        bar: SearchBar
        query: str

        @property
        def control(self) -> SearchBar:
            return self.bar

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchBar.QueryChanged)

    def __init__(
        self, *, answer: Callable[[str], object] | None = None, id: str | None = None
    ) -> None:
        self._styles: dict[tuple[object, ...], Style] = {}  # kept while only the text changes
        super().__init__(placeholder=PLACEHOLDER, id=id)  # (which asks for some)
        self.answer = answer
        self.history: list[str] = []  # the user's searches, newest first
        self.browsing: int | None = None  # the entry of `history` shown, while walking it
        self._typed = ""  # what was in the bar when the walk began
        self._walking = False

    @property
    def content_width(self) -> int:
        """At least the bar's own width. Input sets its virtual size to this on every
        keystroke, and a new virtual size lays the whole screen out again (three panes, the
        preview, the footer: a third of a key's cost); the bar is as wide as the screen, so
        only a text longer than the bar needs it to change."""
        return max(super().content_width, self.scrollable_content_region.width)

    def on_resize(self) -> None:
        """Set the virtual size the first key would set (laying the screen out again then,
        and drawing the scroll bars 40 ms later): at a resize, the screen is laid out anyway."""
        self.virtual_size = Size(self.content_width, 1)

    def _watch_value(self, value: str) -> None:
        # Before Input's own watcher, which repaints the bar and posts Input.Changed
        if self.answer is not None and self._message_queue.empty():
            self.answer(value)
            self._draw_soon()
        else:
            self.post_message(self.QueryChanged(self, value))
        super()._watch_value(value)
        if not self._walking:
            self.browsing = None  # typed: the walk is over
        self._text_only = True  # (Textual repaints a reactive right after its watchers)

    async def on_event(self, event: events.Event) -> None:
        """An event (a key typed, a paste) handled, and the query it changed answered: its
        frame now, before the messages the key left behind (drawnow.py)."""
        self._draw, self._handling = False, True
        try:
            await super().on_event(event)
        finally:
            self._handling = False
        if self._draw:
            self._draw_now()

    def _draw_soon(self) -> None:
        """Draw the change's frame at the end of the event being handled; or, when the change
        came from elsewhere (backspace, delete, the word and line keys, the cursor keys: the
        app runs the bar's bound actions once the key has left the bar), as soon as the bar
        has a turn: its frame waited for the screen's frame timer, 33 ms a backspace where a
        bare Input took 3.5."""
        if not self._draw and not self._handling:
            self.call_later(self._draw_now)
        self._draw = True

    def _draw_now(self) -> None:
        self._draw = False
        draw_now(self)

    def _on_input_changed(self, event: Input.Changed) -> None:
        """Input's own message goes no further: the query goes up as QueryChanged, and no
        widget above reads Changed (it was two more messages to handle on every keystroke)."""
        event.stop()

    def _watch_selection(self, selection: Selection) -> None:
        super()._watch_selection(selection)
        self._text_only = True  # the cursor moved
        if self.is_mounted:
            self._draw_soon()

    @property
    def rich_style(self) -> Style:
        """The bar's style, kept while only its text changes: Textual works it out from the
        bar and every widget above it each time it is asked, and asks on every keystroke."""
        kept = self._kept()
        style = kept.get(("",))
        if style is None:
            style = kept[("",)] = super().rich_style
        return style

    def get_component_rich_style(
        self, *names: str, partial: bool = False, default: Style | None = None
    ) -> Style:
        """A part's style (the cursor, the placeholder...), kept while only the text changes:
        Textual forgets them at every repaint, and drew the cursor with styles worked out
        again on every keystroke."""
        key = (names, partial, default)
        kept = self._kept()
        style = kept.get(key)
        if style is None:
            style = super().get_component_rich_style(*names, partial=partial, default=default)
            kept[key] = style
        return style

    def render_line(self, y: int) -> Strip:
        """The text's line, drawn straight from the text and the cursor when it is plain text
        that fits the bar (every key typed into a short query); Input draws it through a Rich
        console render (62 us a key, 10 here, warm). Anything else is Input's: the placeholder, a
        selection, a text as wide as the bar (scrolled). A test compares both, cell for cell,
        focused or not, the cursor shown or blinked off, at the end or within, wide and
        combining characters."""
        value = self.value
        if y or not value or self.password or self.highlighter is not None or self._suggestion:
            return super().render_line(y)
        focused, width = self.has_focus, self.scrollable_content_region.width
        if (focused and not self.selection.is_empty) or self.scroll_offset.x:
            return super().render_line(y)
        used = cell_len(value)
        if used >= width:
            return super().render_line(y)
        base = self.rich_style
        segments = [Segment(value, base)]
        if focused and self._cursor_visible:
            cursor, style = (
                self.cursor_position,
                base + self.get_component_rich_style("input--cursor"),
            )
            if cursor >= len(value):  # after the text: a space takes the cursor
                segments.append(Segment(" ", style))
                used += 1
            else:
                segments = [
                    Segment(value[:cursor], base),
                    Segment(value[cursor], style),
                    Segment(value[cursor + 1 :], base),
                ]
        segments.append(Segment(" " * (width + 1 - used), base))
        return line_strip(segments, width + 1)

    def render_lines(self, crop: Region) -> list[Strip]:
        """The text's line, edge to edge, as its text between the edges Textual drew around it
        last, and the lines above and below (the border) as Textual drew them then: Textual
        draws the border and padding again through its styles cache on every key (0.1 ms warm,
        0.2 after a pause; the floor, a bare Input, pays it too). The compositor asks for the
        whole bar whenever any of it is repainted, so the bar's lines are kept whole. Anything
        else, or a look the edges were not taken for (the size, the focus, the filters, a
        theme, a style: `_kept`), is drawn by Textual, and the edges are taken from that. A
        test compares both drawings in every look the bar takes."""
        self._kept()
        width, height = self.outer_size
        filters = tuple(self.get_line_filters())
        look = (self.outer_size, self.has_focus, filters, self.app.theme)
        edges, whole = self._edges, crop.x == 0 and crop.width == width
        within = whole and crop.y >= 0 and crop.bottom <= height
        if edges is not None and edges[0] == look and within:
            _, top, content_width, background, left, right, lines = edges
            if crop.y <= top < crop.bottom and (crop.height == 1 or lines is not None):
                line = self.render_line(0)
                if line.cell_length >= content_width:  # (shorter: Textual pads it)
                    line = line.crop(0, content_width)
                    for line_filter in filters:
                        line = line.apply_filter(line_filter, background)
                    text = line_strip([*left, *line, *right], width)
                    kept = lines or ()  # (a crop of the text's line alone needs none)
                    return [text if y == top else kept[y] for y in crop.line_range]
        strips = super().render_lines(crop)
        top = self.styles.gutter.top
        if whole and crop.y <= top < crop.bottom:
            if not self._plain_look():
                self._edges = None  # drawn otherwise now: nothing kept is its look
                return strips
            drawn, content = strips[top - crop.y], self.content_region
            start = self.styles.gutter.left
            sides = drawn.crop(0, start), drawn.crop(start + content.width, width)
            lines = tuple(strips) if crop.y == 0 and crop.height == height else None
            self._edges = (look, top, content.width, self.background_colors[1], *sides, lines)
        return strips

    def _plain_look(self) -> bool:
        """No style that changes the text's line too (a tint, an opacity, a hatch), and no
        link a hover restyles."""
        styles = self.styles
        hatched = styles.has_rule("hatch") and styles.hatch != "none"
        effects = styles.tint.a or styles.text_opacity != 1.0 or self.opacity != 1.0
        return not (effects or hatched or self.hover_style._link_id)

    def _watch__cursor_visible(self) -> None:
        self._text_only = True  # a blink: the text's line alone

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_styles()

    def _kept(self) -> dict[tuple[object, ...], Style]:
        """The styles kept while only the text changes (and with them the edges), forgotten
        when Textual's count of changes to the bar's own styles moves: a rule cleared in code
        repaints nothing, and would have left them as they were."""
        count = getattr(self.styles, "_cache_key", None)
        if count is None or count != self._styles_count:
            self._forget_styles()
            self._styles_count = count
        return self._styles

    def _forget_styles(self) -> None:
        self._styles, self._edges = {}, None

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        """A key changes the text and the cursor, which Textual repaints as the whole bar: its
        line alone, here, from edge to edge (Textual cuts a line repainted short of its right
        edge, a new strip styled again). The borders above and below are the same, and drawn
        again (styled, cut at every edge, written) they cost a keystroke a third of a
        millisecond. A change of look (the focus, a theme) repaints all of it, as Textual
        asks."""
        if self._text_only and not (regions or layout or recompose):  # the line edge to edge
            regions = (Region(-self.styles.gutter.left, 0, self.outer_size.width, 1),)
        else:
            self._forget_styles()  # anything else may change how it looks, as Textual assumes
        self._text_only = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def action_older(self) -> None:
        """`up`: the search before the one shown (the first time, the newest one)."""
        if self.browsing is None:
            self._typed = self.value
            entries = [n for n, q in enumerate(self.history) if q != self.value]
            if entries:
                self._show(entries[0])
        elif self.browsing + 1 < len(self.history):
            self._show(self.browsing + 1)

    def newer(self) -> bool:
        """`down` while walking: the search after the one shown, and past the newest what
        was typed before the walk. False when not walking (`down` then leaves the bar)."""
        if self.browsing is None:
            return False
        if self.browsing == 0 or self.history[self.browsing - 1] == self._typed:
            self._set(self._typed)
            self.browsing = None
        else:
            self._show(self.browsing - 1)
        return True

    def _show(self, entry: int) -> None:
        self._set(self.history[entry])
        self.browsing = entry

    def _set(self, text: str) -> None:
        self._walking = True
        try:
            self.value = text
            self.cursor_position = len(text)
        finally:
            self._walking = False
