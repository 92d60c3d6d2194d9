"""The core never imports Textual; only the store imports TinyDB."""

import ast
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


# -- text reaches widgets only through widgets/text.py (issue 12) ------------------------------

SAFE_TEXT = PACKAGE / "widgets" / "text.py"
CLEANERS = {"one_line", "for_display"}  # textsafe.py: the only way in for a string
BUILDERS = {("Content", None), ("Text", None)}
PARSERS = {("Content", "styled"), ("Content", "assemble"), ("Content", "from_markup"),
           ("Text", "from_markup"), ("Text", "assemble")}
TEXT_WIDGETS = {"Label", "Static", "Button", "Checkbox", "Toggle", "Option", "RadioButton"}


def _called(node: ast.Call) -> tuple[str, str | None] | None:
    if isinstance(node.func, ast.Name):
        return node.func.id, None
    if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
        return node.func.value.id, node.func.attr
    return None


def _cleaned(node: ast.expr | None) -> bool:
    return node is None or isinstance(node, ast.Constant) or (
        isinstance(node, ast.Call) and _called(node) in {(c, None) for c in CLEANERS})


def _unsafe_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        called = _called(node)
        where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
        first = node.args[0] if node.args else None
        if called in PARSERS:
            found.append(f"{where} uses {'.'.join(filter(None, called))}")
        elif called in BUILDERS and not _cleaned(first):
            found.append(f"{where} builds {called[0]} from text not cleaned")
        elif called is not None and called[0] in TEXT_WIDGETS and called[1] is None:
            if isinstance(first, ast.JoinedStr | ast.BinOp):  # text made up on the spot
                found.append(f"{where} hands {called[0]} a string to parse")
        for keyword in node.keywords:
            if keyword.arg == "markup" and not (isinstance(keyword.value, ast.Constant)
                                                and keyword.value.value is False):
                found.append(f"{where} asks for markup")
    return found


def test_screen_text_is_built_only_by_the_safe_constructors():
    """Outside widgets/text.py nothing builds Content or Rich Text from a string that did not
    go through textsafe's cleaning, nothing parses markup or assembles raw strings, no widget
    is handed a string made up on the spot, and nothing asks for markup. (Pilot and pty tests
    over tests/hostile_fields.py check the outcome on screen.)"""
    unsafe = [problem for path in sorted(PACKAGE.rglob("*.py")) if path != SAFE_TEXT
              for problem in _unsafe_calls(path)]
    assert unsafe == []


def test_the_check_finds_what_it_looks_for(tmp_path):
    """The check above can fail: each kind of unsafe call is found."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "Content(name)\nContent.assemble((kind, 'dim'))\nText.from_markup(title)\n"
        "Label(f'{prompt}')\nnotify(message, markup=True)\nContent(one_line(name))\n")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        assert len(_unsafe_calls(sample)) == 5
    finally:
        PACKAGE = saved
