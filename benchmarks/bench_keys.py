"""Keystroke to settled screen, timed from outside the app, beside its floor (issue #16).

    python benchmarks/bench_keys.py [--sizes bundled,10000,100000] [--rounds 2] [--json]
                                    [--columns 100] [--typos] [--unguessed]

Each app runs in a pseudo-terminal of 100x30, as a person's terminal would hold it (--columns
130: a wide one, where Quadrant shows its preview of the best hit beside the panes). Once it has
drawn its data, five queries are typed into its search bar one character at a time, and each is
erased a backspace at a time. A key is timed from the moment its byte is written to the pty to
the last byte the app writes before 150 ms of silence: what the person sees settle. The next
key goes after that silence. The letters are #16's figure; the backspaces are printed beside
them (a key the app's bindings handle took another way to the screen, and 33 ms).

Three apps side by side, each in its own pty, started together and typed into in turns, a
query at a time (the app that goes first changes with each query): a shared machine drifts, and
slow stretches last seconds, so only keys typed within moments of each other compare. Taking each
app for a whole round instead let a slow stretch fall on one app alone: the same code measured
1.7x and 2.2x in runs minutes apart. The three:
- the floor: a bare Textual app holding one Input, which does nothing with what is typed;
- stock: an Input filtering three OptionLists of 3,000 names each, the way a first Textual
  version of Quadrant's screen would be written;
- Quadrant on the database of each size (`--read-only`, its search cache built first).

It prints p50 and p95 of each, and Quadrant's p95 as a ratio of the floor's (the goal of #16:
2x at 10k articles, 4x at 100k). Key timings are wall time: run it on a quiet machine.

The queries are words of the synthetic articles, typed in lower case: Quadrant guesses nearly
every key after a query's first letter from its articles' words, and answers it before it is
typed (ui/ahead.py). --typos types the same queries with each word's second letter mistyped (a
key next to it): from there on nothing is guessed, and each key is searched as it is typed, as
a word the articles do not have would be. --unguessed starts Quadrant with its guesses turned
off (their wait set to an hour): every key after a first letter is searched as it is typed, and
the results are those of the usual queries.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import termios
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import DATA, child_env, db_path, quadrant_argv  # noqa: E402

SIZE = (30, 100)  # rows, columns (--columns changes the second)
SILENCE = 0.150  # the screen has settled when the app has written nothing for this long
QUERIES = ("lemoa", "hegseth", "defence", "quad summit", "india")
TYPOS = ("lwmoa", "hrgseth", "dwfence", "qyad sjmmit", "imdia")  # (--typos)
UNGUESSED = """
import sys
from tui.ui import ahead
ahead.AFTER = 3600.0
from tui.cli.main import main
sys.argv = ["quadrant", *sys.argv[1:]]
raise SystemExit(main())
"""  # (--unguessed)
READY_TIMEOUT = 900.0

FLOOR = """
from textual.app import App
from textual.widgets import Input

class Floor(App):
    def compose(self):
        yield Input(placeholder="FLOORAPP to search")

Floor().run()
"""

STOCK = """
import random
from textual.app import App
from textual.containers import Horizontal
from textual.widgets import Input, OptionList

random.seed(7)
SYLLABLES = "ka ra mi to su ne ha lo vi de an or el us quad lem bec com".split()
NAMES = [" ".join("".join(random.choices(SYLLABLES, k=3)).title() for _ in range(2))
         for _ in range(3000)]

class Stock(App):
    CSS = "OptionList { width: 1fr; height: 1fr; }"
    def compose(self):
        yield Input(placeholder="FLOORAPP to search")
        with Horizontal():
            for _ in range(3):
                yield OptionList(*NAMES)
    def on_input_changed(self, event):
        words = event.value.lower().split()
        shown = [n for n in NAMES if all(w in n.lower() for w in words)]
        for pane in self.query(OptionList):
            pane.set_options(shown)

Stock().run()
"""


def spawn(argv: Sequence[str]) -> tuple[int, int]:
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
        os.execve(argv[0], list(argv), child_env())
    return pid, fd


def read_until(fd: int, pattern: bytes, timeout: float) -> bool:
    """Read the app's output until `pattern` shows; False on timeout or exit."""
    started, output = time.perf_counter(), b""
    while time.perf_counter() - started < timeout:
        ready, _, _ = select.select([fd], [], [], 0.25)
        if ready:
            try:
                chunk = os.read(fd, 1 << 16)
            except OSError:
                return False
            if not chunk:
                return False
            output += chunk
            if pattern in output:
                return True
    return False


def settle(fd: int, since: float | None = None, quiet: float = SILENCE, limit: float = 10.0):
    """Seconds from `since` (default now) to the last byte the app writes before `quiet`
    seconds of silence; None if it wrote nothing."""
    started = time.perf_counter() if since is None else since
    last = None
    while time.perf_counter() - started < limit:
        # Until the first byte, wait as long as it takes: a slow answer is the measurement.
        ready, _, _ = select.select([fd], [], [], quiet if last else limit)
        if not ready:
            return None if last is None else last - started
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            return None
        if not chunk:
            return None
        last = time.perf_counter()
    return None


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, quiet: float = 1.0, limit: float = 300.0) -> None:
    """Until the app has used no CPU for `quiet` seconds: what it does after its first frames
    (reading and checking the file in a thread, which waits for a pause in the typing) is a
    start-up cost, timed by bench_search.py, not a keystroke's."""
    started, last, since = time.perf_counter(), cpu_seconds(pid), time.perf_counter()
    while time.perf_counter() - started < limit:
        time.sleep(0.1)
        now = cpu_seconds(pid)
        if now - last > 0.02:  # busy (a tick or two is the app's own timers)
            last, since = now, time.perf_counter()
        elif time.perf_counter() - since >= quiet:
            return


def type_query(fd: int, query: str) -> tuple[list[float], list[float]]:
    """Type `query` a key at a time, then erase it a backspace at a time; each key's time to a
    settled screen, in ms: the letters', and the backspaces'."""
    typed: list[float] = []
    erased: list[float] = []
    for keys, samples in ((query.encode(), typed), (b"\x7f" * len(query), erased)):
        for key in keys:
            written = time.perf_counter()
            os.write(fd, bytes([key]))
            took = settle(fd, since=written)
            if took is not None:
                samples.append(took * 1000)
    return typed, erased


def drain(fd: int) -> None:
    """Read what the app wrote while it waited its turn (its cursor's blinks)."""
    while select.select([fd], [], [], 0)[0]:
        try:
            if not os.read(fd, 1 << 16):
                return
        except OSError:
            return


@contextlib.contextmanager
def running(argv: Sequence[str], ready: bytes, focus: bytes) -> Iterator[int]:
    """The app started in a pty, its data drawn, idle and focused on its search: its pty."""
    pid, fd = spawn(argv)
    try:
        if not read_until(fd, ready, READY_TIMEOUT):
            raise RuntimeError(f"{argv[-1]!r} never showed {ready!r}")
        # The first frames and the rest of the load; the quiet is shorter than the half second
        # of a cursor's blink, which would otherwise never let the app fall silent.
        settle(fd, quiet=0.4, limit=120)
        wait_until_idle(pid)  # the load's check of the file (after the first pause) has ended
        if focus:  # once: the search bar keeps the focus (a second `/` would be typed into it)
            os.write(fd, focus)
            settle(fd)
        yield fd
    finally:
        os.kill(pid, signal.SIGTERM)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)


def floor_argv(source: str) -> list[str]:
    return [sys.executable, "-c", source]


def summary(samples: list[float]) -> dict[str, object]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50": statistics.median(ordered),
        "p95": p95,
        "keys": len(ordered),
        "samples": [round(sample, 1) for sample in samples],  # in the order typed
    }


def measure(size: str, rounds: int, queries: Sequence[str] = QUERIES, guesses: bool = True) -> dict:
    db = db_path(size)
    unguessed = [sys.executable, "-c", UNGUESSED, "--db", str(db), "--read-only"]
    argv = quadrant_argv(db) if guesses else unguessed
    apps = {
        "floor": (floor_argv(FLOOR), b"FLOORAPP", b""),
        "stock": (floor_argv(STOCK), b"FLOORAPP", b""),
        "quadrant": (argv, b"Articles ", b"/"),
    }
    with running(*apps["quadrant"]) as fd:  # builds the search cache, warms the disk
        type_query(fd, queries[0])
    found: dict[str, list[float]] = {name: [] for name in apps}
    erased: dict[str, list[float]] = {name: [] for name in apps}
    with contextlib.ExitStack() as stack:
        fds = {name: stack.enter_context(running(*app)) for name, app in apps.items()}
        names, turn = list(apps), 0
        for _ in range(rounds):
            for query in queries:
                for name in names[turn:] + names[:turn]:
                    drain(fds[name])
                    typed, backspaces = type_query(fds[name], query)
                    found[name] += typed
                    erased[name] += backspaces
                turn = (turn + 1) % len(names)
    result = {name: summary(samples) for name, samples in found.items()}
    for name, samples in erased.items():
        result[name]["backspace"] = summary(samples)
    result["ratio_p95"] = result["quadrant"]["p95"] / result["floor"]["p95"]
    return result


def main(argv: Sequence[str] | None = None) -> int:
    global SIZE
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="bundled,10000")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--columns", type=int, default=SIZE[1])
    parser.add_argument("--typos", action="store_true", help="queries typed with a typo")
    parser.add_argument("--unguessed", action="store_true", help="Quadrant's guesses off")
    args = parser.parse_args(argv)
    SIZE = (SIZE[0], args.columns)
    DATA.mkdir(parents=True, exist_ok=True)
    queries = TYPOS if args.typos else QUERIES
    results = {
        size: measure(size, args.rounds, queries, not args.unguessed)
        for size in args.sizes.split(",")
    }
    for result in results.values():  # how it was typed, with the figures
        result["queries"], result["guesses"] = list(queries), not args.unguessed
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    header = f"{f'{SIZE[1]}x{SIZE[0]}':24} {'p50 ms':>8} {'p95 ms':>8} {'keys':>5}"
    print(f"{header}   backspace {'p50':>5} {'p95':>5}")
    for size, result in results.items():
        for name in ("floor", "stock", "quadrant"):
            row, back = result[name], result[name]["backspace"]
            label = f"{name} ({size})" if name == "quadrant" else f"{name} (beside {size})"
            print(
                f"{label:24} {row['p50']:8.1f} {row['p95']:8.1f} {row['keys']:5d}"
                f"             {back['p50']:5.1f} {back['p95']:5.1f}"
            )
        print(f"{'quadrant p95 / floor p95':24} {result['ratio_p95']:8.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
