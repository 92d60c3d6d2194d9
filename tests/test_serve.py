"""`quadrant serve` (issue 17): the token's gate in front of every route, the sessions as the
page drives them, Ctrl+C, and the command's errors."""

from __future__ import annotations

import asyncio
import os
import shlex
import socket
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from tests.conftest import bundled_data, write_db
from tests.serving import Served, Session, alive, children, free_port
from tui.cli.main import main
from tui.cli.serve import app_command
from tui.ui.serve import REFUSED, GuardedServer, public_address

TOKEN = "s3cret-token_of-the-test"


@pytest.fixture
async def client():
    """The server's routes in this process (no app is started until a websocket opens)."""
    server = GuardedServer(
        "exec true", host="127.0.0.1", port=8123, public_url="http://127.0.0.1:8123/", token=TOKEN
    )
    async with TestClient(TestServer(await server._make_app())) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/static/js/textual.js", "/static/", "/download/x"])
@pytest.mark.parametrize("token", [None, "", "wrong", TOKEN[:-1], TOKEN + "x", "é" * 24])
async def test_every_route_is_refused_without_the_token(client, path, token):
    query = {} if token is None else {"token": token}
    response = await client.get(path, params=query)
    assert response.status == 403
    assert await response.text() == REFUSED
    assert "Set-Cookie" not in response.headers


async def test_a_wrong_cookie_is_refused(client):
    client.session.cookie_jar.update_cookies({"quadrant-token-8123": "wrong"})
    assert (await client.get("/")).status == 403
    client.session.cookie_jar.update_cookies({"quadrant-token-8124": TOKEN})  # another server's
    assert (await client.get("/")).status == 403


@pytest.mark.parametrize("token", [None, "wrong"])
async def test_the_websocket_is_refused_without_the_token(client, token):
    query = {} if token is None else {"token": token}
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", params={"width": "80", "height": "24", **query})
    assert refused.value.status == 403


async def test_the_link_gives_the_page_and_a_cookie_that_opens_the_rest(client):
    response = await client.get("/", params={"token": TOKEN})
    assert response.status == 200
    page = await response.text()
    assert 'data-session-websocket-url="ws://127.0.0.1:8123/ws"' in page
    assert TOKEN not in page
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"quadrant-token-8123={TOKEN};")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Secure" not in cookie
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    # The page's own requests carry the cookie, not the token
    script = await client.get("/static/js/textual.js")
    assert script.status == 200 and "Set-Cookie" not in script.headers
    assert (await client.get("/")).status == 200


async def test_a_plain_request_to_the_websocket_is_told_so_not_logged_as_a_crash(client):
    response = await client.get("/ws", params={"token": TOKEN})
    assert response.status == 400


async def test_behind_https_the_cookie_is_secure_and_the_websocket_wss():
    server = GuardedServer(
        "exec true", host="127.0.0.1", port=8123, public_url="https://example.org/q/", token=TOKEN
    )
    assert server.link == f"https://example.org/q/?token={TOKEN}"
    async with TestClient(TestServer(await server._make_app())) as client:
        response = await client.get("/", params={"token": TOKEN})
        assert "Secure" in response.headers["Set-Cookie"]
        assert 'data-session-websocket-url="wss://example.org/q/ws"' in await response.text()


def test_each_token_is_new_and_long():
    tokens = {GuardedServer("true", host="h", port=1, public_url="http://h:1").token for _ in "ab"}
    assert len(tokens) == 2 and all(len(token) >= 40 for token in tokens)


def test_the_app_command_is_this_quadrant_on_this_database_quoted(tmp_path):
    db = tmp_path / "it's a $(db) `file`.json"
    words = shlex.split(app_command(db, read_only=True))
    assert words == [
        *("exec", sys.executable, "-m", "tui", "--db", str(db)),
        *("--no-ascii", "--read-only"),
    ]
    assert "--read-only" not in shlex.split(app_command(db, read_only=False))


def test_an_ipv6_host_is_bracketed():
    assert public_address("::1", 8000) == "http://[::1]:8000"
    assert public_address("127.0.0.1", 8000) == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        (["--port", "0"], "--port: must be a port number from 1 to 65535, not '0'"),
        (["--port", "http"], "--port: must be a port number from 1 to 65535, not 'http'"),
        (["--public-url", "example.org"], "--public-url: must start with http:// or https://"),
    ],
)
def test_bad_arguments_are_one_line(db_file, capsys, arguments, problem):
    assert main(["serve", "--db", str(db_file), *arguments]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"quadrant: {problem}") and err.count("\n") == 1


def test_a_port_in_use_is_one_line_naming_it(db_file, capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--db", str(db_file), "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert err == f"quadrant: --port {port}: already in use (choose another)\n"
    assert "token" not in out  # no link printed for a server that never listened


def test_a_database_that_will_not_open_is_refused_before_serving(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "missing.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quadrant: ") and "missing.json" in err and err.count("\n") == 1


# -- a real server, its sessions driven as the page drives them ---------------------------------


@pytest.fixture
def served(tmp_path):
    server = Served(write_db(tmp_path / "db.json", bundled_data()), "--read-only")
    yield server
    server.stop()


async def open_session(served: Served, **query: str) -> tuple[aiohttp.ClientSession, Session]:
    """A session as the page opens one: the link first (which gives the cookie), then the
    websocket at the page's address, the cookie its only credential."""
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))  # an IP's cookies
    page = await http.get(served.link)
    assert page.status == 200
    websocket = await http.ws_connect(
        f"{served.local}/ws", params={"width": "100", "height": "30", **query}
    )
    session = Session(websocket)
    await session.send("resize", {"width": 100, "height": 30})
    return http, session


@pytest.mark.slow
async def test_the_first_screen_arrives_and_typed_keys_search(served):
    assert "(read-only)" in served.printed.decode()
    http, session = await open_session(served)
    async with http:
        assert await session.wait_for("Articles"), session.screen_text()[-2000:]
        assert await session.wait_for("Agreements 30")
        mark = len(session.received)
        await session.type("/")
        await session.type("comcasa")
        assert await session.wait_for("Agreements 1 ", since=mark), session.screen_text(mark)


@pytest.mark.slow
async def test_ctrl_c_ends_the_server_and_every_app_it_started(served):
    sessions = [await open_session(served) for _ in range(2)]
    for _, session in sessions:
        assert await session.wait_for("Articles")
    apps = children(served.process.pid)
    assert len(apps) == 2
    assert served.stop() == 0
    assert [pid for pid in apps if alive(pid)] == []
    for http, session in sessions:
        assert await session.wait_for("never", timeout=5) is False  # the socket was closed
        assert session.websocket.closed
        await http.close()
    err = served.process.stderr.read().decode() if served.process.stderr else ""
    assert "Traceback" not in err, err


def test_the_server_module_imports_no_textual():
    import subprocess

    code = "import sys, tui.ui.serve; print(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
async def test_an_app_that_will_not_quit_is_terminated_when_the_server_stops():
    port = free_port()
    stuck = f"exec {shlex.quote(sys.executable)} -c 'import time; time.sleep(60)'"
    server = GuardedServer(
        stuck,
        host="127.0.0.1",
        port=port,
        public_url=public_address("127.0.0.1", port),
        token=TOKEN,
    )
    links: list[str] = []
    running = asyncio.create_task(server.run(links.append))
    async with aiohttp.ClientSession() as http:
        while not links:
            await asyncio.sleep(0.05)
        await http.ws_connect(f"http://127.0.0.1:{port}/ws", params={"token": TOKEN})
        while not (apps := children(os.getpid())):
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)  # started, and deaf to the quit it will be sent
        server.request_exit()  # as Ctrl+C does
        await asyncio.wait_for(running, 15)
    assert [pid for pid in apps if alive(pid)] == []
