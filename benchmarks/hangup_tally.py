"""Hang up the app at random moments of its load and count the processes left behind.

    python benchmarks/hangup_tally.py [--trials 60] [--sizes bundled,10000] [--ways tmux,...]
                                      [--seed N] [--json]

Each trial starts `quadrant --read-only` on a copy of a database (the bundled db.json, or a
SYNTHETIC one from generate.py), cold (no search cache) or warm in turn, waits for the three
panes, waits a random 0-1 s more (the load is still under way for most of that at 10k), then
ends the session one of four ways in turn:
- close: the pty's master is closed, as sshd does when a connection drops;
- sighup, sigterm: the signal alone, the terminal still there;
- tmux: `tmux kill-session` on the app running in a tmux pane (skipped without tmux), which is
  how the defect of issue 19 was first seen: the kernel's SIGHUP and SIGCONT, and tmux's SIGHUP.
It then times how long the process takes to end (3 s at most: after that it counts as left, and
is killed) and checks that the database is unchanged and its search cache a whole SQLite file.

Prints trials, processes left, and the time to exit (p50, p95, max) for each size and way.
Exit status 1 when a process was left behind or a file was damaged.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import default_path, generate, write  # noqa: E402
from tests.terminal import PtyApp  # noqa: E402
from tui.storage.paths import index_cache  # noqa: E402

LEFT_AFTER = 3.0  # seconds: a process still there then is left behind
WAYS = ("close", "sighup", "sigterm", "tmux")


def _database(size: str) -> Path:
    if size == "bundled":
        return ROOT / "db.json"
    path = default_path(int(size))
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        write(generate(int(size)), path)
    return path


def _cache_whole(cache: Path) -> bool:
    if not cache.exists():
        return True
    conn = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _gone(pid: int) -> bool:
    """The process has ended: no such process, or a zombie its parent (tmux) has not reaped
    yet (tmux reaps a killed session's process up to 2 s later)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


def _until_gone(pid: int, started: float) -> float | None:
    while time.monotonic() - started < LEFT_AFTER:
        if _gone(pid):
            return time.monotonic() - started
        time.sleep(0.005)
    return None


def _pty_trial(db: Path, way: str, moment: float) -> float | None:
    app = PtyApp(db, size=(100, 30))
    try:
        if not app.read_until(b"Articles", 60):
            raise SystemExit(f"the app did not start: {app.output[-500:]!r}")
        app.drain(moment)
        started = time.monotonic()
        if way == "close":
            app.hang_up()
        else:
            os.kill(app.process.pid, signal.SIGHUP if way == "sighup" else signal.SIGTERM)
        while time.monotonic() - started < LEFT_AFTER:
            if app.process.poll() is not None:
                return time.monotonic() - started
            app.drain(0.005)  # a terminal still there reads what the app writes
        return None
    finally:
        app.close()


def _tmux_trial(db: Path, moment: float, env: dict) -> float | None:
    name = f"hangup-{os.getpid()}-{random.randrange(10**9)}"
    command = " ".join(
        [
            "env",
            *(f"{k}={v}" for k, v in env.items()),
            sys.executable,
            "-m",
            "tui",
            "--read-only",
            "--db",
            str(db),
        ]
    )
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            "100",
            "-y",
            "30",
            f"cd {ROOT} && exec {command}",
        ],
        check=True,
    )
    pane = ["tmux", "list-panes", "-t", name, "-F", "#{pane_pid}"]
    pid = int(subprocess.run(pane, capture_output=True, text=True, check=True).stdout)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", name], capture_output=True, text=True
        ).stdout
        if "Articles" in screen:
            break
        time.sleep(0.02)
    time.sleep(moment)
    started = time.monotonic()
    subprocess.run(["tmux", "kill-session", "-t", name], check=True)
    took = _until_gone(pid, started)
    if took is None:
        os.kill(pid, signal.SIGKILL)
    return took


def tally(size: str, trials: int, rng: random.Random, ways: tuple[str, ...] = WAYS) -> dict:
    source = _database(size)
    ways = [w for w in ways if w != "tmux" or shutil.which("tmux")]
    results: dict[str, list[float | None]] = {way: [] for way in ways}
    damaged = 0
    with tempfile.TemporaryDirectory(prefix="quadrant-hangup-") as folder:
        db = Path(folder) / "db.json"
        shutil.copyfile(source, db)
        original = db.read_bytes()
        env = {  # its cache, settings and personal files: not the user's
            "XDG_CACHE_HOME": str(Path(folder) / "cache"),
            "QUADRANT_CONFIG_DIR": str(Path(folder) / "config"),
            "QUADRANT_DATA_DIR": str(Path(folder) / "user-data"),
        }
        previous = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        try:
            cache = index_cache(db)
            for trial in range(trials):
                way = ways[trial % len(ways)]
                if trial // len(ways) % 2 == 0:
                    cache.unlink(missing_ok=True)  # cold
                moment = rng.uniform(0, 1)
                if way == "tmux":
                    results[way].append(_tmux_trial(db, moment, env))
                else:
                    results[way].append(_pty_trial(db, way, moment))
                damaged += db.read_bytes() != original or not _cache_whole(cache)
        finally:
            for name, value in previous.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    return {
        "size": size,
        "damaged": damaged,
        "ways": {
            way: {
                "trials": len(times),
                "left": sum(t is None for t in times),
                "times": sorted(t for t in times if t is not None),
            }
            for way, times in results.items()
        },
    }


def _percentile(values: list[float], fraction: float) -> float:
    return values[min(len(values) - 1, int(fraction * len(values)))] if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=60, help="per size")
    parser.add_argument("--sizes", default="bundled,10000")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--ways", default=",".join(WAYS), help="of " + ", ".join(WAYS))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    ways = tuple(args.ways.split(","))
    reports = [tally(size, args.trials, rng, ways) for size in args.sizes.split(",")]
    if args.json:
        print(json.dumps(reports, indent=1))
    else:
        print("| database | way | trials | left | exit p50 | exit p95 | exit max |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for report in reports:
            for way, row in report["ways"].items():
                times = row["times"]
                print(
                    f"| {report['size']} | {way} | {row['trials']} | {row['left']} | "
                    f"{_percentile(times, 0.5) * 1000:.0f} ms | "
                    f"{_percentile(times, 0.95) * 1000:.0f} ms | "
                    f"{max(times, default=float('nan')) * 1000:.0f} ms |"
                )
            print(f"| {report['size']} | damaged files | | {report['damaged']} | | | |")
    bad = any(row["left"] for r in reports for row in r["ways"].values())
    return 1 if bad or any(r["damaged"] for r in reports) else 0


if __name__ == "__main__":
    raise SystemExit(main())
