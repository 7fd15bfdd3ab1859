"""Shared fixtures: the real bulletin parsed once, and sites built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazette.link.archive import link_archive
from gazette.parse.loader import parse_file
from gazette.units.registry import load_registry
from tests.support import ARCHIVE, BULLETINS, REPO, SEED, Project

BROWSER_TESTS = Path(__file__).resolve().parent / "browser"


def pytest_collection_modifyitems(config, items):
    """Everything under tests/browser/ is a browser test: `pytest -m "not browser"` runs the rest without Chromium."""
    for item in items:
        if BROWSER_TESTS in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def registry():
    return load_registry(REPO / "bulletins" / "units.yaml")


@pytest.fixture(scope="session")
def seed(registry):
    """The real 阳泉市人民政府公报 2020年第4期, parsed with its errata."""
    return parse_file(SEED, registry)


@pytest.fixture(scope="session")
def seed_archive(seed):
    return link_archive([seed])


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Project:
    """The real bulletin built into a site (pages, mkdocs-material, search index)."""
    project = Project(tmp_path_factory.mktemp("seed-site"))
    project.add(SEED)
    assert project.build() == 0, project.log
    return project


@pytest.fixture(scope="session")
def three_issue_site(tmp_path_factory) -> Project:
    """2020-04 (real) plus the 2020-05 and 2021-01 fixtures that cite, repeal and amend it."""
    project = Project(tmp_path_factory.mktemp("three-issues"))
    project.add(SEED)
    project.add(BULLETINS / "yangquan-2020-05.txt", "2020-05.txt")
    project.add(BULLETINS / "yangquan-2021-01.txt", "2021-01.txt")
    assert project.build() == 0, project.log
    return project


@pytest.fixture
def project(tmp_path) -> Project:
    return Project(tmp_path / "project")


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory):
    """Sites built from hostile bulletins (tests/fixtures/hostile.py): one per rotation of the
    payloads over the fields, so every field meets every payload."""
    from tests.fixtures.hostile import PAYLOADS, hostile_bulletin, write_hostile_project

    sites = []
    for rotation in range(len(PAYLOADS)):
        project = Project(tmp_path_factory.mktemp(f"hostile-{rotation}"))
        bulletin = write_hostile_project(project.root, hostile_bulletin(rotation))
        assert project.build(quiet=True) == 0, project.log
        sites.append((bulletin, project))
    return sites


@pytest.fixture(scope="session")
def archive_site(tmp_path_factory) -> Project:
    """The living archive (../shared/archive: every issue, built once) as of its truth's build date."""
    import datetime as dt
    import json

    truth_file = ARCHIVE / "truth.json"
    if not truth_file.exists():
        # The archive's truth is the evidence for relations, versions and 时效: a missing one fails, never skips.
        pytest.fail(f"没有找到公报档案 {ARCHIVE}（把 shared/archive 放在仓库旁，或设置 GAZETTE_ARCHIVE_DIR）")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    project = Project(tmp_path_factory.mktemp("living-archive"))
    for source in sorted(ARCHIVE.glob("*.txt")):
        project.add(source)
    project.truth = truth
    assert project.build(as_of=dt.date.fromisoformat(truth["as_of_build"]), quiet=True) == 0, project.log
    return project
