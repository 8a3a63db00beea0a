"""The package's import graph: no cycles, dependencies only downward, no private names across subpackages.

Every ``import`` and ``from … import`` of every module of ``analysis`` counts, the
ones inside functions included (a function-level import only hides a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

from analysis.paths import PACKAGE_DIR

#: Layer of every subpackage (and top-level module): a module may import its own subpackage and lower layers only.
LAYERS: dict[str, int] = {
    "_moved": 0, "errors": 0, "paths": 0, "schemas": 0,
    "lexicons": 1, "csvio": 1,
    "text": 2, "corpus": 2,
    "numbers": 3, "entities": 3,
    "timex": 4,
    "attribution": 5,
    "claims": 6, "keywords": 6,
    "events": 7,
    "document": 8,
    "pipeline": 9, "viz": 9,
    "nbrun": 10, "__main__": 10,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE_DIR.rglob("*.py")}


def _imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, list[str], int]]:
    """(imported module, names imported from it, line) of every import statement of a module."""
    is_pkg = path.name == "__init__.py"
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".") if is_pkg else name.split(".")[:-1]
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [a.name for a in node.names]
            for n in names:  # `from analysis.x import submodule`
                if f"{target}.{n}" in known:
                    out.append((f"{target}.{n}", [], node.lineno))
            out.append((target, names, node.lineno))
        elif isinstance(node, ast.Import):
            out.extend((a.name, [], node.lineno) for a in node.names)
    return [(t, n, line) for t, n, line in out if t == "analysis" or t.startswith("analysis.")]


def _resolve(target: str, known: dict[str, Path]) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]
    return target or None


def _subpackage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _graph() -> tuple[dict[str, set[str]], list[tuple[str, str, list[str], int]]]:
    known = _modules()
    edges: dict[str, set[str]] = {m: set() for m in known}
    details = []
    for name, path in known.items():
        for target, names, line in _imports(name, path, known):
            resolved = _resolve(target, known)
            if resolved is None or resolved == name:
                continue
            edges[name].add(resolved)
            details.append((name, resolved, names, line))
    return edges, details


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_no_import_cycles() -> None:
    edges, _ = _graph()
    assert _cycles(edges) == []


def test_dependencies_only_go_down_the_layers() -> None:
    _, details = _graph()
    wrong = []
    for source, target, _, line in details:
        a, b = _subpackage(source), _subpackage(target)
        if not a or not b or a == b:  # the package's own __init__ / the same subpackage
            continue
        assert a in LAYERS and b in LAYERS, f"add {a!r} / {b!r} to LAYERS"
        if LAYERS[b] >= LAYERS[a]:
            wrong.append(f"{source}:{line} imports {target} (layer {LAYERS[b]} >= {LAYERS[a]})")
    assert wrong == []


def test_no_private_name_imported_across_subpackages() -> None:
    _, details = _graph()
    wrong = [f"{source}:{line} imports {n} from {target}" for source, target, names, line in details
             for n in names if n.startswith("_") and _subpackage(source) != _subpackage(target)
             and not (n == "_moved" and source == "analysis")]
    assert wrong == []


def test_at_most_twelve_modules_at_the_top_level() -> None:
    top = sorted(p.name for p in PACKAGE_DIR.glob("*.py"))
    assert len(top) <= 12, top


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []
