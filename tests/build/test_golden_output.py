"""The built output, file by file, against a recorded manifest (tests/fixtures/golden/).

Refactoring must not change a byte of `docs/` or `site/`: each tree's SHA-256 per file is compared
with the manifest recorded before. An intended change of output re-records the manifests with
`GAZETTE_RECORD_GOLDEN=1 .venv/bin/python -m pytest tests/build/test_golden_output.py`, and the
manifest diff in the commit shows exactly which files changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tests.support import BULLETINS, FIXTURES, SEED, Project

GOLDEN = FIXTURES / "golden"
RECORD = os.environ.get("GAZETTE_RECORD_GOLDEN") == "1"
# Every other fixture issue in one archive: other cities' layouts, validity clauses, unsafe text.
LAYOUT_ISSUES = {"datong-2020-06.txt": "2020-06.txt", "jinzhong-2021-02.txt": "2021-02.txt",
                 "xinzhou-2022-03.txt": "2022-03.txt", "validity-2022-01.txt": "2022-01.txt",
                 "safety.txt": "2019-01.txt"}


def manifest(project: Project) -> dict[str, str]:
    files = {}
    for tree in ("docs", "site"):
        root = project.root / tree
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            files[f"{tree}/{path.relative_to(root).as_posix()}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def check(name: str, project: Project) -> None:
    recorded = GOLDEN / f"{name}.json"
    built = manifest(project)
    if RECORD:
        recorded.parent.mkdir(parents=True, exist_ok=True)
        recorded.write_text(json.dumps(built, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    expected = json.loads(recorded.read_text(encoding="utf-8"))
    changed = sorted(k for k in expected.keys() & built.keys() if expected[k] != built[k])
    assert (sorted(expected.keys() - built.keys()), sorted(built.keys() - expected.keys()), changed[:20]) == ([], [], [])
    assert len(built) > 100


@pytest.fixture(scope="module")
def layouts_site(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("layouts"))
    for source, name in LAYOUT_ISSUES.items():
        project.add(BULLETINS / source, name)
    assert project.build(quiet=True) == 0, project.log
    return project


def test_seed_output_is_unchanged(seed_site):
    check("seed", seed_site)


def test_three_issue_output_is_unchanged(three_issue_site):
    check("three-issues", three_issue_site)


def test_fixture_layouts_output_is_unchanged(layouts_site):
    check("layouts", layouts_site)


def test_the_manifest_sees_a_one_byte_change(tmp_path):
    project = Project(tmp_path)
    project.add(SEED)
    (project.root / "docs").mkdir()
    (project.root / "site").mkdir()
    (project.root / "site" / "a.txt").write_text("甲", encoding="utf-8")
    before = manifest(project)
    (project.root / "site" / "a.txt").write_text("乙", encoding="utf-8")
    assert manifest(project)["site/a.txt"] != before["site/a.txt"]


def test_manifests_name_no_machine_path():
    for path in GOLDEN.glob("*.json"):
        assert all(not Path(k).is_absolute() for k in json.loads(path.read_text(encoding="utf-8")))
