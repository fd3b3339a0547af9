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


TEXT_PARAMETERS = {"text", "sentence", "article_text", "window"}


def text_parameters(source: str) -> list[str]:
    """Functions of ``source`` that take the article's text (a parameter named for it)."""
    import ast

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            found += [f"{node.name}({a.arg})" for a in args if a.arg in TEXT_PARAMETERS]
    return found


def test_the_judge_never_takes_the_text() -> None:
    """What the judge needs from a sentence comes read on the figure (resolve/reading.py, relations, trends)."""
    judge_dir = Path(__file__).resolve().parents[1] / "factcheck" / "judge"
    offenders = {p.name: text_parameters(p.read_text(encoding="utf-8")) for p in judge_dir.glob("*.py")}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_text_parameter_finder_finds_one() -> None:
    assert text_parameters("def judge(fig, text):\n    pass\n") == ["judge(text)"]
    assert text_parameters("def judge(fig, reading):\n    pass\n") == []
