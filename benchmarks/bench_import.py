"""Import throughput with extraction: articles of about 3 KB a second, against 1,000+ names.

    python benchmarks/bench_import.py [--articles 2000] [--json]

The articles are the synthetic ones of the 10k benchmark database (benchmarks/generate.py; made
if missing), written as .txt files; the target database holds that database's 1,000 entities
and 100 agreements (about 3,000 linkable names) and no articles. Three figures, each in a fresh
import so they do not share caches:
- extraction only: the Aho-Corasick scan of every text (the part that grows with the names);
- import, dry run: reading, normalising, dedup, extraction and candidate proposals;
- import: the same, written to the database in batches of 250 (atomic, locked transactions).
Target: at least 500 articles a second on one core, with extraction.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import default_path, generate, write  # noqa: E402
from tui.core.document import empty_database  # noqa: E402
from tui.knowledge.extract import Extractor  # noqa: E402
from tui.knowledge.importer import Importer  # noqa: E402
from tui.storage.files import write_atomic  # noqa: E402
from tui.storage.store import Store  # noqa: E402

TARGET = 500.0
SOURCE_SIZE = 10_000


def source_database() -> dict:
    path = default_path(SOURCE_SIZE)
    if not path.exists():
        write(generate(SOURCE_SIZE), path)
    return orjson.loads(path.read_bytes())


def prepare(folder: Path, count: int) -> tuple[Path, Path, list[str]]:
    """The article files and an article-less database that knows every name."""
    raw = source_database()
    texts = [a["title"] + "\n\n" + a["text"] for a in list(raw["articles"].values())[:count]]
    files = folder / "in"
    files.mkdir()
    for number, text in enumerate(texts):
        (files / f"{number:05}.txt").write_text(text, encoding="utf-8")
    data = empty_database("import benchmark (synthetic)")
    data["entities"], data["agreements"] = raw["entities"], raw["agreements"]
    db = folder / "db.json"
    write_atomic(db, orjson.dumps(data))
    return files, db, texts


def rate(count: int, seconds: float) -> float:
    return count / seconds if seconds else float("inf")


def measure(count: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="quadrant-import-") as folder:
        files, db, texts = prepare(Path(folder), count)
        snapshot = Store.open(db, read_only=True).load()
        extractor = Extractor.for_targets(snapshot.entities, snapshot.agreements)
        started = time.process_time()
        mentions = sum(len(extractor.find(str(n), t)) for n, t in enumerate(texts))
        extract = time.process_time() - started
        started = time.perf_counter()
        Importer(Store.open(db), dry_run=True).run([files])
        dry = time.perf_counter() - started
        started = time.perf_counter()
        report = Importer(Store.open(db)).run([files])
        real = time.perf_counter() - started
    names = sum(len(e.names) for e in snapshot.entities) + sum(
        len(a.names) for a in snapshot.agreements
    )
    return {
        "articles": count,
        "kb_per_article": round(sum(map(len, texts)) / count / 1024, 2),
        "targets": len(snapshot.entities) + len(snapshot.agreements),
        "names": names,
        "mentions": mentions,
        "extract_per_s": round(rate(count, extract)),
        "dry_run_per_s": round(rate(count, dry)),
        "import_per_s": round(rate(count, real)),
        "imported": len(report.imported),
        "candidates": len(report.candidates),
    }


def table(result: dict) -> str:
    verdict = "PASS" if result["import_per_s"] >= TARGET else "MISS"
    return "\n".join(
        [
            f"articles {result['articles']} of {result['kb_per_article']} KB; "
            f"{result['targets']} entities and agreements, {result['names']} names",
            f"extraction only         {result['extract_per_s']:>7} articles/s "
            f"({result['mentions']} mentions)",
            f"import, dry run         {result['dry_run_per_s']:>7} articles/s",
            f"import, written         {result['import_per_s']:>7} articles/s  "
            f"{verdict} (>= {TARGET:.0f})",
            f"imported {result['imported']}, candidates proposed {result['candidates']}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = measure(args.articles)
    print(json.dumps(result, indent=2) if args.json else table(result))


if __name__ == "__main__":
    main()
