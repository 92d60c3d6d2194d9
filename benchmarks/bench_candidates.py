"""Candidate quality on a labelled set: whole names, the right kind, one record per thing.

    python benchmarks/bench_candidates.py [--json] [--show]

The set is benchmarks/labelled/news.txt (48 short articles written for it, with a gold list of
the entities each names; see benchmarks/labelled/README.md). Each split is imported as a new
user would, into an empty database, as one batch; then each candidate entity is checked:
- whole: its name is one gold entity's name or alias (not two names joined by "and", not a title
  alone where the full name is given, not a possessive, not a demonym, not a fragment);
- kind: for whole candidates, its kind is the gold kind;
- duplicates: gold entities that got more than one candidate (one record per thing);
- found: gold entities named twice or more in a split that got a candidate (recall of the kind
  of names the importer proposes: more than one word).
Articles 01-30 and 46 on are the tuning set; 31-45 were held out while the rules were written
(46 on were added with later fixes, so the held-out split stays as it was).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.document import empty_database  # noqa: E402
from tui.knowledge.importer import Importer  # noqa: E402
from tui.search.query import fold  # noqa: E402
from tui.storage.files import write_atomic  # noqa: E402
from tui.storage.store import Store  # noqa: E402

SET = ROOT / "benchmarks" / "labelled" / "news.txt"
SPLITS = {
    "tuning (01-30, 46-)": [*range(1, 31), *range(46, 100)],
    "held out (31-45)": range(31, 46),
}
GOALS = {"whole": 0.95, "kind": 0.9}


def read_set(path: Path = SET) -> list[dict]:
    """Each article: number, title, text, and gold entities (kind, name, aliases)."""
    articles = []
    for block in re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, rest = block.partition("\n")
        text, _, gold = rest.partition("@gold\n")
        entities = []
        for line in gold.strip().splitlines():
            kind, name, aliases = (part.strip() for part in line.split("|"))
            entities.append((kind, name, [a.strip() for a in aliases.split(";") if a.strip()]))
        articles.append({"number": int(head), "text": text.strip(), "gold": entities})
    return articles


def gold_index(articles: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """Folded name or alias -> the gold entity's name; and its kind by name."""
    names, kind = {}, {}
    for article in articles:
        for gold_kind, name, aliases in article["gold"]:
            kind[name] = gold_kind
            for form in (name, *aliases):
                names.setdefault(fold(form), name)
    return names, kind


def candidates_of(articles: list[dict]) -> list:
    with tempfile.TemporaryDirectory(prefix="quadrant-candidates-") as folder:
        files = Path(folder) / "in"
        files.mkdir()
        for article in articles:
            (files / f"{article['number']:02}.txt").write_text(article["text"], encoding="utf-8")
        db = Path(folder) / "db.json"
        write_atomic(db, json.dumps(empty_database("labelled set")).encode())
        Importer(Store.open(db)).run([files])
        return [e for e in Store.open(db).load().entities if e.status == "candidate"]


def named_twice(articles: list[dict], names: dict[str, str]) -> set[str]:
    """Gold entities of more than one word whose forms are written twice or more."""
    counts: dict[str, int] = defaultdict(int)
    for article in articles:
        for _kind, name, aliases in article["gold"]:
            for form in {name, *aliases}:
                counts[name] += len(re.findall(rf"\b{re.escape(form)}\b", article["text"]))
    return {name for name, count in counts.items() if count >= 2 and " " in name}


def score(articles: list[dict]) -> dict:
    names, kinds = gold_index(articles)
    candidates = candidates_of(articles)
    whole = [c for c in candidates if fold(c.name) in names]
    right = [c for c in whole if c.kind == kinds[names[fold(c.name)]]]
    per_gold: dict[str, int] = defaultdict(int)
    for candidate in whole:
        per_gold[names[fold(candidate.name)]] += 1
    wanted = named_twice(articles, names)
    return {
        "articles": len(articles),
        "candidates": len(candidates),
        "whole": round(len(whole) / len(candidates), 3) if candidates else 0.0,
        "kind": round(len(right) / len(whole), 3) if whole else 0.0,
        "kind_unsure": sum(c.kind_unsure for c in candidates),
        "duplicates": sum(1 for n in per_gold.values() if n > 1),
        "found": f"{len(wanted & set(per_gold))}/{len(wanted)}",
        "not_whole": sorted(c.name for c in candidates if fold(c.name) not in names),
        "wrong_kind": sorted(
            f"{c.name} ({c.kind}, gold {kinds[names[fold(c.name)]]})"
            for c in whole
            if c not in right
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", action="store_true", help="list the misses")
    args = parser.parse_args()
    articles = read_set()
    results = {
        split: score([a for a in articles if a["number"] in numbers])
        for split, numbers in SPLITS.items()
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for split, r in results.items():
        print(
            f"{split:<19} candidates {r['candidates']:>3}  whole {r['whole']:.3f} "
            f"(>= {GOALS['whole']})  right kind {r['kind']:.3f} (>= {GOALS['kind']})  "
            f"kind unsure {r['kind_unsure']}  duplicates {r['duplicates']}  found {r['found']}"
        )
        if args.show:
            print("  not whole:", "; ".join(r["not_whole"]))
            print("  wrong kind:", "; ".join(r["wrong_kind"]))


if __name__ == "__main__":
    main()
