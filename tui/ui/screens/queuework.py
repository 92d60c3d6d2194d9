"""The review queue's writes: each decision (`Decision`) knows how to write itself and how to
undo itself; `Writes` runs them one at a time, in the order they were made, in a worker, and
keeps what was done for undo.

A decision is shown at once (the queue moves on) and written after; so that many keys in a row
never wait on the file, nor race one another, there is one write at a time. When the last
pending write is done the app reads the database again, so that its panes and pages show the
decisions. A write that fails is shown as a notification; the writes queued after it are
dropped, and the queue reads the candidates again from the file.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tui.core.models import Agreement, Entity
from tui.knowledge import review
from tui.knowledge.queue import Candidate
from tui.ui.host import host

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.storage.store import Store

Record = Entity | Agreement


@dataclass(frozen=True)
class Decision:
    """One review of one candidate: `verb` is accept, reject, merge, rename or kind. `after` is
    the candidate's record as the write leaves it (rename, kind); `target` the record merged
    into, as it was before, and `merged` as the merge leaves it."""

    verb: str
    candidate: Candidate
    after: Record
    target: Record | None = None
    merged: Record | None = None

    @classmethod
    def accept(cls, candidate: Candidate) -> Decision:
        return cls("accept", candidate, candidate.record)

    @classmethod
    def reject(cls, candidate: Candidate) -> Decision:
        return cls("reject", candidate, candidate.record)

    @classmethod
    def merge(cls, candidate: Candidate, target: Record) -> Decision:
        merged = review.merged(candidate.record, target)
        return cls("merge", candidate, candidate.record, target, merged)

    @classmethod
    def rename(cls, candidate: Candidate, name: str) -> Decision:
        return cls("rename", candidate, review.renamed(candidate.record, " ".join(name.split())))

    @classmethod
    def kind(cls, candidate: Candidate, kind: str) -> Decision:
        return cls("kind", candidate, replace(candidate.record, kind=kind))

    @property
    def leaves(self) -> bool:
        """Whether the candidate leaves the queue (it is no longer a candidate)."""
        return self.verb in ("accept", "reject", "merge")

    @property
    def done(self) -> str:
        """What was done, in words, for a notification."""
        name = self.candidate.name
        return {
            "accept": f"accepted {name}",
            "reject": f"rejected {name}",
            "merge": f"merged {name} into {self.target.label if self.target else ''}",
            "rename": f"renamed {name} to {self.after.label}",
            "kind": f"{name} is now a {self.after.kind}",
        }[self.verb]

    def write(self, store: Store) -> None:
        kind, item_id = self.candidate.type, self.candidate.id
        if self.verb == "accept":
            review.accept(store, kind, item_id)
        elif self.verb == "reject":
            review.reject(store, kind, item_id)
        elif self.verb == "merge" and self.target is not None:
            review.merge(store, kind, item_id, self.target.id)
        elif self.verb == "rename":
            review.rename(store, kind, item_id, self.after.name)
        elif self.verb == "kind":
            review.set_kind(store, kind, item_id, self.after.kind)

    def unwrite(self, store: Store) -> None:
        """Put the database back as it was before `write` (the records as the queue had them)."""
        records = (self.candidate.record, *([self.target] if self.target else []))
        names = self.candidate.record.names if self.verb == "reject" else ()
        relink = self.verb in ("reject", "merge", "rename")
        review.restore(store, records, names, relink=relink)


Job = Callable[["Store"], None]


class Writes:
    """The queue's writes, one at a time and in order, and what was done, for undo."""

    def __init__(
        self, screen: Screen, written: Callable[[], None], failed: Callable[[], None]
    ) -> None:
        """`written` is called on the screen after each write, `failed` after a failure."""
        self.screen = screen
        self.written, self.failed = written, failed
        self.jobs: deque[tuple[Job, str]] = deque()
        self.running = False
        self.done: list[tuple[Decision, int]] = []  # decisions written or queued, the last last
        self.merged_into: dict[str, Record] = {}  # merge targets as this session left them
        self.dirty = False  # something was written: the app's data is older than the file

    @property
    def pending(self) -> int:
        return len(self.jobs) + self.running

    @property
    def last(self) -> Decision | None:
        return self.done[-1][0] if self.done else None

    def push(self, decision: Decision, at: int) -> None:
        """Queue the decision's write; `at` is where the candidate stood on the list."""
        self.done.append((decision, at))
        if decision.merged is not None:
            self.merged_into[decision.merged.id] = decision.merged
        self.screen.notify(decision.done, timeout=2)
        self._queue(decision.write, decision.done)

    def undo(self) -> tuple[Decision, int] | None:
        """Queue the undoing of the last decision; returns it and where it stood."""
        if not self.done:
            return None
        decision, at = self.done.pop()
        if decision.target is not None:
            self.merged_into[decision.target.id] = decision.target
        self._queue(decision.unwrite, f"undo {decision.done}")
        return decision, at

    def _queue(self, job: Job, what: str) -> None:
        self.jobs.append((job, what))
        self.dirty = True
        self._next()

    def _next(self) -> None:
        if self.running or not self.jobs:
            return
        job, what = self.jobs.popleft()
        self.running = True
        store = host(self.screen).store
        self.screen.app.run_worker(
            lambda: self._run(job, what, store), thread=True, group="write", exit_on_error=False
        )

    def _run(self, job: Job, what: str, store: Store) -> None:
        """In the worker: the write, then its outcome to the UI thread."""
        try:
            job(store)
        except Exception as error:  # shown, never a traceback; the queue reads the file again
            self.screen.app.call_from_thread(self._failed, what, error)
        else:
            self.screen.app.call_from_thread(self._finished)

    def _finished(self) -> None:
        self.running = False
        if self.jobs:
            self._next()
        else:
            host(self.screen).reload()  # the panes and pages show the decisions
        self.written()

    def _failed(self, what: str, error: Exception) -> None:
        dropped = len(self.jobs)
        self.running = False
        self.jobs.clear()
        self.done.clear()  # what undo would put back is no longer known
        extra = f"; {dropped} more not written" if dropped else ""
        self.screen.notify(
            f"{what}: {error}{extra}", title="Not written", severity="error", timeout=30
        )
        self.failed()
