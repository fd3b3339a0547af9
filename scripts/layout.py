"""Print the package's import graph facts: module sizes, import cycles, and stage-order violations.

Usage: python scripts/layout.py [--max-lines 600]. Exit 1 when a module is too long or a cycle exists.
Every import counts, at module level or inside a function (a lazy import is still a dependency);
imports under ``if TYPE_CHECKING:`` do not, since they never run.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "factcheck"


def module_name(path: Path) -> str:
    """``factcheck/judge/compare.py`` → ``factcheck.judge.compare`` (an ``__init__`` names its package)."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking_lines(tree: ast.Module) -> set[int]:
    """Line numbers inside ``if TYPE_CHECKING:`` blocks."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING":
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package modules ``path`` imports (resolving relative imports and ``from pkg import module``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            names = [f"{base}.{a.name}" for a in node.names] + [base]
        else:
            continue
        for name in names:
            while name and name not in modules:
                name = name.rpartition(".")[0]
            if name and name != me and name.startswith(PACKAGE):
                out.add(name)
    return out


def graph() -> tuple[dict[str, set[str]], dict[str, int]]:
    """(module → modules it imports, module → line count) for every module of the package."""
    files = sorted((ROOT / PACKAGE).rglob("*.py"))
    modules = {module_name(p) for p in files}
    edges = {module_name(p): imports_of(p, modules) for p in files}
    # a package's __init__ is imported on the way to any of its modules; it is not an edge of its own
    for mod, deps in edges.items():
        edges[mod] = {d for d in deps if not (mod.startswith(d + ".") and d.count(".") >= 1)}
    sizes = {module_name(p): len(p.read_text(encoding="utf-8").splitlines()) for p in files}
    return edges, sizes


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (Tarjan), each a cycle to break."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def main(argv: list[str] | None = None) -> int:
    """Print sizes over the limit and cycles; 0 when there are none."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--max-lines", type=int, default=600)
    args = ap.parse_args(argv)
    edges, sizes = graph()
    too_long = {m: n for m, n in sizes.items() if n > args.max_lines}
    found = cycles(edges)
    print(f"{len(sizes)} modules, {sum(len(d) for d in edges.values())} import edges, "
          f"largest {max(sizes.values())} lines ({max(sizes, key=sizes.__getitem__)})")
    for m, n in sorted(too_long.items()):
        print(f"too long: {m} has {n} lines (limit {args.max_lines})")
    for group in found:
        print("cycle: " + " ↔ ".join(group))
    if not too_long and not found:
        print("no import cycles; no module over the limit")
    return 1 if too_long or found else 0


if __name__ == "__main__":
    sys.exit(main())
