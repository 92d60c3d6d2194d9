"""`quadrant serve`: the app in a browser, through textual-serve, and only for those given the link.

textual-serve runs one app process per browser session and has no access control: on a shared
server any local user can open a localhost port. `GuardedServer` is its `Server` with a gate in
front of every route (the page, the static files, the websocket, the downloads): a request needs
the random token the server printed, in the link (`?token=`) or in the cookie the page was given
when it was first opened with the link, so that the page's own requests (a stylesheet, a script,
the websocket, which textual-serve's page opens at a fixed address) carry it too. Anything else
is refused with 403. Compared in constant time, as bytes (`hmac.compare_digest` refuses a str
that is not ASCII).

Stopping (Ctrl+C, SIGTERM) closes every session the way a closed browser tab does, which asks
its app to quit; an app that has not gone a few seconds later is terminated, then killed.
No Textual import here: textual-serve imports none, and the apps it starts are processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import secrets
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from textual_serve.server import Server

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
QUIT_SECONDS = 3.0  # for the apps to quit when asked, then again after SIGTERM
REFUSED = (
    "403: this Quadrant server needs its token: open the link that `quadrant serve` printed "
    "(it ends in ?token=...)\n"
)


def public_address(host: str, port: int) -> str:
    """The address a browser on this machine would use (an IPv6 host in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


class GuardedServer(Server):
    """textual-serve's server, every route behind a token (see the module's docstring)."""

    def __init__(
        self, command: str, *, host: str, port: int, public_url: str, token: str | None = None
    ) -> None:
        super().__init__(command, host=host, port=port, title="Quadrant", public_url=public_url)
        self.public_url = public_url.rstrip("/")  # textual-serve appends "/ws", "/static"
        self.token = token or secrets.token_urlsafe(32)
        self.cookie = f"quadrant-token-{port}"  # cookies ignore the port: one per server
        self._sessions: set[asyncio.Task] = set()
        self._stop = asyncio.Event()

    @property
    def link(self) -> str:
        """The address to open, token included: the one thing to give a browser."""
        return f"{self.public_url}/?token={self.token}"

    def _valid(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(
            given.encode("utf-8", "surrogateescape"), self.token.encode()
        )

    @web.middleware
    async def _gate(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """Refuse a request that has neither the token nor the cookie; hand the page opened
        with the token the cookie, so that its own requests carry it."""
        by_link = self._valid(request.query.get("token"))
        if not (by_link or self._valid(request.cookies.get(self.cookie))):
            raise web.HTTPForbidden(text=REFUSED)
        if request.path == "/ws":
            if request.headers.get("Upgrade", "").lower() != "websocket":
                raise web.HTTPBadRequest(text="400: /ws is a websocket, for the page\n")
            return await self._session(request, handler)
        response = await handler(request)
        response.headers["Referrer-Policy"] = "no-referrer"  # the page's address has the token
        if by_link and not response.prepared:
            response.headers["Cache-Control"] = "no-store"
            response.set_cookie(
                self.cookie,
                self.token,
                path="/",
                httponly=True,
                samesite="Strict",
                secure=self.public_url.startswith("https:"),
            )
        return response

    async def _session(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """One browser session (its websocket, and the app process behind it), kept in
        `_sessions` so that stopping can close it."""
        task = asyncio.current_task()
        assert task is not None
        self._sessions.add(task)
        try:
            return await handler(request)
        finally:
            self._sessions.discard(task)

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._gate)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `run` says where the server is, once it listens (textual-serve prints its
        logo and the address without the token here, before it knows the port is free)."""

    def request_exit(self) -> None:
        """Ctrl+C or SIGTERM: stop; a second one while stopping ends the apps at once."""
        if self._stop.is_set():
            _signal_children(signal.SIGKILL)
        self._stop.set()

    async def run(self, announce: Callable[[str], None]) -> None:
        """Listen (an OSError if the address is taken or not ours), call `announce` with the
        link, serve until asked to stop, then end every session and its app."""
        loop = asyncio.get_running_loop()
        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, self.request_exit)
        runner = web.AppRunner(
            await self._make_app(), handle_signals=False, shutdown_timeout=QUIT_SECONDS
        )
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            announce(self.link)
            await self._stop.wait()
            await self._end_sessions()
        finally:
            await runner.cleanup()
            for number in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(number)

    async def _end_sessions(self) -> None:
        """Close every session, which asks its app to quit; SIGTERM, then SIGKILL, any app
        still there a few seconds later (one stuck, or one still starting). Then stop waiting
        for browsers to answer the websockets' close (one on a dead connection never does)."""
        for task in self._sessions:
            task.cancel()
        for number in (0, signal.SIGTERM, signal.SIGKILL):
            if number and not _signal_children(number):
                break
            if await _children_gone(QUIT_SECONDS):
                break
        for task in self._sessions:
            task.cancel()
        if self._sessions:
            await asyncio.wait(self._sessions, timeout=QUIT_SECONDS)


async def _children_gone(seconds: float) -> bool:
    """True once this process has no child left, within `seconds`."""
    for _ in range(int(seconds * 20)):
        if not _children():
            return True
        await asyncio.sleep(0.05)
    return not _children()


def _children() -> list[int]:
    """This process's child processes (the apps), from /proc; none known elsewhere."""
    found = []
    me = os.getpid()
    with contextlib.suppress(OSError):
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                fields = stat.rpartition(")")[2].split()
                if int(fields[1]) == me and fields[0] != "Z":
                    found.append(int(entry.name))
    return found


def _signal_children(number: int) -> bool:
    """Send `number` to every child still running; False when there was none."""
    children = _children()
    for pid in children:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, number)
    return bool(children)


def serve(
    command: str,
    *,
    host: str,
    port: int,
    public_url: str | None,
    announce: Callable[[str], None],
    token: str | None = None,
) -> None:
    """Serve `command` (a shell command that runs the app) until Ctrl+C or SIGTERM.
    OSError when the address cannot be listened on."""
    logging.basicConfig(level=logging.WARNING, format="quadrant serve: %(message)s")
    server = GuardedServer(
        command,
        host=host,
        port=port,
        public_url=public_url or public_address(host, port),
        token=token,
    )
    asyncio.run(server.run(announce))
    sys.stdout.flush()
