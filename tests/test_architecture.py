"""The shape of the code: one direction of dependencies among the modules of checker/, and small modules.

The import graph is read from the source with `ast`, imports inside functions included: an import put
off into a function still ties its module to the other. Such a deferred import is allowed only for
start-up speed (or an optional dependency), and says so in a comment containing "deferred" in its
function, on its line or above it; it may never close a circle.
"""
from __future__ import annotations

import ast
from pathlib import Path

CHECKER = Path(__file__).resolve().parent.parent / "checker"
MAX_LINES = 400
# Modules allowed past MAX_LINES, each with the reason; none may grow further.
OVERSIZE: dict[str, str] = {}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(CHECKER.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(CHECKER.rglob("*.py"))}


def _targets(module: str, path: Path, node: ast.AST) -> list[str]:
    """The modules of checker/ an import statement imports."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in MODULES]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if node.level:
        base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    out = []
    for alias in node.names:
        if f"{base}.{alias.name}" in MODULES:     # from . import records: the module itself
            out.append(f"{base}.{alias.name}")
        elif base in MODULES:                     # from .checks import REGISTRY: the package
            out.append(base)
    return out


def _imports(module: str, path: Path):
    """(imported module, line, first line of the function it is in or 0) of every import of checker/
    modules in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inner = {id(n): f.lineno for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
             for n in ast.walk(f) if isinstance(n, (ast.Import, ast.ImportFrom))}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in _targets(module, path, node):
                if target != module:
                    yield target, node.lineno, inner.get(id(node), 0)


def _graph() -> dict[str, set[str]]:
    return {m: {t for t, _, _ in _imports(m, p)} for m, p in MODULES.items()}


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_graph_reader_sees_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set(), "c": {"a", "b"}}) == []


def test_the_graph_reader_sees_imports_inside_functions():
    graph = _graph()
    assert "checker.pipeline" in graph["checker.engines"]
    assert "checker.runner" in graph["checker.api"]          # imported inside a method


def test_no_circle_among_the_modules():
    circles = _circles(_graph())
    assert not circles, "import circles (every module of each imports the others, directly or not):\n" + \
        "\n".join(" ↔ ".join(c) for c in circles)


def test_the_per_article_pipeline_knows_nothing_of_processes_or_runs():
    graph = _graph()
    reach, todo = set(), ["checker.pipeline"]
    while todo:
        for t in graph[todo.pop()] - reach:
            reach.add(t)
            todo.append(t)
    assert not reach & {"checker.engines", "checker.workers", "checker.runner", "checker.collection", "checker.api"}


def test_imports_inside_functions_say_why():
    unexplained = []
    for module, path in MODULES.items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for _target, line, function in _imports(module, path):
            if not function:
                continue
            said = lines[function - 1: line]     # from the def to the import
            if not any("#" in text and "deferred" in text.split("#", 1)[1] for text in said):
                unexplained.append(f"{path.relative_to(CHECKER.parent)}:{line}")
    assert not unexplained, "imports inside functions without a '# deferred: why' comment:\n" + "\n".join(unexplained)


def test_modules_are_small():
    big = {str(p.relative_to(CHECKER)): n for p in MODULES.values()
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    unexplained = {name: n for name, n in big.items() if name not in OVERSIZE}
    assert not unexplained, f"modules over {MAX_LINES} lines: {unexplained}"
    stale = set(OVERSIZE) - set(big)
    assert not stale, f"no longer over {MAX_LINES} lines, take them off OVERSIZE: {stale}"
