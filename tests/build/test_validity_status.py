"""时效 as of a date: statuses with evidence on the seed, the fixtures and the three-issue archive;
boundary days; pages, banner, browse page, CSV, CLI; determinism and what a new date re-renders."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil

import pytest
import yaml

from gazette.build.validity import run_validity
from gazette.link.archive import Relation, Supersedes, link_archive
from gazette.link.validity import add_period, assess
from gazette.model import BasisKind, ValidityStatus
from gazette.parse.loader import parse_file
from gazette.render import validity as render_validity
from gazette.render.pages import render_archive
from tests.support import AS_OF, BULLETINS, SEED
from tests.support.site import front_matter, page_text, soup, squash

RULES_8 = [f"2020/04/yzf-2020-008/{n}/" for n in range(1, 7)]
RULES_7 = [f"2020/04/yzf-2020-007/{n}/" for n in range(1, 9)]
S = ValidityStatus


@pytest.fixture(scope="module")
def seed_pages(seed):
    return link_archive([seed])


@pytest.fixture(scope="module")
def fixture_archive(registry):
    return link_archive([parse_file(BULLETINS / "validity-2022-01.txt", registry)])


@pytest.fixture(scope="module")
def three(registry, seed):
    return link_archive([seed, parse_file(BULLETINS / "yangquan-2020-05.txt", registry),
                         parse_file(BULLETINS / "yangquan-2021-01.txt", registry)])


def status(archive, path, day):
    assess(archive, day)
    return archive.pages[path].validity.status


def test_seed_as_of_2026_11_30(seed_pages):
    assess(seed_pages, dt.date(2026, 11, 30))
    for path in RULES_8:
        v = seed_pages.pages[path].validity
        assert (v.status, v.effective_from, v.expires) == (S.LAPSED, dt.date(2020, 9, 20), dt.date(2025, 9, 19)), path
        period = [b for b in v.basis if b.kind is BasisKind.PERIOD]
        assert len(period) == 1 and "有效期五年" in period[0].text and period[0].path.startswith(path + "#art-")
        assert seed_pages.pages[path].status == "已失效"
    notice = seed_pages.pages["2020/04/yzf-2020-008/"].validity  # the notice of six lapsed rules shares it
    assert notice.status is S.LAPSED and len(notice.basis) == 6
    assert all(b.kind is BasisKind.PERIOD and b.path.startswith("2020/04/yzf-2020-008/") for b in notice.basis)
    for path in RULES_7:
        v = seed_pages.pages[path].validity
        assert (v.status, v.effective_from, v.expires) == (S.IN_FORCE, dt.date(2020, 9, 1), None), path
    for path, day in (("2020/04/yzbf-2020-079/1/", dt.date(2020, 7, 23)), ("2020/04/yzbf-2020-090/1/", dt.date(2020, 8, 26))):
        v = seed_pages.pages[path].validity
        assert (v.status, v.effective_from) == (S.IN_FORCE, day)
        assert "之日起" in v.basis[0].text
    plan = seed_pages.pages["2020/04/yzbf-2020-079/1/"]
    # 《阳泉市气象灾害应急预案》（阳政办发〔2017〕145号）: a document we do not hold, though the plan bears its title
    assert Supersedes("阳泉市气象灾害应急预案", "title", None, Relation.REPEALS, ("阳政办发〔2017〕145号",)) in plan.supersedes
    assert plan.validity.status is S.IN_FORCE
    # a document that states no date gets none, and no evidence is invented
    personnel = seed_pages.pages["2020/04/yzrz-2020-016/"].validity
    assert (personnel.status, personnel.effective_from, personnel.expires, personnel.basis) == (None, None, None, [])
    # 阳泉市2020年… and （2020-2022年）: the period the title names is over, the title is the evidence
    for path, last in (("2020/04/yzbf-2020-086/1/", dt.date(2020, 12, 31)),
                       ("2020/04/yzbf-2020-082/1/", dt.date(2022, 12, 31))):
        v = seed_pages.pages[path].validity
        assert (v.status, v.period_end) == (S.PERIOD_ENDED, last), path
        assert [b.kind for b in v.basis] == [BasisKind.TITLE_PERIOD]
        assert seed_pages.pages[path[:-2]].validity.status is S.PERIOD_ENDED  # its notice shares it
    # 以上措施自即日起至2020年12月31日执行: a span with its end
    v = seed_pages.pages["2020/04/yzbf-2020-085/1/"].validity
    assert (v.status, v.effective_from, v.expires) == (S.LAPSED, dt.date(2020, 8, 14), dt.date(2020, 12, 31))


def test_seed_before_and_while_in_force(seed_pages):
    assert {status(seed_pages, p, dt.date(2020, 9, 10)) for p in RULES_8} == {S.NOT_YET}
    assess(seed_pages, dt.date(2025, 6, 1))
    assert {seed_pages.pages[p].validity.status for p in RULES_8} == {S.IN_FORCE}
    lapsing = render_validity.sections(seed_pages)["lapsing"]
    assert [p.path for p in lapsing] == RULES_8  # in force, lapsing within 180 days
    assess(seed_pages, dt.date(2025, 3, 1))
    assert render_validity.sections(seed_pages)["lapsing"] == []  # 2025-09-19 is more than 180 days away


@pytest.mark.parametrize(("day", "want"), [
    (dt.date(2020, 9, 19), S.NOT_YET), (dt.date(2020, 9, 20), S.IN_FORCE), (dt.date(2020, 9, 21), S.IN_FORCE),
    (dt.date(2025, 9, 18), S.IN_FORCE), (dt.date(2025, 9, 19), S.IN_FORCE), (dt.date(2025, 9, 20), S.LAPSED),
])
def test_seed_boundary_days(seed_pages, day, want):
    assert status(seed_pages, RULES_8[0], day) is want


@pytest.mark.parametrize(("path", "day", "want"), [
    # 自公布之日起30日后施行 (2022-01-10 + 30 = 2022-02-09), 有效期3年 -> through 2025-02-08
    ("2022/01/xzf-2022-001/1/", dt.date(2022, 2, 8), S.NOT_YET),
    ("2022/01/xzf-2022-001/1/", dt.date(2022, 2, 9), S.IN_FORCE),
    ("2022/01/xzf-2022-001/1/", dt.date(2025, 2, 8), S.IN_FORCE),
    ("2022/01/xzf-2022-001/1/", dt.date(2025, 2, 9), S.LAPSED),
    # 自2022年3月1日起施行，有效期至2023年12月31日
    ("2022/01/xzf-2022-002/1/", dt.date(2022, 2, 28), S.NOT_YET),
    ("2022/01/xzf-2022-002/1/", dt.date(2022, 3, 1), S.IN_FORCE),
    ("2022/01/xzf-2022-002/1/", dt.date(2023, 12, 31), S.IN_FORCE),
    ("2022/01/xzf-2022-002/1/", dt.date(2024, 1, 1), S.LAPSED),
    # 自发布之日起实施（2022-01-25），有效期两年 -> through 2024-01-24
    ("2022/01/xzf-2022-003/", dt.date(2022, 1, 24), S.NOT_YET),
    ("2022/01/xzf-2022-003/", dt.date(2022, 1, 25), S.IN_FORCE),
    ("2022/01/xzf-2022-003/", dt.date(2024, 1, 24), S.IN_FORCE),
    ("2022/01/xzf-2022-003/", dt.date(2024, 1, 25), S.LAPSED),
    # 自印发之日起执行（2022-01-31），有效期十八个月 -> through 2023-07-30
    ("2022/01/xzbf-2022-004/1/", dt.date(2022, 1, 30), S.NOT_YET),
    ("2022/01/xzbf-2022-004/1/", dt.date(2023, 7, 30), S.IN_FORCE),
    ("2022/01/xzbf-2022-004/1/", dt.date(2023, 7, 31), S.LAPSED),
    # no clause: no dates, so nothing ends it
    ("2022/01/xzbf-2022-005/1/", dt.date(2040, 1, 1), S.IN_FORCE),
])
def test_fixture_wordings_and_boundary_days(fixture_archive, path, day, want):
    assert status(fixture_archive, path, day) is want


def test_fixture_dates_and_provisional(fixture_archive):
    assess(fixture_archive, dt.date(2022, 6, 1))
    pages = fixture_archive.pages
    assert (pages["2022/01/xzf-2022-001/1/"].validity.effective_from, pages["2022/01/xzf-2022-001/1/"].validity.expires) == (
        dt.date(2022, 2, 9), dt.date(2025, 2, 8))
    assert pages["2022/01/xzbf-2022-004/1/"].validity.provisional == "试行"
    plan = pages["2022/01/xzbf-2022-005/1/"].validity
    assert (plan.effective_from, plan.expires, plan.basis) == (None, None, [])


def test_add_period():
    assert add_period(dt.date(2020, 9, 20), years=5) == dt.date(2025, 9, 19)
    assert add_period(dt.date(2022, 1, 31), months=18) == dt.date(2023, 7, 30)
    assert add_period(dt.date(2021, 1, 31), months=1) == dt.date(2021, 2, 28)  # no 31 February: the month's end
    assert add_period(dt.date(2020, 2, 29), years=1) == dt.date(2021, 2, 28)


def test_three_issues_repeal_and_amendment_with_evidence(three):
    assess(three, dt.date(2026, 11, 30))
    repealed = three.pages["2020/04/yzbf-2020-090/1/"].validity
    assert repealed.status is S.REPEALED
    repeal = [b for b in repealed.basis if b.kind is BasisKind.REPEAL]
    assert len(repeal) == 1 and repeal[0].path.startswith("2020/05/yzf-2020-009/#")
    assert "同时废止" in repeal[0].text and "阳政办发〔2020〕90号" in repeal[0].text
    assert repeal[0].label == "阳政发〔2020〕9号"
    amended = three.pages["2020/04/yzf-2020-007/1/"].validity
    assert amended.status is S.AMENDED and amended.effective_from == dt.date(2020, 9, 1)
    amendment = [b for b in amended.basis if b.kind is BasisKind.AMENDMENT]
    assert len(amendment) == 1 and amendment[0].path.startswith("2021/01/yzf-2021-001/#")
    assert "作如下修改" in amendment[0].text
    assert three.pages["2020/04/yzf-2020-007/2/"].validity.status is S.IN_FORCE  # its sibling is not amended
    # before the later documents take effect, the earlier ones are still in force
    assess(three, dt.date(2021, 1, 14))  # the amending decision takes effect on 公布, 2021-01-15
    assert three.pages["2020/04/yzf-2020-007/1/"].validity.status is S.IN_FORCE
    assert three.pages["2020/04/yzbf-2020-090/1/"].validity.status is S.REPEALED
    assess(three, dt.date(2021, 1, 15))
    assert three.pages["2020/04/yzf-2020-007/1/"].validity.status is S.AMENDED
    new_rule = three.pages["2020/05/yzf-2020-009/1/"].validity
    assert new_rule.effective_from == dt.date(2020, 10, 1)


def test_cited_by_includes_siblings_and_notices(seed_pages, fixture_archive):
    rule = seed_pages.pages["2020/04/yzf-2020-007/1/"]
    assert rule.cited_by == RULES_7[1:]  # its seven sibling 办法
    assert "2020/04/yzf-2020-007/" not in rule.cited_by  # the notice issuing it is no citation
    assert fixture_archive.pages["2022/01/xzf-2022-001/1/"].cited_by == ["2022/01/xzf-2022-002/", "2022/01/xzf-2022-002/1/"]


def test_references_list_documents_we_do_not_hold(seed_pages):
    pages = render_archive(seed_pages, {}, AS_OF)
    text = pages["2020/04/yzbf-2020-079/1/index.md"]
    cites = text.split("## 本文件引用", 1)[1].split("## 引用本文件的文件", 1)[0]
    assert "《阳泉市气象灾害应急预案》（阳政办发〔2017〕145号）<span class=\"gz-meta\">（本站未收录）</span>" in cites
    sibling = pages["2020/04/yzf-2020-007/2/index.md"].split("## 本文件引用", 1)[1].split("## 引用本文件的文件", 1)[0]
    assert "阳泉市重大行政决策程序规定</a>" in sibling


def test_front_matter_and_pages(seed_site):
    docs, site = seed_site.docs, seed_site.site
    checked = 0
    for md in docs.glob("2020/04/**/index.md"):
        meta = front_matter(md)
        if meta["kind"] not in ("notice", "embedded"):
            continue
        v = meta["validity"]
        assert (meta["status"] or None) == v["status"] and v["as_of"] == AS_OF.isoformat()
        assert set(v) >= {"status", "effective_from", "expires", "as_of", "basis"}
        assert all(set(b) == {"kind", "text", "url"} and b["kind"] in ("effective", "period", "repeal", "amendment", "title_period")
                   for b in v["basis"])
        checked += 1
    assert checked == 55
    meta = front_matter(docs / "2020/04/yzf-2020-008/1/index.md")["validity"]
    assert (meta["status"], meta["effective_from"], meta["expires"]) == ("已失效", "2020-09-20", "2025-09-19")
    assert meta["basis"] == [{"kind": "period", "text": "本办法有效期五年", "url": "/2020/04/yzf-2020-008/1/#art-15"},
                             {"kind": "effective", "text": "本办法自 2020 年 9 月 20 日起施行",
                              "url": "/2020/04/yzf-2020-008/1/#art-16"}]  # in the order of the text
    assert front_matter(docs / "2020/04/yzrz-2020-016/index.md")["validity"]["effective_from"] is None
    html = site / "2020/04/yzf-2020-008/1/index.html"
    text = page_text(html)
    assert "施行日期2020年9月20日" in text and "有效期至2025年9月19日" in text
    assert f"时效判断日期{AS_OF.isoformat()}" in text
    assert "已失效—第十五条：本办法有效期五年；第十六条：本办法自2020年9月20日起施行；2025年9月19日届满" in text
    banner = soup(html).select_one("article .gz-banner")
    assert banner is not None and "已失效" in banner.get_text()
    assert banner.select_one('a[href="#art-15"]') is not None
    assert soup(site / "2020/04/yzf-2020-007/1/index.html").select_one(".gz-banner") is None
    assert "时效不适用（任免文件不涉及时效）" in page_text(site / "2020/04/yzrz-2020-016/index.html")
    assert front_matter(docs / "2020/04/yzrz-2020-016/index.md")["validity"]["status"] is None
    silent = page_text(site / "2020/04/yzbf-2020-074/1/index.html")  # no clause, nothing later says otherwise
    assert "现行有效（本站收录范围内未见废止、修改或到期；收录范围）" in silent
    held = soup(site / "2020/04/yzbf-2020-074/1/index.html").select_one(".gz-card .gz-silent a")
    assert held is not None and held["href"] == "../../../../validity/#held"
    scope = soup(site / "validity/index.html").select_one("h2#held").find_next_sibling("p")
    assert squash(scope.get_text()).startswith("本站收录2020年第4期至2020年第4期（共1期）")


def test_three_issue_pages_carry_banners(three_issue_site):
    site = three_issue_site.site
    for path, word in (("2020/04/yzbf-2020-090/1/", "已废止"), ("2020/04/yzf-2020-007/1/", "已修改")):
        banner = soup(site / path / "index.html").select_one("article .gz-banner")
        assert banner is not None and word in banner.get_text(), path
    link = soup(site / "2020/04/yzf-2020-007/1/index.html").select_one(".gz-banner a[href*='2021/01/yzf-2021-001/']")
    assert link is not None


def test_validity_browse_page_and_csv(seed_site):
    text = page_text(seed_site.site / "validity/index.html")
    assert "已失效（9）" in text and "实施期已结束（" in text and "尚未生效（0）" in text and "已废止（0）" in text
    raw = (seed_site.site / "validity/validity.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = raw.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("类别,时效,标题,文号,发文机关")
    lapsed = [r for r in rows[1:] if r.startswith("已失效,")]
    assert len(lapsed) == 9 and sum(",2020-09-20,2025-09-19," in r for r in lapsed) == 6  # and their notice


def test_csv_cells_never_start_a_formula(fixture_archive):
    assess(fixture_archive, dt.date(2030, 1, 1))
    page = fixture_archive.pages["2022/01/xzf-2022-001/1/"]
    original = page.embedded.title
    page.embedded.title = "=HYPERLINK(1)+2"
    try:
        text = render_validity.csv_text(fixture_archive)
    finally:
        page.embedded.title = original
    assert ",'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_cli_json(project, capsys):
    project.add(SEED)
    assert run_validity(project.root, dt.date(2025, 6, 1), True, bulletins=project.bulletins,
                        out=(out := io.StringIO())) == 0
    data = json.loads(out.getvalue())
    assert data["as_of"] == "2025-06-01" and len(data["documents"]) == 55
    row = next(d for d in data["documents"] if d["url"] == "/2020/04/yzf-2020-008/2/")
    assert set(row) == {"title", "doc_number", "url", "status", "effective_from", "expires", "basis"}
    assert (row["status"], row["effective_from"], row["expires"]) == ("现行有效", "2020-09-20", "2025-09-19")
    assert [b["url"] for b in row["basis"]] == ["/2020/04/yzf-2020-008/2/#art-10", "/2020/04/yzf-2020-008/2/#art-11"]
    again = io.StringIO()
    run_validity(project.root, dt.date(2025, 6, 1), True, bulletins=project.bulletins, out=again)
    assert again.getvalue() == out.getvalue()


def test_same_date_same_pages_and_a_new_date_changes_only_changed_statuses(seed):
    first, second = link_archive([seed]), link_archive([seed])
    assert render_archive(first, {}, AS_OF) == render_archive(second, {}, AS_OF)
    before = render_archive(first, {}, dt.date(2025, 6, 1))
    statuses = {p: first.pages[p].status for p in first.pages}
    after = render_archive(first, {}, AS_OF)
    changed_status = {p for p in first.pages if first.pages[p].status != statuses[p]}
    assert changed_status == set(RULES_8) | {"2020/04/yzf-2020-008/"}
    changed_pages = {k for k in after if _body(after[k]) != _body(before[k])}
    document_pages = {k.removesuffix("index.md") for k in changed_pages if k.startswith("2020/04/yzf")}
    assert document_pages == changed_status  # the as-of date itself is not in any page's body


def _body(text: str) -> str:
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") else text


def front_matter_of(text: str) -> dict:
    return yaml.safe_load(text.split("\n---\n", 1)[0][4:])


def test_rebuild_with_a_new_date_converts_only_the_changed_pages(project):
    project.add(SEED)
    assert project.build(as_of=dt.date(2025, 6, 1)) == 0
    before = {p.relative_to(project.docs): p.read_text(encoding="utf-8") for p in project.docs.rglob("*.md")}
    assert project.build(as_of=AS_OF) == 0
    after = {p.relative_to(project.docs): p.read_text(encoding="utf-8") for p in project.docs.rglob("*.md")}
    changed = sorted(str(k) for k in after if _body(after[k]) != _body(before[k]))
    # Document pages change only where their status changed; the rest are the lists that show
    # statuses or deadline states as of the date (时效, unit ledgers, topics, categories …).
    status_changed = {str(k) for k in after if k.parts[0].isdigit()
                      and front_matter_of(after[k]).get("status") != front_matter_of(before[k]).get("status")}
    assert {c for c in changed if c.split("/")[0].isdigit()} == status_changed, changed
    assert len(status_changed) < 20
    assert f"已生成网站：{len(changed)} 个页面重新排版" in project.log, (changed, project.log)
    assert f"时效判断日期 {AS_OF.isoformat()}：现行有效 27，已失效 9，实施期已结束 14" in project.log
    assert {"2020/04/yzf-2020-008/1/index.md", "validity/index.md"} <= set(changed)
    assert "2020/04/yzf-2020-007/1/index.md" not in changed
    html = (project.site / "2020/04/yzf-2020-007/1/index.html").read_text(encoding="utf-8")
    assert f"时效判断日期 {AS_OF.isoformat()}" in html  # reused conversion, date from the front-matter
    shutil.rmtree(project.root / ".cache")


def test_cli_command_line(project, capsys):
    from gazette.cli import main

    project.add(SEED)
    assert main(["validity", "--root", str(project.root), "--as-of", "2020-09-10"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "时效判断日期 2020-09-10（共 55 件）"
    rule = next(line for line in lines if line.endswith("/2020/04/yzf-2020-008/6/"))
    assert rule.startswith("尚未生效\t施行 2020-09-20 有效期至 2025-09-19\t阳政发〔2020〕8号\t阳泉市行政规范性文件清理规定")
    with pytest.raises(SystemExit):
        main(["validity", "--as-of", "2020-13-01"])
    assert "日期应写作 YYYY-MM-DD" in capsys.readouterr().err


def test_cli_bad_input_is_one_line(project, capsys):
    from gazette.cli import main

    (project.bulletins / "2020-04.txt").write_bytes(b"")
    assert main(["validity", "--root", str(project.root)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("错误：") and "2020-04.txt" in err[0]
    assert "Traceback" not in err[0]
