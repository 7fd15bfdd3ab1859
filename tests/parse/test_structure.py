from gazette.parse.lines import classify_lines
from gazette.parse.paragraphs import join_lines
from gazette.parse.structure import build_body


def _body(lines):
    return build_body(join_lines(classify_lines(lines)))


def test_chapters_articles_items_and_anchors():
    result = _body(["第一章 总 则", "第一条 为了规范。", "第二条 包括：", "（一）甲；", "（二）乙。",
                    "法律另有规定的，依照其规定。", "第二章 附 则", "第三条 本办法自公布之日起施行。"])
    body = result.body
    assert [u.label for u in body.chapters] == ["第一章", "第二章"]
    second = body.articles[1]
    assert [c.label for c in second.children] == ["（一）", "（二）"]
    assert [c.anchor for c in second.children] == ["art-2-1", "art-2-2"]
    # a 款 after a list belongs to the article, in source order
    assert [getattr(x, "label", None) or x.text for x in second.ordered()][-1] == "法律另有规定的，依照其规定。"
    assert result.findings == []


def test_plan_numbering_and_continuous_items_across_sections():
    result = _body(["一、总体要求", "（一）指导思想", "1. 甲。", "2. 乙。", "（二）任务", "3. 丙。", "4. 丁。"])
    assert result.findings == []
    assert [u.anchor for u in result.body.walk_units()] == ["s1", "s1-1", "s1-1-1", "s1-1-2", "s1-2", "s1-2-3", "s1-2-4"]


def test_gaps_repeats_and_order_are_findings_and_notes():
    result = _body(["第一条 甲。", "第二条 乙：", "（一）a；", "（二）b；", "（四）d。", "第四条 丁。", "第三条 丙。"])
    codes = [(f.code, f.line) for f in result.findings]
    assert ("numbering-gap", 5) in codes
    assert ("out-of-order", 6) in codes
    article_four = result.body.articles[2]
    assert article_four.notes and "顺序" in article_four.notes[0].message


def test_article_cut_mid_sentence_is_flagged():
    result = _body(["第一条 执行中出现情形的，可以先决定中", "止执行；", "第二条 本办法自公布之日起施行。"])
    assert [f.code for f in result.findings] == ["text-cut-off"]


def test_decimal_numbering():
    result = _body(["1 总则", "1.1 编制目的", "为提高能力，编制本预案。", "2 组织指挥体系", "2.1 指挥部", "3.4.1 Ⅳ级响应"])
    assert [u.anchor for u in result.body.walk_units()][:5] == ["s1", "s1-1", "s2", "s2-1", "s3-4-1"]
