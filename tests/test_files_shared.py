"""Files on a shared server: new files follow the umask, a file written over another keeps its
group and mode, the lock file takes the database's group and mode, and a lock file someone else
left unwritable gives a clear StoreError.

The last test does it for real: two Unix users in a team group write one database in a setgid
folder. It needs root and useradd (CI has both) and skips, saying why, without them.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import site
import stat
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT, small_data, write_db
from tui.core.models import Entity
from tui.storage.files import create_exclusive, write_atomic
from tui.storage.lock import lock_mode
from tui.storage.store import Store, StoreError


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    previous = os.umask(0o022)
    yield os.umask
    os.umask(previous)


@pytest.fixture
def other_group() -> int:
    """A group this user may give files to, other than the one files are made in."""
    mine = os.getegid()
    if os.geteuid() == 0:
        groups = [g.gr_gid for g in grp.getgrall()]
    else:
        groups = os.getgroups()
    others = [g for g in groups if g != mine]
    if not others:
        pytest.skip("this user belongs to one group only: nothing to give a file to")
    return others[0]


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def add_japan(store: Store) -> None:
    with store.transaction() as tx:
        tx.put(Entity("japan", "Japan", "country"))


# -- as the current user ------------------------------------------------------------------------


@pytest.mark.parametrize("value", [0o077, 0o022, 0o002])
def test_new_files_follow_the_umask(tmp_path, umask, value):
    umask(value)
    create_exclusive(tmp_path / "created", b"x")
    write_atomic(tmp_path / "written", b"x")
    Store.create(tmp_path / "db.json")
    expected = 0o666 & ~value
    assert mode_of(tmp_path / "created") == expected
    assert mode_of(tmp_path / "written") == expected
    assert mode_of(tmp_path / "db.json") == expected
    assert mode_of(tmp_path / "db.json.lock") == expected


def test_a_file_written_over_another_keeps_its_group_and_mode(tmp_path, umask, other_group):
    umask(0o077)
    path = tmp_path / "out.csv"
    path.write_bytes(b"old")
    os.chown(path, -1, other_group)
    os.chmod(path, 0o664)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert (mode_of(path), path.stat().st_gid) == (0o664, other_group)


def test_a_database_written_keeps_its_group_and_mode(tmp_path, umask, other_group):
    umask(0o022)
    db = write_db(tmp_path / "db.json", small_data())
    os.chown(db, -1, other_group)
    os.chmod(db, 0o660)
    add_japan(Store.open(db))
    lock = tmp_path / "db.json.lock"
    assert (mode_of(db), db.stat().st_gid) == (0o660, other_group)
    assert (mode_of(lock), lock.stat().st_gid) == (0o660, other_group)


@pytest.mark.parametrize(
    ("database", "lock"),
    [
        (0o664, 0o664),
        (0o660, 0o660),
        (0o644, 0o644),
        (0o600, 0o600),
        (0o666, 0o666),
        (0o640, 0o640),
        (0o620, 0o660),
        (0o400, 0o600),
    ],
)
def test_the_lock_is_read_and_write_for_whoever_may_write_the_database(database, lock):
    assert lock_mode(database) == lock


def test_a_lock_file_of_the_wrong_mode_is_mended_by_its_owner(tmp_path, umask):
    umask(0o022)
    db = write_db(tmp_path / "db.json", small_data())
    os.chmod(db, 0o664)
    lock = tmp_path / "db.json.lock"
    lock.touch()
    os.chmod(lock, 0o644)
    add_japan(Store.open(db))
    assert mode_of(lock) == 0o664


def test_a_lock_file_this_user_cannot_open_gives_a_store_error(tmp_path, monkeypatch):
    db = write_db(tmp_path / "db.json", small_data())
    os.chmod(db, 0o664)
    lock = tmp_path / "db.json.lock"
    lock.touch()
    os.chmod(lock, 0o444)
    if os.access(lock, os.W_OK):  # root may write anything: make this user one who may not
        real_access = os.access
        monkeypatch.setattr(
            os,
            "access",
            lambda path, mode, **kw: Path(path) != lock and real_access(path, mode, **kw),
        )
    with pytest.raises(StoreError) as error:
        Store.open(db)
    message = str(error.value)
    assert message.startswith(f"{lock}: cannot open the lock file")
    assert f"chmod 664 {lock}" in message and "delete it while no one is writing" in message


def test_a_lock_file_refused_when_taken_gives_a_store_error(tmp_path, monkeypatch):
    from filelock import FileLock

    db = write_db(tmp_path / "db.json", small_data())
    store = Store.open(db)
    before = db.read_bytes()

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(db) + ".lock")

    monkeypatch.setattr(FileLock, "acquire", refuse)
    with pytest.raises(StoreError, match="cannot open the lock file"):
        add_japan(store)
    assert db.read_bytes() == before


# -- two real users -----------------------------------------------------------------------------


@dataclass
class Person:
    name: str
    uid: int
    gid: int


@dataclass
class Team:
    group: int
    people: tuple[Person, Person]
    folder: Path
    python: str
    env: dict[str, str]

    def run(self, person: Person, *args: str, umask: int = 0o022) -> subprocess.CompletedProcess:
        """`quadrant ARGS` as `person`, in the team group, with `umask`."""
        home = self.folder / f".home-{person.name}"
        env = {
            **self.env,
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home / "cache"),
            "XDG_DATA_HOME": str(home / "data"),
            "XDG_CONFIG_HOME": str(home / "config"),
        }
        return subprocess.run(
            [self.python, "-m", "tui", *args],
            env=env,
            cwd=self.folder,
            user=person.uid,
            group=person.gid,
            extra_groups=[self.group],
            umask=umask,
            capture_output=True,
            text=True,
            timeout=120,
        )


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


def _python_for(person: Person, env: dict[str, str], team_gid: int) -> str | None:
    """An interpreter `person` may run that imports this project: ours may live where only
    root can go (a venv under /root), so a system one of the same version will do."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    candidates = [
        sys.executable,
        os.path.realpath(sys.executable),
        getattr(sys, "_base_executable", ""),
        shutil.which(version) or "",
        f"/usr/bin/{version}",
        f"/usr/local/bin/{version}",
    ]
    for python in dict.fromkeys(c for c in candidates if c):
        try:
            probe = subprocess.run(
                [python, "-c", "import tui.storage.store, tui.knowledge.importer, tui.cli.main"],
                env=env,
                user=person.uid,
                group=person.gid,
                extra_groups=[team_gid],
                capture_output=True,
                timeout=60,
            )
        except OSError:
            continue
        if probe.returncode == 0:
            return python
    return None


@pytest.fixture(scope="module")
def team():
    """A team group, two users in it, and a setgid team folder; all removed afterwards."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root to make users")
    if not (shutil.which("useradd") and shutil.which("groupadd")):
        pytest.skip("needs useradd and groupadd")
    tag = uuid.uuid4().hex[:8]
    group_name, names = f"qt{tag}", (f"qa{tag}a", f"qa{tag}b")
    made: list[str] = []
    folder = Path(tempfile.mkdtemp(prefix="quadrant-team-", dir="/tmp"))
    try:
        yield _make_team(group_name, names, made, folder)
    finally:
        for name in made[1:]:
            _run("userdel", "-r", name)
        if made:
            _run("groupdel", group_name)
        shutil.rmtree(folder, ignore_errors=True)


def _make_team(group_name: str, names: tuple[str, str], made: list[str], folder: Path) -> Team:
    done = _run("groupadd", group_name)
    if done.returncode != 0:
        pytest.skip(f"groupadd failed: {done.stderr.strip()}")
    made.append(group_name)
    for name in names:
        done = _run("useradd", "-m", "-G", group_name, name)
        if done.returncode != 0:
            pytest.skip(f"useradd failed: {done.stderr.strip()}")
        made.append(name)
    group = grp.getgrnam(group_name).gr_gid
    people = (_person(names[0]), _person(names[1]))
    os.chown(folder, 0, group)
    os.chmod(folder, 0o2775)
    paths = [str(ROOT), *site.getsitepackages()]
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONPATH": os.pathsep.join(paths),
        "LANG": "C.UTF-8",
    }
    python = _python_for(people[0], env, group)
    if python is None:
        pytest.skip(
            f"no Python {sys.version_info.major}.{sys.version_info.minor} that the "
            "test users may run imports the project (is it under a private folder?)"
        )
    return Team(group, people, folder, python, env)


def _person(name: str) -> Person:
    entry = pwd.getpwnam(name)
    return Person(name, entry.pw_uid, entry.pw_gid)


def _article(team: Team, name: str, text: str) -> str:
    path = team.folder / name
    path.write_text(text, encoding="utf-8")
    os.chmod(path, 0o644)
    return str(path)


def _shared_database(team: Team, name: str) -> Path:
    first = team.people[0]
    db = write_db(team.folder / name, small_data())
    os.chown(db, first.uid, team.group)
    os.chmod(db, 0o660)
    return db


def _ok(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr


def _group_and_mode(path: Path) -> tuple[int, int]:
    return path.stat().st_gid, mode_of(path)


def test_two_users_of_a_team_write_one_database_in_turn(team):
    first, second = team.people
    db = _shared_database(team, "turns.json")
    lock = Path(f"{db}.lock")
    one = _article(team, "one.txt", "Talks\n\nThe US and India met the Quad.\n")
    two = _article(team, "two.txt", "More talks\n\nIndia signed LEMOA.\n")
    _ok(team.run(first, "import", one, "--db", str(db), "--no-index"))
    assert _group_and_mode(lock) == (team.group, 0o660)
    _ok(team.run(second, "import", two, "--db", str(db), "--no-index", umask=0o077))
    _ok(team.run(first, "relink", "--db", str(db), umask=0o077))
    assert _group_and_mode(db) == (team.group, 0o660)
    assert _group_and_mode(lock) == (team.group, 0o660)
    titles = {a.title for a in Store.open(db, read_only=True).load().articles}
    assert {"Talks", "More talks"} <= titles


def test_a_lock_file_left_unwritable_gives_a_clear_error_until_its_owner_writes(team):
    first, second = team.people
    db = _shared_database(team, "stale.json")
    lock = Path(f"{db}.lock")
    lock.touch()  # as an older version left it: made by the first user, 644, their group
    os.chown(lock, first.uid, first.gid)
    os.chmod(lock, 0o644)
    text = _article(team, "three.txt", "Third\n\nJapan and India met.\n")
    refused = team.run(second, "import", text, "--db", str(db), "--no-index")
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert f"{lock}: cannot open the lock file" in refused.stderr
    assert f"chmod 660 {lock}" in refused.stderr
    _ok(team.run(first, "relink", "--db", str(db)))  # the owner's write mends the lock file
    assert _group_and_mode(lock) == (team.group, 0o660)
    _ok(team.run(second, "import", text, "--db", str(db), "--no-index"))


@pytest.mark.parametrize(("value", "mode"), [(0o077, 0o600), (0o022, 0o644)])
def test_init_and_export_make_files_as_the_umask_says(team, value, mode):
    first = team.people[0]
    db = team.folder / f"new-{value:o}.json"
    out = team.folder / f"export-{value:o}.jsonl"
    _ok(team.run(first, "init", str(db), umask=value))
    done = team.run(first, "export", "--db", str(db), "-o", str(out), umask=value)
    assert "Traceback" not in done.stderr and out.exists(), done.stderr
    assert mode_of(db) == mode and mode_of(out) == mode
