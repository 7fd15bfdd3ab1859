"""Tests share code through tests/support (and fixtures), never by importing another test module
or a conftest: a test file can then be moved, renamed or deleted without breaking another."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import REPO

TESTS = REPO / "tests"


def _imported_modules(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def _is_test_module(module: str) -> bool:
    parts = module.split(".")
    return parts[0] == "tests" and any(p == "conftest" or p.startswith("test_") for p in parts[1:])


def test_no_test_imports_a_test_module_or_a_conftest():
    offenders = sorted(f"{path.relative_to(REPO)}: {module}"
                       for path in TESTS.rglob("*.py") for module in _imported_modules(path)
                       if _is_test_module(module))
    assert offenders == []


def test_the_check_sees_each_kind_of_offending_import(tmp_path):
    sample = tmp_path / "test_sample.py"
    sample.write_text("from tests.conftest import REPO\nimport tests.browser.test_search\n"
                      "from tests.site import test_site\nfrom tests.support import SEED\nfrom .helpers import x\n")
    flagged = [m for m in _imported_modules(sample) if _is_test_module(m)]
    assert flagged == ["tests.conftest", "tests.conftest.REPO", "tests.browser.test_search", "tests.site.test_site"]


def test_test_modules_outside_packages_have_unique_names():
    """pytest imports a test file outside a package by its basename: two of one name stop collection."""
    seen: dict[str, list[str]] = {}
    for path in TESTS.rglob("test_*.py"):
        if not (path.parent / "__init__.py").exists():
            seen.setdefault(path.name, []).append(str(path.relative_to(REPO)))
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}
