"""Lines drawn whole once, instead of styled again each time they are drawn.

Textual draws a widget's line through its styles cache: the content, then the padding and the
border either side, then the widget's effects and the app's filters. That is some 35 µs a line,
and a keystroke changes some eighty lines across the three panes. The edges of a content line
(the border and the padding) are the same on every line, so a `FramedView` takes them once,
from a line Textual drew, for each look of the widget (its size, focus, colours, filters). Each
line is then its content between the two edges, made once for each thing it shows.

Its scroll thumb is drawn in its own lines too, in the first cell of its right padding, where
Textual's scroll bar would stand (thumb.py says which cell is what).

Where a style would change a line's content as well (a tint, an opacity, a hatch), no edges can
be reused, and the widget is drawn by Textual as any other (without its thumb). test_panes.py
checks that the lines drawn here equal Textual's, cell for cell and style for style, the thumb
included (against Textual's own bar in the same column).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual._styles_cache import StylesCache
from textual.color import Color
from textual.filter import ANSIToTruecolor, DimFilter, LineFilter, Monochrome, NoColor
from textual.geometry import Region
from textual.strip import Strip

from tui.ui import collector
from tui.ui.widgets.linestrip import line_strip
from tui.ui.widgets.thumb import ThumbView

__all__ = ["FramedView"]

KEPT_BORDERS = 32
KEPT_LINES = 2  # lines kept at most, in heights of the view (when drawn only in part)
# Textual's filters that change each segment's style by that style alone (and the background)
STYLE_FILTERS = (ANSIToTruecolor, Monochrome, NoColor, DimFilter)


class FramedView(ThumbView):
    """A scrolling list of lines drawn whole, its thumb in them (thumb.py). A subclass says
    what each line shows (`line_keys`: equal keys, equal lines) and how it looks
    (`paint_line`), calls `forget_lines` when it draws a key otherwise than before, and
    `check_thumb` when its length changes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._look: Hashable = None  # what the edges were taken for
        self._checked: Hashable = None  # what the look was last checked for (`_take_edges`)
        self._edges: tuple[Strip, Strip] | None = None
        self._lines: dict[Hashable, Strip] = {}
        self._borders: dict[tuple[int, int, int, str | None], Strip] = {}  # by what they show
        self._titled: dict[Hashable, tuple[Strip, str]] = {}  # a top line, by title style
        self._filters: tuple[LineFilter, ...] = ()
        self._line_filters: tuple[LineFilter, ...] = ()  # those `restyled` does not apply
        self._style_filters: tuple[LineFilter, ...] = ()
        self._restyled: dict[tuple[Style, ...], tuple[Style, ...]] = {}
        self._background = Color(0, 0, 0)
        self._rights: dict[Segment | None, list[Segment]] = {}  # right edges, by thumb cell
        # What a subclass works out once for all the lines one drawing paints (the styles of
        # each kind of line: a microsecond a line, worked out for each); None between drawings
        self.drawing: dict[Hashable, tuple[Style, ...]] | None = None

    def line_keys(self, first: int, count: int) -> Sequence[Hashable]:
        """What each of `count` lines of the content from line `first` on shows: lines with
        equal keys are drawn the same, wherever they are and whatever was shown before (the
        lines in view are kept by key, so a line that shows what it showed before is not
        drawn again)."""
        raise NotImplementedError

    def paint_line(self, number: int, width: int) -> list[Segment]:
        """The segments of line `number` of the content, `width` cells wide, in styles given
        through `restyled`."""
        raise NotImplementedError

    def restyled(self, styles: tuple[Style, ...]) -> tuple[Style, ...]:
        """The styles a line is painted in, as the app's colour filters leave them (ANSI
        colours made the theme's, NO_COLOR's greys, dim as a colour): these filters change each
        segment's style by its style alone, so they are applied here, once for each style of
        each look, and not to every segment of every line drawn (2 µs a line, some eighty
        lines a keystroke). Unchanged when Textual draws the lines, and filters them itself."""
        if not self._style_filters:
            return styles
        done = self._restyled.get(styles)
        if done is None:
            done = self._restyled[styles] = tuple(map(self._restyle, styles))
        return done

    def blank(self, width: int) -> list[Segment]:
        """A blank content line, `width` cells wide, in the view's own style."""
        (style,) = self.restyled((self.visual_style.rich_style,))
        return [Segment(" " * width, style)]

    def _restyle(self, style: Style) -> Style:
        segments = [Segment(" ", style)]
        for line_filter in self._style_filters:
            segments = line_filter.apply(segments, self._background)
        return segments[0].style or style

    def forget_lines(self) -> None:
        """Draw every line afresh: a key is drawn otherwise now."""
        collector.drop_later(self._lines)  # freed between keys
        self._lines = {}

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._forget_look()  # a theme, or a class the lines' styles follow

    def _forget_look(self) -> None:
        """Draw the lines and the borders afresh: how they look has changed."""
        self.forget_lines()
        self._borders, self._titled, self._rights, self._restyled = {}, {}, {}, {}
        self.forget_thumb()

    def render_line(self, y: int) -> Strip:
        """A content line as Textual draws it: when `render_lines` leaves it to Textual."""
        width = self.box[1].width
        return Strip(self.paint_line(self.scroll_offset.y + y, width), width)

    def render_lines(self, crop: Region) -> list[Strip]:
        if not self._take_edges():
            return super().render_lines(crop)
        self.drawing = {}
        try:
            return self._framed_lines(crop)
        finally:
            self.drawing = None

    def _framed_lines(self, crop: Region) -> list[Strip]:
        (gutter, size), height = self.box, self.outer_size.height
        width, top = size.width, self.scroll_offset.y - gutter.top
        thumb = self._thumb_cells()
        strips: list[Strip] = []
        kept, lines = self._lines, dict[Hashable, Strip]()
        content = range(max(crop.y, gutter.top), min(crop.bottom, height - gutter.bottom))
        keys = self.line_keys(top + content.start, len(content))
        whole = crop.x == 0 and crop.right >= self.outer_size.width  # as the compositor asks
        for y in crop.line_range:
            if y in content:  # the border's lines are Textual's
                key = (keys[y - content.start], thumb[y - gutter.top] if thumb else None)
                line = kept.get(key)
                if line is None:
                    line = self._line(top + y, width, key[1])
                lines[key] = line
                strips.append(line if whole else line.crop(crop.x, crop.right))
            else:
                strips.append(self._border_line(y, crop))
        if crop.height >= height or len(kept) > KEPT_LINES * height:
            # Every line in view was asked for (or a pane only ever drawn in part, clipped,
            # has kept many): keep those alone, the others freed between keys
            self._lines = lines
            if len(kept) > len(lines):
                collector.drop_later(kept)
        else:
            kept.update(lines)
        return strips

    def _border_line(self, y: int, crop: Region) -> Strip:
        """A line of the border, as Textual draws it, once for each look and what it holds:
        the top line the title, the bottom one the subtitle. A count changes the top line
        alone (and Textual does not draw the bottom one again for it), and a repaint of the
        last rows asks for the bottom line again. (Rows come and go; borders stay.)"""
        label = self.border_title if y == 0 else self.border_subtitle
        key = (y, crop.x, crop.right, label)
        line = self._borders.get(key)
        if line is None:
            if len(self._borders) >= KEPT_BORDERS:  # top lines, a count per query: let them go
                self._borders = {seen: kept for seen, kept in self._borders.items() if seen[0]}
            line = self._retitled(y, crop)
            if line is None:
                line = super().render_lines(Region(crop.x, y, crop.width, 1))[0]
                self._keep_titled(y, crop, line)
            self._borders[key] = line
        return line

    def _title_key(self, y: int, crop: Region) -> Hashable | None:
        """What a top line is drawn for, but its title's words: its crop, its subtitle and the
        title's style. None when the line holds no title, or one of mixed styles."""
        title = self._border_title
        if y != 0 or title is None or not title.plain.strip():
            return None
        whole = len(title.plain)
        if any(span.start != 0 or span.end != whole for span in title.spans):
            return None
        return (crop.x, crop.right, self.border_subtitle, tuple(s.style for s in title.spans))

    def _keep_titled(self, y: int, crop: Region, line: Strip) -> None:
        key = self._title_key(y, crop)
        if key is not None:
            assert self._border_title is not None
            self._titled[key] = (line, self._border_title.plain)

    def _retitled(self, y: int, crop: Region) -> Strip | None:
        """The top line for a new title, made from the one Textual drew for another title in
        the same style: Textual takes some 0.2 ms a line to lay a title in a border, and a
        keystroke changes the count of every pane. The title's cells (" Entities 95 ", or its
        words apart from the spaces around them when the title has a style of its own) are
        written over, and the rule after them is made longer or shorter by as many cells.
        None, and Textual draws it, when the line is not laid out that way (no title drawn,
        a title cut short, too little rule left); test_panes.py compares both drawings."""
        key = self._title_key(y, crop)
        if key is None or key not in self._titled:
            return None
        assert self._border_title is not None
        line, was = self._titled[key]
        title, segments = self._border_title.plain, list(line)
        texts = [segment.text for segment in segments]
        for at, text in enumerate(texts):
            if text == f" {was} ":  # the words and their spaces, in one style
                words, after, new = at, at + 1, f" {title} "
                break
            if texts[at - 1 : at + 2] == [" ", was, " "]:  # the words apart
                words, after, new = at, at + 2, title
                break
        else:
            return None
        if after >= len(segments):
            return None
        rule = segments[after]
        fill, length = rule.text[:1], len(rule.text) - (cell_len(title) - cell_len(was))
        if not fill or cell_len(fill) != 1 or rule.text != fill * len(rule.text) or length < 2:
            return None
        segments[words] = Segment(new, segments[words].style)
        segments[after] = Segment(fill * length, rule.style)
        return line_strip(segments, line.cell_length)

    def _line(self, number: int, width: int, thumb: Segment | None) -> Strip:
        """Line `number` of the content drawn whole, between the edges, its thumb cell in."""
        assert self._edges is not None
        left, right = self._edges
        segments = self.paint_line(number, width)  # (its colours filtered: `restyled`)
        for line_filter in self._line_filters:
            segments = line_filter.apply(segments, self._background)
        length = left.cell_length + width + right.cell_length
        return line_strip([*left, *segments, *self._right(thumb)], length)

    def _right(self, thumb: Segment | None) -> list[Segment]:
        """The right edge, its thumb cell (the first of the padding) drawn as `thumb` says."""
        right = self._rights.get(thumb)
        if right is None:
            assert self._edges is not None
            edge = self._edges[1]
            if thumb is None:
                right = list(edge)
            else:
                cell = [thumb]
                for line_filter in self._filters:
                    cell = line_filter.apply(cell, self._background)
                right = [*cell, *edge.crop(1)]
            self._rights[thumb] = right
        return right

    def _take_edges(self) -> bool:
        """Take the edges for the widget's look now, if it has not changed; False when its
        style changes its content too, or it has no content line. Its styles are looked at
        again only when they may have changed (`sized_and_styled`, thumb.py), or the focus,
        the app's filters or its theme have: asking Textual for them (the tint, the opacity, the
        background of every widget above) took 0.1 ms a pane at every keystroke."""
        filters = tuple(self.get_line_filters())
        checked = (self.sized_and_styled, self.has_focus, filters, self.app.theme)
        if checked == self._checked:
            return True
        styles = self.styles
        hatched = styles.has_rule("hatch") and styles.hatch != "none"
        if styles.tint.a or styles.text_opacity != 1.0 or self.opacity != 1.0 or hatched:
            self._drawn_by_textual()
            return False
        gutter, content = self.box
        if gutter.top >= self.outer_size.height - gutter.bottom:
            self._drawn_by_textual()
            return False
        background = self.background_colors
        look = (self.outer_size, content.width, self.has_focus, background, filters, self.app.theme)
        if look != self._look:
            self._forget_look()
            self._look = look
            self._filters, self._background = filters, background[1]
            # The filters up to the first that is not a colour filter go into `restyled`
            first = next(
                (n for n, f in enumerate(filters) if not isinstance(f, STYLE_FILTERS)),
                len(filters),
            )
            self._style_filters, self._line_filters = filters[:first], filters[first:]
            self._edges = self._drawn_edges()
        self._checked = checked
        return True

    def _drawn_by_textual(self) -> None:
        """Textual draws the lines, and filters them: `restyled` leaves their styles alone."""
        self._look, self._checked, self._style_filters = None, None, ()

    def _drawn_edges(self) -> tuple[Strip, Strip]:
        """The cells left and right of the content on the first content line, as Textual
        draws that line (in a styles cache of its own: the widget's is left as it was)."""
        width, (gutter, content) = self.outer_size.width, self.box
        right = gutter.left + content.width
        line = Region(0, gutter.top, width, 1)
        drawn = StylesCache().render_widget(self, line)[0]
        return drawn.crop(0, gutter.left), drawn.crop(right, width)
