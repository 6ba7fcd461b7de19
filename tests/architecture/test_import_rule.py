"""The layering rule of ARCHITECTURE.md: imports point one way, and stage packages never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src" / "newsl10n"
STAGES = ("segment", "glossary", "mt", "l10n", "tm", "formats", "qa")
BASE = (
    *("model", "errors", "langs", "registry", "xmlsafe"),
    *("inputs", "protect", "serial", "version", "outputs", "textio", "sqlitelock"),
)
TOP = (
    *("pipeline", "run", "cli", "__main__", "__init__", "batch", "postedit", "enforce", "enforce_methods"),
    "corpus",
)
"""Orchestration: may import the stages (``batch`` and ``postedit`` are packages, built on ``run``)."""


def _imports(path: Path) -> set[str]:
    """The newsl10n top-level modules or packages that a module imports."""
    package = path.relative_to(SRC).parts[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("newsl10n.")}
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.startswith("newsl10n."):
                    found.add(node.module.split(".")[1])
                continue
            base = list(package[: len(package) - (node.level - 1)]) if node.level > 1 else list(package)
            parts = base + (node.module.split(".") if node.module else [])
            if parts:
                found.add(parts[0])
            else:  # "from . import x" at the top level
                found |= {a.name for a in node.names}
    return found


def _layer(path: Path) -> str:
    rel = path.relative_to(SRC).parts
    return rel[0] if len(rel) > 1 else path.stem


MODULES = sorted(p for p in SRC.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(SRC)) for p in MODULES])
def test_imports_point_one_way(path: Path) -> None:
    layer = _layer(path)
    imported = _imports(path) - {layer}
    if layer in STAGES:
        crossing = imported & set(STAGES)
        assert not crossing, f"stage {layer!r} imports stage(s) {sorted(crossing)}; talk through the model"
        assert not imported & set(TOP), f"stage {layer!r} imports {sorted(imported & set(TOP))}"
    elif layer in BASE:
        upward = imported & (set(STAGES) | set(TOP))
        assert not upward, f"base module {layer!r} imports {sorted(upward)}"
    else:
        assert layer in TOP, f"{path} is in no layer of ARCHITECTURE.md"


def test_the_rule_sees_every_stage() -> None:
    present = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    known = set(STAGES) | set(TOP)
    assert present <= known, f"a package outside the documented layers: {sorted(present - known)}"


def test_the_import_reader_resolves_relative_imports() -> None:
    assert {"glossary", "formats", "mt", "qa", "model"} <= _imports(SRC / "pipeline.py")
    assert {"model"} <= _imports(SRC / "qa" / "terminology.py")
    assert "glossary" not in _imports(SRC / "qa" / "terminology.py")
