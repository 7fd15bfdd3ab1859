"""The maintainer's workflow: several issues, cross-issue links, order of addition, failures."""

from __future__ import annotations

import filecmp
import hashlib

import pytest

from gazette.build import inputs, pipeline
from gazette.errors import BuildError
from tests.support import BULLETINS, SEED
from tests.support.site import assert_same_tree, front_matter, ids, internal_links, page_text


def tree_digest(folder) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def test_three_issues_link_across_issues(three_issue_site):
    docs, site = three_issue_site.docs, three_issue_site.site
    # 2020-05 repeals 阳政办发〔2020〕90号 of 2020-04: both sides record it
    repealed = front_matter(docs / "2020/04/yzbf-2020-090/1/index.md")
    assert repealed["status"] == "已废止"
    assert repealed["superseded_by"][0]["url"] == "/2020/05/yzf-2020-009/"
    successor = front_matter(docs / "2020/05/yzf-2020-009/index.md")
    assert {"ref": "阳泉市市级应急政府采购管理暂行办法", "relation": "repeals", "url": "/2020/04/yzbf-2020-090/1/",
            "doc_numbers": ["阳政办发〔2020〕90号"]} in successor["supersedes"]
    notice = front_matter(docs / "2020/04/yzbf-2020-090/index.md")
    assert notice["status"] == "已废止"
    # the earlier page lists the later one under 引用本文件的文件
    assert any(c["url"] == "/2020/05/yzf-2020-009/" for c in repealed["cited_by"])
    # 2021-01 amends 《阳泉市重大行政决策程序规定》: 已修改, with a link to the amending decision
    amended = front_matter(docs / "2020/04/yzf-2020-007/1/index.md")
    assert amended["status"] == "已修改"
    assert amended["superseded_by"][0]["url"] == "/2021/01/yzf-2021-001/"
    assert front_matter(docs / "2020/04/yzf-2020-007/2/index.md")["status"] == "现行有效"
    # a 2021-01 document cites a 2020-05 one and a 2020-04 one by 文号: links in the text
    html = (site / "2021/01/yzbf-2021-009/index.html").read_text(encoding="utf-8")
    assert 'href="../../../2020/04/yzbf-2020-083/"' in html
    assert 'href="../../../2020/05/yzf-2020-009/"' in html
    status = page_text(site / "2020/04/yzbf-2020-090/1/index.html")
    assert "已废止" in status


def test_issue_index_by_year_and_nav(three_issue_site):
    text = page_text(three_issue_site.site / "issues/index.html")
    assert text.index("2021年") < text.index("2020年")
    assert "2020年第5期" in text and "2021年第1期" in text and "2020年第4期" in text
    home = page_text(three_issue_site.site / "index.html")
    assert "最新一期：2021年第1期" in home


def test_no_broken_links_across_issues(three_issue_site):
    broken = [(str(p), h) for p, h, target, anchor in internal_links(three_issue_site.site)
              if not target.exists() or (anchor and target.suffix == ".html" and anchor not in ids(target))]
    assert broken == []


def test_adding_issues_never_changes_existing_urls(seed_site, three_issue_site):
    before = {p.relative_to(seed_site.docs) for p in seed_site.docs.glob("2020/04/**/index.md")}
    after = {p.relative_to(three_issue_site.docs) for p in three_issue_site.docs.glob("2020/04/**/index.md")}
    assert before == after


def test_order_of_addition_does_not_matter(three_issue_site, project):
    project.add(SEED)
    project.add(BULLETINS / "yangquan-2021-01.txt", "2021-01.txt")
    assert project.build() == 0, project.log
    project.add(BULLETINS / "yangquan-2020-05.txt", "2020-05.txt")
    assert project.build() == 0, project.log
    assert (project.report.parsed, project.report.cached) == (1, 2)  # only the new issue is parsed
    assert_same_tree(filecmp.dircmp(three_issue_site.docs, project.docs))
    assert_same_tree(filecmp.dircmp(three_issue_site.site, project.site))


def test_errata_show_on_the_page(three_issue_site):
    assert "勘误" in page_text(three_issue_site.site / "2020/04/yzf-2020-007/1/index.html")


def test_broken_issue_fails_with_a_clear_message_and_keeps_the_site(project):
    project.add(SEED)
    assert project.build() == 0
    before = tree_digest(project.site)
    broken = project.bulletins / "2020-05.txt"
    broken.write_bytes(b"")
    assert project.build() != 0
    assert "2020-05.txt" in project.log and "空文件" in project.log
    assert tree_digest(project.site) == before
    broken.write_text("\n".join(SEED.read_text(encoding="utf-8").splitlines()[:2430]), encoding="utf-8")
    assert project.build() != 0
    errors = {code for issue in project.report.issues if issue.path.endswith("2020-05.txt") for code, _ in issue.errors}
    assert "toc-entry-not-found" in errors  # the 目录 lists documents the cut text no longer holds
    assert tree_digest(project.site) == before
    assert sorted(p.name for p in project.root.iterdir() if p.name.startswith(".")) == [".cache"]  # no half-built leftovers


def test_failure_after_pages_are_written_leaves_site_and_docs_untouched(project, monkeypatch):
    project.add(SEED)
    assert project.build() == 0
    site_before, docs_before = tree_digest(project.site), tree_digest(project.docs)

    def broken_mkdocs(*args, **kwargs):
        raise BuildError("mkdocs build failed: simulated")

    monkeypatch.setattr(pipeline, "build_site", broken_mkdocs)
    project.add(BULLETINS / "yangquan-2020-05.txt", "2020-05.txt")
    assert project.build() == 1
    assert project.report.fatal == ["mkdocs build failed: simulated"]
    assert (tree_digest(project.site), tree_digest(project.docs)) == (site_before, docs_before)


def test_incremental_build_reuses_parsed_issues_and_pages(project):
    project.add(SEED)
    assert project.build() == 0
    assert (project.report.parsed, project.report.cached) == (1, 0)
    assert project.report.page_cache["misses"] > 50
    inputs.forget(project.root / ".cache")  # run every stage although nothing changed
    assert project.build() == 0
    assert (project.report.parsed, project.report.cached) == (0, 1)
    assert project.report.page_cache["misses"] == 0
    # unchanged pages outside the navigation skip mkdocs; the navigation's pages reuse their rendered page
    assert project.report.page_cache["skipped"] > 50
    assert project.report.page_cache["rendered_hits"] > 5
    # with the record of the last build's inputs, nothing is rendered at all
    site_files = tree_digest(project.site)
    assert project.build() == 0
    assert [s.name for s in project.report.stages][-1] == "核对输入" and project.report.page_cache == {}
    assert tree_digest(project.site) == site_files and project.report.pages > 100


def test_strict_fails_on_warnings_and_keeps_site(project):
    project.add(SEED)
    assert project.build() == 0
    before = tree_digest(project.site)
    assert project.build(strict=True) == 1
    assert project.report.warning_count > 0 and not project.report.fatal
    assert tree_digest(project.site) == before


@pytest.mark.parametrize("name", ["2020-05.txt"])
def test_duplicate_doc_number_across_issues_is_an_error(project, name):
    project.add(SEED)
    project.add(SEED, name)
    assert project.build() != 0
    assert "已在" in project.log and "中出现" in project.log
