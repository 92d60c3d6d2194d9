"""The writing subcommands: import, relink and review, with progress and summaries on stderr."""

from __future__ import annotations

import argparse
import signal
import sys
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress

from tui.cli.exits import ERROR, INTERRUPTED, NO_RESULTS, OK, CliError
from tui.core.corpus import Corpus
from tui.knowledge import review as reviewing
from tui.knowledge.importer import Importer
from tui.storage.store import Store, StoreError


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


@contextmanager
def _terminate_as_interrupt():
    """Let `kill` or a hang-up end an import like Ctrl+C: the open transaction is abandoned."""
    previous = {n: signal.signal(n, _interrupt) for n in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def run_import(store: Store, args: argparse.Namespace) -> int:
    """quadrant import: every file read, duplicates skipped, a summary with reasons at the end."""
    console = Console(stderr=True)
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task("importing", total=None)
        importer = Importer(
            store,
            tag=args.tag,
            dry_run=args.dry_run,
            progress=lambda done, total, _o: bar.update(task, completed=done, total=total),
        )
        try:
            with _terminate_as_interrupt():
                report = importer.run(args.paths)
        except KeyboardInterrupt:
            report = importer.report
            print(
                f"quadrant: interrupted; {report.summary()} (whole articles only)", file=sys.stderr
            )
            return INTERRUPTED
    for origin, reason in report.failed:
        print(f"quadrant: {origin}: {reason}", file=sys.stderr)
    print(report.summary())
    if report.imported and not args.dry_run and not args.no_index:
        _index(store, console)
    if report.failed:
        return NO_RESULTS if report.imported or report.duplicates else ERROR
    return OK


def _index(store: Store, console: Console) -> None:
    """Build the search cache of the file just written, so the app's next start answers at once
    instead of indexing it (a minute at 100k articles: imports often run from cron). The import
    stands whatever happens here: a failure or an interrupt only leaves the cache to the next
    start, and says so."""
    import sqlite3

    from tui.search.loading import search_index
    from tui.storage.paths import index_cache

    if store.path is None:
        return
    try:
        with console.status("updating the search index"), _terminate_as_interrupt():
            search_index(
                Store.open(store.path, read_only=True, quick=True), index_cache(store.path)
            )
    except (KeyboardInterrupt, StoreError, OSError, sqlite3.Error) as error:
        reason = "interrupted" if isinstance(error, KeyboardInterrupt) else str(error)
        print(f"quadrant: the search index is left to the next start ({reason})", file=sys.stderr)


def relink(store: Store, args: argparse.Namespace) -> int:
    count = reviewing.relink(store)
    print(f"{count} mentions in {len(Corpus(store.load()).articles)} articles")
    return OK


def review(store: Store, args: argparse.Namespace) -> int:
    """quadrant review ACTION ID [VALUE] on an entity or agreement, or `date` on an article;
    or review list, the candidates (cli/queue.py)."""
    if args.action == "list":
        from tui.cli.queue import review_list

        return review_list(store, args)
    if not args.id:
        raise CliError(f"review {args.action}", "needs the id of what to review")
    if (
        args.action in ("merge", "alias", "kind", "date", "signer", "drop-signer")
        and not args.value
    ):
        wanted = {
            "merge": "the id to merge into",
            "kind": "person, organization, country, group, initiative, system, place or event",
            "alias": "the alias",
            "date": "2025-07-01, 2025-07, 2025, or none to clear it",
            "signer": "the entity who signed",
            "drop-signer": "the entity to drop",
        }
        raise CliError(
            f"review {args.action}", f"needs a value after the id: {wanted[args.action]}"
        )
    if args.action == "date":
        reviewing.published_date(args.value)  # a bad date is refused before the file is read
    found = Corpus(store.load()).find(args.id)
    if args.action == "date":
        return _date(store, args, found[0] if found else None)
    if args.action in ("signer", "drop-signer"):
        return _signer(store, args, found[0] if found else None)
    if found is None or found[0] == "article":
        raise CliError(store.name, f"no entity or agreement has the id {args.id!r}")
    kind = found[0]
    if args.action == "kind":
        if kind != "entity":
            raise CliError(store.name, f"{args.id!r} is an {kind}; only an entity has a kind")
        reviewing.set_kind(store, kind, args.id, args.value.strip().lower())
        print(f"kind: entity {args.id} -> {args.value.strip().lower()}")
        return OK
    actions = {
        "accept": lambda: reviewing.accept(store, kind, args.id),
        "reject": lambda: reviewing.reject(store, kind, args.id),
        "merge": lambda: reviewing.merge(store, kind, args.id, args.value),
        "alias": lambda: reviewing.add_alias(store, kind, args.id, args.value),
    }
    actions[args.action]()
    print(f"{args.action}: {kind} {args.id}" + (f" -> {args.value}" if args.value else ""))
    return OK


def _signer(store: Store, args: argparse.Namespace, kind: str | None) -> int:
    """quadrant review signer|drop-signer AGREEMENT ENTITY [--side PARTY]."""
    if kind != "agreement":
        raise CliError(store.name, f"no agreement has the id {args.id!r}")
    if args.action == "signer":
        done = reviewing.confirm_signer(store, args.id, args.value, args.side)
    else:
        reviewing.drop_signer(store, args.id, args.value)
        done = "dropped"
    print(f"signer {done}: {args.value} on agreement {args.id}")
    return OK


def _date(store: Store, args: argparse.Namespace, kind: str | None) -> int:
    """quadrant review date ID DATE: an article's publication date, set or (none) cleared."""
    if kind is None:
        raise CliError(store.name, f"no article has the id {args.id!r}")
    if kind != "article":
        raise CliError(
            store.name, f"{args.id!r} is an {kind}; only an article has a publication date"
        )
    published = reviewing.set_published(store, args.id, args.value)
    print(f"date: article {args.id} -> {published or reviewing.NO_DATE}")
    return OK
