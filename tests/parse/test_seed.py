"""Acceptance on the real bulletin (阳泉市人民政府公报 2020年第4期), values checked by reading it."""

from __future__ import annotations

import datetime as dt

# 文号, issuer, date, category, page — as printed (body and 目录).
EXPECTED = [
    ("阳政发〔2020〕6号", "阳泉市人民政府", "2020-07-30", "政府文件", 1),
    ("阳政发〔2020〕7号", "阳泉市人民政府", "2020-08-12", "政府文件", 2),
    ("阳政发〔2020〕8号", "阳泉市人民政府", "2020-08-31", "政府文件", 15),
    ("阳政任字〔2020〕16号", "阳泉市人民政府", "2020-07-06", "人事任免", 27),
    ("阳政任字〔2020〕17号", "阳泉市人民政府", "2020-07-29", "人事任免", 27),
    ("阳政任字〔2020〕18号", "阳泉市人民政府", "2020-07-29", "人事任免", 27),
    ("阳政任字〔2020〕19号", "阳泉市人民政府", "2020-08-11", "人事任免", 28),
    ("阳政任字〔2020〕20号", "阳泉市人民政府", "2020-08-11", "人事任免", 28),
    ("阳政办发〔2020〕70号", "阳泉市人民政府办公室", "2020-07-03", "市政府办公室文件", 28),
    ("阳政办发〔2020〕73号", "阳泉市人民政府办公室", "2020-07-10", "市政府办公室文件", 35),
    ("阳政办发〔2020〕74号", "阳泉市人民政府办公室", "2020-07-11", "市政府办公室文件", 38),
    ("阳政办发〔2020〕76号", "阳泉市人民政府办公室", "2020-07-17", "市政府办公室文件", 42),
    ("阳政办发〔2020〕78号", "阳泉市人民政府办公室", "2020-07-23", "市政府办公室文件", 44),
    ("阳政办发〔2020〕79号", "阳泉市人民政府办公室", "2020-07-23", "市政府办公室文件", 48),
    ("阳政办发〔2020〕80号", "阳泉市人民政府办公室", "2020-07-28", "市政府办公室文件", 53),
    ("阳政办发〔2020〕81号", "阳泉市人民政府办公室", "2020-07-28", "市政府办公室文件", 61),
    ("阳政办发〔2020〕82号", "阳泉市人民政府办公室", "2020-07-29", "市政府办公室文件", 65),
    ("阳政办发〔2020〕83号", "阳泉市人民政府办公室", "2020-07-30", "市政府办公室文件", 69),
    ("阳政办发〔2020〕84号", "阳泉市人民政府办公室", "2020-08-07", "市政府办公室文件", 75),
    ("阳政办发〔2020〕85号", "阳泉市人民政府办公室", "2020-08-14", "市政府办公室文件", 81),
    ("阳政办发〔2020〕86号", "阳泉市人民政府办公室", "2020-08-17", "市政府办公室文件", 84),
    ("阳政办发〔2020〕88号", "阳泉市人民政府办公室", "2020-08-18", "市政府办公室文件", 88),
    ("阳政办发〔2020〕90号", "阳泉市人民政府办公室", "2020-08-26", "市政府办公室文件", 94),
    ("阳政办函〔2020〕102号", "阳泉市人民政府办公室", "2020-07-30", "市政府办公室文件", 95),
    ("阳政办函〔2020〕112号", "阳泉市人民政府办公室", "2020-08-18", "市政府办公室文件", 96),
    ("阳政办函〔2020〕117号", "阳泉市人民政府办公室", "2020-08-27", "市政府办公室文件", 97),
]

# Article-structured regulations: (title, chapters, articles).
REGULATIONS = [
    ("阳泉市重大行政决策程序规定", 10, 44),
    ("阳泉市人民政府重大行政决策启动办法", 0, 10),
    ("阳泉市重大行政决策公众参与办法", 0, 15),
    ("阳泉市重大行政决策专家论证办法", 0, 15),
    ("阳泉市重大行政决策风险评估办法", 0, 14),
    ("阳泉市重大行政决策合法性审查办法（修订）", 0, 17),
    ("阳泉市重大行政决策集体讨论决定办法", 0, 11),
    ("阳泉市重大行政决策后评估办法", 0, 18),
    ("阳泉市行政规范性文件制定程序办法", 0, 16),
    ("阳泉市行政规范性文件合法性审核规定", 0, 11),
    ("阳泉市行政规范性文件“三统一”规定", 0, 11),
    ("阳泉市行政规范性文件备案审查程序规定", 0, 14),
    ("阳泉市行政规范性文件异议审查处理规定", 0, 21),
    ("阳泉市行政规范性文件清理规定", 0, 10),
    ("阳泉市政府投资信息化项目管理办法（暂行）", 5, 27),
    ("阳泉市市级应急政府采购管理暂行办法", 0, 15),
]


def test_issue_cover(seed):
    issue = seed.issue
    assert (issue.title, issue.year, issue.number, issue.total_number) == ("阳泉市人民政府公报", 2020, 4, 4)
    assert issue.date == dt.date(2020, 8, 31)
    assert (issue.publisher, issue.frequency, issue.key) == ("阳泉市人民政府办公室", "双月刊", "2020-04")


def test_toc_lists_26_documents_in_three_categories(seed):
    assert len(seed.toc) == 26
    assert [e.category for e in seed.toc].count("人事任免") == 5
    assert {e.category for e in seed.toc} == {"政府文件", "人事任免", "市政府办公室文件"}
    assert seed.toc[0].title == "阳泉市人民政府关于向阳泉经济技术开发区管委会授予行政权力事项的通知"


def test_all_26_documents_with_number_issuer_date_category_page(seed):
    got = [(d.doc_number, d.issuer, d.date.isoformat(), d.category, d.page) for d in seed.documents]
    assert got == EXPECTED


def test_29_embedded_documents_with_titles(seed):
    embedded = [e for d in seed.documents for e in d.embedded]
    assert len(embedded) == 29
    by_notice = {d.doc_number: [e.title for e in d.embedded] for d in seed.documents}
    assert len(by_notice["阳政发〔2020〕7号"]) == 8 and len(by_notice["阳政发〔2020〕8号"]) == 6
    assert by_notice["阳政办发〔2020〕70号"] == ["关于促进3岁以下婴幼儿照护服务发展的实施方案"]
    assert by_notice["阳政办发〔2020〕82号"] == ["阳泉市城镇老旧小区改造三年行动计划（2020-2022年）"]
    assert by_notice["阳政办函〔2020〕117号"] == []


def test_article_counts_of_the_regulations(seed):
    found = {e.title: (len(e.body.chapters), len(e.body.articles)) for d in seed.documents for e in d.embedded}
    for title, chapters, articles in REGULATIONS:
        assert found[title] == (chapters, articles), title
    procedure = next(e for d in seed.documents for e in d.embedded if e.title == "阳泉市重大行政决策程序规定")
    assert [a.label for a in procedure.body.articles][16] == "第十七条"
    assert procedure.body.articles[16].anchor == "art-17"


def test_attachments_and_forms_are_not_embedded_documents(seed):
    plan = seed.documents[8].embedded[0]
    assert [(a.label, a.title) for a in plan.attachments] == [
        ("附件1", "阳泉市3岁以下婴幼儿照护服务工作联席会议制度"), ("附件2", "阳泉市促进婴幼儿照护服务发展部门职责分工")]
    rules = seed.documents[2].embedded
    assert [a.title for a in rules[0].attachments][0] == "关于征集XX年度行政规范性文件计划的函"


def test_over_200_tasks_all_with_lead_units_all_known(seed):
    tasks = [t for d in seed.documents for t in d.all_tasks]
    assert len(tasks) >= 200
    assert all(t.lead for t in tasks)
    unknown = {r.raw for t in tasks for r in (*t.lead, *t.co, *t.implementing) if r.canonical is None}
    assert unknown == set()


def test_unit_spellings_map_to_one_unit(seed):
    raws = {}
    for d in seed.documents:
        for t in d.all_tasks:
            for r in (*t.lead, *t.co, *t.implementing):
                raws.setdefault(r.canonical, set()).add(r.raw)
    assert {"市发改委", "市发展改革委"} <= raws["市发展和改革委员会"]
    assert {"市卫健委", "市卫生健康委员会"} <= raws["市卫生健康委员会"]


def test_missing_and_scrambled_text_is_flagged_at_its_line(seed):
    findings = {(f.code, f.line) for f in seed.report.findings}
    assert ("text-cut-off", 322) in findings  # 程序规定 第三十四条 ends mid-sentence
    assert ("numbering-gap", 980) in findings  # 合法性审核规定 第五条 (五) -> (七)
    assert ("numbering-gap", 2943) in findings  # 82号 5. -> 7.
    assert ("out-of-order", 752) in findings  # 集体讨论决定办法 第十条 before 第八条
    assert ("text-out-of-order", 1485) in findings  # 17号 removals before 免去：
    columns = {f.document for f in seed.report.findings if f.code == "columns-interleaved"}
    assert columns == {"阳政办函〔2020〕102号", "阳政办函〔2020〕112号"}


def test_toc_and_body_title_disagreements(seed):
    mismatched = {f.document for f in seed.report.findings if f.code == "toc-title-mismatch"}
    assert mismatched == {"阳政办发〔2020〕76号", "阳政办函〔2020〕102号", "阳政办函〔2020〕112号", "阳政办函〔2020〕117号"}


def test_every_non_blank_line_belongs_to_exactly_one_block(seed):
    assert seed.report.coverage == 1.0
    assert seed.report.unassigned == [] and seed.report.duplicated == []
    assert seed.report.content_lines == sum(1 for line in seed.lines if line.strip())
    assert not seed.report.errors


def test_appointments(seed):
    people = {(a.person, a.action) for d in seed.documents for a in d.appointments}
    assert ("周培源", "任命") in people and ("李君", "免去") in people and ("杨慧新", "提名免去") in people
    dong = [a for a in seed.documents[4].appointments if a.person == "董璋"]
    assert {a.action for a in dong} == {"任命", "免去"}
    assert dong[0].organisation == "阳泉市中小企业服务中心（阳泉市民营企业服务中心）" and dong[0].position == "主任"


def test_repeal_and_citations(seed):
    meteorology = seed.documents[13]
    assert any(c.key == "阳政办发〔2017〕145号" and c.repeals for c in meteorology.citations)
    rule = seed.documents[1].embedded[1]
    assert any(c.kind == "title" and c.key == "阳泉市重大行政决策程序规定" for c in rule.citations)
