"""The import graph of src/ and generated_client/: one direction, no circle.

Every import counts, at any depth of a module (inside functions and ``TYPE_CHECKING`` blocks
too): a layer imports only its own layer and those below it, and no set of modules imports
itself round. The layers are docs/contributing/architecture.md's, lowest first.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "src", ROOT / "generated_client")
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("the spec, as data", ("binance_coinm_spec",)),
    ("core: facts", ("binance_coinm.spec", "binance_coinm._logging", "binance_coinm._version",
                     "binance_coinm.clock")),
    ("core: errors", ("binance_coinm._headers", "binance_coinm.errors")),
    ("core: values", ("binance_coinm._checks", "binance_coinm.types", "binance_coinm.decoding")),
    ("core: signing and budgets", ("binance_coinm.auth", "binance_coinm.budget")),
    ("core: the call path", ("binance_coinm.calls",)),
    ("core: clients", ("binance_coinm.client",)),
    ("generated", ("binance_coinm_rest",)),
    ("built on the generated client", ("binance_coinm",)),
)  # fmt: skip
"""Each layer's modules, by the longest prefix that names them; ``binance_coinm`` alone is
what stands above the generated client: the public names, the mock, the command line."""


def modules() -> dict[str, Path]:
    found = {}
    for source in SOURCES:
        for path in source.rglob("*.py"):
            parts = path.relative_to(source).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def is_package(path: Path) -> bool:
    return path.name == "__init__.py"


def imports_of(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The project's modules ``name`` imports (a name imported from a package counts as its
    submodule when there is one)."""
    package = name if is_package(path) else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                yield target


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: set(imports_of(name, path, known)) for name, path in found.items()}


def layer_of(module: str) -> int:
    best, level = -1, -1
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, level = len(prefix), index
    assert level >= 0, f"{module} is in no layer"
    return level


def test_every_module_is_in_a_layer() -> None:
    for module in modules():
        layer_of(module)


def test_no_module_imports_a_layer_above_its_own() -> None:
    upward = sorted(
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in graph().items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )
    assert upward == []


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_modules_import_each_other_round() -> None:
    assert circles(graph()) == []


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
        ({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, [["a", "b", "c"]]),
        ({"a": {"b"}, "b": set()}, []),
    ],
)
def test_the_circle_finder_finds_circles(
    edges: dict[str, set[str]], expected: list[list[str]]
) -> None:
    assert circles(edges) == expected


def test_an_upward_import_would_be_seen(tmp_path: Path) -> None:
    module = tmp_path / "errors.py"
    module.write_text("from .client.base import Client\n", encoding="utf-8")
    found = set(imports_of("binance_coinm.errors", module, set(modules())))
    assert found == {"binance_coinm.client.base"}
    assert layer_of("binance_coinm.client.base") > layer_of("binance_coinm.errors")
