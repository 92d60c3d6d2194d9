"""Where the database and the search cache live.

The database is, in order: `--db PATH`, `$QUADRANT_DB`, the repository's `db.json` when Quadrant
runs from a checkout (an editable install), and otherwise `db.json` in the user data folder
(`~/.local/share/quadrant` on Linux), copied there from the wheel's bundled copy on first use.
Nothing is ever written into site-packages.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import platformdirs

APP = "quadrant"
CHECKOUT = Path(__file__).resolve().parents[2]  # tui/storage/paths.py -> the checkout


def default_db() -> Path:
    """The database to open when none is named."""
    if os.environ.get("QUADRANT_DB"):
        return Path(os.environ["QUADRANT_DB"])
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "db.json").is_file():
        return CHECKOUT / "db.json"
    user_db = platformdirs.user_data_path(APP) / "db.json"
    if not user_db.exists():
        _install_bundled(user_db)
    return user_db


def _install_bundled(target: Path) -> None:
    """Copy the database shipped inside the package to a place the user may write."""
    from importlib import resources  # only ever needed once: 2 ms off every start

    bundled = resources.files("tui").joinpath("data/db.json")
    if not bundled.is_file():
        return  # no bundled copy: the store then reports the missing file by name
    target.parent.mkdir(parents=True, exist_ok=True)
    with resources.as_file(bundled) as source:
        shutil.copyfile(source, target)


def index_cache(db: Path) -> Path:
    """The search index cache of a database: in the user cache folder, one file per database."""
    digest = hashlib.sha256(str(db.resolve()).encode()).hexdigest()[:16]
    return platformdirs.user_cache_path(APP) / f"{db.stem}-{digest}.fts"


SAMPLE_BYTES = 64 * 1024  # read from each end of the database file for its cache key


def cache_key(db: Path) -> str:
    """Names one version of the database file, for its search cache: the file's path, size,
    modification time and inode, and a hash of its first and last SAMPLE_BYTES. The store writes
    a new `revision` into the meta record, at the head of the file, on every write, so any write
    changes the key, even one that keeps the size and the time (a coarse clock); the hash also
    catches most edits by other tools that keep both (`cp -p`, `rsync -t`): all but those that
    change neither end of a file larger than 128 KB. Reads 128 KB: a few hundred microseconds
    (the 86 MB file of 10k articles)."""
    with db.open("rb") as handle:  # stat and read one file, even if another replaces it
        stat = os.fstat(handle.fileno())
        sample = hashlib.blake2b(handle.read(SAMPLE_BYTES), digest_size=16)
        if stat.st_size > SAMPLE_BYTES:
            handle.seek(max(SAMPLE_BYTES, stat.st_size - SAMPLE_BYTES))
            sample.update(handle.read(SAMPLE_BYTES))
    return f"{db.resolve()}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}:{sample.hexdigest()}"
