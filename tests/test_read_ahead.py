"""Reading the search cache ahead (cachefile.read_ahead): once the first results are on screen,
the system is asked to read the whole cache file, so that the first searches of a session do
not wait for its pages one disk read at a time. Advice only: without the call, or the file,
nothing is done and search answers as before."""

from __future__ import annotations

import os

import pytest

from tests.conftest import bundled_data, write_db
from tui.core.corpus import Corpus
from tui.search import cachefile
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
    monkeypatch.setattr(cachefile, "READ_AHEAD_CHUNK", CHUNK)
    return calls


def cached_index(tmp_path) -> tuple[Index, str]:
    path = write_db(tmp_path / "db.json", bundled_data())
    cache = tmp_path / "cache" / "db.fts"
    return search_index(Store.open(path, quick=True), cache), str(cache.resolve())


needs_proc = pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc")


@needs_proc
def test_the_whole_file_is_asked_for_a_chunk_at_a_time(tmp_path, advised):
    file = tmp_path / "index.fts"
    file.write_bytes(b"x" * (2 * CHUNK + 100))
    open_before = len(os.listdir("/proc/self/fd"))
    cachefile.read_ahead(str(file))
    assert advised == [(str(file), start, CHUNK, 3) for start in (0, CHUNK, 2 * CHUNK)]
    assert len(os.listdir("/proc/self/fd")) == open_before  # the file is closed again


def test_nothing_is_asked_for_a_file_gone_an_index_in_memory_or_without_the_call(
    tmp_path, advised, monkeypatch
):
    cachefile.read_ahead(str(tmp_path / "gone.fts"))  # a cache built again meanwhile
    cachefile.read_ahead("")  # an index in memory
    assert advised == []
    file = tmp_path / "index.fts"
    file.write_bytes(b"x" * CHUNK)
    monkeypatch.delattr(os, "posix_fadvise")  # macOS, Windows
    cachefile.read_ahead(str(file))  # nothing fails
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


def test_warming_up_reads_the_cache_ahead_before_it_searches(tmp_path, monkeypatch):
    index, _cache = cached_index(tmp_path)
    steps: list[str] = []
    monkeypatch.setattr(ArticleIndex, "read_ahead", lambda self: steps.append("read ahead"))
    searched = ArticleIndex.search

    def search(self, *args, **kwargs):
        steps.append("search")
        return searched(self, *args, **kwargs)

    monkeypatch.setattr(ArticleIndex, "search", search)
    index.warm_up(page=12)
    assert steps[0] == "read ahead" and steps.count("read ahead") == 1
    assert "search" in steps
    steps.clear()
    Index(index.names, None).warm_up()  # no articles yet (a cold start): nothing to read
    assert "read ahead" not in steps
