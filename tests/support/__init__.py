"""What the tests share: the repository's paths, the fixed as-of dates and throwaway projects.

Tests import these from here, never from another test module or a conftest.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from pathlib import Path

from gazette.build.pipeline import BuildOptions, run_build
from gazette.build.report import BuildReport
from gazette.evaluation import eval_dir

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "bulletins" / "2020-04.txt"
FIXTURES = REPO / "tests" / "fixtures"
BULLETINS = FIXTURES / "bulletins"
# Test builds are as of a fixed date (not the clock), so that statuses (时效) and deadline states
# are known and two builds straddling midnight still agree. 2026-11-30: the 8号 rules have lapsed.
AS_OF = dt.date(2026, 11, 30)
# 2020-09-15: the seed's deadlines are past, near and ahead (ledger states).
DEADLINES_AS_OF = dt.date(2020, 9, 15)
# The living archive (14 issues grown from the seed, with truth.json) beside the checkout, or
# $GAZETTE_ARCHIVE_DIR: acceptance points it at another archive of the same kinds.
ARCHIVE = Path(os.environ.get("GAZETTE_ARCHIVE_DIR") or REPO.parent / "shared" / "archive")
# The shared archive itself, for tests that name its documents (2022-01 repeals 阳政办发〔2020〕90号 …).
SHARED_ARCHIVE = REPO.parent / "shared" / "archive"


def shared_archive_file(name: str) -> Path:
    """A file of ../shared/archive; missing, the test fails (never skips): the archive is its evidence."""
    path = SHARED_ARCHIVE / name
    if not path.exists():
        import pytest

        pytest.fail(f"没有找到公报档案文件 {path}（把 shared/archive 放在仓库旁）")
    return path
# The development query set lives beside the checkout (../shared/eval, or $GAZETTE_EVAL_DIR), not in the repository.
DEV_QUERIES = next((p for p in (eval_dir(REPO) / "queries_public.json",) if p.exists()), None)
BLIND_QUERIES = next((p for p in (eval_dir(REPO) / "queries_blind.json",) if p.exists()), None)  # written blind (issue 22)

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
        self.report = BuildReport()  # of the last build: counts to check instead of log wording
        self.truth: dict = {}  # an archive's truth.json, when the project holds one

    def add(self, source: Path, name: str | None = None) -> Path:
        target = self.bulletins / (name or source.name)
        shutil.copyfile(source, target)
        return target

    def build(self, **options) -> int:
        out = io.StringIO()
        options.setdefault("as_of", AS_OF)
        options.setdefault("cache_dir", self.root / ".cache")
        self.report = BuildReport()
        code = run_build(BuildOptions(
            root=REPO, bulletins=self.bulletins, site_dir=self.site, docs_dir=self.docs,
            work_dir=self.root / "build", out=out, report=self.report, **options))
        self.log = out.getvalue()
        return code
