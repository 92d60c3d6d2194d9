"""`quadrant serve` in a real browser (issue 17): headless Chromium opens the printed link, and
the page (with nothing but the cookie the link gave it) starts the app, draws it, and searches
as keys are typed into it. Needs Debian's `chromium` (.ci/run installs it)."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest

from tests.browser import Chromium, find_chromium, png_colours
from tests.conftest import ROOT, bundled_data, write_db
from tests.serving import Served

CHROMIUM = find_chromium()
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="no chromium on this machine (apt-get install chromium)"
    ),
]
SIZE = (1200, 760)


@pytest.fixture
def served(tmp_path):
    server = Served(write_db(tmp_path / "db.json", bundled_data()), "--read-only")
    yield server
    server.stop()


async def test_the_page_draws_the_app_and_typed_keys_search(served, tmp_path):
    assert CHROMIUM is not None
    async with Chromium(CHROMIUM, tmp_path / "profile", SIZE) as browser:
        await browser.page("Page.navigate", url=served.link)
        # The page's own websocket (its only credential the cookie) brought the first screen,
        # and the page wrote it to its terminal, which hides the splash.
        assert await browser.received("Agreements 30"), browser.received_text()[-1000:]
        assert await browser.until("document.body.classList.contains('-first-byte')")
        assert not await browser.evaluate("document.body.classList.contains('-closed')")
        before = len(browser.received_text())
        await browser.page(
            "Runtime.evaluate", expression="document.querySelector('textarea').focus()"
        )
        await browser.type("/comcasa")
        assert await browser.received("Agreements 1 "), browser.received_text()[before:]
        await browser.received("never", timeout=1.0)  # let the page draw the results
        colours = png_colours(await small_screenshot(browser))
    # A drawn screen: the terminal's background, and text and borders in several colours
    # (the splash is one dark colour, a dotted pattern and a box).
    common = sorted(colours.values(), reverse=True)
    assert len(colours) > 20 and sum(common[1:]) > 0.15 * sum(common), common[:10]


async def small_screenshot(browser: Chromium) -> bytes:
    """The page at a quarter of its size: enough to count colours, quick to decode."""
    width, height = SIZE
    shot = await browser.page(
        "Page.captureScreenshot",
        format="png",
        clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 0.25},
    )
    return base64.b64decode(shot["data"])


@pytest.mark.skipif(not os.environ.get("QUADRANT_SCREENSHOT"), reason="QUADRANT_SCREENSHOT unset")
async def test_the_readme_picture(served, tmp_path):
    """QUADRANT_SCREENSHOT=1 pytest -k readme_picture: docs/serve.png, the app in Chromium."""
    assert CHROMIUM is not None
    async with Chromium(CHROMIUM, tmp_path / "profile", SIZE) as browser:
        await browser.page("Page.navigate", url=served.link)
        assert await browser.received("Agreements 30")
        await browser.page(
            "Runtime.evaluate", expression="document.querySelector('textarea').focus()"
        )
        await browser.type("/quad")
        await browser.received("never", timeout=3.0)  # the results, drawn
        Path(ROOT / "docs" / "serve.png").write_bytes(await browser.screenshot())
