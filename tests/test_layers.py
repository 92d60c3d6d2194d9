"""The tree is the architecture (issue 13): which package may import which, computed from the
code itself (lazy imports included), not from a list kept by hand."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "tui"
# Each package may import those of a lower rank and its own: data flows one way.
RANKS = {
    "core": 0,
    "storage": 1,
    "ingest": 1,
    "search": 2,
    "knowledge": 3,
    "export": 3,
    "ui": 4,
    "cli": 5,
}
MAX_LINES = 400


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(path: Path) -> set[str]:
    """The modules of ours that `path` imports, anywhere in it (inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name in MODULES}


def _external(path: Path) -> set[str]:
    """The top-level names of everything `path` imports."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


GRAPH = {name: _imports(path) - {name} for name, path in MODULES.items()}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in RANKS else None


def test_every_module_is_in_a_layer():
    loose = [m for m in MODULES if _layer(m) is None and m not in ("tui", "tui.__main__")]
    assert loose == []


def test_imports_go_down_the_layers_only():
    wrong = [
        f"{m} -> {i}"
        for m, imports in GRAPH.items()
        for i in imports
        if _layer(m) and _layer(i) and RANKS[_layer(i)] > RANKS[_layer(m)]
    ]
    assert wrong == []


def test_core_imports_nothing_else_of_ours():
    wrong = [
        f"{m} -> {i}"
        for m, imports in GRAPH.items()
        if _layer(m) == "core"
        for i in imports
        if _layer(i) != "core"
    ]
    assert wrong == []


def test_there_is_no_import_cycle():
    """Tarjan's strongly connected components over every import, lazy ones too."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in GRAPH[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert cycles == []


def test_only_the_ui_imports_textual():
    importers = [
        m for m, path in MODULES.items() if "textual" in _external(path) and _layer(m) != "ui"
    ]
    assert importers == []


def test_importing_everything_but_the_ui_loads_no_textual():
    names = [m for m in MODULES if _layer(m) not in ("ui", "cli") and m != "tui.__main__"]
    code = (
        "import sys, importlib\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_only_the_store_imports_tinydb():
    importers = [m for m, path in MODULES.items() if "tinydb" in _external(path)]
    assert importers == ["tui.storage.store"]


def test_no_module_is_over_400_lines():
    long = {
        m: n
        for m, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


# -- text reaches widgets only through widgets/text.py (issue 12) ------------------------------

SAFE_TEXT = PACKAGE / "ui" / "text.py"
CLEANERS = {"one_line", "for_display"}  # textsafe.py: the only way in for a string
BUILDERS = {("Content", None), ("Text", None)}
PARSERS = {
    ("Content", "styled"),
    ("Content", "assemble"),
    ("Content", "from_markup"),
    ("Text", "from_markup"),
    ("Text", "assemble"),
}
TEXT_WIDGETS = {"Label", "Static", "Button", "Checkbox", "Toggle", "Option", "RadioButton"}


def _called(node: ast.Call) -> tuple[str, str | None] | None:
    if isinstance(node.func, ast.Name):
        return node.func.id, None
    if isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
        return node.func.value.id, node.func.attr
    return None


def _cleaned(node: ast.expr | None) -> bool:
    return (
        node is None
        or isinstance(node, ast.Constant)
        or (isinstance(node, ast.Call) and _called(node) in {(c, None) for c in CLEANERS})
    )


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
            if keyword.arg == "markup" and not (
                isinstance(keyword.value, ast.Constant) and keyword.value.value is False
            ):
                found.append(f"{where} asks for markup")
    return found


def test_screen_text_is_built_only_by_the_safe_constructors():
    """Outside widgets/text.py nothing builds Content or Rich Text from a string that did not
    go through textsafe's cleaning, nothing parses markup or assembles raw strings, no widget
    is handed a string made up on the spot, and nothing asks for markup. (Pilot and pty tests
    over tests/hostile_fields.py check the outcome on screen.)"""
    unsafe = [
        problem
        for path in sorted(PACKAGE.rglob("*.py"))
        if path != SAFE_TEXT
        for problem in _unsafe_calls(path)
    ]
    assert unsafe == []


def test_the_check_finds_what_it_looks_for(tmp_path):
    """The check above can fail: each kind of unsafe call is found."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "Content(name)\nContent.assemble((kind, 'dim'))\nText.from_markup(title)\n"
        "Label(f'{prompt}')\nnotify(message, markup=True)\nContent(one_line(name))\n"
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path
    try:
        assert len(_unsafe_calls(sample)) == 5
    finally:
        PACKAGE = saved


def test_functions_are_mostly_short():
    """Functions mostly under 30 lines (2% are longer today), none a page long or more."""
    lengths = [
        node.end_lineno - node.lineno + 1
        for path in MODULES.values()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno
    ]
    assert sum(n > 30 for n in lengths) / len(lengths) < 0.05
    assert max(lengths) < 100
