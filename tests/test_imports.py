"""The layers and the imports between modules: warehouse never imports the recommender or the app,
and no two modules import each other, directly or around a circle (imports inside functions
count too, so a circle cannot hide in one)."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("warehouse", "recommender")
# circles known and left to other work: warehouse.read <-> warehouse.read_html (being fixed with the
# readers), and the extractors' package, whose __init__ imports the pipeline inside extract_facts
# while every extractor imports Fact from the package
KNOWN_READERS = {"warehouse.read", "warehouse.read_html"}
KNOWN_PACKAGE = "warehouse.extract"


def modules() -> dict[str, Path]:
    out = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            out[name.removesuffix(".__init__")] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The project modules `name` imports anywhere in its file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            found |= {f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names}
    return {m for m in found if m in known and m != name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, known) for name, path in known.items()}


def circles(g: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while not group or v not in group:
                w = stack.pop()
                on.discard(w)
                group.add(w)
            if len(group) > 1:
                out.append(group)

    for v in g:
        if v not in index:
            visit(v)
    return out


def test_warehouse_never_imports_the_recommender():
    g = graph()
    assert not {(a, b) for a, deps in g.items() for b in deps
                if a.startswith("warehouse") and b.startswith("recommender")}


def test_no_import_circle_but_the_known_ones():
    for group in circles(graph()):
        assert group <= KNOWN_READERS or all(m.startswith(KNOWN_PACKAGE) for m in group), sorted(group)


def test_the_recommender_has_no_import_circle():
    assert not [g for g in circles(graph()) if any(m.startswith("recommender") for m in g)]


def test_a_circle_is_found():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [{"a", "b", "c"}]
