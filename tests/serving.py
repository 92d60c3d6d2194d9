"""A `quadrant serve` in a subprocess for tests, and a websocket session that talks to it as
textual-serve's page does (JSON `["stdin", text]` and `["resize", {...}]` up, the app's terminal
bytes down)."""

from __future__ import annotations

import json
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

from tests.terminal import interruptible

ESCAPE = re.compile(rb"\x1b\[[0-9;?<>=]*[a-zA-Z~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][0-9A-B]")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children(pid: int) -> list[int]:
    """The live child processes of `pid` (the apps a server started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


class Served:
    """`quadrant serve` on a free port, until `stop`; `link` is the URL it printed."""

    def __init__(self, db: Path, *extra: str) -> None:
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tui", "serve", "--port", str(self.port), "--db", str(db)]
            + list(extra),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=dict(os.environ, PYTHONUNBUFFERED="1"),
            preexec_fn=interruptible,  # `stop` is a Ctrl+C
        )
        self.printed = self._read_until(b"?token=")
        found = re.search(rb"(https?://\S+)\?token=(\S+)", self.printed)
        assert found, self.printed
        self.base, self.token = found[1].decode().rstrip("/"), found[2].decode()
        self.link = f"{self.base}/?token={self.token}"
        self.local = f"http://127.0.0.1:{self.port}"

    def _read_until(self, needle: bytes, timeout: float = 30.0) -> bytes:
        assert self.process.stdout is not None
        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        out = b""
        deadline = time.monotonic() + timeout
        while needle not in out and time.monotonic() < deadline:
            if selector.select(0.1):
                chunk = os.read(self.process.stdout.fileno(), 4096)
                if not chunk:
                    break
                out += chunk
        assert needle in out, (out, self.process.poll())
        return out

    def stop(self, timeout: float = 15.0) -> int:
        """Ctrl+C, as a terminal sends it to the server; its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            for pid in children(self.process.pid):
                os.kill(pid, signal.SIGKILL)
            self.process.kill()
            raise


class Session:
    """One browser session's websocket, driven as textual-serve's page drives it."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.received = b""

    async def send(self, kind: str, data: object) -> None:
        await self.websocket.send_str(json.dumps([kind, data]))

    async def type(self, text: str) -> None:
        await self.send("stdin", text)

    def screen_text(self, since: int = 0) -> str:
        """What arrived from `since` on, escape sequences taken out."""
        return ESCAPE.sub(b"", self.received[since:]).decode("utf-8", "replace")

    async def wait_for(self, text: str, since: int = 0, timeout: float = 30.0) -> bool:
        """True once `text` is among the app's output from `since` on."""
        deadline = time.monotonic() + timeout
        while text not in self.screen_text(since):
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            try:
                message = await self.websocket.receive(timeout=left)
            except TimeoutError:
                return False
            if message.type == aiohttp.WSMsgType.BINARY:
                self.received += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                return False
        return True
