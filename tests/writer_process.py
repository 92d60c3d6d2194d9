"""A process that writes to a Quadrant database until it is killed, and the checks that follow.

    python tests/writer_process.py DB_PATH [--mode notes|tags|import] [--log FILE] [--wait]
    python tests/writer_process.py DB_PATH --mode edits --proc P --edits N [--go FILE]
    python tests/writer_process.py DB_PATH --stall write|fsync|replace

The endless modes write one transaction after another, each carrying a counter:
- notes: article `a1`'s notes and entity `india`'s notes both become "counter N" in one
  transaction, so a torn write would show two different counters;
- tags: tag "tN" is added to entity `quad` and to article `a2` in one transaction (the last
  KEEP_TAGS counter tags are kept), so both must always hold the same tags;
- import: batch N, three small text files naming India, the Quad and Pete Hegseth, is imported
  with `Importer(store, tag="batch-N", batch=3)`: one transaction of whole articles with their
  mentions, so a batch is in the file with all three articles and their mentions, or not at all.
Import mode writes its text files into --files FOLDER (a temporary folder when not given, which
a kill leaves behind). With --log the counter already in the file is written to FILE first, then
every counter once its transaction has returned: after a kill the file must hold the last logged
counter or the next.
With --wait the process imports everything, prints "loaded" and waits for a line on standard
input before it opens the database (so a test can start it while the previous writer still
runs); it prints "ready" once the database is open.

The bounded "edits" mode is for the concurrency tests: N transactions, each inserting entity
"p{P}-{i}", adding tag "p{P}-{i}" to the shared entity `quad`, incrementing the shared counter
`edits` in meta, and setting the notes of this process's own article "own-p{P}" to "edit {i}".
With --go it prints "ready" and waits for FILE to exist before the first edit; --pause (3 ms)
between edits, outside the lock, gives the other processes their turn (filelock polls a held lock
every 50 ms, so a process writing in a tight loop would keep it for many edits in a row).

--stall write|fsync|replace makes the first write stop for good at that step of
`tui.storage.store.write_atomic` and print "stalled", so a test can kill it exactly there.

`check_database` (used by tests/test_crash.py and benchmarks/crash_tally.py) says whether a file
left behind by a kill is valid and untorn; `KillRun` runs the kill loop.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script: make `tui` and `tests` importable
    sys.path.insert(0, str(ROOT))

import orjson  # noqa: E402

from tui.core.models import Article, Entity  # noqa: E402
from tui.storage.files import TEMP_PREFIX  # noqa: E402
from tui.storage.store import Store, StoreError  # noqa: E402

MODES = ("notes", "tags", "import")
KEEP_TAGS = 8
BATCH_FILES = 3
NOTES_ARTICLE, NOTES_ENTITY = "a1", "india"
TAGS_ARTICLE, TAGS_ENTITY = "a2", "quad"
SHARED_ENTITY = "quad"
_COUNTER = re.compile(r"^counter (\d+)$")
_TAG = re.compile(r"^t(\d+)$")
_BATCH = re.compile(r"^batch-(\d+)$")


# -- writing --------------------------------------------------------------------------------------


def _by_id(records, record_id: str):
    return next(r for r in records if r.id == record_id)


def notes_counter(snapshot) -> int:
    match = _COUNTER.match(_by_id(snapshot.articles, NOTES_ARTICLE).notes)
    return int(match.group(1)) if match else 0


def tag_counters(tags: tuple[str, ...]) -> list[int]:
    return [int(m.group(1)) for t in tags if (m := _TAG.match(t))]


def batch_of(article: Article) -> int | None:
    numbers = [int(m.group(1)) for t in article.tags if (m := _BATCH.match(t))]
    return numbers[0] if numbers else None


def current_counter(snapshot, mode: str) -> int:
    """The counter of `mode` the file holds now (0 when it has none)."""
    if mode == "notes":
        return notes_counter(snapshot)
    if mode == "tags":
        return max(tag_counters(_by_id(snapshot.entities, TAGS_ENTITY).tags), default=0)
    return max((b for a in snapshot.articles if (b := batch_of(a)) is not None), default=0)


def write_notes(store: Store, counter: int) -> None:
    with store.transaction() as tx:
        article = _by_id(tx.all("articles"), NOTES_ARTICLE)
        entity = _by_id(tx.all("entities"), NOTES_ENTITY)
        tx.put(replace(article, notes=f"counter {counter}"))
        tx.put(replace(entity, notes=f"counter {counter}"))


def _with_tag(tags: tuple[str, ...], counter: int) -> tuple[str, ...]:
    kept = [t for t in tags if _TAG.match(t)][-(KEEP_TAGS - 1) :]
    return (*[t for t in tags if not _TAG.match(t)], *kept, f"t{counter}")


def write_tags(store: Store, counter: int) -> None:
    with store.transaction() as tx:
        entity = _by_id(tx.all("entities"), TAGS_ENTITY)
        article = _by_id(tx.all("articles"), TAGS_ARTICLE)
        tx.put(replace(entity, tags=_with_tag(entity.tags, counter)))
        tx.put(replace(article, tags=_with_tag(article.tags, counter)))


def batch_text(batch: int, item: int) -> str:
    return (
        f"Dispatch {batch}-{item}\n"
        f"India and the Quad met on day {batch}. Pete Hegseth spoke about item {item}.\n"
    )


def write_import(store: Store, counter: int, folder: Path) -> None:
    from tui.knowledge.importer import (
        Importer,  # imported here: notes and tags writers start faster
    )

    files = []
    for item in range(1, BATCH_FILES + 1):
        path = folder / f"dispatch-{counter}-{item}.txt"
        path.write_text(batch_text(counter, item), encoding="utf-8")
        files.append(path)
    report = Importer(store, tag=f"batch-{counter}", batch=BATCH_FILES).run(files)
    if len(report.imported) != BATCH_FILES:
        raise SystemExit(f"batch {counter}: imported {report.imported}, failed {report.failed}")
    for path in files:
        path.unlink()


def write_forever(db: Path, mode: str, log: Path | None, files: Path | None) -> None:
    """Write until killed; import mode writes its text files into `files` (or a temp folder)."""
    if mode == "import" and files is None:
        with tempfile.TemporaryDirectory(prefix="quadrant-writer-") as folder:
            return write_forever(db, mode, log, Path(folder))
    if files is not None:
        files.mkdir(parents=True, exist_ok=True)
    store = Store.open(db)
    counter = current_counter(store.load(), mode)
    log_fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644) if log else None

    def committed(value: int) -> None:
        if log_fd is not None:
            os.write(log_fd, f"{value}\n".encode())  # one write: a kill leaves whole lines

    committed(counter)
    print("ready", flush=True)
    while True:
        counter += 1
        if mode == "notes":
            write_notes(store, counter)
        elif mode == "tags":
            write_tags(store, counter)
        else:
            write_import(store, counter, files)  # type: ignore[arg-type]
        committed(counter)


def edit(store: Store, proc: int, item: int) -> None:
    """One edit of the concurrency tests: an insert and three updates, one transaction."""
    with store.transaction() as tx:
        tx.add([Entity(f"p{proc}-{item}", f"Writer {proc} edit {item}", "person")])
        shared = _by_id(tx.all("entities"), SHARED_ENTITY)
        tx.put(replace(shared, tags=(*shared.tags, f"p{proc}-{item}")))
        tx.update_meta(edits=int(tx.meta().get("edits", 0)) + 1)
        tx.put(Article(f"own-p{proc}", f"Writer {proc}", "Own notes.", notes=f"edit {item}"))


def write_edits(db: Path, proc: int, edits: int, go: Path | None, pause: float) -> None:
    store = Store.open(db)
    print("ready", flush=True)
    while go is not None and not go.exists():
        time.sleep(0.002)
    for item in range(edits):
        edit(store, proc, item)
        time.sleep(pause)  # outside the lock, as a person would: the others get their turn


STALLS = ("write", "fsync", "replace")


def stall_in(step: str) -> None:
    """Make every write stop for good at `step`, after printing "stalled" (then kill it).

    write: half the new file is written and flushed; fsync: the new file is whole but not
    synced; replace: the new file is synced and about to be renamed over the database.
    """

    def stop(*_args) -> None:
        print("stalled", flush=True)
        while True:
            time.sleep(60)

    if step == "write":
        real_fdopen = os.fdopen

        class HalfWriter:
            def __init__(self, handle) -> None:
                self.handle = handle

            def __enter__(self):
                return self

            def __exit__(self, *exc) -> None:
                self.handle.close()

            def write(self, data: bytes) -> None:
                self.handle.write(data[: len(data) // 2])
                self.handle.flush()
                stop()

        os.fdopen = lambda fd, *args, **kwargs: HalfWriter(real_fdopen(fd, *args, **kwargs))
    elif step == "fsync":
        os.fsync = stop
    else:
        os.replace = stop


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--mode", choices=(*MODES, "edits"), default="notes")
    parser.add_argument("--log", type=Path, help="append each committed counter to this file")
    parser.add_argument("--wait", action="store_true", help="wait for a line on stdin first")
    parser.add_argument(
        "--files", type=Path, help="import: folder for the text files (a killed writer leaves them)"
    )
    parser.add_argument("--proc", type=int, default=0, help="edits: this process's number")
    parser.add_argument("--edits", type=int, default=100, help="edits: how many")
    parser.add_argument("--go", type=Path, help="edits: wait for this file to exist first")
    parser.add_argument("--pause", type=float, default=0.003, help="edits: seconds between")
    parser.add_argument("--stall", choices=STALLS, help="stop for good inside the first write")
    args = parser.parse_args(argv)
    if args.mode == "import":
        import tui.knowledge.importer  # noqa: F401  (before "loaded": a waiting writer is ready to go)
    if args.stall:
        stall_in(args.stall)
    if args.wait:
        print("loaded", flush=True)
        if not sys.stdin.readline():
            return 1
    try:
        if args.mode == "edits":
            write_edits(args.db, args.proc, args.edits, args.go, args.pause)
        else:
            write_forever(args.db, args.mode, args.log, args.files)
    except StoreError as error:
        print(f"writer: {error}", file=sys.stderr)
        return 2
    return 0


# -- checking what a kill left --------------------------------------------------------------------


@dataclass
class Check:
    """What one look at a database file after a kill found."""

    valid: bool = False
    problems: list[str] = field(default_factory=list)  # torn states: must stay empty
    counters: dict[str, int] = field(default_factory=dict)

    @property
    def torn(self) -> bool:
        return bool(self.problems)


def check_database(db: Path) -> Check:
    """Open and validate the file read-only, then check every counter-bearing record."""
    check = Check()
    try:
        snapshot = Store.open(db, read_only=True).load()
    except StoreError as error:
        check.problems.append(f"invalid file: {error}")
        return check
    check.valid = True
    problems = check.problems

    notes = (
        _by_id(snapshot.articles, NOTES_ARTICLE).notes,
        _by_id(snapshot.entities, NOTES_ENTITY).notes,
    )
    if notes[0] != notes[1]:
        problems.append(f"notes torn: article says {notes[0]!r}, entity says {notes[1]!r}")
    check.counters["notes"] = notes_counter(snapshot)

    entity_tags = tag_counters(_by_id(snapshot.entities, TAGS_ENTITY).tags)
    article_tags = tag_counters(_by_id(snapshot.articles, TAGS_ARTICLE).tags)
    if entity_tags != article_tags:
        problems.append(f"tags torn: entity has {entity_tags}, article has {article_tags}")
    if entity_tags and entity_tags != list(range(entity_tags[0], entity_tags[-1] + 1)):
        problems.append(f"tags not consecutive: {entity_tags}")
    check.counters["tags"] = max(entity_tags, default=0)

    problems += _import_problems(snapshot)
    check.counters["import"] = current_counter(snapshot, "import")
    return check


def _import_problems(snapshot) -> list[str]:
    from tui.knowledge.extract import Extractor

    problems = []
    article_ids = Counter(a.id for a in snapshot.articles)
    problems += [f"article id {i!r} stored {n} times" for i, n in article_ids.items() if n > 1]
    stored = defaultdict(list)
    for mention in snapshot.mentions:
        stored[mention.article].append(mention)
    orphans = set(stored) - set(article_ids)
    if orphans:
        problems.append(f"mentions of articles that are not stored: {sorted(orphans)}")
    batches = defaultdict(list)
    for article in snapshot.articles:
        if (number := batch_of(article)) is not None:
            batches[number].append(article)
    extractor = Extractor.for_targets(
        [e for e in snapshot.entities if e.status == "confirmed"],
        [a for a in snapshot.agreements if a.review == "confirmed"],
    )
    for number, articles in sorted(batches.items()):
        if len(articles) != BATCH_FILES:
            problems.append(f"batch {number} torn: {len(articles)} of {BATCH_FILES} articles")
        for article in articles:
            mine = sorted(stored.get(article.id, []))
            if "India" in article.text and not any(m.target == "india" for m in mine):
                problems.append(f"article {article.id} names India but has no mention of it")
            expected = sorted(extractor.find(article.id, article.text))
            if mine != expected:
                problems.append(f"article {article.id}: mentions {mine} but text has {expected}")
    return problems


def logged(log: Path) -> list[int]:
    """The counters a writer logged: whole lines only."""
    if not log.exists():
        return []
    text = log.read_text()
    lines = text.split("\n")[:-1]  # a kill can leave an unfinished last line
    return [int(line) for line in lines if line]


def temp_files(db: Path) -> list[Path]:
    return sorted(db.parent.glob(TEMP_PREFIX + "*"))


# -- the kill loop --------------------------------------------------------------------------------


@dataclass
class Kill:
    """One writer started, killed after `delay` seconds of writing, and what it left."""

    mode: str
    delay: float
    writes: int = 0  # transactions the writer logged as committed
    valid: bool = False
    problems: list[str] = field(default_factory=list)
    leftovers: int = 0  # temporary files found beside the database right after the kill
    cleaned: bool = False  # ... and none of them left after the next Store.open

    @property
    def torn(self) -> bool:
        """The file opens, but holds a mix of before and after (or lost a committed write)."""
        return self.valid and bool(self.problems)


class KillRun:
    """Start writers on one database and SIGKILL each at a random moment.

    The next writer is started (and left waiting) while the current one runs, so the cost of
    starting Python overlaps the writing. The database is reseeded (with `seed`) between kills
    once it holds more than `max_articles` articles, so writes stay the same size.
    """

    def __init__(self, db: Path, logs: Path, seed, max_articles: int = 120) -> None:
        self.db, self.logs, self.seed, self.max_articles = db, logs, seed, max_articles
        self.count = 0
        self._next: tuple[subprocess.Popen, str, Path] | None = None

    def _spawn(self, mode: str) -> tuple[subprocess.Popen, str, Path]:
        self.count += 1
        log = self.logs / f"writer-{self.count}-{mode}.log"
        command = [
            sys.executable,
            str(Path(__file__)),
            str(self.db),
            "--mode",
            mode,
            "--log",
            str(log),
            "--files",
            str(log.with_suffix(".files")),
            "--wait",
        ]
        proc = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        return proc, mode, log

    def kill(self, mode: str, delay: float, next_mode: str | None = None) -> Kill:
        """Run one writer in `mode` for `delay` seconds after it is ready, kill it, check."""
        if self._next is None or self._next[1] != mode:
            self.close()
            self._next = self._spawn(mode)
        proc, _, log = self._next
        self._next = self._spawn(next_mode) if next_mode else None
        try:
            _expect(proc, "loaded")
            proc.stdin.write("go\n")
            proc.stdin.flush()
            _expect(proc, "ready")
            time.sleep(delay)
            if proc.poll() is not None:
                raise RuntimeError(f"writer ({mode}) stopped by itself: {proc.stderr.read()}")
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=10)
        finally:
            reap(proc)
        return self.inspect(mode, delay, log)

    def inspect(self, mode: str, delay: float, log: Path) -> Kill:
        result = Kill(mode, delay)
        result.leftovers = len(temp_files(self.db))
        check = check_database(self.db)
        result.valid, result.problems = check.valid, list(check.problems)
        counters = logged(log)
        result.writes = max(len(counters) - 1, 0)
        if not counters:
            result.problems.append(f"{mode} writer logged nothing before it was killed")
        elif check.valid:
            last, now = counters[-1], check.counters[mode]
            if now not in (last, last + 1):
                result.problems.append(
                    f"{mode}: file holds counter {now}, but the last committed was {last}"
                )
        try:
            store = Store.open(self.db)  # takes the lock the killed writer may have held
        except StoreError as error:
            result.problems.append(f"could not open after the kill: {error}")
        else:
            result.cleaned = not temp_files(self.db)
            if len(store.load().articles) > self.max_articles:
                self.seed(self.db)
        log.unlink(missing_ok=True)
        shutil.rmtree(log.with_suffix(".files"), ignore_errors=True)
        return result

    def close(self) -> None:
        if self._next is not None:
            proc = self._next[0]
            proc.kill()
            proc.wait()
            for stream in (proc.stdin, proc.stdout, proc.stderr):
                stream.close()
            self._next = None


def random_kills(folder: Path, kills: int, seed: int) -> tuple[Path, list[Kill]]:
    """Kill writers of every mode in turn, each 20-200 ms after it is ready (the seed makes the
    moments repeatable), all on one database in `folder`. Returns the database and the kills."""
    db = seed_database(folder / "db.json")
    logs = folder / "logs"
    logs.mkdir()
    rng = random.Random(seed)
    modes = [MODES[n % len(MODES)] for n in range(kills)]
    run = KillRun(db, logs, seed_database)
    results = []
    try:
        for n, mode in enumerate(modes):
            upcoming = modes[n + 1] if n + 1 < len(modes) else None
            results.append(run.kill(mode, rng.uniform(0.02, 0.2), upcoming))
    finally:
        run.close()
    return db, results


def reap(proc: subprocess.Popen) -> None:
    """Make sure a writer is gone and its pipes are closed, whatever happened to it."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def _expect(proc: subprocess.Popen, word: str) -> None:
    line = proc.stdout.readline()
    if line.strip() != word:
        proc.kill()
        proc.wait()
        raise RuntimeError(f"writer said {line!r}, not {word!r}: {proc.stderr.read()}")


def seed_database(db: Path) -> Path:
    """The tests' small database (tests.conftest.small_data), written fresh."""
    from tests.conftest import small_data, write_db

    return write_db(db, small_data())


def read_meta(db: Path) -> dict:
    raw = orjson.loads(db.read_bytes())
    return next(iter(raw["meta"].values()))


if __name__ == "__main__":
    sys.exit(main())
