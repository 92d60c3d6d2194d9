"""Kill writers at random moments and count what the database file looks like afterwards.

    python benchmarks/crash_tally.py [--kills 200] [--seed N] [--procs 4] [--edits 100] [--json]

Crash: writers (tests/writer_process.py, modes notes, tags and import in turn) write to one
database; each is SIGKILLed 20-200 ms after it is ready. After every kill the file must open and
validate ("valid"), and must hold the state before or after the interrupted transaction ("torn"
counts files that open but hold a mix, or lost a committed write: must be 0). Temporary files
found beside the database right after a kill show the kill landed inside a write; the next
`Store.open` must remove them ("cleaned").

Concurrency: --procs processes make --edits edits each at once on a fresh database; every edit
must be kept ("kept": new entities, shared tags, shared counter and each process's last notes).

Hostile: the hostile corpus of the tests (markup, escapes, C0/C1 controls, NUL, bidi overrides,
zero-width and combining characters, CJK and emoji, a 10 MB line, a 100,000-character title) is
imported, then searched and exported through the CLI; every input must be imported clean or
refused with a reason, and no control byte may come out.

Exit status 1 when a file was invalid or torn, a temporary file survived, an edit was lost, or a
hostile input got through.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.writer_process import (  # noqa: E402
    MODES,
    SHARED_ENTITY,
    random_kills,
    read_meta,
    seed_database,
    temp_files,
)
from tui.storage.store import Store  # noqa: E402

WRITER = ROOT / "tests" / "writer_process.py"


def crash(kills: int, seed: int, folder: Path) -> dict:
    started = time.perf_counter()
    _db, results = random_kills(folder, kills, seed)
    per_mode = {
        mode: {
            "kills": sum(1 for r in results if r.mode == mode),
            "writes": sum(r.writes for r in results if r.mode == mode),
            "inside_a_write": sum(1 for r in results if r.mode == mode and r.leftovers),
        }
        for mode in MODES
    }
    return {
        "kills": len(results),
        "valid": sum(1 for r in results if r.valid),
        "torn": sum(1 for r in results if r.torn),
        "writes": sum(r.writes for r in results),
        "inside_a_write": sum(1 for r in results if r.leftovers),
        "leftovers": sum(r.leftovers for r in results),
        "cleaned": sum(r.leftovers for r in results if r.cleaned),
        "not_cleaned": sum(1 for r in results if not r.cleaned),
        "per_mode": per_mode,
        "problems": [
            f"{r.mode} after {r.delay * 1000:.0f} ms: {p}" for r in results for p in r.problems
        ],
        "seconds": round(time.perf_counter() - started, 1),
    }


def concurrency(procs: int, edits: int, folder: Path) -> dict:
    db = seed_database(folder / "db.json")
    go = folder / "go"
    writers = [
        subprocess.Popen(
            [
                sys.executable,
                str(WRITER),
                str(db),
                "--mode",
                "edits",
                "--proc",
                str(p),
                "--edits",
                str(edits),
                "--go",
                str(go),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for p in range(procs)
    ]
    errors = []
    for writer in writers:
        if writer.stdout.readline().strip() != "ready":
            errors.append("a writer did not start")
    started = time.perf_counter()
    go.touch()
    for writer in writers:
        _out, err = writer.communicate(timeout=300)
        if writer.returncode:
            errors.append(err.strip().splitlines()[-1] if err.strip() else "writer failed")
    seconds = time.perf_counter() - started
    snapshot = Store.open(db).load()
    ids = Counter(e.id for e in snapshot.entities)
    expected = {f"p{p}-{i}" for p in range(procs) for i in range(edits)}
    written = {i for i in ids if re.fullmatch(r"p\d+-\d+", i)}
    shared = next(e for e in snapshot.entities if e.id == SHARED_ENTITY)
    notes = {a.id: a.notes for a in snapshot.articles if a.id.startswith("own-")}
    return {
        "procs": procs,
        "edits": edits,
        "kept": len(written & expected),
        "duplicates": sum(n - 1 for n in ids.values() if n > 1),
        "shared_tags_kept": len(set(shared.tags) & expected),
        "shared_counter": read_meta(db).get("edits", 0),
        "last_values_kept": sum(
            notes.get(f"own-p{p}") == f"edit {edits - 1}" for p in range(procs)
        ),
        "leftovers": len(temp_files(db)),
        "errors": errors,
        "seconds": round(seconds, 1),
    }


def hostile(folder: Path) -> dict:
    """Import the hostile corpus, then read it back through search and every export."""
    from tests.conftest import small_data, write_db
    from tests.hostile_corpus import has_controls, write_corpus
    from tui.knowledge.importer import Importer

    inputs = write_corpus(folder / "in")
    db = write_db(folder / "db.json", small_data())
    report = Importer(Store.open(db)).run([folder / "in"])
    snapshot = Store.open(db, read_only=True).load()
    dirty = sum(has_controls(a.title) or has_controls(a.text) for a in snapshot.articles)
    outputs = [
        ["search", "markup"],
        ["search", "escapes", "--json"],
        ["show", "india"],
        ["export", "", "--format", "json"],
        ["export", "", "--format", "csv"],
        ["export", "", "--format", "md"],
    ]
    leaked = sum(_leaks([sys.executable, "-m", "tui", *argv, "--db", str(db)]) for argv in outputs)
    return {
        "inputs": len(inputs),
        "imported": len(report.imported),
        "refused": len(report.failed),
        "stored_with_controls": dirty,
        "outputs_checked": len(outputs),
        "outputs_with_controls": leaked,
    }


def _leaks(argv: list[str]) -> bool:
    run = subprocess.run(argv, capture_output=True, cwd=ROOT, timeout=300)
    text = run.stdout.decode("utf-8", "replace")
    return run.returncode != 0 or any(
        (ord(c) < 32 and c not in "\n\r") or 0x7F <= ord(c) <= 0x9F for c in text
    )


def ok(tally: dict) -> bool:
    c, k, h = tally["crash"], tally["concurrency"], tally["hostile"]
    total = k["procs"] * k["edits"]
    hostile_ok = (
        h["imported"] + h["refused"] == h["inputs"]
        and not h["stored_with_controls"]
        and not h["outputs_with_controls"]
    )
    return (
        hostile_ok
        and c["valid"] == c["kills"]
        and c["torn"] == 0
        and c["not_cleaned"] == 0
        and k["kept"] == k["shared_tags_kept"] == k["shared_counter"] == total
        and k["duplicates"] == 0
        and k["last_values_kept"] == k["procs"]
        and not k["errors"]
        and k["leftovers"] == 0
    )


def report(tally: dict) -> str:
    c, k = tally["crash"], tally["concurrency"]
    lines = [f"kills                        {c['kills']:>6}"]
    for mode, m in c["per_mode"].items():
        lines.append(
            f"  {mode:<8} kills {m['kills']:>4}, writes committed {m['writes']:>6}, "
            f"killed inside a write {m['inside_a_write']:>4}"
        )
    lines += [
        f"files valid after the kill   {c['valid']:>6}",
        f"states torn (must be 0)      {c['torn']:>6}",
        f"writes committed before kill {c['writes']:>6}",
        f"kills inside a write         {c['inside_a_write']:>6}",
        f"leftover temp files          {c['leftovers']:>6}",
        f"  cleaned by the next open   {c['cleaned']:>6}",
        f"time                         {c['seconds']:>6} s",
        *[f"problem: {p}" for p in c["problems"]],
        f"crash: {c['kills']} kills, {c['valid']} valid, {c['torn']} torn",
        "",
        f"processes x edits            {k['procs']} x {k['edits']}",
        f"new entities kept            {k['kept']:>6}",
        f"duplicates                   {k['duplicates']:>6}",
        f"shared-record updates kept   {k['shared_tags_kept']:>6}",
        f"shared counter               {k['shared_counter']:>6}",
        f"last values kept             {k['last_values_kept']:>6} of {k['procs']}",
        f"time                         {k['seconds']:>6} s",
        *[f"error: {e}" for e in k["errors"]],
        f"concurrency: {k['procs']} processes x {k['edits']} edits, {k['kept']} kept",
        "",
        *_hostile_lines(tally["hostile"]),
    ]
    return "\n".join(lines)


def _hostile_lines(h: dict) -> list[str]:
    return [
        f"hostile inputs               {h['inputs']:>6}",
        f"  imported, cleaned          {h['imported']:>6}",
        f"  refused with a reason      {h['refused']:>6}",
        f"stored with control chars    {h['stored_with_controls']:>6}",
        f"CLI outputs checked          {h['outputs_checked']:>6}",
        f"  with control bytes         {h['outputs_with_controls']:>6}",
        f"hostile: {h['inputs']} inputs, {h['imported'] + h['refused']} handled, "
        f"{h['stored_with_controls'] + h['outputs_with_controls']} leaks",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=200, help="writers to kill (200)")
    parser.add_argument("--seed", type=int, default=20240921, help="for the kill moments")
    parser.add_argument("--procs", type=int, default=4, help="concurrent writers (4)")
    parser.add_argument("--edits", type=int, default=100, help="edits per writer (100)")
    parser.add_argument("--json", action="store_true", help="print the tally as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quadrant-crash-") as folder:
        base = Path(folder)
        for part in ("crash", "concurrency", "hostile"):
            (base / part).mkdir()
        tally = {
            "crash": crash(args.kills, args.seed, base / "crash"),
            "concurrency": concurrency(args.procs, args.edits, base / "concurrency"),
            "hostile": hostile(base / "hostile"),
        }
    tally["ok"] = ok(tally)
    print(json.dumps(tally, indent=2) if args.json else report(tally))
    return 0 if tally["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
