"""Adding issues one by one gives the same files as building them all at once, and an output that did not
change stays the file it was (same bytes, inode and mtime), on the shared archive's repeals and amendments:
2021-03 (a year already in the archive) amends 《阳泉市重大行政决策程序规定》 of 2020-04; 2022-01 (a new year:
the navigation, on every page, changes) repeals two 2020-04 documents and declares others lapsed (their
pages, cited-by lists, 时效 and ledgers change when it arrives)."""

from __future__ import annotations

import filecmp
import json
import os
import re

import pytest

from gazette.build import inputs
from gazette.site.cache_plugin import nav_paths
from gazette.site.hooks import SITE_FILE
from tests.support import Project, shared_archive_file
from tests.support.site import assert_same_tree

FIRST, AMENDS, REPEALS = ("2020-04.txt", "2021-01.txt"), "2021-03.txt", "2022-01.txt"

def stats(folder) -> dict[str, os.stat_result]:
    return {p.relative_to(folder).as_posix(): p.stat() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def added_one_by_one(tmp_path_factory):
    """The four issues added one build at a time. Returned: the project, and of the build adding AMENDS
    the files' stats before it, after it and its report."""
    project = Project(tmp_path_factory.mktemp("incremental"))
    for name in FIRST:
        project.add(shared_archive_file(name))
    assert project.build(quiet=True) == 0, project.log
    before = stats(project.site)
    project.add(shared_archive_file(AMENDS))
    assert project.build(quiet=True) == 0, project.log
    after, report, log = stats(project.site), project.report, project.log
    project.add(shared_archive_file(REPEALS))
    assert project.build(quiet=True) == 0, project.log
    # 2022 is a new year in the navigation: unchanged pages only get the new navigation fragments (in-force
    # pages too: the issues held are named on the 时效 page only). What goes through mkdocs is what changed:
    # pages whose Markdown changed, the navigation's own pages and one page per set of navigation links.
    cache, written = project.report.page_cache, project.report.outputs.written
    assert cache["spliced"] > 100, cache
    nav = json.loads((project.docs / SITE_FILE).read_text(encoding="utf-8"))["nav"]
    assert cache["misses"] + cache["hits"] <= written["Markdown"] + len(nav_paths(nav)), (cache, written)
    return project, (before, after, report, log)


@pytest.fixture(scope="module")
def built_at_once(tmp_path_factory):
    project = Project(tmp_path_factory.mktemp("full"))
    for name in (*FIRST, AMENDS, REPEALS):
        project.add(shared_archive_file(name))
    assert project.build(quiet=True, full=True) == 0, project.log
    return project


def test_incremental_and_full_builds_are_byte_identical(added_one_by_one, built_at_once):
    project, _ = added_one_by_one
    assert_same_tree(filecmp.dircmp(built_at_once.docs, project.docs, ignore=[]))
    assert_same_tree(filecmp.dircmp(built_at_once.site, project.site, ignore=[]))  # byte by byte


def test_the_repealing_issue_marks_what_it_repeals(added_one_by_one):
    project, _ = added_one_by_one
    repealed = "2020/04/yzbf-2020-090/index.html"  # 阳政办发〔2020〕90号, repealed by 阳政发〔2022〕2号
    assert "已废止" in (project.site / repealed).read_text(encoding="utf-8")


def test_unchanged_outputs_keep_their_file(added_one_by_one):
    project, (before, after, report, log) = added_one_by_one
    kept = [p for p in before if p in after and after[p].st_ino == before[p].st_ino]
    assert all(after[p].st_mtime_ns == before[p].st_mtime_ns for p in kept)
    # an 任免 notice of 2020-04 is not touched by 2021-03: its page, not rendered by mkdocs, is the same file
    appointment = "2020/04/yzrz-2020-016/index.html"
    assert appointment in kept
    # the amended regulation's page changes (已修改, with a link to the amending decision)
    amended = "2020/04/yzf-2020-007/1/index.html"
    assert after[amended].st_ino != before[amended].st_ino
    assert report.page_cache["skipped"] > 100  # unchanged pages outside the navigation skipped mkdocs
    # document pages the amendment does not reach are not rendered again (gazette/link/affected.py)
    documents = [p for p in before if re.fullmatch(r"\d{4}/\d{2}/[^/]+/(\d+/)?index\.html", p)]
    assert len(documents) / 2 < report.markdown_reused < len(documents)
    assert next(s for s in report.stages if s.name == "Markdown").detail.endswith(f"沿用 {report.markdown_reused} 个（文件页面，其自身与关联文件均未变）")
    assert report.outputs.generated_skipped["任务台账文件"] > 50  # unit ledgers whose rows did not change
    # feeds whose entries' pages kept their keys are not rendered; the others are (all.xml has new entries)
    assert report.outputs.generated_skipped["订阅"] > 0 and report.outputs.written["订阅"] > 0
    assert report.outputs.written["页面"] > 0 and report.outputs.kept["页面"] > report.outputs.written["页面"]
    assert {s.name for s in report.stages} >= {"解析", "Markdown", "mkdocs 网站", "开放数据与任务台账", "订阅", "检索索引"}
    assert "各阶段用时" in log  # in the report, printed under -q too


def test_the_report_says_what_each_stage_reused_and_rewrote(added_one_by_one):
    """Per stage its time and what it reused; per kind of output (pages, tables, ledgers, feeds, search
    files) how many files were rewritten and kept, as counted."""
    _, (_, _, report, log) = added_one_by_one
    stages = log[log.index("各阶段用时"):]
    for name in ("解析", "Markdown", "mkdocs 网站", "开放数据与任务台账", "订阅", "检索索引"):
        assert re.search(rf"^  {name}：\d+\.\d 秒", stages, re.M), name
    assert re.search(r"^  检索索引：.*（\d+ 个未变、沿用上次的索引）", stages, re.M)
    assert re.search(rf"^  mkdocs 网站：.*不经 mkdocs 沿用 {report.page_cache['skipped']} 个", stages, re.M)
    for kind in ("页面", "开放数据表", "任务台账文件", "订阅", "检索文件", "Markdown"):
        written, kept = report.outputs.written[kind], report.outputs.kept[kind]
        assert kept > 0 and f"  {kind}：改写 {written} 个，未变 {kept} 个" in stages, kind


def test_a_no_op_build_rewrites_nothing(added_one_by_one):
    project, _ = added_one_by_one
    before = stats(project.site)
    inputs.forget(project.root / ".cache")  # every stage runs, and finds nothing to rewrite
    assert project.build(quiet=True) == 0, project.log
    after = stats(project.site)
    assert before.keys() == after.keys()
    assert [p for p in before if after[p].st_ino != before[p].st_ino] == []
    assert sum(project.report.outputs.written.values()) == 0
    assert project.report.page_cache["misses"] == 0 and project.report.page_cache["hits"] == 0


def test_a_no_op_build_with_its_inputs_recorded_does_nothing(added_one_by_one):
    project, _ = added_one_by_one
    assert project.build(quiet=True) == 0, project.log
    before = stats(project.site)
    assert project.build(quiet=True) == 0, project.log
    assert project.report.stages[-1].name == "核对输入" and "所有文件保持原样" in project.log
    assert {p: s.st_ino for p, s in stats(project.site).items()} == {p: s.st_ino for p, s in before.items()}
    (project.site / "index.html").unlink()  # a live file removed by hand: the build runs and restores it
    assert project.build(quiet=True) == 0, project.log
    assert project.report.stages[-1].name != "核对输入" and (project.site / "index.html").is_file()
