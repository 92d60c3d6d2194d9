"""A keystroke's frame drawn as soon as the key is handled, not after the messages it left.

Textual draws a frame in steps, each a turn of the event loop: a widget that changed posts an
`Update` message to its screen once its own queue is empty; the screen, once its queue is
empty too, resumes its update timer; the timer's task draws. A key typed into the search bar
left behind it Input's `Changed`, a prompt for each pane, an `Update` for the bar and one for
each pane: the frame waited for all of them, half a millisecond of a five-millisecond key at
10k articles (a bare Input waits for two of them).

Here the panes hand their repaints to the screen directly (`hand_over`, what the screen does
with an `Update`), and the search bar, once the key is handled, draws the frame at once
(`draw_now`, what the screen's timer does); the messages still come, and find nothing left to
draw. Both use Textual's private names (8.2); `supported` says whether this Textual has them,
and without them Textual draws the frame its own way. test_panes.py checks the names are
there, and that a key's frame goes out before the messages it left are handled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.dom import NoScreen

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

__all__ = ["draw_now", "hand_over", "supported"]


def supported(widget: Widget, screen: Screen) -> bool:
    """Whether this Textual has the names used here (else it draws the frame its own way)."""
    return (
        hasattr(widget, "_repaint_required")
        and hasattr(screen, "_dirty_widgets")
        and hasattr(screen, "_compositor")
        and hasattr(screen, "_on_timer_update")
        and hasattr(widget.app, "_batch_count")
    )


def _screen(widget: Widget) -> Screen | None:
    """The screen `widget` is on, if it is mounted on one and not closing (the checks
    `Widget._check_refresh` makes), and this Textual has the names used here."""
    if not widget.is_mounted or widget._parent is None or widget._closing:
        return None
    try:
        screen = widget.screen
    except NoScreen:
        return None
    return screen if supported(widget, screen) else None


def hand_over(widget: Widget) -> None:
    """Give the screen `widget`'s repaint now, as the screen takes it from an `Update`
    message (`Screen._on_update`), instead of posting one."""
    screen = _screen(widget)
    if screen is not None:
        _give(widget, screen)


def draw_now(widget: Widget) -> None:
    """Draw every repaint the screen of `widget` has been given, and `widget`'s own, in a
    frame now: what the screen's update timer does (a layout first, if one is due)."""
    screen = _screen(widget)
    if screen is None:
        return
    _give(widget, screen)
    if screen._dirty_widgets and screen.is_current and not widget.app._batch_count:
        screen._on_timer_update()


def _give(widget: Widget, screen: Screen) -> None:
    if not widget._repaint_required:
        return
    widget._repaint_required = False  # no Update is posted for it now
    if widget.display and widget in screen._compositor:
        screen._dirty_widgets.add(widget)
        screen.check_idle()  # (the timer draws it, if nothing does sooner)
