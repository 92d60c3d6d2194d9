"""A small database with candidates named by different numbers of articles, for the review
queue's tests (tests/test_review_queue.py, tests/test_app_queue.py)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import database_of, write_db
from tui.core.models import Agreement, Article, Entity, text_digest

TEXTS = {
    "n1": (
        "Talks near Tora Bora",
        "2002-01-10",
        "Mr Howard flew to Tora Bora. The Northern Alliance held Tora Bora. John Howard met India.",
    ),
    "n2": (
        "Fighting at Tora Bora",
        "2002-01-11",
        "Fighting near Tora Bora went on. Mr Howard said the Harbour Pact would help.",
    ),
    "n3": ("Tora Bora again", "2002-01-12", "Tora Bora was quiet. The Quad met in Delhi."),
}
ORDER = ["tora-bora", "mr-howard", "harbour-pact", "northern-alliance"]  # most named first


def queue_data() -> dict:
    """Tora Bora (3 articles), Mr Howard (2), the Harbour Pact and the Northern Alliance (1
    each; the pact named once, the alliance once too, so the name breaks the tie), all
    candidates; John Howard, India and the Quad confirmed."""
    entities = [
        Entity("india", "India", "country"),
        Entity("quad", "Quad", "group"),
        Entity("john-howard", "John Howard", "person"),
        Entity("tora-bora", "Tora Bora", "person", status="candidate"),
        Entity("mr-howard", "Mr Howard", "person", status="candidate"),
        Entity("northern-alliance", "Northern Alliance", "person", status="candidate"),
    ]
    agreements = [Agreement("harbour-pact", "Harbour Pact", review="candidate")]
    articles = [
        Article(i, t, x, source="Wire", published=d, added="2026-01-01", sha256=text_digest(x))
        for i, (t, d, x) in TEXTS.items()
    ]
    return database_of(entities, agreements, articles, "Queue")


def queue_db(folder: Path) -> Path:
    return write_db(folder / "queue.json", queue_data())
