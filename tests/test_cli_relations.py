"""The command line's relations (issue 14): `connect`, `timeline`, and the links `show` prints
both ways; plain on a terminal, JSON lines in a pipe, exit statuses 0, 1 and 2, and text from
documents that never reaches the terminal raw."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tests import hostile_fields
from tests.conftest import bundled_data, bundled_with_a_thin_role, small_data, write_db
from tui.cli.main import main
from tui.core.models import Agreement
from tui.core.textsafe import CONTROLS

ARTICLE = "india-and-u-s-commit-to-deeper-defense-collaboration"
CANONICAL = "party:india party:us signed:2016..2020"
RAW = re.compile(f"[{CONTROLS}]")


@pytest.fixture(scope="module")
def bundled_db(tmp_path_factory):
    return write_db(tmp_path_factory.mktemp("bundled") / "db.json", bundled_data())


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def records(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines()]


@pytest.fixture
def terminal(monkeypatch):
    as_on_a_terminal(monkeypatch)


def as_on_a_terminal(monkeypatch) -> None:
    """The commands print lines to read, as on a terminal (100 columns wide), rather than the
    JSON lines they print into a pipe; captured, Rich writes no styles. (A real terminal:
    test_on_a_terminal_the_lines_fit_its_width.)"""
    from tui.cli import read, relate

    def as_json(args):
        return bool(args.json)

    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setattr(read, "as_json", as_json)
    monkeypatch.setattr(relate, "as_json", as_json)


# -- connect ---------------------------------------------------------------------------------


def test_connect_prints_direct_links_then_paths(bundled_db, capsys, terminal):
    code, out, err = run(
        capsys, "connect", "S. Jaishankar", "Pete Hegseth", "--db", str(bundled_db)
    )
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[:4] == [
        "S. Jaishankar  and  Pete Hegseth",
        "1 direct, 8 through a third entity",
        "",
        "Directly (1)",
    ]
    assert lines[4] == "  named together in: India and U.S. Commit to Deeper Defense Collaboration"
    assert lines[5].startswith("    India's External Affairs Minister, S. Jaishankar, and U.S.")
    assert f"  [article:{ARTICLE}]" in out
    paths = lines.index("Through a third entity (8)")
    assert lines[paths + 1] == "  through India (country)"
    assert lines[paths + 2].startswith("    S. Jaishankar: External Affairs Minister")
    assert all(len(line) <= 100 and line == line.rstrip() for line in lines)


def test_connect_json_is_a_line_for_each_connection_with_its_evidence(bundled_db, capsys):
    code, out, _ = run(capsys, "connect", "s-jaishankar", "hegseth", "--db", str(bundled_db))
    found = records(out)
    assert code == 0 and len(found) == 9
    first = found[0]
    assert (first["kind"], first["title"], first["hops"], first["weight"]) == (
        "article",
        "India and U.S. Commit to Deeper Defense Collaboration",
        1,
        3,
    )
    step = first["steps"][0]
    assert (step["type"], step["kind"], step["id"]) == ("article", "article", ARTICLE)
    text = bundled_data_article_text()
    assert text[step["start"] : step["end"]] == "External Affairs Minister"  # his alias
    named = [step["text"][start:end] for start, end in step["spans"]]
    assert "S. Jaishankar" in named and "Pete Hegseth" in named
    assert [c["hops"] for c in found] == [1] + [2] * 8
    assert found[1]["title"] == "through India (country)"
    assert [s["id"] for s in found[1]["steps"]] == ["india", "framework-2025"]
    assert set(found[1]["steps"][0]) == {"text", "type", "kind", "id"}  # no sentence: no offsets


def bundled_data_article_text() -> str:
    (article,) = bundled_data()["articles"].values()
    return article["text"]


def test_connect_by_id_name_or_alias_gives_the_same(bundled_db, capsys):
    outputs = set()
    for a, b in (("rajnath-singh", "pete-hegseth"), ("Raksha Mantri", "Hegseth")):
        code, out, _ = run(capsys, "connect", a, b, "--json", "--db", str(bundled_db))
        assert code == 0
        outputs.add(out)
    (out,) = outputs
    assert records(out)[0]["steps"][0]["text"] == (
        "Rajnath Singh signed it; Pete Hegseth signed it (2025-10-31)"
    )


def test_connect_exits_1_when_nothing_links_them(tmp_path, capsys, monkeypatch):
    data = bundled_data()
    data["entities"]["999"] = {"id": "loner", "name": "Lone Entity", "kind": "person"}
    db = str(write_db(tmp_path / "db.json", data))
    assert run(capsys, "connect", "loner", "india", "--db", db) == (1, "", "")
    code, out, _ = run(capsys, "connect", "Lone Entity", "India", "--db", db, "--json")
    assert (code, out) == (1, "")
    as_on_a_terminal(monkeypatch)
    code, out, _ = run(capsys, "connect", "Lone Entity", "India", "--db", db)
    assert (code, out.splitlines()) == (
        1,
        ["Lone Entity  and  India", "nothing links them in this database"],
    )


@pytest.mark.parametrize(
    ("a", "b", "says"),
    [
        ("jaish", "india", "jaish: no entity has this id, name or alias; did you mean "),
        ("india", "nobody-at-all", "nobody-at-all: no entity has this id, name or alias"),
        ("India", "india", "india: is India (india) again; give two different entities"),
        ("Quad", "twin", "twin: names 2 entities: Twin (twin-1), Twin (twin-2); give the id"),
    ],
)
def test_connect_errors_are_one_line_naming_the_argument_and_exit_2(tmp_path, capsys, a, b, says):
    data = bundled_data()
    data["entities"]["998"] = {"id": "twin-1", "name": "Twin", "kind": "person"}
    data["entities"]["999"] = {"id": "twin-2", "name": "Twin", "kind": "place"}
    code, out, err = run(capsys, "connect", a, b, "--db", str(write_db(tmp_path / "d.json", data)))
    assert (code, out) == (2, "")
    assert err.startswith(f"quadrant: {says}") and err.count("\n") == 1
    if a == "jaish":
        assert "S. Jaishankar (s-jaishankar)" in err


def test_connect_needs_two_entities(bundled_db, capsys):
    code, _, err = run(capsys, "connect", "india", "--db", str(bundled_db))
    assert code == 2 and err.startswith("quadrant: B: required by quadrant connect")


# -- timeline --------------------------------------------------------------------------------


CANONICAL_ORDER = [
    "mdp-2016",
    "white-shipping-arrangement",
    "lemoa",
    "sta-1",
    "comcasa",
    "isa",
    "beca",
]


def test_timeline_of_a_query_by_year_in_date_order(bundled_db, capsys, terminal):
    code, out, err = run(capsys, "timeline", CANONICAL, "--db", str(bundled_db))
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert [line for line in lines if not line.startswith(" ")][:-1] == [
        "2016",
        "2018",
        "2019",
        "2020",
    ]
    assert (
        lines[1]
        == "  2016-06-07  signed     MDP · Major Defense Partner designation  [agreement:mdp-2016]"
    )
    ids = re.findall(r"\[agreement:([^\]]+)\]", out)
    assert ids == CANONICAL_ORDER
    dates = [line.split()[0] for line in lines if re.match(r"  \d{4}", line)]
    assert dates == sorted(dates) and len(dates) == 7
    assert lines[-1] == "7 dated items, oldest first; none undated"
    assert all(len(line) <= 100 for line in lines)


def test_timeline_json_and_newest_first(bundled_db, capsys):
    code, out, err = run(capsys, "timeline", CANONICAL, "--json", "--db", str(bundled_db))
    events = records(out)
    assert (code, err) == (0, "")
    assert [e["id"] for e in events] == CANONICAL_ORDER
    assert events[2] == {
        "date": "2016-08-29",
        "what": "signed",
        "type": "agreement",
        "kind": "agreement",
        "id": "lemoa",
        "name": "Logistics Exchange Memorandum of Agreement",
        "acronym": "LEMOA",
    }
    code, out, _ = run(capsys, "timeline", CANONICAL, "--newest-first", "--db", str(bundled_db))
    newest = [e["date"] for e in records(out)]
    assert newest == sorted(newest, reverse=True) and records(out)[0]["id"] == "beca"


def test_timeline_of_everything_says_how_many_are_undated(bundled_db, capsys, terminal):
    code, out, _ = run(capsys, "timeline", "--db", str(bundled_db))
    assert code == 0
    assert out.splitlines()[:2] == [
        "1995",
        "  1995-01     signed     Agreed Minute on Defense Relations Between the United States "
        "and India",
    ]
    assert out.count("[agreement:") == 30
    assert out.splitlines()[-1] == "30 dated items, oldest first; 1 item is undated, not listed"


def test_timeline_json_says_the_undated_on_stderr(bundled_db, capsys):
    code, out, err = run(capsys, "timeline", "--json", "--db", str(bundled_db))
    assert (code, len(records(out))) == (0, 30)
    assert err == "quadrant: 1 item is undated, not listed\n"


def test_timeline_of_nothing_dated_or_nothing_at_all_exits_1(bundled_db, capsys, terminal):
    code, out, _ = run(capsys, "timeline", "kind:article", "--db", str(bundled_db))  # undated
    assert (code, out) == (
        1,
        "0 dated items, oldest first; 1 matching item is undated, not listed\n",
    )
    assert run(capsys, "timeline", "zzzzqqq", "--db", str(bundled_db))[:2] == (
        1,
        "0 dated items, oldest first; none undated\n",
    )


def test_timeline_of_an_entity_is_its_page_s_with_its_roles(bundled_db, capsys, terminal):
    """`--of` takes an entity as `connect` does (id, exact name or alias) and prints what `t`
    on its page shows: its agreements, the articles naming it, the roles it held."""
    code, out, _ = run(capsys, "timeline", "--of", "Jaishankar", "--db", str(bundled_db))
    lines = out.splitlines()
    assert code == 0 and lines[0] == "2009"
    role = "  2009        began      Ambassador to China, Ministry of External Affairs  "
    assert lines[1] == role + "[entity:india-mea]"
    assert "  2019-05-31  began      External Affairs Minister, Government of India" in out
    assert lines[-1] == "7 dated events, oldest first; 1 item is undated, not listed"
    code, out, _ = run(capsys, "timeline", "--of", "narendra-modi", "--db", str(bundled_db))
    assert "  2001-10     began      Chief Minister of Gujarat, Government of Gujarat\n" in out


def test_timeline_json_of_a_role_held_where_the_database_has_no_entity(bundled_db, capsys):
    code, out, _ = run(
        capsys, "timeline", "--of", "narendra-modi", "--json", "--db", str(bundled_db)
    )
    assert code == 0 and records(out)[0] == {
        "date": "2001-10",
        "what": "began",
        "type": "role",
        "kind": "role",
        "id": None,
        "holder": "narendra-modi",
        "title": "Chief Minister of Gujarat",
        "organization": "Government of Gujarat",
        "at": None,
    }


def test_timeline_of_an_organisation_json_names_who_held_each_role(bundled_db, capsys):
    code, out, err = run(
        capsys, "timeline", "--of", "us-dod", "--newest-first", "--json", "--db", str(bundled_db)
    )
    events = records(out)
    assert code == 0 and err == "quadrant: 3 items are undated, not listed\n"
    assert events[0] == {
        "date": "2025-01-25",
        "what": "began",
        "type": "role",
        "kind": "role",
        "id": "pete-hegseth",  # what its line opens: on an organisation's, who held it
        "holder": "pete-hegseth",
        "title": "Secretary of Defense (secondary title 'Secretary of War' from 2025-09-05)",
        "organization": "U.S. Department of Defense",
        "at": "us-dod",
    }
    assert [e["date"] for e in events] == sorted((e["date"] for e in events), reverse=True)


def test_timeline_of_an_entity_refuses_a_query_too_and_an_unknown_name(bundled_db, capsys):
    db = str(bundled_db)
    for query in ("lemoa", "@nosuch"):
        code, out, err = run(capsys, "timeline", query, "--of", "india", "--db", db)
        assert (code, out) == (2, "")
        assert err == "quadrant: --of: give a query or --of ENTITY, not both\n"
    code, out, err = run(capsys, "timeline", "--of", " ", "--db", db)
    assert (code, err) == (
        2,
        "quadrant: --of: give an entity: its id, or its exact name or alias\n",
    )
    code, _, err = run(capsys, "timeline", "--of", "jaishankr", "--db", db)
    assert code == 2
    assert "did you mean S. Jaishankar (s-jaishankar)?" in err
    assert run(capsys, "timeline", "--of", "drdo", "--db", db)[:2] == (
        1,
        "",  # nothing dated: JSON lines (not a terminal), none
    )


def test_timeline_takes_every_hit_not_one_page(tmp_path, capsys):
    """Search returns a page of hits (30 of each kind unless told); the timeline has them all."""
    data = small_data()
    for n in range(75):
        pact = Agreement(f"pact-{n}", f"Pact number {n}", signed=f"{1950 + n}-01-01")
        data["agreements"][str(100 + n)] = pact.to_dict()
    db = str(write_db(tmp_path / "db.json", data))
    code, out, _ = run(capsys, "timeline", "pact", "--json", "--db", db)
    assert code == 0 and [e["id"] for e in records(out)] == [f"pact-{n}" for n in range(75)]


def test_timeline_of_a_bad_database_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"{oops")
    for argv in (["timeline", "lemoa"], ["timeline"], ["connect", "a", "b"]):
        code, out, err = run(capsys, *argv, "--db", str(bad))
        assert (code, out) == (2, "") and err.startswith(f"quadrant: {bad}")


# -- show: links both ways -------------------------------------------------------------------


def test_show_json_of_an_agreement_links_its_signers(bundled_db, capsys):
    code, out, _ = run(capsys, "show", "beca", "--json", "--db", str(bundled_db))
    (record,) = records(out)
    assert code == 0
    assert record["links"]["signatories"] == [
        {"name": "Jivesh Nandan", "entity": "jivesh-nandan", "side": "india"}
    ]
    assert {"mentioned_in", "related", "named_with"} <= set(record["links"])  # as before


def test_show_json_of_a_person_lists_what_they_signed_and_their_roles(bundled_db, capsys):
    code, out, _ = run(capsys, "show", "rajnath-singh", "--json", "--db", str(bundled_db))
    links = records(out)[0]["links"]
    assert code == 0
    assert links["signed"] == ["roadmap-2023", "framework-2025"]
    assert links["party_to"] == [] and "members" not in links
    assert [r["entity"] for r in links["roles"]] == ["india", "india", None, None]
    assert links["roles"][0] == {
        "title": "Minister of Defence (Raksha Mantri)",
        "organization": "Government of India",
        "start": "2019-05-31",
        "end": None,
        "entity": "india",
    }
    assert links["neighbours"][0] == {
        "id": "india",
        "score": 12,
        "roles": 2,
        "agreements": 2,
        "colleagues": 0,
        "articles": 0,
    }
    assert {"mentioned_in", "agreements", "named_with"} <= set(links)  # as before


def test_show_json_of_a_country_and_an_organisation(bundled_db, capsys):
    _, out, _ = run(capsys, "show", "india", "--json", "--db", str(bundled_db))
    (india,) = records(out)
    assert len(india["links"]["party_to"]) == 29 and india["links"]["signed"] == []
    members = india["links"]["members"]
    assert {"id": "rajnath-singh", "title": "Minister of Defence (Raksha Mantri)"}.items() <= (
        next(m for m in members if m["id"] == "rajnath-singh").items()
    )
    code, out, _ = run(capsys, "show", "us-dod", "--json", "--db", str(bundled_db))
    assert records(out)[0]["links"]["members"][0]["id"] == "pete-hegseth"


def test_show_reads_a_role_that_names_no_organisation_by_the_entity_it_links_to(
    tmp_path, capsys, terminal
):
    """Thin data: a role linked to India by id alone, with only its end known, reads as the
    page says it ("India", "? to 2001"), not as a title alone."""
    data = bundled_with_a_thin_role()
    db = write_db(tmp_path / "db.json", data)
    code, out, _ = run(capsys, "show", "narendra-modi", "--db", str(db))
    assert code == 0
    assert "  Chair of the Board, India, ? to 2001  [entity:india]" in out.splitlines()


def test_show_on_a_terminal_reads_the_links_as_names(bundled_db, capsys, terminal):
    code, out, _ = run(capsys, "show", "rajnath-singh", "--db", str(bundled_db))
    lines = out.splitlines()
    assert code == 0
    signed = lines.index("signed (2)")
    assert lines[signed + 1] == (
        "  2023-06-05  Roadmap for U.S.-India Defense Industrial Cooperation  "
        "[agreement:roadmap-2023]"
    )
    roles = lines.index("roles (4)")
    assert lines[roles + 1] == (
        "  Minister of Defence (Raksha Mantri), Government of India, 2019-05-31 to now  "
        "[entity:india]"
    )
    assert lines[roles + 3] == "  President, Bharatiya Janata Party, 2005 to 2009"
    near = lines.index("neighbours (12)")
    assert lines[near + 1] == "  India (country): 2 roles · 2 agreements  [entity:india]"
    beca = run(capsys, "show", "beca", "--db", str(bundled_db))[1].splitlines()
    signers = beca.index("signatories (1)")
    assert beca[signers + 1] == "  Jivesh Nandan, for India  [entity:jivesh-nandan]"


# -- text from documents ---------------------------------------------------------------------


@pytest.fixture
def hostile_db(tmp_path):
    """tests/hostile_fields.py's database, its agreement signed by two entities whose names
    are hostile, one of them as the side."""
    data = hostile_fields.database()
    (agreement,) = data["agreements"].values()
    agreement["signatories"].append({"name": "Bad [/] Name", "entity": "bad-name", "side": "evil"})
    return write_db(tmp_path / "hostile.json", data)


HOSTILE_COMMANDS = [
    ["connect", "bad-name", "india"],
    ["connect", "evil", "bad-name"],
    ["timeline"],
    ["timeline", "hostile"],
    ["show", "hostile"],
    ["show", "bad-name"],
    ["show", "evil"],
    ["show", "india"],
]


@pytest.mark.parametrize("argv", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_text_reaches_a_terminal_as_text(hostile_db, capsys, terminal, argv):
    code, out, err = run(capsys, *argv, "--db", str(hostile_db))
    assert code == 0, err
    assert not RAW.search(out) and not RAW.search(err)
    assert "\ufffd" in out  # each control shown as a replacement character
    assert "[/]" in out  # markup shown, not obeyed


@pytest.mark.parametrize("argv", HOSTILE_COMMANDS, ids=" ".join)
def test_hostile_text_in_json_is_escaped_and_reads_back_exactly(hostile_db, capsys, argv):
    code, out, _ = run(capsys, *argv, "--json", "--db", str(hostile_db))
    assert code == 0
    assert not RAW.search(out)  # DEL, C1 and bidi controls too, which JSON leaves raw
    assert any(hostile_fields.CONTROLS in text for text in strings(records(out)))


def strings(value) -> list[str]:
    """Every string in a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for v in value for s in strings(v)] if isinstance(value, list) else []


def test_the_sentences_of_a_connection_keep_their_controls_in_json(hostile_db, capsys):
    _, out, _ = run(capsys, "connect", "bad-name", "india", "--db", str(hostile_db))
    (article,) = [c for c in records(out) if c["kind"] == "article"]
    step = article["steps"][0]
    assert hostile_fields.CONTROLS in step["text"]
    text = hostile_fields.TEXT
    assert text[step["start"] : step["end"]] in ("Bad [/] Name", "India")


def test_a_hostile_argument_is_shown_not_obeyed(hostile_db, capsys):
    code, out, err = run(capsys, "connect", hostile_fields.BAD, "india", "--db", str(hostile_db))
    assert (code, out) == (2, "")
    assert not RAW.search(err) and err.count("\n") == 1


def test_on_a_terminal_the_lines_fit_its_width(bundled_db):
    """On a real terminal (a pseudo-terminal), 60 columns wide: lines to read that fit it, and
    every id whole."""
    from tests.test_cli import _on_a_terminal

    for argv in (["timeline", CANONICAL], ["connect", "s-jaishankar", "pete-hegseth"]):
        lines = _on_a_terminal([*argv, "--db", str(bundled_db)], 60)
        assert lines and not lines[0].startswith("{")
        # A line is wider only to hold a whole id, on its own line (the terminal wraps it).
        wide = [line for line in lines if len(line) > 60]
        assert all(re.fullmatch(r" +\[[a-z]+:[^\]]+\]", line) for line in wide), wide
        if argv[0] == "timeline":
            ids = re.findall(r"\[agreement:([^\]]+)\]", "\n".join(lines))
            assert ids == CANONICAL_ORDER


@pytest.mark.parametrize(
    "argv", [["connect", "india", "united-states"], ["timeline", CANONICAL]], ids=" ".join
)
def test_a_reader_gone_before_the_first_line_ends_quietly(bundled_db, argv):
    """`quadrant connect … | true`: the status it would have had, and nothing on stderr."""
    read, write = os.pipe()
    os.close(read)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui", *argv, "--db", str(bundled_db)],
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=60,
        )
    finally:
        os.close(write)
    assert (done.returncode, done.stderr) == (0, b"")
