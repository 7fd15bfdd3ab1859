"""General wordings of repeals, lapses, amendments, periods and article citations (issue 20):
each rule on made-up sentences in several wordings, none keyed to a particular document."""

from __future__ import annotations

import datetime as dt

import pytest

from gazette.model import Body, Paragraph, Table, Unit
from gazette.parse.citations import citations_in_text, collect_citations
from gazette.parse.validity import clauses_in, title_period


@pytest.mark.parametrize("sentence", [
    "《某市城市绿化管理办法》（某政发〔2015〕3号）同时废止。",
    "原《某市城市绿化管理办法》（某政发〔2015〕3号）予以废止。",
    "《某市城市绿化管理办法》（某政发〔2015〕3号）自本办法施行之日起停止执行。",
    "2015年印发的《某市城市绿化管理办法》（某政发〔2015〕3号）不再执行。",
])
def test_repeal_wordings_give_the_title_its_doc_number(sentence):
    title = next(c for c in citations_in_text(sentence, 1) if c.kind == "title")
    assert (title.repeals, title.lapses, title.numbers) == (True, False, ("某政发〔2015〕3号",))
    number = next(c for c in citations_in_text(sentence, 1) if c.kind == "文号")
    assert number.qualifier  # the 文号 says which document the title means; the title is the reference


def test_declared_lapsed_inline_and_by_heading():
    inline = next(c for c in citations_in_text("《某市2019年行动计划》（某政办发〔2019〕8号）宣布失效。", 1) if c.kind == "title")
    assert (inline.lapses, inline.repeals) == (True, False)

    def unit(title: str, item: str) -> Unit:
        heading = Paragraph(title, [1])
        return Unit("part", title.split("、")[0] + "、", 1, heading, True, blocks=[Paragraph(item, [2])])

    body = Body(units=[unit("一、决定废止的规范性文件", "1.《某市甲办法》（某政发〔2016〕1号）"),
                       unit("二、宣布失效的规范性文件", "1.《某市乙方案》（某政办发〔2018〕2号）")])
    found = {c.key: c for c in collect_citations(body) if c.kind == "title"}
    assert (found["某市甲办法"].repeals, found["某市甲办法"].lapses) == (True, False)
    assert (found["某市乙方案"].repeals, found["某市乙方案"].lapses) == (False, True)


def test_a_repeal_decision_table_gives_each_row_its_cue():
    table = Table([["序号", "文件名称", "文号", "清理结果"],
                   ["1", "某市甲办法", "某政发〔2016〕1号", "废止"],
                   ["2", "某市乙方案", "某政办发〔2018〕2号", "宣布失效"],
                   ["3", "某市丙意见", "某政发〔2017〕5号", "继续有效"]], [1, 2, 3, 4])
    found = {c.key: c for c in collect_citations(Body(blocks=[table]))}
    assert found["某政发〔2016〕1号"].repeals and not found["某政发〔2016〕1号"].lapses
    assert found["某政办发〔2018〕2号"].lapses and not found["某政办发〔2018〕2号"].repeals
    assert not (found["某政发〔2017〕5号"].repeals or found["某政发〔2017〕5号"].lapses)


def test_amendment_decision_names_every_version_it_was_amended_by():
    text = "决定对《某市决策程序规定》（某政发〔2020〕7号印发，根据某政发〔2021〕5号修改）作如下修改："
    title = next(c for c in citations_in_text(text, 1) if c.kind == "title")
    assert title.revises and title.numbers == ("某政发〔2020〕7号", "某政发〔2021〕5号")
    # 修改后的《X》 is the new text, not an amendment of X
    assert not next(c for c in citations_in_text("为贯彻落实修改后的《某市决策程序规定》，现通知如下。", 1)).revises


@pytest.mark.parametrize(("text", "article", "paragraph"), [
    ("依照《某市决策程序规定》第十一条规定举行听证。", 11, None),
    ("根据《某市决策程序规定》第四条第二款的规定。", 4, 2),
    ("按照《某市决策程序规定》（某政发〔2020〕7号印发）第33条执行。", 33, None),
])
def test_article_citations(text, article, paragraph):
    title = next(c for c in citations_in_text(text, 1) if c.kind == "title")
    assert (title.article, title.paragraph_no) == (article, paragraph)
    assert text[title.start:title.link_end].endswith("条" if paragraph is None else "款")


def test_several_articles_of_one_title():
    found = [c for c in citations_in_text("根据《某市文件清理规定》第四条、第七条和第九条规定。", 1) if c.kind == "title"]
    assert [c.article for c in found] == [4, 7, 9] and {c.key for c in found} == {"某市文件清理规定"}


@pytest.mark.parametrize(("text", "starts", "until", "years"), [
    ("本办法自2021年3月1日起施行，有效期五年。", dt.date(2021, 3, 1), None, 5),
    ("本措施自印发之日起施行，有效期至2022年12月31日。", dt.date(2021, 2, 1), dt.date(2022, 12, 31), 0),
    ("本办法自2021年3月1日起施行，至2023年2月28日止。", dt.date(2021, 3, 1), dt.date(2023, 2, 28), 0),
    ("以上措施自即日起至2021年6月30日执行。", dt.date(2021, 2, 1), dt.date(2021, 6, 30), 0),
    ("本规定自2021年3月1日起至2024年2月29日止施行。", dt.date(2021, 3, 1), dt.date(2024, 2, 29), 0),
    ("本办法自印发之日起施行，有效期限为五年。", dt.date(2021, 2, 1), None, 5),
    ("本意见自2021年5月1日起实施，有效期截止到2024年4月30日。", dt.date(2021, 5, 1), dt.date(2024, 4, 30), 0),
    ("本方案执行期限为2021年1月1日至2022年12月31日。", dt.date(2021, 1, 1), dt.date(2022, 12, 31), 0),
    ("本办法自2021年3月1日起施行，2026年2月28日废止。", dt.date(2021, 3, 1), dt.date(2026, 2, 27), 0),
    ("本办法自二〇二一年三月一日起施行，有效期至二〇二三年十二月三十一日。", dt.date(2021, 3, 1), dt.date(2023, 12, 31), 0),
    ("本办法自2021年3月1日起试行，有效期2年。", dt.date(2021, 3, 1), None, 2),
])
def test_validity_period_forms(text, starts, until, years):
    found = clauses_in(text, 1, "", "", dt.date(2021, 2, 1))
    assert next(c.starts for c in found if c.starts) == starts
    period = next(c for c in found if c.kind.value == "period")
    assert (period.until, period.years) == (until, years)


@pytest.mark.parametrize(("title", "last"), [
    ("某市2021年大气污染防治工作方案", dt.date(2021, 12, 31)),
    ("某市人民政府2022年度重大行政决策事项目录", dt.date(2022, 12, 31)),
    ("某市农村人居环境整治三年行动计划（2021-2023年）", dt.date(2023, 12, 31)),
    ("某市农村人居环境整治行动方案（2021—2025年）", dt.date(2025, 12, 31)),
    ("某市“十四五”生态环境保护规划", dt.date(2025, 12, 31)),
    ("某市气象灾害应急预案（2020年修订）", None),
    ("关于做好2021年9月防汛工作的通知", None),
    ("某市城市集中供热管理办法", None),
])
def test_periods_named_by_titles(title, last):
    found = title_period(title)
    assert (found[0] if found else None) == last


def test_amendment_edits_in_their_forms():
    from gazette.link.edits import apply_edits, parse_edits
    from gazette.link.works import Article

    articles = [Article(n, f"第{n}条", f"art-{n}", text) for n, text in enumerate([
        "甲。", "应当提前3日通知。\n其他款。", "本条包括：\n（一）一项；\n（二）二项。\n前款另有规定的，从其规定。", "丁。"], start=1)]
    edits = parse_edits([
        "一、将第一条修改为：“新甲。", "“新甲第二款。”",
        "二、将第二条第一款中的“提前3日”修改为“提前5日”，“通知”修改为“告知”。",
        "三、删去第三条第二款。",
        "四、在第二条中增加一款，作为第二款：“新增的款。”",
        "五、删去第四条。",
        "六、在第三条后增加一条，作为第四条：“新条。”",
        "此外，对条文顺序作相应调整。"])
    assert [e.kind for e in edits] == ["replace", "phrase", "phrase", "delete_para", "add_para", "delete", "insert"]
    assert apply_edits(articles, edits) == [
        (1, "新甲。\n新甲第二款。"), (2, "应当提前5日告知。\n新增的款。\n其他款。"),
        (3, "本条包括：\n（一）一项；\n（二）二项。"), (None, "新条。")]


@pytest.mark.parametrize("sentence", [
    "现决定废止《某市城市绿化管理办法》（某政发〔2015〕3号）。",
    "经市政府同意，废止《某市城市绿化管理办法》（某政发〔2015〕3号）、《某市公园管理规定》（某政发〔2016〕4号）。",
    "《某市城市绿化管理办法》（某政发〔2015〕3号）同时作废。",
    "《某市城市绿化管理办法》（某政发〔2015〕3号）自本办法施行之日起停止施行。",
])
def test_repeals_with_the_verb_before_or_other_verbs(sentence):
    titles = [c for c in citations_in_text(sentence, 1) if c.kind == "title"]
    assert titles and all(c.repeals and not c.lapses for c in titles)
    assert titles[0].numbers == ("某政发〔2015〕3号",)


@pytest.mark.parametrize("sentence", [
    "市政府关于废止《某市城市绿化管理办法》的决定已印发。",  # names a decision, repeals nothing itself
    "拟废止《某市城市绿化管理办法》（某政发〔2015〕3号），请提出意见。",  # a proposal
    "为贯彻落实《某市城市绿化管理办法》，现通知如下。",
])
def test_no_repeal_without_the_act(sentence):
    assert not any(c.repeals or c.lapses for c in citations_in_text(sentence, 1))


def test_a_bare_doc_number_and_a_self_lapsing_title():
    bare = citations_in_text("现决定废止某政发〔2015〕3号文件。", 1, frozenset({"某政发"}))
    assert [(c.key, c.repeals) for c in bare] == [("某政发〔2015〕3号", True)]
    lapsing = next(c for c in citations_in_text("《某市甲方案》（某政发〔2015〕3号）自行失效。", 1) if c.kind == "title")
    assert (lapsing.lapses, lapsing.repeals) == (True, False)


def test_dates_written_in_characters():
    from gazette.parse.lines import is_date_line
    from gazette.parse.notice import parse_date
    from gazette.text.dates import arabic_dates

    assert arabic_dates("二〇二〇年十二月三十一日") == "2020年12月31日"
    assert arabic_dates("二○○八年二月十日印发") == "2008年2月10日印发"  # ○ for 〇, as often typeset
    assert arabic_dates("第十二条") == "第十二条"
    assert is_date_line("二〇二〇年七月三十日") and parse_date("二〇二〇年七月三十日") == dt.date(2020, 7, 30)
    assert title_period("某市二〇二一年大气污染防治工作方案")[0] == dt.date(2021, 12, 31)


def test_amendment_edits_in_other_wordings():
    """Without 将, 改为 / 删除, 中的“…”删去 (a phrase, not the article), 在“…”后增加, a 款 replaced alone,
    a new article placed by its new number, （一） labels."""
    from gazette.link.edits import apply_edits, parse_edits
    from gazette.link.works import Article

    articles = [Article(n, f"第{n}条", f"art-{n}", text) for n, text in enumerate([
        "甲。", "应当提前3日通知。\n其他款。", "依照本条举行听证和论证。", "丁。", "戊。"], start=1)]
    edits = parse_edits([
        "一、第一条修改为：“新甲。”",
        "二、第二条第一款中的“提前3日”改为“提前5日”。",
        "（三）删去第三条中的“和论证”。",
        "四、在第三条中的“听证”后增加“或者座谈”。",
        "五、第二条第二款修改为：“新的其他款。”",
        "六、删除第四条。",
        "七、增加一条，作为第五条：“新条。”",
        "八、将第六条改为第七条。"])  # a renumbering says nothing of the text: no edit
    assert [(e.kind, e.article) for e in edits] == [
        ("replace", 1), ("phrase", 2), ("phrase", 3), ("phrase", 3), ("replace", 2), ("delete", 4), ("insert", 0)]
    assert apply_edits(articles, edits) == [
        (1, "新甲。"), (2, "应当提前5日通知。\n新的其他款。"), (3, "依照本条举行听证或者座谈。"), (5, "戊。"),
        (None, "新条。")]
