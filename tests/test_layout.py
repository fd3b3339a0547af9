"""The package's layout: no import cycle and no module over 600 lines (scripts/layout.py)."""

from __future__ import annotations

import runpy
from pathlib import Path

LAYOUT = runpy.run_path(str(Path(__file__).resolve().parents[1] / "scripts" / "layout.py"))


def test_no_import_cycle() -> None:
    """Every import counts, lazy ones too: a cycle means two stages lean on each other."""
    edges, _ = LAYOUT["graph"]()
    assert LAYOUT["cycles"](edges) == []


def test_no_module_over_600_lines() -> None:
    _, sizes = LAYOUT["graph"]()
    assert {m: n for m, n in sizes.items() if n > 600} == {}


def test_cycle_finder_finds_a_cycle() -> None:
    """The check itself can fail: a two-module cycle and a three-module one are both found."""
    edges = {"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"e"}, "e": {"c"}, "f": set()}
    assert LAYOUT["cycles"](edges) == [["a", "b"], ["c", "d", "e"]]


def test_stages_import_only_earlier_stages() -> None:
    """read < extract < resolve < judge < report; store sits below resolve and judge."""
    order = {"read": 0, "extract": 1, "store": 2, "resolve": 3, "judge": 4, "report": 5}
    edges, _ = LAYOUT["graph"]()
    backwards = []
    for mod, deps in edges.items():
        stage = mod.split(".")[1] if mod.count(".") >= 2 else None
        for dep in deps:
            other = dep.split(".")[1] if dep.count(".") >= 2 else None
            if stage in order and other in order and order[other] > order[stage]:
                backwards.append(f"{mod} → {dep}")
    assert backwards == []
