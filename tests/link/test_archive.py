"""The link stage on its own: paths, citations resolved across issues, typed repeal/amend relations."""

from __future__ import annotations

import pytest

from gazette.link.archive import (
    STATUS_ACTIVE,
    STATUS_REPEALED,
    STATUS_REVISED,
    Relation,
    SupersededBy,
    Supersedes,
    _loose_title,
    link_archive,
)
from gazette.parse.loader import parse_file
from tests.support import BULLETINS, SEED

NOTICE_90 = "2020/04/yzbf-2020-090/"  # 阳政办发〔2020〕90号, repealed by 2020-05's 阳政发〔2020〕9号
RULES_7 = "2020/04/yzf-2020-007/1/"  # the 规定 issued by 阳政发〔2020〕7号, amended in 2021-01


@pytest.fixture(scope="module")
def issues(registry):
    return [parse_file(SEED, registry), parse_file(BULLETINS / "yangquan-2020-05.txt", registry),
            parse_file(BULLETINS / "yangquan-2021-01.txt", registry)]


@pytest.fixture(scope="module")
def archive(issues):
    return link_archive(issues)


def test_a_repeal_is_typed_and_reaches_the_notice_and_what_it_issued(archive):
    repealer = archive.pages["2020/05/yzf-2020-009/"]
    # 《办法》（阳政办发〔2020〕90号）: the title names the document, its 文号 in brackets says which one
    assert repealer.supersedes[0] == Supersedes("阳泉市市级应急政府采购管理暂行办法", "title", NOTICE_90 + "1/",
                                                Relation.REPEALS, ("阳政办发〔2020〕90号",))
    for victim in (NOTICE_90, NOTICE_90 + "1/"):
        assert SupersededBy(repealer.path, Relation.REPEALS) in archive.pages[victim].superseded_by
        assert archive.pages[victim].status == STATUS_REPEALED
    # the repealer issues the 办法 that takes its place: a new version of it (新版本 / 旧版本)
    assert SupersededBy(repealer.path, Relation.REPLACES) in archive.pages[NOTICE_90].superseded_by


def test_an_amendment_names_the_regulation_not_its_notice(archive):
    """《规定》（阳政发〔2020〕7号印发）: the notice is cited only to say where the 规定 was issued."""
    amender = "2021/01/yzf-2021-001/"
    assert archive.pages[RULES_7].superseded_by == [SupersededBy(amender, Relation.REVISES)]
    assert archive.pages[RULES_7].status == STATUS_REVISED
    notice = archive.pages["2020/04/yzf-2020-007/"]
    assert notice.superseded_by == [] and notice.status == STATUS_ACTIVE


def test_a_repeal_of_a_document_we_do_not_hold_has_no_path(archive):
    plan = archive.pages["2020/04/yzbf-2020-079/1/"]
    assert plan.supersedes == [Supersedes("阳泉市气象灾害应急预案", "title", None, Relation.REPEALS,
                                          ("阳政办发〔2017〕145号",))]
    assert plan.superseded_by == []  # nor is it repealed by its own clause, though it bears that title
    assert all(not s.path for s in plan.supersedes)


def test_relations_are_entered_once_and_point_at_pages(archive):
    for page in archive.pages.values():
        assert len(set(page.supersedes)) == len(page.supersedes), page.path
        assert len(set(page.superseded_by)) == len(page.superseded_by), page.path
        for later in page.superseded_by:
            assert isinstance(later.relation, Relation)
            assert any(s.path in (page.path, page.family) or archive.pages[s.path].family == page.family
                       for s in archive.pages[later.path].supersedes if s.path), (page.path, later.path)


def test_relation_words():
    assert (Relation.REPEALS.zh, Relation.REVISES.zh) == ("废止", "修改")
    assert Relation("repeals") is Relation.REPEALS and str(Relation.REVISES) == "revises"


def test_cites_and_cited_by_mirror_each_other(archive):
    pairs = {(page.path, target) for page in archive.pages.values() for target in page.cites}
    mirrored = {(source, page.path) for page in archive.pages.values() for source in page.cited_by}
    assert pairs == mirrored and len(pairs) > 5
    for source, target in pairs:
        assert source != target
        # A notice naming what it issues, or a regulation naming its notice, is not a reference.
        assert archive.pages[source].family != target and archive.pages[target].family != source


def test_unresolved_citations_resolve_nowhere_and_are_listed_once_per_page(archive):
    assert archive.unresolved
    for page, citation in archive.unresolved:
        assert citation.ref not in page.resolved
        assert citation.ref in {c.ref for c in page.unheld}
    for page in archive.pages.values():
        keys = [c.ref for c in page.unheld]
        assert len(keys) == len(set(keys))


def test_paths_do_not_depend_on_the_order_issues_are_given(issues, archive):
    relinked = link_archive(list(reversed(issues)))
    assert list(relinked.pages) == list(archive.pages)
    assert {p: (r.supersedes, r.superseded_by, r.status) for p, r in relinked.pages.items()} == \
        {p: (r.supersedes, r.superseded_by, r.status) for p, r in archive.pages.items()}


def test_embedded_pages_belong_to_their_notice(archive):
    for page in archive.pages.values():
        if page.kind == "embedded":
            assert page.path.startswith(page.family) and archive.pages[page.family].kind == "notice"
        else:
            assert page.family == page.path


@pytest.mark.parametrize(("key", "expected"), [
    ("阳泉市人民政府关于加强管理的通知", "加强管理的通知"),
    ("阳泉市人民政府办公室关于印发方案的通知", "印发方案的通知"),
    ("阳泉市重大行政决策程序规定", "重大行政决策程序规定"),
    ("大同市政府工作规则", "大同市政府工作规则"),  # another city's: kept
])
def test_loose_title_drops_the_city_and_the_government_prefix(key, expected):
    assert _loose_title(key, {"阳泉市"}) == expected


def test_two_works_of_one_title_get_pages_of_their_own(issues, registry, tmp_path):
    """A regulation replaced, years later, by a new one of the same name that is amended in turn: two
    works of one title, each with its own page (one URL for both overwrote a page and broke open data)."""
    import re

    later = []
    for source in (SEED, BULLETINS / "yangquan-2021-01.txt"):
        text = re.sub(r"(?<!\d)(20[12]\d)(?!\d)", lambda m: str(int(m.group(1)) + 10), source.read_text(encoding="utf-8"))
        copy = tmp_path / re.sub(r"20([12])", lambda m: f"20{int(m.group(1)) + 1}", source.name)
        copy.write_text(text, encoding="utf-8")
        later.append(parse_file(copy, registry))
    works = link_archive([issues[0], issues[2], *later]).works
    amended = [w for w in works if w.title == "阳泉市重大行政决策程序规定"]
    assert [w.versions[0].path for w in amended] == [RULES_7, RULES_7.replace("2020", "2030")]
    assert [w.url for w in amended] == ["works/yang-quan-shi-zhong-da-xing-zheng-jue-ce-cheng-xu-gui-ding/",
                                        "works/yang-quan-shi-zhong-da-xing-zheng-jue-ce-cheng-xu-gui-ding-2030/"]
    assert len({w.url for w in works}) == len(works)


def test_a_series_reads_years_written_in_characters():
    """阳泉市二〇二一年… follows 阳泉市2020年… (older titles set their year in characters)."""
    import datetime as dt
    from types import SimpleNamespace

    from gazette.link.archive import _series

    def plan(path: str, title: str, year: int) -> SimpleNamespace:
        return SimpleNamespace(path=path, kind="embedded", title=title, date=dt.date(year, 3, 1),
                               document=SimpleNamespace(embedded=[]))

    pages = {p.path: p for p in (plan("a/", "阳泉市2020年食品安全重点工作安排", 2020),
                                 plan("b/", "阳泉市二〇二一年食品安全重点工作安排", 2021),
                                 plan("c/", "阳泉市二〇二一年土壤污染防治行动计划", 2021))}
    series = _series(pages, {"阳泉市"})  # type: ignore[arg-type]
    assert series["a/"] == series["b/"] == ["b/", "a/"] and "c/" not in series
