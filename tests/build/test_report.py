"""The maintainer's build report (issue 11): Chinese, every finding says what to do, no stale paths from
the cache of a copied project, the verdict under -q, the whole report in a file whose path is printed."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from gazette.build.advice import ADVICE
from tests.support import SEED, Project

ENGLISH = re.compile(r"\b(error|errors|warning|warnings|issues?|pages?|documents?|coverage|built|reused|cache|"
                     r"parsed|found|more|unresolved|units?|time)\b", re.I)


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Project:
    project = Project(tmp_path_factory.mktemp("original") / "project")
    project.add(SEED)
    assert project.build() == 0, project.log
    return project


@pytest.fixture
def copied(original, tmp_path) -> Project:
    """The original project copied elsewhere, caches and all (as when a checkout is moved or cloned)."""
    target = tmp_path / "elsewhere" / "project"
    shutil.copytree(original.root, target)
    return Project(target)


def report_file(log: str) -> str:
    match = re.search(r"^完整报告（不省略任何条目）：(.+)$", log, re.M)
    assert match, log[-500:]
    return match.group(1)


def test_copied_project_reuses_the_cache_and_reports_only_its_own_paths(original, copied):
    assert copied.build(quiet=True) == 0, copied.log
    log = copied.log
    assert "本次解析 0 期，1 期未改动" in log  # the cache of the original was used …
    assert str(original.root) not in log  # … without its paths
    assert f"{copied.bulletins / '2020-04.txt'}:322: 第三十四条 在此处中断" in log
    full = (copied.root / ".cache" / "build-report.txt")
    assert report_file(log) == str(full)
    assert str(original.root) not in full.read_text(encoding="utf-8")
    for entry in (copied.root / ".cache" / "parsed").iterdir():  # entries hold no machine path at all
        assert str(original.root).encode() not in entry.read_bytes()
        assert b"/project/" not in entry.read_bytes()


def test_quiet_build_prints_the_verdict_and_where_the_whole_report_is(copied):
    assert copied.build(quiet=True) == 0
    log = copied.log
    assert not re.search(r"^\[\s*\d+\.\ds\]", log, re.M)  # no progress lines under -q
    assert re.search(r"^结论：构建成功，网站已更新：", log, re.M)
    # the terminal cuts long lists and says where the rest is; the file has everything
    assert re.search(r"……另有 26 条，见完整报告 .*build-report\.txt", log)
    full = Path(report_file(log)).read_text(encoding="utf-8")
    assert "另有" not in full
    assert full.count("bulletins/2020-04.txt") >= log.count("bulletins/2020-04.txt") + 23 - 1
    assert "结论：构建成功" in full


def test_report_is_chinese_and_every_finding_says_what_to_do(copied):
    assert copied.build(quiet=True) == 0
    lines = copied.log.splitlines()
    body = [line for line in lines if line.strip()]
    english = [line for line in body if ENGLISH.search(re.sub(r"\S*/\S*|\S*\.txt\S*", "", line))]
    assert english == []
    headings = [i for i, line in enumerate(lines) if re.match(r"^  (提示|错误)：", line)]
    assert len(headings) >= 8
    assert all(lines[i + 1].startswith("    怎么办：") and len(lines[i + 1]) > 12 for i in headings)
    # every code the parser can emit has its advice
    assert {"text-cut-off", "numbering-gap", "toc-title-mismatch", "truncated", "duplicate-doc-number"} <= set(ADVICE)


def test_quiet_failed_build_prints_the_verdict_and_writes_the_report(copied):
    (copied.bulletins / "2020-05.txt").write_bytes(b"")
    assert copied.build(quiet=True) == 1
    log = copied.log
    assert re.search(r"^结论：发现错误，网站未构建；原网站保持不变", log, re.M)
    assert "2020-05.txt" in log and "空文件" in log and "怎么办：" in log
    full = Path(report_file(log)).read_text(encoding="utf-8")
    assert "结论：发现错误，网站未构建" in full and "空文件" in full
    assert not ENGLISH.search(re.sub(r"\S*/\S*|\S*\.txt\S*", "", log))
