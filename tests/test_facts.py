"""The facts at the top of a page, as a person reads them."""

from __future__ import annotations

import pytest

from tui.ui.facts import moment


@pytest.mark.parametrize(
    ("stamp", "shown"),
    [
        ("2026-12-04T16:48:20+00:00", "2026-12-04 16:48 UTC"),  # an import's time
        ("2026-11-26T00:00:00+00:00", "2026-11-26"),  # a day
        ("2025-07-01T09:30:00+05:30", "2025-07-01 09:30 +0530"),
        ("2025-07-01T09:30:00", "2025-07-01 09:30"),
        ("2025-07-01", "2025-07-01"),
        ("last Tuesday", "last Tuesday"),  # not a time: as written
        ("", ""),
    ],
)
def test_an_added_time_reads_as_a_date_and_time(stamp, shown):
    assert moment(stamp) == shown


def test_a_preview_s_role_says_where_by_the_entity_it_links_to_and_when_it_ended():
    """The preview's role line reads as the page's and the command line's: a role linked to
    India by id alone says "India", and one known only to have ended says so."""
    from tests.conftest import bundled_with_a_thin_role
    from tui.core.corpus import Corpus
    from tui.storage.store import Store
    from tui.ui.facts import describe

    data = bundled_with_a_thin_role()
    corpus = Corpus(Store.memory(data).load())
    shown = describe(corpus.entities["narendra-modi"], corpus, preview=True).plain
    assert "role: Chair of the Board, India (? to 2001)" in shown
    assert "role: Prime Minister of India, Government of India (2014-05-26 to now)" in shown
