"""Which database opens by default, and where an installed copy keeps its own."""

from __future__ import annotations

from pathlib import Path

from tui.storage import paths


def test_environment_variable_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("QUADRANT_DB", str(tmp_path / "mine.json"))
    assert paths.default_db() == tmp_path / "mine.json"


def test_a_checkout_uses_its_own_db_json(monkeypatch):
    monkeypatch.delenv("QUADRANT_DB", raising=False)
    assert paths.default_db() == paths.CHECKOUT / "db.json"


def test_an_installed_package_copies_its_bundled_db_to_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("QUADRANT_DB", raising=False)
    monkeypatch.setattr(paths, "CHECKOUT", tmp_path / "site-packages")
    package = tmp_path / "package"
    (package / "data").mkdir(parents=True)
    (package / "data" / "db.json").write_text('{"meta": {}}')
    from importlib import resources

    monkeypatch.setattr(resources, "files", lambda _name: package)
    monkeypatch.setattr(paths.platformdirs, "user_data_path", lambda _app: tmp_path / "data")
    db = paths.default_db()
    assert db == tmp_path / "data" / "db.json"
    assert db.read_text() == '{"meta": {}}'
    db.write_text("edited")
    assert paths.default_db().read_text() == "edited"  # never overwritten once there


def test_cache_key_changes_when_the_file_is_replaced(tmp_path):
    db = tmp_path / "db.json"
    db.write_text("one")
    first = paths.cache_key(db)
    replacement = tmp_path / "new"
    replacement.write_text("two!")
    replacement.replace(db)
    assert paths.cache_key(db) != first
    assert paths.index_cache(db).name.startswith("db-")
    assert isinstance(paths.index_cache(db), Path)
