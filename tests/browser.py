"""Headless Chromium for tests, driven over the DevTools protocol (a websocket, through aiohttp).

textual-serve's page draws the terminal on a canvas (xterm.js with its WebGL or canvas renderer),
so there is no text in the DOM to read. What the page shows is checked three ways: the websocket
frames the page itself received (Network events: the app's bytes, escape sequences and all),
the class the page sets once it has written the app's first bytes to its terminal (`-first-byte`,
which also hides the splash), and a screenshot.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import os
import shutil
import signal
import struct
import subprocess
import time
import zlib
from pathlib import Path
from typing import Any

import aiohttp

from tests.serving import ESCAPE

FLAGS = (
    "--headless",
    "--no-sandbox",  # as root in a container, Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-crash-reporter",
    "--disable-breakpad",
    "--remote-debugging-port=0",
)


def find_chromium() -> str | None:
    return next(filter(None, map(shutil.which, ("chromium", "chromium-browser"))), None)


class Chromium:
    """One headless Chromium with one page, for `async with`."""

    def __init__(self, executable: str, profile: Path, size: tuple[int, int]) -> None:
        self.executable, self.profile, self.size = executable, profile, size
        self.frames: list[bytes] = []  # what the page's websockets received, in order
        self._ids = itertools.count(1)
        self._waiting: dict[int, asyncio.Future] = {}

    async def __aenter__(self) -> Chromium:
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
            + [f"--window-size={self.size[0]},{self.size[1]}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its helpers too are ended with it, as one group
        )
        self.http = aiohttp.ClientSession()
        self.socket = await self.http.ws_connect(await self._endpoint(), max_msg_size=0)
        self._reader = asyncio.create_task(self._read())
        target = await self.call("Target.createTarget", url="about:blank")
        attached = await self.call(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Network", "Runtime"):
            await self.call(f"{domain}.enable", session=self.session)
        return self

    async def __aexit__(self, *_: object) -> None:
        self._reader.cancel()
        await self.http.close()
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    async def _endpoint(self, timeout: float = 30.0) -> str:
        """The browser's DevTools websocket, from the file Chromium writes once it listens."""
        active = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = active.read_text().split() if active.exists() else []
            if len(lines) == 2:
                return f"ws://127.0.0.1:{lines[0]}{lines[1]}"
            assert self.process.poll() is None, "chromium ended at its start"
            await asyncio.sleep(0.1)
        raise TimeoutError("chromium did not open its DevTools port")

    async def call(self, method: str, session: str | None = None, **params: Any) -> dict:
        number = next(self._ids)
        message: dict[str, Any] = {"id": number, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        answer = self._waiting[number] = asyncio.get_running_loop().create_future()
        try:
            await self.socket.send_json(message)
            return await asyncio.wait_for(answer, 30)
        finally:
            del self._waiting[number]

    async def page(self, method: str, **params: Any) -> dict:
        return await self.call(method, session=self.session, **params)

    async def _read(self) -> None:
        async for message in self.socket:
            data = message.json()
            if "id" in data and data["id"] in self._waiting:
                future = self._waiting[data["id"]]
                if "error" in data:
                    future.set_exception(RuntimeError(f"{data['error']}"))
                else:
                    future.set_result(data.get("result", {}))
            elif data.get("method") == "Network.webSocketFrameReceived":
                frame = data["params"]["response"]
                payload = frame["payloadData"]
                self.frames.append(
                    base64.b64decode(payload) if frame["opcode"] == 2 else payload.encode()
                )

    def received_text(self) -> str:
        """Everything the page's websockets received, escape sequences taken out."""
        return ESCAPE.sub(b"", b"".join(self.frames)).decode("utf-8", "replace")

    async def evaluate(self, expression: str) -> Any:
        result = await self.page("Runtime.evaluate", expression=expression, returnByValue=True)
        return result["result"].get("value")

    async def until(self, expression: str, timeout: float = 30.0) -> bool:
        """True once the page's `expression` is true."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await self.evaluate(expression):
                return True
            await asyncio.sleep(0.1)
        return False

    async def received(self, text: str, timeout: float = 30.0) -> bool:
        deadline = time.monotonic() + timeout
        while text not in self.received_text():
            if time.monotonic() > deadline:
                return False
            await asyncio.sleep(0.1)
        return True

    async def type(self, text: str) -> None:
        """Keys as a user types them into the page's terminal."""
        for character in text:
            await self.page("Input.dispatchKeyEvent", type="char", text=character)

    async def screenshot(self) -> bytes:
        shot = await self.page("Page.captureScreenshot", format="png")
        return base64.b64decode(shot["data"])


def png_colours(png: bytes) -> dict[tuple[int, ...], int]:
    """How many pixels of each colour a PNG (8-bit RGB or RGBA, not interlaced, as Chromium
    writes them) has: enough to tell a drawn screen from a blank or a splash."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(png):
        (length,) = struct.unpack(">I", png[position : position + 4])
        kind = png[position + 4 : position + 8]
        body = png[position + 8 : position + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    counts: dict[tuple[int, ...], int] = {}
    previous = bytearray(stride)
    for row in range(height):
        start = row * (stride + 1)
        line = _unfilter(
            raw[start], bytearray(raw[start + 1 : start + 1 + stride]), previous, channels
        )
        for x in range(0, stride, channels):
            pixel = tuple(line[x : x + 3])
            counts[pixel] = counts.get(pixel, 0) + 1
        previous = line
    return counts


def _unfilter(kind: int, line: bytearray, previous: bytearray, step: int) -> bytearray:
    for i in range(len(line)):
        left = line[i - step] if i >= step else 0
        up = previous[i]
        corner = previous[i - step] if i >= step else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 2:
            line[i] = (line[i] + up) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + (left + up) // 2) & 0xFF
        elif kind == 4:
            guess = left + up - corner
            pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
            best = left if pa <= pb and pa <= pc else up if pb <= pc else corner
            line[i] = (line[i] + best) & 0xFF
    return line
