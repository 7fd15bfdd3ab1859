"""Layouts real bulletins use beyond the seed, each a general rule (fixture: xinzhou-2022-03.txt)."""

from __future__ import annotations

import pytest

from gazette.parse.issue import parse_source
from gazette.parse.loader import parse_file
from gazette.parse.validate import document_blocks
from gazette.source.reader import SourceText
from tests.support import BULLETINS

FIXTURE = BULLETINS / "xinzhou-2022-03.txt"


@pytest.fixture(scope="module")
def layouts(registry):
    return parse_file(FIXTURE, registry)


def lines_of(text: str) -> list[str]:
    return text.split("\n")


def by_number(parsed, number):
    return next(d for d in parsed.documents if d.doc_number == number)


def test_running_heads_and_page_numbers_in_the_text_are_removed_and_reported(layouts):
    furniture = [(f.line, f.message) for f in layouts.report.findings if f.code == "page-furniture"]
    source = lines_of(FIXTURE.read_text(encoding="utf-8"))
    assert [line for line, _ in furniture] == [23, 25, 52, 54]
    assert [source[line - 1] for line, _ in furniture] == ["忻州市人民政府公报 2022年第3期", "— Ⅰ —"] * 1 + [
        "忻州市人民政府公报 2022年第3期", "— 2 —"]
    texts = [getattr(b, "text", "") for d in layouts.documents for b in document_blocks(d)]
    assert not any("公报" in t or "—" in t for t in texts)
    regulation = layouts.documents[0].embedded[0]
    assert [a.label for a in regulation.body.articles] == ["第一条", "第二条", "第三条", "第四条", "第五条"]
    assert not [f for f in layouts.report.findings if f.code == "text-cut-off"]
    # The cover prints the same name: it stays cover text.
    assert layouts.cover[0].text == "忻州市人民政府公报"


def test_toc_over_two_pages_without_categories(layouts):
    assert [(e.doc_number, e.page, e.category) for e in layouts.toc] == [
        ("忻州市人民政府令第12号", 1, None), ("忻州市人民政府公告2022年第1号", 4, None), ("忻政发〔2022〕9号", 5, None),
        ("忻政办发〔2022〕15号", 9, None), ("忻办发〔2022〕3号", 10, None)]
    assert layouts.toc[2].title == "忻州市人民政府关于印发忻州市2022年深化“放管服效”改革优化营商环境工作要点的通知"
    assert len(layouts.toc[2].lines) == 3
    assert [h.text for h in layouts.toc_headings] == ["目 录", "目录（续）"]
    assert not [f for f in layouts.report.findings if f.code.startswith("toc-")]


def test_title_wrapped_over_three_lines_keeps_its_first_line(layouts):
    document = by_number(layouts, "忻政发〔2022〕9号")
    assert len(document.title_lines) == 3 and document.title.startswith("忻州市人民政府关于印发")
    previous = by_number(layouts, "忻州市人民政府公告2022年第1号")
    assert previous.last_line < document.title_lines[0]
    plan = document.embedded[0]
    assert plan.title == "忻州市2022年深化“放管服效”改革优化营商环境工作要点" and len(plan.title_lines) == 2
    assert [t.lead[0].canonical for t in document.all_tasks][0] == "市行政审批服务管理局"


def test_doc_number_printed_above_the_title(layouts):
    document = by_number(layouts, "忻政办发〔2022〕15号")
    assert document.doc_number_line < document.title_lines[0] == document.doc_number_line + 2
    assert document.first_line == document.doc_number_line
    assert document.closing[0].role == "addressee" and document.closing[0].lines == [document.title_lines[-1] + 2]
    # The previous document keeps its last line (附件：…（略）) and nothing of this one.
    previous = by_number(layouts, "忻政发〔2022〕9号")
    assert previous.last_line == document.doc_number_line - 1
    assert not [f for f in layouts.report.findings if f.code == "orphan-doc-number"]


def test_joint_document_with_two_issuers(layouts):
    document = by_number(layouts, "忻办发〔2022〕3号")
    assert document.issuer == "中共忻州市委办公室、忻州市人民政府办公室"
    assert document.signature.text == "中共忻州市委办公室　　忻州市人民政府办公室"
    assert not [f for f in layouts.report.findings if f.code == "issuer-mismatch"]


def test_order_and_numbered_announcement(layouts):
    order, announcement = layouts.documents[:2]
    assert (order.doc_number, order.title, order.issuer) == ("忻州市人民政府令第12号", "忻州市城市绿化管理办法", "忻州市人民政府")
    assert (announcement.doc_number_raw, announcement.issuer) == ("忻州市人民政府公告2022 年第 1 号", "忻州市人民政府")
    assert announcement.public and len(announcement.body.units) == 2


def parse_lines(text: str, registry, name="2022-01"):
    lines = text.strip("\n").split("\n")
    return parse_source(SourceText(FIXTURE.with_name(f"{name}.txt"), lines, "utf-8", "0" * 64), registry)


COVER = "某市人民政府公报\n\n2022 年第 1 期\n\n某市人民政府办公室 主管主办\n\n2022 年 1 月 31 日出版 (月刊)\n\n"


def test_title_over_two_lines_after_text_cut_off(registry):
    """The issue's report: the first title line was taken as the previous document's cut-off text."""
    text = COVER + (
        "某市人民政府关于甲事项的通知\n\n某政发〔2022〕1号\n\n各县（区）人民政府：\n\n现将有关事项通知如下：请遵照执行，确保\n\n"
        "某市人民政府\n\n2022年1月5日\n\n附件：甲事项清单（略）\n\n"
        "某市人民政府关于加强乙事项管理工作\n\n有关问题和下一步工作要求的通知\n\n某政发〔2022〕2号\n\n各县（区）人民政府：\n\n乙事项通知如下。\n\n"
        "某市人民政府\n\n2022年1月9日\n")
    parsed = parse_lines(text, registry)
    assert [d.title for d in parsed.documents] == [
        "某市人民政府关于甲事项的通知", "某市人民政府关于加强乙事项管理工作有关问题和下一步工作要求的通知"]
    assert parsed.report.coverage == 1.0


def test_issuer_on_its_own_line_above_a_wrapped_title(registry):
    text = COVER + (
        "某市人民政府办公室\n\n关于印发某市丙工作\n\n实施方案的通知\n\n某政办发〔2022〕3号\n\n各县（区）人民政府：\n\n现印发给你们。\n\n"
        "某市人民政府办公室\n\n2022年1月9日\n")
    parsed = parse_lines(text, registry)
    assert [(d.title, d.issuer) for d in parsed.documents] == [
        ("某市人民政府办公室关于印发某市丙工作实施方案的通知", "某市人民政府办公室")]


@pytest.mark.parametrize("signature", ["中共某市委办公室　　某市人民政府办公室", "中共某市委办公室\t某市人民政府办公室"])
def test_joint_issuers_stacked_in_the_heading_signing_side_by_side(registry, signature):
    """The heading names the two issuers on two lines; the PDF import turns a wide gap into a tab."""
    text = COVER + (
        "中共某市委办公室\n\n某市人民政府办公室\n\n关于印发某市丁工作方案的通知\n\n某办发〔2022〕4号\n\n各县（区）委和人民政府：\n\n"
        f"现印发给你们。\n\n{signature}\n\n2022年1月9日\n")
    parsed = parse_lines(text, registry)
    (document,) = parsed.documents
    assert document.title == "中共某市委办公室某市人民政府办公室关于印发某市丁工作方案的通知"
    assert document.issuer == "中共某市委办公室、某市人民政府办公室"
    assert not [f for f in parsed.report.findings if f.code == "issuer-mismatch"] and parsed.report.coverage == 1.0
