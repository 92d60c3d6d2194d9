"""The real app on a pty, wedged on purpose, for the departure tests (tests/test_hangup.py).

    python tests/wedged_app.py DB loop|write|brief-write

Once its first frame is out it prints nothing more of its own and:
- loop: blocks the event loop for good (the main thread waits on a lock nobody releases), as a
  driver waiting on a dead terminal did;
- write: also holds a database write "under way" for good in another thread, so that the
  departure waits for it;
- brief-write: holds it until the file DB.release appears, then lets the write end.
Either way only the departure's signal handlers and watchdog can end it.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from tui.cli.main import _run_app
from tui.storage import files
from tui.storage.store import Store
from tui.ui.app import QuadrantApp


def main(path: str, mode: str) -> int:
    def wedge(app: QuadrantApp) -> None:
        if mode in ("write", "brief-write"):
            started = threading.Event()
            release = Path(path + ".release")

            def write_for_ever() -> None:
                with files.writing():
                    started.set()
                    while mode == "write" or not release.exists():
                        threading.Event().wait(0.01)

            threading.Thread(target=write_for_ever, daemon=True).start()
            started.wait()
        held = threading.Lock()
        held.acquire()
        Path(path + ".wedged").touch()  # the test waits for this before it signals
        held.acquire()  # never returns: the event loop stops here

    QuadrantApp.on_ready = lambda self: self.call_after_refresh(wedge, self)  # type: ignore
    return _run_app(Store.open(Path(path), read_only=True))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
