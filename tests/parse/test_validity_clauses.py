"""施行 / 有效期 clauses: every wording, on single paragraphs and on a small fixture bulletin."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette.model import BasisKind
from gazette.parse.loader import parse_file
from gazette.parse.validity import clauses_in, provisional
from tests.support import BULLETINS

OWN = dt.date(2022, 1, 10)


def one(text: str, kind: BasisKind):
    found = [c for c in clauses_in(text, 7, "art-3", "第三条", OWN) if c.kind is kind]
    assert len(found) == 1, (text, found)
    return found[0]


@pytest.mark.parametrize(("text", "starts"), [
    ("第十六条 本办法自2020年9月20日起施行。", dt.date(2020, 9, 20)),
    ("本规定自 2020 年 9 月 1 日起实施。", dt.date(2020, 9, 1)),
    ("本方案自2021年3月1日起执行。", dt.date(2021, 3, 1)),
    ("本决定自2021年1月1日起生效。", dt.date(2021, 1, 1)),
    ("本办法自印发之日起执行。", OWN),
    ("本办法自发布之日起施行，《某办法》同时废止。", OWN),
    ("本决定自公布之日起施行。", OWN),
    ("本办法自公布之日起30日后施行。", OWN + dt.timedelta(days=30)),
    ("本办法自公布之日起三十日后施行。", OWN + dt.timedelta(days=30)),
    ("现予公布，自2021年3月1日起施行。", dt.date(2021, 3, 1)),
])
def test_effective_wordings(text, starts):
    clause = one(text, BasisKind.EFFECTIVE)
    assert clause.starts == starts
    assert (clause.line, clause.anchor, clause.label) == (7, "art-3", "第三条")
    assert "第十六条" not in clause.text and clause.text in text  # the clause, verbatim, without its label


def test_relative_effective_date_is_unknown_without_the_documents_date():
    clause = clauses_in("本办法自印发之日起施行。", 1, "", "", None)[0]
    assert (clause.starts, clause.relative) == (None, "印发")


@pytest.mark.parametrize(("text", "years", "months", "until"), [
    ("第十五条 本办法有效期五年，法律、法规与本办法不一致的，以新规定为准。", 5, 0, None),
    ("本规定有效期3年。", 3, 0, None),
    ("本意见自发布之日起实施，有效期两年。", 2, 0, None),
    ("本办法有效期十八个月。", 0, 18, None),
    ("本办法有效期为6个月。", 0, 6, None),
    ("本规定自2022年3月1日起施行，有效期至2023年12月31日。", 0, 0, dt.date(2023, 12, 31)),
])
def test_period_wordings(text, years, months, until):
    clause = one(text, BasisKind.PERIOD)
    assert (clause.years, clause.months, clause.until) == (years, months, until)


@pytest.mark.parametrize("text", [
    "协助其申办有效期5年以内的长期签证或居留许可。",  # a visa's validity, not the document's
    "保存期限自采购结束之日起不少于十五年。",
    "应当自受理申请之日起10个工作日内作出决定。",
    "我局发布的《阳泉市XX办法》，已于XX年XX月XX日起正式施行。",
    "《条例》自2020年1月1日起施行以来，成效明显。",  # another document's date
    "起草说明应当载明施行日期等。",
    "本市自2021年1月1日起实施居住证积分制度。",  # the city, not the document
    "本单位有效期内的资质证书应当公示。",
])
def test_text_about_something_else_is_not_a_clause(text):
    assert clauses_in(text, 1, "", "", OWN) == []


def test_provisional_from_the_title():
    assert provisional("阳泉市政府投资信息化项目管理办法（暂行）") == "暂行"
    assert provisional("忻州市农村供水工程管护办法（试行）") == "试行"
    assert provisional("阳泉市重大行政决策程序规定") is None


def test_fixture_bulletin_clauses_with_their_anchors(registry):
    parsed = parse_file(BULLETINS / "validity-2022-01.txt", registry)
    assert parsed.report.coverage == 1.0 and not parsed.report.errors
    by_number = {d.doc_number: d for d in parsed.documents}
    digging = by_number["忻政发〔2022〕1号"].embedded[0]
    assert [(c.kind, c.anchor, c.label, c.starts, c.years) for c in digging.validity_clauses] == [
        (BasisKind.EFFECTIVE, "art-3", "第三条", dt.date(2022, 2, 9), 0), (BasisKind.PERIOD, "art-3", "第三条", None, 3)]
    opinion = by_number["忻政发〔2022〕3号"]  # a document without embedded regulations: its own clauses
    assert [(c.kind, c.anchor, c.starts) for c in opinion.validity_clauses] == [
        (BasisKind.EFFECTIVE, "s2", dt.date(2022, 1, 25)), (BasisKind.PERIOD, "s2", None)]
    water = by_number["忻政办发〔2022〕4号"].embedded[0]
    assert water.provisional == "试行" and water.validity_clauses[1].months == 18
    plan = by_number["忻政办发〔2022〕5号"].embedded[0]
    assert plan.validity_clauses == []  # 有效期5年以内的签证 is no clause, and nothing is guessed
    assert all(d.validity_clauses == [] for d in parsed.documents if d.embedded)  # notices state nothing


def test_seed_clauses(seed):
    by_number = {d.doc_number: d for d in seed.documents}
    rules = by_number["阳政发〔2020〕8号"].embedded
    assert len(rules) == 6
    for rule in rules:
        kinds = {c.kind: c for c in rule.validity_clauses}
        assert kinds[BasisKind.EFFECTIVE].starts == dt.date(2020, 9, 20)
        assert kinds[BasisKind.PERIOD].years == 5
        assert kinds[BasisKind.PERIOD].anchor.startswith("art-")
    assert [c.label for c in rules[0].validity_clauses] == ["第十五条", "第十六条"]
    plan = by_number["阳政办发〔2020〕79号"].embedded[0]
    assert [(c.relative, c.starts) for c in plan.validity_clauses] == [("印发", dt.date(2020, 7, 23))]
    repeal = next(c for c in plan.citations if c.kind == "文号" and c.repeals)
    assert repeal.anchor == plan.validity_clauses[0].anchor  # the repeal keeps its clause's anchor
