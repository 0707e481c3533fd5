"""Each module of the project defines a top-level name once.

Two engineers once added the same rule under the same names to one module; the merge kept both,
and the later definitions silently replaced the earlier ones for the code above them. Python
raises nothing for that, so this test does.
"""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = sorted(p for p in [*ROOT.glob("*.py"), *ROOT.glob("*/*.py"), *ROOT.glob("*/*/*.py")]
                 if p.relative_to(ROOT).parts[0] not in {"tests", "bench", ".ci"} and "corpus" not in p.parts)


def _top_level_names(tree: ast.Module) -> Counter:
    names: Counter = Counter()
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return names


def test_the_check_sees_a_redefinition():
    tree = ast.parse("_RULE = 1\ndef f():\n    return _RULE\n_RULE = 2\n")
    assert _top_level_names(tree)["_RULE"] == 2


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(ROOT)) for p in MODULES])
def test_no_top_level_name_is_defined_twice(path):
    names = _top_level_names(ast.parse(path.read_text(encoding="utf-8")))
    assert [name for name, count in names.items() if count > 1] == []
