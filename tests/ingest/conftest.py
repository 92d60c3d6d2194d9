"""Fixtures for the ingest tests: paths to the stored sample files and generated odd files."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .samples import LATIN1_TEXT, UTF16_TEXT

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # let `import tui` work however pytest is started
    sys.path.insert(0, str(ROOT))

FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture
def fixtures() -> Path:
    """Folder of the sample files kept with the tests."""
    return FIXTURES


@pytest.fixture
def odd_files(tmp_path: Path) -> dict[str, Path]:
    """Files whose bytes are awkward to keep in the repository, written for each test."""
    files = {
        "latin1.txt": LATIN1_TEXT.encode("latin-1"),
        "utf16.txt": "\ufeff".encode("utf-16-le") + UTF16_TEXT.encode("utf-16-le"),
        "empty.txt": b"",
        "blank.txt": b"  \n\t\n  ",
        "binary.bin": bytes(range(256)) * 4 + b"\x00\x00PK\x03\x04",
    }
    paths = {}
    for name, data in files.items():
        paths[name] = tmp_path / name
        paths[name].write_bytes(data)
    return paths
