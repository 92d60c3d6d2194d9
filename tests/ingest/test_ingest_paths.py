"""`read_path` (errors, size limit) and `iter_files` (folder expansion)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tui.ingest as ingest
from tui.ingest import ReadError, iter_files, read_bytes, read_path


def test_size_limit_is_20_mb():
    assert ingest.MAX_BYTES == 20 * 1024 * 1024


def test_file_over_the_limit_is_refused_before_reading(tmp_path, monkeypatch):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Title\n\n" + b"word " * 100)
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    opened = []
    monkeypatch.setattr(Path, "open", lambda *a, **k: opened.append(a) or pytest.fail("read"))
    with pytest.raises(ReadError, match="^file is larger than the 100 bytes limit$"):
        read_path(big)
    assert not opened


def test_limit_message_and_read_bytes_limit(monkeypatch):
    monkeypatch.setattr(ingest, "MAX_BYTES", 2 * 1024 * 1024)
    with pytest.raises(ReadError, match="^file is larger than the 2 MB limit$"):
        read_bytes(b"x" * (2 * 1024 * 1024 + 1))


def test_file_within_the_limit(tmp_path, monkeypatch):
    path = tmp_path / "ok.txt"
    path.write_bytes(b"Title\n\nBody.")
    monkeypatch.setattr(ingest, "MAX_BYTES", path.stat().st_size)
    assert read_path(path)[0].text == "Body."


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ReadError, match="^no such file$"):
        read_path(tmp_path / "missing.txt")
    with pytest.raises(ReadError, match="^is a folder, not a file$"):
        read_path(tmp_path)


def test_read_path_sets_origin(fixtures):
    (draft,) = read_path(fixtures / "article.txt")
    assert draft.origin == str(fixtures / "article.txt")


def _tree(root: Path) -> None:
    for name in ["b.txt", "a.md", "sub/z.json", "sub/deeper/c.txt", "A/x.html",
                 ".hidden.txt", ".git/config", "sub/.cache/y.txt"]:  # fmt: skip
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("Title\n\nBody.")


def test_iter_files_recurses_sorted_and_skips_hidden(tmp_path):
    _tree(tmp_path)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["A/x.html", "a.md", "b.txt", "sub/deeper/c.txt", "sub/z.json"]


def test_iter_files_keeps_files_as_given(tmp_path):
    _tree(tmp_path)
    given = [tmp_path / name for name in ["b.txt", "sub", "missing.txt", ".hidden.txt"]]
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files(given)]
    assert found == ["b.txt", "sub/deeper/c.txt", "sub/z.json", "missing.txt", ".hidden.txt"]


def test_iter_files_is_lazy_and_accepts_any_iterable(tmp_path):
    _tree(tmp_path)
    files = iter_files(p for p in [tmp_path / "a.md"])
    assert next(files) == tmp_path / "a.md"


def test_iter_files_does_not_follow_folder_symlinks(tmp_path):
    _tree(tmp_path)
    (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path / "sub"])]
    assert found == ["sub/deeper/c.txt", "sub/z.json"]


def test_every_fixture_reads_or_fails_cleanly(fixtures):
    for path in iter_files([fixtures]):
        try:
            drafts = read_path(path)
        except ReadError as exc:
            assert "\n" not in str(exc) and str(exc)
        else:
            assert drafts and all(d.text and d.title for d in drafts)
