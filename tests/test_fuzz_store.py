"""Arbitrary valid records survive a write and a read unchanged, on disk and in memory."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import small_data, write_db
from tui.core.models import ENTITY_KINDS, Agreement, Article, Entity, Role, text_digest
from tui.storage.store import Store

TEXT = st.text(max_size=200)
NAMES = st.lists(st.text(min_size=1, max_size=30), max_size=4).map(tuple)
DATES = st.one_of(
    st.none(), st.dates().map(lambda d: d.isoformat()), st.integers(1900, 2100).map(str)
)
IDS = st.text(min_size=1, max_size=20).filter(str.strip)

ARTICLES = st.builds(
    Article,
    id=IDS,
    title=TEXT,
    text=TEXT,
    source=TEXT,
    url=TEXT,
    published=DATES,
    authors=NAMES,
    tags=NAMES,
    notes=TEXT,
).map(lambda a: replace(a, sha256=text_digest(a.text)))
ENTITIES = st.builds(
    Entity,
    id=IDS,
    name=TEXT,
    kind=st.sampled_from(ENTITY_KINDS),
    aliases=NAMES,
    description=TEXT,
    roles=st.lists(st.builds(Role, title=TEXT, organization=TEXT), max_size=2).map(tuple),
    facts=st.lists(st.tuples(TEXT, TEXT), max_size=2).map(tuple),
    status=st.sampled_from(("confirmed", "candidate")),
)
AGREEMENTS = st.builds(
    Agreement,
    id=IDS,
    name=TEXT,
    acronym=TEXT,
    signed=DATES,
    parties=NAMES,
    domains=NAMES,
    summary=TEXT,
    related=NAMES,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(ARTICLES, ENTITIES, AGREEMENTS), max_size=6))
def test_records_round_trip_through_the_file(records):
    with tempfile.TemporaryDirectory() as folder:
        path = write_db(Path(folder) / "db.json", small_data())
        store = Store.open(path)
        with store.transaction() as tx:
            for record in records:
                tx.put(record)
        snapshot = Store.open(path).load()
        stored = {
            (type(r).__name__, r.id): r
            for r in (*snapshot.articles, *snapshot.entities, *snapshot.agreements)
        }
        latest = {(type(r).__name__, r.id): r for r in records}  # later puts replace earlier
        for key, record in latest.items():
            assert stored[key] == record


@settings(max_examples=60, deadline=None)
@given(st.lists(ENTITIES, max_size=5))
def test_memory_store_round_trips_the_same(records):
    store = Store.memory(small_data())
    with store.transaction() as tx:
        for record in records:
            tx.put(record)
    stored = {e.id: e for e in store.load().entities}
    for record in {r.id: r for r in records}.values():
        assert stored[record.id] == record
