"""Shared fixtures: the real bulletin parsed once, and sites built once per test session."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from gazette.build.pipeline import BuildOptions, run_build
from gazette.link.archive import link_archive
from gazette.parse.loader import parse_file
from gazette.units.registry import load_registry

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "bulletins" / "2020-04.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BULLETINS = FIXTURES / "bulletins"
# The development query set lives beside the checkout (../shared/eval), not in the repository.
# Test builds are as of a fixed date (not the clock): statuses (时效) depend on it.
AS_OF = dt.date(2026, 11, 30)
DEV_QUERIES = next((p for p in (REPO.parent / "shared" / "eval" / "queries_public.json",
                                Path("/work/shared/eval/queries_public.json")) if p.exists()), None)


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
        options.setdefault("as_of", AS_OF)
        out = io.StringIO()
        code = run_build(BuildOptions(
            root=REPO, bulletins=self.bulletins, site_dir=self.site, docs_dir=self.docs,
            cache_dir=self.root / ".cache", work_dir=self.root / "build", out=out, **options))
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
