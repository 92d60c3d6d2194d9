"""Reading the search cache ahead (readahead.py): once the first results are on screen, the
system is asked to read the whole cache file opened from disk, so that the searches of a session
do not wait for its pages one disk read at a time. Advice only: without the call, or the file,
or when the system refuses, nothing is done and search answers as before."""

from __future__ import annotations

import os

import pytest

from tests.conftest import bundled_data, write_db
from tui.core.corpus import Corpus
from tui.search import readahead
from tui.search.fts import ArticleIndex
from tui.search.index import Index
from tui.search.loading import search_index
from tui.storage.store import Store

CHUNK = 4096  # small, so that a small file takes several calls


@pytest.fixture
def advised(monkeypatch) -> list[tuple[str, int, int, int]]:
    """Each posix_fadvise call made: the file advised (its name), offset, length, advice."""
    calls: list[tuple[str, int, int, int]] = []

    def advise(fd: int, offset: int, length: int, advice: int) -> None:
        calls.append((os.readlink(f"/proc/self/fd/{fd}"), offset, length, advice))

    monkeypatch.setattr(os, "posix_fadvise", advise, raising=False)
    monkeypatch.setattr(os, "POSIX_FADV_WILLNEED", 3, raising=False)  # Linux's (not on macOS)
    monkeypatch.setattr(readahead, "CHUNK", CHUNK)
    return calls


def cached_index(tmp_path, opened: bool = True) -> tuple[Index, str]:
    """The bundled data's index in a cache file: built just now, or (`opened`) opened from it
    the next time, as a start after the first does."""
    path = write_db(tmp_path / "db.json", bundled_data())
    cache = tmp_path / "cache" / "db.fts"
    index = search_index(Store.open(path, quick=True), cache)
    if opened:
        index = search_index(Store.open(path, quick=True), cache)
    return index, str(cache.resolve())


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc")


@needs_proc
def test_the_whole_file_is_asked_for_a_chunk_at_a_time(tmp_path, advised):
    file = tmp_path / "index.fts"
    file.write_bytes(b"x" * (2 * CHUNK + 100))
    open_before = len(os.listdir("/proc/self/fd"))
    readahead.read_ahead(str(file))
    assert advised == [(str(file), start, CHUNK, 3) for start in (0, CHUNK, 2 * CHUNK)]
    assert len(os.listdir("/proc/self/fd")) == open_before  # the file is closed again


def test_a_refusal_of_the_system_is_no_error(tmp_path, monkeypatch):
    file = tmp_path / "index.fts"
    file.write_bytes(b"x" * CHUNK)

    def refuse(*args) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(os, "posix_fadvise", refuse, raising=False)
    monkeypatch.setattr(os, "POSIX_FADV_WILLNEED", 3, raising=False)
    readahead.read_ahead(str(file))  # nothing raised: search reads the file as before


def test_nothing_is_asked_for_a_file_gone_an_index_in_memory_or_without_the_call(
    tmp_path, advised, monkeypatch
):
    readahead.read_ahead(str(tmp_path / "gone.fts"))  # a cache built again meanwhile
    readahead.read_ahead("")  # an index in memory
    assert advised == []
    file = tmp_path / "index.fts"
    file.write_bytes(b"x" * CHUNK)
    monkeypatch.delattr(os, "posix_fadvise")  # macOS, Windows
    readahead.read_ahead(str(file))  # nothing fails
    assert advised == []


@needs_proc
def test_an_index_reads_ahead_the_file_it_answers_from(tmp_path, advised):
    index, cache = cached_index(tmp_path)
    assert index.articles is not None
    index.articles.read_ahead()
    size = os.path.getsize(cache)
    assert [call[1] for call in advised] == list(range(0, size, CHUNK))
    assert {call[0] for call in advised} == {cache}
    advised.clear()
    in_memory = Index.of(Corpus(Store.memory(bundled_data()).load()))
    assert in_memory.articles is not None
    in_memory.articles.read_ahead()
    assert advised == []


def test_warming_up_reads_a_cache_opened_from_disk_ahead_once_it_has_searched(
    tmp_path, monkeypatch
):
    steps: list[str] = []
    monkeypatch.setattr(ArticleIndex, "read_ahead", lambda self: steps.append("read ahead"))
    searched = ArticleIndex.search

    def search(self, *args, **kwargs):
        steps.append("search")
        return searched(self, *args, **kwargs)

    monkeypatch.setattr(ArticleIndex, "search", search)
    index, _cache = cached_index(tmp_path)
    assert index.articles is not None and index.articles.warm
    steps.clear()
    index.warm_up(page=12)
    assert steps[-1] == "read ahead" and steps.count("read ahead") == 1
    assert "search" in steps  # the first keys are kept first
    steps.clear()
    (tmp_path / "built").mkdir()
    built, _cache = cached_index(tmp_path / "built", opened=False)
    assert built.articles is not None and not built.articles.warm
    built.warm_up(page=12)  # written just now, through the page cache: not read again
    assert "read ahead" not in steps
    Index(index.names, None).warm_up()  # no articles yet (a cold start): nothing to read
    assert "read ahead" not in steps
