"""Many users, one database file (issue 15, part 5).

As the current user: a write through the store keeps the database's mode whatever the umask.

As real Unix users, through `runuser` and the `quadrant` command: two analysts of a team group
open a database that is read-only to them (and leave it as it was, creating nothing beside it),
write a group-writable one in turn and at the same time (nothing lost; group and mode kept after
every write; no temporary file left; one lock file both can take), watch each other's writes
arrive in the running app, and are told why when a sticky folder refuses them. Those tests need
root, useradd and runuser (CI has all three) and skip, saying why, without them.

The users `qa1` and `qa2` (each in a group of their own, and both in `qteam`) are made once and
kept for later runs: no home folder, no login shell, no password. A user of those names that
these tests did not make, or a `qteam` group with other members, is left alone and the tests
skip.
"""

from __future__ import annotations

import grp
import json
import os
import pwd
import shutil
import signal
import site
import stat
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock

from tests.conftest import BUNDLED, small_data, write_db
from tests.terminal import PtyApp
from tui.core.models import Entity
from tui.storage.files import TEMP_PREFIX
from tui.storage.lock import lock_mode
from tui.storage.store import Store


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


# -- as the current user ------------------------------------------------------------------------


@pytest.mark.parametrize("mode", [0o664, 0o640, 0o660, 0o644])
def test_a_write_through_the_store_keeps_the_mode_whatever_the_umask(tmp_path, mode):
    db = write_db(tmp_path / "db.json", small_data())
    os.chmod(db, mode)
    previous = os.umask(0o077)  # a writer whose new files no one else may read
    try:
        store = Store.open(db)
        for name in ("Japan", "Australia"):
            with store.transaction() as tx:
                tx.put(Entity(name.lower(), name, "country"))
            assert mode_of(db) == mode
    finally:
        os.umask(previous)
    assert mode_of(tmp_path / "db.json.lock") == lock_mode(mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.json", "db.json.lock"]
    assert {"japan", "australia"} <= {e.id for e in Store.open(db).load().entities}


# -- two real users -----------------------------------------------------------------------------

MARK = "Quadrant test user (tests/test_many_users.py)"
GROUP = "qteam"
NAMES = ("qa1", "qa2")
CLEAN_PATH = "/usr/bin:/bin"


@dataclass(frozen=True)
class Analyst:
    name: str
    uid: int
    home: Path  # their HOME and XDG folders for these tests, never the team folder


@dataclass
class Team:
    gid: int
    analysts: tuple[Analyst, Analyst]
    quadrant: str  # a `quadrant` command the analysts may run
    base: Path  # holds the team folders, the analysts' homes and the articles they import

    def command(self, who: Analyst, *args: str, umask: int = 0o022, **env: str) -> list[str]:
        """`quadrant ARGS` as `who`, through runuser (their own groups, as after a login), with
        a clean environment whose HOME and XDG folders are theirs, and `umask`."""
        home = who.home
        variables = {
            "PATH": CLEAN_PATH,
            "LANG": "C.UTF-8",
            "HOME": str(home),
            "XDG_CACHE_HOME": f"{home}/.cache",
            "XDG_DATA_HOME": f"{home}/.local/share",
            "XDG_CONFIG_HOME": f"{home}/.config",
            "XDG_STATE_HOME": f"{home}/.local/state",
            **env,
        }
        return [
            *_as(who.name),
            "env",
            "-i",
            *(f"{key}={value}" for key, value in variables.items()),
            "sh",
            "-c",
            f'umask {umask:03o} && exec "$0" "$@"',
            self.quadrant,
            *args,
        ]

    def run(self, who: Analyst, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
        return subprocess.run(
            self.command(who, *args, umask=umask),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=self.base,
        )

    def folder(self, name: str, mode: int) -> Path:
        """A team folder: root's, in the team group, with `mode` (2775: setgid)."""
        folder = self.base / name
        folder.mkdir()
        os.chown(folder, 0, self.gid)
        os.chmod(folder, mode)
        return folder

    def article(self, name: str, text: str) -> str:
        """A file any analyst may import, outside the team folders."""
        path = self.base / "inbox" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.chmod(path.parent, 0o755)
        os.chmod(path, 0o644)
        return str(path)


def _as(name: str) -> list[str]:
    return [shutil.which("runuser") or "runuser", "-u", name, "--"]


def _admin(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def team():
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root, to make the team's users (CI runs as root)")
    missing = [t for t in ("useradd", "groupadd", "usermod", "runuser") if not shutil.which(t)]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}")
    with FileLock(Path(tempfile.gettempdir(), "quadrant-test-users.lock")):  # test processes
        gid = _team_group()
        people = [_team_user(name, gid) for name in NAMES]
    strays = [p.pw_name for p in people if p.pw_name not in grp.getgrgid(gid).gr_mem]
    if strays:
        pytest.skip(f"{', '.join(strays)} could not be put in the group {GROUP}")
    base = Path(tempfile.mkdtemp(prefix="quadrant-team-", dir="/tmp"))
    try:
        os.chmod(base, 0o755)  # mkdtemp makes 700: the analysts must get through it
        analysts = tuple(_home(base, entry) for entry in people)
        yield Team(gid, (analysts[0], analysts[1]), _quadrant_for(analysts[0], base), base)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _team_group() -> int:
    """`qteam`, made if missing; one with members other than ours is someone else's."""
    try:
        found = grp.getgrnam(GROUP)
    except KeyError:
        made = _admin("groupadd", GROUP)
        if made.returncode:
            pytest.skip(f"groupadd {GROUP} failed: {made.stderr.strip()}")
        found = grp.getgrnam(GROUP)
    strangers = set(found.gr_mem) - set(NAMES)
    if strangers:
        pytest.skip(f"a group {GROUP} exists with other members ({', '.join(sorted(strangers))})")
    return found.gr_gid


def _team_user(name: str, gid: int) -> pwd.struct_passwd:
    """`name`, made if missing (in a group of their own, and in the team's), else reused if
    these tests made it."""
    shell = "/usr/sbin/nologin" if Path("/usr/sbin/nologin").exists() else "/bin/false"
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        made = _admin(
            "useradd", "--no-create-home", "--user-group", "--groups", GROUP,
            "--shell", shell, "--comment", MARK, name,
        )  # fmt: skip
        if made.returncode:
            pytest.skip(f"useradd {name} failed: {made.stderr.strip()}")
        entry = pwd.getpwnam(name)
    if entry.pw_gecos != MARK:
        pytest.skip(f"a user {name} exists that these tests did not make; leaving it alone")
    if name not in grp.getgrgid(gid).gr_mem:
        _admin("usermod", "--append", "--groups", GROUP, name)
    return entry


def _home(base: Path, entry: pwd.struct_passwd) -> Analyst:
    home = base / "homes" / entry.pw_name
    home.mkdir(parents=True)
    os.chmod(home.parent, 0o755)
    os.chown(home, entry.pw_uid, entry.pw_gid)
    os.chmod(home, 0o700)
    return Analyst(entry.pw_name, entry.pw_uid, home)


def _quadrant_for(who: Analyst, base: Path) -> str:
    """The `quadrant` command installed beside this interpreter, if the analysts may run it.
    Its interpreter may live where they cannot go (a venv whose Python is under /root), and then
    a stand-in will do: a venv of a same-version Python they may run, over this venv's packages
    (the project included), with the same command in it."""
    own = Path(sys.executable).parent / "quadrant"
    if not own.is_file():
        pytest.skip(f"no quadrant command beside {sys.executable}: pip install -e .")
    tried = _probe(who, str(own))
    if tried is None:
        return str(own)
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    pythons = [os.path.realpath(sys.executable), shutil.which(version, path=CLEAN_PATH)]
    pythons += [f"/usr/local/bin/{version}", f"/usr/bin/{version}"]
    for python in dict.fromkeys(p for p in pythons if p and os.path.exists(p)):
        stand_in = _stand_in(python, own, base / f"venv-{len(list(base.glob('venv-*')))}")
        if stand_in is not None and _probe(who, stand_in) is None:
            return stand_in
    pytest.skip(f"{who.name} cannot run {own} ({tried}), nor a {version} over its packages")


def _probe(who: Analyst, quadrant: str) -> str | None:
    """None if `who` can run `quadrant --version`, else what went wrong."""
    probe = Team(0, (who, who), quadrant, Path("/")).run(who, "--version")
    if probe.returncode == 0 and probe.stdout.startswith("quadrant"):
        return None
    return (probe.stderr.strip().splitlines() or ["no output"])[-1]


def _stand_in(python: str, own: Path, folder: Path) -> str | None:
    """A venv at `folder` from `python` that imports what this one does: a .pth adds this venv's
    site-packages (whose own .pth files put the editable project on the path)."""
    made = _admin(python, "-m", "venv", "--without-pip", str(folder))
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    found = _admin(str(folder / "bin" / "python"), "-c", where)
    if made.returncode or found.returncode:
        return None
    lines = [f"import site; site.addsitedir({p!r})\n" for p in site.getsitepackages()]
    Path(found.stdout.strip(), "quadrant-host.pth").write_text("".join(lines))
    script = folder / "bin" / "quadrant"
    body = own.read_text().split("\n", 1)[1]  # the entry point, under a new #! line
    script.write_text(f"#!{folder / 'bin' / 'python'}\n{body}")
    _admin("chmod", "-R", "a+rX", str(folder))
    script.chmod(0o755)
    return str(script)


def _ok(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0 and "Traceback" not in done.stderr, (done.args, done.stderr)


def _group_and_mode(path: Path) -> tuple[int, int]:
    return path.stat().st_gid, mode_of(path)


def _shared_database(team: Team, folder: Path, mode: int) -> Path:
    db = write_db(folder / "db.json", small_data())
    os.chown(db, 0, team.gid)
    os.chmod(db, mode)
    return db


@pytest.mark.slow
def test_a_database_read_only_to_the_team_is_read_and_left_as_it_was(team):
    folder = team.folder("read-only", 0o2775)  # they could make files here, and must not
    db = folder / "db.json"
    shutil.copyfile(BUNDLED, db)
    os.chown(db, 0, 0)
    os.chmod(db, 0o644)
    before, stamp = db.read_bytes(), db.stat()
    for who in team.analysts:
        found = team.run(who, "--db", str(db), "search", "lemoa")
        _ok(found)
        assert '"id":"lemoa"' in found.stdout
        shown = team.run(who, "--db", str(db), "show", "lemoa")
        _ok(shown)
        assert "Logistics Exchange Memorandum of Agreement" in shown.stdout
        refused = team.run(who, "--db", str(db), "review", "alias", "lemoa", "Logistics pact")
        assert refused.returncode == 2 and "Traceback" not in refused.stderr
        assert f"{db}: cannot write here" in refused.stderr and "--read-only" in refused.stderr
        caches = list((who.home / ".cache" / "quadrant").glob("*.fts"))  # each reader's own
        assert caches and all(c.stat().st_uid == who.uid for c in caches)
    assert db.read_bytes() == before
    after = db.stat()
    assert (after.st_mtime_ns, after.st_ino, after.st_uid, after.st_mode) == (
        stamp.st_mtime_ns,
        stamp.st_ino,
        stamp.st_uid,
        stamp.st_mode,
    )
    assert os.listdir(folder) == ["db.json"]


@pytest.mark.slow
def test_each_analyst_keeps_private_notes_tags_and_bookmarks_on_a_read_only_database(team):
    """Issue #15: on a database neither may write, each analyst's own note, tags, bookmarks
    and saved searches are saved (in their own data folder, private to them), shown to them
    only, and the database is left as it was."""
    folder = team.folder("annotated", 0o2775)
    db = folder / "db.json"
    shutil.copyfile(BUNDLED, db)
    os.chown(db, 0, 0)
    os.chmod(db, 0o644)
    before = db.read_bytes()
    for who in team.analysts:
        _ok(team.run(who, "--db", str(db), "note", "lemoa", f"{who.name} read it twice"))
        _ok(team.run(who, "--db", str(db), "tag", "lemoa", f"by-{who.name}"))
        _ok(team.run(who, "--db", str(db), "bookmark", "beca"))
        _ok(team.run(who, "--db", str(db), "saved", "add", "pacts", f"tag:by-{who.name}"))
    for who, other in (team.analysts, reversed(team.analysts)):
        shown = team.run(who, "--db", str(db), "show", "lemoa", "--json")
        _ok(shown)
        yours = json.loads(shown.stdout)["yours"]
        assert yours["note"] == f"{who.name} read it twice"
        assert yours["tags"] == [f"by-{who.name}"]
        assert other.name not in shown.stdout
        marks = team.run(who, "--db", str(db), "bookmarks", "--json")
        _ok(marks)
        assert '"beca"' in marks.stdout
        found = team.run(who, "--db", str(db), "search", "@pacts")
        _ok(found)
        assert '"id":"lemoa"' in found.stdout
        files = [f for f in (who.home / ".local" / "share" / "quadrant").rglob("*") if f.is_file()]
        assert files and all(
            f.stat().st_uid == who.uid and f.stat().st_mode & 0o077 == 0 for f in files
        )
    assert db.read_bytes() == before and os.listdir(folder) == ["db.json"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("folder_mode", "db_mode"),
    [(0o2775, 0o664), (0o775, 0o660)],
    ids=["setgid-folder", "plain-folder"],  # the second: the writer gives the file its group
)
def test_a_group_writable_database_keeps_every_analysts_writes(team, folder_mode, db_mode):
    folder = team.folder(f"shared-{folder_mode:o}", folder_mode)
    db = _shared_database(team, folder, db_mode)
    lock = folder / "db.json.lock"
    kept = (team.gid, db_mode)
    aliases: list[str] = []
    for turn in range(2):
        for who in team.analysts:
            aliases.append(f"{who.name} turn {turn}")
            _ok(team.run(who, "--db", str(db), "review", "alias", "quad", aliases[-1], umask=0o077))
            assert (_group_and_mode(db), _group_and_mode(lock)) == (kept, kept)
            assert leftovers(folder) == []
    titles, seen = _write_together(team, db, rounds=3)
    aliases += [f"{who.name} together {n}" for who in team.analysts for n in range(3)]
    assert set(seen) == {kept}, seen  # after every write, whoever made it
    snapshot = Store.open(db, read_only=True).load()
    quad = next(e for e in snapshot.entities if e.id == "quad")
    assert set(aliases) <= set(quad.aliases)
    assert set(titles) <= {a.title for a in snapshot.articles}
    assert sorted(os.listdir(folder)) == ["db.json", "db.json.lock"]
    assert (_group_and_mode(db), _group_and_mode(lock)) == (kept, kept)
    for who in team.analysts:  # the one lock file, made by one of them, is open to both
        usable = subprocess.run([*_as(who.name), "test", "-r", lock, "-a", "-w", lock])
        assert usable.returncode == 0


def _write_together(team: Team, db: Path, rounds: int) -> tuple[list[str], list[tuple[int, int]]]:
    """Both analysts, started together, each `rounds` times: an alias, then an article. Returns
    the titles imported and the database's group and mode after each write."""
    start = threading.Barrier(len(team.analysts))
    seen: list[tuple[int, int]] = []
    failures: list[str] = []
    titles = [f"{who.name} report {n}" for who in team.analysts for n in range(rounds)]

    def analyst(who: Analyst) -> None:
        start.wait()
        for n in range(rounds):
            text = f"{who.name} report {n}\n\nThe Quad met for round {n}, {who.name} wrote.\n"
            for args in (
                ("review", "alias", "quad", f"{who.name} together {n}"),
                ("import", team.article(f"{who.name}-{n}.txt", text)),
            ):
                done = team.run(who, "--db", str(db), *args, umask=0o077)
                seen.append(_group_and_mode(db))
                if done.returncode or "Traceback" in done.stderr:
                    failures.append(f"{who.name} {args[0]}: {done.stderr}")

    threads = [threading.Thread(target=analyst, args=(who,)) for who in team.analysts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert failures == []
    assert len(seen) == 2 * rounds * len(team.analysts)
    return titles, seen


@pytest.mark.slow
def test_an_analyst_sees_a_colleagues_write_in_the_running_app(team):
    folder = team.folder("live", 0o2775)
    db = _shared_database(team, folder, 0o664)
    writer, reader = team.analysts
    exec_it = "import os, sys; os.execvp(sys.argv[1], sys.argv[1:])"
    command = team.command(reader, "--db", TERM="xterm-256color")
    app = PtyApp(db, extra=(), program=("-c", exec_it, *command))
    try:
        assert app.read_until(b"Articles 3", 30), app.output[-2000:]
        app.drain(0.5)
        mark = len(app.output)
        text = "Live from the team\n\nThe Quad met again today.\n"
        _ok(team.run(writer, "--db", str(db), "import", team.article("live.txt", text)))
        deadline = time.monotonic() + 20  # the app looks for changes every 2 s
        while b"Articles 4" not in app.output[mark:] and time.monotonic() < deadline:
            app.drain(0.1)
        assert b"Articles 4" in app.output[mark:], app.output[-2000:]
        assert app.alive()
    finally:
        _end(app)


def _end(app: PtyApp) -> None:
    """Quit the app, or else end runuser and the app under it (one process group)."""
    if app.alive():
        app.type("q")
        app.wait(10)
    try:
        os.killpg(app.process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    app.close()


@pytest.mark.slow
def test_a_sticky_team_folder_is_named_as_the_reason_a_write_is_refused(team):
    first, second = team.analysts
    folder = team.folder("sticky", 0o3775)  # chmod +t: only a file's owner may replace it
    db = _shared_database(team, folder, 0o664)
    os.chown(db, first.uid, team.gid)
    _ok(team.run(first, "--db", str(db), "review", "alias", "quad", "Quad Four"))
    before = db.read_bytes()
    theirs = folder / f"{TEMP_PREFIX}db.json-killed"  # a write of the first's, interrupted
    theirs.touch(mode=0o600)
    os.chown(theirs, first.uid, team.gid)
    refused = team.run(second, "--db", str(db), "review", "alias", "quad", "Quad 4")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"the folder is sticky: only {first.name}, who owns the file" in refused.stderr
    assert f"chmod -t {folder}" in refused.stderr
    assert db.read_bytes() == before and leftovers(folder) == [theirs.name]
