"""Shared fixtures: stores over memory and over a temporary JSON file, and the bundled data."""

from __future__ import annotations

import copy
import inspect
import os
from pathlib import Path

import orjson
import pytest

from tui.core.document import empty_database
from tui.core.models import Agreement, Article, Entity, text_digest
from tui.knowledge.extract import Extractor
from tui.storage.store import Store


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """The search caches tests write (the CLI's, the app's) go to a temporary folder, never to
    the user's ~/.cache; commands run as subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(autouse=True)
def _private_user_folders(tmp_path_factory):
    """Each user's own notes, tags, bookmarks and settings that tests write go to temporary
    folders, never to the user's; commands run as subprocesses inherit them. New for each test:
    a theme one test chose was the next one's start (a snapshot drawn in another theme)."""
    names = ("QUADRANT_DATA_DIR", "QUADRANT_CONFIG_DIR")
    previous = {name: os.environ.get(name) for name in names}
    for name in names:
        os.environ[name] = str(tmp_path_factory.mktemp(name.lower()))
    yield
    for name, value in previous.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "db.json"
SHARED = ROOT.parent / "shared"


def bundled_data() -> dict:
    """The repository's db.json, read once; tests get copies and never write the file."""
    global _BUNDLED
    try:
        return copy.deepcopy(_BUNDLED)
    except NameError:
        _BUNDLED = orjson.loads(BUNDLED.read_bytes())
        return copy.deepcopy(_BUNDLED)


def bundled_with_a_thin_role() -> dict:
    """The bundled data, Narendra Modi given a role thin data makes: no organisation named
    (linked to India by id alone) and only its end known ("Chair of the Board", to 2001)."""
    data = bundled_data()
    modi = next(e for e in data["entities"].values() if e["id"] == "narendra-modi")
    modi["roles"].append({"title": "Chair of the Board", "end": "2001", "entity": "india"})
    return data


def small_data() -> dict:
    """Three articles, four entities and two agreements, mentions found by the extractor."""
    entities = [
        Entity("india", "India", "country", aliases=("Bharat",)),
        Entity(
            "pete-hegseth",
            "Pete Hegseth",
            "person",
            aliases=("Hegseth",),
            description="US Secretary of Defense.",
        ),
        Entity("quad", "Quad", "group", aliases=("Quadrilateral Security Dialogue",)),
        Entity("qfmm", "Quad Foreign Ministers' Meeting", "group", aliases=("QFMM",)),
    ]
    agreements = [
        Agreement(
            "lemoa",
            "Logistics Exchange Memorandum of Agreement",
            acronym="LEMOA",
            signed="2016-08-29",
            parties=("india",),
            domains=("logistics",),
            related=("beca",),
        ),
        Agreement(
            "beca",
            "Basic Exchange and Cooperation Agreement",
            acronym="BECA",
            signed="2020-10-27",
            parties=("india",),
        ),
    ]
    texts = {
        "a1": (
            "Hegseth meets India",
            "2025-07-01",
            "Pete Hegseth met India's minister. LEMOA was discussed.\n\nThe Quad met.",
        ),
        "a2": (
            "The Quad at sea",
            "2024-09-21",
            "The Quad Foreign Ministers' Meeting praised BECA and LEMOAs.",
        ),
        "a3": ("Logistics", None, "A note on logistics and supply chains."),
    }
    articles = [
        Article(
            i,
            t,
            x,
            source="Test Wire",
            published=d,
            added="2026-01-01T00:00:00+00:00",
            sha256=text_digest(x),
        )
        for i, (t, d, x) in texts.items()
    ]
    return database_of(entities, agreements, articles, "Test")


def database_of(entities, agreements, articles, title: str) -> dict:
    """A database document of these records, with the mentions the extractor finds in the
    articles (so every offset is exact)."""
    extractor = Extractor.for_targets(entities, agreements)
    mentions = [m for a in articles for m in extractor.find(a.id, a.text)]
    data = empty_database(title)
    for table, records in (
        ("entities", entities),
        ("agreements", agreements),
        ("articles", articles),
        ("mentions", mentions),
    ):
        data[table] = {str(n): r.to_dict() for n, r in enumerate(records, start=1)}
    return data


def queries_asked(monkeypatch, owner: object, method: str) -> list[str]:
    """The text of each query `owner.method` is asked from now on (it answers as before)."""
    asked: list[str] = []
    answer = getattr(owner, method)

    def recorded(query, *args, **kwargs):
        asked.append(query.text)
        return answer(query, *args, **kwargs)

    monkeypatch.setattr(owner, method, recorded)
    return asked


def write_db(path: Path, data: dict | bytes) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else orjson.dumps(data))
    return path


LARGE_ARTICLES = 3000


@pytest.fixture(scope="session")
def large_db(tmp_path_factory) -> Path:
    """A synthetic database of LARGE_ARTICLES articles (benchmarks/generate.py), made once: a
    load of it takes long enough to be caught in the middle."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("large") / f"synthetic-{LARGE_ARTICLES}.json"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "generate.py"),
            "--articles",
            str(LARGE_ARTICLES),
            "--out",
            str(path),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    return path


@pytest.fixture(params=["memory", "json"])
def store(request, tmp_path) -> Store:
    """The small database, in memory and in a temporary file: every store test runs on both."""
    if request.param == "memory":
        return Store.memory(small_data())
    return Store.open(write_db(tmp_path / "db.json", small_data()))


@pytest.fixture
def db_file(tmp_path) -> Path:
    return write_db(tmp_path / "db.json", small_data())


@pytest.fixture
def bundled_store() -> Store:
    return Store.memory(bundled_data())


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the tests that run the app (`app`): Pilot tests are coroutines, snapshot tests ask
    for `snap_compare`. `-m "not slow and not app"` leaves the core, storage, search and CLI
    tests: the subset to run after each change (README, "Run the tests")."""
    for item in items:
        function = getattr(item, "function", None)
        uses_app = inspect.iscoroutinefunction(function) or "snap_compare" in getattr(
            item, "fixturenames", ()
        )
        if uses_app:
            item.add_marker(pytest.mark.app)
