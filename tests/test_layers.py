"""The core never imports Textual; only the store imports TinyDB."""

import subprocess
import sys
from pathlib import Path

CORE = ["tui.models", "tui.store", "tui.search", "tui.cli", "tui.extract", "tui.corpus",
        "tui.query", "tui.report", "tui.paths", "tui.fts", "tui.cachefile", "tui.loading",
        "tui.names", "tui.document", "tui.files", "tui.importer", "tui.export", "tui.review",
        "tui.ingest", "tui.loads", "tui.jsonparts", "tui.highlight"]
PACKAGE = Path(__file__).resolve().parent.parent / "tui"


def test_core_modules_do_not_import_textual():
    code = (
        "import sys, importlib\n"
        f"for name in {CORE!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_store_imports_tinydb():
    importers = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if any(line.lstrip().startswith(("import tinydb", "from tinydb"))
               for line in path.read_text(encoding="utf-8").splitlines())
    ]
    assert importers == ["store.py"]
