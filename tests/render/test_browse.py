"""Browse pages from a linked archive, without mkdocs: every document listed once per grouping,
counts that match the archive, links that point at its pages."""

from __future__ import annotations

import posixpath
import re

import pytest
import yaml
from bs4 import BeautifulSoup

from gazette.link.archive import link_archive
from gazette.parse.loader import parse_file
from gazette.render import browse
from tests.support import BULLETINS, SEED


@pytest.fixture(scope="module")
def archive(registry):
    return link_archive([parse_file(SEED, registry), parse_file(BULLETINS / "yangquan-2020-05.txt", registry)])


def _html(markdown: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.split("---", 2)[2], "html.parser")


def _targets(here: str, markdown: str) -> list[str]:
    """Page paths the relative links of a page point at (anchors dropped)."""
    out = []
    for a in _html(markdown).find_all("a", href=True):
        href = a["href"].split("#")[0]
        if href and not href.endswith(".xml"):
            out.append(posixpath.normpath(posixpath.join(here, href)) + "/")
    return out


def _notices(archive):
    return {p.path for p in archive.pages.values() if p.kind == "notice"}


@pytest.mark.parametrize("grouping", [browse.categories, browse.issuers])
def test_each_notice_is_listed_once_per_grouping(archive, grouping):
    pages = grouping(archive)
    index = next(path for path in pages if path.count("/") == 1)
    listed: list[str] = []
    for path, text in pages.items():
        if path != index:
            listed += [t for t in _targets(path, text) if t in archive.pages]
    assert sorted(listed) == sorted(_notices(archive))
    # The index links every group page, with the count of its documents.
    groups = _html(pages[index]).select("ul.gz-groups li")
    assert len(groups) == len(pages) - 1
    assert sum(int(re.search(r"(\d+) 份", li.get_text()).group(1)) for li in groups) == len(_notices(archive))


def test_dates_page_lists_every_notice_under_its_month(archive):
    text = browse.dates(archive)
    assert sorted(t for t in _targets("dates/", text) if t in archive.pages) == sorted(_notices(archive))
    months = re.findall(r"^## (\d{4})年(\d+)月", text, re.M)
    assert months == sorted(months, key=lambda m: (int(m[0]), int(m[1])), reverse=True)


def test_home_counts_match_the_archive(archive):
    text = browse.home(archive)
    counts = [int(s.get_text()) for s in _html(text).select("ul.gz-counts strong")]
    embedded = sum(1 for p in archive.pages.values() if p.kind == "embedded")
    tasks = sum(len(d.all_tasks) for i in archive.issues for d in i.documents)
    assert counts == [len(archive.issues), len(_notices(archive)), embedded, tasks]
    assert yaml.safe_load(text.split("---", 2)[1])["kind"] == "home"
    issues = _html(text).select("ul.gz-issues li")
    assert [li.a.get_text() for li in issues] == ["2020年第5期", "2020年第4期"]  # newest first


def test_people_table_has_a_row_per_appointment(archive):
    rows = _html(browse.people(archive)).select("table")[0].select("tbody tr")
    appointments = [a for p in archive.pages.values() if p.kind == "notice" for a in p.document.appointments]
    assert len(rows) == len(appointments) > 0
    assert all(len(row.find_all("td")) == 7 for row in rows)
    # the seed alone holds no removal of an earlier appointee: every 任职情况 says what the issues do not show
    notes = {row.find_all("td")[6].get_text() for row in rows}
    assert notes <= {"所收各期未见免去", "原任命文件未收录", ""} and "所收各期未见免去" in notes


def test_issue_page_links_its_documents(archive):
    parsed = archive.issues[0]
    here = "2020/04/"
    targets = set(_targets(here, browse.issue_page(archive, parsed)))
    own = {archive.notice_page(d).path for d in parsed.documents}
    assert own <= targets
