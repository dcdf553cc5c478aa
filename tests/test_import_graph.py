"""The dependencies of ``kpstandard`` point one way (issue 11, DESIGN.md "Data flow").

bytes -> syntax -> model binding -> layers (schema, rules, signature, trust, time: peers) -> the
pipeline that composes them -> API -> CLI, conformance runner and the build of the standard.
Every import counts, at module level or inside a function (a deferred import is still a
dependency); only imports under ``if TYPE_CHECKING:`` are left out, since they never run.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kpstandard"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("kpstandard._spec_data",),
    ("kpstandard._resources", "kpstandard.findings", "kpstandard.errors", "kpstandard._cli_doc"),
    ("kpstandard.model", "kpstandard.codelists", "kpstandard.signature.profile"),
    ("kpstandard.syntax",),
    ("kpstandard.validation", "kpstandard.signature", "kpstandard.status"),
    ("kpstandard.pipeline",),
    ("kpstandard.registry", "kpstandard.exchange"),
    ("kpstandard._api",),
    ("kpstandard",),
    ("kpstandard.specbuild", "kpstandard.conformance", "kpstandard.render", "kpstandard.node"),
    ("kpstandard.service",),
    ("kpstandard.cli",),
)
"""Each module belongs to the longest prefix listed; a module may import from its own entry's
layer and below, never above. Entries on one line are peers: a peer imports no other peer of its
line (``validation`` knows nothing of ``signature`` and the reverse)."""


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "_spec" in path.parts or "_conformance" in path.parts:
            continue
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in _imports_in(child))
            continue
        yield from _imports_in(node)


def _imports_in(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
        return
    yield from _imports(node)


def graph() -> dict[str, set[str]]:
    """Module -> the kpstandard modules it imports."""
    modules = _modules()
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                candidates = [f"{base}.{alias.name}" for alias in node.names] + [base]
            for candidate in candidates:
                while candidate and candidate not in modules:
                    candidate = candidate.rpartition(".")[0]
                if candidate and candidate != name:
                    targets.add(candidate)
                    break
        edges[name] = targets
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def _entry(module: str) -> tuple[int, str]:
    best = (-1, "")
    for level, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and len(name) > len(best[1]):
                best = (level, name)
    return best


def test_no_import_cycles() -> None:
    assert _cycles(graph()) == []


def test_every_module_has_a_layer() -> None:
    assert [m for m in graph() if _entry(m)[0] < 0] == []


def test_dependencies_point_one_way() -> None:
    wrong = []
    for module, targets in sorted(graph().items()):
        level, entry = _entry(module)
        for target in sorted(targets):
            target_level, target_entry = _entry(target)
            upward = target_level > level
            peer = target_level == level and target_entry != entry
            if upward or peer:
                wrong.append(f"{module} -> {target}")
    assert wrong == []
