"""Bring articles into the database: read, skip duplicates, find mentions, propose candidates.

Articles are written in batches, each batch one atomic transaction holding whole articles with
their mentions and the candidates they proposed. An interrupted import (Ctrl+C, kill) therefore
leaves the database as it was or with whole articles only. One bad file never stops the others:
its reason is kept for the summary.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from tui import ingest
from tui.core.models import (
    Agreement,
    Article,
    Entity,
    Mention,
    Signatory,
    slugify,
    text_digest,
)
from tui.knowledge.candidates import Proposal, propose_batch
from tui.knowledge.extract import Extractor
from tui.knowledge.signing import proposals
from tui.search.query import fold
from tui.storage.store import Store

BATCH = 1000  # articles per transaction: each one rewrites the file, so not too few
STDIN = "-"
Progress = Callable[[int, int, str], None]


@dataclass
class ImportReport:
    """What an import did, for the summary line and the per-file reasons."""

    imported: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (known record, new alias)
    signers: list[tuple[str, str]] = field(default_factory=list)  # (agreement, person) proposed
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would import" if self.dry_run else "imported"
        return (
            f"{verb} {len(self.imported)}, duplicates {len(self.duplicates)}, "
            f"failed {len(self.failed)}, new candidates {len(self.candidates)}"
        ) + (f", proposed signers {len(self.signers)}" if self.signers else "")


class Importer:
    """One import run against one store."""

    def __init__(
        self,
        store: Store,
        tag: str | None = None,
        dry_run: bool = False,
        batch: int = BATCH,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.tag = tag
        self.dry_run = dry_run
        self.batch = batch
        self.progress = progress or (lambda done, total, origin: None)
        self.report = ImportReport(dry_run=dry_run)
        snapshot = store.load()
        self.extractor = Extractor.for_targets(snapshot.entities, snapshot.agreements)
        self.entities = {e.id: e for e in snapshot.entities}
        self.agreements = {a.id: a for a in snapshot.agreements}
        self.digests = {a.sha256 for a in snapshot.articles}
        self.urls = {a.url for a in snapshot.articles if a.url}
        self.ids = {a.id for a in snapshot.articles}
        self.target_ids = {e.id for e in snapshot.entities} | {a.id for a in snapshot.agreements}
        self.known: dict[str, tuple[str, str]] = {}  # folded name -> (record id, entity kind)
        for entity in snapshot.entities:
            self.known.update(dict.fromkeys(map(fold, entity.names), (entity.id, entity.kind)))
        for agreement in snapshot.agreements:
            self.known.update(dict.fromkeys(map(fold, agreement.names), ("", "agreement")))
        self.rejected = {fold(n) for n in snapshot.rejected}
        self.named = dict(self.entities)  # and the candidates of earlier batches, by id
        self.pending: list[Article] = []

    def run(self, sources: Sequence[str | Path]) -> ImportReport:
        """Import every file (folders recursively, "-" for standard input)."""
        files = list(_expand(sources))
        try:
            for done, origin in enumerate(files, start=1):
                self._read(origin)
                if len(self.pending) >= self.batch:
                    self._flush()
                self.progress(done, len(files), str(origin))
        finally:
            self._flush()
        return self.report

    def _read(self, origin: Path | str) -> None:
        try:
            drafts = _drafts(origin)
        except ingest.ReadError as error:
            self.report.failed.append((str(origin), str(error)))
            return
        except OSError as error:
            self.report.failed.append((str(origin), error.strerror or str(error)))
            return
        for draft in drafts:
            self._accept(draft)

    def _accept(self, draft: ingest.Draft) -> None:
        digest = text_digest(draft.text)
        if digest in self.digests or (draft.url and draft.url in self.urls):
            self.report.duplicates.append(draft.origin)
            return
        self.digests.add(digest)
        if draft.url:
            self.urls.add(draft.url)
        self.pending.append(self._article(draft, digest))

    def _article(self, draft: ingest.Draft, digest: str) -> Article:
        tags = tuple(dict.fromkeys([*draft.tags, *([self.tag] if self.tag else [])]))
        return Article(
            id=_unique(slugify(draft.title, "article"), self.ids),
            title=draft.title,
            text=draft.text,
            source=draft.source,
            url=draft.url,
            published=draft.published,
            authors=draft.authors,
            tags=tags,
            added=datetime.now(UTC).isoformat(timespec="seconds"),
            sha256=digest,
        )

    def _flush(self) -> None:
        """Write the pending articles, their mentions and their candidates in one transaction."""
        if not self.pending:
            return
        with _collector_paused():
            self._flush_batch()

    def _flush_batch(self) -> None:
        articles, self.pending = self.pending, []
        candidates, aliases = self._candidates(articles)
        mentions = self._mentions(articles, candidates, aliases)
        signers = proposals(articles, mentions, self.entities, self.agreements)
        if not self.dry_run:
            self._write(articles, candidates, mentions, signers, aliases)
        for agreement_id, signed in signers.items():  # not proposed again by a later batch
            agreement = self.agreements[agreement_id]
            self.agreements[agreement_id] = replace(
                agreement, signatories=(*agreement.signatories, *signed)
            )
            self.report.signers += [(agreement_id, s.entity or s.name) for s in signed]
        self.report.imported += [a.id for a in articles]
        self.report.candidates += [c.id for c in candidates]
        self.report.aliases += [(i, a) for i, names in aliases.items() for a in names]

    def _candidates(self, articles: list[Article]) -> tuple[list, dict[str, list[str]]]:
        """The batch's proposals as candidate records, resolved across all its articles, and
        the new aliases (a title and a surname, a spelling) of entities already known."""
        found = propose_batch([a.text for a in articles], self.known, self.rejected)
        records = [self._candidate(p) for p in found.proposals]
        for record in records:
            kind = record.kind if isinstance(record, Entity) else "agreement"
            self.known.update(dict.fromkeys(map(fold, record.names), (record.id, kind)))
        aliases = {i: names for i, names in found.known_aliases.items() if i in self.named}
        for record_id, names in aliases.items():
            entity = self.named[record_id]
            self.named[record_id] = replace(entity, aliases=(*entity.aliases, *names))
            self.known.update(dict.fromkeys(map(fold, names), (record_id, entity.kind)))
        self.named.update((r.id, r) for r in records if isinstance(r, Entity))
        return records, aliases

    def _candidate(self, proposal: Proposal) -> Entity | Agreement:
        record_id = _unique(slugify(proposal.name), self.target_ids)
        if proposal.kind == "agreement":
            return Agreement(
                record_id,
                proposal.name,
                acronym=proposal.acronym,
                aliases=proposal.aliases,
                review="candidate",
            )
        aliases = tuple(dict.fromkeys(n for n in proposal.names if n != proposal.name))
        return Entity(
            record_id,
            proposal.name,
            proposal.kind,
            aliases=aliases,
            status="candidate",
            kind_evidence=proposal.evidence,
            unsure=proposal.unsure,
        )

    def _mentions(
        self, articles: list[Article], candidates: list, aliases: dict[str, list[str]]
    ) -> list[Mention]:
        entities = [c for c in candidates if isinstance(c, Entity)]
        entities += [replace(self.named[i], name=n, aliases=()) for i, ns in aliases.items()
                     for n in ns]  # fmt: skip
        agreements = [c for c in candidates if isinstance(c, Agreement)]
        extra = Extractor.for_targets(entities, agreements)
        mentions: list[Mention] = []
        for article in articles:
            mentions += merge(
                self.extractor.find(article.id, article.text), extra.find(article.id, article.text)
            )
        return mentions

    def _write(
        self,
        articles: list[Article],
        candidates: list,
        mentions: list[Mention],
        signers: dict[str, list[Signatory]],
        aliases: dict[str, list[str]],
    ) -> None:
        with self.store.transaction() as tx:
            digests, urls = tx.digests_and_urls()
            taken = tx.ids("articles")
            fresh = [a for a in articles if a.sha256 not in digests and a.url not in urls]
            # Another process may have stored articles since this run started: take new ids
            # where theirs clash, and never overwrite what they wrote.
            renamed = {a.id: _unique(a.id, taken) for a in fresh}
            fresh = [replace(a, id=renamed[a.id]) for a in fresh]
            kept = [
                m if renamed[m.article] == m.article else replace(m, article=renamed[m.article])
                for m in mentions
                if m.article in renamed
            ]
            tx.add([*fresh, *candidates, *kept])
            renamed_entities = []
            for entity in tx.all("entities"):  # as on disk now: a known one given new names
                names = [n for n in aliases.get(entity.id, ()) if n not in entity.names]
                if names:
                    renamed_entities.append(replace(entity, aliases=(*entity.aliases, *names)))
            tx.put_all(renamed_entities)
            for agreement in tx.all("agreements"):  # as on disk now: added to, never replaced
                recorded = {s.entity for s in agreement.signatories}
                new = [s for s in signers.get(agreement.id, ()) if s.entity not in recorded]
                if new:
                    tx.put(replace(agreement, signatories=(*agreement.signatories, *new)))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A batch makes hundreds of thousands of small objects (names, mentions, records), none
    in a reference cycle, that live until it is written: the collector, run among them every
    few hundred allocations, only walks them and all the process holds (a third of the time
    of finding and resolving the names). Reference counting frees them; the collector runs
    again after the batch (as `search.loading` does while it builds the index)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def merge(known: list[Mention], extra: list[Mention]) -> list[Mention]:
    """Known names win where a candidate's mention would overlap one."""
    if not extra:
        return known
    taken = bytearray(max(m.end for m in [*known, *extra]))
    for mention in known:
        taken[mention.start : mention.end] = b"\x01" * (mention.end - mention.start)
    kept = [m for m in extra if not any(taken[m.start : m.end])]
    return sorted([*known, *kept])


def _unique(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _expand(sources: Sequence[str | Path]) -> Iterable[Path | str]:
    for source in sources:
        if str(source) == STDIN:
            yield STDIN
        else:
            yield from ingest.iter_files([Path(source)])


def _drafts(origin: Path | str) -> list[ingest.Draft]:
    if origin == STDIN:
        return ingest.read_bytes(sys.stdin.buffer.read(ingest.MAX_BYTES + 1), "<stdin>")
    return ingest.read_path(Path(origin))
