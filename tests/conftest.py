"""Shared fixtures: the real bulletin parsed once, and sites built once per test session."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from gazette.build.pipeline import BuildOptions, run_build
from gazette.evaluation import eval_dir
from gazette.link.archive import link_archive
from gazette.parse.loader import parse_file
from gazette.units.registry import load_registry

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "bulletins" / "2020-04.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BULLETINS = FIXTURES / "bulletins"
# Test builds are as of a fixed date (not the clock), so that statuses (时效) and deadline states
# are known and two builds straddling midnight still agree. 2026-11-30: the 8号 rules have lapsed.
AS_OF = dt.date(2026, 11, 30)
# 2020-09-15: the seed's deadlines are past, near and ahead (ledger states).
DEADLINES_AS_OF = dt.date(2020, 9, 15)
# The development query set lives beside the checkout (../shared/eval, or $GAZETTE_EVAL_DIR), not in the repository.
DEV_QUERIES = next((p for p in (eval_dir(REPO) / "queries_public.json",) if p.exists()), None)
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


class Project:
    """A throwaway project: bulletins/ with the given issues, built with the real mkdocs.yml."""

    def __init__(self, root: Path):
        self.root = root
        self.bulletins = root / "bulletins"
        self.bulletins.mkdir(parents=True, exist_ok=True)
        for name in ("units.yaml", "errata.yaml"):
            shutil.copyfile(REPO / "bulletins" / name, self.bulletins / name)
        self.site = root / "site"
        self.docs = root / "docs"
        self.log = ""

    def add(self, source: Path, name: str | None = None) -> Path:
        target = self.bulletins / (name or source.name)
        shutil.copyfile(source, target)
        return target

    def build(self, **options) -> int:
        out = io.StringIO()
        options.setdefault("as_of", AS_OF)
        options.setdefault("cache_dir", self.root / ".cache")
        code = run_build(BuildOptions(
            root=REPO, bulletins=self.bulletins, site_dir=self.site, docs_dir=self.docs,
            work_dir=self.root / "build", out=out, **options))
        self.log = out.getvalue()
        return code


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
