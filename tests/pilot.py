"""Helpers for driving the app in tests."""

from __future__ import annotations

import threading
from contextlib import asynccontextmanager

from textual import events
from textual.keys import _character_to_key

from tui.storage.store import Store
from tui.ui.app import QuadrantApp
from tui.ui.widgets.searchbar import SearchBar


async def loaded(app, timeout: float = 30.0) -> None:
    """Wait until the latest load has finished (or the app has given up and is leaving)."""
    import asyncio

    for _ in range(int(timeout / 0.02)):
        if (not app.loads.loading and app.corpus is not None) or app.return_code is not None:
            return
        await asyncio.sleep(0.02)
    raise TimeoutError("the database did not finish loading")


async def ready(pilot, timeout: float = 30.0, settle: bool = True) -> None:
    """Wait until the whole database is loaded (search ready, corpus read) and, with `settle`,
    the footer too. The load starts a couple of frames in, in a thread of its own."""
    await pilot.pause()
    await loaded(pilot.app, timeout)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for bar in pilot.app.screen.query(SearchBar):
        bar.cursor_blink = False
    if settle:
        await settled(pilot)


async def settled(pilot) -> None:
    """The footer learns the focused widget's keys a little after focus moves: let it settle,
    so a snapshot or a test of the footer never catches it half-way."""
    await pilot.pause(0.2)
    await pilot.pause()


def footer_text(screen) -> str:
    """The footer as a person reads it: each key and its description, and any marker."""
    from textual.widgets import Label
    from textual.widgets._footer import FooterKey

    footer = screen.query_one("QuadrantFooter")
    keys = [f"{k.key_display} {k.description}" for k in footer.query(FooterKey)]
    return " ".join([*keys, *(str(label.render()) for label in footer.query(Label))])


async def footer_of(pilot) -> str:
    """The current screen's footer, once it has settled."""
    await settled(pilot)
    return footer_text(pilot.app.screen)


@asynccontextmanager
async def running(store: Store, size=(80, 24)):
    app = QuadrantApp(store)
    async with app.run_test(size=size) as pilot:
        await ready(pilot, settle=False)  # tests of the footer wait for it (footer_of)
        yield pilot


async def burst(pilot, keys: str) -> None:
    """Post keys the way a fast typist or a paste delivers them: all queued before any runs,
    each named as a terminal's key is ("/" slash, ":" colon, "\\r" enter). Tests type text with
    this: `pilot.press` waits for the app to be idle twice after every key (60 ms a key here),
    and pressing each letter took a fifth of the fast subset's time."""
    for char in keys:
        name = "enter" if char == "\r" else _character_to_key(char)
        pilot.app.post_message(events.Key(name, char))
    await pilot.pause()
    await pilot.pause()


def pane_ids(pilot, dom_id: str) -> list[str]:
    pane = pilot.app.screen.query_one(f"#{dom_id}")
    return [option.id for option in pane.options]


@asynccontextmanager
async def held_load(monkeypatch, store: Store):
    """The app over `store` with its load held back: search answers at once, the corpus comes
    only when the yielded event is set (always set on the way out, so nothing hangs). Yields
    (pilot, the event, the corpus, a list that gets "load" each time the app loads)."""
    from tui.core.corpus import Corpus
    from tui.search.index import Index

    corpus = Corpus(store.load())
    release = threading.Event()
    loads: list[str] = []

    def held(
        store,
        cache,
        key,
        on_search,
        when_idle=None,
        on_progress=None,
        on_names=None,
        on_corpus=None,
    ):
        loads.append("load")
        on_search(Index.of(corpus))
        release.wait(timeout=30)
        on_corpus(corpus)
        return corpus

    monkeypatch.setattr("tui.search.loading.load", held)  # the app imports it when it loads
    app = QuadrantApp(store)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(250):
                if app.index is not None:
                    break
                await pilot.pause(0.02)
            assert app.index is not None and app.corpus is None
            yield pilot, release, corpus, loads
    finally:
        release.set()
