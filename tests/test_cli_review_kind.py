"""quadrant review kind ID KIND (#18): a person sets an entity's kind; bad kinds are refused."""

from __future__ import annotations

import json

import pytest

from tui.cli.main import main


def test_review_kind_sets_the_kind_and_clears_unsure(db_file, capsys):
    assert main(["review", "kind", "quad", "Organization", "--db", str(db_file)]) == 0
    assert capsys.readouterr().out == "kind: entity quad -> organization\n"
    assert main(["show", "quad", "--json", "--db", str(db_file)]) == 0
    shown = json.loads(capsys.readouterr().out.splitlines()[0])
    assert shown["kind"] == "organization" and shown["kind_evidence"] == "set by review"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["review", "kind", "quad"], "quadrant: review kind: needs a value after the id: person"),
        (["review", "kind", "quad", "mountain"], "'mountain' is not one of person"),
        (["review", "kind", "lemoa", "place"], "'lemoa' is an agreement; only an entity has"),
        (["review", "kind", "nope", "place"], "no entity or agreement has the id 'nope'"),
    ],
)
def test_review_kind_refuses_what_is_not_a_kind_or_an_entity(db_file, capsys, argv, message):
    assert main([*argv, "--db", str(db_file)]) == 2
    assert message in capsys.readouterr().err
